//! `/api/reservations`: booking a table, and bookings by reference for
//! their signed-in guest or for staff (list, view, change, cancel).

use super::availability::party;
use super::caller::Caller;
use super::error::{service, ApiError, ApiJson, ApiQuery, Fields, Lang};
use super::shapes::{ReservationOut, UpdateReservationIn};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use backend::services::accounts;
use backend::services::booking::{self, BookingRequest};
use domain::{GuestDetails, Locale};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/reservations", post(create).get(list))
        .route(
            "/api/reservations/{reference}",
            get(get_one).put(update_one).delete(cancel_one),
        )
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
        (status = 409, description = "The slot cannot be booked (any more); see `reason` and `alternatives`", body = super::shapes::ErrorOut),
        (status = 422, description = "Invalid or malformed input; `field` names it", body = super::shapes::ErrorOut),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<CreateReservationIn>,
) -> Result<Response, ApiError> {
    let date = service(booking::parse_date(&body.date), lang)?;
    let time = service(booking::parse_time(&body.time), lang)?;
    let party = party(body.party_size, lang)?;
    // A signed-in diner's details fill in what the request leaves out.
    let account = match caller.principal() {
        Some(who) => Some(service(accounts::me(&state.store, who).await, lang)?),
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

/// `GET /api/reservations` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Staff: first date (`YYYY-MM-DD`, default today).
    #[serde(default)]
    from: Option<String>,
    /// Staff: last date (default `from` + 30 days).
    #[serde(default)]
    to: Option<String>,
    /// From 0.
    #[serde(default)]
    page: Option<u32>,
    /// 1 to 100 (default 50).
    #[serde(default)]
    per_page: Option<u32>,
}

impl Fields for ListQuery {
    const FIELDS: &'static [&'static str] = &["from", "to", "page", "per_page"];
}

/// The caller's bookings (a verified diner: every booking made with their
/// e-mail); staff see every booking between two dates.
#[utoipa::path(get, path = "/api/reservations", tag = "account", params(ListQuery),
    responses(
        (status = 200, description = "Bookings", body = [ReservationOut]),
        (status = 401, description = "Not signed in", body = super::shapes::ErrorOut),
        (status = 403, description = "E-mail not verified yet", body = super::shapes::ErrorOut),
    ))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<ReservationOut>>, ApiError> {
    let now = backend::now();
    let (page, per_page) = (q.page.unwrap_or(0), q.per_page.unwrap_or(50));
    let views = if caller.is_staff() {
        let today = now.date_naive();
        let from = match q.from.as_deref() {
            Some(raw) => service(booking::parse_date(raw), lang)?,
            None => today,
        };
        let to = match q.to.as_deref() {
            Some(raw) => service(booking::parse_date(raw), lang)?,
            None => from.checked_add_days(chrono::Days::new(30)).unwrap_or(from),
        };
        service(
            booking::list_all(
                &state.store,
                now,
                caller.principal(),
                from,
                to,
                page,
                per_page,
            )
            .await,
            lang,
        )?
    } else {
        service(
            accounts::my_reservations(&state.store, now, caller.principal(), page, per_page).await,
            lang,
        )?
    };
    Ok(Json(views.into_iter().map(Into::into).collect()))
}

/// A booking by its reference: its signed-in guest (verified) or staff.
#[utoipa::path(get, path = "/api/reservations/{reference}", tag = "account",
    params(("reference" = String, Path, description = "The booking reference")),
    responses(
        (status = 200, description = "The booking", body = ReservationOut),
        (status = 401, description = "Not signed in", body = super::shapes::ErrorOut),
        (status = 404, description = "No such booking of yours", body = super::shapes::ErrorOut),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(reference): Path<String>,
) -> Result<Json<ReservationOut>, ApiError> {
    let view = service(
        booking::get_as(&state.store, backend::now(), caller.principal(), &reference).await,
        lang,
    )?;
    Ok(Json(view.into()))
}

/// Changes a booking by reference (fields left out keep their value). The
/// change is merged into the booking inside its transaction.
#[utoipa::path(put, path = "/api/reservations/{reference}", tag = "account",
    params(("reference" = String, Path, description = "The booking reference")),
    request_body = UpdateReservationIn,
    responses(
        (status = 200, description = "The changed booking", body = ReservationOut),
        (status = 401, description = "Not signed in", body = super::shapes::ErrorOut),
        (status = 404, description = "No such booking of yours", body = super::shapes::ErrorOut),
        (status = 409, description = "Slot unavailable, or past the cut-off", body = super::shapes::ErrorOut),
    ))]
pub async fn update_one(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(reference): Path<String>,
    ApiJson(body): ApiJson<UpdateReservationIn>,
) -> Result<Json<ReservationOut>, ApiError> {
    let patch = body.parse(lang)?;
    let view = service(
        booking::modify_as(
            &state.store,
            backend::now(),
            caller.principal(),
            &reference,
            patch,
        )
        .await,
        lang,
    )?;
    Ok(Json(view.into()))
}

/// Cancels a booking by reference.
#[utoipa::path(delete, path = "/api/reservations/{reference}", tag = "account",
    params(("reference" = String, Path, description = "The booking reference")),
    responses(
        (status = 200, description = "The cancelled booking", body = ReservationOut),
        (status = 401, description = "Not signed in", body = super::shapes::ErrorOut),
        (status = 404, description = "No such booking of yours", body = super::shapes::ErrorOut),
        (status = 409, description = "Past the cut-off", body = super::shapes::ErrorOut),
    ))]
pub async fn cancel_one(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(reference): Path<String>,
) -> Result<Json<ReservationOut>, ApiError> {
    let view = service(
        booking::cancel_as(&state.store, backend::now(), caller.principal(), &reference).await,
        lang,
    )?;
    Ok(Json(view.into()))
}
