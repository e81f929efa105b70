//! `/api/admin/blocks`: tables (or a whole area) kept from bookings over a
//! span, with a reason. Staff and admins read, set and remove them.

use super::areas::id;
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, ApiQuery, Fields, Lang};
use crate::api::formats::{self, query};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use backend::services::{booking, setup};
use domain::{BlockForm, BlockInput, FieldError, TableBlock};
use serde::Deserialize;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/admin/blocks", get(list_blocks).post(create_block))
        .route("/api/admin/blocks/{id}", delete(delete_block))
}

/// `GET /api/admin/blocks` query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlocksQuery {
    from: String,
    to: String,
}

impl IntoParams for BlocksQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query::<formats::Date>("from", true, "The first day (the restaurant's calendar)."),
            query::<formats::Date>(
                "to",
                true,
                "The last day, included; at most 366 days after `from`.",
            ),
        ]
    }
}

impl Fields for BlocksQuery {
    const FIELDS: &'static [&'static str] = &["from", "to"];
}

/// `POST /api/admin/blocks` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockIn {
    /// Tables' ids (each once); with `area_id`, added to the area's.
    #[serde(default)]
    #[schema(max_items = 200)]
    tables: Vec<i64>,
    /// Every table of this area.
    #[serde(default)]
    area_id: Option<i64>,
    #[schema(value_type = formats::LocalDateTime)]
    start: String,
    /// After `start`, at most 366 days later, and not past.
    #[schema(value_type = formats::LocalDateTime)]
    end: String,
    #[schema(value_type = formats::BlockReason)]
    reason: String,
}

impl Fields for BlockIn {
    const FIELDS: &'static [&'static str] = &["tables", "area_id", "start", "end", "reason"];
}

/// The blocks overlapping the days `from..=to`, by start. Staff and admins.
#[utoipa::path(get, path = "/api/admin/blocks", tag = "staff", params(BlocksQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "The blocks", body = Vec<TableBlock>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not dates, or `to` before `from` or too far", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn list_blocks(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiQuery(q): ApiQuery<BlocksQuery>,
) -> Result<Json<Vec<TableBlock>>, ApiError> {
    let date =
        |raw: &str, field: &str| booking::parse_date(raw).map_err(|_| FieldError::invalid(field));
    let (from, to) = match (date(&q.from, "from"), date(&q.to, "to")) {
        (Ok(from), Ok(to)) => (from, to),
        (from, to) => {
            let errors = [from.err(), to.err()].into_iter().flatten().collect();
            return Err(ApiError::fields(errors, lang));
        }
    };
    let blocks = setup::blocks(&state.store, caller.principal(), from, to).await;
    Ok(Json(service(blocks, lang)?))
}

/// Blocks tables over a span: no booking is offered or accepted on them
/// then, online or by staff. Refused on the field at fault (tables or an
/// area that are not the restaurant's, a time the clocks skip, an end
/// past or before the start), and 409 `in_use` (`tables_booked`) when
/// bookings hold some of the tables then: they are moved first. Staff and
/// admins.
#[utoipa::path(post, path = "/api/admin/blocks", tag = "staff",
    request_body = BlockIn,
    security(("session" = [])),
    responses(
        (status = 201, description = "The block", body = TableBlock),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "Bookings hold some of the tables then", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Fields that are not valid, each named", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn create_block(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<BlockIn>,
) -> Result<(StatusCode, Json<TableBlock>), ApiError> {
    let form = BlockForm::parse(&BlockInput {
        tables: body.tables,
        area_id: body.area_id,
        start: body.start,
        end: body.end,
        reason: body.reason,
    })
    .map_err(|errors| ApiError::fields(errors, lang))?;
    let made = setup::create_block(&state.store, backend::now(), caller.principal(), &form).await;
    Ok((StatusCode::CREATED, Json(service(made, lang)?)))
}

/// Removes a block: its tables are offered again at once. Staff and
/// admins.
#[utoipa::path(delete, path = "/api/admin/blocks/{id}", tag = "staff",
    params(("id" = i64, Path, description = "The block's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such block", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn delete_block(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::delete_block(&state.store, caller.principal(), id).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}
