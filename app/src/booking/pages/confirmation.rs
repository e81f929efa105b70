//! Step 4, `/book/confirmation/{token}`: the reference and the manage link.

use super::super::api;
use super::Steps;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::reservation::{manage_link_not_found, SlotSummary};
use crate::ui::Loading;
use domain::ReservationView;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let booking = Resource::new(move || token.get(), api::booking_confirmation);
    focus_heading_on_arrival("page-title");
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match booking.await {
                    Ok(booking) => EitherOf3::A(view! { <Confirmation booking token=token.get_untracked() /> }),
                    Err(AppError::NotFound) => EitherOf3::B(manage_link_not_found()),
                    Err(error) => EitherOf3::C(view! {
                        <Title text=move || t_string!(i18n, book.title).to_string() />
                        <h1 id="page-title" tabindex="-1">{t!(i18n, book.title)}</h1>
                        <ErrorMessage error />
                    }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Confirmation(booking: ReservationView, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let manage_href = format!("/manage/{token}");
    let ics_href = format!("/api/reservations/manage/{token}/calendar.ics");
    let email = booking.email.clone();
    let cancelled = !booking.status.is_active();
    // A large party's booking waits for the guest's confirmation by e-mail.
    let pending = booking.status == domain::ReservationStatus::PendingConfirmation;
    let title = move || {
        if pending {
            t_string!(i18n, done.pending_title)
        } else {
            t_string!(i18n, done.title)
        }
    };
    view! {
        <Title text=move || format!("{} · {}", title(), t_string!(i18n, book.title)) />
        <h1 id="page-title" tabindex="-1">{title}</h1>
        <Steps current=4 />
        <section class="card confirmation" aria-labelledby="reference-label">
            {cancelled.then(|| view! { <p class="notice">{t!(i18n, manage.is_cancelled)}</p> })}
            <p class="reference-line">
                <span id="reference-label">{t!(i18n, done.reference)}</span>
                <strong class="reference" data-testid="reference">{booking.reference.clone()}</strong>
            </p>
            <SlotSummary date=booking.date.clone() time=booking.time.clone() party=booking.party_size />
            {if pending {
                view! {
                    <p class="notice" id="pending-confirmation">{move || t_string!(i18n, done.pending_email, email = email.clone())}</p>
                }.into_any()
            } else {
                view! {
                    <p class="email-note">{move || t_string!(i18n, done.email_sent, email = email.clone())}</p>
                }.into_any()
            }}
            <div class="actions">
                <a class="button button-primary" href=manage_href>{t!(i18n, done.manage)}</a>
                {(!pending).then(|| view! {
                    <a class="button button-secondary" href=ics_href rel="external" download="reservation.ics">{t!(i18n, done.calendar)}</a>
                })}
            </div>
            {(!pending).then(|| view! { <p class="hint">{t!(i18n, done.keep_link)}</p> })}
        </section>
    }
}
