//! Which slots of a day (or which days of a month) can be booked online.

use crate::assign::{overlaps, Candidates, Occupancy};
use crate::model::{Combination, ExistingBooking, PeriodHours, Rules, ServiceKind, Table};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Why a slot cannot be booked online.
///
/// When several reasons apply, the first one in this order is given:
/// `PartySize`, `TooFarAhead`, `TooSoon`, `Pacing`, `Full`. Closed days have
/// no slots at all (see [`DayAvailability::closed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unavailable {
    /// The party is smaller or larger than online booking allows.
    PartySize,
    /// The date is after the last bookable date.
    TooFarAhead,
    /// The slot starts before `now` plus the minimum notice.
    TooSoon,
    /// The covers starting in this slot plus the party would pass the
    /// period's pacing limit.
    Pacing,
    /// No table or allowed combination is free for the party's turn time.
    Full,
}

/// One seating time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    /// The time on the restaurant's clock.
    pub local_time: NaiveTime,
    /// The same instant in UTC; an ambiguous local time (autumn clock change)
    /// is its earlier instant.
    pub start: DateTime<Utc>,
    /// `reason.is_none()`.
    pub available: bool,
    pub reason: Option<Unavailable>,
}

/// The slots of one service period of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodAvailability {
    pub kind: ServiceKind,
    /// In local-time order; local times skipped by a spring clock change are
    /// left out.
    pub slots: Vec<Slot>,
}

/// The bookable slots of one date for one party size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayAvailability {
    pub date: NaiveDate,
    pub party_size: u32,
    /// No service that day (no weekly period, blackout, or special hours with
    /// no period); `periods` is then empty.
    pub closed: bool,
    /// Ordered by first seating.
    pub periods: Vec<PeriodAvailability>,
}

impl DayAvailability {
    /// All slots of the day, in order.
    pub fn slots(&self) -> impl Iterator<Item = &Slot> {
        self.periods.iter().flat_map(|p| &p.slots)
    }

    /// Whether at least one slot can be booked.
    pub fn any_available(&self) -> bool {
        self.slots().any(|s| s.available)
    }
}

/// The availability of every slot of `date` for a party of `party` guests,
/// as seen at instant `now`. Deterministic.
///
/// A slot is [`Unavailable::Full`] exactly when
/// [`assign_tables`](crate::assign_tables) finds nothing for
/// `start..start + turn(party)` (same selection code, fed the day's bookings).
///
/// Cost: one pass over the B `bookings` keeps the b overlapping the day's
/// bookable slots, sorted once by start and once by table; then each of the
/// S slots costs O(log b + k) for pacing (k bookings starting in the slot)
/// and at most O((T + C·m)·(log b + d)) for assignment, where T and C are the
/// fitting tables and combinations (of up to m tables) and d the day's
/// bookings per table: O(B + b log b + S·(T + C·m)·(log b + d)) in all.
pub fn day_availability(
    rules: &Rules,
    tables: &[Table],
    combinations: &[Combination],
    bookings: &[ExistingBooking],
    now: DateTime<Utc>,
    date: NaiveDate,
    party: u32,
) -> DayAvailability {
    let candidates = Candidates::new(tables, combinations, party);
    let plan = DayPlan::new(
        rules,
        &candidates,
        |from, to| {
            bookings
                .iter()
                .filter(|b| overlaps(b.start, b.end, from, to))
                .collect()
        },
        now,
        date,
        party,
    );
    plan.availability(date, party)
}

