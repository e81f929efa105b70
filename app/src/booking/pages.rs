//! The four steps of the booking wizard.

use super::{api, slot_query, Calendar, DetailsForm, Draft, Review, SlotQuery, DEFAULT_PARTY};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::dates::{long_date, month_title, weekday_name, weekday_short, Month, Ymd};
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::form::{field_error, submit_get_form, summary_lines, ErrorSummary, Field};
use crate::ui::labels::{cutoff_hours, party_label, reason_label, service_label};
use crate::ui::reservation::{manage_link_not_found, SlotSummary, Unavailable};
use crate::ui::restaurant::PhoneLink;
use crate::ui::{I18n, Loading};
use domain::{format_price, Alternative, BookingPolicy, DaySlots, PartySize, ReservationView};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

/// The wizard's step indicator; `current` is 1 to 4.
#[component]
fn Steps(current: u8) -> impl IntoView {
    let i18n = use_i18n();
    let step = move |n: u8, label: fn(I18n) -> &'static str| {
        let state = match n.cmp(&current) {
            std::cmp::Ordering::Less => "step step-done",
            std::cmp::Ordering::Equal => "step step-current",
            std::cmp::Ordering::Greater => "step",
        };
        view! {
            <li class=state aria-current=(n == current).then_some("step")>
                <span class="step-number" aria-hidden="true">{n}</span>
                <span class="step-label">{move || label(i18n)}</span>
                {(n < current).then(|| view! {
                    <span class="visually-hidden">" "{move || t_string!(i18n, steps.done_suffix)}</span>
                })}
            </li>
        }
    };
    view! {
        <nav class="steps-nav" aria-label=move || t_string!(i18n, steps.label)>
            <ol class="steps">
                {step(1, |i18n| t_string!(i18n, steps.choose))}
                {step(2, |i18n| t_string!(i18n, steps.details))}
                {step(3, |i18n| t_string!(i18n, steps.review))}
                {step(4, |i18n| t_string!(i18n, steps.done))}
            </ol>
        </nav>
    }
}

/// "Choose a date and time first", with a link to step 1.
fn choose_first(i18n: I18n) -> impl IntoView {
    view! {
        <section class="card">
            <p>{t!(i18n, book.choose_first)}</p>
            <p><a class="button button-primary" href="/book">{t!(i18n, book.choose_link)}</a></p>
        </section>
    }
}

// ------------------------------------------------------------ 1. choose

