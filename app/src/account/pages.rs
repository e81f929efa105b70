//! The account pages.

use super::api;
use crate::booking::dates::long_date;
use crate::booking::ui::{focus_heading_on_arrival, focus_later, party_label, ErrorSummary, Field};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use domain::{ReservationView, Role, UserView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

type I18n = leptos_i18n::I18nContext<Locale>;

fn loading(i18n: I18n) -> impl IntoView {
    view! { <p class="loading">{t!(i18n, loading)}</p> }
}

// ---------------------------------------------------------------- errors

/// The translated inline error of an account form field (`password:too_short`).
fn message(i18n: I18n, field: &str) -> String {
    let (_, reason) = field.split_once(':').unwrap_or((field, ""));
    match (field, reason) {
        ("name", _) => t_string!(i18n, form.errors.name),
        ("email", _) => t_string!(i18n, form.errors.email),
        ("phone", _) => t_string!(i18n, form.errors.phone),
        ("email:taken", _) => t_string!(i18n, account.errors.email_taken),
        (_, "too_short") => t_string!(i18n, account.errors.password_too_short),
        (_, "too_long") => t_string!(i18n, account.errors.password_too_long),
        (_, "too_common") => t_string!(i18n, account.errors.password_too_common),
        ("current_password", _) => t_string!(i18n, account.errors.current_password),
        ("delete_password", _) => t_string!(i18n, account.errors.current_password),
        ("role", _) => t_string!(i18n, account.errors.role),
        _ => t_string!(i18n, error.invalid_input),
    }
    .to_string()
}

fn label(i18n: I18n, field: &str) -> &'static str {
    match field.split_once(':').map_or(field, |(f, _)| f) {
        "name" => t_string!(i18n, form.name),
        "email" => t_string!(i18n, form.email),
        "phone" => t_string!(i18n, form.phone),
        "password" | "delete_password" => t_string!(i18n, account.password),
        "new_password" => t_string!(i18n, account.new_password),
        "current_password" => t_string!(i18n, account.current_password),
        "role" => t_string!(i18n, account.role),
        _ => t_string!(i18n, form.other),
    }
}

/// The errors of one form: inline per field, a summary, and the rest.
#[derive(Clone, Copy)]
struct FormErrors {
    error: Memo<Option<AppError>>,
    fields: Memo<Vec<String>>,
}

impl FormErrors {
    fn new(error: Memo<Option<AppError>>, summary_id: &'static str) -> Self {
        let fields = Memo::new(move |_| error.get().map(|e| e.fields()).unwrap_or_default());
        Effect::new(move |_| {
            if error.get().is_some() {
                focus_later(summary_id);
            }
        });
        FormErrors { error, fields }
    }

    fn field(self, i18n: I18n, name: &'static str) -> Signal<Option<String>> {
        let fields = self.fields;
        Signal::derive(move || {
            fields.with(|f| {
                f.iter()
                    .find(|x| *x == name || x.split_once(':').is_some_and(|(n, _)| n == name))
                    .map(|x| message(i18n, x))
            })
        })
    }

    fn summary(self, i18n: I18n) -> Signal<Vec<String>> {
        let fields = self.fields;
        Signal::derive(move || {
            fields
                .get()
                .iter()
                .map(|f| {
                    t_string!(
                        i18n,
                        form.summary_line,
                        label = label(i18n, f),
                        message = message(i18n, f)
                    )
                    .to_string()
                })
                .collect()
        })
    }

    /// Errors that are not about a field.
    fn other(self) -> Signal<Option<AppError>> {
        let error = self.error;
        Signal::derive(move || error.get().filter(|e| e.fields().is_empty()))
    }
}

/// The summary of a form's field errors and its other error.
#[component]
fn FormAlerts(id: &'static str, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let other = errors.other();
    view! {
        <ErrorSummary id=id messages=errors.summary(i18n) />
        {move || other.get().map(|error| view! {
            <div id=id tabindex="-1"><ErrorMessage error /></div>
        })}
    }
}

/// A "done" message from the `done` query parameter.
fn done_alert(text: Signal<Option<String>>) -> impl IntoView {
    Effect::watch(
        move || text.get(),
        move |text, _, _| {
            if text.is_some() {
                focus_later("done-message");
            }
        },
        false,
    );
    move || {
        text.get().map(|text| {
            view! {
                <div class="alert alert-success" role="status" id="done-message" tabindex="-1">
                    <p>{text}</p>
                </div>
            }
        })
    }
}

fn locale_select(i18n: I18n, id: &'static str, current: domain::Locale) -> impl IntoView {
    let option = move |l: domain::Locale| {
        view! {
            <option value=l.as_str() selected=current == l>
                {move || match l {
                    domain::Locale::Fr => t_string!(i18n, language.fr),
                    domain::Locale::En => t_string!(i18n, language.en),
                }}
            </option>
        }
    };
    view! {
        <div class="field">
            <label for=id>{t!(i18n, account.language)}</label>
            <select id=id name="locale">
                {option(domain::Locale::Fr)}
                {option(domain::Locale::En)}
            </select>
        </div>
    }
}

fn page_locale(i18n: I18n) -> domain::Locale {
    match i18n.get_locale_untracked() {
        Locale::en => domain::Locale::En,
        Locale::fr => domain::Locale::Fr,
    }
}

fn text(i18n: I18n, f: fn(I18n) -> &'static str) -> Signal<String> {
    Signal::derive(move || f(i18n).to_string())
}

// ---------------------------------------------------------------- header

/// "Log in", or "My account" when signed in.
#[component]
pub fn AccountLink() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let me = Resource::new(move || location.pathname.get(), |_| api::account_me());
    let current =
        move |href: &'static str| location.pathname.get().starts_with(href).then_some("page");
    let login = move || {
        view! { <a href="/login" aria-current=move || current("/login")>{t!(i18n, nav.login)}</a> }
    };
    view! {
        <Transition fallback=login>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(user)) => {
                        let admin = user.role == Role::Admin;
                        view! {
                            {admin.then(|| view! {
                                <a href="/admin/staff" class="nav-admin" aria-current=move || current("/admin")>{t!(i18n, nav.staff)}</a>
                                " "
                            })}
                            <a href="/account" aria-current=move || current("/account")>{t!(i18n, nav.account)}</a>
                        }
                        .into_any()
                    }
                    _ => login().into_any(),
                }
            })}
        </Transition>
    }
}

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
        |_| api::account_me(),
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
        <Transition fallback=move || loading(i18n)>
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
            <Transition fallback=move || loading(i18n)>
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
                <span class=format!("status status-{}", status.as_str())>{move || crate::manage::status_label(i18n, status)}</span>
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
    let me = Resource::new(|| (), |_| api::account_me());
    let done = Signal::derive(move || {
        query
            .read()
            .get_str("done")
            .map(|_| t_string!(i18n, admin.invited).to_string())
    });
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, admin.title).to_string() />
        <Transition fallback=move || loading(i18n)>
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
