//! `/api/admin/...`: what staff use to run a service. One module per
//! resource: `day` (the host stand's day), `floor` (the live floor), `events` (the live updates'
//! stream), `reservations` (staff actions on a booking), `guests` (guest
//! profiles); and the restaurant's setup: `areas`, `tables`,
//! `combinations` (the room), `blocks` (tables kept from bookings),
//! `menu` (categories, dishes, photos), `gallery` (the photos of the
//! restaurant's page), `settings` (the restaurant's page, rules, hours, exceptions, and the
//! audit log); and, for admins, `team` (the staff and admins, pending
//! invitations, deactivation).

pub mod areas;
pub mod blocks;
pub mod combinations;
pub mod day;
pub mod events;
pub mod floor;
pub mod gallery;
pub mod guests;
pub mod menu;
pub mod payments;
pub mod reservations;
pub mod settings;
pub mod tables;
pub mod team;

use app::ssr::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(areas::routes())
        .merge(blocks::routes())
        .merge(combinations::routes())
        .merge(day::routes())
        .merge(events::routes())
        .merge(floor::routes())
        .merge(gallery::routes())
        .merge(guests::routes())
        .merge(menu::routes())
        .merge(payments::routes())
        .merge(reservations::routes())
        .merge(settings::routes())
        .merge(tables::routes())
        .merge(team::routes())
}
