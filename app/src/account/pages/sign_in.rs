//! Signing in and registering, and confirming the e-mail address.

use super::super::api;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::form::{
    done_alert, locale_select, page_locale, text, Field, FormAlerts, FormErrors,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

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
                "registered" => t_string!(i18n, account.done.registered),
                "deleted" => t_string!(i18n, account.done.deleted),
                "signed_out_everywhere" => t_string!(i18n, account.done.signed_out_everywhere),
                _ => t_string!(i18n, account.done.signed_out),
            }
            .to_string()
        })
    });
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, login.title).to_string() />
        <crate::ui::Description text=Signal::derive(move || t_string!(i18n, login.description).to_string()) />
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
                    <p><a class="button button-primary" href="/login">{t!(i18n, nav.login)}</a></p>
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
