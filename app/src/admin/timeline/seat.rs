//! An empty cell of the timeline: the table at that time, how long it is
//! free before its next booking, a walk-in seated there now (today) in
//! two taps, or a booking taken for that table and time.

use super::api;
use crate::i18n::*;
use crate::ui::focus::focus_later;
use crate::ui::form::{text, Field, FormAlerts, FormErrors};
use domain::StaffTable;
use leptos::prelude::*;

/// The cell staff picked: a table and a local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub table: StaffTable,
    pub date: String,
    /// `HH:MM`.
    pub time: String,
    /// The next booking on that table from then on (`HH:MM`), if any.
    pub free_until: Option<String>,
    /// Minutes from the cell's time to that booking.
    pub free_minutes: Option<i64>,
    /// Today, and the cell is about now: a walk-in can sit down.
    pub now: bool,
}

#[component]
pub fn SeatCard(
    cell: Cell,
    walk_in: ServerAction<api::AdminWalkIn>,
    /// The timeline to come back to.
    back: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| walk_in.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "seat-errors");
    let Cell {
        table,
        date,
        time,
        free_until,
        free_minutes,
        now,
    } = cell;
    let title = format!("{} · {}", table.name, time);
    let book_href = format!(
        "/admin/book?date={date}&time={time}&table={}&source=phone",
        table.id
    );
    let back_to = back.clone();
    Effect::new(|_| focus_later("seat-heading"));
    view! {
        <section class="card seat-card" aria-labelledby="seat-heading">
            <h2 id="seat-heading" tabindex="-1">{title}</h2>
            <p class="seat-free">{move || match (free_until.clone(), free_minutes) {
                (Some(until), Some(minutes)) => t_string!(i18n, timeline.free_until, until = until.clone(), minutes = minutes).to_string(),
                _ => t_string!(i18n, timeline.free_all_evening).to_string(),
            }}</p>
            {now.then(|| view! {
                <ActionForm action=walk_in attr:class="form seat-fields" attr:novalidate=true>
                    <FormAlerts id="seat-errors" errors />
                    <input type="hidden" name="table" value=table.id />
                    <input type="hidden" name="back" value=back_to.clone() />
                    <Field id="party_size" kind="number" inputmode="numeric"
                        label=text(i18n, |i| t_string!(i, reservation.party))
                        error=errors.field(i18n, "party_size") value="2".to_owned() required=true />
                    <Field id="name" label=text(i18n, |i| t_string!(i, form.name))
                        hint=text(i18n, |i| t_string!(i, book_staff.name_hint))
                        error=errors.field(i18n, "name") autocomplete="off" value=String::new() maxlength=100 />
                    <Field id="phone" kind="tel" label=text(i18n, |i| t_string!(i, form.phone))
                        hint=text(i18n, |i| t_string!(i, book_staff.name_hint))
                        error=errors.field(i18n, "phone") autocomplete="off" value=String::new() maxlength=40 />
                    <div class="form-actions">
                        <button type="submit" class="button button-primary" disabled=move || walk_in.pending().get()>
                            {t!(i18n, book_staff.submit_walk_in)}
                        </button>
                    </div>
                </ActionForm>
            })}
            <p class="form-actions">
                <a class="button button-secondary" href=book_href>{t!(i18n, timeline.book_here)}</a>
                <a class="button button-secondary" href=back>{t!(i18n, timeline.move_cancel)}</a>
            </p>
        </section>
    }
}
