//! Public booking endpoints: availability, making a reservation, and
//! managing it by its secret token. Each handler parses the request into
//! domain values, calls the same service as the web pages, and maps the
//! result to the API's JSON shapes.

use super::error::{service, ApiError, ApiJson, ApiQuery, Fields, Lang};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use backend::services::booking::{self, BookingRequest, ModifyRequest};
use domain::{GuestDetails, Locale, PartySize, ReservationView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

fn party(n: i64, lang: Lang) -> Result<PartySize, ApiError> {
    PartySize::parse(n).map_err(|e| ApiError::invalid(e.field(), lang))
}

/// `GET /api/availability` query.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DayQuery {
    /// Local date at the restaurant, `YYYY-MM-DD`.
    date: String,
    /// Number of guests.
    party_size: i64,
}

impl Fields for DayQuery {
    const FIELDS: &'static [&'static str] = &["date", "party_size"];
}

/// One seating time.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlotOut {
    /// Local time at the restaurant, `HH:MM`.
    #[schema(example = "19:30")]
    time: String,
    /// The instant, RFC 3339 with the restaurant's UTC offset.
    #[schema(example = "2026-12-02T19:30:00+01:00")]
    start: String,
    /// `lunch` or `dinner`.
    period: String,
    available: bool,
    /// Why it cannot be booked: `party_size`, `too_far_ahead`, `too_soon`,
    /// `pacing` (enough guests already arrive then) or `full`.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DayAvailabilityOut {
    date: String,
    party_size: u32,
    /// The restaurant does not serve that day.
    closed: bool,
    slots: Vec<SlotOut>,
}

/// Every seating of a date for a party size, with whether it can be booked.
#[utoipa::path(
    get, path = "/api/availability", tag = "booking",
    params(DayQuery),
    responses(
        (status = 200, description = "The day's slots", body = DayAvailabilityOut),
        (status = 422, description = "Bad date (past, malformed) or party size", body = super::ErrorOut),
    )
)]
pub async fn day_availability(
    State(state): State<AppState>,
    lang: Lang,
    ApiQuery(q): ApiQuery<DayQuery>,
) -> Result<Json<DayAvailabilityOut>, ApiError> {
    let date = service(booking::parse_date(&q.date), lang)?;
    let party = party(q.party_size, lang)?;
    let day = service(
        booking::day_availability(&state.store, backend::now(), date, party).await,
        lang,
    )?;
    Ok(Json(DayAvailabilityOut {
        date: day.date,
        party_size: day.party_size,
        closed: day.closed,
        slots: day
            .periods
            .into_iter()
            .flat_map(|p| {
                let period = p.kind.as_str();
                p.slots.into_iter().map(move |s| SlotOut {
                    time: s.time,
                    start: s.start,
                    period: period.to_owned(),
                    available: s.available,
                    reason: s.reason.map(|r| r.as_str().to_owned()),
                })
            })
            .collect(),
    }))
}

/// `GET /api/availability/month` query.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct MonthQuery {
    /// `YYYY-MM`.
    month: String,
    party_size: i64,
}

impl Fields for MonthQuery {
    const FIELDS: &'static [&'static str] = &["month", "party_size"];
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DayOut {
    date: String,
    /// At least one slot can be booked.
    available: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MonthAvailabilityOut {
    month: String,
    party_size: u32,
    days: Vec<DayOut>,
}

/// Which dates of a month have at least one bookable slot for a party size.
#[utoipa::path(
    get, path = "/api/availability/month", tag = "booking",
    params(MonthQuery),
    responses(
        (status = 200, description = "Every date of the month", body = MonthAvailabilityOut),
        (status = 422, description = "Bad month or party size", body = super::ErrorOut),
    )
)]
pub async fn month_availability(
    State(state): State<AppState>,
    lang: Lang,
    ApiQuery(q): ApiQuery<MonthQuery>,
) -> Result<Json<MonthAvailabilityOut>, ApiError> {
    let month = service(booking::parse_month(&q.month), lang)?;
    let party = party(q.party_size, lang)?;
    let days = service(
        booking::month_availability(&state.store, backend::now(), month, party).await,
        lang,
    )?;
    Ok(Json(MonthAvailabilityOut {
        month: days.month,
        party_size: days.party_size,
        days: days
            .days
            .into_iter()
            .map(|d| DayOut {
                date: d.date,
                available: d.available,
            })
            .collect(),
    }))
}

