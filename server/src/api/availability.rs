//! `/api/availability`: which slots of a day, and which days of a month,
//! can be booked for a party size.

use super::error::{service, ApiError, ApiQuery, Fields, Lang};
use super::formats::{self, query};
use super::shapes::party;
use app::ssr::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use backend::services::booking;
use serde::{Deserialize, Serialize};
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/availability", get(day_availability))
        .route("/api/availability/month", get(month_availability))
}

/// `GET /api/availability` query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayQuery {
    /// Local date at the restaurant, `YYYY-MM-DD`.
    date: String,
    /// Number of guests.
    party_size: i64,
}

impl IntoParams for DayQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query::<formats::Date>(
                "date",
                true,
                "Local date at the restaurant, from today to a year ahead.",
            ),
            query::<formats::PartySize>("party_size", true, "Number of guests."),
        ]
    }
}

impl Fields for DayQuery {
    const FIELDS: &'static [&'static str] = &["date", "party_size"];
}

/// One seating time.
#[derive(Debug, Serialize, ToSchema)]
pub struct SlotOut {
    /// Local time at the restaurant, `HH:MM`.
    #[schema(value_type = formats::Time)]
    time: String,
    /// The instant, RFC 3339 with the restaurant's UTC offset.
    #[schema(schema_with = formats::instant)]
    start: String,
    #[schema(value_type = formats::Period)]
    period: String,
    available: bool,
    /// Why it cannot be booked (absent when it can).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<formats::Unavailability>)]
    reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DayAvailabilityOut {
    #[schema(value_type = formats::Date)]
    date: String,
    #[schema(value_type = formats::PartySize)]
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
        (status = 422, description = "Not a date or party size, or a date before today or more than a year ahead (`field` names it)", body = super::shapes::ErrorOut),
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
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonthQuery {
    /// `YYYY-MM`.
    month: String,
    party_size: i64,
}

impl IntoParams for MonthQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query::<formats::Month>(
                "month",
                true,
                "A month that has days from today to a year ahead.",
            ),
            query::<formats::PartySize>("party_size", true, "Number of guests."),
        ]
    }
}

impl Fields for MonthQuery {
    const FIELDS: &'static [&'static str] = &["month", "party_size"];
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DayOut {
    #[schema(value_type = formats::Date)]
    date: String,
    /// At least one slot can be booked.
    available: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MonthAvailabilityOut {
    #[schema(value_type = formats::Month)]
    month: String,
    #[schema(value_type = formats::PartySize)]
    party_size: u32,
    days: Vec<DayOut>,
}

/// Which dates of a month have at least one bookable slot for a party size.
#[utoipa::path(
    get, path = "/api/availability/month", tag = "booking",
    params(MonthQuery),
    responses(
        (status = 200, description = "Every date of the month", body = MonthAvailabilityOut),
        (status = 422, description = "Not a month or party size, or a month wholly before today or more than a year ahead (`field` names it)", body = super::shapes::ErrorOut),
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
