//! The menu forms' errors: the translated message of each field and
//! reason the domain names (falling back on the kit's), each field's label
//! for the error summary, the words of a refused photo, and the summary
//! itself (the kit's `ErrorSummary`, focused after a failed submit).

use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::form::{field_message, ErrorSummary, FormErrors};
use crate::ui::I18n;
use domain::FieldError;
use leptos::prelude::*;

/// Why a photo was refused, in words: the upload's reasons
/// (`unsupported_type`, `too_large`, ...), else an error code.
pub fn photo_reason(i18n: I18n, reason: &str) -> String {
    match reason {
        "too_many" => t_string!(i18n, menu_admin.photo_too_many).to_string(),
        other => crate::ui::photo::photo_reason(i18n, other),
    }
}

/// The translated inline error of a menu field.
pub fn message(i18n: I18n, error: &FieldError) -> String {
    let (field, reason) = (error.field.as_str(), error.reason.as_str());
    match (field, reason) {
        ("photo", reason) => return photo_reason(i18n, reason),
        ("price", "required") => t_string!(i18n, menu_admin.err_price_required),
        ("price", "too_large") => t_string!(i18n, menu_admin.err_price_too_large),
        ("price", _) => t_string!(i18n, menu_admin.err_price_invalid),
        ("category_id", _) => t_string!(i18n, menu_admin.err_category),
        ("allergens" | "diets", _) => t_string!(i18n, menu_admin.err_tags),
        ("name_fr" | "name_en", "required") => t_string!(i18n, menu_admin.err_name_required),
        ("name_fr" | "name_en", "too_long") => t_string!(i18n, menu_admin.err_name_too_long),
        ("description_fr" | "description_en", "too_long") => {
            t_string!(i18n, menu_admin.err_description_too_long)
        }
        ("name_fr" | "name_en" | "description_fr" | "description_en", _) => {
            t_string!(i18n, menu_admin.err_text_invalid)
        }
        _ => return field_message(i18n, error),
    }
    .to_string()
}

/// The label of a menu field, for the error summary ("Price: ...").
pub fn label(i18n: I18n, field: &str) -> &'static str {
    match field {
        "name_fr" => t_string!(i18n, menu_admin.name_fr),
        "name_en" => t_string!(i18n, menu_admin.name_en),
        "description_fr" => t_string!(i18n, menu_admin.description_fr),
        "description_en" => t_string!(i18n, menu_admin.description_en),
        "price" => t_string!(i18n, menu_admin.price),
        "category_id" => t_string!(i18n, menu_admin.category),
        "allergens" => t_string!(i18n, menu_admin.allergens),
        "diets" => t_string!(i18n, menu_admin.diets),
        "photo" => t_string!(i18n, menu_admin.photo),
        _ => t_string!(i18n, form.other),
    }
}

/// What a refusal of the screen's buttons means, when the generic words
/// would not say what to do.
pub fn refusal_text(i18n: I18n, error: &AppError) -> Option<&'static str> {
    match error {
        AppError::InUse { reason } if reason == "category_not_empty" => {
            Some(t_string!(i18n, menu_admin.in_use_category))
        }
        _ => None,
    }
}

/// A refusal in words: the screen's own, else the generic message.
#[component]
pub fn Refusal(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    match refusal_text(i18n, &error) {
        Some(_) => view! {
            <p class="alert alert-error" role="alert">{move || refusal_text(i18n, &error)}</p>
        }
        .into_any(),
        None => view! { <ErrorMessage error /> }.into_any(),
    }
}

/// The errors of one menu form: inline per field, and a summary.
#[derive(Clone, Copy)]
pub struct Errors {
    inner: FormErrors,
}

impl Errors {
    /// Also focuses `summary_id` after a failed submit.
    pub fn new(action_error: Memo<Option<AppError>>, summary_id: &'static str) -> Self {
        Errors {
            inner: FormErrors::new(action_error, summary_id),
        }
    }

    /// The inline error of the field `name`.
    pub fn field(self, name: &'static str) -> Signal<Option<String>> {
        let fields = self.inner.fields;
        let i18n = use_i18n();
        Signal::derive(move || {
            fields.with(|f| f.iter().find(|e| e.field == name).map(|e| message(i18n, e)))
        })
    }

    fn summary(self) -> Signal<Vec<String>> {
        let fields = self.inner.fields;
        let i18n = use_i18n();
        Signal::derive(move || {
            fields.with(|f| {
                f.iter()
                    .map(|e| {
                        t_string!(
                            i18n,
                            form.summary_line,
                            label = label(i18n, &e.field),
                            message = message(i18n, e)
                        )
                        .to_string()
                    })
                    .collect()
            })
        })
    }
}

/// The summary of a form's field errors, and its other error.
#[component]
pub fn Alerts(id: &'static str, errors: Errors) -> impl IntoView {
    let other = errors.inner.other();
    view! {
        <ErrorSummary id=id messages=errors.summary() />
        {move || other.get().map(|error| view! {
            <div id=id tabindex="-1"><Refusal error /></div>
        })}
    }
}