/// Every date of `month` (1–12) of `year` with whether at least one of its
/// slots can be booked by a party of `party`; empty for an invalid month.
/// Agrees with [`DayAvailability::any_available`] for each date.
///
/// One pass keeps the bookings near the month (M of them), sorted once by
/// start; each day then takes its own bookings by binary search and stops at
/// its first available slot: O(B + M log M + days·(log M + day cost)).
#[allow(clippy::too_many_arguments)]
pub fn month_availability(
    rules: &Rules,
    tables: &[Table],
    combinations: &[Combination],
    bookings: &[ExistingBooking],
    now: DateTime<Utc>,
    year: i32,
    month: u32,
    party: u32,
) -> Vec<(NaiveDate, bool)> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let days: Vec<NaiveDate> = first
        .iter_days()
        .take_while(|d| d.month() == month && d.year() == year)
        .collect();
    let candidates = Candidates::new(tables, combinations, party);
    // A day's slots lie within a day of its UTC midnight (zone offsets are
    // under 15 hours) and a turn or interval adds at most one more day.
    let around = |date: NaiveDate, days: TimeDelta| {
        date.and_time(NaiveTime::MIN)
            .and_utc()
            .checked_add_signed(days)
    };
    let span = days.first().zip(days.last()).and_then(|(&first, &last)| {
        around(first, TimeDelta::days(-2)).zip(around(last, TimeDelta::days(3)))
    });
    let index = StartIndex::new(bookings, span);
    days.into_iter()
        .map(|date| {
            let plan = DayPlan::new(
                rules,
                &candidates,
                |from, to| index.overlapping(from, to),
                now,
                date,
                party,
            );
            (date, plan.any_available())
        })
        .collect()
}

/// The UTC instant of a local time: `None` in a spring-forward gap, the
/// earlier instant when the local time happens twice.
pub fn local_to_utc(
    time_zone: &chrono_tz::Tz,
    date: NaiveDate,
    time: NaiveTime,
) -> Option<DateTime<Utc>> {
    time_zone
        .from_local_datetime(&date.and_time(time))
        .earliest()
        .map(|dt| dt.with_timezone(&Utc))
}

/// Bookings sorted by start, answering "which overlap `from..to`" in
/// O(log B + answer + bookings starting within one longest booking before
/// `from`).
struct StartIndex<'a> {
    /// `(start, end, booking)`, by start; keys inline for a cache-friendly sort.
    by_start: Vec<(DateTime<Utc>, DateTime<Utc>, &'a ExistingBooking)>,
    /// The longest booking: those starting before `from - longest` end
    /// before `from`.
    longest: TimeDelta,
}

impl<'a> StartIndex<'a> {
    /// Indexes the bookings overlapping `span`, or all of them.
    fn new(bookings: &'a [ExistingBooking], span: Option<(DateTime<Utc>, DateTime<Utc>)>) -> Self {
        let mut by_start: Vec<_> = bookings
            .iter()
            .filter(|b| span.is_none_or(|(from, to)| overlaps(b.start, b.end, from, to)))
            .map(|b| (b.start, b.end, b))
            .collect();
        by_start.sort_unstable_by_key(|&(start, _, _)| start);
        let longest = by_start
            .iter()
            .map(|&(start, end, _)| end - start)
            .fold(TimeDelta::zero(), TimeDelta::max);
        StartIndex { by_start, longest }
    }

    fn overlapping(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<&'a ExistingBooking> {
        let lo = match from.checked_sub_signed(self.longest) {
            Some(earliest) => self.by_start.partition_point(|b| b.0 < earliest),
            None => 0,
        };
        let hi = self.by_start.partition_point(|b| b.0 < to);
        self.by_start[lo..hi.max(lo)]
            .iter()
            .filter(|&&(start, end, _)| overlaps(start, end, from, to))
            .map(|&(_, _, b)| b)
            .collect()
    }
}

/// A slot time of one period, before its availability is known.
struct Planned {
    local_time: NaiveTime,
    start: DateTime<Utc>,
}

/// Everything needed to decide each slot of one day.
struct DayPlan<'a> {
    periods: Vec<(PeriodHours, Vec<Planned>)>,
    /// `PartySize` or `TooFarAhead`, the same for every slot.
    day_reason: Option<Unavailable>,
    /// `now` plus the notice; `None` if out of range (everything too soon).
    earliest_start: Option<DateTime<Utc>>,
    turn: TimeDelta,
    party: u32,
    candidates: &'a Candidates,
    /// The bookings overlapping the day's bookable slots, by start.
    bookings: Vec<&'a ExistingBooking>,
    occupancy: Occupancy,
}

