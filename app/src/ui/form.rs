//! Forms: one labelled `Field` with its inline error, the `ErrorSummary`
//! above a form, the translated messages and labels of the fields a server
//! function rejects (`AppError::fields`), and small form pieces.

use super::focus::focus_later;
use super::I18n;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use domain::FieldError;
use leptos::prelude::*;

/// A labelled text input (or textarea) with its hint and inline error,
/// wired with `aria-invalid` and `aria-describedby`. Its form name is its
/// id unless `name` says otherwise (two forms of a page that post the same
/// field need different ids).
#[component]
pub fn Field(
    #[prop(into)] id: String,
    /// The form name, when it is not the id.
    #[prop(optional, into)]
    name: Option<String>,
    label: Signal<String>,
    #[prop(optional)] hint: Option<Signal<String>>,
    /// The translated error, when the field is at fault.
    error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional, into)] value: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
    /// A textarea's height in lines.
    #[prop(default = 4)]
    rows: u32,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] min: Option<u32>,
    #[prop(optional)] max: Option<u32>,
    #[prop(optional)] pattern: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = name.unwrap_or_else(|| id.clone());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let control = if multiline {
        view! {
            <textarea
                id=id.clone()
                name=name
                rows=rows
                maxlength=maxlength
                required=required
                aria-invalid=invalid
                aria-describedby=described_by
            >
                {value}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength
                min=min
                max=max
                pattern=pattern
                required=required
                aria-invalid=invalid
                aria-describedby=described_by
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            {move || error.get().map(|message| view! {
                <p class="field-error" id=error_id.clone()>
                    <span class="visually-hidden">{t_string!(i18n, form.error_prefix)}" "</span>
                    {message}
                </p>
            })}
            {control}
        </div>
    }
}

