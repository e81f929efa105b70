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
mod client;
#[cfg(feature = "ssr")]
pub use client::{client_files, ClientFiles};
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
    components::{ParentRoute, Route, Router, Routes},
    path, Lazy, SsrMode,
};

/// Pages are lazy-loaded WASM modules (`cargo leptos build --split`): the
/// browser loads the shell (router, header, footer, translations) and the
/// module of the page it opens, nothing else; another module comes when the
/// visitor goes there. The first pages a diner opens (home, menu, contact,
/// the booking's first step, finding a booking, signing in) are each a
/// module of their own, so they load only their code; the pages reached
/// from them are grouped (the booking's later steps, the other account
/// forms, ...), which keeps
/// the chunks shared between modules (each a request and an instantiation
/// in the browser) few. On the server these are plain async views.
mod routes {
    use leptos::prelude::*;
    use leptos_router::LazyRoute;

    macro_rules! lazy_pages {
        ($($module:ident { $($route:ident($view:ident, $preload:ident) => $page:path),+ $(,)? })*) => {$($(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(this: Self) -> AnyView {
                    $view(this).await
                }

                // The router loads the module before it hydrates the page
                // (`#[lazy]` names this loader `__preload_<view>`).
                async fn preload() {
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }

            #[leptos::lazy($module)]
            fn $view(_this: $route) -> AnyView {
                $page().into_any()
            }
        )+)*};
    }

    lazy_pages! {
        home { Home(home_view, __preload_home_view) => crate::site::HomePage }
        menu { Menu(menu_view, __preload_menu_view) => crate::site::MenuPage }
        contact { Contact(contact_view, __preload_contact_view) => crate::site::ContactPage }
        about { About(about_view, __preload_about_view) => crate::site::AboutPage }
        offline { Offline(offline_view, __preload_offline_view) => crate::site::OfflinePage }
        book { Book(book_view, __preload_book_view) => crate::booking::ChoosePage }
        book_steps {
            BookDetails(book_details_view, __preload_book_details_view) => crate::booking::DetailsPage,
            BookReview(book_review_view, __preload_book_review_view) => crate::booking::ReviewPage,
            BookConfirmation(book_confirmation_view, __preload_book_confirmation_view) => crate::booking::ConfirmationPage,
        }
        book_payment { BookPayment(book_payment_view, __preload_book_payment_view) => crate::booking::PayPage }
        manage_find { ManageFind(manage_find_view, __preload_manage_find_view) => crate::manage::FindPage }
        manage {
            ManageBooking(manage_booking_view, __preload_manage_booking_view) => crate::manage::ManageBookingPage,
            ManageConfirm(manage_confirm_view, __preload_manage_confirm_view) => crate::manage::ConfirmEmailPage,
        }
        login { Login(login_view, __preload_login_view) => crate::account::LoginPage }
        sign_in {
            Register(register_view, __preload_register_view) => crate::account::RegisterPage,
            AccountVerify(account_verify_view, __preload_account_verify_view) => crate::account::VerifyPage,
            AccountForgot(account_forgot_view, __preload_account_forgot_view) => crate::account::ForgotPage,
            AccountReset(account_reset_view, __preload_account_reset_view) => crate::account::ResetPage,
            AccountInvite(account_invite_view, __preload_account_invite_view) => crate::account::InvitePage,
        }
        account { Account(account_view, __preload_account_view) => crate::account::AccountPage }
        admin {
            AdminShell(admin_shell_view, __preload_admin_shell_view) => crate::admin::AdminShell,
            AdminToday(admin_today_view, __preload_admin_today_view) => crate::admin::today::TodayPage,
            AdminTimeline(admin_timeline_view, __preload_admin_timeline_view) => crate::admin::timeline::TimelinePage,
            AdminReservations(admin_reservations_view, __preload_admin_reservations_view) => crate::admin::reservations::ReservationsPage,
            AdminReservation(admin_reservation_view, __preload_admin_reservation_view) => crate::admin::reservation::ReservationPage,
            AdminBook(admin_book_view, __preload_admin_book_view) => crate::admin::book::BookPage,
            AdminCalendar(admin_calendar_view, __preload_admin_calendar_view) => crate::admin::calendar::CalendarPage,
            AdminTeam(admin_team_view, __preload_admin_team_view) => crate::admin::team::TeamPage,
            AdminStaff(admin_staff_view, __preload_admin_staff_view) => crate::admin::team::StaffRedirect,
            AdminGuests(admin_guests_view, __preload_admin_guests_view) => crate::admin::guests::GuestsPage,
            AdminGuest(admin_guest_view, __preload_admin_guest_view) => crate::admin::guests::GuestPage,
            AdminTables(admin_tables_view, __preload_admin_tables_view) => crate::admin::tables::TablesPage,
            AdminSettings(admin_settings_view, __preload_admin_settings_view) => crate::admin::settings::SettingsPage,
            AdminMenu(admin_menu_view, __preload_admin_menu_view) => crate::admin::menu::MenuPage,
            AdminFloor(admin_floor_view, __preload_admin_floor_view) => crate::admin::floor::FloorPage,
            AdminPayments(admin_payments_view, __preload_admin_payments_view) => crate::admin::payments::PaymentsPage,
            AdminMessages(admin_messages_view, __preload_admin_messages_view) => crate::admin::messages::MessagesPage,
        }
    }
}

