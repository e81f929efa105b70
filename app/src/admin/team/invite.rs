//! The invitation form: an e-mailed link, valid 7 days, lets the new
//! member choose their password.

use super::api;
use crate::i18n::*;
use crate::ui::form::{locale_select, page_locale, text, Field, FormAlerts, FormErrors};
use leptos::prelude::*;

#[component]
pub fn InviteForm(action: ServerAction<api::InviteStaff>) -> impl IntoView {
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
