//! The settings forms' errors: the translated message of each field and
//! reason the domain names (falling back on the kit's for the common
//! ones), each field's label for the error summary, and the summary
//! itself (the kit's `ErrorSummary`, focused after a failed submit).

use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::form::{field_message, ErrorSummary, FormErrors};
use crate::ui::I18n;
use domain::FieldError;
use leptos::prelude::*;

/// Which form the errors are of: a field name means one thing per form
/// (`kind` is the service in the hours form, the exception's own kind in
/// the exception form).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Restaurant,
    Rules,
    Hours,
    Exception,
    Payments,
}

/// The row of a turn-time field (`turn_up_to_3` → `("up_to", 3)`).
fn turn_row(field: &str) -> Option<(&'static str, usize)> {
    let (part, rest) = if let Some(rest) = field.strip_prefix("turn_up_to_") {
        ("up_to", rest)
    } else if let Some(rest) = field.strip_prefix("turn_minutes_") {
        ("minutes", rest)
    } else {
        return None;
    };
    rest.parse().ok().map(|n| (part, n))
}

/// The payment policy's own words (its `weekdays` may be left empty).
fn payments_message(i18n: I18n, error: &FieldError) -> &'static str {
    match (error.field.as_str(), error.reason.as_str()) {
        ("deposit_per_guest" | "no_show_fee_per_guest", "required") => {
            t_string!(i18n, payments_admin.err_amount_required)
        }
        ("deposit_per_guest" | "no_show_fee_per_guest", "too_large") => {
            t_string!(i18n, payments_admin.err_amount_too_large)
        }
        ("deposit_per_guest" | "no_show_fee_per_guest", _) => {
            t_string!(i18n, payments_admin.err_amount)
        }
        ("from_party", _) => t_string!(i18n, settings.err_party),
        ("weekdays", _) => t_string!(i18n, payments_admin.err_weekdays),
        ("services", _) => t_string!(i18n, payments_admin.err_services),
        ("hold_minutes", _) => t_string!(i18n, payments_admin.err_hold),
        ("refund_cutoff_hours", _) => t_string!(i18n, payments_admin.err_cutoff),
        ("late_refund_percent", _) => t_string!(i18n, payments_admin.err_percent),
        _ => t_string!(i18n, settings.err_choose),
    }
}

/// The translated inline error of a field of the form `scope`.
fn scoped_message(i18n: I18n, scope: Scope, error: &FieldError) -> String {
    if scope == Scope::Payments {
        payments_message(i18n, error).to_string()
    } else {
        message(i18n, error)
    }
}

/// The translated inline error of a settings field.
pub fn message(i18n: I18n, error: &FieldError) -> String {
    let (field, reason) = (error.field.as_str(), error.reason.as_str());
    if let Some((part, _)) = turn_row(field) {
        return match (part, reason) {
            ("up_to", "not_increasing") => t_string!(i18n, settings.err_not_increasing),
            ("up_to", _) => t_string!(i18n, settings.err_party),
            _ => t_string!(i18n, settings.err_turn_minutes),
        }
        .to_string();
    }
    match (field, reason) {
        ("name", _) => t_string!(i18n, settings.err_name),
        ("tagline_fr" | "tagline_en", _) => t_string!(i18n, settings.err_tagline),
        ("about_fr" | "about_en", _) => t_string!(i18n, settings.err_about),
        ("street" | "postal_code" | "city" | "country", _) => {
            t_string!(i18n, settings.err_address)
        }
        ("min_notice_minutes", _) => t_string!(i18n, settings.err_notice),
        ("max_advance_days", _) => t_string!(i18n, settings.err_advance),
        ("max_party_online", "below_min") => t_string!(i18n, settings.err_party_below_min),
        ("min_party" | "max_party_online", _) => t_string!(i18n, settings.err_party),
        ("cancel_cutoff_minutes", _) => t_string!(i18n, settings.err_cutoff),
        ("turn_larger_minutes", _) => t_string!(i18n, settings.err_turn_minutes),
        ("turn_times", _) => t_string!(i18n, settings.err_too_many_rows),
        ("weekdays", _) => t_string!(i18n, settings.err_weekdays),
        ("kind" | "service_kind", _) => t_string!(i18n, settings.err_choose),
        ("opens", "overlaps") => t_string!(i18n, settings.err_overlaps),
        ("last_seating", "before_opening") => t_string!(i18n, settings.err_last_before_opening),
        ("closes", "before_opening") => t_string!(i18n, settings.err_closes_before_opening),
        ("closes", "before_last_seating") => t_string!(i18n, settings.err_closes_before_last),
        ("opens" | "last_seating", _) => t_string!(i18n, settings.err_time),
        ("closes", _) => t_string!(i18n, settings.err_closes),
        ("slot_interval_minutes", _) => t_string!(i18n, settings.err_interval),
        ("max_covers_per_slot", _) => t_string!(i18n, settings.err_pacing),
        ("from", "past") => t_string!(i18n, settings.err_past),
        ("from", _) => t_string!(i18n, settings.err_from),
        ("to", "before_from") => t_string!(i18n, settings.err_before_from),
        ("to", "too_long") => t_string!(i18n, settings.err_too_long_range),
        ("to", _) => t_string!(i18n, settings.err_to),
        ("note", _) => t_string!(i18n, settings.err_note),
        // E-mail and phone: the kit's words.
        _ => return field_message(i18n, error),
    }
    .to_string()
}

