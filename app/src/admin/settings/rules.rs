//! The booking rules: notice, window, online party sizes, cut-off and turn
//! times (a form for admins, the values for staff). What is asked to pay
//! is the payments section's.

use super::api;
use super::errors::{Alerts, Errors, Scope};
use crate::i18n::*;
use crate::ui::form::text;
use crate::ui::form::Field;
use crate::ui::labels::party_label;
use crate::ui::I18n;
use domain::settings::{
    MAX_ADVANCE_DAYS, MAX_CUTOFF_MINUTES, MAX_NOTICE_MINUTES, MAX_ONLINE_PARTY, MAX_TURN_BANDS,
    MAX_TURN_MINUTES, MIN_TURN_MINUTES,
};
use domain::{BookingRules, TurnBand};
use leptos::prelude::*;

fn minutes_text(i18n: I18n, n: u32) -> String {
    t_string!(i18n, settings.minutes_value, count = n).to_string()
}

fn days_text(i18n: I18n, n: u32) -> String {
    if n == 1 {
        t_string!(i18n, settings.days_one).to_string()
    } else {
        t_string!(i18n, settings.days_many, count = n).to_string()
    }
}

fn turn_text(i18n: I18n, band: TurnBand) -> String {
    t_string!(
        i18n,
        settings.turn_value,
        party = party_label(i18n, band.up_to),
        minutes = band.minutes
    )
    .to_string()
}

#[component]
pub fn RulesCard(
    rules: BookingRules,
    editable: bool,
    action: ServerAction<api::AdminRulesSave>,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = if editable {
        view! { <RulesForm rules action /> }.into_any()
    } else {
        view! { <RulesFacts rules /> }.into_any()
    };
    view! {
        <section class="card" id="rules" aria-labelledby="rules-title">
            <h2 id="rules-title">{t!(i18n, settings.rules_title)}</h2>
            {body}
        </section>
    }
}

/// The rules as staff read them.
#[component]
fn RulesFacts(rules: BookingRules) -> impl IntoView {
    let i18n = use_i18n();
    let BookingRules {
        min_notice_minutes,
        max_advance_days,
        min_party,
        max_party_online,
        cancel_cutoff_minutes,
        turn_times,
        turn_larger_minutes,
        ..
    } = rules;
    let turns = move || {
        let mut parts: Vec<String> = turn_times.iter().map(|b| turn_text(i18n, *b)).collect();
        parts.push(
            t_string!(
                i18n,
                settings.turn_larger_value,
                minutes = turn_larger_minutes
            )
            .to_string(),
        );
        parts
    };
    view! {
        <dl class="facts">
            <dt>{t!(i18n, settings.min_notice)}</dt>
            <dd>{move || minutes_text(i18n, min_notice_minutes)}</dd>
            <dt>{t!(i18n, settings.max_advance)}</dt>
            <dd>{move || days_text(i18n, max_advance_days)}</dd>
            <dt>{t!(i18n, settings.min_party)}</dt>
            <dd>{move || party_label(i18n, min_party)}</dd>
            <dt>{t!(i18n, settings.max_party_online)}</dt>
            <dd>{move || party_label(i18n, max_party_online)}</dd>
            <dt>{t!(i18n, settings.cutoff)}</dt>
            <dd>{move || minutes_text(i18n, cancel_cutoff_minutes)}</dd>
            <dt>{t!(i18n, settings.turn_times)}</dt>
            <dd>
                <ul class="plain-list">
                    {move || turns().into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                </ul>
            </dd>
        </dl>
    }
}

#[component]
fn RulesForm(rules: BookingRules, action: ServerAction<api::AdminRulesSave>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = Errors::new(error, "rules-errors", Scope::Rules);
    let n = |v: u32| v.to_string();
    let rows = (1..=MAX_TURN_BANDS)
        .map(|row| {
            let band = rules.turn_times.get(row - 1).copied();
            let up_to = band.map(|b| n(b.up_to)).unwrap_or_default();
            let minutes = band.map(|b| n(b.minutes)).unwrap_or_default();
            view! {
                <fieldset class="turn-row">
                    <legend>{move || t_string!(i18n, settings.turn_row, row = row).to_string()}</legend>
                    <div class="form-grid">
                        <Field id=format!("rules-turn-up-to-{row}") name=format!("turn_up_to_{row}")
                            kind="number" min=1 max=MAX_ONLINE_PARTY value=up_to
                            label=text(i18n, |i| t_string!(i, settings.turn_up_to))
                            error=errors.field(format!("turn_up_to_{row}")) />
                        <Field id=format!("rules-turn-minutes-{row}") name=format!("turn_minutes_{row}")
                            kind="number" min=MIN_TURN_MINUTES max=MAX_TURN_MINUTES value=minutes
                            label=text(i18n, |i| t_string!(i, settings.turn_minutes))
                            error=errors.field(format!("turn_minutes_{row}")) />
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <ActionForm action attr:id="rules-form" attr:class="form" attr:novalidate=true
            attr:aria-labelledby="rules-title">
            <Alerts id="rules-errors" errors />
            <div class="form-grid">
                <Field id="rules-min-notice" name="min_notice_minutes" kind="number" required=true
                    min=0 max=MAX_NOTICE_MINUTES value=n(rules.min_notice_minutes)
                    label=text(i18n, |i| t_string!(i, settings.min_notice))
                    hint=text(i18n, |i| t_string!(i, settings.min_notice_hint))
                    error=errors.field("min_notice_minutes") />
                <Field id="rules-max-advance" name="max_advance_days" kind="number" required=true
                    min=0 max=MAX_ADVANCE_DAYS value=n(rules.max_advance_days)
                    label=text(i18n, |i| t_string!(i, settings.max_advance))
                    hint=text(i18n, |i| t_string!(i, settings.max_advance_hint))
                    error=errors.field("max_advance_days") />
                <Field id="rules-min-party" name="min_party" kind="number" required=true
                    min=1 max=MAX_ONLINE_PARTY value=n(rules.min_party)
                    label=text(i18n, |i| t_string!(i, settings.min_party))
                    error=errors.field("min_party") />
                <Field id="rules-max-party" name="max_party_online" kind="number" required=true
                    min=1 max=MAX_ONLINE_PARTY value=n(rules.max_party_online)
                    label=text(i18n, |i| t_string!(i, settings.max_party_online))
                    hint=text(i18n, |i| t_string!(i, settings.max_party_online_hint))
                    error=errors.field("max_party_online") />
                <Field id="rules-cutoff" name="cancel_cutoff_minutes" kind="number" required=true
                    min=0 max=MAX_CUTOFF_MINUTES value=n(rules.cancel_cutoff_minutes)
                    label=text(i18n, |i| t_string!(i, settings.cutoff))
                    hint=text(i18n, |i| t_string!(i, settings.cutoff_hint))
                    error=errors.field("cancel_cutoff_minutes") />
            </div>
            <fieldset class="settings-fieldset" aria-describedby="rules-turns-hint">
                <legend>{t!(i18n, settings.turn_times)}</legend>
                <p class="field-hint" id="rules-turns-hint">{t!(i18n, settings.turn_times_hint)}</p>
                <div class="turn-rows">{rows}</div>
                <Field id="rules-turn-larger" name="turn_larger_minutes" kind="number" required=true
                    min=MIN_TURN_MINUTES max=MAX_TURN_MINUTES value=n(rules.turn_larger_minutes)
                    label=text(i18n, |i| t_string!(i, settings.turn_larger))
                    error=errors.field("turn_larger_minutes") />
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                    {t!(i18n, settings.rules_submit)}
                </button>
            </div>
        </ActionForm>
    }
}
