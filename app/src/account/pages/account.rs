//! `/account`: my reservations, profile, password, sign out, delete.

use super::super::api;
use super::reservations::Reservations;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::form::{done_alert, locale_select, text, Field, FormAlerts, FormErrors};
use crate::ui::user::account_me;
use crate::ui::Loading;
use domain::UserView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let profile = ServerAction::<api::UpdateProfile>::new();
    let password = ServerAction::<api::ChangePassword>::new();
    let cancel = ServerAction::<api::CancelReservation>::new();
    provide_context(ServerAction::<api::ChangeReservation>::new());
    let me = Resource::new(
        move || (profile.version().get(), password.version().get()),
        |_| account_me(),
    );
    let reservations = Resource::new(move || cancel.version().get(), |_| api::my_reservations());
    let done = Signal::derive(move || {
        query.read().get_str("done").map(|d| {
            match d {
                "registered" => t_string!(i18n, account.done.registered),
                "profile" => t_string!(i18n, account.done.profile),
                "password" => t_string!(i18n, account.done.password),
                "cancelled" => t_string!(i18n, account.done.cancelled),
                "welcome" => t_string!(i18n, account.done.welcome),
                _ => t_string!(i18n, account.done.saved),
            }
            .to_string()
        })
    });
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, account.title).to_string() />
        <h1 id="page-title" tabindex="-1">{t!(i18n, account.title)}</h1>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(None) | Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    Ok(Some(user)) => {
                        let email = user.email.clone();
                        view! {
                        {done_alert(done)}
                        {(!user.email_verified).then(|| view! {
                            <div class="alert alert-info" role="status">
                                <p>{move || t_string!(i18n, account.unverified, email = email.clone()).to_string()}</p>
                            </div>
                        })}
                        <div class="account-grid">
                            <div class="account-main">
                                <Reservations reservations cancel />
                            </div>
                            <div class="account-side">
                                <ProfileForm user=user.clone() action=profile />
                                <PasswordForm action=password />
                                <SignOut />
                                <DeleteAccount />
                            </div>
                        </div>
                    }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn ProfileForm(user: UserView, action: ServerAction<api::UpdateProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "profile-errors");
    view! {
        <section class="card" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t!(i18n, account.profile_title)}</h2>
            <p class="account-email">{t!(i18n, form.email)}": "<strong>{user.email.clone()}</strong></p>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlerts id="profile-errors" errors />
                <Field id="name" label=text(i18n, |i| t_string!(i, form.name))
                    error=errors.field(i18n, "name") autocomplete="name" value=user.name.clone()
                    required=true maxlength=100 />
                <Field id="phone" kind="tel" label=text(i18n, |i| t_string!(i, account.phone_optional))
                    hint=text(i18n, |i| t_string!(i, form.phone_hint))
                    error=errors.field(i18n, "phone") autocomplete="tel"
                    value=if user.phone.is_empty() { String::new() } else { domain::format_phone(&user.phone) }
                    maxlength=30 />
                {locale_select(i18n, "profile-locale", user.locale)}
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {t!(i18n, account.profile_submit)}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm(action: ServerAction<api::ChangePassword>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "password-errors");
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">{t!(i18n, account.password_title)}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlerts id="password-errors" errors />
                <Field id="current_password" kind="password" label=text(i18n, |i| t_string!(i, account.current_password))
                    error=errors.field(i18n, "current_password") autocomplete="current-password"
                    value=String::new() required=true maxlength=128 />
                <Field id="new_password" kind="password" label=text(i18n, |i| t_string!(i, account.new_password))
                    hint=text(i18n, |i| t_string!(i, account.password_hint))
                    error=errors.field(i18n, "new_password") autocomplete="new-password"
                    value=String::new() required=true maxlength=128 />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {t!(i18n, account.password_submit)}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn SignOut() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<api::Logout>::new();
    let everywhere = ServerAction::<api::LogoutAll>::new();
    view! {
        <section class="card" aria-labelledby="signout-heading">
            <h2 id="signout-heading">{t!(i18n, account.signout_title)}</h2>
            <ActionForm action attr:class="form-actions">
                <button type="submit" class="button button-secondary" disabled=move || action.pending().get()>
                    {t!(i18n, account.signout)}
                </button>
            </ActionForm>
            <p>{t!(i18n, account.signout_everywhere_intro)}</p>
            <ActionForm action=everywhere attr:class="form-actions">
                <button type="submit" class="button button-secondary" disabled=move || everywhere.pending().get()>
                    {t!(i18n, account.signout_everywhere)}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn DeleteAccount() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<api::DeleteAccount>::new();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "delete-errors");
    view! {
        <section class="card" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{t!(i18n, account.delete_title)}</h2>
            <p>{t!(i18n, account.delete_intro)}</p>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlerts id="delete-errors" errors />
                <Field id="delete_password" kind="password" label=text(i18n, |i| t_string!(i, account.password))
                    error=errors.field(i18n, "delete_password") autocomplete="current-password"
                    value=String::new() required=true maxlength=128 />
                <div class="form-actions">
                    <button type="submit" class="button button-danger" disabled=move || action.pending().get()>
                        {t!(i18n, account.delete_submit)}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
