//! The pages of e-mailed links that set a password: forgotten password
//! (ask, then reset) and a staff invitation.

use super::super::api;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::form::{done_alert, text, Field, FormAlerts, FormErrors};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

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