/// `POST /api/reservations` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateReservationIn {
    /// `YYYY-MM-DD`, local to the restaurant.
    #[schema(example = "2026-12-02")]
    date: String,
    /// `HH:MM`, one of the day's slots.
    #[schema(example = "19:30")]
    time: String,
    party_size: i64,
    /// Required unless signed in (then the account's name).
    #[serde(default)]
    name: Option<String>,
    /// Required unless signed in (then the account's e-mail).
    #[serde(default)]
    email: Option<String>,
    /// E.164, or a French national number. Required unless the signed-in
    /// account has one.
    #[serde(default)]
    #[schema(example = "+33612345678")]
    phone: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    /// `fr` or `en` (e-mails); defaults to `Accept-Language`.
    #[serde(default)]
    locale: Option<String>,
}

impl Fields for CreateReservationIn {
    const FIELDS: &'static [&'static str] = &[
        "date",
        "time",
        "party_size",
        "name",
        "email",
        "phone",
        "notes",
        "locale",
    ];
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedReservationOut {
    /// The booking reference (also the reservation's public id).
    id: String,
    reference: String,
    status: String,
    start: String,
    end: String,
    party_size: u32,
    /// The secret that opens `/manage/{token}`; shown only here and in the
    /// confirmation e-mail.
    manage_token: String,
}

fn guest(
    name: &str,
    email: &str,
    phone: &str,
    notes: &str,
    lang: Lang,
) -> Result<GuestDetails, ApiError> {
    GuestDetails::parse(name, email, phone, notes).map_err(|e| ApiError::invalid(e.field(), lang))
}

/// Books a table. The slot is re-checked inside one database transaction;
/// when it was taken meanwhile the answer is 409 `slot_unavailable` with the
/// nearest bookable alternatives.
#[utoipa::path(
    post, path = "/api/reservations", tag = "booking",
    request_body = CreateReservationIn,
    responses(
        (status = 201, description = "Booked", body = CreatedReservationOut),
        (status = 409, description = "The slot cannot be booked (any more); see `reason` and `alternatives`", body = super::ErrorOut),
        (status = 422, description = "Invalid or malformed input; `field` names it", body = super::ErrorOut),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    lang: Lang,
    ApiJson(body): ApiJson<CreateReservationIn>,
) -> Result<Response, ApiError> {
    let date = service(booking::parse_date(&body.date), lang)?;
    let time = service(booking::parse_time(&body.time), lang)?;
    let party = party(body.party_size, lang)?;
    // A signed-in diner's details fill in what the request leaves out.
    let account = match super::auth::current(&session, &state, lang).await? {
        Some(who) => Some(service(
            backend::services::accounts::me(&state.store, &who).await,
            lang,
        )?),
        None => None,
    };
    let pick = |given: &Option<String>, from_account: Option<&String>| {
        given
            .clone()
            .or_else(|| from_account.filter(|v| !v.is_empty()).cloned())
            .unwrap_or_default()
    };
    let guest = guest(
        &pick(&body.name, account.as_ref().map(|a| &a.name)),
        &pick(&body.email, account.as_ref().map(|a| &a.email)),
        &pick(&body.phone, account.as_ref().map(|a| &a.phone)),
        body.notes.as_deref().unwrap_or(""),
        lang,
    )?;
    let locale = match body.locale.as_deref() {
        Some(raw) => Locale::parse(raw).map_err(|e| ApiError::invalid(e.field(), lang))?,
        None => lang.0,
    };
    let request = BookingRequest {
        date,
        time,
        party,
        guest,
        locale,
    };
    let booked = service(
        booking::book(&state.store, backend::now(), request).await,
        lang,
    )?;
    let r = booked.reservation;
    let out = CreatedReservationOut {
        id: r.reference.clone(),
        reference: r.reference,
        status: r.status.as_str().to_owned(),
        start: r.start,
        end: r.end,
        party_size: r.party_size,
        manage_token: booked.manage_token,
    };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// A reservation as its guest sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReservationOut {
    reference: String,
    /// `confirmed`, `seated`, `completed`, `cancelled`, `no_show` or `pending_payment`.
    status: String,
    date: String,
    time: String,
    start: String,
    end: String,
    party_size: u32,
    name: String,
    email: String,
    phone: String,
    notes: String,
    locale: String,
    /// The guest may still modify or cancel online.
    can_change: bool,
    /// Online changes stop this many minutes before the start.
    cancel_cutoff_minutes: u32,
}

impl From<ReservationView> for ReservationOut {
    fn from(r: ReservationView) -> Self {
        ReservationOut {
            reference: r.reference,
            status: r.status.as_str().to_owned(),
            date: r.date,
            time: r.time,
            start: r.start,
            end: r.end,
            party_size: r.party_size,
            name: r.name,
            email: r.email,
            phone: r.phone,
            notes: r.notes,
            locale: r.locale.as_str().to_owned(),
            can_change: r.can_change,
            cancel_cutoff_minutes: r.cancel_cutoff_minutes,
        }
    }
}

