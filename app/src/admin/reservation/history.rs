//! A booking's history: every change, oldest first, with who made it and
//! what changed from → to.

use crate::i18n::*;
use crate::ui::labels::status_label;
use crate::ui::I18n;
use domain::{HistoryChange, HistoryEntry, ReservationStatus};
use leptos::prelude::*;

fn action_label(i18n: I18n, action: &str) -> String {
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
        _ => t_string!(i18n, reservation.action_other),
    }
    .to_string()
}

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
                    let changes: Vec<HistoryChange> = e.changes.clone();
                    let reason = e.reason.clone();
                    let action = e.action.clone();
                    let entry = e.clone();
                    view! {
                        <li>
                            <p>
                                <time datetime=e.at.clone()>{e.at_local.clone()}</time>" · "
                                <strong>{move || who(i18n, &entry)}</strong>" · "
                                {move || action_label(i18n, &action)}
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
                                <p class="hint">{move || t_string!(i18n, reservation.reason, reason = r.clone()).to_string()}</p>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
