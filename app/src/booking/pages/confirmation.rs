//! Step 4, `/book/confirmation/{token}`: the reference, the deposit paid or
//! the card saved, and the manage link.

use super::super::api;
use super::Steps;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::reservation::{manage_link_not_found, SlotSummary};
use crate::ui::I18n;
use crate::ui::Loading;
use domain::{PaymentStatus, PaymentView, ReservationView};
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
            {booking.payment.clone().map(|payment| payment_lines(i18n, payment, booking.refund_if_cancelled_cents))}
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

/// "Deposit paid: 60,00 €" and what cancelling now would refund, or "Card
/// saved as a guarantee (no-show fee 40,00 €)".
fn payment_lines(i18n: I18n, payment: PaymentView, refund: Option<i64>) -> impl IntoView {
    let price = move |cents: i64| crate::ui::labels::money(i18n, cents);
    let left = payment.amount_cents - payment.refunded_cents;
    let rule = refund.map(|cents| {
        move || {
            if cents >= left {
                t_string!(i18n, pay.refund_now_full).to_string()
            } else if cents <= 0 {
                t_string!(i18n, pay.refund_now_none).to_string()
            } else {
                t_string!(i18n, pay.refund_now_part, amount = price(cents)).to_string()
            }
        }
    });
    view! {
        <p class="deposit" id="payment-line">{move || payment_label(i18n, &payment)}</p>
        {rule.map(|rule| view! { <p class="hint">{rule}</p> })}
    }
}

/// Where a booking's payment stands, in a line.
fn payment_label(i18n: I18n, p: &PaymentView) -> String {
    let price = |cents: i64| crate::ui::labels::money(i18n, cents);
    let amount = price(p.amount_cents);
    match p.status {
        PaymentStatus::Pending => t_string!(i18n, pay.waiting, amount = amount).to_string(),
        PaymentStatus::Expired => t_string!(i18n, pay.not_paid).to_string(),
        PaymentStatus::Paid if p.refunded_cents > 0 => t_string!(
            i18n,
            pay.part_refunded,
            amount = amount,
            refunded = price(p.refunded_cents)
        )
        .to_string(),
        PaymentStatus::Paid => t_string!(i18n, pay.deposit_paid, amount = amount).to_string(),
        PaymentStatus::Refunded => {
            t_string!(i18n, pay.refunded, amount = price(p.refunded_cents)).to_string()
        }
        PaymentStatus::CardSaved => t_string!(i18n, pay.card_saved, amount = amount).to_string(),
        PaymentStatus::FeeCharged => {
            t_string!(i18n, pay.fee_charged, amount = price(p.fee_charged_cents)).to_string()
        }
    }
}
