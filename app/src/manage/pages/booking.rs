//! `/manage/{token}`: the booking, and the ways to change or cancel it.

use super::super::{api, ManageView};
use super::change::ChangeForm;
use super::payment::{cancel_terms, payment_row};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::labels::{cutoff_hours, status_label};
use crate::ui::reservation::{manage_link_not_found, SlotSummary};
use crate::ui::restaurant::PhoneLink;
use crate::ui::Loading;
use domain::{PaymentView, ReservationStatus};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ManageBookingPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let modify = ServerAction::<api::ModifyBooking>::new();
    let cancel = ServerAction::<api::CancelBooking>::new();
    let booking = Resource::new(
        move || (token.get(), modify.version().get(), cancel.version().get()),
        |(token, _, _)| api::manage_booking(token),
    );
    let asking_cancel = Memo::new(move |_| query.read().get_str("cancel") == Some("1"));
    let done = Memo::new(move |_| query.read().get("done"));
    focus_heading_on_arrival("page-title");
    Effect::watch(
        move || asking_cancel.get(),
        move |asking, _, _| {
            focus_later(if *asking {
                "cancel-heading"
            } else {
                "page-title"
            })
        },
        false,
    );
    Effect::watch(
        move || done.get(),
        move |done, _, _| {
            if done.is_some() {
                focus_later("done-message");
            }
        },
        false,
    );

    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match booking.await {
                    Ok(data) => EitherOf3::A(view! {
                        <Title text=move || t_string!(i18n, manage.title).to_string() />
                        <h1 id="page-title" tabindex="-1">{t!(i18n, manage.view_title)}</h1>
                        {move || done.get().map(|done| view! {
                            <div class="alert alert-success" role="status" id="done-message" tabindex="-1">
                                <p>{match done.as_str() {
                                    "cancelled" => t_string!(i18n, manage.done_cancelled),
                                    "email_pending" => t_string!(i18n, manage.done_email_pending),
                                    "confirmed" => t_string!(i18n, manage.done_confirmed),
                                    _ => t_string!(i18n, manage.done_modified),
                                }}</p>
                            </div>
                        })}
                        <BookingView data token=token.get_untracked() modify cancel asking_cancel />
                    }),
                    Err(AppError::NotFound) => EitherOf3::B(manage_link_not_found()),
                    Err(error) => EitherOf3::C(view! {
                        <Title text=move || t_string!(i18n, manage.title).to_string() />
                        <h1 id="page-title" tabindex="-1">{t!(i18n, manage.title)}</h1>
                        <ErrorMessage error />
                    }),
                }
            })}
        </Transition>
    }
}

#[component]
fn BookingView(
    data: ManageView,
    token: String,
    modify: ServerAction<api::ModifyBooking>,
    cancel: ServerAction<api::CancelBooking>,
    asking_cancel: Memo<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let b = data.reservation.clone();
    let status = b.status;
    let hours = cutoff_hours(b.cancel_cutoff_minutes);
    let notes = b.notes.clone();
    let summary = view! {
        <section class="card booking-summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{t!(i18n, manage.summary_title)}</h2>
            <p class="status-line">
                {t!(i18n, manage.status)}" "
                <span class=format!("status status-{}", status.as_str())>{move || status_label(i18n, status)}</span>
            </p>
            <p class="reference-line">
                <span>{t!(i18n, done.reference)}</span>
                <strong class="reference">{b.reference.clone()}</strong>
            </p>
            <SlotSummary date=b.date.clone() time=b.time.clone() party=b.party_size />
            <dl class="summary">
                <div><dt>{t!(i18n, form.name)}</dt><dd>{b.name.clone()}</dd></div>
                <div><dt>{t!(i18n, form.email)}</dt><dd>{b.email.clone()}</dd></div>
                {b.pending_email.clone().map(|email| view! {
                    <div id="pending-email"><dt>{t!(i18n, manage.pending_email_label)}</dt>
                    <dd>{email}" "<span class="hint">{t!(i18n, manage.pending_email_hint)}</span></dd></div>
                })}
                <div><dt>{t!(i18n, form.phone)}</dt><dd>{domain::format_phone(&b.phone)}</dd></div>
                {b.payment.clone().map(|payment| payment_row(i18n, payment))}
                {(!notes.trim().is_empty()).then(|| view! {
                    <div><dt>{t!(i18n, form.notes_short)}</dt><dd class="notes">{notes.clone()}</dd></div>
                })}
            </dl>
        </section>
    };
    let actions = if status == ReservationStatus::Cancelled {
        EitherOf3::A(view! {
            <section class="card">
                <p>{t!(i18n, manage.is_cancelled)}</p>
                <p><a class="button button-primary" href="/book">{t!(i18n, manage.book_again)}</a></p>
            </section>
        })
    } else if !b.can_change {
        EitherOf3::B(view! {
            <div class="alert alert-info" role="status">
                <p>
                    {move || if status.is_active() {
                        t_string!(i18n, manage.too_late, hours = hours).to_string()
                    } else {
                        t_string!(i18n, manage.not_changeable).to_string()
                    }}
                    " "
                    <PhoneLink />
                </p>
            </div>
        })
    } else {
        let token2 = token.clone();
        EitherOf3::C(view! {
            {move || if asking_cancel.get() {
                Either::Left(view! {
                    <CancelConfirm token=token2.clone() cancel payment=b.payment.clone() refund=b.refund_if_cancelled_cents />
                })
            } else {
                Either::Right(view! {
                    <ChangeForm data=data.clone() token=token2.clone() modify />
                    <section class="card" aria-labelledby="cancel-title">
                        <h2 id="cancel-title">{t!(i18n, manage.cancel_title)}</h2>
                        <p>{move || t_string!(i18n, manage.cancel_intro, hours = hours)}</p>
                        <p>
                            <a class="button button-danger-outline" href=format!("/manage/{}?cancel=1", token2)>
                                {t!(i18n, manage.cancel_button)}
                            </a>
                        </p>
                    </section>
                })
            }}
        })
    };
    view! {
        <div class="manage-grid">
            {summary}
            <div class="manage-actions">{actions}</div>
        </div>
    }
}

/// "Do you really want to cancel?" with the cancel form and a way back.
#[component]
fn CancelConfirm(
    token: String,
    cancel: ServerAction<api::CancelBooking>,
    payment: Option<PaymentView>,
    /// What cancelling now refunds of the deposit.
    refund: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| cancel.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if error.get().is_some() {
            focus_later("cancel-error");
        }
    });
    let back = format!("/manage/{token}");
    view! {
        <section class="card cancel-confirm" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading" tabindex="-1">{t!(i18n, manage.cancel_title)}</h2>
            {move || error.get().map(|error| view! {
                <div id="cancel-error" tabindex="-1"><ErrorMessage error /></div>
            })}
            {cancel_terms(i18n, payment, refund)}
            <p>{t!(i18n, manage.cancel_confirm)}</p>
            <ActionForm action=cancel attr:class="form-actions">
                <input type="hidden" name="token" value=token.clone() />
                <button type="submit" class="button button-danger" disabled=move || cancel.pending().get()>
                    {t!(i18n, manage.cancel_yes)}
                </button>
                <a class="button button-secondary" href=back>{t!(i18n, manage.cancel_no)}</a>
            </ActionForm>
        </section>
    }
}