impl<'a> DayPlan<'a> {
    fn new(
        rules: &Rules,
        candidates: &'a Candidates,
        select_bookings: impl FnOnce(DateTime<Utc>, DateTime<Utc>) -> Vec<&'a ExistingBooking>,
        now: DateTime<Utc>,
        date: NaiveDate,
        party: u32,
    ) -> Self {
        let periods: Vec<(PeriodHours, Vec<Planned>)> = rules
            .periods_on(date)
            .into_iter()
            .map(|period| {
                let slots = period
                    .seatings()
                    .filter_map(|local_time| {
                        local_to_utc(&rules.time_zone, date, local_time)
                            .map(|start| Planned { local_time, start })
                    })
                    .collect();
                (period, slots)
            })
            .collect();

        let window = &rules.window;
        let day_reason = if !window.accepts_party(party) {
            Some(Unavailable::PartySize)
        } else {
            let today = now.with_timezone(&rules.time_zone).date_naive();
            let last_day = today.checked_add_days(Days::new(u64::from(window.max_advance_days())));
            last_day
                .is_some_and(|last| date > last)
                .then_some(Unavailable::TooFarAhead)
        };
        let mut plan = DayPlan {
            periods,
            day_reason,
            earliest_start: now
                .checked_add_signed(TimeDelta::minutes(i64::from(window.min_notice_minutes()))),
            turn: TimeDelta::minutes(i64::from(rules.turn_times.minutes_for(party))),
            party,
            candidates,
            bookings: Vec::new(),
            occupancy: Occupancy::new([]),
        };

        // Only the bookings overlapping the slots that pass the cheap checks
        // matter, both for pacing (starts within a slot) and for tables.
        let span = plan
            .periods
            .iter()
            .flat_map(|(period, slots)| {
                let interval = interval_of(period);
                let plan = &plan;
                slots
                    .iter()
                    .filter(move |s| plan.early_reason(s.start).is_none())
                    .map(move |s| {
                        let end = plan.end_of(s.start);
                        (s.start, end.max(saturating_add(s.start, interval)))
                    })
            })
            .reduce(|(a_from, a_to), (b_from, b_to)| (a_from.min(b_from), a_to.max(b_to)));
        if let Some((from, to)) = span {
            let mut bookings = select_bookings(from, to);
            bookings.sort_unstable_by_key(|b| b.start);
            plan.occupancy = Occupancy::new(bookings.iter().copied());
            plan.bookings = bookings;
        }
        plan
    }

    fn end_of(&self, start: DateTime<Utc>) -> DateTime<Utc> {
        saturating_add(start, self.turn)
    }

    /// The reasons that need no booking: party size, advance, notice.
    fn early_reason(&self, start: DateTime<Utc>) -> Option<Unavailable> {
        self.day_reason.or_else(|| {
            self.earliest_start
                .is_none_or(|earliest| start < earliest)
                .then_some(Unavailable::TooSoon)
        })
    }

    /// Guests of the day's bookings starting within `from..to`.
    fn covers_starting(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> u64 {
        let lo = self.bookings.partition_point(|b| b.start < from);
        self.bookings[lo..]
            .iter()
            .take_while(|b| b.start < to)
            .map(|b| u64::from(b.party_size))
            .sum()
    }

    fn reason(&self, period: &PeriodHours, start: DateTime<Utc>) -> Option<Unavailable> {
        self.early_reason(start).or_else(|| {
            let paced = period.max_covers_per_slot().is_some_and(|max| {
                let slot_end = saturating_add(start, interval_of(period));
                self.covers_starting(start, slot_end) + u64::from(self.party) > u64::from(max)
            });
            if paced {
                return Some(Unavailable::Pacing);
            }
            self.candidates
                .pick(&self.occupancy, start, self.end_of(start))
                .is_none()
                .then_some(Unavailable::Full)
        })
    }

    fn any_available(&self) -> bool {
        self.periods
            .iter()
            .any(|(period, slots)| slots.iter().any(|s| self.reason(period, s.start).is_none()))
    }

    fn availability(&self, date: NaiveDate, party: u32) -> DayAvailability {
        let periods: Vec<PeriodAvailability> = self
            .periods
            .iter()
            .map(|(period, slots)| PeriodAvailability {
                kind: period.kind(),
                slots: slots
                    .iter()
                    .map(|&Planned { local_time, start }| {
                        let reason = self.reason(period, start);
                        Slot {
                            local_time,
                            start,
                            available: reason.is_none(),
                            reason,
                        }
                    })
                    .collect(),
            })
            .collect();
        DayAvailability {
            date,
            party_size: party,
            closed: periods.is_empty(),
            periods,
        }
    }
}

fn interval_of(period: &PeriodHours) -> TimeDelta {
    TimeDelta::minutes(i64::from(period.slot_interval_minutes()))
}

fn saturating_add(at: DateTime<Utc>, delta: TimeDelta) -> DateTime<Utc> {
    at.checked_add_signed(delta)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BookingWindow, Exception, ServicePeriod, TurnTimes};
    use crate::{assign_tables, ServiceKind};
    use chrono::Weekday;
    use chrono_tz::Europe::Paris;

