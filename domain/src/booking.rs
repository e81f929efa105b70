//! Booking: the guest's details as validated values, and the shapes that
//! cross the wire between the server and the browser (availability,
//! reservations, policies).
//!
//! Instants travel as RFC 3339 strings and local dates/times as
//! `YYYY-MM-DD` / `HH:MM` strings, so this crate needs no date library.

use crate::restaurant::ServiceKind;
use serde::{Deserialize, Serialize};

/// Why a guest-supplied value was refused; `field()` names the form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DetailsError {
    #[error("the name must have 1 to 100 characters")]
    Name,
    #[error("the email address is not valid")]
    Email,
    #[error("the phone number is not valid")]
    Phone,
    #[error("special requests are limited to 500 characters")]
    Notes,
    #[error("the party size is not valid")]
    PartySize,
    #[error("the language is not supported")]
    Locale,
}

impl DetailsError {
    /// The form field (and JSON property) at fault.
    pub fn field(self) -> &'static str {
        match self {
            DetailsError::Name => "name",
            DetailsError::Email => "email",
            DetailsError::Phone => "phone",
            DetailsError::Notes => "notes",
            DetailsError::PartySize => "party_size",
            DetailsError::Locale => "locale",
        }
    }
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control())
}

/// A guest's name: trimmed, 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct GuestName(String);

