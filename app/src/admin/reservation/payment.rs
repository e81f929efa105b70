//! A booking's deposit or card guarantee, for staff: what was asked, where
//! it stands, what was refunded or charged; a refund of a paid deposit
//! (all that is left, or part, with a reason), and a guarantee's no-show
//! fee once the booking is a no-show or cancelled. Each works before
//! hydration; a double-clicked refund is one refund (the form's key is
//! made with the page, on the server).

use super::api;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::focus_later;
use crate::ui::form::{field_message, text, ErrorSummary, Field, FormErrors};
use crate::ui::labels::money;
use crate::ui::I18n;
use domain::{FieldError, PaymentKind, PaymentStatus, PaymentView, ReservationStatus};
use leptos::prelude::*;

fn status_words(i18n: I18n, status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Pending => t_string!(i18n, payments_admin.status_pending),
        PaymentStatus::Paid => t_string!(i18n, payments_admin.status_paid),
        PaymentStatus::CardSaved => t_string!(i18n, payments_admin.status_card_saved),
        PaymentStatus::Expired => t_string!(i18n, payments_admin.status_expired),
        PaymentStatus::Refunded => t_string!(i18n, payments_admin.status_refunded),
        PaymentStatus::FeeCharged => t_string!(i18n, payments_admin.status_fee_charged),
    }
}

/// What a money move did (`?done=` and `&amount=` on the page).
pub fn done_text(i18n: I18n, done: &str, amount: Option<i64>) -> Option<String> {
    let amount = money(i18n, amount?);
    Some(
        match done {
            "refunded" => t_string!(i18n, payments_admin.done_refunded, amount = amount),
            "refund_again" => t_string!(i18n, payments_admin.done_refund_again, amount = amount),
            "fee_charged" => t_string!(i18n, payments_admin.done_fee, amount = amount),
            "fee_again" => t_string!(i18n, payments_admin.done_fee_again, amount = amount),
            _ => return None,
        }
        .to_string(),
    )
}

/// Why a money move was refused, in staff's words; `None`: the usual
/// words of the error.
fn refusal(i18n: I18n, error: &AppError) -> Option<&'static str> {
    let field = error.fields().into_iter().next();
    let reason = field
        .as_ref()
        .map(|f| (f.field.as_str(), f.reason.as_str()));
    Some(match (error, reason) {
        (AppError::PaymentUnavailable, _) => t_string!(i18n, payments_admin.err_unavailable),
        (AppError::Conflict, _) => t_string!(i18n, payments_admin.err_in_progress),
        (AppError::StatusRefused, _) => t_string!(i18n, payments_admin.err_fee_status),
        (_, Some(("payment", "card_declined"))) => t_string!(i18n, payments_admin.err_declined),
        (_, Some(("payment", "failed_before"))) => {
            t_string!(i18n, payments_admin.err_failed_before)
        }
        (_, Some(("payment", _))) => t_string!(i18n, payments_admin.err_refused),
        (_, Some(("idempotency_key", _))) => t_string!(i18n, payments_admin.err_key),
        _ => return None,
    })
}

/// A refusal, in an alert (`id` to focus it).
fn refusal_alert(i18n: I18n, id: &'static str, error: AppError) -> impl IntoView {
    match refusal(i18n, &error) {
        Some(_) => view! {
            <div class="alert alert-error" role="alert" id=id tabindex="-1">
                <p>{move || refusal(i18n, &error)}</p>
            </div>
        }
        .into_any(),
        None => view! { <div id=id tabindex="-1"><ErrorMessage error /></div> }.into_any(),
    }
}

/// The refund form's fields (the rest are refusals of the move).
fn is_input(field: &FieldError) -> bool {
    field.field == "amount" || field.field == "reason"
}

fn input_message(i18n: I18n, error: &FieldError) -> String {
    match (error.field.as_str(), error.reason.as_str()) {
        ("amount", "nothing_left") => t_string!(i18n, payments_admin.err_nothing_left).to_string(),
        ("amount", _) => t_string!(i18n, payments_admin.err_amount).to_string(),
        _ => field_message(i18n, error),
    }
}

fn input_label(i18n: I18n, field: &str) -> &'static str {
    if field == "amount" {
        t_string!(i18n, payments_admin.refund_amount)
    } else {
        t_string!(i18n, payments_admin.refund_reason)
    }
}

