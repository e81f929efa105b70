//! `/admin?date=YYYY-MM-DD`: the host stand's day.

use super::blocked::BlockedCard;
use super::money::MoneyCard;
use super::note::ShiftNoteCard;
use super::{api, TodayView};
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::labels::{flag_label, guest_tag_label, party_label, service_label, status_label};
use crate::ui::{I18n, Loading};
use domain::{BookingFlag, ReservationStatus, StaffPeriod, StaffReservation, Stage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The sections of the day, in the order a host reads them.
const SECTIONS: [(Stage, &str); 7] = [
    (Stage::Late, "late"),
    (Stage::ArrivingSoon, "soon"),
    (Stage::Waiting, "waiting"),
    (Stage::Seated, "seated"),
    (Stage::Later, "later"),
    (Stage::Completed, "completed"),
    (Stage::NoShow, "no-shows"),
];

#[component]
pub fn TodayPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let set_status = ServerAction::<api::AdminStatus>::new();
    let save_note = ServerAction::<api::AdminNote>::new();
    let date = Memo::new(move |_| query.read().get("date").filter(|d| !d.is_empty()));
    let day = Resource::new(
        move || {
            (
                date.get(),
                set_status.version().get(),
                save_note.version().get(),
                crate::ui::live::changes(),
            )
        },
        |(date, ..)| api::admin_day(date),
    );
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, staff.today_title).to_string() />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match day.await {
                    Ok(view) => {
                        crate::ui::live::shown(view.day.version);
                        view! { <Day view set_status save_note /> }.into_any()
                    }
                    Err(error) => view! {
                        <h1 id="page-title" tabindex="-1">{t!(i18n, staff.today_title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Day(
    view: TodayView,
    set_status: ServerAction<api::AdminStatus>,
    save_note: ServerAction<api::AdminNote>,
) -> impl IntoView {
    let i18n = use_i18n();
    let TodayView { day, prev, next } = view;
    let heading = day.date.clone();
    let is_today = day.is_today;
    let result = Memo::new(move |_| set_status.value().get());
    let periods = day.periods.clone();
    let reservations = day.reservations.clone();
    let cancelled: Vec<StaffReservation> = reservations
        .iter()
        .filter(|r| r.stage == Stage::Cancelled)
        .cloned()
        .collect();
    view! {
        <header class="day-head">
            <div>
                <p class="eyebrow">
                    {move || if is_today { t_string!(i18n, staff.today) } else { t_string!(i18n, staff.day) }}
                </p>
                <h1 id="page-title" tabindex="-1">{move || long_date(i18n, &heading)}</h1>
            </div>
            <nav class="day-nav" aria-label=move || t_string!(i18n, staff.day_nav)>
                <a class="button button-secondary" href=format!("/admin?date={prev}")>
                    <span aria-hidden="true">"← "</span>{t!(i18n, staff.prev_day)}
                </a>
                <a class="button button-secondary" href="/admin">{t!(i18n, staff.today)}</a>
                <a class="button button-secondary" href=format!("/admin?date={next}")>
                    {t!(i18n, staff.next_day)}<span aria-hidden="true">" →"</span>
                </a>
                <form class="day-pick" method="get" action="/admin">
                    <label for="day-date">{t!(i18n, staff.pick_date)}</label>
                    <input id="day-date" type="date" name="date" value=day.date.clone() />
                    <button type="submit" class="button button-secondary">{t!(i18n, staff.show)}</button>
                </form>
            </nav>
        </header>
        <div class="status-region" role="status" aria-live="polite">
            {move || match result.get() {
                Some(Ok(r)) => Some(view! {
                    <p class="alert alert-success">
                        {move || t_string!(i18n, staff.changed, name = r.name.clone(), status = status_label(i18n, r.status)).to_string()}
                    </p>
                }.into_any()),
                Some(Err(error)) => Some(view! { <ErrorMessage error /> }.into_any()),
                None => None,
            }}
        </div>
        {if periods.is_empty() {
            view! { <p class="alert alert-info">{t!(i18n, staff.closed)}</p> }.into_any()
        } else {
            view! {
                <div class="period-grid">
                    {periods.into_iter().map(|p| view! { <PeriodCard period=p /> }).collect_view()}
                </div>
            }
            .into_any()
        }}
        <ShiftNoteCard date=day.date.clone() note=day.note.clone() save=save_note />
        <BlockedCard blocks=day.blocks.clone() tables=day.tables.clone() />
        <MoneyCard money=day.money.clone() />
        {move || save_note.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        {SECTIONS
            .into_iter()
            .map(|(stage, id)| {
                let list: Vec<StaffReservation> = reservations
                    .iter()
                    .filter(|r| r.stage == stage)
                    .cloned()
                    .collect();
                view! { <Section stage id list set_status /> }
            })
            .collect_view()}
        <Section stage=Stage::Cancelled id="cancelled" list=cancelled set_status />
    }
}

#[component]
fn PeriodCard(period: StaffPeriod) -> impl IntoView {
    let i18n = use_i18n();
    let kind = period.kind;
    let heading_id = format!("period-{}", kind.as_str());
    let (covers, capacity, bookings) = (period.covers, period.capacity, period.bookings);
    let hours = format!("{}–{}", period.opens, period.closes);
    let busy: Vec<_> = period.slots.into_iter().filter(|s| s.covers > 0).collect();
    view! {
        <section class="card period-card" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{move || service_label(i18n, kind)}" "<span class="hint">{hours}</span></h2>
            <p class="period-covers">
                <strong>{move || t_string!(i18n, staff.covers_of, covers = covers, capacity = capacity).to_string()}</strong>
                " · "{move || if bookings == 1 {
                    t_string!(i18n, staff.bookings_one).to_string()
                } else {
                    t_string!(i18n, staff.bookings_many, count = bookings).to_string()
                }}
            </p>
            <meter min="0" max=capacity.max(1) value=covers
                aria-label=move || t_string!(i18n, staff.covers_meter).to_string()></meter>
            {(!busy.is_empty()).then(|| view! {
                <table class="pacing">
                    <caption>{t!(i18n, staff.pacing)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, staff.slot)}</th>
                        <th scope="col">{t!(i18n, staff.covers)}</th>
                    </tr></thead>
                    <tbody>
                        {busy.into_iter().map(|s| {
                            let over = s.limit.is_some_and(|l| s.covers >= l);
                            let covers = match s.limit {
                                Some(limit) => format!("{} / {}", s.covers, limit),
                                None => s.covers.to_string(),
                            };
                            view! {
                                <tr class:pacing-full=over>
                                    <th scope="row">{s.time}</th>
                                    <td>{covers}{over.then(|| view! { " "<span class="tag">{t!(i18n, staff.full)}</span> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

fn section_title(i18n: I18n, stage: Stage) -> &'static str {
    match stage {
        Stage::Late => t_string!(i18n, staff.stage_late),
        Stage::ArrivingSoon => t_string!(i18n, staff.stage_soon),
        Stage::Waiting => t_string!(i18n, staff.stage_waiting),
        Stage::Seated => t_string!(i18n, staff.stage_seated),
        Stage::Later => t_string!(i18n, staff.stage_later),
        Stage::Completed => t_string!(i18n, staff.stage_completed),
        Stage::NoShow => t_string!(i18n, staff.stage_no_show),
        Stage::Cancelled => t_string!(i18n, staff.stage_cancelled),
    }
}

#[component]
fn Section(
    stage: Stage,
    id: &'static str,
    list: Vec<StaffReservation>,
    set_status: ServerAction<api::AdminStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("section-{id}");
    // Quiet sections stay out of the way when empty.
    let hide_empty = matches!(
        stage,
        Stage::Completed | Stage::NoShow | Stage::Cancelled | Stage::Waiting
    );
    (!(list.is_empty() && hide_empty)).then(|| {
        let count = list.len();
        view! {
            <section class=format!("day-section day-section-{id}") aria-labelledby=heading.clone()>
                <h2 id=heading.clone()>{move || section_title(i18n, stage)}" "<span class="count">{count}</span></h2>
                {if list.is_empty() {
                    view! { <p class="hint">{t!(i18n, staff.none)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="booking-list">
                            {list.into_iter().map(|r| view! { <BookingCard r set_status /> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
        }
    })
}

/// The button that moves a booking to `to`.
fn action_label(i18n: I18n, to: ReservationStatus, from: ReservationStatus) -> &'static str {
    match to {
        ReservationStatus::Arrived if from == ReservationStatus::Seated => {
            t_string!(i18n, staff.do_unseat)
        }
        ReservationStatus::Arrived => t_string!(i18n, staff.do_arrived),
        ReservationStatus::Seated => t_string!(i18n, staff.do_seat),
        ReservationStatus::Completed => t_string!(i18n, staff.do_complete),
        ReservationStatus::NoShow => t_string!(i18n, staff.do_no_show),
        ReservationStatus::Cancelled => t_string!(i18n, staff.do_cancel_confirm),
        _ => t_string!(i18n, staff.do_undo),
    }
}

#[component]
fn BookingCard(r: StaffReservation, set_status: ServerAction<api::AdminStatus>) -> impl IntoView {
    let i18n = use_i18n();
    let status = r.status;
    let party = r.party_size;
    let who = format!("{}, {}", r.name, r.time);
    let tables = r.table_names.join(" + ");
    let seated = r.seated_minutes.map(|m| (m, r.duration_minutes));
    let notes = r.notes.clone();
    let (plain, cancel): (Vec<_>, Vec<_>) = r
        .next
        .iter()
        .copied()
        .partition(|s| *s != ReservationStatus::Cancelled);
    let id = r.id;
    let button = move |to: ReservationStatus, class: &'static str, who: String| {
        view! {
            <ActionForm action=set_status attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="status" value=to.as_str() />
                <button type="submit" class=format!("button {class}") disabled=move || set_status.pending().get()>
                    {move || action_label(i18n, to, status)}
                    <span class="visually-hidden">" — "{who.clone()}</span>
                </button>
            </ActionForm>
        }
    };
    view! {
        <li class=format!("booking-card stage-{}", stage_class(r.stage)) data-reference=r.reference.clone()>
            <div class="booking-main">
                <p class="booking-line">
                    <span class="booking-time">{r.time.clone()}</span>
                    <a class="booking-name" href=format!("/admin/reservations/{id}")><strong>{r.name.clone()}</strong></a>
                    <span class="booking-party">{move || party_label(i18n, party)}</span>
                    {(!tables.is_empty()).then(|| view! {
                        <span class="booking-tables">{move || t_string!(i18n, staff.tables)}" "{tables.clone()}</span>
                    })}
                    <span class=format!("status status-{}", status.as_str())>{move || status_label(i18n, status)}</span>
                    {r.payment.map(|p| view! {
                        <span class=format!("tag tag-payment payment-{}", p.as_str())>{move || crate::ui::labels::payment_badge(i18n, p)}</span>
                    })}
                </p>
                {(!r.flags.is_empty()).then(|| view! {
                    <ul class="flags" aria-label=move || t_string!(i18n, staff.flags)>
                        {r.flags.iter().map(|f| {
                            let f = *f;
                            view! { <li class=format!("tag flag-{}", flag_class(f))>{move || flag_label(i18n, f)}</li> }
                        }).collect_view()}
                    </ul>
                })}
                {(!r.guest_tags.is_empty()).then(|| view! {
                    <ul class="flags guest-tags" aria-label=move || t_string!(i18n, guests.tags)>
                        {r.guest_tags.iter().map(|tag| {
                            let tag = tag.clone();
                            view! { <li class="tag tag-guest">{move || guest_tag_label(i18n, &tag)}</li> }
                        }).collect_view()}
                    </ul>
                })}
                {(!r.guest_notes.is_empty()).then(|| view! {
                    <p class="booking-notes guest-notes">
                        <span class="visually-hidden">{t!(i18n, guests.notes)}": "</span>{r.guest_notes.clone()}
                    </p>
                })}
                {seated.map(|(m, planned)| {
                    let over = m > planned;
                    view! {
                    <p class="seated-for" class:over-time=over>
                        {move || t_string!(i18n, staff.seated_for, minutes = m, planned = planned).to_string()}
                    </p>
                    }
                })}
                {(!notes.trim().is_empty()).then(|| view! { <p class="booking-notes">{notes.clone()}</p> })}
            </div>
            <div class="booking-actions">
                {plain.into_iter().map(|to| {
                    let class = if matches!(to, ReservationStatus::NoShow | ReservationStatus::Confirmed) {
                        "button-secondary"
                    } else {
                        "button-primary"
                    };
                    button(to, class, who.clone())
                }).collect_view()}
                {(!cancel.is_empty()).then(|| view! {
                    <details class="confirm-cancel">
                        <summary class="button button-danger-outline">
                            {t!(i18n, staff.do_cancel)}<span class="visually-hidden">" — "{who.clone()}</span>
                        </summary>
                        <p>{t!(i18n, staff.cancel_confirm)}</p>
                        {button(ReservationStatus::Cancelled, "button-danger", who.clone())}
                    </details>
                })}
            </div>
        </li>
    }
}

fn flag_class(flag: BookingFlag) -> &'static str {
    match flag {
        BookingFlag::LargeParty => "large",
        BookingFlag::Allergy => "allergy",
        BookingFlag::Occasion => "occasion",
        BookingFlag::Notes => "notes",
        BookingFlag::RepeatNoShow => "no-show",
    }
}

fn stage_class(stage: Stage) -> &'static str {
    match stage {
        Stage::Late => "late",
        Stage::ArrivingSoon => "soon",
        Stage::Waiting => "waiting",
        Stage::Seated => "seated",
        Stage::Later => "later",
        Stage::Completed => "completed",
        Stage::NoShow => "no-show",
        Stage::Cancelled => "cancelled",
    }
}
