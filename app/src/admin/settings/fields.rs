//! The settings forms' pieces: a service's hours (shared by those two forms), and the words for
//! weekdays and a service's times.

use super::errors::Errors;
use crate::i18n::*;
use crate::ui::form::{text, Field};
use crate::ui::labels::service_label;
use crate::ui::I18n;
use domain::{PeriodTimes, ServiceKind, Weekday};
use leptos::prelude::*;

/// `HH:MM`, or `24:00` (midnight, for a closing time).
pub const CLOSES_PATTERN: &str = "([01][0-9]|2[0-3]):[0-5][0-9]|24:00";

/// A weekday's name, capitalised ("Monday", "Lundi").
pub fn day_name(i18n: I18n, day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => t_string!(i18n, days.monday),
        Weekday::Tuesday => t_string!(i18n, days.tuesday),
        Weekday::Wednesday => t_string!(i18n, days.wednesday),
        Weekday::Thursday => t_string!(i18n, days.thursday),
        Weekday::Friday => t_string!(i18n, days.friday),
        Weekday::Saturday => t_string!(i18n, days.saturday),
        Weekday::Sunday => t_string!(i18n, days.sunday),
    }
}

/// "every 15 min".
pub fn interval_text(i18n: I18n, minutes: u32) -> String {
    t_string!(i18n, settings.every, minutes = minutes).to_string()
}

/// "8 guests per seating", or "no limit".
pub fn pacing_text(i18n: I18n, covers: Option<u32>) -> String {
    match covers {
        Some(n) => t_string!(i18n, settings.pacing_value, count = n).to_string(),
        None => t_string!(i18n, settings.no_limit).to_string(),
    }
}

/// "Dinner 19:00–24:00, last seating 22:00, every 15 min, no limit".
pub fn period_text(i18n: I18n, p: &PeriodTimes) -> String {
    t_string!(
        i18n,
        settings.period_summary,
        service = service_label(i18n, p.kind),
        opens = p.opens.to_string(),
        closes = p.closes.to_string(),
        last = p.last_seating.to_string(),
        interval = interval_text(i18n, p.slot_interval_minutes),
        pacing = pacing_text(i18n, p.max_covers_per_slot)
    )
    .to_string()
}

/// A service's hours: which service, its times, its seatings. `prefix`
/// makes the ids; `kind_name` is the service's form name (`kind`, or
/// `service_kind` in the exception form); `required` unless the form may
/// go without them (a closed day).
#[component]
pub fn PeriodFields(
    prefix: &'static str,
    kind_name: &'static str,
    errors: Errors,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = move |what: &str| format!("{prefix}-{what}");
    let kind_error = errors.field(kind_name);
    let kind_id = id("service");
    let kind_error_id = format!("{kind_id}-error");
    let kind_described = {
        let kind_error_id = kind_error_id.clone();
        move || {
            kind_error
                .with(Option::is_some)
                .then(|| kind_error_id.clone())
        }
    };
    view! {
        <div class="form-grid">
            <div class="field" class:field-invalid=move || kind_error.with(Option::is_some)>
                <label for=kind_id.clone()>{t!(i18n, settings.service)}</label>
                {move || kind_error.get().map(|m| view! {
                    <p class="field-error" id=kind_error_id.clone()>
                        <span class="visually-hidden">{t_string!(i18n, form.error_prefix)}" "</span>
                        {m}
                    </p>
                })}
                <select id=kind_id name=kind_name
                    aria-invalid=move || kind_error.with(Option::is_some).then_some("true")
                    aria-describedby=kind_described>
                    {ServiceKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str()>{move || service_label(i18n, k)}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field id=id("opens") name="opens" kind="time" required=required
                label=text(i18n, |i| t_string!(i, settings.opens)) error=errors.field("opens") />
            <Field id=id("last-seating") name="last_seating" kind="time" required=required
                label=text(i18n, |i| t_string!(i, settings.last_seating))
                error=errors.field("last_seating") />
            <Field id=id("closes") name="closes" required=required maxlength=5 pattern=CLOSES_PATTERN
                autocomplete="off"
                label=text(i18n, |i| t_string!(i, settings.closes))
                hint=text(i18n, |i| t_string!(i, settings.closes_hint))
                error=errors.field("closes") />
            <Field id=id("interval") name="slot_interval_minutes" kind="number" required=required
                min=domain::settings::MIN_INTERVAL_MINUTES max=domain::settings::MAX_INTERVAL_MINUTES
                value="15"
                label=text(i18n, |i| t_string!(i, settings.interval))
                error=errors.field("slot_interval_minutes") />
            <Field id=id("pacing") name="max_covers_per_slot" kind="number"
                min=1 max=domain::settings::MAX_COVERS_PER_SLOT
                label=text(i18n, |i| t_string!(i, settings.pacing))
                hint=text(i18n, |i| t_string!(i, settings.pacing_hint))
                error=errors.field("max_covers_per_slot") />
        </div>
    }
}
