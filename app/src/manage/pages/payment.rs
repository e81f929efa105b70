//! The booking's deposit or card guarantee on its manage page: where it
//! stands, and what cancelling now keeps or refunds (said before the
//! guest confirms).

use crate::i18n::*;
use crate::ui::labels::money;
use crate::ui::I18n;
use domain::{PaymentKind, PaymentStatus, PaymentView};
use leptos::either::Either;
use leptos::prelude::*;

/// The payment's line of the booking's summary.
pub(super) fn payment_row(i18n: I18n, payment: PaymentView) -> impl IntoView {
    view! {
        <div id="payment-line">
            <dt>{t!(i18n, manage.payment_label)}</dt>
            <dd>{move || payment_label(i18n, &payment)}</dd>
        </div>
    }
}

/// Where a booking's payment stands, in a line.
fn payment_label(i18n: I18n, p: &PaymentView) -> String {
    let amount = money(i18n, p.amount_cents);
    match p.status {
        PaymentStatus::Pending => t_string!(i18n, pay.waiting, amount = amount).to_string(),
        PaymentStatus::Expired => t_string!(i18n, pay.not_paid).to_string(),
        PaymentStatus::Paid if p.refunded_cents > 0 => t_string!(
            i18n,
            pay.part_refunded,
            amount = amount,
            refunded = money(i18n, p.refunded_cents)
        )
        .to_string(),
        PaymentStatus::Paid => t_string!(i18n, pay.deposit_paid, amount = amount).to_string(),
        PaymentStatus::Refunded => {
            t_string!(i18n, pay.refunded, amount = money(i18n, p.refunded_cents)).to_string()
        }
        PaymentStatus::CardSaved => t_string!(i18n, pay.card_saved, amount = amount).to_string(),
        PaymentStatus::FeeCharged => t_string!(
            i18n,
            pay.fee_charged,
            amount = money(i18n, p.fee_charged_cents)
        )
        .to_string(),
    }
}

/// In the cancel step: what cancelling now refunds of the deposit (the
/// server worked it out by the terms the guest paid under), or that a
/// late cancellation may cost the guarantee's fee. Nothing when there is
/// nothing to say.
pub(super) fn cancel_terms(
    i18n: I18n,
    payment: Option<PaymentView>,
    refund: Option<i64>,
) -> Option<impl IntoView> {
    let p = payment?;
    match (p.kind, p.status) {
        (PaymentKind::Deposit, PaymentStatus::Paid) => {
            let refund = refund?;
            let left = p.amount_cents - p.refunded_cents;
            Some(Either::Left(view! {
                <p class="notice" id="cancel-refund">{move || {
                    if refund >= left {
                        t_string!(i18n, manage.cancel_refund_full, amount = money(i18n, left)).to_string()
                    } else if refund <= 0 {
                        t_string!(i18n, manage.cancel_refund_none, paid = money(i18n, left)).to_string()
                    } else {
                        t_string!(
                            i18n,
                            manage.cancel_refund_part,
                            refund = money(i18n, refund),
                            paid = money(i18n, left)
                        )
                        .to_string()
                    }
                }}</p>
            }))
        }
        (PaymentKind::Guarantee, PaymentStatus::CardSaved) => Some(Either::Right(view! {
            <p class="notice" id="cancel-refund">
                {move || t_string!(i18n, manage.cancel_guarantee, fee = money(i18n, p.amount_cents))}
            </p>
        })),
        _ => None,
    }
}
