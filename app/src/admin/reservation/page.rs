//! `/admin/reservations/{id}`: the booking, its guest, its notes and
//! history, and the forms that change it.

use super::api;
use super::forms::{CancelForm, ChangeForm, NotesCard, ResendForm};
use super::history::History;
use super::payment::{done_text, PaymentCard};
use super::ReservationScreen;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::labels::{flag_label, guest_tag_label, party_label, source_label, status_label};
use crate::ui::{I18n, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The forms of the page, so that each answer reloads it.
#[derive(Clone, Copy)]
pub struct Actions {
    pub edit: ServerAction<api::AdminReservationEdit>,
    pub cancel: ServerAction<api::AdminReservationCancel>,
    pub note: ServerAction<api::AdminReservationNote>,
    pub resend: ServerAction<api::AdminResend>,
    pub refund: ServerAction<api::AdminRefund>,
    pub fee: ServerAction<api::AdminNoShowFee>,
}

/// Whether a money move's answer calls for reading the booking again (and
/// a refund's next key): not when what was typed is at fault, so that the
/// form keeps it.
fn moved_on(answer: Option<Result<i64, AppError>>) -> bool {
    match answer {
        Some(Err(e)) => !e
            .fields()
            .iter()
            .any(|f| f.field == "amount" || f.field == "reason"),
        Some(Ok(_)) => true,
        None => false,
    }
}

#[component]
pub fn ReservationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let actions = Actions {
        edit: ServerAction::new(),
        cancel: ServerAction::new(),
        note: ServerAction::new(),
        resend: ServerAction::new(),
        refund: ServerAction::new(),
        fee: ServerAction::new(),
    };
    // A money move done, or refused by Stripe: read the booking again.
    let money = RwSignal::new(0_usize);
    for (version, answer) in [
        (
            actions.refund.version(),
            Signal::derive(move || actions.refund.value().get()),
        ),
        (
            actions.fee.version(),
            Signal::derive(move || actions.fee.value().get()),
        ),
    ] {
        Effect::watch(
            move || version.get(),
            move |_, _, _| {
                if moved_on(answer.get_untracked()) {
                    money.update(|n| *n += 1);
                }
            },
            false,
        );
    }
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let details = Resource::new(
        move || {
            (
                id.get(),
                actions.edit.version().get(),
                actions.cancel.version().get(),
                actions.note.version().get(),
                actions.resend.version().get(),
                money.get(),
                crate::ui::live::changes(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => api::admin_reservation(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let done = Memo::new(move |_| {
        let q = query.read();
        let amount = q.get("amount").and_then(|a| a.parse::<i64>().ok());
        q.get("done").map(|done| (done, amount))
    });
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, reservation.title).to_string() />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match details.await {
                    Ok(ReservationScreen { details, refund_key }) => {
                        view! { <Details d=details refund_key done actions /> }.into_any()
                    }
                    Err(error) => view! {
                        <h1 id="page-title" tabindex="-1">{t!(i18n, reservation.title)}</h1>
                        <p><a href="/admin/reservations">{t!(i18n, reservation.back)}</a></p>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

fn done_label(i18n: I18n, done: &str, amount: Option<i64>) -> Option<String> {
    Some(
        match done {
            "booked" => t_string!(i18n, reservation.done_booked),
            "changed" => t_string!(i18n, reservation.done_changed),
            "cancelled" => t_string!(i18n, reservation.done_cancelled),
            "noted" => t_string!(i18n, reservation.done_noted),
            "resent" => t_string!(i18n, reservation.done_resent),
            _ => return done_text(i18n, done, amount),
        }
        .to_string(),
    )
}

#[component]
fn Details(
    d: domain::StaffReservationDetails,
    refund_key: String,
    done: Memo<Option<(String, Option<i64>)>>,
    actions: Actions,
) -> impl IntoView {
    let i18n = use_i18n();
    let r = d.reservation.clone();
    let (status, source, party) = (r.status, r.source, r.party_size);
    let date = r.date.clone();
    let active = status.is_active();
    let errors = Memo::new(move |_| {
        [
            actions.edit.value().get().and_then(|v| v.err()),
            actions.cancel.value().get().and_then(|v| v.err()),
            actions.note.value().get().and_then(|v| v.err()),
            actions.resend.value().get().and_then(|v| v.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    let locale_name = if d.locale == "en" {
        "English"
    } else {
        "Français"
    };
    let tables = r.table_names.join(" + ");
    view! {
        <header class="day-head">
            <div>
                <p class="eyebrow">{t!(i18n, reservation.eyebrow)}" "{r.reference.clone()}</p>
                <h1 id="page-title" tabindex="-1">{r.name.clone()}</h1>
            </div>
            <nav class="day-nav" aria-label=move || t_string!(i18n, reservation.nav)>
                <a class="button button-secondary" href="/admin/reservations">
                    <span aria-hidden="true">"← "</span>{t!(i18n, reservation.back)}
                </a>
                <a class="button button-secondary" href=format!("/admin/timeline?date={}", r.date)>
                    {t!(i18n, reservation.on_timeline)}
                </a>
            </nav>
        </header>
        <div class="status-region" role="status" aria-live="polite">
            {move || done.get().and_then(|(k, amount)| done_label(i18n, &k, amount)).map(|text| view! {
                <p class="alert alert-success">{text}</p>
            })}
            {move || errors.get().map(|error| view! { <ErrorMessage error /> })}
        </div>
        <div class="details-grid">
            <section class="card" aria-labelledby="booking-title">
                <h2 id="booking-title">{t!(i18n, reservation.booking)}</h2>
                <dl class="facts">
                    <dt>{t!(i18n, reservation.when)}</dt>
                    <dd>{move || long_date(i18n, &date)}" · "<strong>{r.time.clone()}"–"{r.end_time.clone()}</strong></dd>
                    <dt>{t!(i18n, reservation.party)}</dt>
                    <dd>{move || party_label(i18n, party)}</dd>
                    <dt>{t!(i18n, reservation.tables)}</dt>
                    <dd>{if tables.is_empty() { "—".to_owned() } else { tables }}</dd>
                    <dt>{t!(i18n, reservation.status)}</dt>
                    <dd><span class=format!("status status-{}", status.as_str())>{move || status_label(i18n, status)}</span></dd>
                    <dt>{t!(i18n, reservation.source)}</dt>
                    <dd>{move || source_label(i18n, source)}</dd>
                    <dt>{t!(i18n, reservation.made)}</dt>
                    <dd><time datetime=d.created_at.clone()>{d.created_local.clone()}</time></dd>
                </dl>
                {(!r.flags.is_empty()).then(|| view! {
                    <ul class="flags" aria-label=move || t_string!(i18n, staff.flags)>
                        {r.flags.iter().map(|f| {
                            let f = *f;
                            view! { <li class="tag">{move || flag_label(i18n, f)}</li> }
                        }).collect_view()}
                    </ul>
                })}
            </section>
            <section class="card" aria-labelledby="guest-title">
                <h2 id="guest-title">{t!(i18n, reservation.guest)}</h2>
                <dl class="facts">
                    <dt>{t!(i18n, reservation.phone)}</dt>
                    <dd>{if r.phone.is_empty() {
                        view! { "—" }.into_any()
                    } else {
                        view! { <a href=format!("tel:{}", r.phone.replace(' ', ""))>{r.phone.clone()}</a> }.into_any()
                    }}</dd>
                    <dt>{t!(i18n, reservation.email)}</dt>
                    <dd>{if r.email.is_empty() {
                        view! { {t!(i18n, reservation.no_email)} }.into_any()
                    } else {
                        view! { <a href=format!("mailto:{}", r.email)>{r.email.clone()}</a> }.into_any()
                    }}</dd>
                    <dt>{t!(i18n, reservation.language)}</dt>
                    <dd lang=d.locale.clone()>{locale_name}</dd>
                    <dt>{t!(i18n, reservation.requests)}</dt>
                    <dd class="booking-notes">{if r.notes.trim().is_empty() { "—".to_owned() } else { r.notes.clone() }}</dd>
                    {(!r.guest_tags.is_empty()).then(|| view! {
                        <dt>{t!(i18n, guests.tags)}</dt>
                        <dd>
                            <ul class="flags guest-tags">
                                {r.guest_tags.iter().map(|tag| {
                                    let tag = tag.clone();
                                    view! { <li class="tag tag-guest">{move || guest_tag_label(i18n, &tag)}</li> }
                                }).collect_view()}
                            </ul>
                        </dd>
                    })}
                    {(!r.guest_notes.is_empty()).then(|| view! {
                        <dt>{t!(i18n, guests.notes)}</dt>
                        <dd class="booking-notes guest-notes">{r.guest_notes.clone()}</dd>
                    })}
                </dl>
                {r.guest_id.map(|g| view! {
                    <p><a href=format!("/admin/guests/{g}")>{t!(i18n, guests.profile_link)}</a></p>
                })}
            </section>
        </div>
        {d.payment.clone().map(|payment| view! {
            <PaymentCard id=r.id payment status refund_key refund=actions.refund fee=actions.fee />
        })}
        {if active {
            view! { <ChangeForm r=r.clone() tables=d.tables.clone() action=actions.edit /> }.into_any()
        } else {
            view! { <p class="alert alert-info">{t!(i18n, reservation.inactive)}</p> }.into_any()
        }}
        <NotesCard id=r.id notes=d.notes.clone() action=actions.note />
        <History entries=d.history.clone() />
        {active.then(|| view! {
            <section class="card" aria-labelledby="mail-title">
                <h2 id="mail-title">{t!(i18n, reservation.mail_title)}</h2>
                {d.can_resend.then(|| view! { <ResendForm id=r.id action=actions.resend /> })}
                <CancelForm id=r.id action=actions.cancel />
            </section>
        })}
    }
}
