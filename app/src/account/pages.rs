//! The account pages.

use super::api;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::form::{
    done_alert, locale_select, page_locale, text, Field, FormAlerts, FormErrors,
};
use crate::ui::labels::{party_label, status_label};
use crate::ui::user::account_me;
use crate::ui::Loading;
use domain::{ReservationView, Role, UserView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

// ---------------------------------------------------------------- login

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<api::Login>::new();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "login-errors");
    let done = Signal::derive(move || {
        query.read().get_str("done").map(|d| {
            match d {
                "reset" => t_string!(i18n, account.done.reset),
                "deleted" => t_string!(i18n, account.done.deleted),
                _ => t_string!(i18n, account.done.signed_out),
            }
            .to_string()
        })
    });
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, login.title).to_string() />
        <div class="narrow">
            <h1 id="page-title" tabindex="-1">{t!(i18n, login.title)}</h1>
            {done_alert(done)}
            <ActionForm action attr:class="card form" attr:novalidate=true>
                {move || match errors.other().get() {
                    Some(AppError::Unauthorized) => Some(view! {
                        <div class="alert alert-error" role="alert" id="login-errors" tabindex="-1">
                            <p>{t!(i18n, account.errors.login)}</p>
                        </div>
                    }.into_any()),
                    Some(error) => Some(view! {
                        <div id="login-errors" tabindex="-1"><ErrorMessage error /></div>
                    }.into_any()),
                    None => None,
                }}
                <Field id="email" kind="email" label=text(i18n, |i| t_string!(i, form.email))
                    error=errors.field(i18n, "email") autocomplete="email" value=String::new()
                    required=true maxlength=254 />
                <Field id="password" kind="password" label=text(i18n, |i| t_string!(i, account.password))
                    error=errors.field(i18n, "password") autocomplete="current-password"
                    value=String::new() required=true maxlength=128 />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {t!(i18n, account.login_submit)}
                    </button>
                    <a href="/account/forgot">{t!(i18n, account.forgot_link)}</a>
                </div>
            </ActionForm>
            <p class="card-note">{t!(i18n, account.no_account)}" "<a href="/register">{t!(i18n, account.register_link)}</a></p>
        </div>
    }
}

// ---------------------------------------------------------------- register

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<api::Register>::new();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "register-errors");
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, account.register_title).to_string() />
        <div class="narrow">
            <h1 id="page-title" tabindex="-1">{t!(i18n, account.register_title)}</h1>
            <ActionForm action attr:class="card form" attr:novalidate=true>
                <FormAlerts id="register-errors" errors />
                <p class="form-intro">{t!(i18n, account.register_intro)}</p>
                <Field id="name" label=text(i18n, |i| t_string!(i, form.name))
                    error=errors.field(i18n, "name") autocomplete="name" value=String::new()
                    required=true maxlength=100 />
                <Field id="email" kind="email" label=text(i18n, |i| t_string!(i, form.email))
                    error=errors.field(i18n, "email") autocomplete="email" value=String::new()
                    required=true maxlength=254 />
                <Field id="password" kind="password" label=text(i18n, |i| t_string!(i, account.password))
                    hint=text(i18n, |i| t_string!(i, account.password_hint))
                    error=errors.field(i18n, "password") autocomplete="new-password"
                    value=String::new() required=true maxlength=128 />
                {locale_select(i18n, "locale", page_locale(i18n))}
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {t!(i18n, account.register_submit)}
                    </button>
                </div>
            </ActionForm>
            <p class="card-note">{t!(i18n, account.have_account)}" "<a href="/login">{t!(i18n, account.login_link)}</a></p>
        </div>
    }
}

// ---------------------------------------------------------------- verify

