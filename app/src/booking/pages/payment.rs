//! `/book/payment?reference=…`: a booking waiting for its deposit (or its
//! card guarantee). The page sends the guest to Stripe's page with a plain
//! link (the CSP's `form-action` stays `'self'`), counts down the hold, and
//! offers to give up at once. Stripe brings the guest back through
//! `/book/payment/return` (paid: the confirmation) or here (not paid, or
//! the hold was released). Only the visitor who booked sees it: anyone
//! else gets a kind page that points to their e-mail.

use super::super::{api, PaymentScreen};
use super::Steps;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::reservation::SlotSummary;
use crate::ui::{I18n, Loading};
use domain::{PaymentKind, PaymentStatus, ReservationView};
use leptos::either::{Either, EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// While the time to pay is over but the booking still waits (the job
/// releases it within a minute), the page reads it again this often.
const RECHECK_AFTER: std::time::Duration = std::time::Duration::from_secs(15);

#[component]
pub fn PayPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let reference = Memo::new(move |_| query.read().get("reference").unwrap_or_default());
    let abandon = ServerAction::<api::AbandonPayment>::new();
    let recheck = RwSignal::new(0u32);
    let data = Resource::new(
        move || (reference.get(), abandon.version().get(), recheck.get()),
        |(reference, _, _)| api::booking_payment(reference),
    );
    focus_heading_on_arrival("page-title");
    let time_up = Callback::new(move |()| {
        set_timeout(move || recheck.update(|n| *n += 1), RECHECK_AFTER);
    });
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(screen) => EitherOf3::A(view! { <Payment screen abandon time_up /> }),
                    Err(AppError::NotFound) => EitherOf3::B(unknown(i18n)),
                    Err(error) => EitherOf3::C(view! {
                        <Title text=move || t_string!(i18n, pay.title).to_string() />
                        <h1 id="page-title" tabindex="-1">{t!(i18n, pay.title)}</h1>
                        <ErrorMessage error />
                    }),
                }
            })}
        </Transition>
    }
}

/// The page's title and heading.
fn heading(i18n: I18n, title: fn(I18n) -> &'static str) -> impl IntoView {
    view! {
        <Title text=move || format!("{} · {}", title(i18n), t_string!(i18n, book.title)) />
        <h1 id="page-title" tabindex="-1">{move || title(i18n)}</h1>
    }
}

/// No booking of this visitor's to pay for (another browser, a session
/// that ended, a link from elsewhere).
fn unknown(i18n: I18n) -> impl IntoView {
    view! {
        {heading(i18n, |i18n| t_string!(i18n, pay.title))}
        <section class="card">
            <p>{t!(i18n, pay.unknown_text)}</p>
            <p><a class="button button-primary" href="/">{t!(i18n, pay.home)}</a></p>
        </section>
    }
}

#[component]
fn Payment(
    screen: PaymentScreen,
    abandon: ServerAction<api::AbandonPayment>,
    time_up: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let PaymentScreen {
        page,
        held_until,
        seconds_left,
        manage_token,
    } = screen;
    let booking = page.reservation;
    let Some(payment) = booking.payment.clone() else {
        return EitherOf4::D(unknown(i18n));
    };
    let book_again = format!("/book?party={}&date={}", booking.party_size, booking.date);
    if payment.status == PaymentStatus::Expired {
        // Released by the guest's own button: the button is gone, the
        // heading says what happened.
        Effect::new(move |_| {
            if abandon.value().get_untracked().is_some_and(|r| r.is_ok()) {
                focus_later("page-title");
            }
        });
    }
    match payment.status {
        PaymentStatus::Pending => EitherOf4::A(view! {
            <Pending
                booking
                kind=payment.kind
                amount=payment.amount_cents
                checkout_url=page.checkout_url
                held_until=held_until.unwrap_or_default()
                seconds_left=seconds_left.unwrap_or_default()
                abandon
                time_up
            />
        }),
        PaymentStatus::Expired | PaymentStatus::Refunded => EitherOf4::B(view! {
            {heading(i18n, |i18n| t_string!(i18n, pay.title_released))}
            <section class="card">
                <p>{move || if payment.status == PaymentStatus::Refunded {
                    t_string!(i18n, pay.refunded_text)
                } else {
                    t_string!(i18n, pay.expired_text)
                }}</p>
                <p><a class="button button-primary" href=book_again>{t!(i18n, pay.book_again)}</a></p>
            </section>
        }),
        PaymentStatus::Paid | PaymentStatus::CardSaved | PaymentStatus::FeeCharged => {
            let saved = payment.kind == PaymentKind::Guarantee;
            EitherOf4::C(view! {
                {heading(i18n, |i18n| t_string!(i18n, pay.title_done))}
                <Steps current=4 />
                <section class="card confirmation">
                    <p class="notice" id="payment-done">{move || if saved {
                        t_string!(i18n, pay.card_saved_text)
                    } else {
                        t_string!(i18n, pay.paid_text)
                    }}</p>
                    <p class="reference-line">
                        <span>{t!(i18n, done.reference)}</span>
                        <strong class="reference">{booking.reference.clone()}</strong>
                    </p>
                    <SlotSummary date=booking.date.clone() time=booking.time.clone() party=booking.party_size />
                    {manage_token.map(|token| view! {
                        <p><a class="button button-primary" href=format!("/book/confirmation/{token}")>{t!(i18n, pay.see_booking)}</a></p>
                    })}
                </section>
            })
        }
    }
}

