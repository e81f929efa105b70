//! Raw form input (as posted) into domain values. A field at fault is a
//! [`FieldError`]: named as the form names it, with its reason
//! (`password` / `too_short`), so a form can show every inline error at once.

use crate::error::AppError;
use backend::services::booking as svc;
use chrono::{NaiveDate, NaiveTime};
use domain::{
    DetailsError, Email, FieldError, GuestDetails, GuestName, Locale, PartySize, Password,
};

pub fn party(raw: i64) -> Result<PartySize, AppError> {
    PartySize::parse(raw).map_err(|e| AppError::InvalidInput {
        field: Some(e.field().to_owned()),
    })
}

/// A party size as a form posts it (text).
pub fn party_str(raw: &str) -> Result<PartySize, AppError> {
    let n = raw
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::InvalidInput {
            field: Some(DetailsError::PartySize.field().to_owned()),
        })?;
    party(n)
}

/// A slot's `YYYY-MM-DD` date and `HH:MM` time.
pub fn slot(date: &str, time: &str) -> Result<(NaiveDate, NaiveTime), AppError> {
    Ok((svc::parse_date(date)?, svc::parse_time(time)?))
}

/// Every guest field at fault, in form order.
pub fn detail_errors(name: &str, email: &str, phone: &str, notes: &str) -> Vec<FieldError> {
    GuestDetails::errors(name, email, phone, notes)
        .into_iter()
        .map(FieldError::from)
        .collect()
}

/// The guest's details, or every field at fault.
pub fn guest(name: &str, email: &str, phone: &str, notes: &str) -> Result<GuestDetails, AppError> {
    GuestDetails::parse_all(name, email, phone, notes)
        .map_err(|fields| AppError::InvalidFields { fields })
}

/// A new password, or the field at fault with its reason (`too_short`).
pub fn password(raw: &str, field: &str) -> Result<Password, FieldError> {
    Password::parse(raw).map_err(|e| FieldError::new(field, e.as_str()))
}

pub fn name(raw: &str) -> Result<GuestName, FieldError> {
    GuestName::parse(raw).map_err(FieldError::from)
}

pub fn email(raw: &str) -> Result<Email, FieldError> {
    Email::parse(raw).map_err(FieldError::from)
}

/// The chosen language; the default one when it is not known.
pub fn locale(raw: &str) -> Locale {
    Locale::parse(raw).unwrap_or_default()
}

/// Every field at fault, or nothing.
pub fn check(fields: Vec<FieldError>) -> Result<(), AppError> {
    if fields.is_empty() {
        Ok(())
    } else {
        Err(AppError::InvalidFields { fields })
    }
}

/// The `Err` of a parse result.
pub fn err<T>(r: &Result<T, FieldError>) -> Option<FieldError> {
    r.as_ref().err().cloned()
}
