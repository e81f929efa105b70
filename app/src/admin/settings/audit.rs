//! The audit log (admins only): who changed which setting (the page,
//! rules, hours, the room, the menu) when, from what
//! to what, newest first, a page at a time (`?audit_before=ID`, a plain
//! link: it works before hydration).

use super::errors::{label, Scope};
use super::fields::day_name;
use super::payments::audit_value;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::labels::{allergen_label, date_time_label, diet_label, service_label};
use crate::ui::I18n;
use domain::settings::parse_weekday;
use domain::{Allergen, AuditChange, AuditEntry, AuditPage, AuditSubject, Diet, ServiceKind, Tag};
use leptos::prelude::*;

fn subject_label(i18n: I18n, subject: AuditSubject) -> &'static str {
    match subject {
        AuditSubject::Restaurant => t_string!(i18n, settings.audit_restaurant),
        AuditSubject::Rules => t_string!(i18n, settings.audit_rules),
        AuditSubject::Hours => t_string!(i18n, settings.audit_hours),
        AuditSubject::Exception => t_string!(i18n, settings.audit_exception),
        AuditSubject::Gallery => t_string!(i18n, settings.audit_gallery),
        AuditSubject::Area => t_string!(i18n, settings.audit_area),
        AuditSubject::Table => t_string!(i18n, settings.audit_table),
        AuditSubject::Combination => t_string!(i18n, settings.audit_combination),
        AuditSubject::Block => t_string!(i18n, settings.audit_block),
        AuditSubject::MenuCategory => t_string!(i18n, settings.audit_menu_category),
        AuditSubject::MenuItem => t_string!(i18n, settings.audit_menu_item),
        AuditSubject::Payments => t_string!(i18n, settings.audit_payments),
    }
}

fn action_label(i18n: I18n, action: &str) -> &'static str {
    match action {
        "create" => t_string!(i18n, settings.audit_create),
        "delete" => t_string!(i18n, settings.audit_delete),
        _ => t_string!(i18n, settings.audit_update),
    }
}

/// What was changed, in words: "Monday – Dinner" for hours, the dates of
/// an exception; the data's own words otherwise.
fn what_label(i18n: I18n, subject: AuditSubject, raw: &str) -> String {
    match subject {
        AuditSubject::Hours => {
            let parsed = raw
                .split_once(' ')
                .and_then(|(day, kind)| Some((parse_weekday(day)?, ServiceKind::parse(kind)?)));
            match parsed {
                Some((day, kind)) => {
                    format!("{} – {}", day_name(i18n, day), service_label(i18n, kind))
                }
                None => raw.to_owned(),
            }
        }
        AuditSubject::Exception => raw
            .split(" – ")
            .map(|d| long_date(i18n, d))
            .collect::<Vec<_>>()
            .join(" – "),
        // "2026-12-24 19:00 – 2026-12-24 23:00"
        AuditSubject::Block => raw
            .split(" – ")
            .map(|at| match at.split_once(' ') {
                Some((date, time)) => date_time_label(i18n, date, time),
                None => at.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" – "),
        _ => raw.to_owned(),
    }
}

/// A value as admins read it (an exception's kind, a table's shape, yes
/// and no, allergens and diets, the payment policy's values translated).
fn value(i18n: I18n, subject: AuditSubject, field: &str, v: &str) -> String {
    if subject == AuditSubject::Payments && !v.is_empty() {
        if let Some(text) = audit_value(i18n, field, v) {
            return text;
        }
    }
    let list = |label: &dyn Fn(&str) -> Option<&'static str>| {
        v.split(", ")
            .map(|t| label(t).map_or_else(|| t.to_owned(), str::to_owned))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (field, v) {
        (_, "") => "—".to_owned(),
        ("bookable_online" | "active", "yes") => t_string!(i18n, tables.yes).to_owned(),
        ("bookable_online" | "active", "no") => t_string!(i18n, tables.no).to_owned(),
        ("shape", "round") => t_string!(i18n, tables.shape_round).to_owned(),
        ("shape", "square") => t_string!(i18n, tables.shape_square).to_owned(),
        ("shape", "rectangle") => t_string!(i18n, tables.shape_rectangle).to_owned(),
        ("allergens", _) => list(&|t| Allergen::parse(t).map(|a| allergen_label(i18n, a))),
        ("diets", _) => list(&|t| Diet::parse(t).map(|d| diet_label(i18n, d))),
        ("sold_out_on", date) => long_date(i18n, date),
        ("kind", "closed") => t_string!(i18n, settings.closed).to_owned(),
        ("kind", kind) => ServiceKind::parse(kind)
            .map_or_else(|| kind.to_owned(), |k| service_label(i18n, k).to_owned()),
        _ => v.to_owned(),
    }
}

/// The label of a field of the room, the gallery or the menu.
fn setup_field(i18n: I18n, field: &str) -> Option<&'static str> {
    Some(match field {
        "name" => t_string!(i18n, tables.name),
        "area" => t_string!(i18n, tables.area),
        "min_seats" => t_string!(i18n, tables.min_seats),
        "max_seats" => t_string!(i18n, tables.max_seats),
        "bookable_online" => t_string!(i18n, tables.col_online),
        "active" => t_string!(i18n, tables.col_active),
        "shape" => t_string!(i18n, tables.shape),
        "rotation" => t_string!(i18n, tables.rotation),
        "place" => t_string!(i18n, settings.audit_place),
        "size" => t_string!(i18n, settings.audit_size),
        "tables" => t_string!(i18n, blocks.col_tables),
        "reason" => t_string!(i18n, blocks.col_reason),
        "position" => t_string!(i18n, settings.audit_position),
        "alt_fr" => t_string!(i18n, settings.gallery_alt_fr),
        "alt_en" => t_string!(i18n, settings.gallery_alt_en),
        "name_fr" => t_string!(i18n, menu_admin.name_fr),
        "name_en" => t_string!(i18n, menu_admin.name_en),
        "description_fr" => t_string!(i18n, menu_admin.description_fr),
        "description_en" => t_string!(i18n, menu_admin.description_en),
        "price" => t_string!(i18n, menu_admin.price),
        "category" => t_string!(i18n, menu_admin.category),
        "allergens" => t_string!(i18n, menu_admin.allergens),
        "diets" => t_string!(i18n, menu_admin.diets),
        "sold_out_on" => t_string!(i18n, settings.audit_sold_out_on),
        "photos" => t_string!(i18n, settings.audit_photos),
        _ => return None,
    })
}

