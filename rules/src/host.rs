//! The host stand's rules: which status changes staff may make, when a
//! booking is late, and what a booking is flagged with.

use crate::model::{Combination, ExistingBooking, Table};
use chrono::{DateTime, TimeDelta, Utc};
pub use domain::BookingFlag as Flag;
use domain::ReservationStatus;

/// A booking not seated this long after its start is late.
pub const LATE_AFTER: TimeDelta = TimeDelta::minutes(15);

/// Whether staff may move a booking from `from` to `to`.
///
/// confirmed → arrived (optional) → seated → completed; a booking that has
/// not sat down may be cancelled or marked a no-show; a no-show or an
/// arrival marked by mistake may be taken back to confirmed (the database
/// still refuses it if the table has been given away meanwhile). Completed
/// and cancelled bookings are final.
pub fn can_change_status(from: ReservationStatus, to: ReservationStatus) -> bool {
    use ReservationStatus as S;
    match (from, to) {
        (a, b) if a == b => false,
        (S::PendingPayment | S::PendingConfirmation, S::Confirmed) => false,
        (S::PendingPayment | S::PendingConfirmation | S::Confirmed, b) => {
            matches!(
                b,
                S::Arrived | S::Seated | S::Cancelled | S::NoShow | S::Confirmed
            )
        }
        (S::Arrived, b) => matches!(b, S::Seated | S::Confirmed | S::Cancelled),
        (S::Seated, b) => matches!(b, S::Completed | S::Arrived),
        (S::NoShow, S::Confirmed) => true,
        (S::Completed | S::Cancelled | S::NoShow, _) => false,
    }
}

/// The changes staff may make from `from`, in the order a host taps them.
pub fn next_statuses(from: ReservationStatus) -> Vec<ReservationStatus> {
    use ReservationStatus as S;
    [
        S::Arrived,
        S::Seated,
        S::Completed,
        S::NoShow,
        S::Cancelled,
        S::Confirmed,
    ]
    .into_iter()
    .filter(|to| can_change_status(from, *to))
    .collect()
}

/// A booking is late when the guest has not arrived [`LATE_AFTER`] its
/// start. Derived, never stored.
pub fn is_late(status: ReservationStatus, start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    use ReservationStatus as S;
    matches!(
        status,
        S::Confirmed | S::PendingConfirmation | S::PendingPayment
    ) && now >= start + LATE_AFTER
}

/// A booking due this soon makes its table "soon" on the live floor.
pub const SOON_ON_FLOOR: TimeDelta = TimeDelta::minutes(30);

/// A booking's hold of a table, for the live floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hold {
    pub status: ReservationStatus,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// What a table is doing at `now`, given the bookings that hold it and
/// whether a block covers it now, and which hold that is about (an index
/// into `holds`). Guests seated come first (they are there, whatever the
/// plans say), then a block, then a booking whose guests are late, then
/// one due within [`SOON_ON_FLOOR`] (or whose guests are here, waiting);
/// otherwise the table is free. Finished, cancelled and no-show bookings
/// hold nothing.
pub fn table_now(
    holds: &[Hold],
    blocked: bool,
    now: DateTime<Utc>,
) -> (domain::TableNow, Option<usize>) {
    use domain::TableNow as T;
    use ReservationStatus as S;
    let first = |keep: &dyn Fn(&Hold) -> bool| {
        holds
            .iter()
            .enumerate()
            .filter(|(_, h)| keep(h))
            .min_by_key(|(_, h)| h.start)
            .map(|(i, _)| i)
    };
    if let Some(i) = first(&|h| h.status == S::Seated) {
        return (T::Seated, Some(i));
    }
    if blocked {
        return (T::Blocked, None);
    }
    let expected = |h: &Hold| {
        matches!(
            h.status,
            S::Confirmed | S::PendingConfirmation | S::PendingPayment | S::Arrived
        ) && h.end > now
    };
    if let Some(i) = first(&|h| expected(h) && is_late(h.status, h.start, now)) {
        return (T::Late, Some(i));
    }
    if let Some(i) =
        first(&|h| expected(h) && (h.start <= now + SOON_ON_FLOOR || h.status == S::Arrived))
    {
        return (T::Soon, Some(i));
    }
    (T::Free, None)
}

