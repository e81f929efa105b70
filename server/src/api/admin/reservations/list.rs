//! `GET /api/admin/reservations` (the staff's list), its CSV export
//! `GET /api/admin/reservations.csv`, and `POST /api/admin/reservations/bulk`.

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, ApiQuery, Fields, Lang};
use crate::api::formats::{self, query, query_integer, text_param};
use app::ssr::AppState;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use backend::services::booking;
use domain::{
    BulkAction, BulkOutcome, FieldError, ListSort, PartySize, ReservationFilter,
    ReservationFilterInput, ReservationPage,
};
use futures_util::StreamExt;
use serde::Deserialize;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    use axum::routing::{get, post};
    Router::new()
        .route(
            "/api/admin/reservations",
            get(staff_list).post(super::taken::take),
        )
        .route("/api/admin/reservations.csv", get(staff_export))
        .route("/api/admin/reservations/bulk", post(staff_bulk))
}

/// The list's query: every filter is optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    party_min: Option<String>,
    #[serde(default)]
    party_max: Option<String>,
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    tag: Option<String>,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    sort: Option<String>,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    limit: Option<String>,
}

impl IntoParams for ListQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let string = || ObjectBuilder::new().schema_type(Type::String);
        vec![
            query::<formats::Date>(
                "from",
                false,
                "First date (the restaurant's calendar); default today, or `to` if earlier.",
            ),
            query::<formats::Date>(
                "to",
                false,
                "Last date, at most 366 days after `from`; default `from` + 30 days.",
            ),
            text_param(
                "status",
                "Statuses, comma-separated (`confirmed,seated`); default all.",
                string().max_length(Some(200)),
            ),
            text_param(
                "source",
                "Sources, comma-separated (`online`, `phone`, `walk_in`); default all.",
                string().max_length(Some(100)),
            ),
            query_integer("party_min", 1, PartySize::MAX, "Smallest party size."),
            query_integer("party_max", 1, PartySize::MAX, "Largest party size."),
            text_param(
                "q",
                "Search: part of the name, e-mail, phone number or reference.",
                string().max_length(Some(ReservationFilter::MAX_QUERY_CHARS)),
            ),
            text_param(
                "tag",
                "A guest tag (`vip`): the bookings of guests carrying it.",
                string()
                    .max_length(Some(domain::GuestTags::MAX_CHARS))
                    .pattern(Some(formats::GUEST_TAG_PATTERN)),
            ),
            text_param(
                "period",
                "A service: `breakfast`, `brunch`, `lunch`, `afternoon`, `dinner` or \
                 `late_night` (each day is shared among its services: a booking between \
                 two counts in the nearer one).",
                string().enum_values(Some(
                    domain::ServiceKind::ALL.map(domain::ServiceKind::as_str),
                )),
            ),
            text_param(
                "sort",
                "`time` (default), `-time` (latest first) or `created` (newest bookings first).",
                string().enum_values(Some(ListSort::ALL.map(ListSort::as_str))),
            ),
            text_param(
                "after",
                "The `next` cursor of the previous page.",
                string().pattern(Some("^[0-9]{1,19}_[0-9]{1,19}$")),
            ),
            query_integer(
                "limit",
                1,
                ReservationFilter::MAX_LIMIT,
                "Bookings per page (default 50).",
            ),
        ]
    }
}

impl Fields for ListQuery {
    const FIELDS: &'static [&'static str] = &[
        "from",
        "to",
        "status",
        "source",
        "party_min",
        "party_max",
        "q",
        "tag",
        "period",
        "sort",
        "after",
        "limit",
    ];
}