/// The label of a settings field, for the error summary ("Opens at: ...")
/// and the audit log's changes.
pub fn label(i18n: I18n, scope: Scope, field: &str) -> String {
    if let Some((part, row)) = turn_row(field) {
        let text = if part == "up_to" {
            t_string!(i18n, settings.turn_up_to)
        } else {
            t_string!(i18n, settings.turn_minutes)
        };
        return t_string!(i18n, settings.turn_row_field, row = row, field = text).to_string();
    }
    match (scope, field) {
        (Scope::Exception, "kind") => t_string!(i18n, settings.exception_kind),
        (Scope::Payments, "mode") => t_string!(i18n, payments_admin.mode),
        (Scope::Payments, "deposit_per_guest") => t_string!(i18n, payments_admin.deposit_per_guest),
        (Scope::Payments, "no_show_fee_per_guest") => {
            t_string!(i18n, payments_admin.no_show_fee_per_guest)
        }
        (Scope::Payments, "from_party") => t_string!(i18n, payments_admin.from_party),
        (Scope::Payments, "weekdays") => t_string!(i18n, payments_admin.weekdays),
        (Scope::Payments, "services") => t_string!(i18n, payments_admin.services),
        (Scope::Payments, "hold_minutes") => t_string!(i18n, payments_admin.hold_minutes),
        (Scope::Payments, "refund_cutoff_hours") => {
            t_string!(i18n, payments_admin.refund_cutoff_hours)
        }
        (Scope::Payments, "late_refund_percent") => {
            t_string!(i18n, payments_admin.late_refund_percent)
        }
        (_, "kind" | "service_kind") => t_string!(i18n, settings.service),
        (_, "name") => t_string!(i18n, settings.name),
        (_, "tagline_fr") => t_string!(i18n, settings.tagline_fr),
        (_, "tagline_en") => t_string!(i18n, settings.tagline_en),
        (_, "about_fr") => t_string!(i18n, settings.about_fr),
        (_, "about_en") => t_string!(i18n, settings.about_en),
        (_, "street") => t_string!(i18n, settings.street),
        (_, "postal_code") => t_string!(i18n, settings.postal_code),
        (_, "city") => t_string!(i18n, settings.city),
        (_, "country") => t_string!(i18n, settings.country),
        (_, "phone") => t_string!(i18n, settings.phone),
        (_, "email") => t_string!(i18n, settings.email),
        (_, "min_notice_minutes") => t_string!(i18n, settings.min_notice),
        (_, "max_advance_days") => t_string!(i18n, settings.max_advance),
        (_, "min_party") => t_string!(i18n, settings.min_party),
        (_, "max_party_online") => t_string!(i18n, settings.max_party_online),
        (_, "cancel_cutoff_minutes") => t_string!(i18n, settings.cutoff),
        (_, "turn_times") => t_string!(i18n, settings.turn_times),
        (_, "turn_larger_minutes") => t_string!(i18n, settings.turn_larger),
        (_, "weekdays") => t_string!(i18n, settings.weekdays),
        (_, "opens") => t_string!(i18n, settings.opens),
        (_, "last_seating") => t_string!(i18n, settings.last_seating),
        (_, "closes") => t_string!(i18n, settings.closes),
        (_, "slot_interval_minutes") => t_string!(i18n, settings.interval),
        (_, "max_covers_per_slot") => t_string!(i18n, settings.pacing),
        (_, "from") => t_string!(i18n, settings.from_date),
        (_, "to") => t_string!(i18n, settings.to_date),
        (_, "note") => t_string!(i18n, settings.note),
        _ => t_string!(i18n, form.other),
    }
    .to_string()
}

/// The errors of one settings form: inline per field, and a summary.
#[derive(Clone, Copy)]
pub struct Errors {
    inner: FormErrors,
    scope: Scope,
}

impl Errors {
    /// Also focuses `summary_id` after a failed submit.
    pub fn new(
        action_error: Memo<Option<AppError>>,
        summary_id: &'static str,
        scope: Scope,
    ) -> Self {
        Errors {
            inner: FormErrors::new(action_error, summary_id),
            scope,
        }
    }

    /// The inline error of the field `name`.
    pub fn field(self, name: impl Into<String>) -> Signal<Option<String>> {
        let (fields, scope, name) = (self.inner.fields, self.scope, name.into());
        let i18n = use_i18n();
        Signal::derive(move || {
            fields.with(|f| {
                f.iter()
                    .find(|e| e.field == name)
                    .map(|e| scoped_message(i18n, scope, e))
            })
        })
    }

    fn summary(self) -> Signal<Vec<String>> {
        let (fields, scope) = (self.inner.fields, self.scope);
        let i18n = use_i18n();
        Signal::derive(move || {
            fields.with(|f| {
                f.iter()
                    .map(|e| {
                        t_string!(
                            i18n,
                            form.summary_line,
                            label = label(i18n, scope, &e.field),
                            message = scoped_message(i18n, scope, e)
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
            <div id=id tabindex="-1"><ErrorMessage error /></div>
        })}
    }
}
