//! The change form of the manage page: a day and party size first, then
//! a time among that day's slots, and the guest's details.

use super::super::{api, ManageView};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::focus::focus_later;
use crate::ui::form::{field_error, submit_get_form, summary_lines, ErrorSummary, Field};
use crate::ui::labels::{party_label, reason_label, service_label};
use crate::ui::reservation::Unavailable;
use crate::ui::Loading;
use domain::{Alternative, DaySlots};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// Change date, time, party size or details. The date and party size are
/// chosen first (a GET form, so it works before hydration), then a time
/// among that day's slots.
#[component]
pub(super) fn ChangeForm(
    data: ManageView,
    token: String,
    modify: ServerAction<api::ModifyBooking>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let b = data.reservation.clone();
    let (current_date, current_time, current_party) =
        (b.date.clone(), b.time.clone(), b.party_size);
    let date = {
        let current_date = current_date.clone();
        Memo::new(move |_| {
            query
                .read()
                .get_str("date")
                .and_then(|d| domain::Date::parse(d).ok())
                .map(|d| d.to_string())
                .unwrap_or_else(|| current_date.clone())
        })
    };
    let party = Memo::new(move |_| {
        query
            .read()
            .get_str("party")
            .and_then(|p| p.trim().parse::<u32>().ok())
            .filter(|n| (1..=domain::PartySize::MAX).contains(n))
            .unwrap_or(current_party)
    });
    let wanted_time = {
        let (current_date, current_time) = (current_date.clone(), current_time.clone());
        Memo::new(move |_| {
            query
                .read()
                .get("time")
                .or_else(|| (date.get() == current_date).then(|| current_time.clone()))
        })
    };
    let slots = Resource::new(
        move || (party.get(), date.get()),
        |(party, date)| api::manage_day(party, date),
    );
    // A new date or party size was asked for: show its times.
    Effect::watch(
        move || (date.get(), party.get()),
        |_, _, _| focus_later("times-heading"),
        false,
    );
    // An alternative (or another day) was chosen: forget the old answer.
    Effect::watch(
        move || query.get(),
        move |_, _, _| modify.value().set(None),
        false,
    );
    let error = Memo::new(move |_| modify.value().get().and_then(Result::err));
    let fields = Memo::new(move |_| error.get().map(|e| e.fields()).unwrap_or_default());
    Effect::new(move |_| {
        if error.get().is_some() {
            focus_later("modify-error");
        }
    });
    let summary = Signal::derive(move || summary_lines(i18n, &fields.get()));
    let error_view = {
        let token = token.clone();
        move || {
            error.get().filter(|e| e.fields().is_empty()).map(|error| match error {
                AppError::SlotUnavailable {
                    reason,
                    alternatives,
                } => {
                    let token = token.clone();
                    let party = party.get_untracked();
                    Either::Left(view! {
                        <div id="modify-error" tabindex="-1">
                            <Unavailable
                                reason
                                alternatives
                                href=Callback::new(move |alt: Alternative| {
                                    format!("/manage/{token}?date={}&party={party}&time={}", alt.date, alt.time)
                                })
                            />
                        </div>
                    })
                }
                error => Either::Right(view! {
                    <div id="modify-error" tabindex="-1"><ErrorMessage error /></div>
                }),
            })
        }
    };
    let party_options = {
        let max = data.max_party_online.max(current_party);
        (data.min_party.max(1)..=max)
            .map(|n| {
                view! {
                    <option value=n.to_string() selected=move || party.get() == n>
                        {move || party_label(i18n, n)}
                    </option>
                }
            })
            .collect_view()
    };
    let time_error = field_error(i18n, fields, "time");
    let page = format!("/manage/{token}");
    let navigate = use_navigate();
    view! {
        <section class="card" aria-labelledby="change-title">
            <h2 id="change-title">{t!(i18n, manage.change_title)}</h2>
            <p>{t!(i18n, manage.change_intro)}</p>
            <form method="get" action=page class="change-when" on:submit=move |ev| submit_get_form(&ev, &navigate)>
                <div class="field">
                    <label for="change-date">{t!(i18n, summary.date)}</label>
                    <input
                        type="date"
                        id="change-date"
                        name="date"
                        min=data.today.clone()
                        max=data.last_day.clone()
                        value=move || date.get()
                        prop:value=move || date.get()
                        required=true
                    />
                </div>
                <div class="field">
                    <label for="change-party">{t!(i18n, summary.party)}</label>
                    <select id="change-party" name="party" prop:value=move || party.get().to_string()>
                        {party_options}
                    </select>
                </div>
                <div class="field field-button">
                    <button type="submit" class="button button-secondary">{t!(i18n, manage.show_times)}</button>
                </div>
            </form>
            {error_view}
            <ActionForm action=modify attr:class="form" attr:novalidate=true>
                <ErrorSummary id="modify-error" messages=summary />
                <input type="hidden" name="token" value=token.clone() />
                <input type="hidden" name="date" value=move || date.get() />
                <input type="hidden" name="party" value=move || party.get().to_string() />
                <fieldset
                    class="times"
                    class:field-invalid=move || time_error.with(Option::is_some)
                    aria-describedby=move || time_error.with(Option::is_some).then_some("time-error")
                >
                    <legend>
                        <h3 id="times-heading" tabindex="-1">
                            {move || t_string!(i18n, manage.times_heading, date = long_date(i18n, &date.get()), party = party_label(i18n, party.get()))}
                        </h3>
                    </legend>
                    {move || time_error.get().map(|message| view! {
                        <p class="field-error" id="time-error">{message}</p>
                    })}
                    <Transition fallback=Loading>
                        {
                            let (current_date, current_time) = (current_date.clone(), current_time.clone());
                            move || {
                                let (current_date, current_time) = (current_date.clone(), current_time.clone());
                                Suspend::new(async move {
                                    match slots.await {
                                        Ok(day) => Either::Left(view! {
                                            <TimeChoices day wanted=wanted_time current_date current_time />
                                        }),
                                        Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                                    }
                                })
                            }
                        }
                    </Transition>
                </fieldset>
                <h3>{t!(i18n, review.your_details)}</h3>
                <Field
                    id="name"
                    label=Signal::derive(move || t_string!(i18n, form.name).to_string())
                    error=field_error(i18n, fields, "name")
                    autocomplete="name"
                    value=b.name.clone()
                    required=true
                    maxlength=100
                />
                <Field
                    id="email"
                    kind="email"
                    label=Signal::derive(move || t_string!(i18n, form.email).to_string())
                    error=field_error(i18n, fields, "email")
                    autocomplete="email"
                    value=b.email.clone()
                    required=true
                    maxlength=254
                />
                <Field
                    id="phone"
                    kind="tel"
                    label=Signal::derive(move || t_string!(i18n, form.phone).to_string())
                    error=field_error(i18n, fields, "phone")
                    autocomplete="tel"
                    value=b.phone.clone()
                    required=true
                    maxlength=30
                />
                <Field
                    id="notes"
                    multiline=true
                    label=Signal::derive(move || t_string!(i18n, form.notes).to_string())
                    error=field_error(i18n, fields, "notes")
                    value=b.notes.clone()
                    maxlength=500
                />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || modify.pending().get()>
                        {t!(i18n, manage.save)}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

/// The times of the chosen day as radio buttons; the booking's own time
/// stays selectable.
#[component]
fn TimeChoices(
    day: DaySlots,
    /// The time to select: the asked one (an alternative), else the booking's.
    wanted: Memo<Option<String>>,
    current_date: String,
    current_time: String,
) -> impl IntoView {
    let i18n = use_i18n();
    if day.closed || day.periods.is_empty() {
        return Either::Left(view! { <p class="notice">{t!(i18n, book.day_closed)}</p> });
    }
    let same_day = day.date == current_date;
    let periods = day
        .periods
        .into_iter()
        .map(|period| {
            let kind = period.kind;
            let items = period
                .slots
                .into_iter()
                .map(|slot| {
                    let is_current = same_day && slot.time == current_time;
                    let enabled = slot.available || is_current;
                    let id = format!("time-{}", slot.time.replace(':', ""));
                    let is_wanted = {
                        let time = slot.time.clone();
                        move || enabled && wanted.with(|w| w.as_deref() == Some(time.as_str()))
                    };
                    let checked = enabled
                        && wanted.with_untracked(|w| w.as_deref() == Some(slot.time.as_str()));
                    let reason = slot.reason;
                    view! {
                        <li class="time-choice" class:time-unavailable=!enabled>
                            <input
                                type="radio"
                                name="time"
                                id=id.clone()
                                value=slot.time.clone()
                                checked=checked
                                prop:checked=is_wanted
                                disabled=!enabled
                            />
                            <label for=id>
                                <span class="slot-time">{slot.time.clone()}</span>
                                {is_current.then(|| view! { <span class="slot-note">{move || t_string!(i18n, manage.current)}</span> })}
                                {(!enabled).then(|| view! {
                                    <span class="slot-reason">
                                        <span class="visually-hidden">" – "</span>
                                        {move || reason.map(|r| reason_label(i18n, r)).unwrap_or_default()}
                                    </span>
                                })}
                            </label>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="period">
                    <p class="period-name">{move || service_label(i18n, kind)}</p>
                    <ul class="time-list">{items}</ul>
                </div>
            }
        })
        .collect_view();
    Either::Right(periods)
}
