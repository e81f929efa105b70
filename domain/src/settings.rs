//! The restaurant's settings as admins change them: its page (name,
//! taglines, "about" text, address and contact), the booking rules (notice,
//! window, online party sizes, turn times, cut-off), the weekly service
//! periods and the exceptions to them (closed dates, special hours), and
//! the audit log that records every change. Input forms parse what was
//! typed and name every field at fault.

use crate::booking::{Email, Phone};
use crate::form::{given, FieldError};
use crate::restaurant::{Address, Localized, ServiceKind};
use crate::time::{Date, TimeOfDay, Weekday};
use serde::{Deserialize, Serialize};

/// The restaurant's page as admins edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestaurantSettings {
    pub name: String,
    pub tagline: Localized,
    pub about: Localized,
    pub address: Address,
    pub phone: String,
    pub email: String,
    /// The IANA zone hours are kept in (set when the restaurant is created).
    pub time_zone: String,
}

/// The restaurant's page as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestaurantInput {
    pub name: String,
    pub tagline_fr: String,
    pub tagline_en: String,
    pub about_fr: String,
    pub about_en: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
}

/// The longest restaurant name, tagline, "about" text and address line.
pub const MAX_RESTAURANT_NAME_CHARS: usize = 80;
pub const MAX_TAGLINE_CHARS: usize = 160;
pub const MAX_ABOUT_CHARS: usize = 4000;
pub const MAX_ADDRESS_CHARS: usize = 120;

/// A valid restaurant page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestaurantForm {
    pub name: String,
    pub tagline: Localized,
    pub about: Localized,
    pub address: Address,
    pub phone: String,
    pub email: String,
}

/// Trimmed text of at most `max` characters, without control or hidden
/// format characters (line breaks allowed when `multiline`).
pub(crate) fn text(
    raw: &str,
    field: &'static str,
    max: usize,
    required: bool,
    multiline: bool,
) -> Result<String, FieldError> {
    let value = raw.trim();
    if required && value.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if value.chars().count() > max {
        return Err(FieldError::new(field, "too_long"));
    }
    let bad = |c: char| {
        let allowed_break = multiline && (c == '\n' || c == '\r' || c == '\t');
        (c.is_control() && !allowed_break) || crate::booking::is_hidden_format(c)
    };
    if value.chars().any(bad) {
        return Err(FieldError::invalid(field));
    }
    Ok(value.replace("\r\n", "\n"))
}

/// Collects field errors while parsing, keeping a default in their place.
pub(crate) struct Errors(pub(crate) Vec<FieldError>);

impl Errors {
    pub(crate) fn keep<T: Default>(&mut self, r: Result<T, FieldError>) -> T {
        r.unwrap_or_else(|e| {
            self.0.push(e);
            T::default()
        })
    }
    pub(crate) fn done<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

impl RestaurantForm {
    pub fn parse(input: &RestaurantInput) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors(Vec::new());
        let name = e.keep(text(
            &input.name,
            "name",
            MAX_RESTAURANT_NAME_CHARS,
            true,
            false,
        ));
        let tagline_fr = e.keep(text(
            &input.tagline_fr,
            "tagline_fr",
            MAX_TAGLINE_CHARS,
            false,
            false,
        ));
        let tagline_en = e.keep(text(
            &input.tagline_en,
            "tagline_en",
            MAX_TAGLINE_CHARS,
            false,
            false,
        ));
        let about_fr = e.keep(text(
            &input.about_fr,
            "about_fr",
            MAX_ABOUT_CHARS,
            false,
            true,
        ));
        let about_en = e.keep(text(
            &input.about_en,
            "about_en",
            MAX_ABOUT_CHARS,
            false,
            true,
        ));
        let street = e.keep(text(
            &input.street,
            "street",
            MAX_ADDRESS_CHARS,
            true,
            false,
        ));
        let postal_code = e.keep(text(&input.postal_code, "postal_code", 20, true, false));
        let city = e.keep(text(&input.city, "city", MAX_ADDRESS_CHARS, true, false));
        let country = e.keep(text(
            &input.country,
            "country",
            MAX_ADDRESS_CHARS,
            true,
            false,
        ));
        let phone = e.keep(match given(Some(&input.phone)) {
            None => Err(FieldError::new("phone", "required")),
            Some(p) => Phone::parse(p)
                .map(|p| p.as_str().to_owned())
                .map_err(|_| FieldError::invalid("phone")),
        });
        let email = e.keep(match given(Some(&input.email)) {
            None => Err(FieldError::new("email", "required")),
            Some(m) => Email::parse(m)
                .map(|m| m.as_str().to_owned())
                .map_err(|_| FieldError::invalid("email")),
        });
        e.done(RestaurantForm {
            name,
            tagline: Localized {
                fr: tagline_fr,
                en: tagline_en,
            },
            about: Localized {
                fr: about_fr,
                en: about_en,
            },
            address: Address {
                street,
                postal_code,
                city,
                country,
            },
            phone,
            email,
        })
    }
}

