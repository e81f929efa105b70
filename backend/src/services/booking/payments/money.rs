//! Money moves: refunds (staff's, a guest's cancellation by the policy, a
//! payment that came too late) and a guarantee's no-show fee. Each is
//! written with its amount set aside before Stripe is asked, under a key
//! that makes a repeated request the same operation (for Stripe too).

use crate::payments::{GatewayError, Payments};
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{Actor, Begun, NewOperation, OperationKind, PaymentRow, Store};
use chrono::{DateTime, Utc};
use domain::{RefundForm, ReservationStatus};

/// What a money move did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyOutcome {
    pub amount_cents: i64,
    /// False when the same request was made before (nothing new happened).
    pub new: bool,
}

async fn run(
    store: &Store,
    payments: &Payments,
    payment: &PaymentRow,
    op: NewOperation,
    notify: Option<(String, String)>,
    now: DateTime<Utc>,
) -> Result<MoneyOutcome, ServiceError> {
    let stripe = payments.stripe().ok_or(ServiceError::PaymentUnavailable)?;
    let row = match store
        .begin_operation(payment.restaurant_id, &op, now)
        .await?
    {
        Begun::Existing(row) => {
            return match row.status.as_str() {
                "succeeded" => Ok(MoneyOutcome {
                    amount_cents: row.amount_cents,
                    new: false,
                }),
                "requested" => Err(ServiceError::Conflict("operation in progress".into())),
                _ => Err(ServiceError::Refused {
                    field: "payment",
                    reason: "failed_before",
                }),
            };
        }
        Begun::Refused => {
            return Err(ServiceError::Refused {
                field: "amount",
                reason: "nothing_left",
            })
        }
        Begun::New(row) => row,
    };
    let key = format!("op-{}", row.idempotency_key);
    let sent = match op.kind {
        OperationKind::Refund => {
            let intent = payment
                .payment_intent_id
                .as_deref()
                .ok_or(ServiceError::NotFound);
            match intent {
                Ok(intent) => {
                    stripe
                        .refund(intent, row.amount_cents, &payment.reference, &key)
                        .await
                }
                Err(_) => Err(GatewayError::Refused("no payment to refund".into())),
            }
        }
        OperationKind::Fee => match (&payment.customer_id, &payment.payment_method_id) {
            (Some(customer), Some(method)) => {
                stripe
                    .charge_saved_card(customer, method, row.amount_cents, &payment.reference, &key)
                    .await
            }
            _ => Err(GatewayError::Refused("no saved card".into())),
        },
    };
    match sent {
        Ok(stripe_id) => {
            store
                .finish_operation(
                    payment.restaurant_id,
                    row.id,
                    Ok(&stripe_id),
                    op.actor,
                    notify,
                    now,
                )
                .await?;
            tracing::info!(reference = %payment.reference, kind = op.kind.as_str(), "money moved");
            Ok(MoneyOutcome {
                amount_cents: row.amount_cents,
                new: true,
            })
        }
        Err(e) => {
            tracing::warn!(error = %e, kind = op.kind.as_str(), "money move refused or failed");
            store
                .finish_operation(payment.restaurant_id, row.id, Err(()), op.actor, None, now)
                .await?;
            Err(match e {
                GatewayError::Declined => ServiceError::Refused {
                    field: "payment",
                    reason: "card_declined",
                },
                GatewayError::Refused(_) => ServiceError::Refused {
                    field: "payment",
                    reason: "refused",
                },
                GatewayError::Unavailable(_) => ServiceError::PaymentUnavailable,
            })
        }
    }
}

/// A key from a client: letters, digits, `-` and `_`, up to 64.
fn client_key(key: Option<&str>) -> Result<String, ServiceError> {
    match key {
        Some(k)
            if !k.is_empty()
                && k.len() <= 64
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
        {
            Ok(k.to_owned())
        }
        Some(_) => Err(ServiceError::Invalid("idempotency_key")),
        None => Ok(super::super::new_reference()),
    }
}

async fn payment_of(store: &Store, reservation_id: i64) -> Result<PaymentRow, ServiceError> {
    let restaurant = store.setup().await?.restaurant.id;
    store
        .payment_of(reservation_id)
        .await?
        .filter(|p| p.restaurant_id == restaurant)
        .ok_or(ServiceError::NotFound)
}

