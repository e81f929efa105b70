//! Input forms: raw values as a client sends them, and `parse` functions that
//! turn them into validated values or return **every** field at fault at
//! once (so a form shows all its inline errors together, and the JSON API
//! names them all).

use crate::account::Password;
use crate::booking::{DetailsError, Email, GuestDetails, GuestName, Notes, PartySize, Phone};
use crate::time::{Date, TimeOfDay};
use serde::{Deserialize, Serialize};

/// One refused input field: which (`field`, the form and JSON name) and why
/// (`reason`, a stable code such as `invalid`, `required`, `too_short`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// The usual case: the value is not acceptable.
    pub fn invalid(field: impl Into<String>) -> Self {
        FieldError::new(field, "invalid")
    }
}

/// A form value as typed, trimmed; `None` when it is missing or blank.
pub fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|s| !s.is_empty())
}

impl From<DetailsError> for FieldError {
    fn from(e: DetailsError) -> Self {
        FieldError::invalid(e.field())
    }
}

impl GuestDetails {
    /// The guest's details as typed (the booking wizard's step 2, the JSON
    /// API's booking body), or every field at fault in form order.
    pub fn parse_all(
        name: &str,
        email: &str,
        phone: &str,
        notes: &str,
    ) -> Result<Self, Vec<FieldError>> {
        GuestDetails::parse(name, email, phone, notes).map_err(|_| {
            GuestDetails::errors(name, email, phone, notes)
                .into_iter()
                .map(FieldError::from)
                .collect()
        })
    }
}

/// A diner's registration (the page's form and `POST /api/auth/register`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub name: GuestName,
    pub email: Email,
    pub password: Password,
}

impl Registration {
    /// Validates the three fields together; a refused password says why
    /// (`too_short`, `too_long`, `too_common`).
    pub fn parse(name: &str, email: &str, password: &str) -> Result<Self, Vec<FieldError>> {
        let name = GuestName::parse(name).map_err(FieldError::from);
        let email = Email::parse(email).map_err(FieldError::from);
        let password =
            Password::parse(password).map_err(|e| FieldError::new("password", e.as_str()));
        match (name, email, password) {
            (Ok(name), Ok(email), Ok(password)) => Ok(Registration {
                name,
                email,
                password,
            }),
            (name, email, password) => Err([name.err(), email.err(), password.err()]
                .into_iter()
                .flatten()
                .collect()),
        }
    }
}

/// A partial change of a booking as sent by a client: fields left out keep
/// their value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservationPatchInput {
    pub date: Option<String>,
    pub time: Option<String>,
    pub party_size: Option<i64>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

/// A validated partial change of a booking. The service merges it into the
/// booking as read **inside** the booking transaction, so two concurrent
/// patches of different fields both survive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReservationPatch {
    pub date: Option<Date>,
    pub time: Option<TimeOfDay>,
    pub party_size: Option<PartySize>,
    pub name: Option<GuestName>,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub notes: Option<Notes>,
}

impl ReservationPatch {
    /// Validates every given field; the error lists each one at fault, in
    /// form order.
    pub fn parse(input: &ReservationPatchInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: &str, ok: bool| {
            if !ok {
                errors.push(FieldError::invalid(field));
            }
        };
        let date = input.date.as_deref().map(Date::parse);
        check("date", !matches!(date, Some(Err(_))));
        // A seating time is on the clock face: `24:00` is not one.
        let time = input.time.as_deref().map(|t| {
            TimeOfDay::parse(t)
                .ok()
                .filter(|t| *t < TimeOfDay::END_OF_DAY)
        });
        check("time", !matches!(time, Some(None)));
        let party_size = input.party_size.map(PartySize::parse);
        check("party_size", !matches!(party_size, Some(Err(_))));
        let name = input.name.as_deref().map(GuestName::parse);
        check("name", !matches!(name, Some(Err(_))));
        let email = input.email.as_deref().map(Email::parse);
        check("email", !matches!(email, Some(Err(_))));
        let phone = input.phone.as_deref().map(Phone::parse);
        check("phone", !matches!(phone, Some(Err(_))));
        let notes = input.notes.as_deref().map(Notes::parse);
        check("notes", !matches!(notes, Some(Err(_))));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ReservationPatch {
            date: date.and_then(Result::ok),
            time: time.flatten(),
            party_size: party_size.and_then(Result::ok),
            name: name.and_then(Result::ok),
            email: email.and_then(Result::ok),
            phone: phone.and_then(Result::ok),
            notes: notes.and_then(Result::ok),
        })
    }

    /// A complete change: every field given (the manage page's form).
    pub fn complete(date: Date, time: TimeOfDay, party: PartySize, guest: GuestDetails) -> Self {
        ReservationPatch {
            date: Some(date),
            time: Some(time),
            party_size: Some(party),
            name: Some(guest.name),
            email: Some(guest.email),
            phone: Some(guest.phone),
            notes: Some(guest.notes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_patch_is_valid_and_changes_nothing() {
        let patch = ReservationPatch::parse(&ReservationPatchInput::default()).unwrap();
        assert_eq!(patch, ReservationPatch::default());
    }

    #[test]
    fn every_bad_field_is_named_in_form_order() {
        let input = ReservationPatchInput {
            date: Some("2026-02-30".into()),
            time: Some("24:00".into()),
            party_size: Some(0),
            name: Some(" ".into()),
            email: Some("nope".into()),
            phone: Some("12".into()),
            notes: Some("x".repeat(501)),
        };
        let fields: Vec<String> = ReservationPatch::parse(&input)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "date",
                "time",
                "party_size",
                "name",
                "email",
                "phone",
                "notes"
            ]
        );
    }

    #[test]
    fn a_registration_names_every_field_at_fault_with_the_password_reason() {
        let errors = Registration::parse(" ", "ada@example.com", "short").unwrap_err();
        assert_eq!(
            errors,
            [
                FieldError::invalid("name"),
                FieldError::new("password", "too_short")
            ]
        );
        let ok = Registration::parse("Ada", "Ada@Example.COM", "a long enough passphrase").unwrap();
        assert_eq!(ok.email.as_str(), "Ada@example.com");
    }

    #[test]
    fn guest_details_name_every_field_at_fault() {
        let errors = GuestDetails::parse_all("", "nope", "+33612345678", "").unwrap_err();
        assert_eq!(
            errors,
            [FieldError::invalid("name"), FieldError::invalid("email")]
        );
        assert!(GuestDetails::parse_all("Ada", "ada@example.com", "+33612345678", "").is_ok());
    }

    #[test]
    fn given_fields_are_parsed() {
        let input = ReservationPatchInput {
            party_size: Some(4),
            phone: Some("06 12 34 56 78".into()),
            ..Default::default()
        };
        let patch = ReservationPatch::parse(&input).unwrap();
        assert_eq!(patch.party_size.map(PartySize::get), Some(4));
        assert_eq!(
            patch.phone.as_ref().map(Phone::as_str),
            Some("+33612345678")
        );
        assert!(patch.name.is_none() && patch.date.is_none());
    }
}
