//! Property tests: whatever the rules, tables, bookings and clock, an
//! available slot is within service, within the booking window, within
//! pacing, and has free tables; booking slots one after another never
//! double-books a table.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;
use rules::{
    assign_tables, day_availability, is_free, month_availability, overlaps, BookingWindow,
    Combination, DayAvailability, Exception, ExistingBooking, PeriodHours, Rules, ServiceKind,
    ServicePeriod, Table, TurnTimes, Unavailable,
};

const ZONES: [Tz; 7] = [
    chrono_tz::Europe::Paris,
    chrono_tz::America::New_York,
    chrono_tz::UTC,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Pacific::Kiritimati,
    chrono_tz::Pacific::Pago_Pago,
];

/// Dates a few days before clock changes (Europe, then the US).
fn base_dates() -> [NaiveDate; 3] {
    [
        NaiveDate::from_ymd_opt(2026, 3, 27).unwrap(),
        NaiveDate::from_ymd_opt(2026, 10, 23).unwrap(),
        NaiveDate::from_ymd_opt(2026, 10, 30).unwrap(),
    ]
}

fn time(minutes: u32) -> NaiveTime {
    NaiveTime::from_num_seconds_from_midnight_opt(minutes.min(24 * 60 - 1) * 60, 0).unwrap()
}

fn period_hours() -> impl Strategy<Value = PeriodHours> {
    (
        prop_oneof![Just(ServiceKind::Lunch), Just(ServiceKind::Dinner)],
        0u32..24 * 60,
        0u32..300,
        prop_oneof![Just(5u32), Just(15), Just(30), Just(45), Just(60)],
        proptest::option::of(1u32..16),
    )
        .prop_map(|(kind, first, length, interval, pacing)| {
            let hours = PeriodHours::new(kind, time(first), time(first + length))
                .unwrap()
                .with_interval(interval)
                .unwrap();
            match pacing {
                Some(max) => hours.with_pacing(max).unwrap(),
                None => hours,
            }
        })
}

fn exception(base: NaiveDate) -> impl Strategy<Value = Exception> {
    prop_oneof![
        (0u64..8, 0u64..3).prop_map(move |(from, len)| {
            let from = base + Days::new(from);
            Exception::closed(from, from + Days::new(len)).unwrap()
        }),
        (0u64..8, proptest::collection::vec(period_hours(), 0..3)).prop_map(
            move |(day, periods)| Exception::SpecialHours {
                date: base + Days::new(day),
                periods,
            }
        ),
    ]
}

fn rules(base: NaiveDate) -> impl Strategy<Value = Rules> {
    (
        proptest::sample::select(ZONES.to_vec()),
        proptest::collection::vec((0u8..7, period_hours()), 4..20),
        proptest::collection::vec(exception(base), 0..3),
        (
            0u32..300,
            prop_oneof![1 => 0u32..10, 2 => 10u32..30],
            prop_oneof![4 => Just(1u32), 1 => 2u32..4],
            2u32..8,
        ),
        prop_oneof![
            Just(TurnTimes::default()),
            (15u32..240).prop_map(|m| TurnTimes::uniform(m).unwrap()),
        ],
    )
        .prop_map(
            |(time_zone, periods, exceptions, (notice, advance, min_party, extra), turn_times)| {
                Rules {
                    time_zone,
                    periods: periods
                        .into_iter()
                        .map(|(day, hours)| {
                            ServicePeriod::new(Weekday::try_from(day).unwrap(), hours)
                        })
                        .collect(),
                    exceptions,
                    window: BookingWindow::new(notice, advance, min_party, min_party + extra)
                        .unwrap(),
                    turn_times,
                }
            },
        )
}

fn tables() -> impl Strategy<Value = Vec<Table>> {
    proptest::collection::vec(
        (
            1u32..4,
            0u32..6,
            prop::bool::weighted(0.85),
            prop::bool::weighted(0.9),
        ),
        1..8,
    )
    .prop_map(|specs| {
        specs
            .into_iter()
            .zip(1..)
            .map(|((min, extra, online, active), id)| Table {
                id,
                min_seats: min,
                max_seats: min + extra,
                bookable_online: online,
                active,
            })
            .collect()
    })
}