#[component]
pub fn ChoosePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let party = Memo::new(move |_| {
        query
            .read()
            .get_str("party")
            .and_then(|p| p.trim().parse::<u32>().ok())
            .filter(|n| (1..=PartySize::MAX).contains(n))
            .unwrap_or(DEFAULT_PARTY)
    });
    let date = Memo::new(move |_| {
        query
            .read()
            .get_str("date")
            .and_then(Ymd::parse)
            .map(|d| d.to_string())
    });
    let month = Memo::new(move |_| {
        query
            .read()
            .get_str("month")
            .and_then(Month::parse)
            .or_else(|| date.get().as_deref().and_then(Ymd::parse).map(Ymd::month))
            .map(|m| m.to_string())
    });
    // The limits do not depend on the party size: load them once.
    let policy = Resource::new(|| (), |_| api::get_booking_policy(DEFAULT_PARTY));
    let calendar = Resource::new(
        move || (party.get(), month.get()),
        |(party, month)| api::booking_calendar(party, month),
    );
    let day = Resource::new(
        move || (party.get(), date.get()),
        |(party, date)| async move {
            match date {
                Some(date) => api::booking_day(party, date).await.map(Some),
                None => Ok(None),
            }
        },
    );

    focus_heading_on_arrival("page-title");
    // Another month shown after a click on "previous"/"next": focus its name.
    Effect::new(move |shown: Option<Option<String>>| {
        let now = calendar
            .get()
            .and_then(Result::ok)
            .map(|c: Calendar| c.month);
        if let (Some(Some(before)), Some(after)) = (&shown, &now) {
            if before != after {
                focus_later("calendar-heading");
            }
        }
        now.or(shown.flatten())
    });
    // Another day chosen: go to its times (the calendar keeps its place).
    Effect::watch(
        move || date.get(),
        move |date, _, _| {
            if date.is_some() {
                focus_later("slots-heading");
            }
        },
        false,
    );

    let too_large = move |max: u32| party.get() > max;

    view! {
        <Title text=move || t_string!(i18n, book.title).to_string() />
        <h1 id="page-title" tabindex="-1">{t!(i18n, book.title)}</h1>
        <Steps current=1 />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match policy.await {
                    Err(error) => Either::Left(view! { <ErrorMessage error /> }),
                    Ok(policy) => Either::Right(view! {
                        <div class="choose-grid">
                            <div class="choose-main">
                                <PartyPicker policy=policy.clone() party date month />
                                {move || too_large(policy.max_party_online).then(|| view! {
                                    <div class="alert alert-info" role="status">
                                        <p>
                                            {move || t_string!(i18n, book.party_too_large, max = policy.max_party_online)}
                                            " "
                                            <PhoneLink />
                                        </p>
                                    </div>
                                })}
                                <section class="card calendar-card" aria-labelledby="calendar-heading"
                                    hidden=move || too_large(policy.max_party_online)>
                                    <Transition fallback=Loading>
                                        {move || Suspend::new(async move {
                                            match calendar.await {
                                                Ok(calendar) => Either::Left(view! { <CalendarView calendar party date /> }),
                                                Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                                            }
                                        })}
                                    </Transition>
                                </section>
                            </div>
                            <section class="card slots-card" aria-labelledby="slots-heading"
                                hidden=move || too_large(policy.max_party_online)>
                                <h2 id="slots-heading" tabindex="-1">
                                    {move || match date.get() {
                                        Some(d) => t_string!(i18n, book.slots_heading, date = long_date(i18n, &d)).to_string(),
                                        None => t_string!(i18n, book.slots_title).to_string(),
                                    }}
                                </h2>
                                <Transition fallback=Loading>
                                    {move || Suspend::new(async move {
                                        match day.await {
                                            Ok(None) => EitherOf3::A(view! { <p class="hint">{t!(i18n, book.choose_day)}</p> }),
                                            Ok(Some(slots)) => EitherOf3::B(view! { <SlotList slots /> }),
                                            Err(error) => EitherOf3::C(view! { <ErrorMessage error /> }),
                                        }
                                    })}
                                </Transition>
                            </section>
                        </div>
                    }),
                }
            })}
        </Transition>
    }
}

/// Party size: a GET form, so the choice is in the address.
#[component]
fn PartyPicker(
    policy: BookingPolicy,
    party: Memo<u32>,
    date: Memo<Option<String>>,
    month: Memo<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = (policy.min_party.max(1)..=policy.max_party_online)
        .map(|n| {
            view! {
                <option value=n.to_string() selected=move || party.get() == n>
                    {move || party_label(i18n, n)}
                </option>
            }
        })
        .collect_view();
    let max = policy.max_party_online;
    let navigate = use_navigate();
    view! {
        <section class="card party-card" aria-labelledby="party-heading">
            <h2 id="party-heading">{t!(i18n, book.party_heading)}</h2>
            <form method="get" action="/book" class="party-form" on:submit=move |ev| submit_get_form(&ev, &navigate)>
                <label for="party">{t!(i18n, book.party_label)}</label>
                <div class="inline-controls">
                    <select id="party" name="party" prop:value=move || party.get().to_string()>
                        {options}
                    </select>
                    {move || month.get().map(|m| view! { <input type="hidden" name="month" value=m /> })}
                    {move || date.get().map(|d| view! { <input type="hidden" name="date" value=d /> })}
                    <button type="submit" class="button button-secondary">{t!(i18n, book.party_update)}</button>
                </div>
            </form>
            <p class="hint">{move || t_string!(i18n, book.large_party, max = max)}" "<PhoneLink /></p>
        </section>
    }
}

