//! A booking taken by staff: on the phone (the usual details, a date and
//! time; staff may go beyond the online rules when they say so) or a
//! walk-in seated now (a party size is enough).

use super::guest::{Email, GuestName, Locale, Notes, Phone};
use super::staff::ReservationSource;
use crate::time::{Date, TimeOfDay};
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// The form as typed (the page's fields, or the JSON API's body with its
/// numbers written out): every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffBookingInput {
    pub source: Option<String>,
    pub date: Option<String>,
    pub time: Option<String>,
    pub party_size: Option<String>,
    pub duration_minutes: Option<String>,
    pub tables: Vec<i64>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub locale: Option<String>,
    /// Staff confirm they go beyond the online rules (outside the booking
    /// window, a larger party, over the pacing).
    pub override_rules: bool,
}

/// A validated staff booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffBooking {
    /// [`ReservationSource::Phone`] or [`ReservationSource::WalkIn`].
    pub source: ReservationSource,
    /// Required on the phone; a walk-in without them sits down now.
    pub date: Option<Date>,
    pub time: Option<TimeOfDay>,
    pub party_size: u32,
    /// The turn time for the party when not given.
    pub duration_minutes: Option<u32>,
    /// Chosen tables (one, or a combination); empty: the best free ones.
    pub tables: Vec<i64>,
    pub name: Option<GuestName>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub notes: Notes,
    pub locale: Locale,
    pub override_rules: bool,
}

impl StaffBooking {
    /// The largest party staff may book (a whole-restaurant event is set
    /// up differently).
    pub const MAX_PARTY: u32 = 500;
    pub const MIN_DURATION: u32 = 15;
    pub const MAX_DURATION: u32 = 1440;
    /// The most tables one booking may hold.
    pub const MAX_TABLES: usize = 12;