fn combinations() -> impl Strategy<Value = Vec<Combination>> {
    proptest::collection::vec(proptest::collection::vec(1i64..10, 1..4), 0..4).prop_map(|sets| {
        sets.into_iter()
            .zip(100..)
            .map(|(table_ids, id)| Combination { id, table_ids })
            .collect()
    })
}

fn bookings(start_of: DateTime<Utc>) -> impl Strategy<Value = Vec<ExistingBooking>> {
    proptest::collection::vec(
        (
            0i64..(9 * 24 * 12),
            3i64..48,
            1u32..9,
            proptest::collection::vec(1i64..9, 1..3),
        ),
        0..40,
    )
    .prop_map(move |specs| {
        specs
            .into_iter()
            .zip(1..)
            .map(|((at, length, party_size, table_ids), id)| {
                let start = start_of + TimeDelta::minutes(at * 5);
                ExistingBooking {
                    id,
                    start,
                    end: start + TimeDelta::minutes(length * 5),
                    party_size,
                    table_ids,
                }
            })
            .collect()
    })
}

#[derive(Debug, Clone)]
struct Case {
    rules: Rules,
    tables: Vec<Table>,
    combinations: Vec<Combination>,
    bookings: Vec<ExistingBooking>,
    now: DateTime<Utc>,
    date: NaiveDate,
    party: u32,
}

fn case() -> impl Strategy<Value = Case> {
    proptest::sample::select(base_dates().to_vec()).prop_flat_map(|base| {
        let start_of = Utc.from_utc_datetime(&base.and_time(NaiveTime::MIN)) - TimeDelta::days(1);
        (
            rules(base),
            tables(),
            combinations(),
            bookings(start_of),
            0i64..(4 * 24 * 60),
            0u64..10,
            prop_oneof![19 => 1u32..7, 1 => 0u32..12],
        )
            .prop_map(
                move |(rules, tables, combinations, bookings, now, day, party)| Case {
                    rules,
                    tables,
                    combinations,
                    bookings,
                    now: start_of + TimeDelta::minutes(now),
                    date: base + Days::new(day),
                    party,
                },
            )
    })
}

impl Case {
    fn day(&self) -> DayAvailability {
        day_availability(
            &self.rules,
            &self.tables,
            &self.combinations,
            &self.bookings,
            self.now,
            self.date,
            self.party,
        )
    }

