//! `/api/admin/settings` and `/api/admin/audit`: the restaurant's page, the
//! booking rules, the weekly hours and their exceptions, and the log of
//! their changes. Staff read the settings; admins change them and read the
//! log. A change shows on `GET /api/availability` at once. A change of
//! hours answers with the bookings to come that now fall outside them
//! (none is cancelled).

use super::areas::id;
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, ApiQuery, Fields, Lang};
use crate::api::formats::{self, query_integer};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use backend::services::setup;
use domain::{
    AuditPage, BookingRules, ExceptionForm, ExceptionInput, FieldError, HoursException,
    OutsideBooking, PeriodInput, RestaurantForm, RestaurantInput, RestaurantSettings, RulesForm,
    RulesInput, Settings, WeeklyForm, WeeklyInput, WeeklyPeriod,
};
use serde::{Deserialize, Serialize};
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/admin/settings", get(read_settings))
        .route("/api/admin/settings/restaurant", put(update_restaurant))
        .route("/api/admin/settings/rules", put(update_rules))
        .route("/api/admin/settings/hours", post(set_hours))
        .route("/api/admin/settings/hours/{id}", delete(delete_hours))
        .route("/api/admin/settings/exceptions", post(create_exception))
        .route(
            "/api/admin/settings/exceptions/{id}",
            delete(delete_exception),
        )
        .route("/api/admin/audit", get(audit))
}

/// `PUT /api/admin/settings/restaurant` body: every field of the page.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RestaurantIn {
    #[schema(min_length = 1, max_length = 80)]
    name: String,
    #[serde(default)]
    #[schema(max_length = 160)]
    tagline_fr: String,
    #[serde(default)]
    #[schema(max_length = 160)]
    tagline_en: String,
    #[serde(default)]
    #[schema(max_length = 4000)]
    about_fr: String,
    #[serde(default)]
    #[schema(max_length = 4000)]
    about_en: String,
    #[schema(min_length = 1, max_length = 120)]
    street: String,
    #[schema(min_length = 1, max_length = 20)]
    postal_code: String,
    #[schema(min_length = 1, max_length = 120)]
    city: String,
    #[schema(min_length = 1, max_length = 120)]
    country: String,
    #[schema(value_type = formats::Phone)]
    phone: String,
    #[schema(value_type = formats::Email)]
    email: String,
}

impl Fields for RestaurantIn {
    const FIELDS: &'static [&'static str] = &[
        "name",
        "tagline_fr",
        "tagline_en",
        "about_fr",
        "about_en",
        "street",
        "postal_code",
        "city",
        "country",
        "phone",
        "email",
    ];
}

/// How long parties of up to `up_to` guests keep their table.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TurnBandIn {
    #[schema(minimum = 1, maximum = 99)]
    up_to: i64,
    #[schema(minimum = 15, maximum = 720)]
    minutes: i64,
}

/// `PUT /api/admin/settings/rules` body. Errors in `turn_times` are named
/// `turn_times`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesIn {
    #[schema(minimum = 0, maximum = 10080)]
    min_notice_minutes: i64,
    #[schema(minimum = 0, maximum = 730)]
    max_advance_days: i64,
    #[schema(minimum = 1, maximum = 99)]
    min_party: i64,
    /// At least `min_party`.
    #[schema(minimum = 1, maximum = 99)]
    max_party_online: i64,
    #[schema(minimum = 0, maximum = 20160)]
    cancel_cutoff_minutes: i64,
    /// `up_to` strictly increasing.
    #[schema(max_items = 6)]
    turn_times: Vec<TurnBandIn>,
    #[schema(minimum = 15, maximum = 720)]
    turn_larger_minutes: i64,
}

impl Fields for RulesIn {
    const FIELDS: &'static [&'static str] = &[
        "min_notice_minutes",
        "max_advance_days",
        "min_party",
        "max_party_online",
        "cancel_cutoff_minutes",
        "turn_times",
        "turn_larger_minutes",
    ];
}

/// A service's hours.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodIn {
    /// `lunch` or `dinner`.
    #[schema(pattern = "^(lunch|dinner)$")]
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
    /// `lunch` or `dinner`.
    #[schema(pattern = "^(lunch|dinner)$")]
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

