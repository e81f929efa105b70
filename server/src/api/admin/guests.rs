//! `/api/admin/guests`: guest profiles for staff. `GET` finds them (by
//! name, e-mail, phone or tag, a page at a time), `GET .../{id}` reads one
//! with its bookings, `PUT .../{id}` writes the tags and notes staff keep.

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, ApiQuery, Fields, Lang};
use crate::api::formats::{self, query_integer, text_param};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use backend::services::{booking, ServiceError};
use domain::{
    GuestNotes, GuestNotesInput, GuestPage, GuestProfile, GuestSearch, GuestSearchInput, GuestTags,
};
use serde::Deserialize;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/admin/guests", get(search))
        .route("/api/admin/guests/{id}", get(profile).put(set_notes))
}

/// `GET /api/admin/guests` query: every key is optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    tag: Option<String>,
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    limit: Option<String>,
}

impl IntoParams for SearchQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let string = || ObjectBuilder::new().schema_type(Type::String);
        vec![
            text_param(
                "q",
                "Part of the name, e-mail address or phone number.",
                string()
                    .max_length(Some(GuestSearch::MAX_QUERY_CHARS))
                    .pattern(Some(formats::NOTES_PATTERN)),
            ),
            text_param(
                "tag",
                "Only guests carrying this tag (`vip`).",
                string()
                    .max_length(Some(GuestTags::MAX_CHARS))
                    .pattern(Some(formats::GUEST_TAG_PATTERN)),
            ),
            text_param(
                "after",
                "The `next` cursor of the previous page.",
                string().pattern(Some("^[0-9]{1,18}\\..*$")),
            ),
            query_integer(
                "limit",
                1,
                GuestSearch::MAX_LIMIT,
                "Guests per page (default 50).",
            ),
        ]
    }
}

impl Fields for SearchQuery {
    const FIELDS: &'static [&'static str] = &["q", "tag", "after", "limit"];
}

/// Guest profiles (one per e-mail address, or per phone number for guests
/// known by phone alone, built from their bookings) by name, a page at a
/// time: follow `next` (as `after`, with the same search) until it is
/// `null`. Staff and admins only.
#[utoipa::path(get, path = "/api/admin/guests", tag = "staff", params(SearchQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of guests", body = GuestPage),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A search, tag, cursor or page length that is not valid", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn search(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<GuestPage>, ApiError> {
    let blank = |v: &Option<String>| v.as_deref().is_some_and(|v| v.trim().is_empty());
    let blank: Vec<domain::FieldError> = [("after", &q.after), ("limit", &q.limit)]
        .into_iter()
        .filter(|(_, v)| blank(v))
        .map(|(field, _)| domain::FieldError::invalid(field))
        .collect();
    if !blank.is_empty() {
        return Err(ApiError::fields(blank, lang));
    }
    let search = GuestSearch::parse(&GuestSearchInput {
        q: q.q,
        tag: q.tag,
        after: q.after,
        limit: q.limit,
    })
    .map_err(|errors| ApiError::fields(errors, lang))?;
    let page = booking::search_guests(&state.store, caller.principal(), &search).await;
    Ok(Json(service(page, lang)?))
}

fn guest_id(raw: &str, lang: Lang) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .map_err(|_| ApiError::from_service(ServiceError::NotFound, lang))
}

/// A guest's profile: contact, visits, no-shows, cancellations, last
/// visit, the tags and notes staff keep, and the newest bookings. Staff and
/// admins only.
#[utoipa::path(get, path = "/api/admin/guests/{id}", tag = "staff",
    params(("id" = i64, Path, description = "The guest's id (`guest_id` of a staff booking)")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The profile", body = GuestProfile),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such guest", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn profile(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<Json<GuestProfile>, ApiError> {
    let id = guest_id(&id, lang)?;
    let found = booking::guest_profile(&state.store, caller.principal(), id).await;
    Ok(Json(service(found, lang)?))
}

/// `PUT /api/admin/guests/{id}` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotesIn {
    #[schema(value_type = formats::GuestTagsText)]
    tags: String,
    /// What staff keep about the guest (never shown to the guest).
    #[schema(value_type = formats::ShiftNoteText)]
    notes: String,
}

impl Fields for NotesIn {
    const FIELDS: &'static [&'static str] = &["tags", "notes"];
}

/// Staff write a guest's tags and notes (both replace what was there; empty
/// removes them). They show on the guest's bookings everywhere staff look:
/// an `allergy` tag or an allergy in the notes flags each booking.
#[utoipa::path(put, path = "/api/admin/guests/{id}", tag = "staff",
    params(("id" = i64, Path, description = "The guest's id")),
    request_body = NotesIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The profile as it is now", body = GuestProfile),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such guest", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Tags or notes that are not valid", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn set_notes(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NotesIn>,
) -> Result<Json<GuestProfile>, ApiError> {
    let id = guest_id(&id, lang)?;
    let notes = GuestNotes::parse(&GuestNotesInput {
        tags: body.tags,
        notes: body.notes,
    })
    .map_err(|errors| ApiError::fields(errors, lang))?;
    let done =
        booking::set_guest_notes(&state.store, backend::now(), caller.principal(), id, &notes)
            .await;
    Ok(Json(service(done, lang)?))
}