/// Name of the cookie that keeps the visitor's language (leptos_i18n's).
pub const LOCALE_COOKIE: &str = "i18n_pref_locale";

/// The `Set-Cookie` value (or `document.cookie` assignment) that remembers
/// `locale` for a year, written by the no-JS link and the hydrated switcher.
pub fn locale_cookie(locale: &str) -> String {
    format!("{LOCALE_COOKIE}={locale}; Path=/; Max-Age=31536000; SameSite=Lax")
}

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
                // The client is fetched once the page has painted: the
                // server-rendered page (which works before hydration) gets
                // the network and the CPU first.
                <client::ClientScript options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The pages whose HTML, for a visitor who is not signed in, depends only on
/// the restaurant's setup and the language: the server keeps them rendered
/// (`server::page_cache`). A page that shows bookings, availability, the
/// time of day or anything of the visitor's must not be listed.
pub const SHARED_PAGES: &[&str] = &["/", "/menu", "/about", "/contact", "/offline"];

/// The installable app's shortcuts (`manifest.webmanifest`, served by the
/// server) in `lang` (`fr` or `en`): `(name, short name, address)`.
#[cfg(feature = "ssr")]
pub fn app_shortcuts(lang: &str) -> [(String, String, &'static str); 2] {
    use i18n::{td_string, Locale};
    let locale = if lang == "en" { Locale::en } else { Locale::fr };
    [
        (
            td_string!(locale, pwa.shortcut_book).to_string(),
            td_string!(locale, pwa.shortcut_book_short).to_string(),
            "/book",
        ),
        (
            td_string!(locale, pwa.shortcut_today).to_string(),
            td_string!(locale, pwa.shortcut_today_short).to_string(),
            "/admin",
        ),
    ]
}

/// The pages search engines are told about (`sitemap.xml`), each in every
/// language.
pub const SITEMAP_PAGES: &[&str] = &["/", "/menu", "/about", "/contact", "/book"];

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Runs once in the browser, after the first page has hydrated.
    Effect::new(|_| ui::focus::mark_hydrated());

    view! {
        <I18nContextProvider>
            <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
            <Link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
            <Link rel="manifest" href="/manifest.webmanifest" />
            <Meta name="theme-color" content="#7a2e1d" />
            <Title formatter=|page: String| {
                if page.is_empty() { "TechPlus".to_string() } else { format!("{page} · TechPlus") }
            } />
            <Router>
                <ui::restaurant::RestaurantProvider>
                    <layout::SkipLink />
                    <layout::Header />
                    <main id="main" tabindex="-1">
                        // Every page waits for its data on the server (`Async`):
                        // the first bytes are the final HTML (no fallback later
                        // swapped by a script, so the content is the first and
                        // largest paint), complete before hydration, and an
                        // unknown manage link gets a real 404 status. The data is
                        // cheap: the restaurant's setup is kept in memory.
                        <Routes fallback=site::NotFound>
                            <Route path=path!("/") view={Lazy::<routes::Home>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/menu") view={Lazy::<routes::Menu>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/about") view={Lazy::<routes::About>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/contact") view={Lazy::<routes::Contact>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/offline") view={Lazy::<routes::Offline>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/book") view={Lazy::<routes::Book>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/book/details") view={Lazy::<routes::BookDetails>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/book/review") view={Lazy::<routes::BookReview>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/book/payment") view={Lazy::<routes::BookPayment>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/book/confirmation/:token") view={Lazy::<routes::BookConfirmation>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/manage") view={Lazy::<routes::ManageFind>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/manage/:token") view={Lazy::<routes::ManageBooking>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/manage/confirm/:token") view={Lazy::<routes::ManageConfirm>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/login") view={Lazy::<routes::Login>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/register") view={Lazy::<routes::Register>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account") view={Lazy::<routes::Account>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/verify/:token") view={Lazy::<routes::AccountVerify>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/forgot") view={Lazy::<routes::AccountForgot>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/reset/:token") view={Lazy::<routes::AccountReset>::new()} ssr=SsrMode::Async />
                            <Route path=path!("/account/invite/:token") view={Lazy::<routes::AccountInvite>::new()} ssr=SsrMode::Async />
                            // The back office: its shell (role guard, side
                            // navigation) around each screen.
                            <ParentRoute path=path!("/admin") view={Lazy::<routes::AdminShell>::new()} ssr=SsrMode::Async>
                                <Route path=path!("") view={Lazy::<routes::AdminToday>::new()} ssr=SsrMode::Async />
                                <Route path=path!("timeline") view={Lazy::<routes::AdminTimeline>::new()} ssr=SsrMode::Async />
                                <Route path=path!("reservations") view={Lazy::<routes::AdminReservations>::new()} ssr=SsrMode::Async />
                                <Route path=path!("reservations/:id") view={Lazy::<routes::AdminReservation>::new()} ssr=SsrMode::Async />
                                <Route path=path!("payments") view={Lazy::<routes::AdminPayments>::new()} ssr=SsrMode::Async />
                                <Route path=path!("book") view={Lazy::<routes::AdminBook>::new()} ssr=SsrMode::Async />
                                <Route path=path!("calendar") view={Lazy::<routes::AdminCalendar>::new()} ssr=SsrMode::Async />
                                <Route path=path!("guests") view={Lazy::<routes::AdminGuests>::new()} ssr=SsrMode::Async />
                                <Route path=path!("messages") view={Lazy::<routes::AdminMessages>::new()} ssr=SsrMode::Async />
                                <Route path=path!("guests/:id") view={Lazy::<routes::AdminGuest>::new()} ssr=SsrMode::Async />
                                <Route path=path!("tables") view={Lazy::<routes::AdminTables>::new()} ssr=SsrMode::Async />
                                <Route path=path!("floor") view={Lazy::<routes::AdminFloor>::new()} ssr=SsrMode::Async />
                                <Route path=path!("settings") view={Lazy::<routes::AdminSettings>::new()} ssr=SsrMode::Async />
                                <Route path=path!("menu") view={Lazy::<routes::AdminMenu>::new()} ssr=SsrMode::Async />
                                <Route path=path!("team") view={Lazy::<routes::AdminTeam>::new()} ssr=SsrMode::Async />
                                // The team's old address: redirected.
                                <Route path=path!("staff") view={Lazy::<routes::AdminStaff>::new()} ssr=SsrMode::Async />
                            </ParentRoute>
                        </Routes>
                    </main>
                    <layout::Footer />
                    <layout::UpdatePrompt />
                </ui::restaurant::RestaurantProvider>
            </Router>
        </I18nContextProvider>
    }
}

#[cfg(test)]
mod endpoint_tests {
    use std::collections::HashMap;
    use std::path::Path;

    fn endpoints(dir: &Path, found: &mut HashMap<String, Vec<String>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                endpoints(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for part in text.split("endpoint = \"").skip(1) {
                    let name = part.split('"').next().unwrap_or_default().to_owned();
                    found
                        .entry(name)
                        .or_default()
                        .push(path.display().to_string());
                }
            }
        }
    }

    /// Two server functions under one endpoint: the server would answer
    /// one of them for both, silently.
    #[test]
    fn every_server_function_has_its_own_endpoint() {
        let mut found = HashMap::new();
        endpoints(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert!(found.len() > 50, "{} endpoints found", found.len());
        let shared: Vec<_> = found.iter().filter(|(_, files)| files.len() > 1).collect();
        assert!(shared.is_empty(), "endpoints declared twice: {shared:?}");
    }
}
