//! What staff see: the host stand's wire shapes. They are separate from
//! the guest's [`super::ReservationView`], so that staff data (other
//! guests, internal flags, ids) never reaches a guest's page.

use super::wire::ReservationStatus;
use crate::restaurant::ServiceKind;
use serde::{Deserialize, Serialize};

/// Where a booking came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReservationSource {
    Online,
    Phone,
    WalkIn,
}

impl ReservationSource {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "online" => ReservationSource::Online,
            "phone" => ReservationSource::Phone,
            "walk_in" => ReservationSource::WalkIn,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReservationSource::Online => "online",
            ReservationSource::Phone => "phone",
            ReservationSource::WalkIn => "walk_in",
        }
    }
}

/// What the host should notice about a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BookingFlag {
    /// A large party.
    LargeParty,
    /// The notes mention an allergy or an intolerance.
    Allergy,
    /// The notes mention a birthday, an anniversary or another occasion.
    Occasion,
    /// The guest wrote something.
    Notes,
    /// The guest did not come, without a word, several times before.
    RepeatNoShow,
}

/// Where a booking stands on the day, for the host: the sections of the
/// "Today" screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Not arrived, and not within the next hour (or another day).
    Later,
    /// Due within the next hour.
    ArrivingSoon,
    /// Not arrived 15 minutes after its start.
    Late,
    /// Here, waiting to be seated.
    Waiting,
    /// At the table.
    Seated,
    /// Left.
    Completed,
    NoShow,
    Cancelled,
}

/// Tables blocked during part of a day (a private party, a repair), as the
/// host sees them: clipped to the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayBlock {
    pub id: i64,
    pub tables: Vec<i64>,
    /// Local `HH:MM`; `00:00` when it began the day before.
    pub start: String,
    /// Local `HH:MM`; `24:00` when it lasts past the day.
    pub end: String,
    pub reason: String,
}

/// A table as the host sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffTable {
    pub id: i64,
    pub name: String,
    pub area: String,
    pub min_seats: u32,
    pub max_seats: u32,
    /// Kept for walk-ins and phone bookings.
    pub bookable_online: bool,
}

/// A booking as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffReservation {
    pub id: i64,
    pub reference: String,
    pub status: ReservationStatus,
    pub source: ReservationSource,
    pub stage: Stage,
    /// Local date and times at the restaurant.
    pub date: String,
    pub time: String,
    pub end_time: String,
    /// RFC 3339 instants with the restaurant's offset.
    pub start: String,
    pub end: String,
    /// Planned minutes at the table.
    pub duration_minutes: u32,
    /// Minutes since the guests sat down, while seated.
    pub seated_minutes: Option<u32>,
    pub party_size: u32,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    /// Ids of the tables it holds (or held).
    pub table_ids: Vec<i64>,
    /// Their names, in the same order.
    pub table_names: Vec<String>,
    pub flags: Vec<BookingFlag>,
    /// The guest's profile, when the booking has a contact, with the tags
    /// and notes staff keep on it.
    pub guest_id: Option<i64>,
    pub guest_tags: Vec<String>,
    pub guest_notes: String,
    /// The status changes staff may make now.
    pub next: Vec<ReservationStatus>,
    /// Where its deposit or card guarantee stands, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<crate::payments::PaymentStatus>,
}

/// Covers starting in one slot of a service period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PacingSlot {
    pub time: String,
    pub covers: u32,
    /// The most covers the slot takes online, when limited.
    pub limit: Option<u32>,
}

/// One service period of the day: covers booked against capacity, and the
/// pacing of its slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffPeriod {
    pub kind: ServiceKind,
    pub opens: String,
    pub closes: String,
    /// Covers of the bookings starting in the period that still count
    /// (not cancelled, not no-shows).
    pub covers: u32,
    pub bookings: u32,
    /// Seats of the active tables times the turns the period allows.
    pub capacity: u32,
    pub slots: Vec<PacingSlot>,
}

/// A day at the restaurant, for the host stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffDay {
    /// `YYYY-MM-DD`, local.
    pub date: String,
    pub is_today: bool,
    /// Local time the day was read at, `HH:MM`.
    pub read_at: String,
    pub closed: bool,
    pub periods: Vec<StaffPeriod>,
    pub tables: Vec<StaffTable>,
    /// Every booking starting that day, by start time.
    pub reservations: Vec<StaffReservation>,
    /// What staff wrote for the day's service.
    pub note: Option<ShiftNote>,
    /// The tables blocked during the day, by start.
    #[serde(default)]
    pub blocks: Vec<DayBlock>,
    /// The money the day moved (deposits received, refunds, no-show fees,
    /// whatever the booking's date); `None` when none moved.
    #[serde(default)]
    pub money: Option<crate::PaymentDay>,
    /// The live version the day was read at (the event stream's numbers):
    /// a change announced with this version or an earlier one is already
    /// in this day.
    pub version: i64,
}

/// The note staff write for a day's service (who is off, the private party
/// at nine, the fish that did not come).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShiftNote {
    pub text: String,
    /// When it was last written: RFC 3339 with the restaurant's offset,
    /// and the local `YYYY-MM-DD HH:MM`.
    pub updated_at: String,
    pub updated_local: String,
    /// Who wrote it last (their name), if their account remains.
    pub updated_by: Option<String>,
}

impl ShiftNote {
    pub const MAX_CHARS: usize = 2000;

