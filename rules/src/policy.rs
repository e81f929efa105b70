//! Money and cancellation rules: what a booking owes under the payment
//! policy, what a cancellation refunds, and until when a guest may change or
//! cancel online.

use chrono::{DateTime, TimeDelta, Utc};
use domain::time::Weekday;
use domain::{PaymentKind, PaymentMode, PaymentPolicy, ServiceKind};

/// What a booking owes: a deposit charged now, or a card saved against a
/// no-show fee of `amount_cents`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaymentDue {
    pub kind: PaymentKind,
    pub amount_cents: i64,
}

/// What a party of `party` booking on `weekday` in `service` owes under
/// `policy`, or `None`.
///
/// Nothing is ever asked when no payment provider is configured: without one
/// the guest could not pay, so the policy is not applied.
pub fn payment_due(
    policy: &PaymentPolicy,
    party: u32,
    weekday: Weekday,
    service: Option<ServiceKind>,
    payments_available: bool,
) -> Option<PaymentDue> {
    if !payments_available || party < policy.from_party {
        return None;
    }
    if !policy.weekdays.is_empty() && !policy.weekdays.contains(&weekday) {
        return None;
    }
    if !policy.services.is_empty() && !service.is_some_and(|s| policy.services.contains(&s)) {
        return None;
    }
    let (kind, per_guest) = match policy.mode {
        PaymentMode::Off => return None,
        PaymentMode::Deposit => (PaymentKind::Deposit, policy.deposit_per_guest_cents),
        PaymentMode::Guarantee => (PaymentKind::Guarantee, policy.no_show_fee_per_guest_cents),
    };
    (per_guest > 0).then(|| PaymentDue {
        kind,
        amount_cents: per_guest.saturating_mul(i64::from(party)),
    })
}

/// The refund terms a guest agreed to when paying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefundTerms {
    /// Cancelled at least this long before the meal: refunded in full.
    pub cutoff_minutes: u32,
    /// Later: this share of the deposit (0 to 100).
    pub late_percent: u32,
}

/// Whether cancelling at `now` a meal starting at `start` is within the
/// free cancellation period (strictly before `start - cutoff`).
pub fn before_cutoff(now: DateTime<Utc>, start: DateTime<Utc>, cutoff_minutes: u32) -> bool {
    guest_can_change(now, start, cutoff_minutes)
}

/// What cancelling at `now` refunds of a deposit of `paid_cents`, of which
/// `refunded_cents` were already given back: everything left before the
/// cut-off, the late share after it, never below zero.
pub fn refund_on_cancel(
    terms: RefundTerms,
    paid_cents: i64,
    refunded_cents: i64,
    now: DateTime<Utc>,
    start: DateTime<Utc>,
) -> i64 {
    let due = if before_cutoff(now, start, terms.cutoff_minutes) {
        paid_cents
    } else {
        paid_cents.saturating_mul(i64::from(terms.late_percent.min(100))) / 100
    };
    (due.min(paid_cents) - refunded_cents).max(0)
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

    fn deposit(per: i64, from: u32) -> PaymentPolicy {
        PaymentPolicy {
            mode: PaymentMode::Deposit,
            deposit_per_guest_cents: per,
            from_party: from,
            ..PaymentPolicy::default()
        }
    }

    #[test]
    fn deposit_from_the_threshold_and_only_with_payments() {
        let policy = deposit(2000, 6);
        let due = |party, available| {
            payment_due(
                &policy,
                party,
                Weekday::Friday,
                Some(ServiceKind::Dinner),
                available,
            )
            .map(|d| d.amount_cents)
        };
        assert_eq!(due(5, true), None);
        assert_eq!(due(6, true), Some(12_000));
        assert_eq!(due(8, true), Some(16_000));
        assert_eq!(due(8, false), None);
        let off = PaymentPolicy::default();
        assert_eq!(payment_due(&off, 8, Weekday::Friday, None, true), None);
    }

    #[test]
    fn only_on_the_listed_days_and_services() {
        let policy = PaymentPolicy {
            mode: PaymentMode::Guarantee,
            no_show_fee_per_guest_cents: 3000,
            weekdays: vec![Weekday::Saturday],
            services: vec![ServiceKind::Dinner],
            ..PaymentPolicy::default()
        };
        let due = |day, service| payment_due(&policy, 2, day, service, true);
        assert_eq!(
            due(Weekday::Saturday, Some(ServiceKind::Dinner)),
            Some(PaymentDue {
                kind: PaymentKind::Guarantee,
                amount_cents: 6000
            })
        );
        assert_eq!(due(Weekday::Friday, Some(ServiceKind::Dinner)), None);
        assert_eq!(due(Weekday::Saturday, Some(ServiceKind::Lunch)), None);
        assert_eq!(due(Weekday::Saturday, None), None);
    }

    #[test]
    fn a_cancellation_refunds_by_the_terms() {
        let start = Utc.with_ymd_and_hms(2026, 12, 5, 19, 0, 0).unwrap();
        let terms = RefundTerms {
            cutoff_minutes: 24 * 60,
            late_percent: 50,
        };
        let day_before = Utc.with_ymd_and_hms(2026, 12, 4, 18, 59, 0).unwrap();
        let same_day = Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).unwrap();
        assert_eq!(refund_on_cancel(terms, 6000, 0, day_before, start), 6000);
        assert_eq!(refund_on_cancel(terms, 6000, 0, same_day, start), 3000);
        assert_eq!(refund_on_cancel(terms, 6000, 1000, day_before, start), 5000);
        assert_eq!(refund_on_cancel(terms, 6000, 4000, same_day, start), 0);
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
            let policy = deposit(per, from);
            let due = |available| payment_due(&policy, party, Weekday::Monday, None, available);
            proptest::prop_assert_eq!(due(false), None);
            match due(true) {
                Some(d) => {
                    proptest::prop_assert!(party >= from);
                    proptest::prop_assert_eq!(d.amount_cents, per * i64::from(party));
                }
                None => proptest::prop_assert!(party < from),
            }
        }

        #[test]
        fn a_refund_never_exceeds_what_is_left(
            paid in 0i64..1_000_000, refunded in 0i64..1_000_000, percent in 0u32..=100,
            cutoff in 0u32..10_000, minutes_before in -1000i64..20_000,
        ) {
            let start = Utc.with_ymd_and_hms(2026, 12, 5, 19, 0, 0).unwrap();
            let now = start - TimeDelta::minutes(minutes_before);
            let refunded = refunded.min(paid);
            let r = refund_on_cancel(RefundTerms { cutoff_minutes: cutoff, late_percent: percent }, paid, refunded, now, start);
            proptest::prop_assert!(r >= 0);
            proptest::prop_assert!(r + refunded <= paid);
        }
    }
}