    fn turn(&self, party: u32) -> TimeDelta {
        TimeDelta::minutes(i64::from(self.rules.turn_times.minutes_for(party)))
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// (a) Slots lie within the date's service periods and are the right
    /// instants; closed days have none.
    #[test]
    fn slots_lie_within_service(case in case()) {
        let day = case.day();
        let periods = case.rules.periods_on(case.date);
        prop_assert_eq!(day.closed, periods.is_empty());
        prop_assert_eq!(day.periods.len(), periods.len());
        for (got, period) in day.periods.iter().zip(&periods) {
            prop_assert_eq!(got.kind, period.kind());
            for slot in &got.slots {
                prop_assert!(period.contains(slot.local_time));
                let local = slot.start.with_timezone(&case.rules.time_zone).naive_local();
                prop_assert_eq!(local, case.date.and_time(slot.local_time));
                prop_assert_eq!(slot.available, slot.reason.is_none());
            }
            prop_assert!(got.slots.windows(2).all(|w| w[0].local_time < w[1].local_time));
        }
    }

    /// (b) Available slots respect notice, advance and party size.
    #[test]
    fn available_slots_respect_the_booking_window(case in case()) {
        let window = case.rules.window;
        let earliest = case.now + TimeDelta::minutes(i64::from(window.min_notice_minutes()));
        let today = case.now.with_timezone(&case.rules.time_zone).date_naive();
        let last = today + Days::new(u64::from(window.max_advance_days()));
        for slot in case.day().slots() {
            let expected_early = if !window.accepts_party(case.party) {
                Some(Unavailable::PartySize)
            } else if case.date > last {
                Some(Unavailable::TooFarAhead)
            } else if slot.start < earliest {
                Some(Unavailable::TooSoon)
            } else {
                None
            };
            if expected_early.is_some() {
                prop_assert_eq!(slot.reason, expected_early);
            } else {
                prop_assert!(!matches!(
                    slot.reason,
                    Some(Unavailable::PartySize | Unavailable::TooFarAhead | Unavailable::TooSoon)
                ));
            }
        }
    }

    /// (c) Available slots have free, fitting tables; `Full` means
    /// `assign_tables` finds nothing.
    #[test]
    fn available_slots_have_free_tables(case in case()) {
        for slot in case.day().slots() {
            let end = slot.start + case.turn(case.party);
            let assigned = assign_tables(
                &case.tables,
                &case.combinations,
                &case.bookings,
                slot.start,
                end,
                case.party,
            );
            match slot.reason {
                None => {
                    let assigned = assigned.expect("an available slot has tables");
                    let mut seats = 0;
                    for id in &assigned.table_ids {
                        prop_assert!(is_free(*id, &case.bookings, slot.start, end));
                        let table = case.tables.iter().find(|t| t.id == *id).unwrap();
                        prop_assert!(table.active && table.bookable_online);
                        seats += table.max_seats;
                    }
                    prop_assert!(seats >= case.party);
                }
                Some(Unavailable::Full) => prop_assert!(assigned.is_none()),
                Some(_) => {}
            }
        }
    }

    /// (d) Pacing is never exceeded by an available slot, and `Pacing` means
    /// it would be.
    #[test]
    fn pacing_is_never_exceeded(case in case()) {
        let day = case.day();
        let periods = case.rules.periods_on(case.date);
        for (got, period) in day.periods.iter().zip(&periods) {
            let Some(max) = period.max_covers_per_slot() else {
                prop_assert!(got.slots.iter().all(|s| s.reason != Some(Unavailable::Pacing)));
                continue;
            };
            let interval = TimeDelta::minutes(i64::from(period.slot_interval_minutes()));
            for slot in &got.slots {
                let covers: u32 = case
                    .bookings
                    .iter()
                    .filter(|b| slot.start <= b.start && b.start < slot.start + interval)
                    .map(|b| b.party_size)
                    .sum();
                match slot.reason {
                    None => prop_assert!(covers + case.party <= max),
                    Some(Unavailable::Pacing) => prop_assert!(covers + case.party > max),
                    _ => {}
                }
            }
        }
    }

    /// (e) Booking the first available slot again and again never puts two
    /// bookings on one table at once, and each new booking makes its tables
    /// busy.
    #[test]
    fn sequential_bookings_never_double_book(
        case in case(),
        parties in proptest::collection::vec(1u32..9, 1..16),
    ) {
        let mut bookings = case.bookings.clone();
        let first_new = bookings.len();
        for (party, id) in parties.into_iter().zip(1000..) {
            let day = day_availability(
                &case.rules, &case.tables, &case.combinations, &bookings, case.now, case.date, party,
            );
            let Some(slot) = day.slots().find(|s| s.available) else { continue };
            let end = slot.start + case.turn(party);
            let assigned = assign_tables(
                &case.tables, &case.combinations, &bookings, slot.start, end, party,
            ).expect("an available slot has tables");
            bookings.push(ExistingBooking {
                id,
                start: slot.start,
                end,
                party_size: party,
                table_ids: assigned.table_ids.clone(),
            });
            for table in &assigned.table_ids {
                prop_assert!(!is_free(*table, &bookings, slot.start, end));
            }
        }
        for new in &bookings[first_new..] {
            for other in bookings.iter().filter(|b| b.id != new.id) {
                let shares_table = other.table_ids.iter().any(|t| new.table_ids.contains(t));
                prop_assert!(
                    !(shares_table && overlaps(new.start, new.end, other.start, other.end)),
                    "booking {} overlaps booking {}", new.id, other.id
                );
            }
        }
    }

    /// The month view agrees with the day view.
    #[test]
    fn month_agrees_with_days(case in case()) {
        let month = month_availability(
            &case.rules,
            &case.tables,
            &case.combinations,
            &case.bookings,
            case.now,
            case.date.year(),
            case.date.month(),
            case.party,
        );
        prop_assert_eq!(month.len(), days_in_month(case.date));
        let (date, open) = month[case.date.day0() as usize];
        prop_assert_eq!(date, case.date);
        prop_assert_eq!(open, case.day().any_available());
    }
}

fn days_in_month(date: NaiveDate) -> usize {
    let first = date.with_day(1).unwrap();
    first
        .iter_days()
        .take_while(|d| d.month() == date.month())
        .count()
}
