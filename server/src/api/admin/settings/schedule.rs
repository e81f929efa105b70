//! The weekly hours and their exceptions: set, removed; each change
//! answers with the schedule and the bookings to come now outside it.

use crate::api::admin::areas::id;
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use crate::api::formats::{self};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use backend::services::setup;
use domain::{
    ExceptionForm, ExceptionInput, HoursException, OutsideBooking, PeriodInput, WeeklyForm,
    WeeklyInput, WeeklyPeriod,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A service's hours.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodIn {
    /// A service: `breakfast`, `brunch`, `lunch`, `afternoon`, `dinner` or `late_night`.
    #[schema(pattern = "^(breakfast|brunch|lunch|afternoon|dinner|late_night)$")]
    kind: String,
    /// The first seating, `HH:MM`.
    #[schema(value_type = formats::Time)]
    opens: String,
    /// The last seating, not before `opens`.
    #[schema(value_type = formats::Time)]
    last_seating: String,
    /// When the service ends, after `opens` and not before `last_seating`
    /// (`24:00` is midnight).
    #[schema(pattern = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]
    closes: String,
    /// Minutes between seatings (default 15).
    #[serde(default = "fifteen")]
    #[schema(minimum = 5, maximum = 240)]
    slot_interval_minutes: i64,
    /// At most this many guests start in one slot; none: no limit.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 999)]
    max_covers_per_slot: Option<i64>,
}

fn fifteen() -> i64 {
    15
}

impl PeriodIn {
    fn input(self) -> PeriodInput {
        PeriodInput {
            kind: self.kind,
            opens: self.opens,
            last_seating: self.last_seating,
            closes: self.closes,
            slot_interval_minutes: self.slot_interval_minutes.to_string(),
            max_covers_per_slot: self
                .max_covers_per_slot
                .map(|m| m.to_string())
                .unwrap_or_default(),
        }
    }
}

/// `POST /api/admin/settings/hours` body: a service's hours on some
/// weekdays.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoursIn {
    /// `monday` … `sunday`.
    #[schema(min_items = 1, max_items = 7)]
    weekdays: Vec<String>,
    /// A service: `breakfast`, `brunch`, `lunch`, `afternoon`, `dinner` or `late_night`.
    #[schema(pattern = "^(breakfast|brunch|lunch|afternoon|dinner|late_night)$")]
    kind: String,
    /// The first seating, `HH:MM`.
    #[schema(value_type = formats::Time)]
    opens: String,
    /// The last seating, not before `opens`.
    #[schema(value_type = formats::Time)]
    last_seating: String,
    /// When the service ends, after `opens` and not before `last_seating`
    /// (`24:00` is midnight).
    #[schema(pattern = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$")]
    closes: String,
    /// Minutes between seatings (default 15).
    #[serde(default = "fifteen")]
    #[schema(minimum = 5, maximum = 240)]
    slot_interval_minutes: i64,
    /// At most this many guests start in one slot; none: no limit.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 999)]
    max_covers_per_slot: Option<i64>,
}

impl Fields for HoursIn {
    const FIELDS: &'static [&'static str] = &[
        "weekdays",
        "kind",
        "opens",
        "last_seating",
        "closes",
        "slot_interval_minutes",
        "max_covers_per_slot",
    ];
}

/// `POST /api/admin/settings/exceptions` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExceptionIn {
    /// `closed`, or `special_hours` (with `hours`).
    #[schema(pattern = "^(closed|special_hours)$")]
    kind: String,
    /// Not before today at the restaurant.
    #[schema(value_type = formats::Date)]
    from: String,
    /// The last day, included (default `from`); at most 366 days.
    #[serde(default)]
    #[schema(value_type = Option<formats::Date>)]
    to: Option<String>,
    #[serde(default)]
    #[schema(max_length = 200)]
    note: String,
    /// The service's hours on those days (special hours); its fields at
    /// fault are named `hours.opens`, …
    #[serde(default)]
    hours: Option<PeriodIn>,
}

impl Fields for ExceptionIn {
    const FIELDS: &'static [&'static str] = &["kind", "from", "to", "note", "hours"];
}

