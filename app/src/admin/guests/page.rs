//! `/admin/guests?q=&tag=&after=`: find a guest; a page of profiles by
//! name with what their bookings tell.

use super::api;
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::dates::short_date;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::form::submit_get_form;
use crate::ui::labels::{guest_tag_label, KnownTags};
use crate::ui::Loading;
use domain::GuestPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn GuestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let search = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
        (get("q"), get("tag"), get("after"))
    });
    let page = Resource::new(
        move || (search.get(), crate::ui::live::changes()),
        |((q, tag, after), _)| api::admin_guests(q, tag, after, None),
    );
    focus_heading_on_arrival("page-title");
    let get = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    view! {
        <Title text=move || t_string!(i18n, guests.title).to_string() />
        <header class="day-head">
            <h1 id="page-title" tabindex="-1">{t!(i18n, guests.title)}</h1>
        </header>
        <form class="card list-filters" method="get" action="/admin/guests" role="search"
            aria-label=move || t_string!(i18n, guests.search)
            on:submit=move |ev| submit_get_form(&ev, &navigate)>
            <div class="filter-row">
                <div class="field">
                    <label for="g-q">{t!(i18n, guests.search)}</label>
                    <input id="g-q" type="search" name="q" value=get("q") maxlength="100"
                        aria-describedby="g-q-hint" autocomplete="off" />
                    <p id="g-q-hint" class="hint">{t!(i18n, guests.search_hint)}</p>
                </div>
                <div class="field">
                    <label for="g-tag">{t!(i18n, guests.tag)}</label>
                    <input id="g-tag" type="text" name="tag" value=get("tag") list="known-tags"
                        maxlength="30" autocomplete="off" />
                    <KnownTags />
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary">{t!(i18n, guests.find)}</button>
                <a class="button button-secondary" href="/admin/guests">{t!(i18n, list.reset)}</a>
            </div>
        </form>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Guests page=p /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Guests(page: GuestPage) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let next = page.next.clone().map(|cursor| {
        let mut with = query.get_untracked();
        with.replace("after", cursor);
        format!("/admin/guests{}", with.to_query_string())
    });
    if page.guests.is_empty() {
        return view! { <p class="alert alert-info">{t!(i18n, guests.empty)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" role="region" tabindex="0"
            aria-label=move || t_string!(i18n, guests.table_label)>
            <table class="list-table guests-table">
                <caption class="visually-hidden">{t!(i18n, guests.table_label)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, guests.col_guest)}</th>
                        <th scope="col">{t!(i18n, guests.col_contact)}</th>
                        <th scope="col">{t!(i18n, guests.visits)}</th>
                        <th scope="col">{t!(i18n, guests.no_shows)}</th>
                        <th scope="col">{t!(i18n, guests.cancellations)}</th>
                        <th scope="col">{t!(i18n, guests.last_visit)}</th>
                        <th scope="col">{t!(i18n, guests.tags)}</th>
                    </tr>
                </thead>
                <tbody>
                    {page.guests.into_iter().map(|g| {
                        let contact = [g.email.clone(), g.phone.clone()]
                            .into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" · ");
                        view! {
                            <tr>
                                <th scope="row">
                                    <a href=format!("/admin/guests/{}", g.id)>{g.name.clone()}</a>
                                    {g.no_show_warning.then(|| view! {
                                        " "<span class="tag flag-no-show">{move || t_string!(i18n, staff.flag_repeat_no_show)}</span>
                                    })}
                                </th>
                                <td>{contact}</td>
                                <td>{g.visits}</td>
                                <td>{g.no_shows}</td>
                                <td>{g.cancellations}</td>
                                <td class="nowrap">{let last = g.last_visit.clone(); move || last.as_deref().map_or_else(|| "—".to_owned(), |d| short_date(i18n, d))}</td>
                                <td>
                                    {g.tags.into_iter().map(|tag| view! {
                                        <span class="tag tag-guest">{move || guest_tag_label(i18n, &tag)}</span>" "
                                    }).collect_view()}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {next.map(|href| view! {
            <nav class="list-pages" aria-label=move || t_string!(i18n, list.pages)>
                <a class="button button-secondary" href=href rel="next">
                    {t!(i18n, list.next_page)}<span aria-hidden="true">" →"</span>
                </a>
            </nav>
        })}
    }
    .into_any()
}
