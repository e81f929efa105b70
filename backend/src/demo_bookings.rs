//! Demo bookings for load tests and demos: `server demo bookings --count N`
//! fills the restaurant with `N` confirmed bookings, as guests would have
//! made them online, over the coming days (fuller near today) and as many
//! past days as it takes.
//!
//! Each booking is placed by the booking rules themselves, one at a time,
//! on the bookings already placed that day: a slot the rules offer (turn
//! times, pacing, online tables and combinations), and the tables
//! [`rules::assign_tables`] picks. So no two bookings hold a table at
//! overlapping times, and the database (which refuses that) agrees.
//! Bookings get no manage token and no e-mail; their history line says
//! `{"source":"demo"}`.
//!
//! The plan is deterministic for a given seed, today and setup. It is
//! written in batches, each in one booking transaction, and refused when
//! the restaurant already has bookings.

use crate::error::StoreError;
use crate::store::{BookingSetup, ImportedReservation, Store};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc, Weekday};
use domain::ReservationStatus;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rules::ExistingBooking;
use std::collections::{BTreeMap, HashSet};

/// Reservations written per booking transaction.
const BATCH: usize = 1_000;
/// Bookings tried on the busiest day (the rules stop earlier when it is full).
const BUSY_DAY: f64 = 48.0;
/// Past days looked at, at most, before giving up (ten years).
const MAX_DAYS: i64 = 3_660;

/// Party sizes and their weights (per cent).
const PARTIES: &[(u32, u32)] = &[
    (1, 4),
    (2, 46),
    (3, 12),
    (4, 20),
    (5, 6),
    (6, 6),
    (7, 3),
    (8, 3),
];

const FIRST_NAMES: &[&str] = &[
    "Camille", "Louise", "Chloe", "Manon", "Ines", "Jade", "Lea", "Alice", "Sarah", "Emma",
    "Claire", "Julie", "Anna", "Nora", "Zoe", "Lucas", "Hugo", "Louis", "Gabriel", "Arthur",
    "Jules", "Adam", "Nathan", "Paul", "Victor", "Thomas", "Antoine", "Mehdi", "Yanis", "Oliver",
    "James", "Sophie", "Marco", "Elena", "Kenji", "Aiko",
];

const LAST_NAMES: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "Andre", "Mercier", "Blanc", "Guerin", "Boyer",
    "Smith", "Rossi", "Muller", "Tanaka", "Haddad",
];

const NOTES: &[&str] = &[
    "Anniversaire de mariage",
    "Allergie aux fruits à coque",
    "Une chaise haute, s'il vous plaît",
    "Birthday dinner",
    "Vegetarian, please",
    "En terrasse si possible",
    "Nous arriverons peut-être un peu en retard",
    "Gluten-free",
];

