//! Payments of bookings: what a booking is asked (the restaurant's policy),
//! sending the guest to Stripe Checkout while the booking holds its table,
//! settling what Stripe says was paid (the return page, webhooks), releasing
//! the holds nobody paid, and the money moves (refunds, no-show fees);
//! `list`: the staff's payments list, its day figures and CSV.
//!
//! The table is held by the booking itself (`pending_payment`, an active
//! booking), so the database's no-overlap guarantee covers holds too.

mod list;
mod money;
mod policy;
mod webhook;

pub(in crate::services::booking) use list::by_day;
pub use list::{payments_csv, payments_list, PaymentsCsv, PAYMENTS_CSV_HEADER, PAYMENTS_CSV_LIMIT};
pub(super) use money::cancel_and_refund;
pub use money::{charge_no_show_fee, refund, refund_cancelled, MoneyOutcome};
pub use policy::{payment_settings, save_payment_settings};
pub use webhook::{webhook, WebhookOutcome};

use super::context::{context, Context};
use crate::mail::MailKind;
use crate::payments::{CheckoutMode, CheckoutRequest, GatewayError, Payments, SessionState};
use crate::services::ServiceError;
use crate::store::{Actor, PaymentRow, ReservationRow, Settled, Settlement, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use domain::{PaymentKind, PaymentPage, PaymentTerms, ReservationView, ServiceKind};

/// What an e-mail tells of a payment: as it will be once the change is
/// made, the terms it was taken under, and a refund about to be made.
pub(super) type Told = (domain::PaymentView, PaymentTerms, Option<i64>);

/// What a party booking `date` at `time` (the service it falls in) will be
/// asked to pay, if anything.
pub(super) fn terms(
    ctx: &Context,
    payments: &Payments,
    party: u32,
    date: NaiveDate,
    service: Option<ServiceKind>,
) -> Option<PaymentTerms> {
    use chrono::Datelike;
    let policy = &ctx.booking.payment;
    let weekday = domain::time::Weekday::ALL[date.weekday().num_days_from_monday() as usize];
    let due = rules::payment_due(policy, party, weekday, service, payments.available())?;
    Some(PaymentTerms {
        kind: due.kind,
        amount_cents: due.amount_cents,
        currency: payments.currency().to_owned(),
        hold_minutes: policy.hold_minutes,
        refund_cutoff_minutes: policy.refund_cutoff_minutes,
        late_refund_percent: policy.late_refund_percent,
    })
}

/// The service of the day's slot at `time`.
pub(super) fn service_at(day: &rules::DayAvailability, time: NaiveTime) -> Option<ServiceKind> {
    day.periods
        .iter()
        .find(|p| p.slots.iter().any(|s| s.local_time == time))
        .map(|p| p.kind)
}

/// A view of a booking with its payment, and what cancelling now would
/// refund.
pub(super) fn with_payment(
    mut view: ReservationView,
    payment: Option<&PaymentRow>,
    now: DateTime<Utc>,
) -> Result<ReservationView, ServiceError> {
    if let Some(p) = payment {
        view.payment = Some(p.view()?);
        if p.kind == "deposit" && p.paid_cents > p.refunded_cents {
            view.refund_if_cancelled_cents = Some(rules::refund_on_cancel(
                refund_terms(p),
                p.paid_cents,
                p.refunded_cents,
                now,
                p.starts_at,
            ));
        }
    }
    Ok(view)
}

/// The terms a payment was taken under, as the e-mails tell them.
pub(super) fn terms_of(p: &PaymentRow) -> Result<PaymentTerms, ServiceError> {
    Ok(PaymentTerms {
        kind: p.kind()?,
        amount_cents: p.amount_cents,
        currency: p.currency.clone(),
        hold_minutes: 0,
        refund_cutoff_minutes: u32::try_from(p.refund_cutoff_minutes).unwrap_or(0),
        late_refund_percent: u32::try_from(p.late_refund_percent).unwrap_or(0),
    })
}

pub(super) fn refund_terms(p: &PaymentRow) -> rules::RefundTerms {
    rules::RefundTerms {
        cutoff_minutes: u32::try_from(p.refund_cutoff_minutes).unwrap_or(0),
        late_percent: u32::try_from(p.late_refund_percent).unwrap_or(0),
    }
}

/// Stripe keeps a Checkout Session open at least 30 minutes; the hold is
/// released (and the session expired) earlier when the policy says so.
const MIN_SESSION_MINUTES: i64 = 31;

/// Opens the Checkout Session of a booking that was just made as
/// `pending_payment`; the guest is sent to the returned address. When
/// Stripe cannot be reached the hold is released at once and the guest is
/// told to try again.
pub(super) async fn open_checkout(
    ctx: &Context,
    store: &Store,
    payments: &Payments,
    row: &ReservationRow,
    now: DateTime<Utc>,
) -> Result<String, ServiceError> {
    let payment = store
        .payment_of(row.id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let Some(stripe) = payments.stripe() else {
        release(store, &payment, "payment_unavailable", now).await?;
        return Err(ServiceError::PaymentUnavailable);
    };
    let kind = payment.kind()?;
    let locale = if row.locale == "fr" { "fr" } else { "en" };
    let local = row.starts_at.with_timezone(&ctx.tz);
    let when = local.format("%Y-%m-%d %H:%M");
    let description = match (kind, locale) {
        (PaymentKind::Deposit, "fr") => format!("Acompte — {} — {when}", ctx.restaurant.name),
        (PaymentKind::Deposit, _) => format!("Deposit — {} — {when}", ctx.restaurant.name),
        (PaymentKind::Guarantee, "fr") => format!("Garantie — {} — {when}", ctx.restaurant.name),
        (PaymentKind::Guarantee, _) => format!("Card guarantee — {} — {when}", ctx.restaurant.name),
    };
    let request = CheckoutRequest {
        mode: match kind {
            PaymentKind::Deposit => CheckoutMode::Payment,
            PaymentKind::Guarantee => CheckoutMode::Setup,
        },
        amount_cents: payment.amount_cents,
        currency: payment.currency.clone(),
        reference: row.reference.clone(),
        email: row.guest_email.clone(),
        name: row.guest_name.clone(),
        locale: locale.to_owned(),
        description,
        success_url: payments.url("/book/payment/return?session_id={CHECKOUT_SESSION_ID}"),
        cancel_url: payments.url(&format!("/book/payment?reference={}", row.reference)),
        expires_at: (now + TimeDelta::minutes(MIN_SESSION_MINUTES)).max(payment.hold_until),
    };
    match stripe.create_checkout(&request).await {
        Ok(checkout) => {
            store
                .set_checkout(payment.id, &checkout.session_id, &checkout.url, now)
                .await?;
            Ok(checkout.url)
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot open a checkout session; releasing the hold");
            release(store, &payment, "payment_unavailable", now).await?;
            Err(ServiceError::PaymentUnavailable)
        }
    }
}

async fn release(
    store: &Store,
    payment: &PaymentRow,
    why: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    Ok(store
        .release_payment_hold(payment.id, payment.restaurant_id, why, Actor::System, now)
        .await?)
}

/// Applies what a Checkout Session says was paid (or saved): the booking
/// is confirmed with its e-mail, or, when the money came after the hold
/// was released and the table was taken, refunded at once.
pub(super) async fn settle(
    store: &Store,
    payments: &Payments,
    payment: &PaymentRow,
    intent_id: Option<String>,
    setup_intent_id: Option<String>,
    paid_cents: i64,
    now: DateTime<Utc>,
) -> Result<Settled, ServiceError> {
    let ctx = context(store).await?;
    let (customer_id, payment_method_id) = match (&setup_intent_id, payments.stripe()) {
        (Some(setup), Some(stripe)) => stripe.saved_card(setup).await.map_err(unavailable)?,
        _ => (None, None),
    };
    let settlement = Settlement {
        payment_intent_id: intent_id,
        customer_id,
        payment_method_id,
        paid_cents: if payment.kind == "deposit" {
            paid_cents
        } else {
            0
        },
    };
    // The confirmation tells what was paid (or saved) and the terms.
    let mut told = payment.view()?;
    told.status = if payment.kind == "deposit" {
        domain::PaymentStatus::Paid
    } else {
        domain::PaymentStatus::CardSaved
    };
    told.hold_until = None;
    let terms = terms_of(payment)?;
    let settled = store
        .settle_payment(
            payment.id,
            payment.restaurant_id,
            &settlement,
            |row| {
                ctx.mail_with_payment(
                    MailKind::Confirmation,
                    row,
                    now,
                    true,
                    Some((told, terms, None)),
                )
            },
            now,
        )
        .await?;
    match &settled {
        Settled::Confirmed(row) => {
            tracing::info!(reference = %row.reference, "payment settled; booking confirmed");
        }
        Settled::TooLate => {
            tracing::warn!(reference = %payment.reference, "paid after the hold was released");
            if payment.kind == "deposit" {
                money::refund_too_late(store, payments, payment, now).await?;
            }
        }
        Settled::AlreadyDone => {}
    }
    Ok(settled)
}

fn unavailable(e: GatewayError) -> ServiceError {
    tracing::warn!(error = %e, "payment provider call failed");
    ServiceError::PaymentUnavailable
}

/// Where a guest coming back from Stripe stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Returned {
    /// Paid (or card saved): the booking is confirmed.
    Confirmed { reference: String },
    /// Not paid yet: the booking still holds its table until `hold_until`.
    Pending { reference: String },
    /// The hold was released (or the payment came too late and was
    /// refunded).
    Released { reference: String },
}

/// The guest is back from Stripe with a session id: the session is read
/// from Stripe (not only the webhook, which may come later) and settled.
#[tracing::instrument(skip_all)]
pub async fn returned(
    store: &Store,
    payments: &Payments,
    session_id: &str,
    now: DateTime<Utc>,
) -> Result<Returned, ServiceError> {
    if session_id.len() > 255
        || session_id
            .chars()
            .any(|c| !c.is_ascii_alphanumeric() && c != '_')
    {
        return Err(ServiceError::NotFound);
    }
    let payment = store
        .payment_by_session(session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let stripe = payments.stripe().ok_or(ServiceError::PaymentUnavailable)?;
    let state: SessionState = stripe.session(session_id).await.map_err(unavailable)?;
    let reference = payment.reference.clone();
    if state.done {
        let amount = state.amount_total.unwrap_or(payment.amount_cents);
        let settled = settle(
            store,
            payments,
            &payment,
            state.payment_intent_id,
            state.setup_intent_id,
            amount,
            now,
        )
        .await?;
        return Ok(match settled {
            Settled::TooLate => Returned::Released { reference },
            _ => match store.payment_of(payment.reservation_id).await? {
                Some(p) if p.status == "expired" => Returned::Released { reference },
                _ => Returned::Confirmed { reference },
            },
        });
    }
    Ok(match payment.status.as_str() {
        "pending" => Returned::Pending { reference },
        "expired" => Returned::Released { reference },
        _ => Returned::Confirmed { reference },
    })
}

/// The guest leaves the payment: the hold is released at once and the
/// session closed.
#[tracing::instrument(skip_all)]
pub async fn abandon(
    store: &Store,
    payments: &Payments,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let payment = store
        .payment_by_reference(reference)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if payment.status != "pending" {
        return Ok(false);
    }
    expire_then_release(store, payments, &payment, "payment_abandoned", now).await
}

/// Closes the session at Stripe, then releases the hold; a session that
/// was paid meanwhile is settled instead.
async fn expire_then_release(
    store: &Store,
    payments: &Payments,
    payment: &PaymentRow,
    why: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    if let (Some(stripe), Some(session)) = (payments.stripe(), &payment.checkout_session_id) {
        if let Err(e) = stripe.expire(session).await {
            // Completed meanwhile? Then it is settled, not released.
            if let Ok(state) = stripe.session(session).await {
                if state.done {
                    let amount = state.amount_total.unwrap_or(payment.amount_cents);
                    settle(
                        store,
                        payments,
                        payment,
                        state.payment_intent_id,
                        state.setup_intent_id,
                        amount,
                        now,
                    )
                    .await?;
                    return Ok(false);
                }
            }
            tracing::warn!(error = %e, "could not expire a checkout session; releasing anyway");
        }
    }
    if release(store, payment, why, now).await? {
        return Ok(true);
    }
    // Stripe's `checkout.session.expired` webhook may have released it
    // first: released all the same.
    Ok(store
        .payment_of(payment.reservation_id)
        .await?
        .is_some_and(|p| p.status == "expired"))
}

/// Releases the holds of bookings nobody paid in time (a job calls this
/// every minute): their tables are free again. How many were released.
#[tracing::instrument(skip_all)]
pub async fn release_unpaid(
    store: &Store,
    payments: &Payments,
    now: DateTime<Utc>,
) -> Result<usize, ServiceError> {
    let mut released = 0;
    for hold in store.overdue_holds(now).await? {
        let Some(payment) = store.payment_by_reference(&hold.reference).await? else {
            continue;
        };
        if expire_then_release(store, payments, &payment, "payment_expired", now).await? {
            tracing::info!(reference = %hold.reference, "unpaid booking released");
            released += 1;
        }
    }
    Ok(released)
}

/// A booking waiting for (or done with) its payment, by reference, for the
/// payment page: the booking with its payment, and where to pay while the
/// hold lasts. The web layer shows it only to the visitor who made it.
#[tracing::instrument(skip_all)]
pub async fn pending(
    store: &Store,
    reference: &str,
    now: DateTime<Utc>,
) -> Result<PaymentPage, ServiceError> {
    let ctx = context(store).await?;
    let payment = store
        .payment_by_reference(reference)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if payment.restaurant_id != ctx.restaurant.id {
        return Err(ServiceError::NotFound);
    }
    let row = store
        .reservation_by_id(ctx.restaurant.id, payment.reservation_id)
        .await?;
    let reservation = with_payment(ctx.view(&row, now)?, Some(&payment), now)?;
    Ok(PaymentPage {
        checkout_url: (payment.status == "pending")
            .then(|| payment.checkout_url.clone())
            .flatten(),
        reservation,
    })
}
