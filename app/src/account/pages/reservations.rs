//! "My reservations" on the account page: change or cancel each.

use super::super::api;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::focus::focus_later;
use crate::ui::labels::{party_label, status_label};
use crate::ui::Loading;
use domain::ReservationView;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub(super) fn Reservations(
    reservations: Resource<Result<Vec<ReservationView>, AppError>>,
    cancel: ServerAction<api::CancelReservation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asking = Memo::new(move |_| query.read().get("cancel"));
    let error = Memo::new(move |_| cancel.value().get().and_then(Result::err));
    view! {
        <section class="card" aria-labelledby="reservations-heading">
            <h2 id="reservations-heading" tabindex="-1">{t!(i18n, account.reservations_title)}</h2>
            {move || error.get().map(|error| view! { <ErrorMessage error /> })}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match reservations.await {
                        Err(AppError::Forbidden) => view! {
                            <p class="notice">{t!(i18n, account.verify_first)}</p>
                        }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p>{t!(i18n, account.no_reservations)}</p>
                            <p><a class="button button-primary" href="/book">{t!(i18n, nav.book)}</a></p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="reservation-list">
                                {list.into_iter().map(|r| view! { <ReservationItem r asking cancel /> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ReservationItem(
    r: ReservationView,
    asking: Memo<Option<String>>,
    cancel: ServerAction<api::CancelReservation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let change = expect_context::<ServerAction<api::ChangeReservation>>();
    let status = r.status;
    let reference = r.reference.clone();
    let can_cancel = r.can_change && status.is_active();
    let (date, time, party) = (r.date.clone(), r.time.clone(), r.party_size);
    let item_id = format!("booking-{}", r.reference);
    let confirm_id = format!("cancel-{}", r.reference);
    let this = reference.clone();
    let asking_this = Memo::new(move |_| asking.get().as_deref() == Some(this.as_str()));
    let focus_id = confirm_id.clone();
    Effect::watch(
        move || asking_this.get(),
        move |now, _, _| {
            if *now {
                focus_later(focus_id.clone());
            }
        },
        false,
    );
    let actions = move || {
        if !can_cancel {
            return None;
        }
        let reference = reference.clone();
        Some(if asking_this.get() {
            view! {
                <div class="cancel-confirm">
                    <p id=confirm_id.clone() tabindex="-1">{t!(i18n, account.cancel_confirm)}</p>
                    <ActionForm action=cancel attr:class="form-actions">
                        <input type="hidden" name="reference" value=reference.clone() />
                        <button type="submit" class="button button-danger" disabled=move || cancel.pending().get()>
                            {t!(i18n, manage.cancel_yes)}
                        </button>
                        <a class="button button-secondary" href="/account#reservations-heading">{t!(i18n, manage.cancel_no)}</a>
                    </ActionForm>
                </div>
            }
            .into_any()
        } else {
            let cancel_href = format!("/account?cancel={reference}");
            let hidden_ref = reference.clone();
            let label_ref = reference.clone();
            view! {
                <div class="form-actions">
                    <ActionForm action=change>
                        <input type="hidden" name="reference" value=hidden_ref />
                        <button type="submit" class="button button-secondary" disabled=move || change.pending().get()>
                            {t!(i18n, account.change)}
                            <span class="visually-hidden">" "{label_ref}</span>
                        </button>
                    </ActionForm>
                    <a class="button button-danger-outline" href=cancel_href>
                        {t!(i18n, manage.cancel_button)}
                        <span class="visually-hidden">" "{reference}</span>
                    </a>
                </div>
            }
            .into_any()
        })
    };
    view! {
        <li class="reservation-item" id=item_id>
            <p class="reservation-when">
                <strong>{move || long_date(i18n, &date)}</strong>" · "{time.clone()}" · "{move || party_label(i18n, party)}
            </p>
            <p class="reservation-meta">
                {t!(i18n, done.reference)}" "<span class="reservation-ref">{r.reference.clone()}</span>" · "
                <span class=format!("status status-{}", status.as_str())>{move || status_label(i18n, status)}</span>
            </p>
            {actions}
        </li>
    }
}