/// The label of a changed field (an exception's `kind` is its own).
fn change_label(i18n: I18n, subject: AuditSubject, field: &str) -> String {
    let scope = match subject {
        AuditSubject::Exception => Scope::Exception,
        AuditSubject::Hours => Scope::Hours,
        AuditSubject::Rules => Scope::Rules,
        AuditSubject::Restaurant => Scope::Restaurant,
        AuditSubject::Payments => Scope::Payments,
        _ => match setup_field(i18n, field) {
            Some(text) => return text.to_owned(),
            None => Scope::Restaurant,
        },
    };
    let text = label(i18n, scope, field);
    if text == t_string!(i18n, form.other) {
        field.to_owned()
    } else {
        text
    }
}

/// When, in the restaurant's time: `at` carries its offset.
fn when(i18n: I18n, at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(date), Some(time)) => date_time_label(i18n, date, time),
        _ => at.to_owned(),
    }
}

/// The log's page (read with the rest of the screen: a `Transition` of its
/// own inside the screen's did not hydrate), `before` the entry it starts
/// after.
#[component]
pub fn AuditCard(page: Result<AuditPage, AppError>, before: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let body = match page {
        Ok(page) if page.entries.is_empty() => {
            view! { <p class="hint">{t!(i18n, settings.audit_none)}</p> }.into_any()
        }
        Ok(page) => view! {
            <AuditTable entries=page.entries />
            <nav class="list-pages" aria-label=move || t_string!(i18n, settings.audit_pages)>
                {before.is_some().then(|| view! {
                    <a class="button button-secondary" href="/admin/settings#audit-title">
                        {t!(i18n, settings.audit_newest)}
                    </a>
                })}
                {page.next.map(|next| view! {
                    <a class="button button-secondary" id="audit-older"
                        href=format!("/admin/settings?audit_before={next}#audit-title")>
                        {t!(i18n, settings.audit_older)}
                    </a>
                })}
            </nav>
        }
        .into_any(),
        Err(error) => view! { <ErrorMessage error /> }.into_any(),
    };
    view! {
        <section class="card" id="audit" aria-labelledby="audit-title">
            <h2 id="audit-title" tabindex="-1">{t!(i18n, settings.audit_title)}</h2>
            {body}
        </section>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let caption = Signal::derive(move || t_string!(i18n, settings.audit_title).to_string());
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=caption>
            <table class="list-table">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, settings.col_when)}</th>
                        <th scope="col">{t!(i18n, settings.col_who)}</th>
                        <th scope="col">{t!(i18n, settings.col_what)}</th>
                        <th scope="col">{t!(i18n, settings.col_changes)}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|e| view! { <AuditRow e /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn AuditRow(e: AuditEntry) -> impl IntoView {
    let i18n = use_i18n();
    let (subject, at, action, raw) = (e.subject, e.at.clone(), e.action.clone(), e.label.clone());
    let who = e.who.clone();
    let changes: Vec<AuditChange> = e.changes;
    view! {
        <tr data-audit=e.id>
            <th scope="row" class="audit-when">
                <time datetime=e.at.clone()>{move || when(i18n, &at)}</time>
            </th>
            <td>{move || who.clone().unwrap_or_else(|| t_string!(i18n, settings.audit_former).to_owned())}</td>
            <td>
                <strong>{move || subject_label(i18n, subject)}</strong>
                {(!raw.is_empty()).then(|| {
                    let raw = raw.clone();
                    view! { " · "{move || what_label(i18n, subject, &raw)} }
                })}
                " · "{move || action_label(i18n, &action)}
            </td>
            <td>
                <ul class="audit-changes">
                    {changes.into_iter().map(|c| {
                        let AuditChange { field, before, after } = c;
                        let (f_label, f_before) = (field.clone(), field.clone());
                        view! {
                            <li>
                                {move || change_label(i18n, subject, &f_label)}": "
                                <del>{move || value(i18n, subject, &f_before, &before)}</del>
                                <span aria-hidden="true">" → "</span>
                                <span class="visually-hidden">" "{t!(i18n, reservation.becomes)}" "</span>
                                <ins>{move || value(i18n, subject, &field, &after)}</ins>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </td>
        </tr>
    }
}
