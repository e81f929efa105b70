//! Server functions of the settings screen: parse, call one service, come
//! back to the screen (with or without JavaScript alike).
// The rules form posts its eighteen fields as the function's arguments
// (what a form without JavaScript sends).
#![allow(clippy::too_many_arguments)]

mod gallery;
mod payments;

pub use gallery::*;
pub use payments::*;

use super::SettingsView;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::setup as svc};

/// The form's fields at fault.
#[cfg(feature = "ssr")]
fn invalid(fields: Vec<domain::FieldError>) -> AppError {
    AppError::InvalidFields { fields }
}

/// The exception form's name for a field the domain names within the
/// service's hours (`hours.opens` → `opens`; `hours.kind` →
/// `service_kind`, the exception's own being `kind`).
#[cfg(feature = "ssr")]
fn exception_field(field: &str) -> String {
    match field.strip_prefix("hours.") {
        Some("kind") => "service_kind".to_owned(),
        Some(inner) => inner.to_owned(),
        None => field.to_owned(),
    }
}

/// An exception refused: each field named as the form names it.
#[cfg(feature = "ssr")]
fn exception_error(error: AppError) -> AppError {
    match error {
        AppError::InvalidFields { fields } => invalid(
            fields
                .into_iter()
                .map(|f| domain::FieldError::new(exception_field(&f.field), f.reason))
                .collect(),
        ),
        AppError::InvalidInput { field: Some(field) } => AppError::InvalidInput {
            field: Some(exception_field(&field)),
        },
        other => other,
    }
}

/// Everything on the screen. Staff and admins (who may change it).
#[server(prefix = "/api/fn", endpoint = "admin_settings")]
pub async fn admin_settings() -> Result<SettingsView, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let settings = svc::settings(cx.store(), who.as_ref(), backend::now()).await?;
        let editable = who.as_ref().is_some_and(|p| p.role == domain::Role::Admin);
        Ok(SettingsView { settings, editable })
    })
    .await
}

/// The restaurant's page: name, taglines, "about" texts, address, contact.
#[server(prefix = "/api/fn", endpoint = "admin_restaurant_save")]
pub async fn admin_restaurant_save(
    name: String,
    tagline_fr: String,
    tagline_en: String,
    about_fr: String,
    about_en: String,
    street: String,
    postal_code: String,
    city: String,
    country: String,
    phone: String,
    email: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let input = domain::RestaurantInput {
            name,
            tagline_fr,
            tagline_en,
            about_fr,
            about_en,
            street,
            postal_code,
            city,
            country,
            phone,
            email,
        };
        let form = domain::RestaurantForm::parse(&input).map_err(invalid)?;
        let who = cx.caller().await?;
        svc::update_restaurant(cx.store(), who.as_ref(), &form, backend::now()).await?;
        leptos_axum::redirect("/admin/settings?done=restaurant");
        Ok(())
    })
    .await
}

/// The booking rules. Six turn-time rows (`turn_up_to_N`, `turn_minutes_N`;
/// blank rows are left out) and the larger parties' turn time.
#[server(prefix = "/api/fn", endpoint = "admin_rules_save")]
pub async fn admin_rules_save(
    min_notice_minutes: String,
    max_advance_days: String,
    min_party: String,
    max_party_online: String,
    cancel_cutoff_minutes: String,
    turn_up_to_1: Option<String>,
    turn_up_to_2: Option<String>,
    turn_up_to_3: Option<String>,
    turn_up_to_4: Option<String>,
    turn_up_to_5: Option<String>,
    turn_up_to_6: Option<String>,
    turn_minutes_1: Option<String>,
    turn_minutes_2: Option<String>,
    turn_minutes_3: Option<String>,
    turn_minutes_4: Option<String>,
    turn_minutes_5: Option<String>,
    turn_minutes_6: Option<String>,
    turn_larger_minutes: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let up_to = [
            turn_up_to_1,
            turn_up_to_2,
            turn_up_to_3,
            turn_up_to_4,
            turn_up_to_5,
            turn_up_to_6,
        ];
        let minutes = [
            turn_minutes_1,
            turn_minutes_2,
            turn_minutes_3,
            turn_minutes_4,
            turn_minutes_5,
            turn_minutes_6,
        ];
        let input = domain::RulesInput {
            min_notice_minutes,
            max_advance_days,
            min_party,
            max_party_online,
            cancel_cutoff_minutes,
            // Row N stays row N (errors name it): blank rows are kept for
            // the parse to leave out.
            turn_times: up_to
                .into_iter()
                .zip(minutes)
                .map(|(u, m)| (u.unwrap_or_default(), m.unwrap_or_default()))
                .collect(),
            turn_larger_minutes,
        };
        let form = domain::RulesForm::parse(&input).map_err(invalid)?;
        let who = cx.caller().await?;
        svc::update_rules(cx.store(), who.as_ref(), &form, backend::now()).await?;
        leptos_axum::redirect("/admin/settings?done=rules");
        Ok(())
    })
    .await
}