/// Waiting for the payment: the amount, the booking, the link to Stripe,
/// the countdown of the hold and the way to give up.
#[component]
fn Pending(
    booking: ReservationView,
    kind: PaymentKind,
    amount: i64,
    checkout_url: Option<String>,
    held_until: String,
    seconds_left: i64,
    abandon: ServerAction<api::AbandonPayment>,
    time_up: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let guarantee = kind == PaymentKind::Guarantee;
    let price = move || crate::ui::labels::money(i18n, amount);
    let left = RwSignal::new(None::<i64>);
    let over = move || left.get() == Some(0);
    let error = Memo::new(move |_| abandon.value().get().and_then(Result::err));
    let reference = booking.reference.clone();
    let title: fn(I18n) -> &'static str = if guarantee {
        |i18n| t_string!(i18n, pay.title_guarantee)
    } else {
        |i18n| t_string!(i18n, pay.title_deposit)
    };
    view! {
        {heading(i18n, title)}
        <Steps current=3 />
        <section class="card pay-card" aria-labelledby="pay-amount">
            <p class="deposit" id="pay-amount">{move || if guarantee {
                t_string!(i18n, pay.amount_guarantee, amount = price()).to_string()
            } else {
                t_string!(i18n, pay.amount_deposit, amount = price()).to_string()
            }}</p>
            <SlotSummary date=booking.date.clone() time=booking.time.clone() party=booking.party_size />
            <Countdown held_until seconds_left left time_up />
            {checkout_url.map(|url| view! {
                <p hidden=over>
                    <a class="button button-primary button-large" href=url rel="external" id="pay-link">
                        {move || if guarantee {
                            t_string!(i18n, pay.save_card).to_string()
                        } else {
                            t_string!(i18n, pay.pay_button, amount = price()).to_string()
                        }}
                    </a>
                </p>
                <p class="hint" hidden=over>{t!(i18n, pay.stripe_note)}</p>
            })}
        </section>
        <section class="card" aria-labelledby="abandon-title">
            <h2 id="abandon-title">{t!(i18n, pay.abandon_title)}</h2>
            {move || error.get().map(|error| view! { <ErrorMessage error /> })}
            <p>{t!(i18n, pay.abandon_text)}</p>
            <ActionForm action=abandon>
                <input type="hidden" name="reference" value=reference.clone() />
                <button type="submit" class="button button-secondary" disabled=move || abandon.pending().get()>
                    {t!(i18n, pay.abandon)}
                </button>
            </ActionForm>
        </section>
    }
}

/// The points of the hold (seconds left) a screen reader hears about: not
/// every second, only when one is crossed.
const MILESTONES: [i64; 5] = [300, 120, 60, 30, 0];

/// The nearest milestone at or above `seconds` (`None`: more than 5 min).
fn milestone(seconds: i64) -> Option<i64> {
    MILESTONES.into_iter().filter(|m| seconds <= *m).min()
}

/// The hold's countdown. Before hydration (and without JavaScript) it says
/// until when the table is held; in the browser it shows mm:ss, updated
/// each second from the clock (a throttled tab stays right), while a
/// separate polite live region speaks only when a milestone is crossed.
#[component]
fn Countdown(
    held_until: String,
    seconds_left: i64,
    /// Seconds left, once counting (in the browser).
    left: RwSignal<Option<i64>>,
    /// Called once when the time is up.
    time_up: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let said = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        let now = || leptos::web_sys::js_sys::Date::now();
        let deadline = now() + seconds_left as f64 * 1000.0;
        // What is already past on arrival is on the screen, not announced.
        let last = StoredValue::new(milestone(seconds_left));
        let tick = move || {
            let s = (((deadline - now()) / 1000.0).ceil() as i64).max(0);
            if left.get_untracked() == Some(s) {
                return;
            }
            left.set(Some(s));
            let m = milestone(s);
            if m != last.get_value() {
                last.set_value(m);
                said.set(m);
            }
            if s == 0 {
                time_up.run(());
            }
        };
        tick();
        if let Ok(handle) = set_interval_with_handle(tick, std::time::Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    });
    let mm_ss = |s: i64| format!("{:02}:{:02}", s / 60, s % 60);
    let announce = move || {
        said.get().map(|m| match m {
            0 => t_string!(i18n, pay.time_up).to_string(),
            60 => t_string!(i18n, pay.left_one_minute).to_string(),
            m if m < 60 => t_string!(i18n, pay.left_seconds, count = m).to_string(),
            m => t_string!(i18n, pay.left_minutes, count = m / 60).to_string(),
        })
    };
    view! {
        <div class="countdown">
            <p>{move || t_string!(i18n, pay.held_until, time = held_until.clone())}</p>
            {move || left.get().map(|s| if s > 0 {
                Either::Left(view! {
                    <p class="countdown-time">
                        {t!(i18n, pay.time_left)}" "
                        <strong role="timer" aria-atomic="true">{mm_ss(s)}</strong>
                    </p>
                })
            } else {
                Either::Right(view! {
                    <p class="alert alert-info">{t!(i18n, pay.time_up)}</p>
                })
            })}
            <p class="visually-hidden" aria-live="polite" aria-atomic="true">{announce}</p>
        </div>
    }
}
