//! The TechPlus web application: one Leptos codebase rendered on the server
//! and hydrated in the browser.
//!
//! - A feature folder (`site`, `layout`, `booking`, `manage`, `account`, and
//!   `admin/<screen>` for each back-office screen) holds a thin `api.rs`
//!   (its server functions) and its pages.
//! - `ui` is the kit the pages are made of (forms, focus, labels, dates, the
//!   restaurant and signed-in user every page shares); it knows no feature.
//! - `ssr` (server only) is the one gate to the server: the state, the
//!   session, `call` (the opener of every server function), input parsing.
//! - Features never import each other: what two need moves to `ui` or
//!   `ssr`. Only this file, with its route table, wires features together.
//! - A file past ~400 lines becomes a folder (`pages/`, one file per page
//!   or group of pages).

#![recursion_limit = "256"]

pub mod account;
pub mod admin;
pub mod booking;
pub mod error;
pub mod layout;
pub mod manage;
pub mod response;
pub mod site;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod ui;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// Name of the cookie that keeps the visitor's language (leptos_i18n's).
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";

/// The HTML document the server sends around the application.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    response::set_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Runs once in the browser, after the first page has hydrated.
    Effect::new(|_| ui::focus::mark_hydrated());

    view! {
        <I18nContextProvider>
            <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
            <Meta name="theme-color" content="#7a2e1d" />
            <Title formatter=|page: String| {
                if page.is_empty() { "TechPlus".to_string() } else { format!("{page} · TechPlus") }
            } />
            <Router>
                <ui::restaurant::RestaurantProvider>
                    <layout::SkipLink />
                    <layout::Header />
                    <main id="main" tabindex="-1">
                        <Routes fallback=site::NotFound>
                            <Route path=path!("/") view=site::HomePage />
                            <Route path=path!("/menu") view=site::MenuPage />
                            <Route path=path!("/contact") view=site::ContactPage />
                            // The booking and manage pages wait for their data on the
                            // server (`Async`): complete HTML before hydration, and
                            // a real 404 status for an unknown manage link.
                            <Route path=path!("/book") view=booking::ChoosePage ssr=SsrMode::Async />
                            <Route path=path!("/book/details") view=booking::DetailsPage ssr=SsrMode::Async />
                            <Route path=path!("/book/review") view=booking::ReviewPage ssr=SsrMode::Async />
                            <Route path=path!("/book/confirmation/:token") view=booking::ConfirmationPage ssr=SsrMode::Async />
                            <Route path=path!("/manage") view=manage::FindPage ssr=SsrMode::Async />
                            <Route path=path!("/manage/:token") view=manage::ManageBookingPage ssr=SsrMode::Async />
                            <Route path=path!("/manage/confirm/:token") view=manage::ConfirmEmailPage />
                            <Route path=path!("/login") view=account::LoginPage />
                            <Route path=path!("/register") view=account::RegisterPage />
                            <Route path=path!("/account") view=account::AccountPage ssr=SsrMode::Async />
                            <Route path=path!("/account/verify/:token") view=account::VerifyPage ssr=SsrMode::Async />
                            <Route path=path!("/account/forgot") view=account::ForgotPage />
                            <Route path=path!("/account/reset/:token") view=account::ResetPage />
                            <Route path=path!("/account/invite/:token") view=account::InvitePage />
                            <Route path=path!("/admin/staff") view=admin::staff::StaffPage ssr=SsrMode::Async />
                        </Routes>
                    </main>
                    <layout::Footer />
                </ui::restaurant::RestaurantProvider>
            </Router>
        </I18nContextProvider>
    }
}
