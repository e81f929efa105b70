//! `/admin/staff`: the admin invites staff members.

use super::api;
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::form::{
    done_alert, locale_select, page_locale, text, Field, FormAlerts, FormErrors,
};
use crate::ui::user::account_me;
use crate::ui::Loading;
use domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

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
