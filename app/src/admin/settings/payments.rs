//! What guests are asked to pay (`#payments`): nothing, a deposit paid
//! when booking, or a card saved as a guarantee against a no-show; for
//! which parties, days and services; how long an unpaid booking holds its
//! table; and what a cancellation gets back. Admins change it once Stripe
//! is configured (the section says what is missing otherwise); staff read
//! it.

use super::api;
use super::errors::{Alerts, Errors, Scope};
use super::fields::day_name;
use super::PaymentsView;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::form::{text, Field};
use crate::ui::labels::money;
use crate::ui::labels::{party_label, service_label};
use crate::ui::I18n;
use domain::payments::{MAX_HOLD_MINUTES, MAX_REFUND_CUTOFF_MINUTES};
use domain::{PaymentMode, PaymentPolicy, ServiceKind, Weekday};
use leptos::prelude::*;

fn mode_label(i18n: I18n, mode: PaymentMode) -> &'static str {
    match mode {
        PaymentMode::Off => t_string!(i18n, payments_admin.mode_off),
        PaymentMode::Deposit => t_string!(i18n, payments_admin.mode_deposit),
        PaymentMode::Guarantee => t_string!(i18n, payments_admin.mode_guarantee),
    }
}

fn per_guest(i18n: I18n, cents: i64) -> String {
    t_string!(i18n, payments_admin.per_guest, amount = money(i18n, cents)).to_string()
}

fn hours_before(i18n: I18n, hours: u32) -> String {
    t_string!(i18n, payments_admin.hours_before, count = hours).to_string()
}

fn percent(i18n: I18n, n: u32) -> String {
    t_string!(i18n, payments_admin.percent, count = n).to_string()
}

fn minutes(i18n: I18n, n: u32) -> String {
    t_string!(i18n, settings.minutes_value, count = n).to_string()
}