/// A service's hours on the ticked weekdays (check boxes are sent only
/// when ticked): creates that service there, or replaces its hours. Refused
/// on `opens` (`overlaps`) when it would share time with the other service
/// of one of those days.
#[server(prefix = "/api/fn", endpoint = "admin_hours_save")]
pub async fn admin_hours_save(
    monday: Option<String>,
    tuesday: Option<String>,
    wednesday: Option<String>,
    thursday: Option<String>,
    friday: Option<String>,
    saturday: Option<String>,
    sunday: Option<String>,
    kind: String,
    opens: String,
    last_seating: String,
    closes: String,
    slot_interval_minutes: String,
    max_covers_per_slot: Option<String>,
) -> Result<(), AppError> {
    call(|cx| async move {
        let ticked = [
            ("monday", monday),
            ("tuesday", tuesday),
            ("wednesday", wednesday),
            ("thursday", thursday),
            ("friday", friday),
            ("saturday", saturday),
            ("sunday", sunday),
        ];
        let input = domain::WeeklyInput {
            weekdays: ticked
                .into_iter()
                .filter(|(_, on)| on.is_some())
                .map(|(day, _)| day.to_owned())
                .collect(),
            hours: domain::PeriodInput {
                kind,
                opens,
                last_seating,
                closes,
                slot_interval_minutes,
                max_covers_per_slot: max_covers_per_slot.unwrap_or_default(),
            },
        };
        let form = domain::WeeklyForm::parse(&input).map_err(invalid)?;
        let who = cx.caller().await?;
        svc::set_hours(cx.store(), who.as_ref(), &form, backend::now()).await?;
        leptos_axum::redirect("/admin/settings?done=hours");
        Ok(())
    })
    .await
}

/// Removes one weekday's service.
#[server(prefix = "/api/fn", endpoint = "admin_hours_delete")]
pub async fn admin_hours_delete(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::delete_hours(cx.store(), who.as_ref(), id, backend::now()).await?;
        leptos_axum::redirect("/admin/settings?done=hours_removed");
        Ok(())
    })
    .await
}

/// A closed day or range (`kind` `closed`), or a service's special hours
/// on those days (`special_hours`, with the `service_kind` and its times).
/// The service's kind is `service_kind` in the form (the exception's own
/// is `kind`); the service's fields at fault are named as the form names
/// them.
#[server(prefix = "/api/fn", endpoint = "admin_exception_add")]
pub async fn admin_exception_add(
    kind: String,
    from: String,
    to: Option<String>,
    note: Option<String>,
    service_kind: Option<String>,
    opens: Option<String>,
    last_seating: Option<String>,
    closes: Option<String>,
    slot_interval_minutes: Option<String>,
    max_covers_per_slot: Option<String>,
) -> Result<(), AppError> {
    call(|cx| async move {
        let input = domain::ExceptionInput {
            kind,
            from,
            to: to.unwrap_or_default(),
            note: note.unwrap_or_default(),
            hours: domain::PeriodInput {
                kind: service_kind.unwrap_or_default(),
                opens: opens.unwrap_or_default(),
                last_seating: last_seating.unwrap_or_default(),
                closes: closes.unwrap_or_default(),
                slot_interval_minutes: slot_interval_minutes.unwrap_or_default(),
                max_covers_per_slot: max_covers_per_slot.unwrap_or_default(),
            },
        };
        let form = domain::ExceptionForm::parse(&input)
            .map_err(|fields| exception_error(invalid(fields)))?;
        let who = cx.caller().await?;
        svc::create_exception(cx.store(), who.as_ref(), &form, backend::now())
            .await
            .map_err(|e| exception_error(e.into()))?;
        leptos_axum::redirect("/admin/settings?done=exception");
        Ok(())
    })
    .await
}

/// Removes an exception.
#[server(prefix = "/api/fn", endpoint = "admin_exception_delete")]
pub async fn admin_exception_delete(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::delete_exception(cx.store(), who.as_ref(), id, backend::now()).await?;
        leptos_axum::redirect("/admin/settings?done=exception_removed");
        Ok(())
    })
    .await
}

/// A page of the audit log, newest first, older than `before`. Admins
/// only. Each line's `at` is the same instant with the restaurant's offset
/// (so the screen shows the restaurant's local time).
#[server(prefix = "/api/fn", endpoint = "admin_audit")]
pub async fn admin_audit(before: Option<i64>) -> Result<domain::AuditPage, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let mut page = svc::audit_log(cx.store(), who.as_ref(), before).await?;
        let info = backend::services::site::restaurant_info(cx.store()).await?;
        if let Ok(tz) = info.time_zone.parse::<chrono_tz::Tz>() {
            for entry in &mut page.entries {
                if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&entry.at) {
                    entry.at = at
                        .with_timezone(&tz)
                        .fixed_offset()
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
                }
            }
        }
        Ok(page)
    })
    .await
}
