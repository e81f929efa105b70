//! The restaurant's page: name, taglines and "about" texts in both
//! languages, address and contact (a form for admins, the values for
//! staff). The time zone is set when the restaurant is created: shown,
//! never edited.

use super::api;
use super::errors::{Alerts, Errors, Scope};
use crate::i18n::*;
use crate::ui::form::text;
use crate::ui::form::Field;
use domain::settings::{
    MAX_ABOUT_CHARS, MAX_ADDRESS_CHARS, MAX_RESTAURANT_NAME_CHARS, MAX_TAGLINE_CHARS,
};
use domain::RestaurantSettings;
use leptos::prelude::*;

#[component]
pub fn RestaurantCard(
    restaurant: RestaurantSettings,
    editable: bool,
    action: ServerAction<api::AdminRestaurantSave>,
) -> impl IntoView {
    let i18n = use_i18n();
    let zone = restaurant.time_zone.clone();
    let body = if editable {
        view! { <RestaurantForm restaurant action /> }.into_any()
    } else {
        view! { <RestaurantFacts restaurant /> }.into_any()
    };
    view! {
        <section class="card" id="restaurant" aria-labelledby="restaurant-title">
            <h2 id="restaurant-title">{t!(i18n, settings.restaurant_title)}</h2>
            {body}
            <p class="hint" id="restaurant-zone">
                {move || t_string!(i18n, settings.time_zone, zone = zone.clone()).to_string()}
            </p>
        </section>
    }
}

/// The page as staff read it.
#[component]
fn RestaurantFacts(restaurant: RestaurantSettings) -> impl IntoView {
    let i18n = use_i18n();
    let r = restaurant;
    let text_or_dash = |s: &str| {
        if s.is_empty() {
            "—".to_owned()
        } else {
            s.to_owned()
        }
    };
    view! {
        <dl class="facts settings-facts">
            <dt>{t!(i18n, settings.name)}</dt>
            <dd>{r.name.clone()}</dd>
            <dt>{t!(i18n, settings.tagline_fr)}</dt>
            <dd lang="fr">{text_or_dash(&r.tagline.fr)}</dd>
            <dt>{t!(i18n, settings.tagline_en)}</dt>
            <dd lang="en">{text_or_dash(&r.tagline.en)}</dd>
            <dt>{t!(i18n, settings.about_fr)}</dt>
            <dd lang="fr" class="settings-text">{text_or_dash(&r.about.fr)}</dd>
            <dt>{t!(i18n, settings.about_en)}</dt>
            <dd lang="en" class="settings-text">{text_or_dash(&r.about.en)}</dd>
            <dt>{t!(i18n, settings.address)}</dt>
            <dd>
                <address>
                    {r.address.street.clone()}<br />
                    {format!("{} {}", r.address.postal_code, r.address.city)}<br />
                    {r.address.country.clone()}
                </address>
            </dd>
            <dt>{t!(i18n, settings.phone)}</dt>
            <dd>{domain::format_phone(&r.phone)}</dd>
            <dt>{t!(i18n, settings.email)}</dt>
            <dd>{r.email.clone()}</dd>
        </dl>
    }
}

#[component]
fn RestaurantForm(
    restaurant: RestaurantSettings,
    action: ServerAction<api::AdminRestaurantSave>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = Errors::new(error, "restaurant-errors", Scope::Restaurant);
    let r = restaurant;
    view! {
        <ActionForm action attr:id="restaurant-form" attr:class="form" attr:novalidate=true
            attr:aria-labelledby="restaurant-title">
            <Alerts id="restaurant-errors" errors />
            <Field id="restaurant-name" name="name" required=true maxlength=MAX_RESTAURANT_NAME_CHARS
                value=r.name label=text(i18n, |i| t_string!(i, settings.name)) error=errors.field("name") />
            <div class="form-grid settings-pair">
                <Field id="restaurant-tagline-fr" name="tagline_fr" maxlength=MAX_TAGLINE_CHARS
                    value=r.tagline.fr label=text(i18n, |i| t_string!(i, settings.tagline_fr))
                    error=errors.field("tagline_fr") />
                <Field id="restaurant-tagline-en" name="tagline_en" maxlength=MAX_TAGLINE_CHARS
                    value=r.tagline.en label=text(i18n, |i| t_string!(i, settings.tagline_en))
                    error=errors.field("tagline_en") />
            </div>
            <div class="form-grid settings-pair">
                <Field id="restaurant-about-fr" name="about_fr" multiline=true rows=5 maxlength=MAX_ABOUT_CHARS
                    value=r.about.fr label=text(i18n, |i| t_string!(i, settings.about_fr))
                    error=errors.field("about_fr") />
                <Field id="restaurant-about-en" name="about_en" multiline=true rows=5 maxlength=MAX_ABOUT_CHARS
                    value=r.about.en label=text(i18n, |i| t_string!(i, settings.about_en))
                    error=errors.field("about_en") />
            </div>
            <fieldset class="settings-fieldset">
                <legend>{t!(i18n, settings.address)}</legend>
                <Field id="restaurant-street" name="street" required=true maxlength=MAX_ADDRESS_CHARS
                    autocomplete="off" value=r.address.street
                    label=text(i18n, |i| t_string!(i, settings.street)) error=errors.field("street") />
                <div class="form-grid">
                    <Field id="restaurant-postal-code" name="postal_code" required=true maxlength=20
                        autocomplete="off" value=r.address.postal_code
                        label=text(i18n, |i| t_string!(i, settings.postal_code))
                        error=errors.field("postal_code") />
                    <Field id="restaurant-city" name="city" required=true maxlength=MAX_ADDRESS_CHARS
                        autocomplete="off" value=r.address.city
                        label=text(i18n, |i| t_string!(i, settings.city)) error=errors.field("city") />
                    <Field id="restaurant-country" name="country" required=true maxlength=MAX_ADDRESS_CHARS
                        autocomplete="off" value=r.address.country
                        label=text(i18n, |i| t_string!(i, settings.country))
                        error=errors.field("country") />
                </div>
            </fieldset>
            <div class="form-grid">
                <Field id="restaurant-phone" name="phone" kind="tel" required=true maxlength=30
                    autocomplete="off" value=r.phone
                    label=text(i18n, |i| t_string!(i, settings.phone))
                    hint=text(i18n, |i| t_string!(i, settings.phone_hint))
                    error=errors.field("phone") />
                <Field id="restaurant-email" name="email" kind="email" required=true maxlength=254
                    autocomplete="off" value=r.email
                    label=text(i18n, |i| t_string!(i, settings.email)) error=errors.field("email") />
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                    {t!(i18n, settings.restaurant_submit)}
                </button>
            </div>
        </ActionForm>
    }
}
