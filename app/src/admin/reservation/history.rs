//! A booking's history: every change, oldest first, with who made it and
//! what changed from → to, and what was paid, refunded or charged.

use crate::i18n::*;
use crate::ui::labels::status_label;
use crate::ui::I18n;
use domain::{HistoryChange, HistoryEntry, ReservationStatus};
use leptos::prelude::*;

/// What happened, with the amount of a money move ("refunded (12,00 €)").
fn action_label(i18n: I18n, action: &str, amount: Option<i64>) -> String {
    let text = action_words(i18n, action);
    match amount {
        Some(cents) => format!("{text} ({})", crate::ui::labels::money(i18n, cents)),
        None => text,
    }
}

fn action_words(i18n: I18n, action: &str) -> String {
    if let Some(status) = ReservationStatus::parse(action) {
        return t_string!(
            i18n,
            reservation.action_status,
            status = status_label(i18n, status)
        )
        .to_string();
    }
    match action {
        "created" => t_string!(i18n, reservation.action_created),
        "modified" => t_string!(i18n, reservation.action_modified),
        "email_changed" => t_string!(i18n, reservation.action_email_changed),
        "confirmed_by_email" => t_string!(i18n, reservation.action_confirmed_by_email),
        "released_unconfirmed" => t_string!(i18n, reservation.action_released),
        "confirmation_resent" => t_string!(i18n, reservation.action_resent),
        "deposit_paid" => t_string!(i18n, reservation.action_deposit_paid),
        "card_saved" => t_string!(i18n, reservation.action_card_saved),
        "payment_expired" => t_string!(i18n, reservation.action_payment_expired),
        "payment_abandoned" => t_string!(i18n, reservation.action_payment_abandoned),
        "payment_unavailable" => t_string!(i18n, reservation.action_payment_unavailable),
        "payment_too_late" => t_string!(i18n, reservation.action_payment_too_late),
        "refunded" => t_string!(i18n, reservation.action_refunded),
        "refund_failed" => t_string!(i18n, reservation.action_refund_failed),
        "fee_charged" => t_string!(i18n, reservation.action_fee_charged),
        "fee_failed" => t_string!(i18n, reservation.action_fee_failed),
        _ => t_string!(i18n, reservation.action_other),
    }
    .to_string()
}

/// The change that carries a money move's amount in cents (`to`).
const AMOUNT: &str = "amount_cents";

fn field_label(i18n: I18n, field: &str) -> &'static str {
    match field {
        "status" => t_string!(i18n, reservation.status),
        "start" => t_string!(i18n, reservation.when),
        "end" => t_string!(i18n, reservation.field_end),
        "tables" => t_string!(i18n, reservation.tables),
        "party_size" => t_string!(i18n, reservation.party),
        "name" => t_string!(i18n, reservation.field_name),
        "email" => t_string!(i18n, reservation.email),
        "phone" => t_string!(i18n, reservation.phone),
        "notes" => t_string!(i18n, reservation.requests),
        _ => t_string!(i18n, reservation.action_other),
    }
}

/// Why, as staff read it: a money move's reason may be a status (a fee
/// for a `no_show`, a refund on a guest's cancellation) or a code.
fn reason_text(i18n: I18n, action: &str, reason: &str) -> String {
    let money = matches!(
        action,
        "refunded" | "refund_failed" | "fee_charged" | "fee_failed" | "payment_too_late"
    );
    if !money {
        return reason.to_owned();
    }
    match (ReservationStatus::parse(reason), reason) {
        (Some(s), _) => status_label(i18n, s).to_owned(),
        (None, "paid_after_release") => {
            t_string!(i18n, payments_admin.reason_paid_after_release).to_owned()
        }
        _ => reason.to_owned(),
    }
}

/// A value as staff read it (statuses translated).
fn value(i18n: I18n, field: &str, v: &str) -> String {
    match (field, ReservationStatus::parse(v)) {
        ("status", Some(s)) => status_label(i18n, s).to_owned(),
        _ if v.is_empty() => "—".to_owned(),
        _ => v.to_owned(),
    }
}

fn who(i18n: I18n, e: &HistoryEntry) -> String {
    match (e.actor.as_str(), &e.by) {
        ("staff", Some(name)) => name.clone(),
        ("staff", None) => t_string!(i18n, reservation.actor_staff).to_string(),
        ("guest", _) => t_string!(i18n, reservation.actor_guest).to_string(),
        _ => t_string!(i18n, reservation.actor_system).to_string(),
    }
}

#[component]
pub fn History(entries: Vec<HistoryEntry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{t!(i18n, reservation.history_title)}</h2>
            <ol class="history">
                {entries.into_iter().map(|e| {
                    // A money move's amount (in cents) is said with it.
                    let (amounts, changes): (Vec<HistoryChange>, Vec<HistoryChange>) = e
                        .changes
                        .iter()
                        .cloned()
                        .partition(|c| c.field == AMOUNT);
                    let amount = amounts.first().and_then(|c| c.to.parse::<i64>().ok());
                    let reason = e.reason.clone();
                    let action = e.action.clone();
                    let why = e.action.clone();
                    let entry = e.clone();
                    view! {
                        <li>
                            <p>
                                <time datetime=e.at.clone()>{e.at_local.clone()}</time>" · "
                                <strong>{move || who(i18n, &entry)}</strong>" · "
                                {move || action_label(i18n, &action, amount)}
                            </p>
                            {(!changes.is_empty()).then(|| view! {
                                <ul class="history-changes">
                                    {changes.into_iter().map(|c| {
                                        let (field, from, to) = (c.field, c.from, c.to);
                                        let (f_from, f_to) = (field.clone(), field.clone());
                                        view! {
                                            <li>
                                                {move || field_label(i18n, &field)}": "
                                                <del>{move || value(i18n, &f_from, &from)}</del>
                                                <span aria-hidden="true">" → "</span>
                                                <span class="visually-hidden">" "{t!(i18n, reservation.becomes)}" "</span>
                                                <ins>{move || value(i18n, &f_to, &to)}</ins>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            })}
                            {reason.map(|r| view! {
                                <p class="hint">{move || t_string!(i18n, reservation.reason, reason = reason_text(i18n, &why, &r)).to_string()}</p>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