#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    // Opening the link changes nothing (mail scanners open links too): the
    // address is confirmed by the button, a POST.
    let action = ServerAction::<api::Verify>::new();
    let done = move || {
        query.read().get_str("done").is_some() || matches!(action.value().get(), Some(Ok(())))
    };
    let error = move || action.value().get().and_then(Result::err);
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, account.verify_title).to_string() />
        <div class="narrow">
            <h1 id="page-title" tabindex="-1">{t!(i18n, account.verify_title)}</h1>
            {move || if done() {
                view! {
                    <div class="alert alert-success" role="status"><p>{t!(i18n, account.verify_ok)}</p></div>
                    <p><a class="button button-primary" href="/account">{t!(i18n, nav.account)}</a></p>
                }.into_any()
            } else {
                let token = token.clone();
                view! {
                    {move || error().map(|error| match error {
                        AppError::NotFound => view! {
                            <div class="alert alert-error" role="alert"><p>{t!(i18n, account.link_invalid)}</p></div>
                        }.into_any(),
                        error => view! { <ErrorMessage error /> }.into_any(),
                    })}
                    <ActionForm action attr:class="card form">
                        <p>{t!(i18n, account.verify_intro)}</p>
                        <input type="hidden" name="token" value=token />
                        <button class="button button-primary" type="submit">{t!(i18n, account.verify_button)}</button>
                    </ActionForm>
                }.into_any()
            }}
        </div>
    }
}

// ---------------------------------------------------------------- forgot / reset

#[component]
pub fn ForgotPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<api::Forgot>::new();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "forgot-errors");
    let done = Signal::derive(move || {
        query
            .read()
            .get_str("done")
            .map(|_| t_string!(i18n, account.forgot_sent).to_string())
    });
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, account.forgot_title).to_string() />
        <div class="narrow">
            <h1 id="page-title" tabindex="-1">{t!(i18n, account.forgot_title)}</h1>
            {done_alert(done)}
            <ActionForm action attr:class="card form" attr:novalidate=true>
                <FormAlerts id="forgot-errors" errors />
                <p class="form-intro">{t!(i18n, account.forgot_intro)}</p>
                <Field id="email" kind="email" label=text(i18n, |i| t_string!(i, form.email))
                    error=errors.field(i18n, "email") autocomplete="email" value=String::new()
                    required=true maxlength=254 />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {t!(i18n, account.forgot_submit)}
                    </button>
                    <a href="/login">{t!(i18n, account.login_link)}</a>
                </div>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let action = ServerAction::<api::Reset>::new();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "reset-errors");
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, account.reset_title).to_string() />
        <div class="narrow">
            <h1 id="page-title" tabindex="-1">{t!(i18n, account.reset_title)}</h1>
            <ActionForm action attr:class="card form" attr:novalidate=true>
                {move || match errors.other().get() {
                    Some(AppError::NotFound) => Some(view! {
                        <div class="alert alert-error" role="alert" id="reset-errors" tabindex="-1">
                            <p>{t!(i18n, account.link_invalid)}</p>
                            <p><a href="/account/forgot">{t!(i18n, account.forgot_again)}</a></p>
                        </div>
                    }.into_any()),
                    _ => None,
                }}
                <FormAlerts id="reset-errors" errors=FormErrors {
                    error: Memo::new(move |_| error.get().filter(|e| *e != AppError::NotFound)),
                    fields: errors.fields,
                } />
                <input type="hidden" name="token" value=token />
                <Field id="password" kind="password" label=text(i18n, |i| t_string!(i, account.new_password))
                    hint=text(i18n, |i| t_string!(i, account.password_hint))
                    error=errors.field(i18n, "password") autocomplete="new-password"
                    value=String::new() required=true maxlength=128 />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {t!(i18n, account.reset_submit)}
                    </button>
                </div>
            </ActionForm>
        </div>
    }
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let action = ServerAction::<api::AcceptInvite>::new();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "invite-errors");
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, account.invite_title).to_string() />
        <div class="narrow">
            <h1 id="page-title" tabindex="-1">{t!(i18n, account.invite_title)}</h1>
            <ActionForm action attr:class="card form" attr:novalidate=true>
                {move || match errors.other().get() {
                    Some(AppError::NotFound) => Some(view! {
                        <div class="alert alert-error" role="alert" id="invite-errors" tabindex="-1">
                            <p>{t!(i18n, account.link_invalid)}</p>
                        </div>
                    }.into_any()),
                    _ => None,
                }}
                <FormAlerts id="invite-errors" errors=FormErrors {
                    error: Memo::new(move |_| error.get().filter(|e| *e != AppError::NotFound)),
                    fields: errors.fields,
                } />
                <p class="form-intro">{t!(i18n, account.invite_intro)}</p>
                <input type="hidden" name="token" value=token />
                <Field id="password" kind="password" label=text(i18n, |i| t_string!(i, account.new_password))
                    hint=text(i18n, |i| t_string!(i, account.password_hint))
                    error=errors.field(i18n, "password") autocomplete="new-password"
                    value=String::new() required=true maxlength=128 />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {t!(i18n, account.invite_submit)}
                    </button>
                </div>
            </ActionForm>
        </div>
    }
}