    /// The text as typed, trimmed: up to [`Self::MAX_CHARS`] characters,
    /// lines and tabs allowed, no other control or hidden format
    /// characters. Empty removes the note.
    pub fn parse_text(raw: &str) -> Result<String, crate::FieldError> {
        let text = raw.trim();
        let bad = text.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\r' && c != '\t')
                || super::guest::is_hidden_format(c)
        });
        if bad || text.chars().count() > Self::MAX_CHARS {
            return Err(crate::FieldError::invalid("note"));
        }
        Ok(text.replace("\r\n", "\n"))
    }
}

impl StaffDay {
    /// The local minutes the day's timeline shows: from the first opening
    /// or booking (rounded down to the hour) to the last closing or end
    /// (rounded up), at most the whole day; `None` when there is nothing.
    pub fn span_minutes(&self) -> Option<(u32, u32)> {
        let minute = |hhmm: &str| -> Option<u32> {
            let (h, m) = hhmm.split_once(':')?;
            Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
        };
        // Today, the hour around now is shown too (a walk-in between the
        // services, the host looking ahead).
        let now = self
            .is_today
            .then(|| minute(&self.read_at))
            .flatten()
            .map(|m| (m.saturating_sub(60), (m + 60).min(24 * 60)));
        let starts = self
            .periods
            .iter()
            .filter_map(|p| minute(&p.opens))
            .chain(self.reservations.iter().filter_map(|r| minute(&r.time)))
            .chain(now.map(|(from, _)| from));
        let ends = self
            .periods
            .iter()
            .filter_map(|p| minute(&p.closes))
            .chain(now.map(|(_, to)| to))
            .chain(self.reservations.iter().filter_map(|r| {
                // A booking running past midnight ends at the day's end.
                let (start, end) = (minute(&r.time)?, minute(&r.end_time)?);
                Some(if end <= start { 24 * 60 } else { end })
            }));
        let first = starts.min()?;
        let last = ends.max()?.max(first + 60);
        Some((first / 60 * 60, last.div_ceil(60).min(24) * 60))
    }
}

#[cfg(test)]
mod note_tests {
    use super::ShiftNote;

    #[test]
    fn a_shift_note_keeps_lines_and_refuses_hidden_characters() {
        assert_eq!(
            ShiftNote::parse_text("  Paul off\r\nNo turbot  ").unwrap(),
            "Paul off\nNo turbot"
        );
        assert_eq!(ShiftNote::parse_text("   ").unwrap(), "");
        assert!(ShiftNote::parse_text("a\u{202e}b").is_err());
        assert!(ShiftNote::parse_text("a\u{7}b").is_err());
        assert!(ShiftNote::parse_text(&"x".repeat(ShiftNote::MAX_CHARS)).is_ok());
        assert!(ShiftNote::parse_text(&"x".repeat(ShiftNote::MAX_CHARS + 1)).is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(periods: &[(&str, &str)], bookings: &[(&str, &str)]) -> StaffDay {
        StaffDay {
            date: "2026-12-04".into(),
            is_today: false,
            read_at: "10:00".into(),
            closed: periods.is_empty(),
            periods: periods
                .iter()
                .map(|(opens, closes)| StaffPeriod {
                    kind: ServiceKind::Dinner,
                    opens: (*opens).into(),
                    closes: (*closes).into(),
                    covers: 0,
                    bookings: 0,
                    capacity: 0,
                    slots: vec![],
                })
                .collect(),
            tables: vec![],
            reservations: bookings
                .iter()
                .enumerate()
                .map(|(i, (time, end))| StaffReservation {
                    id: i as i64,
                    reference: String::new(),
                    status: ReservationStatus::Confirmed,
                    source: ReservationSource::Online,
                    stage: Stage::Later,
                    date: "2026-12-04".into(),
                    time: (*time).into(),
                    end_time: (*end).into(),
                    start: String::new(),
                    end: String::new(),
                    duration_minutes: 90,
                    seated_minutes: None,
                    party_size: 2,
                    name: String::new(),
                    email: String::new(),
                    phone: String::new(),
                    notes: String::new(),
                    table_ids: vec![],
                    table_names: vec![],
                    flags: vec![],
                    guest_id: None,
                    guest_tags: vec![],
                    guest_notes: String::new(),
                    next: vec![],
                    payment: None,
                })
                .collect(),
            note: None,
            money: None,
            blocks: vec![],
            version: 1,
        }
    }

    #[test]
    fn the_timeline_spans_services_and_bookings_in_whole_hours() {
        assert_eq!(day(&[], &[]).span_minutes(), None);
        assert_eq!(
            day(&[("12:00", "14:30"), ("19:00", "22:30")], &[]).span_minutes(),
            Some((12 * 60, 23 * 60))
        );
        // A booking outside the services widens it; one past midnight ends
        // the day.
        assert_eq!(
            day(&[("19:00", "22:30")], &[("17:45", "19:15")]).span_minutes(),
            Some((17 * 60, 23 * 60))
        );
        assert_eq!(
            day(&[("19:00", "22:30")], &[("23:00", "00:30")]).span_minutes(),
            Some((19 * 60, 24 * 60))
        );
        // Today, the hour around now too (read at 10:00 here).
        let mut today = day(&[("12:00", "14:30")], &[]);
        today.is_today = true;
        assert_eq!(today.span_minutes(), Some((9 * 60, 15 * 60)));
        today.read_at = "23:30".into();
        assert_eq!(today.span_minutes(), Some((12 * 60, 24 * 60)));
        // A closed day today still shows now.
        let mut closed = day(&[], &[]);
        closed.is_today = true;
        assert_eq!(closed.span_minutes(), Some((9 * 60, 11 * 60)));
    }
}