/// How long a party of up to `up_to` guests keeps its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TurnBand {
    pub up_to: u32,
    pub minutes: u32,
}

/// The booking rules as admins read and edit them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingRules {
    /// A booking online starts at least this long after it is made.
    pub min_notice_minutes: u32,
    /// How many days ahead diners may book online.
    pub max_advance_days: u32,
    /// The party sizes diners may book online (larger ones call).
    pub min_party: u32,
    pub max_party_online: u32,
    /// Until how long before the meal a guest may cancel or change online.
    pub cancel_cutoff_minutes: u32,
    /// Turn times by party size, `up_to` strictly increasing…
    pub turn_times: Vec<TurnBand>,
    /// …and for larger parties.
    pub turn_larger_minutes: u32,
}

/// The booking rules as typed (numbers as text; blank turn-time rows are
/// left out).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesInput {
    pub min_notice_minutes: String,
    pub max_advance_days: String,
    pub min_party: String,
    pub max_party_online: String,
    pub cancel_cutoff_minutes: String,
    /// `(up to, minutes)` per row.
    pub turn_times: Vec<(String, String)>,
    pub turn_larger_minutes: String,
}

/// Bounds of the rules' values.
pub const MAX_NOTICE_MINUTES: u32 = 7 * 24 * 60;
pub const MAX_ADVANCE_DAYS: u32 = 730;
pub const MAX_ONLINE_PARTY: u32 = 99;
pub const MAX_CUTOFF_MINUTES: u32 = 14 * 24 * 60;
pub const MIN_TURN_MINUTES: u32 = 15;
pub const MAX_TURN_MINUTES: u32 = 12 * 60;
/// The most turn-time rows (besides "larger parties").
pub const MAX_TURN_BANDS: usize = 6;

/// A valid set of booking rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesForm {
    pub min_notice_minutes: u32,
    pub max_advance_days: u32,
    pub min_party: u32,
    pub max_party_online: u32,
    pub cancel_cutoff_minutes: u32,
    pub turn_times: Vec<TurnBand>,
    pub turn_larger_minutes: u32,
}

/// A whole number within `min..=max`.
fn number(raw: &str, field: impl Into<String>, min: u32, max: u32) -> Result<u32, FieldError> {
    let field = field.into();
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    raw.parse::<u32>()
        .ok()
        .filter(|v| (min..=max).contains(v))
        .ok_or_else(|| FieldError::invalid(field))
}

