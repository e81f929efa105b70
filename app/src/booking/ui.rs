//! Pieces shared by the booking and manage pages: the step indicator, form
//! fields with inline errors, slot summaries, labels and focus handling.

use super::dates::long_date;
use crate::i18n::*;
use crate::site::use_restaurant;
use domain::{Alternative, ServiceKind, SlotReason};
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

type I18n = leptos_i18n::I18nContext<Locale>;

// ---------------------------------------------------------------- focus

/// Set once the first page has hydrated: later page mounts come from a
/// client-side navigation and move the focus to their heading.
static HYDRATED: AtomicBool = AtomicBool::new(false);

/// Called once by `App` (an effect only runs in the browser).
pub fn mark_hydrated() {
    set_timeout(
        || HYDRATED.store(true, Ordering::Relaxed),
        std::time::Duration::ZERO,
    );
}

/// Moves the keyboard focus to the element with this id once the browser
/// has painted the current changes; waits up to 2 s for it to appear
/// (content that is still loading).
pub fn focus_later(id: impl Into<String>) {
    fn attempt(id: String, tries_left: u32) {
        use leptos::wasm_bindgen::JsCast;
        match document()
            .get_element_by_id(&id)
            .and_then(|el| el.dyn_into::<leptos::web_sys::HtmlElement>().ok())
        {
            Some(el) => {
                let _ = el.focus();
            }
            None if tries_left > 0 => set_timeout(
                move || attempt(id, tries_left - 1),
                std::time::Duration::from_millis(50),
            ),
            None => {}
        }
    }
    let id = id.into();
    request_animation_frame(move || attempt(id, 40));
}

/// After a client-side navigation to this page, focus its heading (which
/// needs `tabindex="-1"`), as a full page load would start there for
/// screen readers. A first load keeps the browser's behaviour.
pub fn focus_heading_on_arrival(id: &'static str) {
    Effect::new(move |_| {
        if HYDRATED.load(Ordering::Relaxed) {
            focus_later(id);
        }
    });
}

/// Submits a GET form as a client-side navigation to its action with the
/// form's fields as the query (without JavaScript the browser does the
/// same with a page load). `leptos_router`'s `<Form>` would add an empty
/// `=` pair for the unnamed submit button.
pub fn submit_get_form(
    ev: &leptos::ev::SubmitEvent,
    navigate: &impl Fn(&str, leptos_router::NavigateOptions),
) {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{FormData, HtmlFormElement, UrlSearchParams};
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let (Some(action), Ok(data)) = (form.get_attribute("action"), FormData::new_with_form(&form))
    else {
        return;
    };
    let Ok(params) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return;
    };
    ev.prevent_default();
    navigate(
        &format!("{action}?{}", String::from(params.to_string())),
        leptos_router::NavigateOptions {
            scroll: false,
            ..Default::default()
        },
    );
}

// ---------------------------------------------------------------- labels

/// "1 personne", "4 personnes" / "1 guest", "4 guests".
pub fn party_label(i18n: I18n, n: u32) -> String {
    if n == 1 {
        t_string!(i18n, party.single).to_string()
    } else {
        t_string!(i18n, party.many, count = n).to_string()
    }
}

pub fn reason_label(i18n: I18n, reason: SlotReason) -> &'static str {
    match reason {
        SlotReason::Closed => t_string!(i18n, reason.closed),
        SlotReason::PartySize => t_string!(i18n, reason.party_size),
        SlotReason::TooFarAhead => t_string!(i18n, reason.too_far_ahead),
        SlotReason::TooSoon => t_string!(i18n, reason.too_soon),
        SlotReason::Pacing => t_string!(i18n, reason.pacing),
        SlotReason::Full => t_string!(i18n, reason.full),
    }
}

pub fn service_label(i18n: I18n, kind: ServiceKind) -> &'static str {
    match kind {
        ServiceKind::Lunch => t_string!(i18n, service.lunch),
        ServiceKind::Dinner => t_string!(i18n, service.dinner),
    }
}

/// "mardi 1 décembre 2026 à 19:30".
pub fn date_time_label(i18n: I18n, date: &str, time: &str) -> String {
    t_string!(i18n, date.at, date = long_date(i18n, date), time = time).to_string()
}

/// Cut-off in whole hours, rounded up ("2").
pub fn cutoff_hours(minutes: u32) -> u32 {
    minutes.div_ceil(60)
}

// ---------------------------------------------------------------- pieces

