//! The restaurant's page and the booking rules: read, changed.

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use crate::api::formats::{self};
use app::ssr::AppState;
use axum::extract::State;
use axum::Json;
use backend::services::setup;
use domain::{
    BookingRules, FieldError, RestaurantForm, RestaurantInput, RestaurantSettings, RulesForm,
    RulesInput, Settings,
};
use serde::Deserialize;
use utoipa::ToSchema;

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