    const ALL_DAYS: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn utc(y: i32, mo: u32, day: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, day, h, mi, 0).unwrap()
    }

    fn dinner() -> PeriodHours {
        PeriodHours::new(ServiceKind::Dinner, t(19, 0), t(21, 0)).unwrap()
    }

    fn lunch() -> PeriodHours {
        PeriodHours::new(ServiceKind::Lunch, t(12, 0), t(13, 30)).unwrap()
    }

    /// Paris, lunch 12:00–13:30 and dinner 19:00–21:00 every day, 90-minute turns.
    fn rules() -> Rules {
        let mut rules = Rules::new(Paris);
        rules.periods = ALL_DAYS
            .iter()
            .flat_map(|&day| {
                [
                    ServicePeriod::new(day, dinner()),
                    ServicePeriod::new(day, lunch()),
                ]
            })
            .collect();
        rules.turn_times = TurnTimes::uniform(90).unwrap();
        rules
    }

    use crate::test_support::{booking, table};

    /// 2026-05-01 08:00 UTC (10:00 in Paris).
    fn now() -> DateTime<Utc> {
        utc(2026, 5, 1, 8, 0)
    }

    /// Saturday 2026-05-02, Paris is UTC+2.
    fn saturday() -> NaiveDate {
        d(2026, 5, 2)
    }

    fn reasons(day: &DayAvailability, kind: ServiceKind) -> Vec<(NaiveTime, Option<Unavailable>)> {
        day.periods
            .iter()
            .filter(|p| p.kind == kind)
            .flat_map(|p| &p.slots)
            .map(|s| (s.local_time, s.reason))
            .collect()
    }

    fn day(
        rules: &Rules,
        tables: &[Table],
        bookings: &[ExistingBooking],
        now: DateTime<Utc>,
        date: NaiveDate,
        party: u32,
    ) -> DayAvailability {
        day_availability(rules, tables, &[], bookings, now, date, party)
    }

    #[test]
    fn slots_every_interval_including_last_seating() {
        let got = day(&rules(), &[table(1, 1, 4)], &[], now(), saturday(), 2);
        assert!(!got.closed);
        assert_eq!(got.date, saturday());
        assert_eq!(got.party_size, 2);
        let kinds: Vec<_> = got.periods.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [ServiceKind::Lunch, ServiceKind::Dinner]);
        let lunch: Vec<_> = got.periods[0].slots.iter().map(|s| s.local_time).collect();
        assert_eq!(
            lunch,
            [
                t(12, 0),
                t(12, 15),
                t(12, 30),
                t(12, 45),
                t(13, 0),
                t(13, 15),
                t(13, 30)
            ]
        );
        let dinner = &got.periods[1].slots;
        assert_eq!(dinner.len(), 9);
        assert_eq!(dinner[0].start, utc(2026, 5, 2, 17, 0));
        assert_eq!(dinner[8].local_time, t(21, 0));
        assert_eq!(dinner[8].start, utc(2026, 5, 2, 19, 0));
        assert!(got.slots().all(|s| s.available && s.reason.is_none()));
    }

    #[test]
    fn too_soon_within_minimum_notice() {
        // 17:30 in Paris with 2 hours' notice: 19:30 is the first bookable slot.
        let now = utc(2026, 5, 2, 15, 30);
        let got = day(&rules(), &[table(1, 1, 4)], &[], now, saturday(), 2);
        assert!(reasons(&got, ServiceKind::Lunch)
            .iter()
            .all(|&(_, r)| r == Some(Unavailable::TooSoon)));
        let dinner = reasons(&got, ServiceKind::Dinner);
        assert_eq!(dinner[1], (t(19, 15), Some(Unavailable::TooSoon)));
        assert_eq!(dinner[2], (t(19, 30), None));
        // Days in the past are too soon as well.
        let past = day(&rules(), &[table(1, 1, 4)], &[], now, d(2026, 4, 30), 2);
        assert!(past.slots().all(|s| s.reason == Some(Unavailable::TooSoon)));
    }

    #[test]
    fn too_far_ahead_after_max_advance_days() {
        let tables = [table(1, 1, 4)];
        // Today in Paris is 2026-05-01; 60 days later is 2026-06-30.
        let last = day(&rules(), &tables, &[], now(), d(2026, 6, 30), 2);
        assert!(last.slots().all(|s| s.available));
        let after = day(&rules(), &tables, &[], now(), d(2026, 7, 1), 2);
        assert!(!after.closed);
        assert!(after
            .slots()
            .all(|s| s.reason == Some(Unavailable::TooFarAhead)));
        // The limit counts from the restaurant's local date: 23:30 UTC on
        // 30 April is already 1 May in Paris.
        let late = utc(2026, 4, 30, 23, 30);
        let got = day(&rules(), &tables, &[], late, d(2026, 6, 30), 2);
        assert!(got.any_available());
    }

    #[test]
    fn party_size_outside_online_limits() {
        let tables = [table(1, 1, 12)];
        for party in [0, 9, 20] {
            let got = day(&rules(), &tables, &[], now(), saturday(), party);
            assert_eq!(got.slots().count(), 16);
            assert!(got
                .slots()
                .all(|s| !s.available && s.reason == Some(Unavailable::PartySize)));
        }
        let mut rules = rules();
        rules.window = BookingWindow::new(120, 60, 2, 10).unwrap();
        let got = day(&rules, &tables, &[], now(), saturday(), 1);
        assert!(got
            .slots()
            .all(|s| s.reason == Some(Unavailable::PartySize)));
        let got = day(&rules, &tables, &[], now(), saturday(), 10);
        assert!(got.slots().all(|s| s.available));
        // The party-size reason wins over the others.
        let got = day(&rules, &tables, &[], now(), d(2027, 1, 1), 11);
        assert!(got
            .slots()
            .all(|s| s.reason == Some(Unavailable::PartySize)));
    }

    #[test]
    fn blackout_closes_the_day() {
        let mut rules = rules();
        rules
            .exceptions
            .push(Exception::closed(d(2026, 5, 2), d(2026, 5, 3)).unwrap());
        let tables = [table(1, 1, 4)];
        for date in [d(2026, 5, 2), d(2026, 5, 3)] {
            let got = day(&rules, &tables, &[], now(), date, 2);
            assert!(got.closed);
            assert!(got.periods.is_empty());
        }
        assert!(!day(&rules, &tables, &[], now(), d(2026, 5, 4), 2).closed);
    }

    #[test]
    fn weekday_without_periods_is_closed() {
        let mut rules = rules();
        rules.periods.retain(|p| p.weekday != Weekday::Mon);
        let got = day(&rules, &[table(1, 1, 4)], &[], now(), d(2026, 5, 4), 2);
        assert!(got.closed);
    }

    #[test]
    fn special_hours_replace_the_weekly_periods() {
        let mut rules = rules();
        let brunch = PeriodHours::new(ServiceKind::Lunch, t(11, 0), t(11, 30))
            .unwrap()
            .with_interval(30)
            .unwrap();
        rules.exceptions.push(Exception::SpecialHours {
            date: saturday(),
            periods: vec![brunch],
        });
        rules.exceptions.push(Exception::SpecialHours {
            date: d(2026, 5, 3),
            periods: vec![],
        });
        let tables = [table(1, 1, 4)];
        let got = day(&rules, &tables, &[], now(), saturday(), 2);
        assert_eq!(
            reasons(&got, ServiceKind::Lunch),
            [(t(11, 0), None), (t(11, 30), None)]
        );
        assert!(reasons(&got, ServiceKind::Dinner).is_empty());
        assert!(day(&rules, &tables, &[], now(), d(2026, 5, 3), 2).closed);
        assert_eq!(
            day(&rules, &tables, &[], now(), d(2026, 5, 4), 2)
                .slots()
                .count(),
            16
        );
    }

    #[test]
    fn full_when_every_fitting_table_is_taken() {
        // Tables 1 and 2 fit two guests; table 3 (6–8 seats) does not.
        let tables = [table(1, 1, 2), table(2, 1, 4), table(3, 6, 8)];
        let bookings = [
            booking(1, utc(2026, 5, 2, 16, 30), utc(2026, 5, 2, 18, 30), 2, &[1]),
            booking(2, utc(2026, 5, 2, 17, 0), utc(2026, 5, 2, 19, 0), 4, &[2]),
        ];
        let got = day(&rules(), &tables, &bookings, now(), saturday(), 2);
        let dinner = reasons(&got, ServiceKind::Dinner);
        // Until 20:30 local (18:30 UTC) table 1 is taken and table 2 until 21:00.
        for &(time, reason) in &dinner {
            let expected = (time < t(20, 30)).then_some(Unavailable::Full);
            assert_eq!(reason, expected, "{time}");
        }
        // Lunch is untouched.
        assert!(got.periods[0].slots.iter().all(|s| s.available));
        // Each Full slot is exactly one where assign_tables finds nothing.
        for slot in got.slots() {
            let end = slot.start + TimeDelta::minutes(90);
            let assigned = assign_tables(&tables, &[], &bookings, slot.start, end, 2);
            assert_eq!(assigned.is_none(), slot.reason == Some(Unavailable::Full));
        }
    }

    #[test]
    fn full_when_a_later_booking_cuts_the_turn() {
        let tables = [table(1, 1, 2)];
        // A booking at 20:30 local: a 90-minute turn must start by 19:00.
        let bookings = [booking(
            1,
            utc(2026, 5, 2, 18, 30),
            utc(2026, 5, 2, 20, 0),
            2,
            &[1],
        )];
        let got = day(&rules(), &tables, &bookings, now(), saturday(), 2);
        let dinner = reasons(&got, ServiceKind::Dinner);
        assert_eq!(dinner[0], (t(19, 0), None));
        assert!(dinner[1..]
            .iter()
            .all(|&(_, r)| r == Some(Unavailable::Full)));
    }

    #[test]
    fn booking_ending_at_slot_start_does_not_block() {
        let tables = [table(1, 1, 2)];
        // Ends 19:30 local.
        let bookings = [booking(
            1,
            utc(2026, 5, 2, 16, 0),
            utc(2026, 5, 2, 17, 30),
            2,
            &[1],
        )];
        let got = day(&rules(), &tables, &bookings, now(), saturday(), 2);
        let dinner = reasons(&got, ServiceKind::Dinner);
        assert_eq!(dinner[1], (t(19, 15), Some(Unavailable::Full)));
        assert_eq!(dinner[2], (t(19, 30), None));
    }

    #[test]
    fn pacing_limits_covers_starting_in_a_slot() {
        let mut rules = rules();
        let paced = dinner().with_pacing(6).unwrap();
        rules.periods = vec![ServicePeriod::new(Weekday::Sat, paced)];
        let tables: Vec<Table> = (1..=6).map(|id| table(id, 1, 4)).collect();
        // 19:00 local: 2 + 2 guests, one of them starting at 19:05 (phone booking).
        let bookings = [
            booking(1, utc(2026, 5, 2, 17, 0), utc(2026, 5, 2, 18, 30), 2, &[1]),
            booking(2, utc(2026, 5, 2, 17, 5), utc(2026, 5, 2, 18, 35), 2, &[2]),
            // 19:30 local: 6 guests on two tables.
            booking(
                3,
                utc(2026, 5, 2, 17, 30),
                utc(2026, 5, 2, 19, 0),
                6,
                &[3, 4],
            ),
        ];
        let two = day(&rules, &tables, &bookings, now(), saturday(), 2);
        let two = reasons(&two, ServiceKind::Dinner);
        assert_eq!(two[0], (t(19, 0), None));
        assert_eq!(two[2], (t(19, 30), Some(Unavailable::Pacing)));
        let three = day(&rules, &tables, &bookings, now(), saturday(), 3);
        let three = reasons(&three, ServiceKind::Dinner);
        assert_eq!(three[0], (t(19, 0), Some(Unavailable::Pacing)));
        assert_eq!(three[1], (t(19, 15), None));
        // A party above the limit never fits.
        let seven = day(&rules, &[table(9, 1, 8)], &[], now(), saturday(), 7);
        assert!(seven.slots().all(|s| s.reason == Some(Unavailable::Pacing)));
    }

    #[test]
    fn offline_tables_never_make_a_slot_available() {
        let mut offline = table(1, 1, 4);
        offline.bookable_online = false;
        let mut inactive = table(2, 1, 4);
        inactive.active = false;
        let got = day(&rules(), &[offline, inactive], &[], now(), saturday(), 2);
        assert!(got.slots().all(|s| s.reason == Some(Unavailable::Full)));
    }

    #[test]
    fn combinations_seat_larger_parties() {
        let tables = [table(1, 1, 4), table(2, 1, 4)];
        let combos = [Combination {
            id: 1,
            table_ids: vec![1, 2],
        }];
        let got = day_availability(&rules(), &tables, &combos, &[], now(), saturday(), 7);
        assert!(got.slots().all(|s| s.available));
        let got = day_availability(&rules(), &tables, &[], &[], now(), saturday(), 7);
        assert!(got.slots().all(|s| s.reason == Some(Unavailable::Full)));
    }

    fn evening_rules() -> Rules {
        let mut rules = rules();
        rules.periods = ALL_DAYS
            .iter()
            .map(|&day| ServicePeriod::new(day, dinner()))
            .collect();
        rules
    }

    fn first_slot(rules: &Rules, date: NaiveDate) -> Slot {
        let now = utc(2026, 3, 1, 0, 0);
        let got = day(rules, &[table(1, 1, 4)], &[], now, date, 2);
        got.periods[0].slots[0]
    }

    #[test]
    fn dst_spring_forward_shifts_utc_offset() {
        let rules = evening_rules();
        let before = first_slot(&rules, d(2026, 3, 28));
        assert_eq!(
            (before.local_time, before.start),
            (t(19, 0), utc(2026, 3, 28, 18, 0))
        );
        let after = first_slot(&rules, d(2026, 3, 29));
        assert_eq!(
            (after.local_time, after.start),
            (t(19, 0), utc(2026, 3, 29, 17, 0))
        );
    }

    #[test]
    fn dst_fall_back_shifts_utc_offset() {
        let rules = evening_rules();
        let before = first_slot(&rules, d(2026, 10, 24));
        assert_eq!(before.start, utc(2026, 10, 24, 17, 0));
        let after = first_slot(&rules, d(2026, 10, 25));
        assert_eq!(after.start, utc(2026, 10, 25, 18, 0));
    }

    fn night_rules(date: NaiveDate) -> Rules {
        let mut rules = Rules::new(Paris);
        let night = PeriodHours::new(ServiceKind::Dinner, t(1, 30), t(3, 30)).unwrap();
        rules.exceptions.push(Exception::SpecialHours {
            date,
            periods: vec![night],
        });
        rules
    }

    #[test]
    fn dst_gap_skips_nonexistent_local_times() {
        let date = d(2026, 3, 29);
        let got = day(
            &night_rules(date),
            &[table(1, 1, 4)],
            &[],
            utc(2026, 3, 1, 0, 0),
            date,
            2,
        );
        let slots: Vec<_> = got.slots().map(|s| (s.local_time, s.start)).collect();
        assert_eq!(
            slots,
            [
                (t(1, 30), utc(2026, 3, 29, 0, 30)),
                (t(1, 45), utc(2026, 3, 29, 0, 45)),
                (t(3, 0), utc(2026, 3, 29, 1, 0)),
                (t(3, 15), utc(2026, 3, 29, 1, 15)),
                (t(3, 30), utc(2026, 3, 29, 1, 30)),
            ]
        );
        assert!(got.slots().all(|s| s.available));
    }

    #[test]
    fn dst_overlap_uses_earlier_instant() {
        let date = d(2026, 10, 25);
        let got = day(
            &night_rules(date),
            &[table(1, 1, 4)],
            &[],
            utc(2026, 10, 1, 0, 0),
            date,
            2,
        );
        let slots: Vec<_> = got.slots().map(|s| (s.local_time, s.start)).collect();
        assert_eq!(slots.len(), 9);
        assert!(slots.contains(&(t(2, 30), utc(2026, 10, 25, 0, 30))));
        assert!(slots.contains(&(t(3, 0), utc(2026, 10, 25, 2, 0))));
        assert!(slots.windows(2).all(|w| w[0].1 < w[1].1));
        assert_eq!(
            local_to_utc(&Paris, date, t(2, 30)),
            Some(utc(2026, 10, 25, 0, 30))
        );
        assert_eq!(local_to_utc(&Paris, d(2026, 3, 29), t(2, 30)), None);
    }

    #[test]
    fn month_marks_days_with_a_free_slot() {
        let mut rules = rules();
        rules.periods.retain(|p| p.weekday != Weekday::Mon);
        rules
            .exceptions
            .push(Exception::closed(d(2026, 5, 14), d(2026, 5, 14)).unwrap());
        let tables = [table(1, 1, 4)];
        // Table 1 taken all evening and lunch on 20 May.
        let bookings = [booking(
            1,
            utc(2026, 5, 20, 8, 0),
            utc(2026, 5, 20, 22, 0),
            2,
            &[1],
        )];
        let got = month_availability(&rules, &tables, &[], &bookings, now(), 2026, 5, 2);
        assert_eq!(got.len(), 31);
        assert_eq!(got[0].0, d(2026, 5, 1));
        assert_eq!(got[30].0, d(2026, 5, 31));
        for &(date, open) in &got {
            let expected =
                date.weekday() != Weekday::Mon && date != d(2026, 5, 14) && date != d(2026, 5, 20);
            assert_eq!(open, expected, "{date}");
            let day = day_availability(&rules, &tables, &[], &bookings, now(), date, 2);
            assert_eq!(open, day.any_available(), "{date}");
        }
        assert!(month_availability(&rules, &tables, &[], &bookings, now(), 2026, 13, 2).is_empty());
        assert_eq!(
            month_availability(&rules, &tables, &[], &[], now(), 2028, 2, 2).len(),
            29
        );
    }

    #[test]
    fn start_index_matches_linear_filter() {
        let bookings: Vec<ExistingBooking> = (0..200)
            .map(|i| {
                let start = utc(2026, 5, 1, 0, 0) + TimeDelta::minutes(i * 37 % 3000);
                let end = start + TimeDelta::minutes(30 + (i * 53 % 400));
                booking(i, start, end, 2, &[i % 7])
            })
            .collect();
        let index = StartIndex::new(&bookings, None);
        let narrowed = StartIndex::new(
            &bookings,
            Some((utc(2026, 5, 1, 10, 0), utc(2026, 5, 2, 12, 0))),
        );
        for k in 0..60 {
            let from = utc(2026, 5, 1, 0, 0) + TimeDelta::minutes(k * 50);
            let to = from + TimeDelta::minutes(k * 7 % 240);
            let mut got: Vec<i64> = index.overlapping(from, to).iter().map(|b| b.id).collect();
            got.sort_unstable();
            let want: Vec<i64> = bookings
                .iter()
                .filter(|b| overlaps(b.start, b.end, from, to))
                .map(|b| b.id)
                .collect();
            assert_eq!(got, want);
            if from >= utc(2026, 5, 1, 10, 0) && to <= utc(2026, 5, 2, 12, 0) {
                let mut got: Vec<i64> = narrowed
                    .overlapping(from, to)
                    .iter()
                    .map(|b| b.id)
                    .collect();
                got.sort_unstable();
                assert_eq!(got, want);
            }
        }
    }
}
