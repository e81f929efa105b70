//! One day's and one month's availability for a 60-table dining room with
//! 20,000 bookings over 60 days.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use criterion::{criterion_group, criterion_main, Criterion};
use rules::{
    assign_tables, day_availability, local_to_utc, month_availability, Combination,
    ExistingBooking, PeriodHours, Rules, ServiceKind, ServicePeriod, Table,
};
use std::hint::black_box;

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A small deterministic generator (64-bit LCG), so runs are comparable.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn rules() -> Rules {
    let lunch = PeriodHours::new(ServiceKind::Lunch, t(12, 0), t(14, 0)).unwrap();
    let dinner = PeriodHours::new(ServiceKind::Dinner, t(19, 0), t(22, 0))
        .unwrap()
        .with_pacing(40)
        .unwrap();
    let mut rules = Rules::new(chrono_tz::Europe::Paris);
    rules.periods = WEEK
        .iter()
        .flat_map(|&day| {
            [
                ServicePeriod::new(day, lunch),
                ServicePeriod::new(day, dinner),
            ]
        })
        .collect();
    rules
}

/// 60 tables of 2 to 8 seats, a few kept offline.
fn tables() -> Vec<Table> {
    const SIZES: [(u32, u32); 8] = [
        (1, 2),
        (1, 2),
        (2, 4),
        (2, 4),
        (4, 6),
        (5, 8),
        (1, 2),
        (2, 4),
    ];
    (1..=60)
        .map(|id| {
            let (min_seats, max_seats) = SIZES[(id as usize) % SIZES.len()];
            Table {
                id,
                min_seats,
                max_seats,
                bookable_online: id % 15 != 0,
                active: true,
            }
        })
        .collect()
}

fn combinations() -> Vec<Combination> {
    [
        vec![3, 4],
        vec![11, 12],
        vec![19, 20],
        vec![1, 2],
        vec![5, 6],
        vec![1, 2, 3],
    ]
    .into_iter()
    .zip(1..)
    .map(|(table_ids, id)| Combination { id, table_ids })
    .collect()
}

/// 20,000 bookings on random tables at random seatings over 60 days.
fn bookings(rules: &Rules, tables: &[Table], first: NaiveDate) -> Vec<ExistingBooking> {
    let mut rng = Lcg(42);
    let seatings: Vec<NaiveTime> = rules.periods[..2]
        .iter()
        .flat_map(|p| p.hours.seatings())
        .collect();
    (0..20_000)
        .map(|id| {
            let date = first + Days::new(rng.below(60));
            let time = seatings[rng.below(seatings.len() as u64) as usize];
            let start = local_to_utc(&rules.time_zone, date, time).unwrap();
            let table = &tables[rng.below(tables.len() as u64) as usize];
            let party = 1 + rng.below(u64::from(table.max_seats)) as u32;
            let end = start + TimeDelta::minutes(i64::from(rules.turn_times.minutes_for(party)));
            ExistingBooking {
                id,
                start,
                end,
                party_size: party,
                table_ids: vec![table.id],
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rules = rules();
    let tables = tables();
    let combinations = combinations();
    let now: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap();
    let bookings = bookings(
        &rules,
        &tables,
        NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
    );
    let date = NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();

    let sample = day_availability(&rules, &tables, &combinations, &bookings, now, date, 2);
    let available = sample.slots().filter(|s| s.available).count();
    eprintln!(
        "sample day: {} slots, {available} available for 2",
        sample.slots().count()
    );

    for party in [2, 6] {
        c.bench_function(&format!("day_availability party {party}"), |b| {
            b.iter(|| {
                day_availability(
                    black_box(&rules),
                    black_box(&tables),
                    black_box(&combinations),
                    black_box(&bookings),
                    black_box(now),
                    black_box(date),
                    black_box(party),
                )
            })
        });
    }
    c.bench_function("month_availability party 2", |b| {
        b.iter(|| {
            month_availability(
                black_box(&rules),
                black_box(&tables),
                black_box(&combinations),
                black_box(&bookings),
                black_box(now),
                black_box(2026),
                black_box(5),
                black_box(2),
            )
        })
    });
    let start = local_to_utc(&rules.time_zone, date, t(20, 0)).unwrap();
    c.bench_function("assign_tables party 4", |b| {
        b.iter(|| {
            assign_tables(
                black_box(&tables),
                black_box(&combinations),
                black_box(&bookings),
                black_box(start),
                black_box(start + TimeDelta::minutes(105)),
                black_box(4),
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
