//! The payment policy's server functions (the settings screen's Payments
//! section).
// The policy form posts its fields as the function's arguments.
#![allow(clippy::too_many_arguments)]

use super::super::PaymentsView;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::invalid, crate::ssr::call, backend::services::booking as pay};

/// What guests are asked to pay, and whether Stripe is configured (what is
/// missing otherwise). Staff and admins (who may change it).
#[server(prefix = "/api/fn", endpoint = "admin_payments")]
pub async fn admin_payments() -> Result<PaymentsView, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let settings = pay::payment_settings(cx.store(), cx.payments(), who.as_ref()).await?;
        let editable = who.as_ref().is_some_and(|p| p.role == domain::Role::Admin);
        Ok(PaymentsView { settings, editable })
    })
    .await
}

/// The payment policy. Amounts as typed ("12.50"); the ticked days and
/// services (`weekdays[]`, `services[]`: none, every one). Admins only;
/// refused (`payment_unavailable`) while Stripe is not configured.
#[server(prefix = "/api/fn", endpoint = "admin_payments_save")]
pub async fn admin_payments_save(
    mode: Option<String>,
    deposit_per_guest: String,
    no_show_fee_per_guest: String,
    from_party: String,
    weekdays: Option<Vec<String>>,
    services: Option<Vec<String>>,
    hold_minutes: String,
    refund_cutoff_hours: String,
    late_refund_percent: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let input = domain::PaymentPolicyInput {
            mode: mode.unwrap_or_default(),
            deposit_per_guest,
            no_show_fee_per_guest,
            from_party,
            weekdays: weekdays.unwrap_or_default(),
            services: services.unwrap_or_default(),
            hold_minutes,
            refund_cutoff_hours,
            late_refund_percent,
        };
        let policy = domain::PaymentPolicy::parse(&input).map_err(invalid)?;
        let who = cx.caller().await?;
        pay::save_payment_settings(
            cx.store(),
            cx.payments(),
            who.as_ref(),
            &policy,
            backend::now(),
        )
        .await?;
        leptos_axum::redirect("/admin/settings?done=payments#payments");
        Ok(())
    })
    .await
}