impl RulesForm {
    pub fn parse(input: &RulesInput) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors(Vec::new());
        let min_notice_minutes = e.keep(number(
            &input.min_notice_minutes,
            "min_notice_minutes",
            0,
            MAX_NOTICE_MINUTES,
        ));
        let max_advance_days = e.keep(number(
            &input.max_advance_days,
            "max_advance_days",
            0,
            MAX_ADVANCE_DAYS,
        ));
        let min_party = e.keep(number(&input.min_party, "min_party", 1, MAX_ONLINE_PARTY));
        let max_party_online = e.keep(number(
            &input.max_party_online,
            "max_party_online",
            1,
            MAX_ONLINE_PARTY,
        ));
        if min_party > 0 && max_party_online > 0 && max_party_online < min_party {
            e.0.push(FieldError::new("max_party_online", "below_min"));
        }
        let cancel_cutoff_minutes = e.keep(number(
            &input.cancel_cutoff_minutes,
            "cancel_cutoff_minutes",
            0,
            MAX_CUTOFF_MINUTES,
        ));
        let rows: Vec<(usize, &(String, String))> = input
            .turn_times
            .iter()
            .enumerate()
            .filter(|(_, (up_to, minutes))| !(up_to.trim().is_empty() && minutes.trim().is_empty()))
            .collect();
        if rows.len() > MAX_TURN_BANDS {
            e.0.push(FieldError::new("turn_times", "too_many"));
        }
        let mut turn_times = Vec::new();
        let mut last_up_to = 0;
        for (i, (up_to, minutes)) in rows.into_iter().take(MAX_TURN_BANDS) {
            let up_to = e.keep(number(
                up_to,
                format!("turn_up_to_{}", i + 1),
                1,
                MAX_ONLINE_PARTY,
            ));
            let minutes = e.keep(number(
                minutes,
                format!("turn_minutes_{}", i + 1),
                MIN_TURN_MINUTES,
                MAX_TURN_MINUTES,
            ));
            if up_to > 0 && up_to <= last_up_to {
                e.0.push(FieldError::new(
                    format!("turn_up_to_{}", i + 1),
                    "not_increasing",
                ));
            }
            last_up_to = last_up_to.max(up_to);
            turn_times.push(TurnBand { up_to, minutes });
        }
        let turn_larger_minutes = e.keep(number(
            &input.turn_larger_minutes,
            "turn_larger_minutes",
            MIN_TURN_MINUTES,
            MAX_TURN_MINUTES,
        ));
        e.done(RulesForm {
            min_notice_minutes,
            max_advance_days,
            min_party,
            max_party_online,
            cancel_cutoff_minutes,
            turn_times,
            turn_larger_minutes,
        })
    }
}

/// One service's hours: seatings from `opens` every
/// `slot_interval_minutes` up to `last_seating`; the service ends at
/// `closes` (`24:00` is midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodTimes {
    pub kind: ServiceKind,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "19:00"))]
    pub opens: TimeOfDay,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "21:30"))]
    pub last_seating: TimeOfDay,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "23:00"))]
    pub closes: TimeOfDay,
    pub slot_interval_minutes: u32,
    /// At most this many guests may start their meal in one slot.
    pub max_covers_per_slot: Option<u32>,
}

impl PeriodTimes {
    /// Whether the two services share some time (`opens..closes`).
    pub fn overlaps(&self, other: &PeriodTimes) -> bool {
        self.opens < other.closes && other.opens < self.closes
    }
}

/// A weekly service period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyPeriod {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "monday"))]
    pub weekday: Weekday,
    #[serde(flatten)]
    pub times: PeriodTimes,
}

/// A service's hours as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodInput {
    /// A service: `breakfast`, `brunch`, `lunch`, `afternoon`, `dinner` or `late_night`.
    pub kind: String,
    pub opens: String,
    pub last_seating: String,
    pub closes: String,
    pub slot_interval_minutes: String,
    /// Blank: no limit.
    pub max_covers_per_slot: String,
}

pub const MIN_INTERVAL_MINUTES: u32 = 5;
pub const MAX_INTERVAL_MINUTES: u32 = 240;
pub const MAX_COVERS_PER_SLOT: u32 = 999;

fn time(raw: &str, field: &'static str) -> Result<TimeOfDay, FieldError> {
    if raw.trim().is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    TimeOfDay::parse(raw.trim()).map_err(|_| FieldError::invalid(field))
}

