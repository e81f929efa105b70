//! Step 3, `/book/review`: the booking, the policy and what the restaurant
//! asks (a deposit or a card guarantee, with its refund rules in words),
//! then confirm (or go on to pay).

use super::super::{api, slot_query, Review, SlotQuery};
use super::{choose_first, Steps};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::labels::cutoff_hours;
use crate::ui::reservation::{SlotSummary, Unavailable};
use crate::ui::{I18n, Loading};
use domain::{format_price, Alternative, PaymentKind, PaymentTerms};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let slot = Memo::new(move |_| SlotQuery::from_query(&query.read()));
    let confirm = ServerAction::<api::ConfirmBooking>::new();
    let data = Resource::new(
        move || {
            slot.get()
                .map(|s| (s.party, s.date.clone(), s.time.clone()))
        },
        |slot| async move {
            match slot {
                Some((party, date, time)) => api::booking_review(party, date, time).await.map(Some),
                None => Ok(None),
            }
        },
    );
    focus_heading_on_arrival("page-title");
    // An alternative was chosen: the old answer is about another slot.
    Effect::watch(
        move || slot.get(),
        move |_, _, _| confirm.value().set(None),
        false,
    );
    let error = Memo::new(move |_| confirm.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if error.get().is_some() {
            focus_later("confirm-error");
        }
    });

    view! {
        <Title text=move || format!("{} · {}", t_string!(i18n, review.title), t_string!(i18n, book.title)) />
        <h1 id="page-title" tabindex="-1">{t!(i18n, review.title)}</h1>
        <Steps current=3 />
        {move || match slot.get() {
            None => Either::Left(choose_first(i18n)),
            Some(slot) => Either::Right(view! {
                <Transition fallback=Loading>
                    {
                        let slot = slot.clone();
                        move || {
                            let slot = slot.clone();
                            Suspend::new(async move {
                                match data.await {
                                    Ok(Some(review)) => Either::Left(view! { <ReviewView chosen=slot review confirm error /> }),
                                    Ok(None) => Either::Right(Either::Left(choose_first(i18n))),
                                    Err(error) => Either::Right(Either::Right(view! { <ErrorMessage error /> })),
                                }
                            })
                        }
                    }
                </Transition>
            }),
        }}
    }
}