    /// Every field at fault, in form order: a phone booking needs a date,
    /// a time, a name and a phone number or an e-mail address; a walk-in
    /// only a party size.
    pub fn parse(input: &StaffBookingInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let given = |v: &Option<String>| crate::given(v.as_deref()).map(str::to_owned);
        let source = match given(&input.source).as_deref() {
            Some("phone") => Some(ReservationSource::Phone),
            Some("walk_in") => Some(ReservationSource::WalkIn),
            _ => {
                errors.push(FieldError::invalid("source"));
                None
            }
        };
        let on_phone = source == Some(ReservationSource::Phone);
        let required = |errors: &mut Vec<FieldError>, field: &str| {
            errors.push(FieldError::new(field, "required"));
        };
        let date = match given(&input.date) {
            Some(d) => Date::parse(&d)
                .map_err(|_| errors.push(FieldError::invalid("date")))
                .ok(),
            None => {
                if on_phone {
                    required(&mut errors, "date");
                }
                None
            }
        };
        let time = match given(&input.time) {
            Some(t) => TimeOfDay::parse(&t)
                .ok()
                .filter(|t| *t < TimeOfDay::END_OF_DAY)
                .or_else(|| {
                    errors.push(FieldError::invalid("time"));
                    None
                }),
            None => {
                if on_phone {
                    required(&mut errors, "time");
                }
                None
            }
        };
        if date.is_some() != time.is_some() && !on_phone && errors.is_empty() {
            // A walk-in sits down now, or at a given date and time: both.
            let missing = if date.is_none() { "date" } else { "time" };
            required(&mut errors, missing);
        }
        let party_size = given(&input.party_size)
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| (1..=Self::MAX_PARTY).contains(p));
        if party_size.is_none() {
            errors.push(FieldError::invalid("party_size"));
        }
        let duration_minutes = match given(&input.duration_minutes) {
            Some(d) => {
                let d = d
                    .parse::<u32>()
                    .ok()
                    .filter(|d| (Self::MIN_DURATION..=Self::MAX_DURATION).contains(d));
                if d.is_none() {
                    errors.push(FieldError::invalid("duration_minutes"));
                }
                d
            }
            None => None,
        };
        let mut tables = Vec::new();
        for id in &input.tables {
            if !tables.contains(id) {
                tables.push(*id);
            }
        }
        if tables.len() > Self::MAX_TABLES || tables.iter().any(|id| *id <= 0) {
            errors.push(FieldError::invalid("tables"));
        }
        let name = match given(&input.name) {
            Some(n) => GuestName::parse(&n).map_err(|e| errors.push(e.into())).ok(),
            None => {
                if on_phone {
                    required(&mut errors, "name");
                }
                None
            }
        };
        let email = given(&input.email)
            .and_then(|e| Email::parse(&e).map_err(|e| errors.push(e.into())).ok());
        let phone = given(&input.phone)
            .and_then(|p| Phone::parse(&p).map_err(|e| errors.push(e.into())).ok());
        let contact_typed = given(&input.email).is_some() || given(&input.phone).is_some();
        if on_phone && !contact_typed {
            required(&mut errors, "phone");
        }
        let notes = Notes::parse(input.notes.as_deref().unwrap_or_default())
            .map_err(|e| errors.push(e.into()))
            .ok();
        let locale = match given(&input.locale) {
            Some(l) => Locale::parse(&l).map_err(|e| errors.push(e.into())).ok(),
            None => Some(Locale::default()),
        };
        match (source, party_size, notes, locale) {
            (Some(source), Some(party_size), Some(notes), Some(locale)) if errors.is_empty() => {
                Ok(StaffBooking {
                    source,
                    date,
                    time,
                    party_size,
                    duration_minutes,
                    tables,
                    name,
                    email,
                    phone,
                    notes,
                    locale,
                    override_rules: input.override_rules,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(source: &str) -> StaffBookingInput {
        StaffBookingInput {
            source: Some(source.into()),
            party_size: Some("2".into()),
            ..StaffBookingInput::default()
        }
    }

    fn fields(input: &StaffBookingInput) -> Vec<(String, String)> {
        StaffBooking::parse(input)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.reason))
            .collect()
    }

    #[test]
    fn a_walk_in_needs_only_a_party_size() {
        let walk_in = StaffBooking::parse(&input("walk_in")).unwrap();
        assert_eq!(walk_in.source, ReservationSource::WalkIn);
        assert_eq!(
            (walk_in.date, walk_in.time, walk_in.name),
            (None, None, None)
        );
        assert_eq!(walk_in.party_size, 2);
        assert!(walk_in.tables.is_empty());
    }

    #[test]
    fn a_phone_booking_needs_when_who_and_a_contact() {
        let r = |f: &str| (f.to_owned(), "required".to_owned());
        assert_eq!(
            fields(&input("phone")),
            [r("date"), r("time"), r("name"), r("phone")]
        );
        let mut ok = input("phone");
        ok.date = Some("2026-12-18".into());
        ok.time = Some("19:30".into());
        ok.name = Some("Ada Lovelace".into());
        ok.email = Some("ada@example.com".into());
        ok.tables = vec![3, 3, 4];
        ok.override_rules = true;
        let booking = StaffBooking::parse(&ok).unwrap();
        assert_eq!(booking.tables, [3, 4]);
        assert!(booking.override_rules && booking.phone.is_none());
    }

    #[test]
    fn every_bad_field_is_named_in_form_order() {
        let bad = StaffBookingInput {
            source: Some("online".into()),
            date: Some("2026-02-30".into()),
            time: Some("24:00".into()),
            party_size: Some("501".into()),
            duration_minutes: Some("10".into()),
            tables: vec![0],
            name: Some("\u{0}".into()),
            email: Some("nope".into()),
            phone: Some("12".into()),
            notes: Some("x".repeat(501)),
            locale: Some("de".into()),
            override_rules: false,
        };
        let names: Vec<String> = fields(&bad).into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            names,
            [
                "source",
                "date",
                "time",
                "party_size",
                "duration_minutes",
                "tables",
                "name",
                "email",
                "phone",
                "notes",
                "locale"
            ]
        );
        let mut half = input("walk_in");
        half.time = Some("20:00".into());
        assert_eq!(fields(&half), [("date".to_owned(), "required".to_owned())]);
    }
}
