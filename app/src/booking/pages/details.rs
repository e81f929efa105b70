//! Step 2, `/book/details`: the guest's details and consent.

use super::super::{api, DetailsForm, Draft, SlotQuery};
use super::{choose_first, Steps};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::form::{field_error, summary_lines, ErrorSummary, Field};
use crate::ui::labels::cutoff_hours;
use crate::ui::reservation::SlotSummary;
use crate::ui::Loading;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

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