impl PeriodTimes {
    /// Every field at fault: a seating cannot be at midnight or after, the
    /// last seating is not before the first, and the service closes after
    /// it opens and not before its last seating.
    pub fn parse(input: &PeriodInput) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors(Vec::new());
        let kind = ServiceKind::parse(input.kind.trim());
        if kind.is_none() {
            e.0.push(FieldError::invalid("kind"));
        }
        let opens = time(&input.opens, "opens")
            .and_then(|t| {
                (t < TimeOfDay::END_OF_DAY)
                    .then_some(t)
                    .ok_or(FieldError::invalid("opens"))
            })
            .map_err(|err| e.0.push(err))
            .ok();
        let last = time(&input.last_seating, "last_seating")
            .and_then(|t| {
                (t < TimeOfDay::END_OF_DAY)
                    .then_some(t)
                    .ok_or(FieldError::invalid("last_seating"))
            })
            .map_err(|err| e.0.push(err))
            .ok();
        let closes = time(&input.closes, "closes")
            .map_err(|err| e.0.push(err))
            .ok();
        if let (Some(opens), Some(last)) = (opens, last) {
            if last < opens {
                e.0.push(FieldError::new("last_seating", "before_opening"));
            }
        }
        if let (Some(last), Some(closes)) = (last, closes) {
            if closes < last {
                e.0.push(FieldError::new("closes", "before_last_seating"));
            }
        }
        if let (Some(opens), Some(closes)) = (opens, closes) {
            if closes <= opens {
                e.0.push(FieldError::new("closes", "before_opening"));
            }
        }
        let slot_interval_minutes = e.keep(number(
            &input.slot_interval_minutes,
            "slot_interval_minutes",
            MIN_INTERVAL_MINUTES,
            MAX_INTERVAL_MINUTES,
        ));
        let max_covers_per_slot = given(Some(&input.max_covers_per_slot))
            .map(|raw| e.keep(number(raw, "max_covers_per_slot", 1, MAX_COVERS_PER_SLOT)));
        match (kind, opens, last, closes) {
            (Some(kind), Some(opens), Some(last_seating), Some(closes)) if e.0.is_empty() => {
                Ok(PeriodTimes {
                    kind,
                    opens,
                    last_seating,
                    closes,
                    slot_interval_minutes,
                    max_covers_per_slot,
                })
            }
            _ => Err(e.0),
        }
    }
}

/// Hours for a service on some weekdays, as typed: each weekday by its
/// English name (`monday` … `sunday`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyInput {
    pub weekdays: Vec<String>,
    pub hours: PeriodInput,
}

/// A service's hours to set on some weekdays (replacing that service's
/// hours there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyForm {
    pub weekdays: Vec<Weekday>,
    pub times: PeriodTimes,
}

/// A weekday by its English name.
pub fn parse_weekday(raw: &str) -> Option<Weekday> {
    let raw = raw.trim();
    Weekday::ALL.into_iter().find(|d| d.as_str() == raw)
}

impl WeeklyForm {
    pub fn parse(input: &WeeklyInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut weekdays = Vec::new();
        for raw in &input.weekdays {
            match parse_weekday(raw) {
                Some(d) if !weekdays.contains(&d) => weekdays.push(d),
                Some(_) => {}
                None => {
                    errors.push(FieldError::invalid("weekdays"));
                    break;
                }
            }
        }
        if input.weekdays.is_empty() {
            errors.push(FieldError::new("weekdays", "required"));
        }
        weekdays.sort();
        let times = PeriodTimes::parse(&input.hours).map_err(|e| errors.extend(e));
        match times {
            Ok(times) if errors.is_empty() => Ok(WeeklyForm { weekdays, times }),
            _ => Err(errors),
        }
    }
}

/// A departure from the weekly hours: closed from `from` to `to`, or, with
/// `hours`, that service's hours on each of those dates instead of the
/// weekly ones (several special-hours rows on one date add up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoursException {
    pub id: i64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub from: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub to: Date,
    pub note: String,
    /// None: closed.
    pub hours: Option<PeriodTimes>,
}

/// An exception as typed: `kind` is `closed` or `special_hours`; `to`
/// blank means the one day `from`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptionInput {
    pub kind: String,
    pub from: String,
    pub to: String,
    pub note: String,
    /// The service's hours (special hours only); their fields at fault are
    /// named `hours.opens`, `hours.kind`, …
    pub hours: PeriodInput,
}

/// The longest exception, in days, and its note.
pub const MAX_EXCEPTION_DAYS: i64 = 366;
pub const MAX_EXCEPTION_NOTE_CHARS: usize = 200;