/// What [`add_bookings`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub count: usize,
    /// The first and last dates with a booking.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Dates that got at least one booking.
    pub days: usize,
    /// The coming date (after today) with the most bookings, and how many.
    pub busiest_coming_day: Option<(NaiveDate, usize)>,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "the restaurant already has {0} bookings: demo bookings go into a fresh database \
         (they would mix with real ones)"
    )]
    NotEmpty(i64),
    #[error("only {fitted} of {wanted} bookings fit in {MAX_DAYS} days of service")]
    TooMany { wanted: usize, fitted: usize },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Plans `count` bookings for the restaurant (see the module's comment) as
/// of `now`, and writes them. Refused when it has bookings already.
pub async fn add_bookings(
    store: &Store,
    now: DateTime<Utc>,
    count: usize,
    seed: u64,
) -> Result<Added, DemoError> {
    let setup = store.setup().await?;
    let restaurant_id = setup.restaurant.id;
    let existing = store.reservation_count(restaurant_id).await?;
    if existing > 0 {
        return Err(DemoError::NotEmpty(existing));
    }
    let began = std::time::Instant::now();
    let planned = plan(&setup.booking, now, count, seed)?;
    let planned_in = began.elapsed();
    let added = summary(&setup.booking, now, &planned);
    for batch in planned.chunks(BATCH) {
        store.import_reservations(restaurant_id, batch).await?;
    }
    tracing::info!(
        count = planned.len(),
        planned_ms = planned_in.as_millis(),
        written_ms = (began.elapsed() - planned_in).as_millis(),
        "added demo bookings"
    );
    Ok(added)
}

/// `count` bookings, the latest first. Pure: the same arguments give the
/// same plan.
pub fn plan(
    setup: &BookingSetup,
    now: DateTime<Utc>,
    count: usize,
    seed: u64,
) -> Result<Vec<ImportedReservation>, DemoError> {
    let mut rng = StdRng::seed_from_u64(seed);
    let rules = &setup.rules;
    let tz = rules.time_zone;
    let today = now.with_timezone(&tz).date_naive();
    let horizon = i64::from(rules.window.max_advance_days().min(90));
    let parties: Vec<(u32, u32)> = PARTIES
        .iter()
        .copied()
        .filter(|(p, _)| (rules.window.min_party()..=rules.window.max_party_online()).contains(p))
        .collect();
    let fallback_party = rules.window.min_party().max(2);
    let mut references = HashSet::new();
    let mut planned: Vec<ImportedReservation> = Vec::with_capacity(count);
    // The bookings of the day after the one being planned (planned just
    // before it), so that a late dinner is seen by the next day's rules.
    let mut next_day: Vec<ExistingBooking> = Vec::new();
    let mut ids = 0_i64;
    let mut day = today + TimeDelta::days(horizon);
    while planned.len() < count {
        let ahead = (day - today).num_days();
        if ahead < -MAX_DAYS {
            return Err(DemoError::TooMany {
                wanted: count,
                fitted: planned.len(),
            });
        }
        let density = if ahead >= 0 {
            // Nearly full this week, thinning out towards the horizon.
            let left = 1.0 - ahead as f64 / (horizon + 1) as f64;
            0.03 + 0.95 * left.powf(1.5)
        } else {
            rng.gen_range(0.6..1.0)
        };
        let wanted = (BUSY_DAY * density * weekday_demand(day.weekday())).round() as usize;
        let wanted = wanted.min(count - planned.len());
        // The rules see the day from the day before: every slot is bookable
        // (not too soon, not too far ahead), past days included.
        let seen_from = (day - TimeDelta::days(1))
            .and_time(NaiveTime::MIN)
            .and_utc();
        let mut known = std::mem::take(&mut next_day);
        let first_of_day = known.len();
        for _ in 0..wanted {
            let mut party = pick(&mut rng, &parties).unwrap_or(fallback_party);
            let mut placed = place(&mut rng, setup, &known, seen_from, day, party);
            if placed.is_none() && party != fallback_party {
                party = fallback_party;
                placed = place(&mut rng, setup, &known, seen_from, day, party);
            }
            let Some((start, end, table_ids)) = placed else {
                break; // full
            };
            ids += 1;
            known.push(ExistingBooking {
                id: ids,
                start,
                end,
                party_size: party,
                table_ids: table_ids.clone(),
            });
            planned.push(guest_booking(
                &mut rng,
                &mut references,
                now,
                (start, end, party, table_ids),
            ));
        }
        next_day = known.split_off(first_of_day);
        day -= TimeDelta::days(1);
    }
    // Latest first: SQLite's overlap trigger looks at every hold of the
    // table that starts before the new one ends, so oldest first would cost
    // a scan of the table's past for each row (13 s more for 20,000).
    planned.sort_by(|a, b| (b.starts_at, &b.reference).cmp(&(a.starts_at, &a.reference)));
    Ok(planned)
}

/// How busy a weekday is, relative to Friday and Saturday.
fn weekday_demand(day: Weekday) -> f64 {
    match day {
        Weekday::Fri | Weekday::Sat => 1.0,
        Weekday::Thu => 0.85,
        Weekday::Sun => 0.8,
        Weekday::Wed => 0.7,
        _ => 0.6,
    }
}

fn pick<T: Copy>(rng: &mut StdRng, weighted: &[(T, u32)]) -> Option<T> {
    let total: u32 = weighted.iter().map(|(_, w)| w).sum();
    if total == 0 {
        return None;
    }
    let mut n = rng.gen_range(0..total);
    for (value, weight) in weighted {
        if n < *weight {
            return Some(*value);
        }
        n -= weight;
    }
    None
}

/// A slot the rules offer `party` on `day` (favouring the usual times),
/// with the tables they would give it.
fn place(
    rng: &mut StdRng,
    setup: &BookingSetup,
    known: &[ExistingBooking],
    seen_from: DateTime<Utc>,
    day: NaiveDate,
    party: u32,
) -> Option<(DateTime<Utc>, DateTime<Utc>, Vec<i64>)> {
    let availability = rules::day_availability(
        &setup.rules,
        &setup.tables,
        &setup.combinations,
        known,
        seen_from,
        day,
        party,
    );
    let slots: Vec<(DateTime<Utc>, u32)> = availability
        .slots()
        .filter(|s| s.available)
        .map(|s| {
            let minute = s.local_time.hour() * 60 + s.local_time.minute();
            let usual =
                (12 * 60..=13 * 60).contains(&minute) || (19 * 60 + 30..=21 * 60).contains(&minute);
            (s.start, if usual { 3 } else { 1 })
        })
        .collect();
    let start = pick(rng, &slots)?;
    let end = start + TimeDelta::minutes(i64::from(setup.rules.turn_times.minutes_for(party)));
    let tables =
        rules::assign_tables(&setup.tables, &setup.combinations, known, start, end, party)?;
    Some((start, end, tables.table_ids))
}

/// A guest and the moment they booked, for a placed booking.
fn guest_booking(
    rng: &mut StdRng,
    references: &mut HashSet<String>,
    now: DateTime<Utc>,
    (starts_at, ends_at, party_size, table_ids): (DateTime<Utc>, DateTime<Utc>, u32, Vec<i64>),
) -> ImportedReservation {
    let first = FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())];
    let last = LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())];
    let email = format!(
        "{}.{}{}@example.com",
        first.to_lowercase(),
        last.to_lowercase(),
        rng.gen_range(1..1000)
    );
    let notes = if rng.gen_bool(0.1) {
        NOTES[rng.gen_range(0..NOTES.len())].to_owned()
    } else {
        String::new()
    };
    // Booked from two hours to six weeks ahead, and never after now.
    let lead = if rng.gen_bool(0.3) {
        TimeDelta::minutes(rng.gen_range(120..3 * 24 * 60))
    } else {
        TimeDelta::minutes(rng.gen_range(3 * 24 * 60..42 * 24 * 60))
    };
    let created_at = (starts_at - lead).min(now - TimeDelta::seconds(rng.gen_range(60..86_400)));
    ImportedReservation {
        reference: reference(rng, references),
        status: ReservationStatus::Confirmed,
        starts_at,
        ends_at,
        party_size,
        guest_name: format!("{first} {last}"),
        guest_email: email,
        guest_phone: format!("+336{:08}", rng.gen_range(0..100_000_000)),
        notes,
        locale: if rng.gen_bool(0.75) { "fr" } else { "en" }.to_owned(),
        created_at,
        table_ids,
    }
}

