//! `/manage/confirm/{token}`: the link e-mailed to prove an address (a
//! booking's new address, or a large party's booking). Opening it changes
//! nothing (mail scanners open links too): the button confirms, and the
//! booking's manage page opens.

use super::super::api;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let action = ServerAction::<api::ConfirmEmail>::new();
    let error = move || action.value().get().and_then(Result::err);
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, manage.confirm_title).to_string() />
        <div class="narrow">
            <h1 id="page-title" tabindex="-1">{t!(i18n, manage.confirm_title)}</h1>
            {move || error().map(|error| match error {
                AppError::NotFound => view! {
                    <div class="alert alert-error" role="alert" id="confirm-error">
                        <p>{t!(i18n, manage.confirm_invalid)}</p>
                    </div>
                }.into_any(),
                error => view! { <ErrorMessage error /> }.into_any(),
            })}
            <ActionForm action attr:class="card form">
                <p>{t!(i18n, manage.confirm_intro)}</p>
                <input type="hidden" name="token" value=token />
                <button class="button button-primary" type="submit">{t!(i18n, manage.confirm_button)}</button>
            </ActionForm>
        </div>
    }
}