/// The month grid: bookable days are links, the others are not.
#[component]
fn CalendarView(calendar: Calendar, party: Memo<u32>, date: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let Some(month) = Month::parse(&calendar.month) else {
        return Either::Left(view! { <ErrorMessage error=AppError::Internal /> });
    };
    // Links follow the party size at once, even while the next month loads.
    let month_href = move |m: String| move || format!("/book?party={}&month={m}", party.get());
    let nav = |target: Option<String>, prev: bool| match target {
        Some(m) => {
            let href = month_href(m);
            Either::Left(view! {
                <a class="calendar-nav" href=href data-noscroll="">
                    <span aria-hidden="true">{if prev { "‹" } else { "›" }}</span>
                    <span class="visually-hidden">
                        {move || if prev { t_string!(i18n, book.prev_month) } else { t_string!(i18n, book.next_month) }}
                    </span>
                </a>
            })
        }
        None => Either::Right(
            view! { <span class="calendar-nav calendar-nav-off" aria-hidden="true">{if prev { "‹" } else { "›" }}</span> },
        ),
    };
    let today = calendar.today.clone();
    let lead = month.first_weekday() as usize;
    let mut cells: Vec<Option<domain::DayFlag>> = vec![None; lead];
    cells.extend(calendar.days.into_iter().map(Some));
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    let weeks = cells
        .chunks(7)
        .map(|week| {
            let days = week
                .iter()
                .map(|cell| match cell {
                    None => EitherOf3::A(view! { <td></td> }),
                    Some(flag) => {
                        let iso = flag.date.clone();
                        let number = Ymd::parse(&iso).map(|d| d.day).unwrap_or_default();
                        let is_today = iso == today;
                        let selected = {
                            let iso = iso.clone();
                            move || date.get().as_deref() == Some(iso.as_str())
                        };
                        let label = {
                            let iso = iso.clone();
                            move || long_date(i18n, &iso)
                        };
                        if flag.available {
                            let href = {
                                let iso = iso.clone();
                                move || format!("/book?party={}&month={month}&date={iso}", party.get())
                            };
                            let selected2 = selected.clone();
                            EitherOf3::B(view! {
                                <td>
                                    <a
                                        class="day day-available"
                                        class:day-selected=selected
                                        class:day-today=is_today
                                        href=href
                                        data-noscroll=""
                                        aria-current=move || selected2().then_some("date")
                                    >
                                        <span aria-hidden="true">{number}</span>
                                        <span class="visually-hidden">{label}", "{move || t_string!(i18n, book.day_available)}</span>
                                    </a>
                                </td>
                            })
                        } else {
                            EitherOf3::C(view! {
                                <td>
                                    <span class="day day-unavailable" class:day-today=is_today>
                                        <span aria-hidden="true">{number}</span>
                                        <span class="visually-hidden">{label}", "{move || t_string!(i18n, book.day_unavailable)}</span>
                                    </span>
                                </td>
                            })
                        }
                    }
                })
                .collect_view();
            view! { <tr>{days}</tr> }
        })
        .collect_view();
    let headers = (0..7u32)
        .map(|w| {
            view! {
                <th scope="col">
                    <abbr title=move || weekday_name(i18n, w)>{move || weekday_short(i18n, w)}</abbr>
                </th>
            }
        })
        .collect_view();
    Either::Right(view! {
        <div class="calendar-head">
            {nav(calendar.prev, true)}
            <h2 id="calendar-heading" tabindex="-1">{move || month_title(i18n, month)}</h2>
            {nav(calendar.next, false)}
        </div>
        <table class="calendar" aria-labelledby="calendar-heading">
            <thead><tr>{headers}</tr></thead>
            <tbody>{weeks}</tbody>
        </table>
        <p class="calendar-legend">
            <span class="legend-item"><span class="legend-swatch legend-available" aria-hidden="true"></span>{t!(i18n, book.legend_available)}</span>
            <span class="legend-item"><span class="legend-swatch" aria-hidden="true"></span>{t!(i18n, book.legend_unavailable)}</span>
        </p>
    })
}

/// The times of a day, by service; available ones lead to step 2.
#[component]
fn SlotList(slots: DaySlots) -> impl IntoView {
    let i18n = use_i18n();
    if slots.closed || slots.periods.is_empty() {
        return Either::Left(view! { <p class="notice">{t!(i18n, book.day_closed)}</p> });
    }
    let none_left = !slots.any_available();
    let party = slots.party_size;
    let date = slots.date.clone();
    let periods = slots
        .periods
        .into_iter()
        .map(|period| {
            let kind = period.kind;
            let heading_id = format!("period-{}", kind.as_str());
            let items = period
                .slots
                .into_iter()
                .map(|slot| {
                    if slot.available {
                        let href = format!("/book/details?{}", slot_query(party, &date, &slot.time));
                        Either::Left(view! {
                            <li><a class="slot" href=href>{slot.time}</a></li>
                        })
                    } else {
                        let reason = slot.reason;
                        Either::Right(view! {
                            <li>
                                <a class="slot slot-unavailable" role="link" aria-disabled="true">
                                    <span class="slot-time">{slot.time}</span>
                                    <span class="slot-reason">
                                        <span class="visually-hidden">" – "</span>
                                        {move || reason.map(|r| reason_label(i18n, r)).unwrap_or_default()}
                                    </span>
                                </a>
                            </li>
                        })
                    }
                })
                .collect_view();
            view! {
                <div class="period">
                    <h3 id=heading_id.clone()>{move || service_label(i18n, kind)}</h3>
                    <ul class="slot-list" aria-labelledby=heading_id>{items}</ul>
                </div>
            }
        })
        .collect_view();
    Either::Right(view! {
        {none_left.then(|| view! { <p class="notice">{t!(i18n, book.day_full)}</p> })}
        {periods}
    })
}

