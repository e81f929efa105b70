//! Money and cancellation rules: the deposit a party owes, and until when a
//! guest may change or cancel online.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// The restaurant's deposit rule: `per_guest_cents` for every guest of a
/// party of at least `from_party`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositPolicy {
    pub per_guest_cents: i64,
    pub from_party: u32,
}

/// The deposit a party owes, in cents, or `None`.
///
/// A deposit is only ever asked when a payment provider is configured:
/// without one the guest could not pay, so the rule is not applied.
pub fn deposit_cents(
    policy: Option<DepositPolicy>,
    party: u32,
    payments_available: bool,
) -> Option<i64> {
    let policy = policy.filter(|_| payments_available)?;
    (party >= policy.from_party && policy.per_guest_cents > 0)
        .then(|| policy.per_guest_cents.saturating_mul(i64::from(party)))
}

/// Whether a guest may still change or cancel a booking starting at
/// `start` online: strictly before `start - cutoff`.
pub fn guest_can_change(now: DateTime<Utc>, start: DateTime<Utc>, cutoff_minutes: u32) -> bool {
    match start.checked_sub_signed(TimeDelta::minutes(i64::from(cutoff_minutes))) {
        Some(limit) => now < limit,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn deposit_from_the_threshold_and_only_with_payments() {
        let policy = Some(DepositPolicy {
            per_guest_cents: 2000,
            from_party: 6,
        });
        assert_eq!(deposit_cents(policy, 5, true), None);
        assert_eq!(deposit_cents(policy, 6, true), Some(12_000));
        assert_eq!(deposit_cents(policy, 8, true), Some(16_000));
        assert_eq!(deposit_cents(policy, 8, false), None);
        assert_eq!(deposit_cents(None, 8, true), None);
    }

    #[test]
    fn cutoff_is_exclusive() {
        let start = Utc.with_ymd_and_hms(2026, 12, 1, 19, 0, 0).unwrap();
        let at = |h, m| Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap();
        assert!(guest_can_change(at(16, 59), start, 120));
        assert!(!guest_can_change(at(17, 0), start, 120));
        assert!(!guest_can_change(at(20, 0), start, 0));
        assert!(guest_can_change(at(18, 59), start, 0));
    }

    proptest::proptest! {
        #[test]
        fn deposit_is_per_guest_and_never_without_payments(
            per in 1i64..100_000, from in 1u32..20, party in 1u32..40,
        ) {
            let policy = Some(DepositPolicy { per_guest_cents: per, from_party: from });
            proptest::prop_assert_eq!(deposit_cents(policy, party, false), None);
            match deposit_cents(policy, party, true) {
                Some(c) => {
                    proptest::prop_assert!(party >= from);
                    proptest::prop_assert_eq!(c, per * i64::from(party));
                }
                None => proptest::prop_assert!(party < from),
            }
        }
    }
}
