//! Booking: availability, making a reservation, and the guest's own changes
//! through the manage token. The web layer (server functions and the JSON
//! API) calls only these.
//!
//! Every function takes `now` instead of reading the clock, so tests can
//! pick the instant.

use super::authz::{authorize, Action, Principal};
use super::ServiceError;
use crate::mail::{MailJob, MailKind, RestaurantCard, OUTBOX_KIND};
use crate::store::{
    Actor, BookingSetup, Change, NewReservation, ReservationChange, ReservationRow, RestaurantRow,
    Store,
};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, SecondsFormat, TimeDelta, Utc};
use chrono_tz::Tz;
use domain::{
    Alternative, BookedReservation, BookingPolicy, DayFlag, DaySlots, GuestDetails, Locale,
    MonthDays, PartySize, PeriodSlots, ReservationStatus, ReservationView, ServiceKind, SlotReason,
    SlotView,
};
use rand::Rng;
use sha2::{Digest, Sha256};

/// How many other slots are offered when the asked one is taken.
pub const ALTERNATIVES: usize = 3;
/// Dates further ahead are refused outright.
const MAX_LOOKAHEAD_DAYS: u64 = 366;
/// How many days after the asked date alternatives are looked for.
const ALTERNATIVE_DAYS: u64 = 7;

/// Parses a `YYYY-MM-DD` date from a form or the API.
pub fn parse_date(raw: &str) -> Result<NaiveDate, ServiceError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| ServiceError::Invalid("date"))
}

/// Parses an `HH:MM` time from a form or the API.
pub fn parse_time(raw: &str) -> Result<NaiveTime, ServiceError> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M").map_err(|_| ServiceError::Invalid("time"))
}

/// Parses a `YYYY-MM` month.
pub fn parse_month(raw: &str) -> Result<(i32, u32), ServiceError> {
    let date = NaiveDate::parse_from_str(&format!("{}-01", raw.trim()), "%Y-%m-%d")
        .map_err(|_| ServiceError::Invalid("month"))?;
    Ok((date.year(), date.month()))
}

/// A guest's booking request, validated at the boundary.
#[derive(Debug, Clone)]
pub struct BookingRequest {
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub party: PartySize,
    pub guest: GuestDetails,
    pub locale: Locale,
}

/// A guest's change to their booking.
#[derive(Debug, Clone)]
pub struct ModifyRequest {
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub party: PartySize,
    pub guest: GuestDetails,
}

/// The restaurant and its booking setup, loaded once per request.
struct Context {
    restaurant: RestaurantRow,
    setup: BookingSetup,
    tz: Tz,
}

async fn context(store: &Store) -> Result<Context, ServiceError> {
    let restaurant = store.primary_restaurant().await?;
    let setup = store
        .booking_setup(restaurant.id, &restaurant.time_zone)
        .await?;
    let tz = setup.rules.time_zone;
    Ok(Context {
        restaurant,
        setup,
        tz,
    })
}

impl Context {
    /// The instants whose bookings can matter for the slots of `from..=to`.
    fn window(&self, from: NaiveDate, to: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
        (
            midnight(from) - TimeDelta::days(2),
            midnight(to) + TimeDelta::days(3),
        )
    }

    /// A date a guest may ask about: not before today at the restaurant,
    /// not more than a year ahead (further than any booking window).
    fn check_date(&self, now: DateTime<Utc>, date: NaiveDate) -> Result<(), ServiceError> {
        let today = now.with_timezone(&self.tz).date_naive();
        let horizon = today.checked_add_days(chrono::Days::new(MAX_LOOKAHEAD_DAYS));
        if date < today || horizon.is_none_or(|h| date > h) {
            return Err(ServiceError::Invalid("date"));
        }
        Ok(())
    }