/// From this party size a booking is flagged as large.
pub const LARGE_PARTY: u32 = 6;

/// Words (lower case, French and English) that mark an allergy.
const ALLERGY_WORDS: &[&str] = &[
    "allerg",
    "intoléran",
    "intoleran",
    "coeliac",
    "celiac",
    "cœliaque",
    "coeliaque",
    "gluten",
    "lactose",
    "arachide",
    "peanut",
    "nut ",
    "nuts",
    "noix",
    "fruits à coque",
    "shellfish",
    "crustacé",
    "sesame",
    "sésame",
    "epipen",
];

/// Words that mark an occasion.
const OCCASION_WORDS: &[&str] = &[
    "birthday",
    "anniversary",
    "anniversaire",
    "proposal",
    "demande en mariage",
    "fiançailles",
    "engagement",
    "celebrat",
    "célébr",
    "fête",
    "graduation",
    "diplôme",
];

/// The flags of a booking of `party` guests with these notes, in a fixed
/// order.
pub fn flags(party: u32, notes: &str) -> Vec<Flag> {
    let lower = format!("{} ", notes.to_lowercase());
    let mentions = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    let mut out = Vec::new();
    if party >= LARGE_PARTY {
        out.push(Flag::LargeParty);
    }
    if mentions(ALLERGY_WORDS) {
        out.push(Flag::Allergy);
    }
    if mentions(OCCASION_WORDS) {
        out.push(Flag::Occasion);
    }
    if !notes.trim().is_empty() {
        out.push(Flag::Notes);
    }
    out
}

/// The local day split among its service periods, to sort bookings by
/// service: each period owns the minutes from halfway between the previous
/// period's closing and its own first seating to halfway before the next
/// one's (the first from midnight, the last to midnight), so that every
/// booking of an open day belongs to one period, a walk-in between two
/// services included. `(kind, from minute, to minute)` in order; empty on
/// a closed day.
pub fn day_parts(periods: &[crate::PeriodHours]) -> Vec<(domain::ServiceKind, u32, u32)> {
    use chrono::Timelike;
    let minute = |t: chrono::NaiveTime| t.num_seconds_from_midnight() / 60;
    let end = |p: &crate::PeriodHours| {
        p.display()
            .map_or(minute(p.last_seating()), |d| u32::from(d.closes.minutes()))
    };
    let mut sorted: Vec<&crate::PeriodHours> = periods.iter().collect();
    sorted.sort_by_key(|p| p.first_seating());
    let mut out = Vec::with_capacity(sorted.len());
    let mut from = 0;
    for (i, p) in sorted.iter().enumerate() {
        let to = match sorted.get(i + 1) {
            Some(next) => {
                let (ends, starts) = (end(p), minute(next.first_seating()));
                if starts > ends {
                    (ends + starts) / 2
                } else {
                    starts
                }
            }
            None => 24 * 60,
        };
        let to = to.max(from);
        out.push((p.kind(), from, to));
        from = to;
    }
    out
}

/// A guest who did not come this many times before is flagged when they
/// book again.
pub const REPEATED_NO_SHOWS: u32 = 2;

/// A booking's `flags` with what its guest's profile adds: an allergy
/// staff keep on the profile (its `allergy` tag, or its notes), and
/// repeated no-shows (`earlier_no_shows`, this booking left out).
pub fn with_guest(
    mut flags: Vec<Flag>,
    tags: &[String],
    guest_notes: &str,
    earlier_no_shows: u32,
) -> Vec<Flag> {
    let lower = format!("{} ", guest_notes.to_lowercase());
    let allergy = tags.iter().any(|t| t.contains("allerg"))
        || ALLERGY_WORDS.iter().any(|w| lower.contains(w));
    if allergy && !flags.contains(&Flag::Allergy) {
        let at = usize::from(flags.first() == Some(&Flag::LargeParty));
        flags.insert(at, Flag::Allergy);
    }
    if earlier_no_shows >= REPEATED_NO_SHOWS {
        flags.push(Flag::RepeatNoShow);
    }
    flags
}