/// A list of names, or `all` when it is empty.
fn names<T: Copy>(items: &[T], all: &'static str, name: impl Fn(T) -> &'static str) -> String {
    if items.is_empty() {
        all.to_owned()
    } else {
        items
            .iter()
            .map(|x| name(*x))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A value of the policy as the audit log recorded it ("deposit",
/// "15.00", "friday, saturday"), in words; `None` for other fields.
pub(super) fn audit_value(i18n: I18n, field: &str, v: &str) -> Option<String> {
    let number = || v.parse::<u32>().ok();
    let list = |label: &dyn Fn(&str) -> Option<&'static str>| {
        v.split(", ")
            .map(|t| label(t).map_or_else(|| t.to_owned(), str::to_owned))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(match field {
        "mode" => {
            PaymentMode::parse(v).map_or_else(|| v.to_owned(), |m| mode_label(i18n, m).to_owned())
        }
        "deposit_per_guest" | "no_show_fee_per_guest" => domain::parse_price(v, "amount")
            .map_or_else(|_| v.to_owned(), |cents| money(i18n, cents)),
        "weekdays" => list(&|t| domain::settings::parse_weekday(t).map(|d| day_name(i18n, d))),
        "services" => list(&|t| ServiceKind::parse(t).map(|k| service_label(i18n, k))),
        "hold_minutes" => number().map_or_else(|| v.to_owned(), |n| minutes(i18n, n)),
        "refund_cutoff_hours" => number().map_or_else(|| v.to_owned(), |n| hours_before(i18n, n)),
        "late_refund_percent" => number().map_or_else(|| v.to_owned(), |n| percent(i18n, n)),
        _ => return None,
    })
}

#[component]
pub fn PaymentsCard(
    payments: Result<PaymentsView, AppError>,
    action: ServerAction<api::AdminPaymentsSave>,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = match payments {
        Err(error) => view! { <ErrorMessage error /> }.into_any(),
        Ok(PaymentsView { settings, editable }) if settings.configured && editable => {
            view! { <PaymentsForm policy=settings.policy action /> }.into_any()
        }
        Ok(PaymentsView { settings, .. }) => {
            let missing = settings.missing.clone();
            view! {
                {(!settings.configured).then(|| view! {
                    <p class="alert alert-info" id="payments-unconfigured">
                        {move || {
                            let and = t_string!(i18n, payments_admin.and);
                            let missing = match missing.split_last() {
                                Some((last, [])) => last.clone(),
                                Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
                                None => "STRIPE_SECRET_KEY".to_owned(),
                            };
                            t_string!(i18n, payments_admin.unconfigured, missing = missing).to_string()
                        }}
                    </p>
                })}
                <PaymentFacts policy=settings.policy />
            }
            .into_any()
        }
    };
    view! {
        <section class="card" id="payments" aria-labelledby="payments-title">
            <h2 id="payments-title">{t!(i18n, payments_admin.title)}</h2>
            <p class="hint">{t!(i18n, payments_admin.intro)}</p>
            {body}
        </section>
    }
}

/// The policy as staff read it (and everyone while Stripe is missing).
#[component]
fn PaymentFacts(policy: PaymentPolicy) -> impl IntoView {
    let i18n = use_i18n();
    let p = policy;
    let (mode, deposit, fee) = (
        p.mode,
        p.deposit_per_guest_cents,
        p.no_show_fee_per_guest_cents,
    );
    let (days, services) = (p.weekdays.clone(), p.services.clone());
    view! {
        <dl class="facts settings-facts" id="payments-facts">
            <dt>{t!(i18n, payments_admin.mode)}</dt>
            <dd>{move || mode_label(i18n, mode)}</dd>
            {(mode == PaymentMode::Deposit).then(|| view! {
                <dt>{t!(i18n, payments_admin.deposit_per_guest)}</dt>
                <dd>{move || per_guest(i18n, deposit)}</dd>
            })}
            {(mode == PaymentMode::Guarantee).then(|| view! {
                <dt>{t!(i18n, payments_admin.no_show_fee_per_guest)}</dt>
                <dd>{move || per_guest(i18n, fee)}</dd>
            })}
            <dt>{t!(i18n, payments_admin.from_party)}</dt>
            <dd>{move || party_label(i18n, p.from_party)}</dd>
            <dt>{t!(i18n, payments_admin.weekdays)}</dt>
            <dd>{move || names(&days, t_string!(i18n, payments_admin.every_day), |d| day_name(i18n, d))}</dd>
            <dt>{t!(i18n, payments_admin.services)}</dt>
            <dd>{move || names(&services, t_string!(i18n, payments_admin.every_service), |k| service_label(i18n, k))}</dd>
            <dt>{t!(i18n, payments_admin.hold_minutes)}</dt>
            <dd>{move || minutes(i18n, p.hold_minutes)}</dd>
            <dt>{t!(i18n, payments_admin.refund_cutoff_hours)}</dt>
            <dd>{move || hours_before(i18n, p.refund_cutoff_minutes / 60)}</dd>
            <dt>{t!(i18n, payments_admin.late_refund_percent)}</dt>
            <dd>{move || percent(i18n, p.late_refund_percent)}</dd>
        </dl>
    }
}

/// A group of radio buttons or check boxes with its legend, hint and
/// inline error.
#[component]
fn Choices(
    id: &'static str,
    name: &'static str,
    #[prop(default = "checkbox")] kind: &'static str,
    legend: Signal<String>,
    #[prop(optional)] hint: Option<Signal<String>>,
    error: Signal<Option<String>>,
    /// Each choice: its value, its words, whether it is chosen.
    options: Vec<(&'static str, Signal<String>, bool)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <fieldset class="field" id=id class:field-invalid=move || error.with(Option::is_some)
            aria-describedby=described>
            <legend>{legend}</legend>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            {move || error.get().map(|m| view! {
                <p class="field-error" id=error_id.clone()>
                    <span class="visually-hidden">{t_string!(i18n, form.error_prefix)}" "</span>
                    {m}
                </p>
            })}
            <div class="check-grid">
                {options.into_iter().map(|(value, label, checked)| view! {
                    <label class="check">
                        <input type=kind id=format!("{id}-{value}") name=name value=value checked=checked />
                        {label}
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn PaymentsForm(
    policy: PaymentPolicy,
    action: ServerAction<api::AdminPaymentsSave>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = Errors::new(error, "payments-errors", Scope::Payments);
    let input = policy.to_input();
    let label = move |f: fn(I18n) -> &'static str| text(i18n, f);
    let modes = PaymentMode::ALL
        .into_iter()
        .map(|m| {
            let words = Signal::derive(move || mode_label(i18n, m).to_owned());
            (m.as_str(), words, m == policy.mode)
        })
        .collect();
    let days = Weekday::ALL
        .into_iter()
        .map(|d| {
            let words = Signal::derive(move || day_name(i18n, d).to_owned());
            (d.as_str(), words, policy.weekdays.contains(&d))
        })
        .collect();
    let services = ServiceKind::ALL
        .into_iter()
        .map(|k| {
            let words = Signal::derive(move || service_label(i18n, k).to_owned());
            (k.as_str(), words, policy.services.contains(&k))
        })
        .collect();
    view! {
        <ActionForm action attr:id="payments-form" attr:class="form" attr:novalidate=true
            attr:aria-labelledby="payments-title">
            <Alerts id="payments-errors" errors />
            <Choices id="payments-mode" name="mode" kind="radio" options=modes
                legend=label(|i| t_string!(i, payments_admin.mode)) error=errors.field("mode") />
            <div class="form-grid">
                <Field id="payments-deposit" name="deposit_per_guest" inputmode="decimal"
                    autocomplete="off" maxlength=10 value=input.deposit_per_guest
                    label=label(|i| t_string!(i, payments_admin.deposit_per_guest))
                    hint=label(|i| t_string!(i, payments_admin.deposit_hint))
                    error=errors.field("deposit_per_guest") />
                <Field id="payments-fee" name="no_show_fee_per_guest" inputmode="decimal"
                    autocomplete="off" maxlength=10 value=input.no_show_fee_per_guest
                    label=label(|i| t_string!(i, payments_admin.no_show_fee_per_guest))
                    hint=label(|i| t_string!(i, payments_admin.fee_hint))
                    error=errors.field("no_show_fee_per_guest") />
                <Field id="payments-from-party" name="from_party" kind="number" required=true
                    min=1 max=99 value=input.from_party
                    label=label(|i| t_string!(i, payments_admin.from_party))
                    hint=label(|i| t_string!(i, payments_admin.from_party_hint))
                    error=errors.field("from_party") />
            </div>
            <Choices id="payments-weekdays" name="weekdays[]" options=days
                legend=label(|i| t_string!(i, payments_admin.weekdays))
                hint=label(|i| t_string!(i, payments_admin.weekdays_hint))
                error=errors.field("weekdays") />
            <Choices id="payments-services" name="services[]" options=services
                legend=label(|i| t_string!(i, payments_admin.services))
                hint=label(|i| t_string!(i, payments_admin.services_hint))
                error=errors.field("services") />
            <div class="form-grid">
                <Field id="payments-hold" name="hold_minutes" kind="number" required=true
                    min=1 max=MAX_HOLD_MINUTES value=input.hold_minutes
                    label=label(|i| t_string!(i, payments_admin.hold_minutes))
                    hint=label(|i| t_string!(i, payments_admin.hold_hint))
                    error=errors.field("hold_minutes") />
                <Field id="payments-cutoff" name="refund_cutoff_hours" kind="number" required=true
                    min=0 max={MAX_REFUND_CUTOFF_MINUTES / 60} value=input.refund_cutoff_hours
                    label=label(|i| t_string!(i, payments_admin.refund_cutoff_hours))
                    hint=label(|i| t_string!(i, payments_admin.refund_cutoff_hint))
                    error=errors.field("refund_cutoff_hours") />
                <Field id="payments-late-percent" name="late_refund_percent" kind="number" required=true
                    min=0 max=100 value=input.late_refund_percent
                    label=label(|i| t_string!(i, payments_admin.late_refund_percent))
                    hint=label(|i| t_string!(i, payments_admin.late_refund_hint))
                    error=errors.field("late_refund_percent") />
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                    {t!(i18n, payments_admin.submit)}
                </button>
            </div>
        </ActionForm>
    }
}