/// The reservation a manage token opens.
#[utoipa::path(
    get, path = "/api/reservations/manage/{token}", tag = "manage",
    params(("token" = String, Path, description = "The manage token")),
    responses(
        (status = 200, description = "The reservation", body = ReservationOut),
        (status = 404, description = "No reservation has this token", body = super::ErrorOut),
    )
)]
pub async fn get_managed(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
) -> Result<Json<ReservationOut>, ApiError> {
    let view = service(
        booking::by_token(&state.store, backend::now(), &token).await,
        lang,
    )?;
    Ok(Json(view.into()))
}

/// `PUT /api/reservations/manage/{token}` body: the fields to change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateReservationIn {
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    party_size: Option<i64>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    notes: Option<String>,
}

impl Fields for UpdateReservationIn {
    const FIELDS: &'static [&'static str] = &[
        "date",
        "time",
        "party_size",
        "name",
        "email",
        "phone",
        "notes",
    ];
}

/// Changes date, time, party size or guest details (fields left out keep
/// their value). A new slot is re-checked; the table is kept when possible.
#[utoipa::path(
    put, path = "/api/reservations/manage/{token}", tag = "manage",
    params(("token" = String, Path, description = "The manage token")),
    request_body = UpdateReservationIn,
    responses(
        (status = 200, description = "The changed reservation", body = ReservationOut),
        (status = 404, description = "No reservation has this token", body = super::ErrorOut),
        (status = 409, description = "Slot unavailable (`slot_unavailable`), or past the cut-off (`too_late`)", body = super::ErrorOut),
        (status = 422, description = "Invalid input", body = super::ErrorOut),
    )
)]
pub async fn update_managed(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<UpdateReservationIn>,
) -> Result<Json<ReservationOut>, ApiError> {
    let now = backend::now();
    let current = service(booking::by_token(&state.store, now, &token).await, lang)?;
    let request = merge_update(&current, body, lang)?;
    let view = service(
        booking::modify(&state.store, now, &token, request).await,
        lang,
    )?;
    Ok(Json(view.into()))
}

/// The change asked for, on top of the booking as it is.
pub fn merge_update(
    current: &ReservationView,
    body: UpdateReservationIn,
    lang: Lang,
) -> Result<ModifyRequest, ApiError> {
    let date = service(
        booking::parse_date(body.date.as_deref().unwrap_or(&current.date)),
        lang,
    )?;
    let time = service(
        booking::parse_time(body.time.as_deref().unwrap_or(&current.time)),
        lang,
    )?;
    let party = party(
        body.party_size.unwrap_or(i64::from(current.party_size)),
        lang,
    )?;
    let guest = guest(
        body.name.as_deref().unwrap_or(&current.name),
        body.email.as_deref().unwrap_or(&current.email),
        body.phone.as_deref().unwrap_or(&current.phone),
        body.notes.as_deref().unwrap_or(&current.notes),
        lang,
    )?;
    Ok(ModifyRequest {
        date,
        time,
        party,
        guest,
    })
}

/// Cancels the reservation (up to the restaurant's cut-off).
#[utoipa::path(
    delete, path = "/api/reservations/manage/{token}", tag = "manage",
    params(("token" = String, Path, description = "The manage token")),
    responses(
        (status = 200, description = "The cancelled reservation", body = ReservationOut),
        (status = 404, description = "No reservation has this token", body = super::ErrorOut),
        (status = 409, description = "Past the cut-off, or not active any more (`too_late`)", body = super::ErrorOut),
    )
)]
pub async fn cancel_managed(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
) -> Result<Json<ReservationOut>, ApiError> {
    let view = service(
        booking::cancel(&state.store, backend::now(), &token).await,
        lang,
    )?;
    Ok(Json(view.into()))
}

/// The reservation as an iCalendar file, to add it to a calendar.
#[utoipa::path(
    get, path = "/api/reservations/manage/{token}/calendar.ics", tag = "manage",
    params(("token" = String, Path, description = "The manage token")),
    responses(
        (status = 200, description = "An iCalendar file (METHOD:PUBLISH)", content_type = "text/calendar"),
        (status = 404, description = "No reservation has this token", body = super::ErrorOut),
    )
)]
pub async fn calendar(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let (reference, ics) = service(
        booking::calendar_file(&state.store, backend::now(), &token).await,
        lang,
    )?;
    let disposition = format!("attachment; filename=\"reservation-{reference}.ics\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        ics,
    )
        .into_response())
}
