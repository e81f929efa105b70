//! `/admin/guests/{id}`: one guest — contact, what their bookings tell,
//! the tags and notes staff keep (a form), and their bookings.

use super::api;
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::dates::{long_date, short_date};
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::labels::{guest_tag_label, party_label, status_label, KnownTags};
use crate::ui::Loading;
use domain::{GuestProfile, GuestTags};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn GuestPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let save = ServerAction::<api::AdminGuestNotes>::new();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let profile = Resource::new(
        move || (id.get(), save.version().get(), crate::ui::live::changes()),
        |(id, ..)| async move {
            match id {
                Some(id) => api::admin_guest(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    let saved = Memo::new(move |_| query.read().get("done").is_some_and(|d| d == "saved"));
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, guests.profile_title).to_string() />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! { <Profile p saved save /> }.into_any(),
                    Err(error) => view! {
                        <h1 id="page-title" tabindex="-1">{t!(i18n, guests.profile_title)}</h1>
                        <p><a href="/admin/guests">{t!(i18n, guests.back)}</a></p>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Profile(
    p: GuestProfile,
    saved: Memo<bool>,
    save: ServerAction<api::AdminGuestNotes>,
) -> impl IntoView {
    let i18n = use_i18n();
    let g = p.summary.clone();
    let error = Memo::new(move |_| save.value().get().and_then(|v| v.err()));
    let tags_text = g.tags.join(", ");
    view! {
        <header class="day-head">
            <div>
                <p class="eyebrow">{t!(i18n, guests.eyebrow)}</p>
                <h1 id="page-title" tabindex="-1">{g.name.clone()}</h1>
            </div>
            <nav class="day-nav" aria-label=move || t_string!(i18n, guests.nav)>
                <a class="button button-secondary" href="/admin/guests">
                    <span aria-hidden="true">"← "</span>{t!(i18n, guests.back)}
                </a>
            </nav>
        </header>
        <div class="status-region" role="status" aria-live="polite">
            {move || saved.get().then(|| view! {
                <p class="alert alert-success">{t!(i18n, guests.saved)}</p>
            })}
            {move || error.get().map(|error| view! { <ErrorMessage error /> })}
        </div>
        {g.no_show_warning.then(|| view! {
            <p class="alert alert-error">{move || t_string!(i18n, guests.no_show_warning, count = g.no_shows).to_string()}</p>
        })}
        <div class="details-grid">
            <section class="card" aria-labelledby="guest-facts">
                <h2 id="guest-facts">{t!(i18n, guests.facts)}</h2>
                <dl class="facts">
                    <dt>{t!(i18n, reservation.phone)}</dt>
                    <dd>{if g.phone.is_empty() {
                        view! { "—" }.into_any()
                    } else {
                        view! { <a href=format!("tel:{}", g.phone)>{g.phone.clone()}</a> }.into_any()
                    }}</dd>
                    <dt>{t!(i18n, reservation.email)}</dt>
                    <dd>{if g.email.is_empty() {
                        view! { "—" }.into_any()
                    } else {
                        view! { <a href=format!("mailto:{}", g.email)>{g.email.clone()}</a> }.into_any()
                    }}</dd>
                    <dt>{t!(i18n, guests.since)}</dt>
                    <dd>{let since = p.since.clone(); move || long_date(i18n, &since)}</dd>
                    <dt>{t!(i18n, guests.bookings)}</dt>
                    <dd>{p.bookings}</dd>
                    <dt>{t!(i18n, guests.visits)}</dt>
                    <dd>{g.visits}</dd>
                    <dt>{t!(i18n, guests.no_shows)}</dt>
                    <dd>{g.no_shows}</dd>
                    <dt>{t!(i18n, guests.cancellations)}</dt>
                    <dd>{g.cancellations}</dd>
                    <dt>{t!(i18n, guests.last_visit)}</dt>
                    <dd>{let last = g.last_visit.clone(); move || last.as_deref().map_or_else(|| "—".to_owned(), |d| long_date(i18n, d))}</dd>
                </dl>
                {(!g.tags.is_empty()).then(|| view! {
                    <ul class="flags guest-tags" aria-label=move || t_string!(i18n, guests.tags)>
                        {g.tags.iter().map(|tag| {
                            let tag = tag.clone();
                            view! { <li class="tag tag-guest">{move || guest_tag_label(i18n, &tag)}</li> }
                        }).collect_view()}
                    </ul>
                })}
            </section>
            <section class="card" aria-labelledby="guest-notes-title">
                <h2 id="guest-notes-title">{t!(i18n, guests.keep_title)}</h2>
                <p class="hint">{t!(i18n, guests.keep_hint)}</p>
                <ActionForm action=save>
                    <input type="hidden" name="id" value=g.id />
                    <div class="field">
                        <label for="guest-tags">{t!(i18n, guests.tags)}</label>
                        <input id="guest-tags" type="text" name="tags" value=tags_text list="known-tags"
                            maxlength="400" autocomplete="off" aria-describedby="guest-tags-hint" />
                        <KnownTags />
                        <p id="guest-tags-hint" class="hint">
                            {move || t_string!(i18n, guests.tags_hint, known = GuestTags::KNOWN.join(", ")).to_string()}
                        </p>
                    </div>
                    <div class="field">
                        <label for="guest-notes">{t!(i18n, guests.notes)}</label>
                        <textarea id="guest-notes" name="notes" rows="3" maxlength="2000">{p.notes.clone()}</textarea>
                    </div>
                    <button type="submit" class="button button-primary" disabled=move || save.pending().get()>
                        {t!(i18n, guests.save)}
                    </button>
                </ActionForm>
            </section>
        </div>
        <section class="card" aria-labelledby="guest-bookings">
            <h2 id="guest-bookings">{t!(i18n, guests.bookings)}</h2>
            <div class="table-scroll" role="region" tabindex="0"
                aria-label=move || t_string!(i18n, guests.bookings)>
                <table class="list-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, list.col_when)}</th>
                            <th scope="col">{t!(i18n, list.col_party)}</th>
                            <th scope="col">{t!(i18n, list.col_status)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {p.history.into_iter().map(|b| {
                            let (status, party, date) = (b.status, b.party_size, b.date.clone());
                            view! {
                                <tr>
                                    <th scope="row" class="nowrap">
                                        <a href=format!("/admin/reservations/{}", b.id)>
                                            {move || short_date(i18n, &date)}" · "{b.time.clone()}
                                        </a>
                                    </th>
                                    <td>{move || party_label(i18n, party)}</td>
                                    <td><span class=format!("status status-{}", status.as_str())>{move || status_label(i18n, status)}</span></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
