//! `/api/reservations`: booking a table, and bookings by reference for
//! their signed-in guest or for staff (list, view, change, cancel).

use super::caller::Caller;
use super::error::{service, ApiError, ApiJson, ApiQuery, Fields, Lang};
use super::formats::{self, query, query_integer};
use super::shapes::{party, ReservationOut, UpdateReservationIn};
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
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/reservations", post(create).get(list))
        .route(
            "/api/reservations/{reference}",
            get(get_one).put(update_one).delete(cancel_one),
        )
}

/// `POST /api/reservations` body. Without a session, `name`, `email` and
/// `phone` are required (422 naming the first one missing); a signed-in
/// caller's account fills in those left out.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateReservationIn {
    /// Local to the restaurant, from today to a year ahead.
    #[schema(value_type = formats::Date)]
    date: String,
    /// One of the day's seatings (see `GET /api/availability`); another
    /// time is refused with 422.
    #[schema(value_type = formats::Time)]
    time: String,
    #[schema(value_type = formats::PartySize)]
    party_size: formats::Whole,
    /// Required unless signed in (then the account's name).
    #[serde(default)]
    #[schema(value_type = Option<formats::GuestName>)]
    name: Option<String>,
    /// Required unless signed in (then the account's e-mail).
    #[serde(default)]
    #[schema(value_type = Option<formats::Email>)]
    email: Option<String>,
    /// Required unless the signed-in account has one.
    #[serde(default)]
    #[schema(value_type = Option<formats::Phone>)]
    phone: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<formats::Notes>)]
    notes: Option<String>,
    /// For the e-mails; defaults to `Accept-Language`.
    #[serde(default)]
    #[schema(value_type = Option<formats::Locale>)]
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
    #[schema(value_type = formats::Status)]
    status: String,
    #[schema(schema_with = formats::instant)]
    start: String,
    #[schema(schema_with = formats::instant)]
    end: String,
    #[schema(value_type = formats::PartySize)]
    party_size: u32,
    /// The secret that opens `/manage/{token}`; shown only here and in the
    /// confirmation e-mail.
    manage_token: String,
    /// When the restaurant asks a deposit or a card guarantee: the booking
    /// is `pending_payment` and holds its table until `payment.hold_until`;
    /// the guest pays at `payment.url` (Stripe Checkout).
    #[serde(skip_serializing_if = "Option::is_none")]
    payment: Option<PaymentOut>,
}

/// What a new booking is asked to pay, and where.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentOut {
    kind: domain::PaymentKind,
    amount_cents: i64,
    currency: String,
    /// Stripe Checkout's page.
    url: String,
    #[schema(schema_with = formats::instant)]
    hold_until: String,
}

fn guest(
    name: &str,
    email: &str,
    phone: &str,
    notes: &str,
    lang: Lang,
) -> Result<GuestDetails, ApiError> {
    GuestDetails::parse_all(name, email, phone, notes)
        .map_err(|errors| ApiError::fields(errors, lang))
}

/// Books a table. The slot is re-checked inside one database transaction;
/// when it was taken meanwhile the answer is 409 `slot_unavailable` with the
/// nearest bookable alternatives.
#[utoipa::path(
    post, path = "/api/reservations", tag = "booking",
    request_body = CreateReservationIn,
    security((), ("session" = [])),
    responses(
        (status = 201, description = "Booked", body = CreatedReservationOut, links(
            ("manage" = (operation_id = "get_managed", parameters(("token" = "$response.body#/manage_token")))),
            ("change" = (operation_id = "update_managed", parameters(("token" = "$response.body#/manage_token")))),
            ("cancel" = (operation_id = "cancel_managed", parameters(("token" = "$response.body#/manage_token")))),
            ("calendar" = (operation_id = "calendar", parameters(("token" = "$response.body#/manage_token")))),
            ("by_reference" = (operation_id = "get_one", parameters(("reference" = "$response.body#/reference")))),
        )),
        (status = 409, description = "The slot cannot be booked (any more), or the restaurant is closed that day; see `reason` and `alternatives`", body = super::shapes::ErrorOut),
        (status = 422, description = "Invalid input (`field` names it): also a date before today or more than a year ahead, a time that is not one of the day's seatings, or guest details missing without a session", body = super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::shapes::ErrorOut),
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
    let party = party(body.party_size.0, lang)?;
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
        booking::book(
            &state.store,
            &state.payments,
            backend::now(),
            request,
            state.guest_booking_limit,
        )
        .await,
        lang,
    )?;
    let r = booked.reservation;
    let payment = match (booked.payment_url, &r.payment) {
        (Some(url), Some(p)) => Some(PaymentOut {
            kind: p.kind,
            amount_cents: p.amount_cents,
            currency: p.currency.clone(),
            url,
            hold_until: p.hold_until.clone().unwrap_or_default(),
        }),
        _ => None,
    };
    let out = CreatedReservationOut {
        id: r.reference.clone(),
        reference: r.reference,
        status: r.status.as_str().to_owned(),
        start: r.start,
        end: r.end,
        party_size: r.party_size,
        manage_token: booked.manage_token,
        payment,
    };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// `GET /api/reservations` query.
