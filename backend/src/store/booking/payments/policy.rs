//! The restaurant's payment policy (a setup table: its triggers move the
//! setup version, so every process sees a change at once).

use super::super::{db_time, to_u32, Author};
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use domain::time::Weekday;
use domain::{AuditSubject, PaymentMode, PaymentPolicy, ServiceKind};

#[derive(sqlx::FromRow)]
pub(in crate::store::booking) struct PolicyRow {
    mode: String,
    deposit_per_guest_cents: i64,
    no_show_fee_per_guest_cents: i64,
    from_party: i64,
    weekdays: String,
    services: String,
    hold_minutes: i64,
    refund_cutoff_minutes: i64,
    late_refund_percent: i64,
}

pub(in crate::store::booking) const POLICY_SQL: &str =
    "SELECT mode, deposit_per_guest_cents, no_show_fee_per_guest_cents, from_party, weekdays, \
     services, hold_minutes, refund_cutoff_minutes, late_refund_percent \
     FROM payment_policies WHERE restaurant_id = $1";

impl PolicyRow {
    pub(in crate::store::booking) fn into_policy(self) -> Result<PaymentPolicy, StoreError> {
        let list = |raw: &str| -> Vec<String> {
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let weekdays = list(&self.weekdays)
            .iter()
            .map(|d| {
                Weekday::ALL
                    .into_iter()
                    .find(|w| w.as_str() == d)
                    .ok_or_else(|| StoreError::corrupt(format!("payment weekday {d:?}")))
            })
            .collect::<Result<_, _>>()?;
        let services = list(&self.services)
            .iter()
            .map(|s| {
                ServiceKind::parse(s)
                    .ok_or_else(|| StoreError::corrupt(format!("payment service {s:?}")))
            })
            .collect::<Result<_, _>>()?;
        Ok(PaymentPolicy {
            mode: PaymentMode::parse(&self.mode)
                .ok_or_else(|| StoreError::corrupt(format!("payment mode {:?}", self.mode)))?,
            deposit_per_guest_cents: self.deposit_per_guest_cents,
            no_show_fee_per_guest_cents: self.no_show_fee_per_guest_cents,
            from_party: to_u32(self.from_party, "payment party")?,
            weekdays,
            services,
            hold_minutes: to_u32(self.hold_minutes, "payment hold")?,
            refund_cutoff_minutes: to_u32(self.refund_cutoff_minutes, "refund cut-off")?,
            late_refund_percent: to_u32(self.late_refund_percent, "late refund")?,
        })
    }
}

/// The policy's fields as the audit log words them.
fn audit_fields(p: &PaymentPolicy) -> Vec<(&'static str, String)> {
    let join = |items: Vec<&str>| items.join(", ");
    vec![
        ("mode", p.mode.as_str().to_owned()),
        (
            "deposit_per_guest",
            domain::price_input(p.deposit_per_guest_cents),
        ),
        (
            "no_show_fee_per_guest",
            domain::price_input(p.no_show_fee_per_guest_cents),
        ),
        ("from_party", p.from_party.to_string()),
        (
            "weekdays",
            join(p.weekdays.iter().map(|d| d.as_str()).collect()),
        ),
        (
            "services",
            join(p.services.iter().map(|k| k.as_str()).collect()),
        ),
        ("hold_minutes", p.hold_minutes.to_string()),
        (
            "refund_cutoff_hours",
            (p.refund_cutoff_minutes / 60).to_string(),
        ),
        ("late_refund_percent", p.late_refund_percent.to_string()),
    ]
}

impl Store {
    /// The restaurant's payment policy (off when none was ever set).
    pub async fn payment_policy(&self, restaurant_id: i64) -> Result<PaymentPolicy, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, PolicyRow>(POLICY_SQL)
            .bind(restaurant_id).fetch_optional(pool).await)?;
        row.map_or_else(|| Ok(PaymentPolicy::default()), PolicyRow::into_policy)
    }

    /// Replaces the restaurant's payment policy, with its audit line.
    pub async fn save_payment_policy(
        &self,
        restaurant_id: i64,
        policy: &PaymentPolicy,
        by: Author,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO payment_policies (restaurant_id, mode, deposit_per_guest_cents, \
                   no_show_fee_per_guest_cents, from_party, weekdays, services, hold_minutes, \
                   refund_cutoff_minutes, late_refund_percent) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                   ON CONFLICT (restaurant_id) DO UPDATE SET mode = $2, \
                   deposit_per_guest_cents = $3, no_show_fee_per_guest_cents = $4, from_party = $5, \
                   weekdays = $6, services = $7, hold_minutes = $8, refund_cutoff_minutes = $9, \
                   late_refund_percent = $10";
        let weekdays: Vec<&str> = policy.weekdays.iter().map(|d| d.as_str()).collect();
        let services: Vec<&str> = policy.services.iter().map(|k| k.as_str()).collect();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let before = sqlx::query_as::<_, PolicyRow>(POLICY_SQL)
                .bind(restaurant_id).fetch_optional(&mut *tx).await?
                .map_or_else(|| Ok(PaymentPolicy::default()), PolicyRow::into_policy)?;
            sqlx::query(sql)
                .bind(restaurant_id).bind(policy.mode.as_str())
                .bind(policy.deposit_per_guest_cents).bind(policy.no_show_fee_per_guest_cents)
                .bind(i64::from(policy.from_party)).bind(weekdays.join(","))
                .bind(services.join(",")).bind(i64::from(policy.hold_minutes))
                .bind(i64::from(policy.refund_cutoff_minutes))
                .bind(i64::from(policy.late_refund_percent))
                .execute(&mut *tx).await?;
            let changes = domain::audit_changes(&audit_fields(&before), &audit_fields(policy));
            record_audit!(tx, restaurant_id, db_time(by.at), by.user_id, AuditSubject::Payments,
                "update", "", &changes);
            tx.commit().await?;
            Ok(())
        })
    }
}
