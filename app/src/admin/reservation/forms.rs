//! The reservation page's forms: change it (date, time, length, party,
//! tables by hand), its internal notes, the confirmation e-mail again, and
//! a cancellation with a reason. Each works before hydration.

use super::api;
use crate::i18n::*;
use domain::{InternalNote, StaffReservation, StaffTable};
use leptos::prelude::*;

#[component]
pub fn ChangeForm(
    r: StaffReservation,
    tables: Vec<StaffTable>,
    action: ServerAction<api::AdminReservationEdit>,
) -> impl IntoView {
    let i18n = use_i18n();
    let held = r.table_ids.clone();
    view! {
        <section class="card" aria-labelledby="change-title">
            <h2 id="change-title">{t!(i18n, reservation.change_title)}</h2>
            <p class="hint" id="change-hint">{t!(i18n, reservation.change_hint)}</p>
            <ActionForm action attr:class="change-form" attr:aria-describedby="change-hint">
                <input type="hidden" name="id" value=r.id />
                <div class="filter-row">
                    <div class="field">
                        <label for="change-date">{t!(i18n, reservation.date)}</label>
                        <input id="change-date" type="date" name="date" value=r.date.clone() required />
                    </div>
                    <div class="field">
                        <label for="change-time">{t!(i18n, reservation.time)}</label>
                        <input id="change-time" type="time" name="time" value=r.time.clone() required />
                    </div>
                    <div class="field">
                        <label for="change-duration">{t!(i18n, reservation.duration)}</label>
                        <input id="change-duration" type="number" name="duration" inputmode="numeric"
                            min="15" max="1440" step="5" value=r.duration_minutes required />
                    </div>
                    <div class="field">
                        <label for="change-party">{t!(i18n, reservation.party)}</label>
                        <input id="change-party" type="number" name="party" inputmode="numeric"
                            min="1" max="500" value=r.party_size required />
                    </div>
                </div>
                <fieldset class="table-choice">
                    <legend>{t!(i18n, reservation.tables_legend)}</legend>
                    <ul class="table-options">
                        {tables.into_iter().map(|t| {
                            let box_id = format!("table-{}", t.id);
                            let checked = held.contains(&t.id);
                            let seats = if t.min_seats == t.max_seats {
                                t.max_seats.to_string()
                            } else {
                                format!("{}–{}", t.min_seats, t.max_seats)
                            };
                            view! {
                                <li>
                                    <input type="checkbox" name="tables[]" value=t.id id=box_id.clone() checked=checked />
                                    <label for=box_id>
                                        <strong>{t.name.clone()}</strong>" "
                                        <span class="hint">{t.area.clone()}" · "
                                            {move || t_string!(i18n, reservation.seats, count = seats.clone()).to_string()}
                                        </span>
                                    </label>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
                <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                    {t!(i18n, reservation.change_submit)}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn NotesCard(
    id: i64,
    notes: Vec<InternalNote>,
    action: ServerAction<api::AdminReservationNote>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="notes-title">
            <h2 id="notes-title">{t!(i18n, reservation.notes_title)}</h2>
            <p class="hint">{t!(i18n, reservation.notes_hint)}</p>
            {if notes.is_empty() {
                view! { <p class="hint">{t!(i18n, reservation.notes_empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="internal-notes">
                        {notes.into_iter().map(|n| {
                            let by = n.by.clone().unwrap_or_default();
                            view! {
                                <li>
                                    <p class="internal-note-text">{n.text.clone()}</p>
                                    <p class="hint">
                                        {by}" · "<time datetime=n.at.clone()>{n.at_local.clone()}</time>
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <ActionForm action>
                <input type="hidden" name="id" value=id />
                <div class="field">
                    <label for="note-text">{t!(i18n, reservation.note_label)}</label>
                    <textarea id="note-text" name="text" rows="2" maxlength="1000" required></textarea>
                </div>
                <button type="submit" class="button button-secondary" disabled=move || action.pending().get()>
                    {t!(i18n, reservation.note_add)}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ResendForm(id: i64, action: ServerAction<api::AdminResend>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ActionForm action attr:class="resend-form">
            <input type="hidden" name="id" value=id />
            <p class="hint" id="resend-hint">{t!(i18n, reservation.resend_hint)}</p>
            <button type="submit" class="button button-secondary" aria-describedby="resend-hint"
                disabled=move || action.pending().get()>
                {t!(i18n, reservation.resend)}
            </button>
        </ActionForm>
    }
}

#[component]
pub fn CancelForm(id: i64, action: ServerAction<api::AdminReservationCancel>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <details class="confirm-cancel">
            <summary class="button button-danger-outline">{t!(i18n, reservation.cancel_title)}</summary>
            <ActionForm action>
                <input type="hidden" name="id" value=id />
                <div class="field">
                    <label for="cancel-reason">{t!(i18n, reservation.cancel_reason)}</label>
                    <input id="cancel-reason" type="text" name="reason" maxlength="300" required />
                </div>
                <div class="field">
                    <label for="cancel-message">{t!(i18n, reservation.cancel_message)}</label>
                    <textarea id="cancel-message" name="message" rows="2" maxlength="500"></textarea>
                </div>
                <button type="submit" class="button button-danger" disabled=move || action.pending().get()>
                    {t!(i18n, reservation.cancel_submit)}
                </button>
            </ActionForm>
        </details>
    }
}
