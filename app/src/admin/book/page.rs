//! `/admin/book?date=&time=&table=&source=`: the staff's booking form.

use super::api;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::form::{locale_select, page_locale, text, Field, FormAlerts, FormErrors};
use crate::ui::labels::{guest_tag_label, reason_label};
use crate::ui::Loading;
use domain::{GuestSummary, StaffTable};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The form's starting values, from the query string.
#[derive(Clone, Default)]
struct Prefill {
    source: String,
    date: String,
    time: String,
    table: String,
}

#[component]
pub fn BookPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<api::AdminBook>::new();
    let tables = Resource::new(|| (), |_| api::admin_tables());
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, book_staff.title).to_string() />
        <header class="day-head">
            <h1 id="page-title" tabindex="-1">{t!(i18n, book_staff.title)}</h1>
        </header>
        <Transition fallback=Loading>
            {move || {
                // Read before the await: the query belongs to the route.
                let prefill = query.with(|q| Prefill {
                    source: q.get("source").unwrap_or_default(),
                    date: q.get("date").unwrap_or_default(),
                    time: q.get("time").unwrap_or_default(),
                    table: q.get("table").unwrap_or_default(),
                });
                Suspend::new(async move {
                    match tables.await {
                        Ok(tables) => view! { <BookForm tables prefill action /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn BookForm(
    tables: Vec<StaffTable>,
    prefill: Prefill,
    action: ServerAction<api::AdminBook>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    // Outside the online rules is said below, with the way past them.
    let others = Memo::new(move |_| {
        error
            .get()
            .filter(|e| !matches!(e, AppError::SlotUnavailable { .. }))
    });
    let errors = FormErrors::new(others, "book-errors");
    let walk_in = RwSignal::new(prefill.source == "walk_in");
    let outside_rules = Memo::new(move |_| match error.get() {
        Some(AppError::SlotUnavailable { reason, .. }) => Some(reason),
        _ => None,
    });
    Effect::watch(
        move || outside_rules.get(),
        |reason, _, _| {
            if reason.is_some() {
                focus_later("book-outside-rules");
            }
        },
        false,
    );
    let table_error = errors.field(i18n, "table");
    let Prefill {
        date, time, table, ..
    } = prefill;
    view! {
        <section class="card" aria-labelledby="book-form-title">
            <h2 id="book-form-title" class="visually-hidden">{t!(i18n, book_staff.title)}</h2>
            <ActionForm action attr:class="form book-staff-form" attr:novalidate=true>
                <FormAlerts id="book-errors" errors />
                {move || outside_rules.get().map(|reason| view! {
                    <div class="alert alert-info" role="alert" id="book-outside-rules" tabindex="-1">
                        <p><strong>{move || reason_label(i18n, reason)}</strong></p>
                        <p>{t!(i18n, book_staff.override_offer)}</p>
                    </div>
                })}
                <fieldset class="filter-statuses">
                    <legend>{t!(i18n, book_staff.source)}</legend>
                    <label class="check">
                        <input type="radio" name="source" value="phone" checked=!walk_in.get_untracked()
                            on:change=move |_| walk_in.set(false) />
                        {t!(i18n, book_staff.source_phone)}
                    </label>
                    <label class="check">
                        <input type="radio" name="source" value="walk_in" checked=walk_in.get_untracked()
                            on:change=move |_| walk_in.set(true) />
                        {t!(i18n, book_staff.source_walk_in)}
                    </label>
                </fieldset>
                <p class="hint">{move || if walk_in.get() {
                    t_string!(i18n, book_staff.walk_in_hint)
                } else {
                    t_string!(i18n, book_staff.phone_hint)
                }}</p>
                <div class="filter-row">
                    <Field id="date" kind="date" label=text(i18n, |i| t_string!(i, reservation.date))
                        error=errors.field(i18n, "date") value=date />
                    <Field id="time" kind="time" label=text(i18n, |i| t_string!(i, reservation.time))
                        error=errors.field(i18n, "time") value=time />
                    <Field id="party_size" kind="number" inputmode="numeric"
                        label=text(i18n, |i| t_string!(i, reservation.party))
                        error=errors.field(i18n, "party_size") value="2".to_owned() required=true />
                    <Field id="duration_minutes" kind="number" inputmode="numeric"
                        label=text(i18n, |i| t_string!(i, reservation.duration))
                        hint=text(i18n, |i| t_string!(i, book_staff.duration_hint))
                        error=errors.field(i18n, "duration_minutes") value=String::new() />
                </div>
                <div class="field" class:field-invalid=move || table_error.with(Option::is_some)>
                    <label for="table">{t!(i18n, book_staff.table)}</label>
                    {move || table_error.get().map(|m| view! { <p class="field-error" id="table-error">{m}</p> })}
                    <select id="table" name="table"
                        aria-invalid=move || table_error.with(Option::is_some).then_some("true")
                        aria-describedby=move || table_error.with(Option::is_some).then_some("table-error")>
                        <option value="" selected=table.is_empty()>{t!(i18n, book_staff.table_auto)}</option>
                        {tables.into_iter().map(|t| {
                            let id = t.id.to_string();
                            let selected = id == table;
                            let label = format!("{} · {} · {}–{}", t.name, t.area, t.min_seats, t.max_seats);
                            view! { <option value=id selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <GuestLookup />
                <div class="filter-row">
                    <Field id="name" label=text(i18n, |i| t_string!(i, form.name))
                        hint=text(i18n, |i| t_string!(i, book_staff.name_hint))
                        error=errors.field(i18n, "name") autocomplete="off" value=String::new() maxlength=100 />
                    <Field id="phone" kind="tel" label=text(i18n, |i| t_string!(i, form.phone))
                        error=errors.field(i18n, "phone") autocomplete="off" value=String::new() maxlength=40 />
                    <Field id="email" kind="email" label=text(i18n, |i| t_string!(i, form.email))
                        hint=text(i18n, |i| t_string!(i, book_staff.email_hint))
                        error=errors.field(i18n, "email") autocomplete="off" value=String::new() maxlength=254 />
                </div>
                <Field id="notes" multiline=true label=text(i18n, |i| t_string!(i, form.notes))
                    error=errors.field(i18n, "notes") value=String::new() maxlength=500 />
                {locale_select(i18n, "book-locale", page_locale(i18n))}
                <div class="field">
                    <label class="check">
                        <input type="checkbox" name="override_rules" value="on" aria-describedby="override-hint" />
                        {t!(i18n, book_staff.go_beyond)}
                    </label>
                    <p class="hint" id="override-hint">{t!(i18n, book_staff.override_hint)}</p>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {move || if walk_in.get() {
                            t_string!(i18n, book_staff.submit_walk_in)
                        } else {
                            t_string!(i18n, book_staff.submit_phone)
                        }}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

/// "Find the guest": as staff type a name, a number or an address, the
/// known guests matching it; choosing one fills in the name, phone and
/// e-mail fields (and says what staff keep about them). The input has no
/// name: it is not part of the booking.
#[component]
fn GuestLookup() -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let found = Resource::new(
        move || typed.get(),
        |q| async move {
            if q.trim().chars().count() < 2 {
                Ok(Vec::new())
            } else {
                api::admin_guest_lookup(q).await
            }
        },
    );
    let chosen = RwSignal::new(None::<GuestSummary>);
    let choose = move |g: GuestSummary| {
        fill("name", &g.name);
        fill("phone", &g.phone);
        fill("email", &g.email);
        chosen.set(Some(g));
        typed.set(String::new());
    };
    view! {
        <div class="field guest-lookup">
            <label for="guest-lookup">{t!(i18n, guests.lookup)}</label>
            <input id="guest-lookup" type="search" autocomplete="off" maxlength="100"
                aria-describedby="guest-lookup-hint" aria-controls="guest-lookup-results"
                prop:value=move || typed.get()
                on:input=move |ev| typed.set(event_target_value(&ev)) />
            <p id="guest-lookup-hint" class="hint">{t!(i18n, guests.lookup_hint)}</p>
            <div id="guest-lookup-results" role="status" aria-live="polite">
                <Transition>
                    {move || Suspend::new(async move {
                        let q = typed.get_untracked();
                        match found.await {
                            Ok(guests) if guests.is_empty() && q.trim().chars().count() >= 2 => {
                                view! { <p class="hint">{t!(i18n, guests.lookup_none)}</p> }.into_any()
                            }
                            Ok(guests) => view! {
                                <ul class="lookup-results">
                                    {guests.into_iter().map(|g| {
                                        let contact = [g.phone.clone(), g.email.clone()]
                                            .into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" · ");
                                        let name = g.name.clone();
                                        let warn = g.no_show_warning;
                                        let pick = g.clone();
                                        view! {
                                            <li>
                                                <button type="button" class="button button-secondary"
                                                    on:click=move |_| choose(pick.clone())>
                                                    {move || t_string!(i18n, guests.lookup_use, name = name.clone()).to_string()}
                                                </button>
                                                " "<span class="hint">{contact}</span>
                                                {warn.then(|| view! {
                                                    " "<span class="tag flag-no-show">{move || t_string!(i18n, staff.flag_repeat_no_show)}</span>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(error) => view! { <ErrorMessage error /> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
            {move || chosen.get().filter(|g| !g.tags.is_empty()).map(|g| view! {
                <ul class="flags guest-tags" aria-label=move || t_string!(i18n, guests.tags)>
                    {g.tags.into_iter().map(|tag| view! {
                        <li class="tag tag-guest">{move || guest_tag_label(i18n, &tag)}</li>
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// Sets the value of the form's input `id` (the fields keep their own
/// values: the form posts what they hold).
fn fill(id: &str, value: &str) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(input) = document()
            .get_element_by_id(id)
            .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.set_value(value);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (id, value);
}