// ---------------------------------------------------------------- account

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
    view! {
        <section class="card" aria-labelledby="signout-heading">
            <h2 id="signout-heading">{t!(i18n, account.signout_title)}</h2>
            <ActionForm action attr:class="form-actions">
                <button type="submit" class="button button-secondary" disabled=move || action.pending().get()>
                    {t!(i18n, account.signout)}
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

#[component]
fn Reservations(
    reservations: Resource<Result<Vec<ReservationView>, AppError>>,
    cancel: ServerAction<api::CancelReservation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asking = Memo::new(move |_| query.read().get("cancel"));
    let error = Memo::new(move |_| cancel.value().get().and_then(Result::err));
    view! {
        <section class="card" aria-labelledby="reservations-heading">
            <h2 id="reservations-heading" tabindex="-1">{t!(i18n, account.reservations_title)}</h2>
            {move || error.get().map(|error| view! { <ErrorMessage error /> })}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match reservations.await {
                        Err(AppError::Forbidden) => view! {
                            <p class="notice">{t!(i18n, account.verify_first)}</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p>{t!(i18n, account.no_reservations)}</p>
                            <p><a class="button button-primary" href="/book">{t!(i18n, nav.book)}</a></p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="reservation-list">
                                {list.into_iter().map(|r| view! { <ReservationItem r asking cancel /> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ReservationItem(
    r: ReservationView,
    asking: Memo<Option<String>>,
    cancel: ServerAction<api::CancelReservation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let change = expect_context::<ServerAction<api::ChangeReservation>>();
    let status = r.status;
    let reference = r.reference.clone();
    let can_cancel = r.can_change && status.is_active();
    let (date, time, party) = (r.date.clone(), r.time.clone(), r.party_size);
    let item_id = format!("booking-{}", r.reference);
    let confirm_id = format!("cancel-{}", r.reference);
    let this = reference.clone();
    let asking_this = Memo::new(move |_| asking.get().as_deref() == Some(this.as_str()));
    let focus_id = confirm_id.clone();
    Effect::watch(
        move || asking_this.get(),
        move |now, _, _| {
            if *now {
                focus_later(focus_id.clone());
            }
        },
        false,
    );
    let actions = move || {
        if !can_cancel {
            return None;
        }
        let reference = reference.clone();
        Some(if asking_this.get() {
            view! {
                <div class="cancel-confirm">
                    <p id=confirm_id.clone() tabindex="-1">{t!(i18n, account.cancel_confirm)}</p>
                    <ActionForm action=cancel attr:class="form-actions">
                        <input type="hidden" name="reference" value=reference.clone() />
                        <button type="submit" class="button button-danger" disabled=move || cancel.pending().get()>
                            {t!(i18n, manage.cancel_yes)}
                        </button>
                        <a class="button button-secondary" href="/account#reservations-heading">{t!(i18n, manage.cancel_no)}</a>
                    </ActionForm>
                </div>
            }
            .into_any()
        } else {
            let cancel_href = format!("/account?cancel={reference}");
            let hidden_ref = reference.clone();
            let label_ref = reference.clone();
            view! {
                <div class="form-actions">
                    <ActionForm action=change>
                        <input type="hidden" name="reference" value=hidden_ref />
                        <button type="submit" class="button button-secondary" disabled=move || change.pending().get()>
                            {t!(i18n, account.change)}
                            <span class="visually-hidden">" "{label_ref}</span>
                        </button>
                    </ActionForm>
                    <a class="button button-danger-outline" href=cancel_href>
                        {t!(i18n, manage.cancel_button)}
                        <span class="visually-hidden">" "{reference}</span>
                    </a>
                </div>
            }
            .into_any()
        })
    };
    view! {
        <li class="reservation-item" id=item_id>
            <p class="reservation-when">
                <strong>{move || long_date(i18n, &date)}</strong>" · "{time.clone()}" · "{move || party_label(i18n, party)}
            </p>
            <p class="reservation-meta">
                {t!(i18n, done.reference)}" "<span class="reservation-ref">{r.reference.clone()}</span>" · "
                <span class=format!("status status-{}", status.as_str())>{move || status_label(i18n, status)}</span>
            </p>
            {actions}
        </li>
    }
}

// ---------------------------------------------------------------- admin

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let invite = ServerAction::<api::InviteStaff>::new();
    let me = Resource::new(|| (), |_| account_me());
    let done = Signal::derive(move || {
        query
            .read()
            .get_str("done")
            .map(|_| t_string!(i18n, admin.invited).to_string())
    });
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, admin.title).to_string() />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(None) => view! { <Redirect path="/login" /> }.into_any(),
                    Ok(Some(user)) if user.role == Role::Admin => view! {
                        <h1 id="page-title" tabindex="-1">{t!(i18n, admin.title)}</h1>
                        {done_alert(done)}
                        <InviteForm action=invite />
                    }.into_any(),
                    Ok(Some(_)) => {
                        crate::response::set_status(403);
                        view! {
                            <section class="card not-found">
                                <h1 id="page-title" tabindex="-1">{t!(i18n, admin.forbidden_title)}</h1>
                                <p>{t!(i18n, admin.forbidden)}</p>
                                <p><a class="button button-primary" href="/account">{t!(i18n, nav.account)}</a></p>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn InviteForm(action: ServerAction<api::InviteStaff>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "invite-errors");
    let role_error = errors.field(i18n, "role");
    view! {
        <section class="card narrow-card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t!(i18n, admin.invite_title)}</h2>
            <p>{t!(i18n, admin.invite_intro)}</p>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlerts id="invite-errors" errors />
                <Field id="email" kind="email" label=text(i18n, |i| t_string!(i, form.email))
                    error=errors.field(i18n, "email") autocomplete="off" value=String::new()
                    required=true maxlength=254 />
                <Field id="name" label=text(i18n, |i| t_string!(i, form.name))
                    error=errors.field(i18n, "name") autocomplete="off" value=String::new()
                    required=true maxlength=100 />
                <div class="field" class:field-invalid=move || role_error.with(Option::is_some)>
                    <label for="role">{t!(i18n, account.role)}</label>
                    <select id="role" name="role"
                        aria-invalid=move || role_error.with(Option::is_some).then_some("true")>
                        <option value="staff" selected=true>{t!(i18n, admin.role_staff)}</option>
                        <option value="admin">{t!(i18n, admin.role_admin)}</option>
                    </select>
                </div>
                {locale_select(i18n, "invite-locale", page_locale(i18n))}
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {t!(i18n, admin.invite_submit)}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
