//! `/manage` (find a booking) and `/manage/{token}` (view, change, cancel).

use super::{api, ManageView};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::dates::{long_date, Ymd};
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::form::{field_error, submit_get_form, summary_lines, ErrorSummary, Field};
use crate::ui::labels::{cutoff_hours, party_label, reason_label, service_label, status_label};
use crate::ui::reservation::{manage_link_not_found, SlotSummary, Unavailable};
use crate::ui::restaurant::PhoneLink;
use crate::ui::Loading;
use domain::{Alternative, DaySlots, ReservationStatus};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

// ------------------------------------------------------------ find

#[component]
pub fn FindPage() -> impl IntoView {
    let i18n = use_i18n();
    let find = ServerAction::<api::FindBooking>::new();
    focus_heading_on_arrival("page-title");
    let error = Memo::new(move |_| find.value().get().and_then(Result::err));
    let fields = Memo::new(move |_| error.get().map(|e| e.fields()).unwrap_or_default());
    Effect::new(move |_| {
        if error.get().is_some() {
            focus_later("find-error");
        }
    });
    let summary = Signal::derive(move || summary_lines(i18n, &fields.get()));
    let other_error = move || {
        error
            .get()
            .filter(|e| e.fields().is_empty())
            .map(|error| match error {
                AppError::NotFound => Either::Left(view! {
                    <div class="alert alert-error" role="alert" id="find-error" tabindex="-1">
                        <p class="alert-title">{t!(i18n, manage.find_not_found_title)}</p>
                        <p>{t!(i18n, manage.find_not_found)}</p>
                    </div>
                }),
                error => Either::Right(
                    view! { <div id="find-error" tabindex="-1"><ErrorMessage error /></div> },
                ),
            })
    };
    view! {
        <Title text=move || t_string!(i18n, manage.title).to_string() />
        <h1 id="page-title" tabindex="-1">{t!(i18n, manage.title)}</h1>
        <div class="narrow">
            <p class="lead">{t!(i18n, manage.find_intro)}</p>
            <ActionForm action=find attr:class="card form" attr:novalidate=true>
                <ErrorSummary id="find-error" messages=summary />
                {other_error}
                <Field
                    id="reference"
                    label=Signal::derive(move || t_string!(i18n, manage.reference).to_string())
                    hint=Signal::derive(move || t_string!(i18n, manage.reference_hint).to_string())
                    error=field_error(i18n, fields, "reference")
                    autocomplete="off"
                    value=String::new()
                    required=true
                    maxlength=20
                />
                <Field
                    id="email"
                    kind="email"
                    label=Signal::derive(move || t_string!(i18n, form.email).to_string())
                    error=field_error(i18n, fields, "email")
                    autocomplete="email"
                    value=String::new()
                    required=true
                    maxlength=254
                />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || find.pending().get()>
                        {t!(i18n, manage.find_submit)}
                    </button>
                </div>
            </ActionForm>
            <p class="hint">{t!(i18n, manage.find_help)}" "<PhoneLink /></p>
        </div>
    }
}

// ------------------------------------------------------------ manage

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
                <div><dt>{t!(i18n, form.phone)}</dt><dd>{domain::format_phone(&b.phone)}</dd></div>
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
                Either::Left(view! { <CancelConfirm token=token2.clone() cancel /> })
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
fn CancelConfirm(token: String, cancel: ServerAction<api::CancelBooking>) -> impl IntoView {
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

/// Change date, time, party size or details. The date and party size are
/// chosen first (a GET form, so it works before hydration), then a time
/// among that day's slots.
#[component]
fn ChangeForm(
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
                .and_then(Ymd::parse)
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