/// A valid exception (whether `from` is past is the service's to say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionForm {
    pub from: Date,
    pub to: Date,
    pub note: String,
    pub hours: Option<PeriodTimes>,
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub fn day_number(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl ExceptionForm {
    pub fn parse(input: &ExceptionInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let special = match input.kind.trim() {
            "closed" => Some(false),
            "special_hours" => Some(true),
            _ => {
                errors.push(FieldError::invalid("kind"));
                None
            }
        };
        let date = |raw: &str, field: &'static str| -> Result<Date, FieldError> {
            if raw.trim().is_empty() {
                return Err(FieldError::new(field, "required"));
            }
            Date::parse(raw).map_err(|_| FieldError::invalid(field))
        };
        let from = date(&input.from, "from").map_err(|e| errors.push(e)).ok();
        let to = match given(Some(&input.to)) {
            None => from,
            Some(raw) => date(raw, "to").map_err(|e| errors.push(e)).ok(),
        };
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                errors.push(FieldError::new("to", "before_from"));
            } else if day_number(to) - day_number(from) >= MAX_EXCEPTION_DAYS {
                errors.push(FieldError::new("to", "too_long"));
            }
        }
        let note = text(&input.note, "note", MAX_EXCEPTION_NOTE_CHARS, false, false)
            .map_err(|e| errors.push(e))
            .ok();
        // The service's fields are named within `hours` (its `kind` is not
        // the exception's).
        let hours = match special {
            Some(true) => PeriodTimes::parse(&input.hours)
                .map(Some)
                .map_err(|e| {
                    errors.extend(
                        e.into_iter()
                            .map(|f| FieldError::new(format!("hours.{}", f.field), f.reason)),
                    )
                })
                .ok(),
            _ => Some(None),
        };
        match (from, to, note, hours) {
            (Some(from), Some(to), Some(note), Some(hours)) if errors.is_empty() => {
                Ok(ExceptionForm {
                    from,
                    to,
                    note,
                    hours,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A booking that no longer falls within the hours (after a change of
/// hours or a closed day): staff call the guest and move or cancel it;
/// nothing cancels it silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutsideBooking {
    pub id: i64,
    pub reference: String,
    pub guest_name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "19:30"))]
    pub time: TimeOfDay,
    pub party_size: u32,
}

/// Everything on the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Settings {
    pub restaurant: RestaurantSettings,
    pub rules: BookingRules,
    /// By weekday, then opening time.
    pub hours: Vec<WeeklyPeriod>,
    /// Those that have not ended yet, by first date.
    pub exceptions: Vec<HoursException>,
    /// Bookings to come that fall outside the hours.
    pub outside: Vec<OutsideBooking>,
}

/// One field of a settings change: its value before and after (as text,
/// empty when the thing was created or removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// What a settings change was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditSubject {
    Restaurant,
    Rules,
    Hours,
    Exception,
    /// A photo of the restaurant's page.
    Gallery,
    Area,
    Table,
    Combination,
    /// A table or an area blocked for a while.
    Block,
    MenuCategory,
    /// A dish (its photos and "sold out today" too).
    MenuItem,
    /// The payment policy (deposits, guarantees, refunds).
    Payments,
}

impl AuditSubject {
    pub const ALL: [AuditSubject; 12] = [
        AuditSubject::Restaurant,
        AuditSubject::Rules,
        AuditSubject::Hours,
        AuditSubject::Exception,
        AuditSubject::Gallery,
        AuditSubject::Area,
        AuditSubject::Table,
        AuditSubject::Combination,
        AuditSubject::Block,
        AuditSubject::MenuCategory,
        AuditSubject::MenuItem,
        AuditSubject::Payments,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AuditSubject::Restaurant => "restaurant",
            AuditSubject::Rules => "rules",
            AuditSubject::Hours => "hours",
            AuditSubject::Exception => "exception",
            AuditSubject::Gallery => "gallery",
            AuditSubject::Area => "area",
            AuditSubject::Table => "table",
            AuditSubject::Combination => "combination",
            AuditSubject::Block => "block",
            AuditSubject::MenuCategory => "menu_category",
            AuditSubject::MenuItem => "menu_item",
            AuditSubject::Payments => "payments",
        }
    }
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// One line of the audit log: who changed what, when, from what to what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// The staff member's name (none once the account is gone).
    pub who: Option<String>,
    pub subject: AuditSubject,
    /// `create`, `update` or `delete`.
    pub action: String,
    /// What was changed, in words of the data ("monday dinner",
    /// "2026-12-24 – 2026-12-26").
    pub label: String,
    pub changes: Vec<AuditChange>,
}