/// Staff refund a deposit, in full (no amount) or in part, with a reason.
/// The same `key` again is the same refund.
#[tracing::instrument(skip_all)]
pub async fn refund(
    store: &Store,
    payments: &Payments,
    who: Option<&Principal>,
    reservation_id: i64,
    form: &RefundForm,
    key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<MoneyOutcome, ServiceError> {
    let staff = authorize(who, Action::RunService)?;
    let key = client_key(key)?;
    let payment = payment_of(store, reservation_id).await?;
    let op = NewOperation {
        payment_id: payment.id,
        kind: OperationKind::Refund,
        amount_cents: form.amount_cents,
        reason: form.reason.clone(),
        idempotency_key: format!("refund-{}-{key}", payment.id),
        actor: Actor::Staff(staff.user_id),
    };
    run(store, payments, &payment, op, None, now).await
}

/// Staff charge a card guarantee's no-show fee: once per booking, only for
/// a no-show or a cancelled booking.
#[tracing::instrument(skip_all)]
pub async fn charge_no_show_fee(
    store: &Store,
    payments: &Payments,
    who: Option<&Principal>,
    reservation_id: i64,
    now: DateTime<Utc>,
) -> Result<MoneyOutcome, ServiceError> {
    let staff = authorize(who, Action::RunService)?;
    let payment = payment_of(store, reservation_id).await?;
    let status = ReservationStatus::parse(&payment.reservation_status);
    if !matches!(
        status,
        Some(ReservationStatus::NoShow | ReservationStatus::Cancelled)
    ) {
        return Err(ServiceError::StatusRefused);
    }
    let op = NewOperation {
        payment_id: payment.id,
        kind: OperationKind::Fee,
        amount_cents: None,
        reason: payment.reservation_status.clone(),
        idempotency_key: format!("fee-{}", payment.id),
        actor: Actor::Staff(staff.user_id),
    };
    run(store, payments, &payment, op, None, now).await
}

/// A guest (by manage link or signed in) cancels: the booking is cancelled
/// (its e-mail tells what the deposit's refund will be), then the deposit is
/// refunded by its terms. Staff cancelling refund by hand instead.
pub(in crate::services::booking) async fn cancel_and_refund(
    ctx: &super::super::context::Context,
    store: &Store,
    payments: &Payments,
    now: DateTime<Utc>,
    found: crate::store::ReservationRow,
    actor: Actor,
) -> Result<domain::ReservationView, ServiceError> {
    let id = found.id;
    let payment = store.payment_of(id).await?;
    let by_guest = !actor.is_staff();
    let told = match &payment {
        Some(p) => {
            let coming =
                (by_guest && p.kind == "deposit" && p.paid_cents > p.refunded_cents).then(|| {
                    rules::refund_on_cancel(
                        super::refund_terms(p),
                        p.paid_cents,
                        p.refunded_cents,
                        now,
                        p.starts_at,
                    )
                });
            Some((p.view()?, super::terms_of(p)?, coming))
        }
        None => None,
    };
    let view = super::super::change::cancel_found(ctx, store, now, found, actor, told).await?;
    if by_guest {
        if let Err(e) = refund_cancelled(store, payments, id, now).await {
            // The cancellation stands; the refund is for staff to make.
            tracing::error!(error = %e, reference = %view.reference, "refund after cancellation failed");
        }
    }
    let payment = store.payment_of(id).await?;
    super::with_payment(view, payment.as_ref(), now)
}

/// A guest cancelled: the deposit is refunded by the terms agreed when
/// paying (everything before the cut-off, the late share after). Nothing
/// when there is nothing to refund.
pub async fn refund_cancelled(
    store: &Store,
    payments: &Payments,
    reservation_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<MoneyOutcome>, ServiceError> {
    let Some(payment) = store.payment_of(reservation_id).await? else {
        return Ok(None);
    };
    if payment.kind != "deposit" || payment.paid_cents <= payment.refunded_cents {
        return Ok(None);
    }
    let amount = rules::refund_on_cancel(
        super::refund_terms(&payment),
        payment.paid_cents,
        payment.refunded_cents,
        now,
        payment.starts_at,
    );
    if amount <= 0 {
        return Ok(None);
    }
    let op = NewOperation {
        payment_id: payment.id,
        kind: OperationKind::Refund,
        amount_cents: Some(amount),
        reason: "cancelled".to_owned(),
        idempotency_key: format!("cancel-{}", payment.id),
        actor: Actor::Guest,
    };
    run(store, payments, &payment, op, None, now)
        .await
        .map(Some)
}

/// A deposit paid after its hold was released, when the table was taken
/// meanwhile: refunded in full at once.
pub(super) async fn refund_too_late(
    store: &Store,
    payments: &Payments,
    payment: &PaymentRow,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let Some(payment) = store.payment_of(payment.reservation_id).await? else {
        return Ok(());
    };
    let op = NewOperation {
        payment_id: payment.id,
        kind: OperationKind::Refund,
        amount_cents: None,
        reason: "paid_after_release".to_owned(),
        idempotency_key: format!("late-{}", payment.id),
        actor: Actor::System,
    };
    // The guest is told the table was taken and the payment refunded.
    let ctx = super::super::context::context(store).await?;
    let row = store
        .reservation_by_id(payment.restaurant_id, payment.reservation_id)
        .await?;
    let mut told = payment.view()?;
    told.status = domain::PaymentStatus::Refunded;
    told.refunded_cents = told.refunded_cents.max(payment.paid_cents);
    let notify = ctx.mail_with_payment(
        crate::mail::MailKind::PaymentRefunded,
        &row,
        now,
        false,
        Some((told, super::terms_of(&payment)?, None)),
    );
    match run(store, payments, &payment, op, notify, now).await {
        Ok(_) => Ok(()),
        // Refunded before (a replayed event): nothing left.
        Err(ServiceError::Refused {
            reason: "nothing_left",
            ..
        }) => Ok(()),
        Err(e) => Err(e),
    }
}