/// Why staff may not put a booking on these tables at that time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementRefusal {
    /// No table, a table that does not exist or is not in use, or one
    /// listed twice.
    UnknownTable,
    /// Several tables that are not one of the restaurant's combinations.
    NotCombinable,
    /// Fewer seats than guests.
    TooSmall,
    /// Another booking holds one of the tables over part of the span.
    Taken,
}

/// Whether staff may seat a party of `party` on `table_ids` over
/// `start..end`, given the other active bookings. Staff may use tables kept
/// off the online booking and seat a party smaller than a table's minimum;
/// they may not exceed the seats, push together tables that are not a
/// combination, or overlap another booking.
pub fn check_placement(
    tables: &[Table],
    combinations: &[Combination],
    others: &[ExistingBooking],
    table_ids: &[i64],
    party: u32,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<(), PlacementRefusal> {
    let mut ids = table_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() != table_ids.len() {
        return Err(PlacementRefusal::UnknownTable);
    }
    let chosen: Vec<&Table> = ids
        .iter()
        .map(|id| tables.iter().find(|t| t.id == *id && t.active))
        .collect::<Option<_>>()
        .ok_or(PlacementRefusal::UnknownTable)?;
    if ids.len() > 1
        && !combinations.iter().any(|c| {
            let mut members = c.table_ids.clone();
            members.sort_unstable();
            members == ids
        })
    {
        return Err(PlacementRefusal::NotCombinable);
    }
    if chosen.iter().map(|t| t.max_seats).sum::<u32>() < party {
        return Err(PlacementRefusal::TooSmall);
    }
    if !ids.iter().all(|id| crate::is_free(*id, others, start, end)) {
        return Err(PlacementRefusal::Taken);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use ReservationStatus as S;

    const ALL: [S; 8] = [
        S::PendingPayment,
        S::PendingConfirmation,
        S::Confirmed,
        S::Arrived,
        S::Seated,
        S::Completed,
        S::Cancelled,
        S::NoShow,
    ];

    fn hold(status: S, start: (u32, u32), minutes: i64) -> Hold {
        let start = Utc
            .with_ymd_and_hms(2026, 6, 5, start.0, start.1, 0)
            .unwrap();
        Hold {
            status,
            start,
            end: start + TimeDelta::minutes(minutes),
        }
    }

    #[test]
    fn a_table_now_on_the_live_floor() {
        use domain::TableNow as T;
        let now = Utc.with_ymd_and_hms(2026, 6, 5, 19, 0, 0).unwrap();
        assert_eq!(table_now(&[], false, now), (T::Free, None));
        assert_eq!(table_now(&[], true, now), (T::Blocked, None));
        // Due within half an hour: soon; beyond it: free.
        let at_1930 = hold(S::Confirmed, (19, 30), 90);
        let at_1931 = hold(S::Confirmed, (19, 31), 90);
        assert_eq!(table_now(&[at_1930], false, now), (T::Soon, Some(0)));
        assert_eq!(table_now(&[at_1931], false, now), (T::Free, None));
        // Guests waiting at the bar for a later table: soon.
        let waiting = hold(S::Arrived, (20, 0), 90);
        assert_eq!(table_now(&[waiting], false, now), (T::Soon, Some(0)));
        // Started 15 minutes ago and nobody came: late; 14: still soon.
        let late = hold(S::Confirmed, (18, 45), 90);
        let due = hold(S::Confirmed, (18, 46), 90);
        assert_eq!(table_now(&[late], false, now), (T::Late, Some(0)));
        assert_eq!(table_now(&[due], false, now), (T::Soon, Some(0)));
        // Past its end, a booking nobody came to holds nothing any more.
        let over = hold(S::Confirmed, (17, 0), 120);
        assert_eq!(table_now(&[over], false, now), (T::Free, None));
        // Seated guests come first, even on a blocked table and beside a
        // late booking; the late one comes before the soon one.
        let seated = hold(S::Seated, (17, 30), 90);
        assert_eq!(
            table_now(&[late, seated, at_1930], true, now),
            (T::Seated, Some(1))
        );
        assert_eq!(table_now(&[at_1930, late], false, now), (T::Late, Some(1)));
        assert_eq!(table_now(&[late], true, now), (T::Blocked, None));
        // Finished, cancelled and no-show bookings hold nothing.
        for status in [S::Completed, S::Cancelled, S::NoShow] {
            let gone = hold(status, (18, 50), 90);
            assert_eq!(table_now(&[gone], false, now), (T::Free, None));
        }
    }

    #[test]
    fn the_service_runs_forward() {
        assert!(can_change_status(S::Confirmed, S::Arrived));
        assert!(can_change_status(S::Confirmed, S::Seated));
        assert!(can_change_status(S::Arrived, S::Seated));
        assert!(can_change_status(S::Seated, S::Completed));
        assert!(can_change_status(S::Confirmed, S::NoShow));
        assert!(can_change_status(S::Confirmed, S::Cancelled));
        assert!(can_change_status(S::PendingConfirmation, S::Seated));
    }

    #[test]
    fn final_statuses_stay_and_nothing_skips_the_table() {
        for to in ALL {
            assert!(!can_change_status(S::Completed, to), "completed → {to:?}");
            assert!(!can_change_status(S::Cancelled, to), "cancelled → {to:?}");
            assert!(!can_change_status(to, to), "{to:?} → itself");
        }
        assert!(!can_change_status(S::Confirmed, S::Completed));
        assert!(!can_change_status(S::Seated, S::NoShow));
        assert!(!can_change_status(S::Seated, S::Cancelled));
        assert!(!can_change_status(S::NoShow, S::Seated));
        // A pending booking is confirmed by its guest or its payment only.
        assert!(!can_change_status(S::PendingPayment, S::Confirmed));
        assert!(!can_change_status(S::Confirmed, S::PendingPayment));
    }

    #[test]
    fn mistakes_can_be_taken_back() {
        assert!(can_change_status(S::NoShow, S::Confirmed));
        assert!(can_change_status(S::Arrived, S::Confirmed));
        assert!(can_change_status(S::Seated, S::Arrived));
    }

    #[test]
    fn next_statuses_are_the_allowed_ones() {
        assert_eq!(
            next_statuses(S::Confirmed),
            vec![S::Arrived, S::Seated, S::NoShow, S::Cancelled]
        );
        assert_eq!(next_statuses(S::Seated), vec![S::Arrived, S::Completed]);
        assert!(next_statuses(S::Completed).is_empty());
        for from in ALL {
            for to in next_statuses(from) {
                assert!(can_change_status(from, to));
            }
        }
    }

    #[test]
    fn late_fifteen_minutes_after_the_start_until_arrival() {
        let start = Utc.with_ymd_and_hms(2026, 12, 4, 19, 0, 0).unwrap();
        let at = |m: i64| start + TimeDelta::minutes(m);
        assert!(!is_late(S::Confirmed, start, at(14)));
        assert!(is_late(S::Confirmed, start, at(15)));
        assert!(!is_late(S::Arrived, start, at(40)));
        assert!(!is_late(S::Seated, start, at(40)));
        assert!(!is_late(S::NoShow, start, at(40)));
    }

    #[test]
    fn staff_place_within_seats_combinations_and_free_time() {
        use crate::test_support::{booking, table};
        let mut offline = table(3, 2, 2);
        offline.bookable_online = false;
        let mut retired = table(4, 2, 4);
        retired.active = false;
        let tables = vec![table(1, 2, 4), table(2, 2, 4), offline, retired];
        let combos = vec![Combination {
            id: 1,
            table_ids: vec![2, 1],
        }];
        let at = |h: u32| Utc.with_ymd_and_hms(2026, 12, 4, h, 0, 0).unwrap();
        let others = vec![booking(9, at(19), at(21), 2, &[2])];
        let check = |ids: &[i64], party: u32, from: u32, to: u32| {
            check_placement(&tables, &combos, &others, ids, party, at(from), at(to))
        };
        assert_eq!(check(&[1], 4, 19, 21), Ok(()));
        // Below a table's minimum, and on a table kept off the web: staff may.
        assert_eq!(check(&[1], 1, 19, 21), Ok(()));
        assert_eq!(check(&[3], 2, 19, 21), Ok(()));
        assert_eq!(check(&[1], 5, 19, 21), Err(PlacementRefusal::TooSmall));
        assert_eq!(check(&[2], 2, 20, 22), Err(PlacementRefusal::Taken));
        // Back to back is fine.
        assert_eq!(check(&[2], 2, 21, 23), Ok(()));
        assert_eq!(check(&[2, 1], 8, 21, 23), Ok(()));
        assert_eq!(check(&[1, 2], 8, 19, 21), Err(PlacementRefusal::Taken));
        assert_eq!(
            check(&[1, 3], 6, 19, 21),
            Err(PlacementRefusal::NotCombinable)
        );
        assert_eq!(check(&[4], 2, 19, 21), Err(PlacementRefusal::UnknownTable));
        assert_eq!(check(&[99], 2, 19, 21), Err(PlacementRefusal::UnknownTable));
        assert_eq!(check(&[], 2, 19, 21), Err(PlacementRefusal::UnknownTable));
        assert_eq!(
            check(&[1, 1], 2, 19, 21),
            Err(PlacementRefusal::UnknownTable)
        );
    }

    #[test]
    fn flags_from_party_size_and_notes() {
        assert_eq!(flags(2, ""), vec![]);
        assert_eq!(flags(6, "  "), vec![Flag::LargeParty]);
        assert_eq!(
            flags(2, "Allergie aux noix"),
            vec![Flag::Allergy, Flag::Notes]
        );
        assert_eq!(
            flags(8, "It's my wife's BIRTHDAY; she is coeliac"),
            vec![Flag::LargeParty, Flag::Allergy, Flag::Occasion, Flag::Notes]
        );
        assert_eq!(flags(2, "Anniversaire"), vec![Flag::Occasion, Flag::Notes]);
        assert_eq!(flags(2, "A quiet table"), vec![Flag::Notes]);
        // "nut" alone, not inside another word.
        assert_eq!(flags(2, "a minute late"), vec![Flag::Notes]);
        assert_eq!(flags(2, "no nut please"), vec![Flag::Allergy, Flag::Notes]);
    }

    #[test]
    fn the_day_is_shared_among_its_services() {
        use crate::PeriodHours;
        use domain::{ServiceKind as K, TimeOfDay};
        let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let lunch = PeriodHours::new(K::Lunch, t(12, 0), t(13, 45))
            .unwrap()
            .with_closing(TimeOfDay::parse("14:30").unwrap())
            .unwrap();
        let dinner = PeriodHours::new(K::Dinner, t(19, 0), t(21, 30)).unwrap();
        assert_eq!(day_parts(&[]), vec![]);
        // Halfway between 14:30 and 19:00 is 16:45; in any order.
        assert_eq!(
            day_parts(&[dinner, lunch]),
            vec![(K::Lunch, 0, 16 * 60 + 45), (K::Dinner, 16 * 60 + 45, 1440)]
        );
        assert_eq!(day_parts(&[dinner]), vec![(K::Dinner, 0, 1440)]);
        // Services that touch: the next one starts at its first seating.
        let early = PeriodHours::new(K::Dinner, t(14, 0), t(14, 0)).unwrap();
        assert_eq!(
            day_parts(&[lunch, early]),
            vec![(K::Lunch, 0, 14 * 60), (K::Dinner, 14 * 60, 1440)]
        );
    }

    #[test]
    fn the_guest_profile_adds_allergies_and_repeated_no_shows() {
        let none: &[String] = &[];
        assert_eq!(with_guest(flags(2, ""), none, "", 1), vec![]);
        assert_eq!(
            with_guest(flags(8, "A quiet table"), &["allergy".into()], "", 0),
            vec![Flag::LargeParty, Flag::Allergy, Flag::Notes]
        );
        assert_eq!(
            with_guest(flags(2, ""), none, "Coeliac, bring the GF menu", 2),
            vec![Flag::Allergy, Flag::RepeatNoShow]
        );
        // Not twice when the booking's notes said it already.
        assert_eq!(
            with_guest(flags(2, "nut allergy"), &["allergy".into()], "", 0),
            vec![Flag::Allergy, Flag::Notes]
        );
    }
}