/// A page of the audit log, newest first; `next` continues it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next (older) page.
    pub next: Option<i64>,
}

/// The fields of a settings value as text, in a fixed order, for the audit
/// log's before → after.
pub trait AuditFields {
    fn audit_fields(&self) -> Vec<(&'static str, String)>;
}

/// The fields that differ between `before` and `after` (a missing side
/// reads as empty).
pub fn audit_changes(
    before: &[(&'static str, String)],
    after: &[(&'static str, String)],
) -> Vec<AuditChange> {
    let mut names: Vec<&'static str> = before.iter().map(|(f, _)| *f).collect();
    for (f, _) in after {
        if !names.contains(f) {
            names.push(f);
        }
    }
    let value = |side: &[(&'static str, String)], f: &str| {
        side.iter()
            .find(|(n, _)| *n == f)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    names
        .into_iter()
        .filter_map(|f| {
            let (b, a) = (value(before, f), value(after, f));
            (b != a).then(|| AuditChange {
                field: f.to_owned(),
                before: b,
                after: a,
            })
        })
        .collect()
}

fn opt(v: Option<u32>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

impl AuditFields for PeriodTimes {
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("opens", self.opens.to_string()),
            ("last_seating", self.last_seating.to_string()),
            ("closes", self.closes.to_string()),
            (
                "slot_interval_minutes",
                self.slot_interval_minutes.to_string(),
            ),
            ("max_covers_per_slot", opt(self.max_covers_per_slot)),
        ]
    }
}

fn turn_text(bands: &[TurnBand], larger: u32) -> String {
    let mut parts: Vec<String> = bands
        .iter()
        .map(|b| format!("≤{}: {}", b.up_to, b.minutes))
        .collect();
    parts.push(format!("+: {larger}"));
    parts.join(", ")
}

impl AuditFields for RulesForm {
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("min_notice_minutes", self.min_notice_minutes.to_string()),
            ("max_advance_days", self.max_advance_days.to_string()),
            ("min_party", self.min_party.to_string()),
            ("max_party_online", self.max_party_online.to_string()),
            (
                "cancel_cutoff_minutes",
                self.cancel_cutoff_minutes.to_string(),
            ),
            (
                "turn_times",
                turn_text(&self.turn_times, self.turn_larger_minutes),
            ),
        ]
    }
}

impl AuditFields for BookingRules {
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        RulesForm {
            min_notice_minutes: self.min_notice_minutes,
            max_advance_days: self.max_advance_days,
            min_party: self.min_party,
            max_party_online: self.max_party_online,
            cancel_cutoff_minutes: self.cancel_cutoff_minutes,
            turn_times: self.turn_times.clone(),
            turn_larger_minutes: self.turn_larger_minutes,
        }
        .audit_fields()
    }
}

impl AuditFields for RestaurantForm {
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("tagline_fr", self.tagline.fr.clone()),
            ("tagline_en", self.tagline.en.clone()),
            ("about_fr", self.about.fr.clone()),
            ("about_en", self.about.en.clone()),
            ("street", self.address.street.clone()),
            ("postal_code", self.address.postal_code.clone()),
            ("city", self.address.city.clone()),
            ("country", self.address.country.clone()),
            ("phone", self.phone.clone()),
            ("email", self.email.clone()),
        ]
    }
}

impl AuditFields for RestaurantSettings {
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        RestaurantForm {
            name: self.name.clone(),
            tagline: self.tagline.clone(),
            about: self.about.clone(),
            address: self.address.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
        }
        .audit_fields()
    }
}

