//! The back office's own shell around every `/admin` screen: the role
//! guard (an anonymous visitor is sent to sign in, a diner is refused) and
//! the side navigation, with the screen in its `<Outlet/>`. The screens'
//! server functions check the role again: the guard is for people, not
//! for security.

use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::live::{provide_live, LiveStatus};
use crate::ui::user::account_me;
use crate::ui::Loading;
use domain::Role;
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect, A};

#[component]
pub fn AdminShell() -> impl IntoView {
    let i18n = use_i18n();
    let me = Resource::new(|| (), |_| account_me());
    provide_live();
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(None) => view! { <Redirect path="/login" /> }.into_any(),
                    Ok(Some(user)) if user.role.is_staff() => {
                        let admin = user.role == Role::Admin;
                        view! {
                            <div class="admin-layout">
                                <nav class="admin-nav" aria-label=move || t_string!(i18n, staff.nav_label)>
                                    <ul>
                                        <li><A href="/admin" exact=true>{t!(i18n, staff.nav_today)}</A></li>
                                        <li><A href="/admin/timeline">{t!(i18n, staff.nav_timeline)}</A></li>
                                        <li><A href="/admin/floor">{t!(i18n, floor.nav)}</A></li>
                                        <li><A href="/admin/calendar">{t!(i18n, calendar.title)}</A></li>
                                        <li><A href="/admin/reservations">{t!(i18n, staff.nav_reservations)}</A></li>
                                        <li><A href="/admin/payments">{t!(i18n, payments_list.nav)}</A></li>
                                        <li><A href="/admin/book">{t!(i18n, book_staff.nav)}</A></li>
                                        <li><A href="/admin/guests">{t!(i18n, guests.title)}</A></li>
                                        <li><A href="/admin/messages">{t!(i18n, messages.nav)}</A></li>
                                        <li><A href="/admin/tables">{t!(i18n, tables.nav)}</A></li>
                                        <li><A href="/admin/menu">{t!(i18n, menu_admin.nav)}</A></li>
                                        <li><A href="/admin/settings">{t!(i18n, settings.nav)}</A></li>
                                        {admin.then(|| view! {
                                            <li><A href="/admin/team">{t!(i18n, staff.nav_team)}</A></li>
                                        })}
                                    </ul>
                                </nav>
                                <div class="admin-content">
                                    <LiveStatus />
                                    <Outlet />
                                </div>
                            </div>
                        }
                        .into_any()
                    }
                    Ok(Some(_)) => {
                        crate::response::set_status(403);
                        view! {
                            <section class="card not-found">
                                <h1 id="page-title" tabindex="-1">{t!(i18n, admin.forbidden_title)}</h1>
                                <p>{t!(i18n, staff.forbidden)}</p>
                                <p><a class="button button-primary" href="/account">{t!(i18n, nav.account)}</a></p>
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
