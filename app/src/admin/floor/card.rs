//! A table's card on the live floor: what it is doing, the booking it is
//! about, and what the host can do there now.

use super::api;
use super::page::state_label;
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::focus::focus_later;
use crate::ui::form::{text, Field, FormAlerts, FormErrors};
use crate::ui::labels::{flag_label, party_label};
use domain::{LiveTable, ReservationStatus, StaffReservation, TableNow};
use leptos::prelude::*;

#[component]
pub(super) fn TableCard(
    live: LiveTable,
    set_status: ServerAction<api::AdminFloorStatus>,
    walk_in: ServerAction<api::AdminFloorWalkIn>,
) -> impl IntoView {
    let i18n = use_i18n();
    let LiveTable {
        table,
        now,
        booking,
        next_at,
        block,
    } = live;
    let id = table.id;
    let name = table.name.clone();
    let (min, max) = (table.min_seats, table.max_seats);
    let status_error = Memo::new(move |_| set_status.value().get().and_then(Result::err));
    Effect::new(|_| focus_later("floor-card-heading"));
    let after = next_at.map(|at| {
        view! { <p class="floor-next">{t!(i18n, floor.next_detail_line, time = at)}</p> }
    });
    let body = match (now, booking) {
        (TableNow::Free, _) => view! { <WalkInForm table=id walk_in /> }.into_any(),
        (TableNow::Blocked, _) => block
            .map(|b| {
                let reason = b.reason.clone();
                view! {
                    <p>{t!(i18n, floor.blocked_until, time = b.end.clone())}</p>
                    {(!reason.is_empty()).then(|| view! { <p class="floor-reason">{reason}</p> })}
                }
            })
            .into_any(),
        (_, Some(b)) => view! { <Booking booking=b now table=id set_status /> }.into_any(),
        (_, None) => ().into_any(),
    };
    view! {
        <section class="card floor-card" aria-labelledby="floor-card-heading">
            <h2 id="floor-card-heading" tabindex="-1">
                {name}" · "{move || state_label(i18n, now)}
            </h2>
            <p class="hint">{t!(i18n, floor.seats, min = min, max = max)}</p>
            {move || status_error.get().map(|error| view! { <ErrorMessage error /> })}
            {body}
            {after}
            <p class="form-actions">
                <a class="button button-secondary" href="/admin/floor">{t!(i18n, timeline.move_cancel)}</a>
            </p>
        </section>
    }
}

/// The booking a table is about, and the buttons that move it on.
#[component]
fn Booking(
    booking: StaffReservation,
    now: TableNow,
    table: i64,
    set_status: ServerAction<api::AdminFloorStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let b = booking;
    let id = b.id;
    let party = b.party_size;
    let actions: &[(ReservationStatus, &str)] = match now {
        TableNow::Seated => &[(ReservationStatus::Completed, "button-primary")],
        TableNow::Late => &[
            (ReservationStatus::Seated, "button-primary"),
            (ReservationStatus::NoShow, "button-secondary"),
        ],
        _ => &[(ReservationStatus::Seated, "button-primary")],
    };
    let buttons = actions
        .iter()
        .filter(|(to, _)| b.next.contains(to))
        .map(|&(to, class)| {
            view! {
                <ActionForm action=set_status attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="status" value=to.as_str() />
                    <input type="hidden" name="table" value=table />
                    <button type="submit" class=format!("button {class}") disabled=move || set_status.pending().get()>
                        {move || match to {
                            ReservationStatus::Completed => t_string!(i18n, staff.do_complete),
                            ReservationStatus::NoShow => t_string!(i18n, staff.do_no_show),
                            _ => t_string!(i18n, staff.do_seat),
                        }}
                    </button>
                </ActionForm>
            }
        })
        .collect_view();
    let seated = b.seated_minutes.map(|minutes| {
        let planned = b.duration_minutes;
        let over = minutes > planned;
        view! {
            <p class:floor-over-text=over>
                {t!(i18n, staff.seated_for, minutes = minutes, planned = planned)}
                {over.then(|| view! { " — "{t!(i18n, floor.overstaying)} })}
            </p>
        }
    });
    view! {
        <p class="floor-booking">
            <a href=format!("/admin/reservations/{id}")><strong>{b.name.clone()}</strong></a>
            ", "{move || party_label(i18n, party)}
            ", "{b.time.clone()}"–"{b.end_time.clone()}
        </p>
        {seated}
        {(!b.flags.is_empty()).then(|| view! {
            <ul class="flags" aria-label=move || t_string!(i18n, staff.flags)>
                {b.flags.iter().map(|f| {
                    let f = *f;
                    view! { <li class="tag">{move || flag_label(i18n, f)}</li> }
                }).collect_view()}
            </ul>
        })}
        {(!b.notes.is_empty()).then(|| view! { <p class="floor-notes">{b.notes.clone()}</p> })}
        <div class="form-actions">{buttons}</div>
    }
}

/// A walk-in seated at a free table now.
#[component]
fn WalkInForm(table: i64, walk_in: ServerAction<api::AdminFloorWalkIn>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| walk_in.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "walk-in-errors");
    view! {
        <ActionForm action=walk_in attr:class="form floor-walk-in" attr:novalidate=true>
            <FormAlerts id="walk-in-errors" errors />
            <input type="hidden" name="table" value=table />
            <Field id="party_size" kind="number" inputmode="numeric"
                label=text(i18n, |i| t_string!(i, reservation.party))
                error=errors.field(i18n, "party_size") value="2" required=true min=1 />
            <Field id="name" label=text(i18n, |i| t_string!(i, form.name))
                hint=text(i18n, |i| t_string!(i, book_staff.name_hint))
                error=errors.field(i18n, "name") autocomplete="off" maxlength=100 />
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || walk_in.pending().get()>
                    {t!(i18n, book_staff.submit_walk_in)}
                </button>
            </div>
        </ActionForm>
    }
}