// ------------------------------------------------------------ 2. details

#[component]
pub fn DetailsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let slot = Memo::new(move |_| SlotQuery::from_query(&query.read()));
    let save = ServerAction::<api::SaveDetails>::new();
    let data = Resource::new(
        move || slot.get().map(|s| s.party),
        |party| async move {
            match party {
                Some(party) => api::booking_details(party).await.map(Some),
                None => Ok(None),
            }
        },
    );
    focus_heading_on_arrival("page-title");
    let error = Memo::new(move |_| save.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if error.get().is_some() {
            focus_later("details-errors");
        }
    });

    view! {
        <Title text=move || format!("{} · {}", t_string!(i18n, details.title), t_string!(i18n, book.title)) />
        <h1 id="page-title" tabindex="-1">{t!(i18n, details.title)}</h1>
        <Steps current=2 />
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
                                    Ok(Some(form)) => Either::Left(view! { <DetailsFormView chosen=slot form save error /> }),
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
fn DetailsFormView(
    chosen: SlotQuery,
    form: DetailsForm,
    save: ServerAction<api::SaveDetails>,
    error: Memo<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let slot = chosen;
    let DetailsForm { draft, policy } = form;
    let fields = Memo::new(move |_| error.get().map(|e| e.fields()).unwrap_or_default());
    let summary = Signal::derive(move || summary_lines(i18n, &fields.get()));
    let other_error = move || {
        error
            .get()
            .filter(|e| e.fields().is_empty())
            .map(|error| view! { <ErrorMessage error /> })
    };
    let hours = cutoff_hours(policy.cancel_cutoff_minutes);
    let consent_error = field_error(i18n, fields, "consent");
    let back = format!("/book?party={}&date={}", slot.party, slot.date);
    let Draft {
        name,
        email,
        phone,
        notes,
        consent,
    } = draft;
    view! {
        <section class="card slot-recap" aria-labelledby="recap-heading">
            <h2 id="recap-heading" class="visually-hidden">{t!(i18n, summary.title)}</h2>
            <SlotSummary date=slot.date.clone() time=slot.time.clone() party=slot.party />
            <p><a href=back.clone()>{t!(i18n, book.change_slot)}</a></p>
        </section>
        <ActionForm action=save attr:class="card form" attr:novalidate=true>
            <input type="hidden" name="party" value=slot.party.to_string() />
            <input type="hidden" name="date" value=slot.date.clone() />
            <input type="hidden" name="time" value=slot.time.clone() />
            <ErrorSummary id="details-errors" messages=summary />
            {other_error}
            <p class="form-intro">{t!(i18n, details.intro)}</p>
            <Field
                id="name"
                label=Signal::derive(move || t_string!(i18n, form.name).to_string())
                error=field_error(i18n, fields, "name")
                autocomplete="name"
                value=name
                required=true
                maxlength=100
            />
            <Field
                id="email"
                kind="email"
                label=Signal::derive(move || t_string!(i18n, form.email).to_string())
                hint=Signal::derive(move || t_string!(i18n, form.email_hint).to_string())
                error=field_error(i18n, fields, "email")
                autocomplete="email"
                value=email
                required=true
                maxlength=254
            />
            <Field
                id="phone"
                kind="tel"
                label=Signal::derive(move || t_string!(i18n, form.phone).to_string())
                hint=Signal::derive(move || t_string!(i18n, form.phone_hint).to_string())
                error=field_error(i18n, fields, "phone")
                autocomplete="tel"
                value=phone
                required=true
                maxlength=30
            />
            <Field
                id="notes"
                multiline=true
                label=Signal::derive(move || t_string!(i18n, form.notes).to_string())
                hint=Signal::derive(move || t_string!(i18n, form.notes_hint).to_string())
                error=field_error(i18n, fields, "notes")
                value=notes
                maxlength=500
            />
            <div class="field field-check" class:field-invalid=move || consent_error.with(Option::is_some)>
                {move || consent_error.get().map(|message| view! {
                    <p class="field-error" id="consent-error">
                        <span class="visually-hidden">{t_string!(i18n, form.error_prefix)}" "</span>
                        {message}
                    </p>
                })}
                <div class="check">
                    <input
                        type="checkbox"
                        id="consent"
                        name="consent"
                        value="yes"
                        checked=consent
                        required=true
                        aria-invalid=move || consent_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || consent_error.with(Option::is_some).then_some("consent-error")
                    />
                    <label for="consent">{move || t_string!(i18n, form.consent, hours = hours)}</label>
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                    {t!(i18n, details.next)}
                </button>
                <a class="button button-secondary" href=back>{t!(i18n, form.back)}</a>
            </div>
        </ActionForm>
    }
}

// ------------------------------------------------------------ 3. review

#[component]
pub fn ReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let slot = Memo::new(move |_| SlotQuery::from_query(&query.read()));
    let confirm = ServerAction::<api::ConfirmBooking>::new();
    let data = Resource::new(
        move || slot.get().map(|s| s.party),
        |party| async move {
            match party {
                Some(party) => api::booking_review(party).await.map(Some),
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
    let deposit = policy.deposit_cents;
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
                    <h2 id="review-deposit">{t!(i18n, review.deposit_title)}</h2>
                    <p class="deposit">
                        {move || match deposit {
                            Some(cents) => t_string!(i18n, review.deposit_amount, amount = format_price(cents, i18n.get_locale().as_str())).to_string(),
                            None => t_string!(i18n, review.deposit_none).to_string(),
                        }}
                    </p>
                </section>
            </div>
        </div>
        <ActionForm action=confirm attr:class="confirm-form" attr:hidden=move || slot_gone().then_some("")>
            <input type="hidden" name="party" value=slot.party.to_string() />
            <input type="hidden" name="date" value=slot.date.clone() />
            <input type="hidden" name="time" value=slot.time.clone() />
            <input type="hidden" name="locale" value=move || i18n.get_locale().as_str() />
            <button type="submit" class="button button-primary button-large" disabled=move || confirm.pending().get()>
                {t!(i18n, review.confirm)}
            </button>
            <p class="hint" aria-live="polite">{move || confirm.pending().get().then(|| t_string!(i18n, review.confirming))}</p>
        </ActionForm>
    })
}

// ------------------------------------------------------------ 4. confirmation

#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let booking = Resource::new(move || token.get(), api::booking_confirmation);
    focus_heading_on_arrival("page-title");
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match booking.await {
                    Ok(booking) => EitherOf3::A(view! { <Confirmation booking token=token.get_untracked() /> }),
                    Err(AppError::NotFound) => EitherOf3::B(manage_link_not_found()),
                    Err(error) => EitherOf3::C(view! {
                        <Title text=move || t_string!(i18n, book.title).to_string() />
                        <h1 id="page-title" tabindex="-1">{t!(i18n, book.title)}</h1>
                        <ErrorMessage error />
                    }),
                }
            })}
        </Transition>
    }
}