impl ListQuery {
    fn parse(self, lang: Lang) -> Result<ReservationFilter, ApiError> {
        // A page's form sends an empty field for a filter left out; an API
        // client leaves the key out, and an empty date, number, order or
        // cursor is not one (an empty search or list is: all).
        let values = [
            &self.from,
            &self.to,
            &self.status,
            &self.source,
            &self.party_min,
            &self.party_max,
            &self.q,
            &self.tag,
            &self.period,
            &self.sort,
            &self.after,
            &self.limit,
        ];
        let blank: Vec<FieldError> = Self::FIELDS
            .iter()
            .zip(values)
            .filter(|(field, v)| {
                !matches!(**field, "q" | "tag" | "status" | "source")
                    && v.as_deref().is_some_and(|v| v.trim().is_empty())
            })
            .map(|(field, _)| FieldError::invalid(*field))
            .collect();
        if !blank.is_empty() {
            return Err(ApiError::fields(blank, lang));
        }
        ReservationFilter::parse(&ReservationFilterInput {
            from: self.from,
            to: self.to,
            status: self.status,
            source: self.source,
            party_min: self.party_min,
            party_max: self.party_max,
            q: self.q,
            tag: self.tag,
            period: self.period,
            sort: self.sort,
            after: self.after,
            limit: self.limit,
        })
        .map_err(|errors| ApiError::fields(errors, lang))
    }
}

/// The bookings matching the filters, a page at a time: follow `next` (as
/// `after`, with the same filters) until it is `null`. `matched` and
/// `covers` count every page. Staff and admins only.
#[utoipa::path(get, path = "/api/admin/reservations", tag = "staff", params(ListQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of bookings", body = ReservationPage),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A filter that is not valid (each one named), or `to` more than 366 days after `from`", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn staff_list(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<ReservationPage>, ApiError> {
    let filter = q.parse(lang)?;
    let page =
        booking::list_reservations(&state.store, backend::now(), caller.principal(), &filter).await;
    Ok(Json(service(page, lang)?))
}

/// Every booking the filters match as CSV (UTF-8, `,`-separated, a header
/// line), streamed: the server holds one chunk of rows at a time whatever
/// the number of bookings. `after` and `limit` are ignored. Staff and
/// admins only.
#[utoipa::path(get, path = "/api/admin/reservations.csv", tag = "staff", params(ListQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "The bookings as CSV", content_type = "text/csv", body = String),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A filter that is not valid", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn staff_export(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, ApiError> {
    let filter = q.parse(lang)?;
    let export =
        booking::export_csv(&state.store, backend::now(), caller.principal(), &filter).await;
    let export = service(export, lang)?;
    // Fused: the layers around the body may poll it once more after its
    // end.
    let stream = futures_util::stream::unfold(Some(export), |state| async move {
        let mut export = state?;
        match export.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok::<_, std::io::Error>(Bytes::from(chunk)), Some(export))),
            Ok(None) => None,
            // The status line is sent: a cut file is all that can tell.
            Err(e) => {
                tracing::error!(error = %e, "reservations export failed midway");
                Some((Err(std::io::Error::other("export failed")), None))
            }
        }
    })
    .fuse();
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"reservations.csv\"",
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// `POST /api/admin/reservations/bulk` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkIn {
    /// `cancel` or `no_show`.
    #[schema(value_type = String, example = "cancel")]
    action: String,
    /// The bookings (ids from the list), 1 to 200.
    #[schema(value_type = Vec<i64>, min_items = 1, max_items = 200)]
    ids: Vec<formats::Whole>,
    /// To the guests, in their cancellation e-mail (cancel only).
    #[serde(default)]
    #[schema(value_type = Option<formats::Notes>)]
    message: Option<String>,
}

impl Fields for BulkIn {
    const FIELDS: &'static [&'static str] = &["action", "ids", "message"];
}

/// Cancels (each guest e-mailed, with the message) or marks as no-show
/// several bookings at once. Each booking changes on its own: one that
/// cannot (already cancelled, unknown) is listed in `refused` with the
/// reason, and the others still change. Staff and admins only.
#[utoipa::path(post, path = "/api/admin/reservations/bulk", tag = "staff",
    request_body = BulkIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "What changed and what did not", body = BulkOutcome),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not an action, no ids or too many, or a message that is not valid", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn staff_bulk(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<BulkIn>,
) -> Result<Json<BulkOutcome>, ApiError> {
    let ids: Vec<i64> = body.ids.iter().map(|id| id.0).collect();
    let action = BulkAction::parse(&body.action, &ids, body.message.as_deref().unwrap_or(""))
        .map_err(|errors| ApiError::fields(errors, lang))?;
    let done =
        booking::bulk_status(&state.store, backend::now(), caller.principal(), &action).await;
    Ok(Json(service(done, lang)?))
}
