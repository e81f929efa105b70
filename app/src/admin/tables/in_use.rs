//! The bookings that keep a table in use (`?edit=ID`): listed with the
//! free tables proposed for each, and moved there when the admin confirms;
//! those without a proposal are moved by hand (the timeline, a booking's
//! page). A table is never removed or taken out of use under its bookings.

use super::{api, TableInUse};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::Loading;
use domain::TableBooking;
use leptos::prelude::*;

/// Rendered at the page's level (a resource of its own, not inside the
/// room's), for admins editing table `id`; nothing for staff.
#[component]
pub fn InUseCard(id: i64) -> impl IntoView {
    let reassign = ServerAction::<api::AdminTableReassign>::new();
    let bookings = Resource::new(
        move || (id, reassign.version().get(), crate::ui::live::changes()),
        |(id, _, _)| api::admin_table_bookings(id),
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match bookings.await {
                    Ok(table) => view! { <Card table id reassign /> }.into_any(),
                    Err(AppError::Forbidden | AppError::NotFound) => ().into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Card(
    table: TableInUse,
    id: i64,
    reassign: ServerAction<api::AdminTableReassign>,
) -> impl IntoView {
    let i18n = use_i18n();
    let TableInUse { name, bookings } = table;
    let title = move || t_string!(i18n, tables.bookings_title, name = name.clone()).to_string();
    view! {
        <section class="card" id="table-bookings" aria-labelledby="table-bookings-title">
            <h2 id="table-bookings-title">{title}</h2>
            {move || reassign.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
            {if bookings.is_empty() {
                view! { <p class="hint">{t!(i18n, tables.bookings_none)}</p> }.into_any()
            } else {
                view! { <Bookings list=bookings id reassign /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Bookings(
    list: Vec<TableBooking>,
    id: i64,
    reassign: ServerAction<api::AdminTableReassign>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = list.len();
    let movable = list.iter().filter(|b| b.proposal.is_some()).count();
    let label = Signal::derive(move || t_string!(i18n, tables.bookings_label).to_string());
    view! {
        <p>{move || if count == 1 {
            t_string!(i18n, tables.bookings_intro_one).to_string()
        } else {
            t_string!(i18n, tables.bookings_intro_many, count = count).to_string()
        }}</p>
        <div class="table-scroll" role="region" tabindex="0" aria-label=label>
            <table class="list-table">
                <caption class="visually-hidden">{label}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, tables.col_booking)}</th>
                        <th scope="col">{t!(i18n, tables.col_when)}</th>
                        <th scope="col">{t!(i18n, tables.col_party)}</th>
                        <th scope="col">{t!(i18n, tables.col_proposal)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|b| {
                        let date = b.date.clone();
                        let proposal = (!b.proposal_names.is_empty()).then(|| b.proposal_names.join(" + "));
                        view! {
                            <tr data-booking=b.reference.clone()>
                                <th scope="row">
                                    <a href=format!("/admin/reservations/{}", b.id)>{b.reference.clone()}</a>
                                    " · "{b.guest_name.clone()}
                                </th>
                                <td class="nowrap">{move || long_date(i18n, &date)}" "{b.time.clone()}</td>
                                <td>{b.party_size}</td>
                                <td>{match proposal {
                                    Some(names) => view! { <span>"→ "{names}</span> }.into_any(),
                                    None => view! { <span>{t!(i18n, tables.no_proposal)}</span> }.into_any(),
                                }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(movable > 0).then(|| view! {
            <ActionForm action=reassign>
                <input type="hidden" name="id" value=id />
                <button type="submit" class="button button-primary" disabled=move || reassign.pending().get()>
                    {move || if movable == 1 {
                        t_string!(i18n, tables.reassign_one).to_string()
                    } else {
                        t_string!(i18n, tables.reassign_many, count = movable).to_string()
                    }}
                </button>
            </ActionForm>
        })}
    }
}