#[component]
fn Confirmation(booking: ReservationView, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let manage_href = format!("/manage/{token}");
    let ics_href = format!("/api/reservations/manage/{token}/calendar.ics");
    let email = booking.email.clone();
    let cancelled = !booking.status.is_active();
    view! {
        <Title text=move || format!("{} · {}", t_string!(i18n, done.title), t_string!(i18n, book.title)) />
        <h1 id="page-title" tabindex="-1">{t!(i18n, done.title)}</h1>
        <Steps current=4 />
        <section class="card confirmation" aria-labelledby="reference-label">
            {cancelled.then(|| view! { <p class="notice">{t!(i18n, manage.is_cancelled)}</p> })}
            <p class="reference-line">
                <span id="reference-label">{t!(i18n, done.reference)}</span>
                <strong class="reference" data-testid="reference">{booking.reference.clone()}</strong>
            </p>
            <SlotSummary date=booking.date.clone() time=booking.time.clone() party=booking.party_size />
            <p class="email-note">{move || t_string!(i18n, done.email_sent, email = email.clone())}</p>
            <div class="actions">
                <a class="button button-primary" href=manage_href>{t!(i18n, done.manage)}</a>
                <a class="button button-secondary" href=ics_href rel="external" download="reservation.ics">{t!(i18n, done.calendar)}</a>
            </div>
            <p class="hint">{t!(i18n, done.keep_link)}</p>
        </section>
    }
}