impl GuestName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, DetailsError> {
        let name = raw.trim();
        let len = name.chars().count();
        if len == 0 || len > Self::MAX_CHARS || has_control(name) {
            return Err(DetailsError::Name);
        }
        Ok(GuestName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address: trimmed, one `@` with a non-empty local part and a
/// dotted domain, at most 254 characters, no spaces. The domain is
/// lower-cased (the local part is kept as typed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// The longest address, in bytes (RFC 5321's path limit).
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, DetailsError> {
        let email = raw.trim();
        if email.len() > Self::MAX_LEN || email.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(DetailsError::Email);
        }
        let (local, domain) = email.split_once('@').ok_or(DetailsError::Email)?;
        let labels_ok = domain.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
        if local.is_empty()
            || local.len() > 64
            || domain.contains('@')
            || !domain.contains('.')
            || !labels_ok
        {
            return Err(DetailsError::Email);
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number in E.164 form (`+33612345678`). Spaces, dots, dashes and
/// parentheses are accepted and dropped; `00` is read as `+`; a French
/// national number (`06 12 34 56 78`) becomes `+336…`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, DetailsError> {
        let trimmed = raw.trim();
        if trimmed.chars().any(|c| {
            !(c.is_ascii_digit() || matches!(c, '+' | ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
        }) {
            return Err(DetailsError::Phone);
        }
        let plus = trimmed.starts_with('+');
        if trimmed[usize::from(plus)..].contains('+') {
            return Err(DetailsError::Phone);
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let international = if plus {
            digits
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.to_owned()
        } else if digits.len() == 10 && digits.starts_with('0') {
            format!("33{}", &digits[1..])
        } else {
            return Err(DetailsError::Phone);
        };
        // E.164: a country code that does not start with 0, 8 to 15 digits.
        if !(8..=15).contains(&international.len()) || international.starts_with('0') {
            return Err(DetailsError::Phone);
        }
        Ok(Phone(format!("+{international}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Special requests: trimmed, at most 500 characters (line breaks allowed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Notes(String);

impl Notes {
    pub const MAX_CHARS: usize = 500;

    pub fn parse(raw: &str) -> Result<Self, DetailsError> {
        let notes = raw.trim();
        let bad_control = notes
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t');
        if notes.chars().count() > Self::MAX_CHARS || bad_control {
            return Err(DetailsError::Notes);
        }
        Ok(Notes(notes.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The number of guests: 1 to 99 (the restaurant's online limits are
/// checked by the booking rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u32")]
pub struct PartySize(u32);

impl PartySize {
    pub const MAX: u32 = 99;

    pub fn parse(n: i64) -> Result<Self, DetailsError> {
        u32::try_from(n)
            .ok()
            .filter(|n| (1..=Self::MAX).contains(n))
            .map(PartySize)
            .ok_or(DetailsError::PartySize)
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// The language of a guest's pages and e-mails.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    /// `fr`, `en`, or a tag starting with one of them (`en-GB`).
    pub fn parse(raw: &str) -> Result<Self, DetailsError> {
        let tag = raw.trim().to_ascii_lowercase();
        match tag.get(..2) {
            Some("fr") if tag.len() == 2 || tag.as_bytes()[2] == b'-' => Ok(Locale::Fr),
            Some("en") if tag.len() == 2 || tag.as_bytes()[2] == b'-' => Ok(Locale::En),
            _ => Err(DetailsError::Locale),
        }
    }

    /// The first supported language of an `Accept-Language` header, else French.
    pub fn from_accept_language(header: &str) -> Self {
        header
            .split(',')
            .filter_map(|part| Locale::parse(part.split(';').next().unwrap_or_default()).ok())
            .next()
            .unwrap_or_default()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }
}

/// Everything the guest types in step 2 of the wizard, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestDetails {
    pub name: GuestName,
    pub email: Email,
    pub phone: Phone,
    pub notes: Notes,
}

impl GuestDetails {
    /// Validates every field; the error names the first field at fault, in
    /// form order.
    pub fn parse(name: &str, email: &str, phone: &str, notes: &str) -> Result<Self, DetailsError> {
        Ok(GuestDetails {
            name: GuestName::parse(name)?,
            email: Email::parse(email)?,
            phone: Phone::parse(phone)?,
            notes: Notes::parse(notes)?,
        })
    }

    /// Every field at fault, in form order (for inline form errors).
    pub fn errors(name: &str, email: &str, phone: &str, notes: &str) -> Vec<DetailsError> {
        [
            GuestName::parse(name).err(),
            Email::parse(email).err(),
            Phone::parse(phone).err(),
            Notes::parse(notes).err(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

macro_rules! string_conversions {
    ($($ty:ident),*) => {$(
        impl TryFrom<String> for $ty {
            type Error = DetailsError;
            fn try_from(raw: String) -> Result<Self, DetailsError> {
                $ty::parse(&raw)
            }
        }
        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.0
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
string_conversions!(GuestName, Email, Phone, Notes);

impl TryFrom<i64> for PartySize {
    type Error = DetailsError;
    fn try_from(n: i64) -> Result<Self, DetailsError> {
        PartySize::parse(n)
    }
}

impl From<PartySize> for u32 {
    fn from(p: PartySize) -> u32 {
        p.0
    }
}

/// Why a slot cannot be booked online (mirrors the booking rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotReason {
    /// The restaurant is closed that day.
    Closed,
    /// The party is too small or too large to book online.
    PartySize,
    /// Further ahead than the restaurant takes bookings.
    TooFarAhead,
    /// Too close to now (minimum notice), or in the past.
    TooSoon,
    /// Enough guests already arrive at that time.
    Pacing,
    /// No table is free.
    Full,
}

impl SlotReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SlotReason::Closed => "closed",
            SlotReason::PartySize => "party_size",
            SlotReason::TooFarAhead => "too_far_ahead",
            SlotReason::TooSoon => "too_soon",
            SlotReason::Pacing => "pacing",
            SlotReason::Full => "full",
        }
    }
}

/// One seating time of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotView {
    /// Local time, `HH:MM`.
    pub time: String,
    /// The instant, RFC 3339 with the restaurant's offset.
    pub start: String,
    pub available: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<SlotReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodSlots {
    pub kind: ServiceKind,
    pub slots: Vec<SlotView>,
}

/// The slots of one date for one party size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySlots {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub party_size: u32,
    pub closed: bool,
    pub periods: Vec<PeriodSlots>,
}

impl DaySlots {
    pub fn any_available(&self) -> bool {
        self.periods
            .iter()
            .flat_map(|p| &p.slots)
            .any(|s| s.available)
    }
}

/// Whether a date of a month has at least one bookable slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFlag {
    pub date: String,
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthDays {
    /// `YYYY-MM`.
    pub month: String,
    pub party_size: u32,
    pub days: Vec<DayFlag>,
}

/// A bookable slot offered instead of one that was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    pub date: String,
    pub time: String,
    pub start: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReservationStatus {
    /// Waiting for a deposit (the payments feature).
    PendingPayment,
    Confirmed,
    Seated,
    Completed,
    Cancelled,
    NoShow,
}

impl ReservationStatus {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending_payment" => ReservationStatus::PendingPayment,
            "confirmed" => ReservationStatus::Confirmed,
            "seated" => ReservationStatus::Seated,
            "completed" => ReservationStatus::Completed,
            "cancelled" => ReservationStatus::Cancelled,
            "no_show" => ReservationStatus::NoShow,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReservationStatus::PendingPayment => "pending_payment",
            ReservationStatus::Confirmed => "confirmed",
            ReservationStatus::Seated => "seated",
            ReservationStatus::Completed => "completed",
            ReservationStatus::Cancelled => "cancelled",
            ReservationStatus::NoShow => "no_show",
        }
    }

    /// Whether the reservation holds its tables.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            ReservationStatus::PendingPayment
                | ReservationStatus::Confirmed
                | ReservationStatus::Seated
        )
    }
}

/// A reservation as its guest sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservationView {
    pub reference: String,
    pub status: ReservationStatus,
    /// Local date and time at the restaurant.
    pub date: String,
    pub time: String,
    /// RFC 3339 instants with the restaurant's offset.
    pub start: String,
    pub end: String,
    pub party_size: u32,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub locale: Locale,
    /// The guest may still change or cancel it online (before the cut-off).
    pub can_change: bool,
    /// Minutes before the start after which only a phone call can change it.
    pub cancel_cutoff_minutes: u32,
}

/// A reservation that was just made: the view plus its secret manage token
/// (shown once; only its hash is stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookedReservation {
    pub reservation: ReservationView,
    pub manage_token: String,
}

/// What the wizard tells a diner before they confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingPolicy {
    pub min_party: u32,
    pub max_party_online: u32,
    pub max_advance_days: u32,
    pub min_notice_minutes: u32,
    pub cancel_cutoff_minutes: u32,
    /// The deposit a party of the asked size pays, in cents; `None` when none.
    pub deposit_cents: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            GuestName::parse("  Ada Lovelace ").unwrap().as_str(),
            "Ada Lovelace"
        );
        assert_eq!(GuestName::parse("   "), Err(DetailsError::Name));
        assert_eq!(GuestName::parse(&"é".repeat(101)), Err(DetailsError::Name));
        assert!(GuestName::parse(&"é".repeat(100)).is_ok());
        assert_eq!(GuestName::parse("a\u{0}b"), Err(DetailsError::Name));
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" Ada@Example.COM ").unwrap().as_str(),
            "Ada@example.com"
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "a da@example.com",
            "ada@exa_mple.com",
            "ada@.example.com",
            "ada@example..com",
        ] {
            assert_eq!(Email::parse(bad), Err(DetailsError::Email), "{bad:?}");
        }
    }

    #[test]
    fn phones_become_e164() {
        for (raw, want) in [
            ("+33 6 12 34 56 78", "+33612345678"),
            ("06.12.34.56.78", "+33612345678"),
            ("0044 20 7946 0958", "+442079460958"),
            ("+44 20 7946 0958", "+442079460958"),
            ("+1-212-555-0100", "+12125550100"),
        ] {
            assert_eq!(Phone::parse(raw).unwrap().as_str(), want, "{raw:?}");
        }
        for bad in [
            "",
            "12345",
            "+0 123 456 789",
            "+33 6 12 34 56 78 90 12 34",
            "06 12 34 56",
            "call me",
            "+33+612345678",
        ] {
            assert_eq!(Phone::parse(bad), Err(DetailsError::Phone), "{bad:?}");
        }
    }

    #[test]
    fn notes_and_party_sizes() {
        assert_eq!(
            Notes::parse(" window seat\nplease ").unwrap().as_str(),
            "window seat\nplease"
        );
        assert_eq!(Notes::parse(&"x".repeat(501)), Err(DetailsError::Notes));
        assert_eq!(PartySize::parse(0), Err(DetailsError::PartySize));
        assert_eq!(PartySize::parse(-3), Err(DetailsError::PartySize));
        assert_eq!(PartySize::parse(100), Err(DetailsError::PartySize));
        assert_eq!(PartySize::parse(4).unwrap().get(), 4);
    }

    #[test]
    fn locales() {
        assert_eq!(Locale::parse("en-GB"), Ok(Locale::En));
        assert_eq!(Locale::parse("FR"), Ok(Locale::Fr));
        assert_eq!(Locale::parse("de"), Err(DetailsError::Locale));
        assert_eq!(Locale::parse("eng"), Err(DetailsError::Locale));
        assert_eq!(
            Locale::from_accept_language("de-DE,en;q=0.8,fr;q=0.5"),
            Locale::En
        );
        assert_eq!(Locale::from_accept_language("de"), Locale::Fr);
    }

    #[test]
    fn details_report_every_bad_field_in_order() {
        let errors = GuestDetails::errors("", "nope", "+33612345678", "");
        assert_eq!(errors, [DetailsError::Name, DetailsError::Email]);
        assert_eq!(
            GuestDetails::parse("", "nope", "x", "").unwrap_err(),
            DetailsError::Name
        );
    }

    #[test]
    fn deserialization_validates() {
        assert!(serde_json::from_str::<Email>("\"not-an-email\"").is_err());
        assert!(serde_json::from_str::<PartySize>("0").is_err());
        let p: PartySize = serde_json::from_str("2").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "2");
    }

    proptest::proptest! {
        #[test]
        fn parsed_phones_are_e164(raw in "[+0-9 .()-]{0,24}") {
            if let Ok(phone) = Phone::parse(&raw) {
                let s = phone.as_str();
                proptest::prop_assert!(s.starts_with('+'));
                proptest::prop_assert!((9..=16).contains(&s.len()));
                proptest::prop_assert!(s[1..].chars().all(|c| c.is_ascii_digit()));
                proptest::prop_assert_eq!(Phone::parse(s).unwrap(), phone.clone());
            }
        }

        #[test]
        fn valid_emails_parse_and_round_trip(
            (local, domain) in valid_email(),
            pad in "[ \t]{0,2}",
        ) {
            let raw = format!("{pad}{local}@{domain}{pad}");
            let email = Email::parse(&raw);
            proptest::prop_assert!(email.is_ok(), "{:?} refused", raw);
            let email = email.unwrap();
            // Trimmed, the domain lower-cased, the local part as typed.
            proptest::prop_assert_eq!(
                email.as_str(),
                format!("{local}@{}", domain.to_lowercase())
            );
            proptest::prop_assert_eq!(Email::parse(email.as_str()).unwrap(), email.clone());
            let json = serde_json::to_string(&email).unwrap();
            proptest::prop_assert_eq!(serde_json::from_str::<Email>(&json).unwrap(), email);
        }

        #[test]
        fn broken_emails_are_refused(raw in invalid_email()) {
            proptest::prop_assert_eq!(Email::parse(&raw), Err(DetailsError::Email), "{:?}", raw);
            proptest::prop_assert!(serde_json::from_value::<Email>(raw.into()).is_err());
        }
    }

    /// (local part, domain) of a valid address: common local-part
    /// characters, two to four labels of letters and digits with inner
    /// hyphens, in any case.
    fn valid_email() -> impl proptest::strategy::Strategy<Value = (String, String)> {
        use proptest::strategy::Strategy;
        let label = "[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?";
        (
            "[A-Za-z0-9._%+-]{1,64}",
            proptest::collection::vec(label, 2..5),
        )
            .prop_map(|(local, labels)| (local, labels.join(".")))
    }

    /// A valid address broken in one way.
    fn invalid_email() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::{Just, Strategy};
        valid_email().prop_flat_map(|(local, domain)| {
            let undotted = domain.replace('.', "");
            proptest::prop_oneof![
                Just(format!("{local}{domain}")),
                Just(format!("@{domain}")),
                Just(format!("{local}@")),
                Just(format!("{local}@@{domain}")),
                Just(format!("{local}@{domain}@example.com")),
                Just(format!("{local} x@{domain}")),
                Just(format!("{local}@{domain}\u{7}")),
                Just(format!("{local}@{undotted}")),
                Just(format!("{local}@.{domain}")),
                Just(format!("{local}@{domain}.")),
                Just(format!("{local}@{domain}..com")),
                Just(format!("{local}@-{domain}")),
                Just(format!("{local}@{domain}-")),
                Just(format!("{local}@{domain}_x.com")),
                Just(format!("{}@{domain}", "x".repeat(65))),
                Just(format!("{local}@{}.com", "a".repeat(250))),
            ]
        })
    }
}
