//! `GET /api/admin/events`: the server-sent event stream staff screens
//! follow, one `changed` event (its data the new version) whenever a
//! booking or a note changes, from any server process; the first event
//! (`ready`) gives the version at connection, so a screen that was cut
//! off knows to read again. A `ping` event (its data the interval in
//! seconds) comes when nothing else has for that long, so a screen can
//! tell a silent connection from a dead one.

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, Lang};
use app::ssr::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use axum::Router;
use backend::live::LiveState;
use futures_util::stream::{self, Stream};
use std::convert::Infallible;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/admin/events", get(events))
}

/// Staff screens' live updates (`text/event-stream`): `ready` once with
/// the current version, then `changed` with each new version, and `ping`
/// (its data the interval in seconds, 15 by default) whenever nothing
/// else was sent for that long. Staff and admins only.
#[utoipa::path(get, path = "/api/admin/events", tag = "staff",
    security(("session" = [])),
    responses(
        (status = 200, description = "The event stream", content_type = "text/event-stream", body = String),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn events(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let rx = service(
        backend::services::live::follow(&state.live, caller.principal()),
        lang,
    )?;
    let first = *rx.borrow();
    let ready = stream::once(async move { Ok(event("ready", first)) });
    let changes = stream::unfold(rx, |mut rx| async move {
        // Ends with the server (or a dropped publisher).
        rx.changed().await.ok()?;
        let now = *rx.borrow_and_update();
        (!now.closed).then(|| (Ok(event("changed", now)), rx))
    });
    use futures_util::StreamExt;
    let ping = state.live.ping();
    let alive = Event::default()
        .event("ping")
        .data(ping.as_secs().max(1).to_string());
    Ok(Sse::new(ready.chain(changes)).keep_alive(KeepAlive::new().interval(ping).event(alive)))
}

fn event(name: &str, state: LiveState) -> Event {
    Event::default().event(name).data(state.version.to_string())
}