/// The list of form errors above a form, focused after a failed submit.
#[component]
pub fn ErrorSummary(id: &'static str, messages: Signal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let messages = messages.get();
        (!messages.is_empty()).then(|| {
            view! {
                <div class="alert alert-error" role="alert" id=id tabindex="-1">
                    <p class="alert-title">{t!(i18n, form.fix)}</p>
                    <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// The translated inline error of a field at fault, by its form name and
/// its reason (`password` / `too_short`, `email` / `taken`).
pub fn field_message(i18n: I18n, error: &FieldError) -> String {
    match (error.field.as_str(), error.reason.as_str()) {
        ("email", "taken") => t_string!(i18n, account.errors.email_taken),
        ("end", "before_start") => t_string!(i18n, blocks.err_before_start),
        ("end", "past") => t_string!(i18n, blocks.err_past),
        (_, "not_a_time") => t_string!(i18n, blocks.err_not_a_time),
        ("start" | "end", _) => t_string!(i18n, blocks.err_when),
        ("area_id", "empty") => t_string!(i18n, blocks.err_area_empty),
        ("tables", "required") => t_string!(i18n, blocks.err_tables_required),
        ("reason", _) => t_string!(i18n, reservation.err_reason),
        (_, "taken") => t_string!(i18n, tables.err_taken),
        ("max_seats", "below_min") => t_string!(i18n, tables.err_below_min),
        ("area_id", _) => t_string!(i18n, tables.err_area),
        ("min_seats" | "max_seats" | "x" | "y" | "width" | "height" | "rotation", _) => {
            t_string!(i18n, tables.err_number)
        }
        ("email" | "role", "unverified") => t_string!(i18n, account.errors.unverified_account),
        ("email", "missing") => t_string!(i18n, reservation.err_email_missing),
        ("alt_fr" | "alt_en", "too_long") => t_string!(i18n, settings.gallery_alt_too_long),
        ("body", "too_short") => t_string!(i18n, contact.err_body_short),
        ("body", "too_long") => t_string!(i18n, contact.err_body_long),
        ("body", _) => t_string!(i18n, contact.err_body),
        ("alt_fr" | "alt_en", _) => t_string!(i18n, settings.gallery_alt_invalid),
        (_, "too_short") => t_string!(i18n, account.errors.password_too_short),
        (_, "too_long") => t_string!(i18n, account.errors.password_too_long),
        (_, "too_common") => t_string!(i18n, account.errors.password_too_common),
        ("name", _) => t_string!(i18n, form.errors.name),
        ("email", _) => t_string!(i18n, form.errors.email),
        ("phone", _) => t_string!(i18n, form.errors.phone),
        ("notes", _) => t_string!(i18n, form.errors.notes),
        ("consent", _) => t_string!(i18n, form.errors.consent),
        ("time", _) => t_string!(i18n, form.errors.time),
        ("date", _) => t_string!(i18n, form.errors.date),
        ("party_size", _) => t_string!(i18n, form.errors.party_size),
        ("reference", _) => t_string!(i18n, form.errors.reference),
        ("current_password" | "delete_password", _) => {
            t_string!(i18n, account.errors.current_password)
        }
        ("role", _) => t_string!(i18n, account.errors.role),
        ("tables", "too_small") => t_string!(i18n, staff.err_too_small),
        ("tables", "not_combinable") => t_string!(i18n, staff.err_not_combinable),
        ("tables" | "table", _) => t_string!(i18n, staff.err_tables),
        ("duration_minutes", _) => t_string!(i18n, staff.err_duration),
        ("note", _) => t_string!(i18n, staff.err_note),
        ("text", _) => t_string!(i18n, reservation.err_text),
        _ => t_string!(i18n, error.invalid_input),
    }
    .to_string()
}

/// The label of a field, for the error summary ("Name: ...").
pub fn field_label(i18n: I18n, field: &str) -> &'static str {
    match field {
        "name" => t_string!(i18n, form.name),
        "email" => t_string!(i18n, form.email),
        "phone" => t_string!(i18n, form.phone),
        "notes" => t_string!(i18n, form.notes),
        "consent" => t_string!(i18n, form.consent_short),
        "time" => t_string!(i18n, summary.time),
        "date" => t_string!(i18n, summary.date),
        "party_size" => t_string!(i18n, summary.party),
        "password" | "delete_password" => t_string!(i18n, account.password),
        "new_password" => t_string!(i18n, account.new_password),
        "current_password" => t_string!(i18n, account.current_password),
        "role" => t_string!(i18n, account.role),
        "tables" | "table" => t_string!(i18n, staff.tables_label),
        "duration" => t_string!(i18n, staff.duration_label),
        "duration_minutes" => t_string!(i18n, staff.duration_label),
        "note" => t_string!(i18n, staff.note_label),
        "text" => t_string!(i18n, reservation.note_label),
        "reason" => t_string!(i18n, reservation.cancel_reason),
        "area_id" => t_string!(i18n, tables.area),
        "start" => t_string!(i18n, blocks.start),
        "end" => t_string!(i18n, blocks.end),
        "min_seats" => t_string!(i18n, tables.min_seats),
        "max_seats" => t_string!(i18n, tables.max_seats),
        "shape" => t_string!(i18n, tables.shape),
        "x" => t_string!(i18n, tables.x),
        "y" => t_string!(i18n, tables.y),
        "width" => t_string!(i18n, tables.width),
        "height" => t_string!(i18n, tables.height),
        "rotation" => t_string!(i18n, tables.rotation),
        "message" => t_string!(i18n, reservation.cancel_message),
        "alt_fr" => t_string!(i18n, settings.gallery_alt_fr),
        "body" => t_string!(i18n, contact.body),
        "alt_en" => t_string!(i18n, settings.gallery_alt_en),
        _ => t_string!(i18n, form.other),
    }
}

/// The lines of an error summary for the fields at fault.
pub fn summary_lines(i18n: I18n, fields: &[FieldError]) -> Vec<String> {
    fields
        .iter()
        .map(|f| {
            t_string!(
                i18n,
                form.summary_line,
                label = field_label(i18n, &f.field),
                message = field_message(i18n, f)
            )
            .to_string()
        })
        .collect()
}

/// The inline error of the field `name`, when it is among `fields`.
pub fn field_error(
    i18n: I18n,
    fields: Memo<Vec<FieldError>>,
    name: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        fields.with(|f| {
            f.iter()
                .find(|x| x.field == name)
                .map(|x| field_message(i18n, x))
        })
    })
}

/// The errors of one form: inline per field, a summary, and the rest.
#[derive(Clone, Copy)]
pub struct FormErrors {
    pub error: Memo<Option<AppError>>,
    pub fields: Memo<Vec<FieldError>>,
}

impl FormErrors {
    /// Also focuses `summary_id` after a failed submit.
    pub fn new(error: Memo<Option<AppError>>, summary_id: &'static str) -> Self {
        let fields = Memo::new(move |_| error.get().map(|e| e.fields()).unwrap_or_default());
        Effect::new(move |_| {
            if error.get().is_some() {
                focus_later(summary_id);
            }
        });
        FormErrors { error, fields }
    }

    pub fn field(self, i18n: I18n, name: &'static str) -> Signal<Option<String>> {
        field_error(i18n, self.fields, name)
    }

    pub fn summary(self, i18n: I18n) -> Signal<Vec<String>> {
        let fields = self.fields;
        Signal::derive(move || summary_lines(i18n, &fields.get()))
    }

    /// Errors that are not about a field.
    pub fn other(self) -> Signal<Option<AppError>> {
        let error = self.error;
        Signal::derive(move || error.get().filter(|e| e.fields().is_empty()))
    }
}

/// The summary of a form's field errors and its other error.
#[component]
pub fn FormAlerts(id: &'static str, errors: FormErrors) -> impl IntoView {
    let i18n = use_i18n();
    let other = errors.other();
    view! {
        <ErrorSummary id=id messages=errors.summary(i18n) />
        {move || other.get().map(|error| view! {
            <div id=id tabindex="-1"><ErrorMessage error /></div>
        })}
    }
}

/// A "done" message (from the page's `done` query parameter), focused when
/// it appears.
pub fn done_alert(text: Signal<Option<String>>) -> impl IntoView {
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

/// The language of e-mails, as a `locale` select.
pub fn locale_select(i18n: I18n, id: &'static str, current: domain::Locale) -> impl IntoView {
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

/// The page's language, as the domain names it.
pub fn page_locale(i18n: I18n) -> domain::Locale {
    match i18n.get_locale_untracked() {
        Locale::en => domain::Locale::En,
        Locale::fr => domain::Locale::Fr,
    }
}

/// A translated text as a signal (a `Field`'s label or hint).
pub fn text(i18n: I18n, f: fn(I18n) -> &'static str) -> Signal<String> {
    Signal::derive(move || f(i18n).to_string())
}

/// Submits a GET form as a client-side navigation to its action with the
/// form's fields as the query (without JavaScript the browser does the
/// same with a page load). `leptos_router`'s `<Form>` would add an empty
/// `=` pair for the unnamed submit button.
pub fn submit_get_form(
    ev: &leptos::ev::SubmitEvent,
    navigate: &impl Fn(&str, leptos_router::NavigateOptions),
) {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{FormData, HtmlFormElement, UrlSearchParams};
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let (Some(action), Ok(data)) = (form.get_attribute("action"), FormData::new_with_form(&form))
    else {
        return;
    };
    let Ok(params) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return;
    };
    ev.prevent_default();
    navigate(
        &format!("{action}?{}", String::from(params.to_string())),
        leptos_router::NavigateOptions {
            scroll: false,
            ..Default::default()
        },
    );
}