/// The wizard's step indicator; `current` is 1 to 4.
#[component]
pub fn Steps(current: u8) -> impl IntoView {
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

/// The restaurant's phone number as a `tel:` link.
#[component]
pub fn PhoneLink() -> impl IntoView {
    let restaurant = use_restaurant();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                restaurant.await.ok().map(|info| {
                    let tel = format!("tel:{}", info.phone);
                    view! { <a class="phone-link" href=tel>{domain::format_phone(&info.phone)}</a> }
                })
            })}
        </Transition>
    }
}

/// Date, time and party size of a slot as a description list.
#[component]
pub fn SlotSummary(date: String, time: String, party: u32) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="summary">
            <div>
                <dt>{t!(i18n, summary.date)}</dt>
                <dd>{move || long_date(i18n, &date)}</dd>
            </div>
            <div>
                <dt>{t!(i18n, summary.time)}</dt>
                <dd>{time}</dd>
            </div>
            <div>
                <dt>{t!(i18n, summary.party)}</dt>
                <dd>{move || party_label(i18n, party)}</dd>
            </div>
        </dl>
    }
}

/// "This time is no longer available" with the nearest free slots as links.
#[component]
pub fn Unavailable(
    reason: SlotReason,
    alternatives: Vec<Alternative>,
    /// The link of an alternative (it keeps what the guest typed).
    href: Callback<Alternative, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let empty = alternatives.is_empty();
    let links = alternatives
        .into_iter()
        .map(|alt| {
            let url = href.run(alt.clone());
            view! {
                <li>
                    <a class="button button-secondary alternative" href=url>
                        {move || date_time_label(i18n, &alt.date, &alt.time)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="alert alert-error" role="alert" id="unavailable" tabindex="-1">
            <p class="alert-title">{t!(i18n, error.slot_unavailable)}</p>
            <p>{t!(i18n, unavailable.reason)}" "{move || reason_label(i18n, reason)}"."</p>
            {if empty {
                view! { <p>{t!(i18n, unavailable.none)}</p> }.into_any()
            } else {
                view! {
                    <p>{t!(i18n, unavailable.alternatives)}</p>
                    <ul class="alternatives">{links}</ul>
                }
                .into_any()
            }}
        </div>
    }
}

/// A labelled text input (or textarea) with its hint and inline error,
/// wired with `aria-invalid` and `aria-describedby`.
#[component]
pub fn Field(
    /// The id and form name.
    id: &'static str,
    label: Signal<String>,
    #[prop(optional)] hint: Option<Signal<String>>,
    /// The translated error, when the field is at fault.
    error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    value: String,
    #[prop(optional)] required: bool,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] maxlength: Option<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let control = if multiline {
        view! {
            <textarea
                id=id
                name=id
                rows="4"
                maxlength=maxlength
                aria-invalid=invalid
                aria-describedby=described_by
            >
                {value}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                name=id
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength
                required=required
                aria-invalid=invalid
                aria-describedby=described_by
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            {move || error.get().map(|message| view! {
                <p class="field-error" id=error_id.clone()>
                    <span class="visually-hidden">{t_string!(i18n, form.error_prefix)}" "</span>
                    {message}
                </p>
            })}
            {control}
        </div>
    }
}

/// The list of form errors above a form, focused after a failed submit.
#[component]
pub fn ErrorSummary(id: &'static str, messages: Signal<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let messages = messages.get();
        (!messages.is_empty()).then(|| {
            view! {
                <div class="alert alert-error" role="alert" id=id tabindex="-1">
                    <p class="alert-title">{t!(i18n, form.fix)}</p>
                    <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

/// The translated inline error of a guest detail field.
pub fn field_message(i18n: I18n, field: &str) -> String {
    match field {
        "name" => t_string!(i18n, form.errors.name),
        "email" => t_string!(i18n, form.errors.email),
        "phone" => t_string!(i18n, form.errors.phone),
        "notes" => t_string!(i18n, form.errors.notes),
        "consent" => t_string!(i18n, form.errors.consent),
        "time" => t_string!(i18n, form.errors.time),
        "date" => t_string!(i18n, form.errors.date),
        "party_size" => t_string!(i18n, form.errors.party_size),
        "reference" => t_string!(i18n, form.errors.reference),
        _ => t_string!(i18n, error.invalid_input),
    }
    .to_string()
}

/// The label of a field, for the error summary ("Name: ...").
pub fn field_label(i18n: I18n, field: &str) -> &'static str {
    match field {
        "name" => t_string!(i18n, form.name),
        "email" => t_string!(i18n, form.email),
        "phone" => t_string!(i18n, form.phone),
        "notes" => t_string!(i18n, form.notes),
        "consent" => t_string!(i18n, form.consent_short),
        "time" => t_string!(i18n, summary.time),
        "date" => t_string!(i18n, summary.date),
        "party_size" => t_string!(i18n, summary.party),
        _ => t_string!(i18n, form.other),
    }
}