#[component]
fn ReviewView(
    chosen: SlotQuery,
    review: Review,
    confirm: ServerAction<api::ConfirmBooking>,
    error: Memo<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let slot = chosen;
    let details_href = format!("/book/details?{}", slot.query());
    let Some(draft) = review.draft else {
        return Either::Left(view! {
            <section class="card">
                <p>{t!(i18n, review.no_draft)}</p>
                <p><a class="button button-primary" href=details_href>{t!(i18n, review.enter_details)}</a></p>
            </section>
        });
    };
    let policy = review.policy;
    let party = slot.party;
    let hours = cutoff_hours(policy.cancel_cutoff_minutes);
    let terms = policy.payment;
    let paying = terms.is_some();
    let change_href = format!("/book?party={}&date={}", slot.party, slot.date);
    let error_view = {
        let details_href = details_href.clone();
        move || {
            error.get().map(|error| match error {
                AppError::SlotUnavailable {
                    reason,
                    alternatives,
                } => EitherOf3::A(view! {
                    <div id="confirm-error" tabindex="-1">
                        <Unavailable
                            reason
                            alternatives
                            href=Callback::new(move |alt: Alternative| {
                                format!("/book/review?{}", slot_query(party, &alt.date, &alt.time))
                            })
                        />
                        <p><a href=format!("/book?party={party}")>{t!(i18n, unavailable.other_day)}</a></p>
                    </div>
                }),
                AppError::InvalidInput { .. } | AppError::InvalidFields { .. } => EitherOf3::B(view! {
                    <div class="alert alert-error" role="alert" id="confirm-error" tabindex="-1">
                        <p>{t!(i18n, review.no_draft)}</p>
                        <p><a href=details_href.clone()>{t!(i18n, review.enter_details)}</a></p>
                    </div>
                }),
                error => EitherOf3::C(view! {
                    <div id="confirm-error" tabindex="-1"><ErrorMessage error /></div>
                }),
            })
        }
    };
    // After "no longer available", the guest picks another time instead.
    let slot_gone = move || matches!(error.get(), Some(AppError::SlotUnavailable { .. }));
    let notes = draft.notes.clone();
    Either::Right(view! {
        {error_view}
        <div class="review-grid">
            <section class="card" aria-labelledby="review-booking">
                <h2 id="review-booking">{t!(i18n, summary.title)}</h2>
                <SlotSummary date=slot.date.clone() time=slot.time.clone() party=slot.party />
                <p><a href=change_href>{t!(i18n, book.change_slot)}</a></p>
                <h3>{t!(i18n, review.your_details)}</h3>
                <dl class="summary">
                    <div><dt>{t!(i18n, form.name)}</dt><dd>{draft.name.clone()}</dd></div>
                    <div><dt>{t!(i18n, form.email)}</dt><dd>{draft.email.clone()}</dd></div>
                    <div><dt>{t!(i18n, form.phone)}</dt><dd>{draft.phone.clone()}</dd></div>
                    {(!notes.trim().is_empty()).then(|| view! {
                        <div><dt>{t!(i18n, form.notes_short)}</dt><dd class="notes">{notes.clone()}</dd></div>
                    })}
                </dl>
                <p><a href=details_href.clone()>{t!(i18n, review.edit_details)}</a></p>
            </section>
            <div>
                <section class="card" aria-labelledby="review-policy">
                    <h2 id="review-policy">{t!(i18n, review.policy_title)}</h2>
                    <p>{move || t_string!(i18n, review.policy_text, hours = hours)}</p>
                </section>
                <section class="card" aria-labelledby="review-deposit">
                    {payment_terms(i18n, terms, party)}
                </section>
            </div>
        </div>
        <ActionForm action=confirm attr:class="confirm-form" attr:hidden=move || slot_gone().then_some("")>
            <input type="hidden" name="party" value=slot.party.to_string() />
            <input type="hidden" name="date" value=slot.date.clone() />
            <input type="hidden" name="time" value=slot.time.clone() />
            <input type="hidden" name="locale" value=move || i18n.get_locale().as_str() />
            <button type="submit" class="button button-primary button-large" disabled=move || confirm.pending().get()>
                {move || if paying { t_string!(i18n, review.confirm_pay) } else { t_string!(i18n, review.confirm) }}
            </button>
            <p class="hint" aria-live="polite">{move || confirm.pending().get().then(|| t_string!(i18n, review.confirming))}</p>
        </ActionForm>
    })
}

/// What this booking will be asked, in plain words: the deposit or the
/// card guarantee, and what a cancellation costs (or "no deposit").
fn payment_terms(i18n: I18n, terms: Option<PaymentTerms>, party: u32) -> impl IntoView {
    let lang = move || i18n.get_locale().as_str();
    let Some(t) = terms else {
        return Either::Left(view! {
            <h2 id="review-deposit">{t!(i18n, review.deposit_title)}</h2>
            <p class="deposit">{t!(i18n, review.deposit_none)}</p>
        });
    };
    let (amount, minutes, percent) = (t.amount_cents, t.hold_minutes, t.late_refund_percent);
    let per_guest = amount / i64::from(party.max(1));
    let hours = cutoff_hours(t.refund_cutoff_minutes);
    let price = move |cents: i64| format_price(cents, lang());
    Either::Right(match t.kind {
        PaymentKind::Deposit => Either::Left(view! {
            <h2 id="review-deposit">{t!(i18n, review.deposit_title)}</h2>
            <p class="deposit">{move || t_string!(i18n, review.deposit_asked, amount = price(amount), per_guest = price(per_guest), minutes = minutes)}</p>
            <ul class="refund-rules">
                <li>{move || if hours == 0 {
                    t_string!(i18n, review.refund_any_time).to_string()
                } else {
                    t_string!(i18n, review.refund_full, hours = hours).to_string()
                }}</li>
                {(hours > 0).then(|| view! {
                    <li>{move || if percent == 0 {
                        t_string!(i18n, review.refund_late_none).to_string()
                    } else {
                        t_string!(i18n, review.refund_late_part, percent = percent).to_string()
                    }}</li>
                })}
            </ul>
        }),
        PaymentKind::Guarantee => Either::Right(view! {
            <h2 id="review-deposit">{t!(i18n, review.guarantee_title)}</h2>
            <p class="deposit">{move || t_string!(i18n, review.guarantee_asked, minutes = minutes)}</p>
            <p>{move || if hours == 0 {
                t_string!(i18n, review.guarantee_no_show, fee = price(amount)).to_string()
            } else {
                t_string!(i18n, review.guarantee_fee, hours = hours, fee = price(amount)).to_string()
            }}</p>
        }),
    })
}
