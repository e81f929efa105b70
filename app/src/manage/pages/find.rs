//! `/manage`: find a booking by its reference and e-mail.

use super::super::api;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::form::{field_error, summary_lines, ErrorSummary, Field};
use crate::ui::restaurant::PhoneLink;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

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
        <crate::ui::Description text=Signal::derive(move || t_string!(i18n, manage.description).to_string()) />
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