#[component]
pub fn PaymentCard(
    id: i64,
    payment: PaymentView,
    /// The booking's status (the fee is for a no-show or a cancellation).
    status: ReservationStatus,
    refund_key: String,
    refund: ServerAction<api::AdminRefund>,
    fee: ServerAction<api::AdminNoShowFee>,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = payment;
    let left = (p.amount_cents - p.refunded_cents).max(0);
    let deposit = p.kind == PaymentKind::Deposit;
    let can_refund = deposit && p.status == PaymentStatus::Paid && left > 0;
    let can_charge = p.kind == PaymentKind::Guarantee
        && p.status == PaymentStatus::CardSaved
        && p.fee_charged_cents == 0
        && matches!(
            status,
            ReservationStatus::NoShow | ReservationStatus::Cancelled
        );
    // `hold_until` is in the restaurant's time: its HH:MM.
    let hold = p
        .hold_until
        .as_deref()
        .and_then(|at| at.get(11..16))
        .map(str::to_owned);
    let (amount, refunded, charged, state) = (
        p.amount_cents,
        p.refunded_cents,
        p.fee_charged_cents,
        p.status,
    );
    view! {
        <section class="card payment-card" id="payment" aria-labelledby="payment-title">
            <h2 id="payment-title" tabindex="-1">{t!(i18n, payments_admin.panel_title)}</h2>
            <dl class="facts">
                <dt>{t!(i18n, payments_admin.kind)}</dt>
                <dd>{move || if deposit {
                    t_string!(i18n, payments_admin.kind_deposit)
                } else {
                    t_string!(i18n, payments_admin.kind_guarantee)
                }}</dd>
                <dt>{t!(i18n, payments_admin.status)}</dt>
                <dd>
                    <strong class="payment-state">{move || status_words(i18n, state)}</strong>
                    {hold.map(|time| view! {
                        " · "{move || t_string!(i18n, payments_admin.held_until, time = time.clone()).to_string()}
                    })}
                </dd>
                <dt>{move || if deposit {
                    t_string!(i18n, payments_admin.amount_deposit)
                } else {
                    t_string!(i18n, payments_admin.amount_fee)
                }}</dt>
                <dd>{move || money(i18n, amount)}</dd>
                {deposit.then(|| view! {
                    <dt>{t!(i18n, payments_admin.refunded)}</dt>
                    <dd>{move || money(i18n, refunded)}</dd>
                })}
                {(!deposit).then(|| view! {
                    <dt>{t!(i18n, payments_admin.fee_charged)}</dt>
                    <dd>{move || if charged > 0 {
                        money(i18n, charged)
                    } else {
                        t_string!(i18n, payments_admin.not_charged).to_owned()
                    }}</dd>
                })}
            </dl>
            {can_refund.then(|| view! { <RefundForm id left key=refund_key action=refund /> })}
            {can_charge.then(|| view! { <FeeForm id amount action=fee /> })}
        </section>
    }
}

#[component]
fn RefundForm(
    id: i64,
    left: i64,
    key: String,
    action: ServerAction<api::AdminRefund>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "refund-errors");
    let inline = errors.fields;
    let field = move |name: &'static str| {
        Signal::derive(move || {
            inline.with(|f| {
                f.iter()
                    .find(|e| e.field == name)
                    .map(|e| input_message(i18n, e))
            })
        })
    };
    let summary = Signal::derive(move || {
        inline.with(|f| {
            f.iter()
                .filter(|e| is_input(e))
                .map(|e| {
                    t_string!(
                        i18n,
                        form.summary_line,
                        label = input_label(i18n, &e.field),
                        message = input_message(i18n, e)
                    )
                    .to_string()
                })
                .collect()
        })
    });
    let other = move || error.get().filter(|e| !e.fields().iter().any(is_input));
    let hint = Signal::derive(move || {
        t_string!(
            i18n,
            payments_admin.refund_amount_hint,
            amount = money(i18n, left)
        )
        .to_string()
    });
    view! {
        <h3 id="refund-title">{t!(i18n, payments_admin.refund_title)}</h3>
        <ActionForm action attr:id="refund-form" attr:class="form" attr:novalidate=true
            attr:aria-labelledby="refund-title">
            <ErrorSummary id="refund-errors" messages=summary />
            {move || other().map(|error| refusal_alert(i18n, "refund-errors", error))}
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="key" value=key />
            <div class="form-grid">
                <Field id="refund-amount" name="amount" inputmode="decimal" autocomplete="off"
                    maxlength=10 hint
                    label=text(i18n, |i| t_string!(i, payments_admin.refund_amount))
                    error=field("amount") />
                <Field id="refund-reason" name="reason" required=true maxlength=300
                    label=text(i18n, |i| t_string!(i, payments_admin.refund_reason))
                    hint=text(i18n, |i| t_string!(i, payments_admin.refund_reason_hint))
                    error=field("reason") />
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                    {t!(i18n, payments_admin.refund_submit)}
                </button>
            </div>
        </ActionForm>
    }
}

#[component]
fn FeeForm(id: i64, amount: i64, action: ServerAction<api::AdminNoShowFee>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if error.get().is_some() {
            focus_later("fee-error");
        }
    });
    view! {
        {move || error.get().map(|error| refusal_alert(i18n, "fee-error", error))}
        <ActionForm action attr:id="fee-form" attr:class="inline-form">
            <input type="hidden" name="id" value=id />
            <p class="hint" id="fee-hint">{t!(i18n, payments_admin.fee_button_hint)}</p>
            <button type="submit" class="button button-danger" aria-describedby="fee-hint"
                disabled=move || action.pending().get()>
                {move || t_string!(i18n, payments_admin.fee_button, amount = money(i18n, amount)).to_string()}
            </button>
        </ActionForm>
    }
}
