//! Guest self-service: find a booking by reference and e-mail, then view,
//! change or cancel it through its secret manage link (`/manage/{token}`).

pub mod api;
mod pages;

pub(crate) use pages::status_label;
pub use pages::{FindPage, ManageBookingPage};

use crate::i18n::*;
use domain::ReservationView;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// A booking as its manage page shows it, with the limits of the change
/// form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManageView {
    pub reservation: ReservationView,
    /// Today at the restaurant and the last bookable date, `YYYY-MM-DD`.
    pub today: String,
    pub last_day: String,
    pub min_party: u32,
    pub max_party_online: u32,
}

/// The page for a manage link that opens no booking (answered with 404).
pub fn not_found_view() -> impl IntoView {
    crate::response::set_status(404);
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, manage.not_found_title).to_string() />
        <section class="card not-found">
            <h1 id="page-title" tabindex="-1">{t!(i18n, manage.not_found_title)}</h1>
            <p>{t!(i18n, manage.not_found_text)}</p>
            <p><a class="button button-primary" href="/manage">{t!(i18n, manage.find_submit)}</a></p>
        </section>
    }
}