/// The weekly hours and exceptions after a change, and the bookings to
/// come that fall outside them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleOut {
    hours: Vec<WeeklyPeriod>,
    exceptions: Vec<HoursException>,
    outside: Vec<OutsideBooking>,
}

async fn schedule(
    state: &AppState,
    caller: &Caller,
    outside: Vec<OutsideBooking>,
    lang: Lang,
) -> Result<Json<ScheduleOut>, ApiError> {
    let settings = service(
        setup::settings(&state.store, caller.principal(), backend::now()).await,
        lang,
    )?;
    Ok(Json(ScheduleOut {
        hours: settings.hours,
        exceptions: settings.exceptions,
        outside,
    }))
}

/// Sets a service's hours on some weekdays (creating the service there or
/// replacing its hours). A service that would share time with another on
/// one of those days is refused on `opens` (`overlaps`) and nothing
/// changes. Admins only.
#[utoipa::path(post, path = "/api/admin/settings/hours", tag = "setup",
    request_body = HoursIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The hours, and the bookings to come outside them", body = ScheduleOut),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Fields that are not valid, each named", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn set_hours(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<HoursIn>,
) -> Result<Json<ScheduleOut>, ApiError> {
    let hours = PeriodIn {
        kind: body.kind,
        opens: body.opens,
        last_seating: body.last_seating,
        closes: body.closes,
        slot_interval_minutes: body.slot_interval_minutes,
        max_covers_per_slot: body.max_covers_per_slot,
    };
    let form = WeeklyForm::parse(&WeeklyInput {
        weekdays: body.weekdays,
        hours: hours.input(),
    })
    .map_err(|errors| ApiError::fields(errors, lang))?;
    let outside = service(
        setup::set_hours(&state.store, caller.principal(), &form, backend::now()).await,
        lang,
    )?;
    schedule(&state, &caller, outside, lang).await
}

/// Removes a weekly service. Admins only.
#[utoipa::path(delete, path = "/api/admin/settings/hours/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The service period's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The hours, and the bookings to come outside them", body = ScheduleOut),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such service period", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn delete_hours(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<Json<ScheduleOut>, ApiError> {
    let id = id(&raw, lang)?;
    let outside = service(
        setup::delete_hours(&state.store, caller.principal(), id, backend::now()).await,
        lang,
    )?;
    schedule(&state, &caller, outside, lang).await
}

/// Closes the restaurant from `from` to `to`, or sets a service's special
/// hours on those days (replacing the weekly hours; several special-hours
/// exceptions on one day add up). Admins only.
#[utoipa::path(post, path = "/api/admin/settings/exceptions", tag = "setup",
    request_body = ExceptionIn,
    security(("session" = [])),
    responses(
        (status = 201, description = "The hours, and the bookings to come outside them", body = ScheduleOut),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Fields that are not valid, each named (`from` in the past: `past`)", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn create_exception(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<ExceptionIn>,
) -> Result<(StatusCode, Json<ScheduleOut>), ApiError> {
    let form = ExceptionForm::parse(&ExceptionInput {
        kind: body.kind,
        from: body.from,
        to: body.to.unwrap_or_default(),
        note: body.note,
        hours: body.hours.map(PeriodIn::input).unwrap_or_default(),
    })
    .map_err(|errors| ApiError::fields(errors, lang))?;
    let (_, outside) = service(
        setup::create_exception(&state.store, caller.principal(), &form, backend::now()).await,
        lang,
    )?;
    Ok((
        StatusCode::CREATED,
        schedule(&state, &caller, outside, lang).await?,
    ))
}

/// Removes an exception: the weekly hours apply again on its days. Admins
/// only.
#[utoipa::path(delete, path = "/api/admin/settings/exceptions/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The exception's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The hours, and the bookings to come outside them", body = ScheduleOut),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such exception", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn delete_exception(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<Json<ScheduleOut>, ApiError> {
    let id = id(&raw, lang)?;
    let outside = service(
        setup::delete_exception(&state.store, caller.principal(), id, backend::now()).await,
        lang,
    )?;
    schedule(&state, &caller, outside, lang).await
}