impl AuditFields for ExceptionForm {
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![
            ("from", self.from.to_string()),
            ("to", self.to.to_string()),
            ("note", self.note.clone()),
        ];
        match &self.hours {
            None => fields.push(("kind", "closed".into())),
            Some(h) => {
                fields.push(("kind", h.kind.as_str().into()));
                fields.extend(h.audit_fields());
            }
        }
        fields
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(kind: &str, opens: &str, last: &str, closes: &str) -> PeriodInput {
        PeriodInput {
            kind: kind.into(),
            opens: opens.into(),
            last_seating: last.into(),
            closes: closes.into(),
            slot_interval_minutes: "15".into(),
            max_covers_per_slot: String::new(),
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.reason)).collect()
    }

    #[test]
    fn a_period_parses_and_names_every_fault() {
        let ok = PeriodTimes::parse(&hours("dinner", "19:00", "21:30", "24:00")).unwrap();
        assert_eq!(ok.closes, TimeOfDay::END_OF_DAY);
        assert_eq!(ok.max_covers_per_slot, None);
        let bad = PeriodTimes::parse(&PeriodInput {
            slot_interval_minutes: "0".into(),
            max_covers_per_slot: "x".into(),
            ..hours("supper", "21:00", "20:00", "20:30")
        })
        .unwrap_err();
        assert_eq!(
            fields(bad),
            [
                ("kind".into(), "invalid".into()),
                ("last_seating".into(), "before_opening".into()),
                ("closes".into(), "before_opening".into()),
                ("slot_interval_minutes".into(), "invalid".into()),
                ("max_covers_per_slot".into(), "invalid".into()),
            ]
        );
        let bad = PeriodTimes::parse(&hours("lunch", "24:00", "", "12:00")).unwrap_err();
        assert_eq!(
            fields(bad),
            [
                ("opens".into(), "invalid".into()),
                ("last_seating".into(), "required".into()),
            ]
        );
        let bad = PeriodTimes::parse(&hours("lunch", "12:00", "14:00", "13:30")).unwrap_err();
        assert_eq!(
            fields(bad),
            [("closes".into(), "before_last_seating".into())]
        );
    }

    #[test]
    fn services_overlap_when_they_share_time() {
        let lunch = PeriodTimes::parse(&hours("lunch", "12:00", "13:30", "15:00")).unwrap();
        let dinner = PeriodTimes::parse(&hours("dinner", "15:00", "21:00", "23:00")).unwrap();
        let early = PeriodTimes::parse(&hours("dinner", "14:30", "21:00", "23:00")).unwrap();
        assert!(!lunch.overlaps(&dinner));
        assert!(lunch.overlaps(&early) && early.overlaps(&lunch));
    }

    #[test]
    fn weekdays_are_named_and_required() {
        let input = WeeklyInput {
            weekdays: vec!["friday".into(), "monday".into(), "friday".into()],
            hours: hours("lunch", "12:00", "13:30", "15:00"),
        };
        let form = WeeklyForm::parse(&input).unwrap();
        assert_eq!(form.weekdays, [Weekday::Monday, Weekday::Friday]);
        let none = WeeklyForm::parse(&WeeklyInput {
            weekdays: vec![],
            ..input.clone()
        })
        .unwrap_err();
        assert_eq!(fields(none), [("weekdays".into(), "required".into())]);
        let bad = WeeklyForm::parse(&WeeklyInput {
            weekdays: vec!["someday".into()],
            ..input
        })
        .unwrap_err();
        assert_eq!(fields(bad), [("weekdays".into(), "invalid".into())]);
    }

    #[test]
    fn rules_name_every_fault_and_skip_blank_rows() {
        let input = RulesInput {
            min_notice_minutes: "60".into(),
            max_advance_days: "90".into(),
            min_party: "1".into(),
            max_party_online: "10".into(),
            cancel_cutoff_minutes: "1440".into(),
            turn_times: vec![
                ("2".into(), "90".into()),
                (String::new(), String::new()),
                ("6".into(), "120".into()),
            ],
            turn_larger_minutes: "150".into(),
        };
        let form = RulesForm::parse(&input).unwrap();
        assert_eq!(
            form.turn_times,
            [
                TurnBand {
                    up_to: 2,
                    minutes: 90
                },
                TurnBand {
                    up_to: 6,
                    minutes: 120
                }
            ]
        );
        let bad = RulesForm::parse(&RulesInput {
            min_party: "4".into(),
            max_party_online: "2".into(),
            max_advance_days: "-1".into(),
            turn_times: vec![("6".into(), "90".into()), ("4".into(), "5".into())],
            turn_larger_minutes: String::new(),
            ..input
        })
        .unwrap_err();
        assert_eq!(
            fields(bad),
            [
                ("max_advance_days".into(), "invalid".into()),
                ("max_party_online".into(), "below_min".into()),
                ("turn_minutes_2".into(), "invalid".into()),
                ("turn_up_to_2".into(), "not_increasing".into()),
                ("turn_larger_minutes".into(), "required".into()),
            ]
        );
    }

    #[test]
    fn exceptions_are_closed_ranges_or_special_hours() {
        let closed = ExceptionForm::parse(&ExceptionInput {
            kind: "closed".into(),
            from: "2026-12-24".into(),
            to: "2026-12-26".into(),
            note: " Christmas ".into(),
            hours: PeriodInput::default(),
        })
        .unwrap();
        assert_eq!((closed.note.as_str(), closed.hours), ("Christmas", None));
        let one_day = ExceptionForm::parse(&ExceptionInput {
            kind: "special_hours".into(),
            from: "2026-12-31".into(),
            to: String::new(),
            note: String::new(),
            hours: hours("dinner", "19:00", "22:00", "24:00"),
        })
        .unwrap();
        assert_eq!(one_day.to, one_day.from);
        assert!(one_day.hours.is_some());
        let bad = ExceptionForm::parse(&ExceptionInput {
            kind: "special_hours".into(),
            from: "2026-12-31".into(),
            to: "2026-12-30".into(),
            note: "a\u{0007}".into(),
            hours: hours("dinner", "", "22:00", "24:00"),
        })
        .unwrap_err();
        assert_eq!(
            fields(bad),
            [
                ("to".into(), "before_from".into()),
                ("note".into(), "invalid".into()),
                ("hours.opens".into(), "required".into()),
            ]
        );
        let long = ExceptionForm::parse(&ExceptionInput {
            kind: "closed".into(),
            from: "2026-01-01".into(),
            to: "2027-01-02".into(),
            ..ExceptionInput::default()
        })
        .unwrap_err();
        assert_eq!(fields(long), [("to".into(), "too_long".into())]);
    }

    #[test]
    fn day_numbers_count_days() {
        let d = |s: &str| day_number(Date::parse(s).unwrap());
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("2024-03-01") - d("2024-02-28"), 2);
        assert_eq!(d("2027-01-01") - d("2026-01-01"), 365);
    }

    #[test]
    fn the_restaurant_page_names_every_fault() {
        let input = RestaurantInput {
            name: "Chez Margot".into(),
            about_fr: "Une cuisine de marché.\r\nDepuis 1998.".into(),
            street: "12 rue des Martyrs".into(),
            postal_code: "75009".into(),
            city: "Paris".into(),
            country: "France".into(),
            phone: "+33 1 42 00 00 00".into(),
            email: "Bonjour@Chez-Margot.FR".into(),
            ..RestaurantInput::default()
        };
        let form = RestaurantForm::parse(&input).unwrap();
        assert_eq!(form.about.fr, "Une cuisine de marché.\nDepuis 1998.");
        assert_eq!(form.email, "Bonjour@chez-margot.fr");
        let bad = RestaurantForm::parse(&RestaurantInput {
            name: " ".into(),
            tagline_en: "x\ny".into(),
            phone: "call us".into(),
            email: String::new(),
            ..input
        })
        .unwrap_err();
        assert_eq!(
            fields(bad),
            [
                ("name".into(), "required".into()),
                ("tagline_en".into(), "invalid".into()),
                ("phone".into(), "invalid".into()),
                ("email".into(), "required".into()),
            ]
        );
    }

    #[test]
    fn audit_changes_list_what_differs() {
        let before = vec![("opens", "19:00".to_string()), ("closes", "23:00".into())];
        let after = vec![("opens", "18:30".to_string()), ("closes", "23:00".into())];
        assert_eq!(
            audit_changes(&before, &after),
            [AuditChange {
                field: "opens".into(),
                before: "19:00".into(),
                after: "18:30".into()
            }]
        );
        assert_eq!(audit_changes(&[], &after).len(), 2);
    }
}
