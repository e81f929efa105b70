//! The restaurant and its booking setup, loaded once per request, and what
//! is made from it: day slots, reservation views, e-mails, alternatives.

use super::{ALTERNATIVES, ALTERNATIVE_DAYS, MAX_LOOKAHEAD_DAYS};
use crate::mail::{MailJob, MailKind, RestaurantCard, OUTBOX_KIND};
use crate::services::ServiceError;
use crate::store::{ReservationRow, Setup, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, TimeDelta, Utc};
use chrono_tz::Tz;
use domain::{
    Alternative, DaySlots, Locale, PeriodSlots, ReservationStatus, ReservationView, SlotReason,
    SlotView,
};
use std::sync::Arc;

/// The restaurant and its booking setup (the store's in-memory reading,
/// checked against the database's setup version once per request); reads
/// as a [`Setup`]: `ctx.restaurant`, `ctx.booking`.
pub(super) struct Context {
    setup: Arc<Setup>,
    pub(super) tz: Tz,
    /// The holds version read with the setup's, before any booking is read.
    pub(super) holds_version: i64,
}

impl std::ops::Deref for Context {
    type Target = Setup;
    fn deref(&self) -> &Setup {
        &self.setup
    }
}

pub(super) async fn context(store: &Store) -> Result<Context, ServiceError> {
    let (setup, versions) = store.setup_and_versions().await?;
    let tz = setup.booking.rules.time_zone;
    Ok(Context {
        setup,
        tz,
        holds_version: versions.holds,
    })
}

impl Context {
    /// The instants whose bookings can matter for the slots of `from..=to`.
    /// Seatings lie within their local day, and a booking matters to a slot
    /// when it overlaps the slot's turn. Zone offsets lie within -12 h and
    /// +14 h of UTC, so those local days lie within `from` 00:00 UTC - 14 h
    /// and `to + 1` 00:00 UTC + 12 h; the longest turn is added at the end.
    pub(super) fn window(&self, from: NaiveDate, to: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
        let longest_turn =
            TimeDelta::minutes(i64::from(self.booking.rules.turn_times.max_minutes()));
        (
            midnight(from) - TimeDelta::hours(14),
            midnight(to) + TimeDelta::days(1) + TimeDelta::hours(12) + longest_turn,
        )
    }

    /// A date a guest may ask about: not before today at the restaurant,
    /// not more than a year ahead (further than any booking window).
    pub(super) fn check_date(
        &self,
        now: DateTime<Utc>,
        date: NaiveDate,
    ) -> Result<(), ServiceError> {
        let today = now.with_timezone(&self.tz).date_naive();
        let horizon = today.checked_add_days(chrono::Days::new(MAX_LOOKAHEAD_DAYS));
        if date < today || horizon.is_none_or(|h| date > h) {
            return Err(ServiceError::Invalid("date"));
        }
        Ok(())
    }

    /// The local `YYYY-MM-DD` of an instant.
    pub(super) fn local_date(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.tz).format("%Y-%m-%d").to_string()
    }

    pub(super) fn rfc3339(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.tz)
            .to_rfc3339_opts(SecondsFormat::Secs, false)
    }

    pub(super) fn day_slots(&self, day: &rules::DayAvailability) -> DaySlots {
        DaySlots {
            date: day.date.format("%Y-%m-%d").to_string(),
            party_size: day.party_size,
            closed: day.closed,
            periods: day
                .periods
                .iter()
                .map(|p| PeriodSlots {
                    kind: p.kind,
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

    pub(super) fn day(
        &self,
        bookings: &[rules::ExistingBooking],
        now: DateTime<Utc>,
        date: NaiveDate,
        party: u32,
    ) -> rules::DayAvailability {
        rules::day_availability(
            &self.booking.rules,
            &self.booking.tables,
            &self.booking.combinations,
            bookings,
            now,
            date,
            party,
        )
    }

    pub(super) fn view(
        &self,
        row: &ReservationRow,
        now: DateTime<Utc>,
    ) -> Result<ReservationView, ServiceError> {
        let status = row.status()?;
        let local = row.starts_at.with_timezone(&self.tz);
        let cutoff = self.booking.cancel_cutoff_minutes;
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
            pending_email: None,
            payment: None,
            refund_if_cancelled_cents: None,
        })
    }

    pub(super) fn card(&self) -> RestaurantCard {
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

    /// The e-mail of `kind` about `row`, to the booking's address.
    pub(super) fn job(
        &self,
        kind: MailKind,
        row: &ReservationRow,
        now: DateTime<Utc>,
    ) -> Option<MailJob> {
        let reservation = self.view(row, now).ok()?;
        Some(MailJob {
            kind,
            locale: reservation.locale,
            to: row.guest_email.clone(),
            reservation,
            restaurant: self.card(),
            manage_link: false,
            manage_token: None,
            proof_id: None,
            proof_token: None,
            new_email: None,
            expires_in_minutes: None,
            staff_message: None,
            payment_terms: None,
        })
    }

    /// The e-mail of `kind` about `row`, telling its payment (`payment`:
    /// as it will be once this change is made, the refund terms, and a
    /// refund about to be made).
    pub(super) fn mail_with_payment(
        &self,
        kind: MailKind,
        row: &ReservationRow,
        now: DateTime<Utc>,
        manage_link: bool,
        payment: Option<super::payments::Told>,
    ) -> Option<(String, String)> {
        let mut job = self.job(kind, row, now)?;
        job.manage_link = manage_link;
        if let Some((view, terms, coming)) = payment {
            job.reservation.payment = Some(view);
            job.reservation.refund_if_cancelled_cents = coming;
            job.payment_terms = Some(terms);
        }
        Some((OUTBOX_KIND.to_owned(), job.to_json()))
    }

    /// A cancellation or change by staff as an outbox message, with their
    /// words to the guest if they wrote some.
    pub(super) fn mail_with_message(
        &self,
        kind: MailKind,
        row: &ReservationRow,
        now: DateTime<Utc>,
        message: Option<&str>,
    ) -> Option<(String, String)> {
        let mut job = self.job(kind, row, now)?;
        job.staff_message = message.map(str::to_owned);
        Some((OUTBOX_KIND.to_owned(), job.to_json()))
    }

    /// [`Context::job`] as an outbox message, with a manage link or not.
    pub(super) fn mail(
        &self,
        kind: MailKind,
        row: &ReservationRow,
        now: DateTime<Utc>,
        manage_link: bool,
    ) -> Option<(String, String)> {
        let mut job = self.job(kind, row, now)?;
        job.manage_link = manage_link;
        Some((OUTBOX_KIND.to_owned(), job.to_json()))
    }

    /// Up to [`ALTERNATIVES`] bookable slots nearest to `wanted`, on its date
    /// and the following days.
    pub(super) fn alternatives(
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

pub(super) fn slot_reason(reason: rules::Unavailable) -> SlotReason {
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
pub(super) fn check_slot(
    day: &rules::DayAvailability,
    time: NaiveTime,
) -> Result<DateTime<Utc>, SlotProblem> {
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
pub(super) enum SlotProblem {
    /// The time is not one of the day's seatings.
    NotASlot,
    Unavailable(SlotReason),
    /// The guest may no longer change this booking online.
    TooLate,
}
