//! The day's shift note on the "Today" screen: read at a glance, written
//! by any staff member (a form that works before hydration).

use super::api;
use crate::i18n::*;
use domain::ShiftNote;
use leptos::prelude::*;

#[component]
pub fn ShiftNoteCard(
    date: String,
    note: Option<ShiftNote>,
    save: ServerAction<api::AdminNote>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = note.as_ref().map(|n| n.text.clone()).unwrap_or_default();
    let empty = text.is_empty();
    let shown = text.clone();
    let written = note.map(|n| (n.updated_local, n.updated_by.unwrap_or_default()));
    view! {
        <section class="card shift-note" aria-labelledby="shift-note-title">
            <h2 id="shift-note-title">{t!(i18n, staff.note_title)}</h2>
            {(!empty).then(|| view! { <p class="shift-note-text">{shown}</p> })}
            {written.map(|(at, by)| view! {
                <p class="hint">{move || t_string!(i18n, staff.note_written, at = at.clone(), by = by.clone()).to_string()}</p>
            })}
            <details class="shift-note-edit" open=empty>
                <summary class="button button-secondary">{t!(i18n, staff.note_edit)}</summary>
                <ActionForm action=save>
                    <input type="hidden" name="date" value=date />
                    <div class="field">
                        <label for="shift-note">{t!(i18n, staff.note_label)}</label>
                        <textarea id="shift-note" name="text" rows="3" maxlength="2000"
                            aria-describedby="shift-note-hint">{text}</textarea>
                        <p id="shift-note-hint" class="hint">{t!(i18n, staff.note_hint)}</p>
                    </div>
                    <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                        {t!(i18n, staff.note_save)}
                    </button>
                </ActionForm>
            </details>
        </section>
    }
}
