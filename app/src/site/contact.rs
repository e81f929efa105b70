//! `/contact`: how to reach the restaurant (address with a map link,
//! phone, e-mail, hours) and a form to write to it. The form works before
//! hydration (a plain POST answered with a redirect); a robot that fills in
//! its hidden field is thanked the same way and nothing is kept.

use super::api;
use super::pages::with_restaurant;
use crate::i18n::*;
use crate::ui::form::{Field, FormAlerts, FormErrors};
use crate::ui::restaurant::HoursList;
use domain::{Address, RestaurantInfo};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A map of `address` on OpenStreetMap (a link: no third-party embed).
fn map_link(address: &Address) -> String {
    let query: String = format!(
        "{}, {} {}, {}",
        address.street, address.postal_code, address.city, address.country
    )
    .bytes()
    .map(|b| match b {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
            char::from(b).to_string()
        }
        b' ' => "+".to_owned(),
        _ => format!("%{b:02X}"),
    })
    .collect();
    format!("https://www.openstreetmap.org/search?query={query}")
}

#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <crate::ui::seo::PageMeta path="/contact"
            title=Signal::derive(move || t_string!(i18n, contact.title).to_string())
            description=Signal::derive(move || t_string!(i18n, contact.description).to_string()) />
        <h1>{t!(i18n, contact.title)}</h1>
        {with_restaurant(move |info: RestaurantInfo| {
            let tel = format!("tel:{}", info.phone);
            let mailto = format!("mailto:{}", info.email);
            let map = map_link(&info.address);
            view! {
                <div class="grid-2">
                    <section class="card">
                        <h2>{info.name.clone()}</h2>
                        <dl class="contact">
                            <dt>{t!(i18n, contact.address)}</dt>
                            <dd>
                                {info.address.street.clone()}<br />{format!("{} {}", info.address.postal_code, info.address.city)}
                                <br /><a href=map rel="noopener" target="_blank">{t!(i18n, contact.map)}</a>
                            </dd>
                            <dt>{t!(i18n, contact.phone)}</dt>
                            <dd><a href=tel>{domain::format_phone(&info.phone)}</a></dd>
                            <dt>{t!(i18n, contact.email)}</dt>
                            <dd><a href=mailto>{info.email.clone()}</a></dd>
                        </dl>
                    </section>
                    <section class="card">
                        <h2>{t!(i18n, home.hours_title)}</h2>
                        <HoursList hours=info.hours.clone() />
                    </section>
                </div>
            }
        })}
        <ContactForm />
    }
}

#[component]
fn ContactForm() -> impl IntoView {
    let i18n = use_i18n();
    let send = ServerAction::<api::SendContact>::new();
    let query = use_query_map();
    let sent =
        move || query.read().get("sent").is_some() && send.value().get().is_none_or(|r| r.is_ok());
    let errors = FormErrors::new(
        Memo::new(move |_| send.value().get().and_then(Result::err)),
        "contact-errors",
    );
    Effect::new(move |_| {
        if sent() {
            crate::ui::focus::focus_later("contact-sent");
        }
    });
    view! {
        <section class="card contact-form" id="contact-form" aria-labelledby="contact-form-title">
            <h2 id="contact-form-title">{t!(i18n, contact.form_title)}</h2>
            {move || sent().then(|| view! {
                <div class="alert alert-success" role="status" id="contact-sent" tabindex="-1">
                    <p class="alert-title">{t!(i18n, contact.sent_title)}</p>
                    <p>{t!(i18n, contact.sent)}</p>
                </div>
            })}
            <p>{t!(i18n, contact.form_intro)}</p>
            <ActionForm action=send attr:class="form" attr:novalidate=true>
                <FormAlerts id="contact-errors" errors />
                <input type="hidden" name="locale" value=move || i18n.get_locale().as_str() />
                <Field
                    id="contact-name"
                    name="name"
                    label=Signal::derive(move || t_string!(i18n, contact.name).to_string())
                    error=errors.field(i18n, "name")
                    autocomplete="name"
                    required=true
                    maxlength=100
                />
                <Field
                    id="contact-email"
                    name="email"
                    kind="email"
                    label=Signal::derive(move || t_string!(i18n, contact.your_email).to_string())
                    error=errors.field(i18n, "email")
                    autocomplete="email"
                    required=true
                    maxlength=254
                />
                <Field
                    id="contact-body"
                    name="body"
                    label=Signal::derive(move || t_string!(i18n, contact.body).to_string())
                    hint=Signal::derive(move || t_string!(i18n, contact.body_hint).to_string())
                    error=errors.field(i18n, "body")
                    multiline=true
                    rows=6
                    required=true
                    maxlength=4000
                />
                // Only robots see it: off the screen, out of the tab order,
                // hidden from assistive technologies.
                <div class="trap" aria-hidden="true">
                    <label for="contact-website">{t!(i18n, contact.robot)}</label>
                    <input id="contact-website" name="website" type="text" tabindex="-1" autocomplete="off" />
                </div>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || send.pending().get()>
                        {t!(i18n, contact.send)}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_link_searches_the_whole_address() {
        let address = Address {
            street: "12 rue des Martyrs".into(),
            postal_code: "75009".into(),
            city: "Paris".into(),
            country: "FR".into(),
        };
        assert_eq!(
            map_link(&address),
            "https://www.openstreetmap.org/search?query=12+rue+des+Martyrs%2C+75009+Paris%2C+FR"
        );
    }
}
