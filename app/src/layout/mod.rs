//! The frame around every page: skip link, header with navigation, the
//! account link and the language switcher, footer with address, hours and
//! contact.

use crate::i18n::*;
use crate::ui::restaurant::{use_restaurant, HoursList};
use crate::ui::user::account_me;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    view! { <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a> }
}

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    // Marks the link of the current page for assistive technologies.
    let current = move |href: &'static str| {
        let path = location.pathname.get();
        (path == href).then_some("page")
    };
    let restaurant = use_restaurant();
    let brand = move || {
        restaurant
            .get()
            .and_then(Result::ok)
            .map(|info| info.name)
            .unwrap_or_else(|| t_string!(i18n, site_name).to_string())
    };
    view! {
        <header class="site-header">
            <div class="container header-inner">
                <a class="brand" href="/">
                    <Transition fallback=move || t_string!(i18n, site_name)>{brand}</Transition>
                </a>
                <nav class="main-nav" aria-label=move || t_string!(i18n, nav.label)>
                    <ul>
                        <li><a href="/" aria-current=move || current("/")>{t!(i18n, nav.home)}</a></li>
                        <li><a href="/menu" aria-current=move || current("/menu")>{t!(i18n, nav.menu)}</a></li>
                        <li><a href="/about" aria-current=move || current("/about")>{t!(i18n, nav.about)}</a></li>
                        <li><a href="/book" aria-current=move || current("/book")>{t!(i18n, nav.book)}</a></li>
                        <li><a href="/manage" aria-current=move || current("/manage")>{t!(i18n, nav.manage)}</a></li>
                        <li><a href="/contact" aria-current=move || current("/contact")>{t!(i18n, nav.contact)}</a></li>
                        <li class="nav-account"><AccountLink /></li>
                    </ul>
                </nav>
                <LanguageSwitcher />
            </div>
        </header>
    }
}

/// "Log in", or "My account" when signed in (and the back office for staff).
#[component]
pub fn AccountLink() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let me = Resource::new(move || location.pathname.get(), |_| account_me());
    let current =
        move |href: &'static str| location.pathname.get().starts_with(href).then_some("page");
    let login = move || {
        view! { <a href="/login" aria-current=move || current("/login")>{t!(i18n, nav.login)}</a> }
    };
    view! {
        <Transition fallback=login>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(user)) => {
                        let staff = user.role.is_staff();
                        view! {
                            {staff.then(|| view! {
                                <a href="/admin" class="nav-admin" aria-current=move || current("/admin")>{t!(i18n, nav.staff)}</a>
                                " "
                            })}
                            <a href="/account" aria-current=move || current("/account")>{t!(i18n, nav.account)}</a>
                        }
                        .into_any()
                    }
                    _ => login().into_any(),
                }
            })}
        </Transition>
    }
}

/// `value` written for a query string: every byte but the unreserved
/// characters and `/` percent-encoded.
fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Two links that work without JavaScript (the server sets the cookie and
/// redirects back); once hydrated they switch the language in place.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let link = move |locale: Locale| {
        // The page with its query string (filters, a date, a step).
        let (path, query) = (location.pathname.get(), location.search.get());
        let here = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        view! {
            <a
                class="lang-option"
                href=format!("/lang/{}?to={}", locale.as_str(), query_value(&here))
                hreflang=locale.as_str()
                lang=locale.as_str()
                aria-current=move || (i18n.get_locale() == locale).then_some("true")
                on:click=move |ev| {
                    ev.prevent_default();
                    i18n.set_locale(locale);
                    remember_locale(locale);
                }
            >
                {match locale {
                    Locale::fr => "FR",
                    Locale::en => "EN",
                }}
                <span class="visually-hidden">
                    " – "
                    {move || match locale {
                        Locale::fr => t_string!(i18n, language.fr),
                        Locale::en => t_string!(i18n, language.en),
                    }}
                </span>
            </a>
        }
    };
    view! {
        <div class="lang-switcher" role="group" aria-label=move || t_string!(i18n, language.label)>
            {move || link(Locale::fr)}
            {move || link(Locale::en)}
        </div>
    }
}

/// Keeps the language chosen in place for the next pages, as the no-JS
/// link's answer does: the server reads this cookie (the client reads
/// `<html lang>`).
#[cfg(feature = "hydrate")]
fn remember_locale(locale: Locale) {
    use leptos::wasm_bindgen::JsCast;
    if let Ok(doc) = document().dyn_into::<web_sys::HtmlDocument>() {
        let _ = doc.set_cookie(&crate::locale_cookie(locale.as_str()));
    }
}

#[cfg(not(feature = "hydrate"))]
fn remember_locale(_locale: Locale) {}

#[component]
pub fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let restaurant = use_restaurant();
    view! {
        <footer class="site-footer">
            <div class="container footer-grid">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        restaurant.await.ok().map(|info| {
                            let tel = format!("tel:{}", info.phone);
                            let mailto = format!("mailto:{}", info.email);
                            view! {
                                <section aria-labelledby="footer-contact">
                                    <h2 id="footer-contact">{t!(i18n, footer.contact)}</h2>
                                    <address>
                                        <strong>{info.name.clone()}</strong><br />
                                        {info.address.street.clone()}<br />
                                        {format!("{} {}", info.address.postal_code, info.address.city)}<br />
                                        // A restaurant set up from nothing may have neither yet.
                                        {(!info.phone.is_empty()).then(|| view! {
                                            <a href=tel>{domain::format_phone(&info.phone)}</a><br />
                                        })}
                                        {(!info.email.is_empty()).then(|| view! {
                                            <a href=mailto>{info.email.clone()}</a>
                                        })}
                                    </address>
                                </section>
                                <section aria-labelledby="footer-hours">
                                    <h2 id="footer-hours">{t!(i18n, footer.hours)}</h2>
                                    <HoursList hours=info.hours.clone() compact=true />
                                </section>
                            }
                        })
                    })}
                </Transition>
            </div>
            <p class="container footer-note">{t!(i18n, footer.rights)}</p>
        </footer>
    }
}

/// Shown by the service worker's registration (`client.rs`) when a new
/// version of the site is installed and waiting: reloading switches to it
/// (the old one keeps serving this page until then, never a mix).
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div id="app-update" class="update-prompt" role="status" hidden>
            <p>{t!(i18n, pwa.update)}</p>
            <button type="button" class="button button-primary">{t!(i18n, pwa.reload)}</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::query_value;

    #[test]
    fn a_page_and_its_query_go_back_whole() {
        assert_eq!(query_value("/menu"), "/menu");
        assert_eq!(
            query_value("/menu?diet=vegan&q=crème brûlée"),
            "/menu%3Fdiet%3Dvegan%26q%3Dcr%C3%A8me%20br%C3%BBl%C3%A9e"
        );
    }
}