/// A booking reference like the service's (8 characters without
/// look-alikes), unique within the plan.
fn reference(rng: &mut StdRng, taken: &mut HashSet<String>) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    loop {
        let r: String = (0..8)
            .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
            .collect();
        if taken.insert(r.clone()) {
            return r;
        }
    }
}

fn summary(setup: &BookingSetup, now: DateTime<Utc>, planned: &[ImportedReservation]) -> Added {
    let tz = setup.rules.time_zone;
    let today = now.with_timezone(&tz).date_naive();
    let mut per_day: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for r in planned {
        *per_day
            .entry(r.starts_at.with_timezone(&tz).date_naive())
            .or_default() += 1;
    }
    let busiest_coming_day = per_day
        .range(today.succ_opt().unwrap_or(today)..)
        // The most bookings; the nearest such day on a tie.
        .max_by_key(|(day, n)| (**n, std::cmp::Reverse(**day)))
        .map(|(day, n)| (*day, *n));
    Added {
        count: planned.len(),
        first_day: per_day.keys().next().copied().unwrap_or(today),
        last_day: per_day.keys().next_back().copied().unwrap_or(today),
        days: per_day.len(),
        busiest_coming_day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DatabaseUrl;

    fn now() -> DateTime<Utc> {
        "2026-12-02T10:00:00Z".parse().unwrap()
    }

    /// On the demo restaurant (a fresh SQLite file): the plan fits the
    /// rules, the database takes it (it refuses overlapping holds), a
    /// second run is refused.
    #[tokio::test]
    async fn fills_the_demo_restaurant_once() {
        let dir = std::env::temp_dir().join(format!(
            "techplus-demo-bookings-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        let url = DatabaseUrl::Sqlite(dir.join("demo.db"));
        let (store, _) = Store::open(&url).await.unwrap();
        crate::seed::seed_demo(&store).await.unwrap();
        let setup = store.setup().await.unwrap();

        let planned = plan(&setup.booking, now(), 1_500, 7).unwrap();
        assert_eq!(planned.len(), 1_500);
        let again = plan(&setup.booking, now(), 1_500, 7).unwrap();
        assert_eq!(
            planned.iter().map(|r| &r.reference).collect::<Vec<_>>(),
            again.iter().map(|r| &r.reference).collect::<Vec<_>>(),
            "deterministic"
        );
        for r in &planned {
            assert!(r.created_at < r.starts_at && r.created_at <= now());
            assert!(!r.table_ids.is_empty());
            let minutes = setup.booking.rules.turn_times.minutes_for(r.party_size);
            assert_eq!(
                r.ends_at - r.starts_at,
                TimeDelta::minutes(i64::from(minutes))
            );
        }
        for (i, a) in planned.iter().enumerate() {
            for b in &planned[i + 1..] {
                let shared = a.table_ids.iter().any(|t| b.table_ids.contains(t));
                assert!(
                    !(shared && a.starts_at < b.ends_at && b.starts_at < a.ends_at),
                    "{} and {} overlap",
                    a.reference,
                    b.reference
                );
            }
        }

        let added = add_bookings(&store, now(), 1_500, 7).await.unwrap();
        assert_eq!(added.count, 1_500);
        let id = setup.restaurant.id;
        assert_eq!(store.reservation_count(id).await.unwrap(), 1_500);
        let (day, n) = added.busiest_coming_day.unwrap();
        assert!(day > now().date_naive() && n > 10, "{day} {n}");
        assert!(added.first_day < now().date_naive() && added.last_day >= day);

        assert!(matches!(
            add_bookings(&store, now(), 10, 7).await,
            Err(DemoError::NotEmpty(1_500))
        ));
        store.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }
}