    fn rfc3339(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.tz)
            .to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    fn day_slots(&self, day: &rules::DayAvailability) -> DaySlots {
        DaySlots {
            date: day.date.format("%Y-%m-%d").to_string(),
            party_size: day.party_size,
            closed: day.closed,
            periods: day
                .periods
                .iter()
                .map(|p| PeriodSlots {
                    kind: match p.kind {
                        rules::PeriodKind::Lunch => ServiceKind::Lunch,
                        rules::PeriodKind::Dinner => ServiceKind::Dinner,
                    },
                    slots: p
                        .slots
                        .iter()
                        .map(|s| SlotView {
                            time: s.local_time.format("%H:%M").to_string(),
                            start: self.rfc3339(s.start),
                            available: s.available,
                            reason: s.reason.map(slot_reason),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    fn day(
        &self,
        bookings: &[rules::ExistingBooking],
        now: DateTime<Utc>,
        date: NaiveDate,
        party: u32,
    ) -> rules::DayAvailability {
        rules::day_availability(
            &self.setup.rules,
            &self.setup.tables,
            &self.setup.combinations,
            bookings,
            now,
            date,
            party,
        )
    }

    fn view(
        &self,
        row: &ReservationRow,
        now: DateTime<Utc>,
    ) -> Result<ReservationView, ServiceError> {
        let status = row.status()?;
        let local = row.starts_at.with_timezone(&self.tz);
        let cutoff = self.setup.cancel_cutoff_minutes;
        Ok(ReservationView {
            reference: row.reference.clone(),
            status,
            date: local.format("%Y-%m-%d").to_string(),
            time: local.format("%H:%M").to_string(),
            start: self.rfc3339(row.starts_at),
            end: self.rfc3339(row.ends_at),
            party_size: u32::try_from(row.party_size).unwrap_or(0),
            name: row.guest_name.clone(),
            email: row.guest_email.clone(),
            phone: row.guest_phone.clone(),
            notes: row.notes.clone(),
            locale: Locale::parse(&row.locale).unwrap_or_default(),
            can_change: status == ReservationStatus::Confirmed
                && rules::guest_can_change(now, row.starts_at, cutoff),
            cancel_cutoff_minutes: cutoff,
        })
    }

    fn card(&self) -> RestaurantCard {
        let r = &self.restaurant;
        RestaurantCard {
            name: r.name.clone(),
            street: r.street.clone(),
            postal_code: r.postal_code.clone(),
            city: r.city.clone(),
            country: r.country.clone(),
            phone: r.phone.clone(),
            email: r.email.clone(),
            time_zone: r.time_zone.clone(),
        }
    }

    fn mail(
        &self,
        kind: MailKind,
        row: &ReservationRow,
        now: DateTime<Utc>,
        token: Option<&str>,
    ) -> Option<(String, String)> {
        let reservation = self.view(row, now).ok()?;
        let job = MailJob {
            kind,
            locale: reservation.locale,
            to: row.guest_email.clone(),
            reservation,
            restaurant: self.card(),
            manage_token: token.map(str::to_owned),
        };
        Some((OUTBOX_KIND.to_owned(), job.to_json()))
    }

    /// Up to [`ALTERNATIVES`] bookable slots nearest to `wanted`, on its date
    /// and the following days.
    fn alternatives(
        &self,
        bookings: &[rules::ExistingBooking],
        now: DateTime<Utc>,
        date: NaiveDate,
        wanted: DateTime<Utc>,
        party: u32,
    ) -> Vec<Alternative> {
        let mut found: Vec<(TimeDelta, Alternative)> = date
            .iter_days()
            .take(ALTERNATIVE_DAYS as usize + 1)
            .flat_map(|d| {
                let day = self.day(bookings, now, d, party);
                day.slots()
                    .filter(|s| s.available)
                    .map(|s| {
                        (
                            (s.start - wanted).abs(),
                            Alternative {
                                date: d.format("%Y-%m-%d").to_string(),
                                time: s.local_time.format("%H:%M").to_string(),
                                start: self.rfc3339(s.start),
                            },
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.start.cmp(&b.1.start)));
        found.truncate(ALTERNATIVES);
        found.into_iter().map(|(_, alt)| alt).collect()
    }
}

fn slot_reason(reason: rules::Unavailable) -> SlotReason {
    match reason {
        rules::Unavailable::PartySize => SlotReason::PartySize,
        rules::Unavailable::TooFarAhead => SlotReason::TooFarAhead,
        rules::Unavailable::TooSoon => SlotReason::TooSoon,
        rules::Unavailable::Pacing => SlotReason::Pacing,
        rules::Unavailable::Full => SlotReason::Full,
    }
}

/// Why the asked slot cannot be booked, given the day's availability; `Ok`
/// with its start instant when it can.
fn check_slot(day: &rules::DayAvailability, time: NaiveTime) -> Result<DateTime<Utc>, SlotProblem> {
    if day.closed {
        return Err(SlotProblem::Unavailable(SlotReason::Closed));
    }
    let slot = day
        .slots()
        .find(|s| s.local_time == time)
        .ok_or(SlotProblem::NotASlot)?;
    match slot.reason {
        Some(reason) => Err(SlotProblem::Unavailable(slot_reason(reason))),
        None => Ok(slot.start),
    }
}

/// Why a booking transaction refused a request.
#[derive(Debug)]
enum SlotProblem {
    /// The time is not one of the day's seatings.
    NotASlot,
    Unavailable(SlotReason),
    /// The guest may no longer change this booking online.
    TooLate,
}

/// A fresh secret manage token (256 random bits, URL-safe) and its hash.
pub fn new_token() -> (String, String) {
    use base64::Engine;
    let bytes: [u8; 32] = rand::thread_rng().gen();
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// The stored form of a manage token.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Booking references: 8 characters without look-alikes (0/O, 1/I/L).
pub fn new_reference() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..8)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

/// A token that cannot be one of ours is refused before any query.
fn token_hash_checked(token: &str) -> Result<String, ServiceError> {
    let plausible = (20..=100).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !plausible {
        return Err(ServiceError::NotFound);
    }
    Ok(hash_token(token))
}

/// Every slot of a date for a party.
#[tracing::instrument(skip_all)]
pub async fn day_availability(
    store: &Store,
    now: DateTime<Utc>,
    date: NaiveDate,
    party: PartySize,
) -> Result<DaySlots, ServiceError> {
    let ctx = context(store).await?;
    ctx.check_date(now, date)?;
    let (from, to) = ctx.window(date, date);
    let bookings = store.active_bookings(ctx.restaurant.id, from, to).await?;
    Ok(ctx.day_slots(&ctx.day(&bookings, now, date, party.get())))
}

/// Which dates of a month have at least one bookable slot for a party.
#[tracing::instrument(skip_all)]
pub async fn month_availability(
    store: &Store,
    now: DateTime<Utc>,
    (year, month): (i32, u32),
    party: PartySize,
) -> Result<MonthDays, ServiceError> {
    let ctx = context(store).await?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or(ServiceError::Invalid("month"))?;
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .ok_or(ServiceError::Invalid("month"))?;
    let today = now.with_timezone(&ctx.tz).date_naive();
    let horizon = today.checked_add_days(chrono::Days::new(MAX_LOOKAHEAD_DAYS));
    if last < today || horizon.is_none_or(|h| first > h) {
        return Err(ServiceError::Invalid("month"));
    }
    let (from, to) = ctx.window(first, last);
    let bookings = store.active_bookings(ctx.restaurant.id, from, to).await?;
    let days = rules::month_availability(
        &ctx.setup.rules,
        &ctx.setup.tables,
        &ctx.setup.combinations,
        &bookings,
        now,
        year,
        month,
        party.get(),
    );
    Ok(MonthDays {
        month: first.format("%Y-%m").to_string(),
        party_size: party.get(),
        days: days
            .into_iter()
            .map(|(d, available)| DayFlag {
                date: d.format("%Y-%m-%d").to_string(),
                available,
            })
            .collect(),
    })
}

/// The policy shown before confirming: party limits, cut-off, and the
/// deposit this party would owe (none while no payment provider exists).
#[tracing::instrument(skip_all)]
pub async fn policy(store: &Store, party: PartySize) -> Result<BookingPolicy, ServiceError> {
    let ctx = context(store).await?;
    let window = ctx.setup.rules.window;
    Ok(BookingPolicy {
        min_party: window.min_party(),
        max_party_online: window.max_party_online(),
        max_advance_days: window.max_advance_days(),
        min_notice_minutes: window.min_notice_minutes(),
        cancel_cutoff_minutes: ctx.setup.cancel_cutoff_minutes,
        deposit_cents: rules::deposit_cents(ctx.setup.deposit, party.get(), PAYMENTS_AVAILABLE),
    })
}

/// No payment provider is wired in yet, so no deposit can be required.
const PAYMENTS_AVAILABLE: bool = false;

/// Books a table: re-checks the slot and picks the tables inside one
/// booking transaction, then records the history line and the confirmation
/// e-mail with it. A slot taken meanwhile answers
/// [`ServiceError::SlotUnavailable`] with the nearest alternatives.
#[tracing::instrument(skip_all, fields(date = %req.date, time = %req.time, party = req.party.get()))]
pub async fn book(
    store: &Store,
    now: DateTime<Utc>,
    req: BookingRequest,
) -> Result<BookedReservation, ServiceError> {
    let ctx = context(store).await?;
    ctx.check_date(now, req.date)?;
    let party = req.party.get();
    let window = ctx.window(req.date, req.date);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let (token, token_hash) = new_token();
        let reference = new_reference();
        let result = store
            .create_reservation(
                ctx.restaurant.id,
                window,
                |bookings| {
                    let day = ctx.day(bookings, now, req.date, party);
                    let start = check_slot(&day, req.time)?;
                    let end = start
                        + TimeDelta::minutes(i64::from(
                            ctx.setup.rules.turn_times.minutes_for(party),
                        ));
                    let assignment = rules::assign_tables(
                        &ctx.setup.tables,
                        &ctx.setup.combinations,
                        bookings,
                        start,
                        end,
                        party,
                    )
                    .ok_or(SlotProblem::Unavailable(SlotReason::Full))?;
                    Ok(NewReservation {
                        restaurant_id: ctx.restaurant.id,
                        reference: reference.clone(),
                        token_hash: token_hash.clone(),
                        status: ReservationStatus::Confirmed,
                        starts_at: start,
                        ends_at: end,
                        party_size: party,
                        guest_name: req.guest.name.to_string(),
                        guest_email: req.guest.email.to_string(),
                        guest_phone: req.guest.phone.to_string(),
                        notes: req.guest.notes.to_string(),
                        locale: req.locale.as_str().to_owned(),
                        table_ids: assignment.table_ids,
                    })
                },
                (Actor::Guest, "created", "{}"),
                |row| ctx.mail(MailKind::Confirmation, row, now, Some(&token)),
                now,
            )
            .await;
        match result {
            Ok(Ok(row)) => {
                tracing::info!(reference = %row.reference, "reservation created");
                return Ok(BookedReservation {
                    reservation: ctx.view(&row, now)?,
                    manage_token: token,
                });
            }
            Ok(Err(problem)) => {
                return Err(refusal(
                    &ctx,
                    store,
                    now,
                    Asked {
                        date: req.date,
                        time: req.time,
                        party: req.party,
                    },
                    problem,
                )
                .await)
            }
            // A reference collision (or a database-level overlap refusal,
            // which the lock should make impossible): try again, then give up
            // as "no longer available".
            Err(crate::StoreError::Conflict(what)) if attempts < 3 => {
                tracing::warn!(%what, "conflict while booking; retrying");
            }
            Err(crate::StoreError::Conflict(what)) => {
                tracing::warn!(%what, "conflict while booking; giving up");
                return Err(refusal(
                    &ctx,
                    store,
                    now,
                    Asked {
                        date: req.date,
                        time: req.time,
                        party: req.party,
                    },
                    SlotProblem::Unavailable(SlotReason::Full),
                )
                .await);
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// The slot a refused request asked for.
struct Asked {
    date: NaiveDate,
    time: NaiveTime,
    party: PartySize,
}

async fn refusal(
    ctx: &Context,
    store: &Store,
    now: DateTime<Utc>,
    asked: Asked,
    problem: SlotProblem,
) -> ServiceError {
    match problem {
        SlotProblem::NotASlot => ServiceError::Invalid("time"),
        SlotProblem::TooLate => ServiceError::TooLate,
        SlotProblem::Unavailable(reason) => {
            let Asked { date, time, party } = asked;
            let wanted = rules::local_to_utc(&ctx.tz, date, time)
                .unwrap_or_else(|| date.and_time(time).and_utc());
            let last = date
                .checked_add_days(chrono::Days::new(ALTERNATIVE_DAYS))
                .unwrap_or(date);
            let (from, to) = ctx.window(date, last);
            let alternatives = match store.active_bookings(ctx.restaurant.id, from, to).await {
                Ok(bookings) => ctx.alternatives(&bookings, now, date, wanted, party.get()),
                Err(e) => {
                    tracing::error!(error = %e, "cannot compute alternatives");
                    Vec::new()
                }
            };
            ServiceError::SlotUnavailable {
                reason,
                alternatives,
            }
        }
    }
}

/// The reservation a manage token opens.
#[tracing::instrument(skip_all)]
pub async fn by_token(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
) -> Result<ReservationView, ServiceError> {
    let hash = token_hash_checked(token)?;
    let ctx = context(store).await?;
    let row = store.reservation_by_token_hash(&hash).await?;
    ctx.view(&row, now)
}

/// Finds a booking by its reference and the guest's e-mail, and issues a
/// new manage token for it (the e-mailed link keeps working).
#[tracing::instrument(skip_all)]
pub async fn find_by_reference(
    store: &Store,
    now: DateTime<Utc>,
    reference: &str,
    email: &str,
) -> Result<BookedReservation, ServiceError> {
    let reference = reference.trim().to_ascii_uppercase();
    if reference.is_empty() || reference.len() > 20 || email.trim().is_empty() {
        return Err(ServiceError::NotFound);
    }
    let ctx = context(store).await?;
    let row = store
        .reservation_by_reference(ctx.restaurant.id, &reference, email.trim())
        .await?;
    let (token, hash) = new_token();
    store.add_reservation_token(row.id, &hash, now).await?;
    Ok(BookedReservation {
        reservation: ctx.view(&row, now)?,
        manage_token: token,
    })
}

/// The guest changes date, time, party size or details. The new slot is
/// re-checked (the booking itself does not count against it) and the same
/// tables are kept when they still fit and are free.
#[tracing::instrument(skip_all)]
pub async fn modify(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
    req: ModifyRequest,
) -> Result<ReservationView, ServiceError> {
    let hash = token_hash_checked(token)?;
    let ctx = context(store).await?;
    let found = store.reservation_by_token_hash(&hash).await?;
    modify_found(&ctx, store, now, found, req, Actor::Guest, Some(token)).await
}

/// A signed-in guest (their own booking, verified e-mail) or staff changes
/// a booking by its reference. Staff are not bound by the guests' cut-off.
#[tracing::instrument(skip_all)]
pub async fn modify_as(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reference: &str,
    req: ModifyRequest,
) -> Result<ReservationView, ServiceError> {
    let (ctx, found, actor) = found_as(store, who, reference).await?;
    modify_found(&ctx, store, now, found, req, actor, None).await
}

/// The booking with this reference, if `who` may manage it.
async fn found_as(
    store: &Store,
    who: Option<&Principal>,
    reference: &str,
) -> Result<(Context, ReservationRow, Actor), ServiceError> {
    // Anonymous callers learn nothing about which references exist.
    authorize(who, Action::UseAccount)?;
    let ctx = context(store).await?;
    let found = store
        .reservation_by_ref(ctx.restaurant.id, &reference.trim().to_ascii_uppercase())
        .await?;
    let who = authorize(
        who,
        Action::ManageReservation {
            guest_email: &found.guest_email,
        },
    )
    .map_err(|e| match e {
        // Someone else's booking looks like no booking at all.
        ServiceError::Forbidden => ServiceError::NotFound,
        other => other,
    })?;
    let actor = if who.role.is_staff() {
        Actor::Staff
    } else {
        Actor::Guest
    };
    Ok((ctx, found, actor))
}

/// A booking by reference, for its signed-in guest or staff.
pub async fn get_as(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reference: &str,
) -> Result<ReservationView, ServiceError> {
    let (ctx, found, _) = found_as(store, who, reference).await?;
    ctx.view(&found, now)
}

/// Cancels a booking by reference, for its signed-in guest (before the
/// cut-off) or staff.
#[tracing::instrument(skip_all)]
pub async fn cancel_as(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reference: &str,
) -> Result<ReservationView, ServiceError> {
    let (ctx, found, actor) = found_as(store, who, reference).await?;
    cancel_found(&ctx, store, now, found, actor).await
}

/// Every booking starting within the dates `from..=to` (restaurant's
/// calendar), for staff, with paging.
pub async fn list_all(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    from: NaiveDate,
    to: NaiveDate,
    page: u32,
    per_page: u32,
) -> Result<Vec<ReservationView>, ServiceError> {
    authorize(who, Action::ListAllReservations)?;
    if to < from || (to - from).num_days() > 366 {
        return Err(ServiceError::Invalid("to"));
    }
    let ctx = context(store).await?;
    let start = rules::local_to_utc(&ctx.tz, from, NaiveTime::MIN)
        .unwrap_or_else(|| from.and_time(NaiveTime::MIN).and_utc());
    let after = to.succ_opt().ok_or(ServiceError::Invalid("to"))?;
    let end = rules::local_to_utc(&ctx.tz, after, NaiveTime::MIN)
        .unwrap_or_else(|| after.and_time(NaiveTime::MIN).and_utc());
    let per_page = per_page.clamp(1, 100);
    let rows = store
        .reservations_between(
            ctx.restaurant.id,
            start,
            end,
            i64::from(per_page),
            i64::from(page) * i64::from(per_page),
        )
        .await?;
    rows.iter().map(|r| ctx.view(r, now)).collect()
}

/// Views of stored reservations.
pub async fn views(
    store: &Store,
    now: DateTime<Utc>,
    rows: &[ReservationRow],
) -> Result<Vec<ReservationView>, ServiceError> {
    let ctx = context(store).await?;
    rows.iter().map(|r| ctx.view(r, now)).collect()
}

async fn modify_found(
    ctx: &Context,
    store: &Store,
    now: DateTime<Utc>,
    found: ReservationRow,
    req: ModifyRequest,
    actor: Actor,
    token: Option<&str>,
) -> Result<ReservationView, ServiceError> {
    ctx.check_date(now, req.date)?;
    let party = req.party.get();
    let earliest = req
        .date
        .min(found.starts_at.with_timezone(&ctx.tz).date_naive());
    let window = ctx.window(earliest, req.date.max(earliest));
    let result = store
        .change_reservation(
            ctx.restaurant.id,
            found.id,
            window,
            |current, current_tables, others| {
                ensure_changeable(ctx, current, now, actor)?;
                let same_slot = rules::local_to_utc(&ctx.tz, req.date, req.time)
                    == Some(current.starts_at)
                    && i64::from(party) == current.party_size;
                let (start, end, tables) = if same_slot {
                    (current.starts_at, current.ends_at, current_tables.to_vec())
                } else {
                    let day = ctx.day(others, now, req.date, party);
                    let start = check_slot(&day, req.time)?;
                    let end = start
                        + TimeDelta::minutes(i64::from(ctx.setup.rules.turn_times.minutes_for(party)));
                    let tables = keep_tables(&ctx.setup, current_tables, others, start, end, party)
                        .or_else(|| {
                            rules::assign_tables(
                                &ctx.setup.tables,
                                &ctx.setup.combinations,
                                others,
                                start,
                                end,
                                party,
                            )
                            .map(|a| a.table_ids)
                        })
                        .ok_or(SlotProblem::Unavailable(SlotReason::Full))?;
                    (start, end, tables)
                };
                let details = serde_json::json!({
                    "from": {"start": ctx.rfc3339(current.starts_at), "party_size": current.party_size},
                    "to": {"start": ctx.rfc3339(start), "party_size": party},
                })
                .to_string();
                Ok(Change::Modify {
                    change: ReservationChange {
                        starts_at: start,
                        ends_at: end,
                        party_size: party,
                        guest_name: req.guest.name.to_string(),
                        guest_email: req.guest.email.to_string(),
                        guest_phone: req.guest.phone.to_string(),
                        notes: req.guest.notes.to_string(),
                        table_ids: tables,
                    },
                    details,
                })
            },
            actor,
            |row| ctx.mail(MailKind::Modification, row, now, token),
            now,
        )
        .await;
    match result {
        Ok(Ok(row)) => ctx.view(&row, now),
        Ok(Err(problem)) => Err(refusal(
            ctx,
            store,
            now,
            Asked {
                date: req.date,
                time: req.time,
                party: req.party,
            },
            problem,
        )
        .await),
        Err(crate::StoreError::Conflict(what)) => {
            tracing::warn!(%what, "conflict while modifying");
            Err(ServiceError::SlotUnavailable {
                reason: SlotReason::Full,
                alternatives: Vec::new(),
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// The guest cancels, up to the restaurant's cut-off.
#[tracing::instrument(skip_all)]
pub async fn cancel(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
) -> Result<ReservationView, ServiceError> {
    let hash = token_hash_checked(token)?;
    let ctx = context(store).await?;
    let found = store.reservation_by_token_hash(&hash).await?;
    cancel_found(&ctx, store, now, found, Actor::Guest).await
}

async fn cancel_found(
    ctx: &Context,
    store: &Store,
    now: DateTime<Utc>,
    found: ReservationRow,
    actor: Actor,
) -> Result<ReservationView, ServiceError> {
    let result = store
        .change_reservation(
            ctx.restaurant.id,
            found.id,
            (found.starts_at, found.ends_at),
            |current, _, _| {
                ensure_changeable(ctx, current, now, actor)?;
                Ok(Change::Status {
                    status: ReservationStatus::Cancelled,
                    details: "{}".to_owned(),
                })
            },
            actor,
            |row| ctx.mail(MailKind::Cancellation, row, now, None),
            now,
        )
        .await?;
    match result {
        Ok(row) => ctx.view(&row, now),
        Err(SlotProblem::TooLate) => Err(ServiceError::TooLate),
        Err(_) => Err(ServiceError::TooLate),
    }
}

/// Only confirmed bookings change; guests only before the cut-off.
fn ensure_changeable(
    ctx: &Context,
    current: &ReservationRow,
    now: DateTime<Utc>,
    actor: Actor,
) -> Result<(), SlotProblem> {
    let confirmed = current.status().ok() == Some(ReservationStatus::Confirmed);
    let in_time = actor == Actor::Staff
        || rules::guest_can_change(now, current.starts_at, ctx.setup.cancel_cutoff_minutes);
    if confirmed && in_time {
        Ok(())
    } else {
        Err(SlotProblem::TooLate)
    }
}

/// The current tables, if they are still free over the new span and seat
/// the new party.
fn keep_tables(
    setup: &BookingSetup,
    current: &[i64],
    others: &[rules::ExistingBooking],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    party: u32,
) -> Option<Vec<i64>> {
    if current.is_empty() {
        return None;
    }
    let tables: Vec<&rules::Table> = current
        .iter()
        .map(|id| setup.tables.iter().find(|t| t.id == *id && t.active))
        .collect::<Option<_>>()?;
    let capacity: u32 = tables.iter().map(|t| t.max_seats).sum();
    let min = tables.iter().map(|t| t.min_seats).max().unwrap_or(0);
    let free = current
        .iter()
        .all(|id| rules::is_free(*id, others, start, end));
    (free && min <= party && party <= capacity).then(|| current.to_vec())
}

/// The `.ics` calendar file of a reservation, by manage token, with the
/// booking reference (for its file name).
#[tracing::instrument(skip_all)]
pub async fn calendar_file(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
) -> Result<(String, String), ServiceError> {
    let hash = token_hash_checked(token)?;
    let ctx = context(store).await?;
    let row = store.reservation_by_token_hash(&hash).await?;
    let view = ctx.view(&row, now)?;
    let ics = crate::mail::ics::event(&view, &ctx.card(), row.starts_at, row.ends_at, now);
    Ok((view.reference, ics))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "256 bits in base64url");
        assert_eq!(hash_a, hash_token(&a));
        assert_eq!(hash_a.len(), 64);
        assert_ne!(hash_a, a);
        assert!(token_hash_checked(&a).is_ok());
        assert!(matches!(
            token_hash_checked("short"),
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(
            token_hash_checked(&"x/".repeat(20)),
            Err(ServiceError::NotFound)
        ));
    }

    #[test]
    fn references_avoid_look_alikes() {
        for _ in 0..200 {
            let r = new_reference();
            assert_eq!(r.len(), 8);
            assert!(!r.contains(['0', 'O', '1', 'I', 'L']), "{r}");
        }
    }

    #[test]
    fn boundary_parsers() {
        assert_eq!(
            parse_date("2026-12-01").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert!(matches!(
            parse_date("2026-13-01"),
            Err(ServiceError::Invalid("date"))
        ));
        assert!(matches!(
            parse_date("tomorrow"),
            Err(ServiceError::Invalid("date"))
        ));
        assert_eq!(
            parse_time("19:30").unwrap(),
            NaiveTime::from_hms_opt(19, 30, 0).unwrap()
        );
        assert!(matches!(
            parse_time("25:00"),
            Err(ServiceError::Invalid("time"))
        ));
        assert_eq!(parse_month("2026-02").unwrap(), (2026, 2));
        assert!(matches!(
            parse_month("2026-00"),
            Err(ServiceError::Invalid("month"))
        ));
    }
}