#[derive(Debug, Deserialize)]
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

impl IntoParams for ListQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query::<formats::Date>(
                "from",
                false,
                "Staff: the first date (default today). Ignored for diners.",
            ),
            query::<formats::Date>(
                "to",
                false,
                "Staff: the last date, at most 366 days after `from` (default `from` + 30 \
                 days). Ignored for diners.",
            ),
            query_integer("page", 0, u32::MAX, "The page, from 0 (default 0)."),
            query_integer(
                "per_page",
                0,
                u32::MAX,
                "Bookings per page (default 50); brought into 1 to 100.",
            ),
        ]
    }
}

impl Fields for ListQuery {
    const FIELDS: &'static [&'static str] = &["from", "to", "page", "per_page"];
}

/// The caller's bookings (a verified diner: every booking made with their
/// e-mail); staff see every booking between two dates.
#[utoipa::path(get, path = "/api/reservations", tag = "account", params(ListQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "Bookings", body = [ReservationOut]),
        (status = 401, description = "Not signed in", body = super::shapes::ErrorOut),
        (status = 403, description = "E-mail not verified yet", body = super::shapes::ErrorOut),
        (status = 422, description = "Staff: `to` before `from`, or more than 366 days after it", body = super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::shapes::ErrorOut),
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
    security(("session" = [])),
    responses(
        (status = 200, description = "The booking", body = ReservationOut),
        (status = 401, description = "Not signed in", body = super::shapes::ErrorOut),
        (status = 404, description = "No such booking of yours", body = super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::shapes::ErrorOut),
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
    security(("session" = [])),
    responses(
        (status = 200, description = "The changed booking", body = ReservationOut),
        (status = 401, description = "Not signed in", body = super::shapes::ErrorOut),
        (status = 404, description = "No such booking of yours", body = super::shapes::ErrorOut),
        (status = 409, description = "Slot unavailable (`slot_unavailable`), or past the cut-off or not active any more (`too_late`)", body = super::shapes::ErrorOut),
        (status = 422, description = "Invalid input (`fields` names each field at fault): also a date outside the booking window or a time that is not one of the day's seatings", body = super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::shapes::ErrorOut),
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

/// Cancels a booking by reference. The booking is kept: it answers from
/// then on with status `cancelled`.
#[utoipa::path(delete, path = "/api/reservations/{reference}", tag = "account",
    params(("reference" = String, Path, description = "The booking reference")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The cancelled booking", body = ReservationOut),
        (status = 401, description = "Not signed in", body = super::shapes::ErrorOut),
        (status = 404, description = "No such booking of yours", body = super::shapes::ErrorOut),
        (status = 409, description = "Past the cut-off, or not active any more (`too_late`)", body = super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::shapes::ErrorOut),
    ))]
pub async fn cancel_one(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(reference): Path<String>,
) -> Result<Json<ReservationOut>, ApiError> {
    let view = service(
        booking::cancel_as(
            &state.store,
            &state.payments,
            backend::now(),
            caller.principal(),
            &reference,
        )
        .await,
        lang,
    )?;
    Ok(Json(view.into()))
}
