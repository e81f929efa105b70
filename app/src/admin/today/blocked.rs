//! The day's blocked tables on the "Today" screen: which tables, when and
//! why, so the host does not promise them (they are set on the tables
//! screen).

use crate::i18n::*;
use domain::{DayBlock, StaffTable};
use leptos::prelude::*;

#[component]
pub fn BlockedCard(blocks: Vec<DayBlock>, tables: Vec<StaffTable>) -> impl IntoView {
    let i18n = use_i18n();
    let names = move |ids: &[i64]| {
        ids.iter()
            .filter_map(|id| tables.iter().find(|t| t.id == *id).map(|t| t.name.clone()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows: Vec<_> = blocks
        .into_iter()
        .map(|b| {
            (
                b.id,
                names(&b.tables),
                format!("{}–{}", b.start, b.end),
                b.reason,
            )
        })
        .collect();
    (!rows.is_empty()).then(|| {
        view! {
            <section class="card blocked-card" aria-labelledby="blocked-title">
                <h2 id="blocked-title">{t!(i18n, staff.blocked_title)}</h2>
                <ul class="plain-list">
                    {rows.into_iter().map(|(id, tables, span, reason)| view! {
                        <li data-block=id><strong>{tables}</strong>" · "{span}" · "{reason}</li>
                    }).collect_view()}
                </ul>
                <p><a href="/admin/tables#blocks-title">{t!(i18n, staff.blocked_manage)}</a></p>
            </section>
        }
    })
}
