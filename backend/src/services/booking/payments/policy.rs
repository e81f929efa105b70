//! The payment policy on the settings screen: staff read it, admins change
//! it, and only while Stripe is configured (a policy nobody could pay would
//! turn guests away).

use crate::payments::Payments;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{Author, Store};
use chrono::{DateTime, Utc};
use domain::{PaymentPolicy, PaymentSettings};

/// The policy, the currency, and whether it can be changed.
#[tracing::instrument(skip_all)]
pub async fn payment_settings(
    store: &Store,
    payments: &Payments,
    who: Option<&Principal>,
) -> Result<PaymentSettings, ServiceError> {
    authorize(who, Action::RunService)?;
    let id = store.setup().await?.restaurant.id;
    Ok(PaymentSettings {
        policy: store.payment_policy(id).await?,
        currency: payments.currency().to_owned(),
        configured: payments.available(),
        missing: payments.missing().to_vec(),
    })
}

/// Changes the policy. Admins only, and only with Stripe configured.
#[tracing::instrument(skip_all)]
pub async fn save_payment_settings(
    store: &Store,
    payments: &Payments,
    who: Option<&Principal>,
    policy: &PaymentPolicy,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    if !payments.available() {
        return Err(ServiceError::PaymentUnavailable);
    }
    let id = store.setup().await?.restaurant.id;
    let by = Author {
        user_id: Some(admin.user_id),
        at: now,
    };
    Ok(store.save_payment_policy(id, policy, by).await?)
}