/// The settings: the restaurant's page, the booking rules, the weekly
/// hours, the exceptions that have not ended, and the bookings to come
/// outside the hours. Staff and admins.
#[utoipa::path(get, path = "/api/admin/settings", tag = "setup",
    security(("session" = [])),
    responses(
        (status = 200, description = "The settings", body = Settings),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn read_settings(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Json<Settings>, ApiError> {
    let settings = setup::settings(&state.store, caller.principal(), backend::now()).await;
    Ok(Json(service(settings, lang)?))
}

/// Changes the restaurant's page (every field). Admins only.
#[utoipa::path(put, path = "/api/admin/settings/restaurant", tag = "setup",
    request_body = RestaurantIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The page", body = RestaurantSettings),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Fields that are not valid, each named", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn update_restaurant(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<RestaurantIn>,
) -> Result<Json<RestaurantSettings>, ApiError> {
    let form = RestaurantForm::parse(&RestaurantInput {
        name: body.name,
        tagline_fr: body.tagline_fr,
        tagline_en: body.tagline_en,
        about_fr: body.about_fr,
        about_en: body.about_en,
        street: body.street,
        postal_code: body.postal_code,
        city: body.city,
        country: body.country,
        phone: body.phone,
        email: body.email,
    })
    .map_err(|errors| ApiError::fields(errors, lang))?;
    let now = backend::now();
    service(
        setup::update_restaurant(&state.store, caller.principal(), &form, now).await,
        lang,
    )?;
    let settings = service(
        setup::settings(&state.store, caller.principal(), now).await,
        lang,
    )?;
    Ok(Json(settings.restaurant))
}

/// Every turn-time row's fault is named `turn_times`, the body's field.
fn turn_times_field(errors: Vec<FieldError>) -> Vec<FieldError> {
    let mut out: Vec<FieldError> = Vec::new();
    for e in errors {
        let e = if e.field.starts_with("turn_up_to_") || e.field.starts_with("turn_minutes_") {
            FieldError::new("turn_times", e.reason)
        } else {
            e
        };
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// Changes the booking rules (the deposit is set with payments). Admins
/// only.
#[utoipa::path(put, path = "/api/admin/settings/rules", tag = "setup",
    request_body = RulesIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The rules", body = BookingRules),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Fields that are not valid, each named", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn update_rules(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<RulesIn>,
) -> Result<Json<BookingRules>, ApiError> {
    let form = RulesForm::parse(&RulesInput {
        min_notice_minutes: body.min_notice_minutes.to_string(),
        max_advance_days: body.max_advance_days.to_string(),
        min_party: body.min_party.to_string(),
        max_party_online: body.max_party_online.to_string(),
        cancel_cutoff_minutes: body.cancel_cutoff_minutes.to_string(),
        turn_times: body
            .turn_times
            .into_iter()
            .map(|b| (b.up_to.to_string(), b.minutes.to_string()))
            .collect(),
        turn_larger_minutes: body.turn_larger_minutes.to_string(),
    })
    .map_err(|errors| ApiError::fields(turn_times_field(errors), lang))?;
    let now = backend::now();
    service(
        setup::update_rules(&state.store, caller.principal(), &form, now).await,
        lang,
    )?;
    let settings = service(
        setup::settings(&state.store, caller.principal(), now).await,
        lang,
    )?;
    Ok(Json(settings.rules))
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

/// `GET /api/admin/audit` query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    #[serde(default)]
    before: Option<String>,
}

impl IntoParams for AuditQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![query_integer(
            "before",
            1,
            u32::MAX,
            "Lines older than this one (the previous page's `next`).",
        )]
    }
}

impl Fields for AuditQuery {
    const FIELDS: &'static [&'static str] = &["before"];
}

/// The log of settings changes, newest first, 50 a page: who, when, what,
/// and each field before → after. Admins only.
#[utoipa::path(get, path = "/api/admin/audit", tag = "setup", params(AuditQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of the log", body = AuditPage),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "`before` is not a whole number", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    let before = match q.before.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(
            raw.parse::<i64>()
                .ok()
                .filter(|b| (1..=i64::from(u32::MAX)).contains(b))
                .ok_or_else(|| ApiError::fields(vec![FieldError::invalid("before")], lang))?,
        ),
    };
    let page = setup::audit_log(&state.store, caller.principal(), before).await;
    Ok(Json(service(page, lang)?))
}
