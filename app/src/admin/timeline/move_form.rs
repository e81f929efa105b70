//! The "Move to…" form: table, time and length of a booking, the keyboard
//! and single-pointer way to do what a drag does (WCAG 2.5.7); it works
//! before hydration too.

use super::api;
use crate::i18n::*;
use crate::ui::focus::focus_later;
use crate::ui::form::{FormAlerts, FormErrors};
use crate::ui::labels::party_label;
use domain::{StaffReservation, StaffTable};
use leptos::prelude::*;

/// "Move to…": the table, time and length of one booking, as a form
/// (the keyboard and single-pointer alternative to dragging).
#[component]
pub(super) fn MoveForm(
    r: StaffReservation,
    tables: Vec<StaffTable>,
    mv: ServerAction<api::AdminMove>,
    back: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| mv.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "move-errors");
    let current = r.table_ids.first().copied();
    let title = format!("{} · {} · {}", r.name, r.time, r.table_names.join(" + "));
    let party = r.party_size;
    // An effect runs in the browser only.
    Effect::new(|_| focus_later("move-heading"));
    view! {
        <section class="card move-form" aria-labelledby="move-heading">
            <h2 id="move-heading" tabindex="-1">{t!(i18n, timeline.move_title)}</h2>
            <p>{title}" · "{move || party_label(i18n, party)}</p>
            <ActionForm action=mv attr:class="form move-fields" attr:novalidate=true>
                <FormAlerts id="move-errors" errors />
                <input type="hidden" name="id" value=r.id />
                <input type="hidden" name="back" value=back.clone() />
                <div class="field">
                    <label for="move-table">{t!(i18n, staff.tables_label)}</label>
                    <select id="move-table" name="table">
                        {tables.into_iter().map(|t| {
                            let selected = Some(t.id) == current;
                            let text = format!("{} ({}–{})", t.name, t.min_seats, t.max_seats);
                            view! { <option value=t.id selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="move-time">{t!(i18n, timeline.time_label)}</label>
                    <input id="move-time" type="time" name="time" step="300" value=r.time.clone() required=true />
                </div>
                <div class="field">
                    <label for="move-duration">{t!(i18n, timeline.duration_label)}</label>
                    <input id="move-duration" type="number" name="duration" min="15" max="1440" step="15"
                        value=r.duration_minutes inputmode="numeric" />
                </div>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || mv.pending().get()>
                        {t!(i18n, timeline.move_submit)}
                    </button>
                    <a class="button button-secondary" href=back>{t!(i18n, timeline.move_cancel)}</a>
                </div>
            </ActionForm>
        </section>
    }
}
