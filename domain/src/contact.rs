//! A message sent from the contact page: what a visitor typed, checked
//! field by field, and the message as staff read it in the dashboard.

use crate::booking::{Email, GuestName};
use crate::form::FieldError;
use crate::settings::{text, Errors};
use serde::{Deserialize, Serialize};

/// The shortest and longest message, in characters.
pub const MIN_MESSAGE_CHARS: usize = 10;
pub const MAX_MESSAGE_CHARS: usize = 4000;

/// The contact form as typed. `website` is a field people never see
/// (hidden from sight and from assistive technologies): only a robot fills
/// it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    pub name: String,
    pub email: String,
    /// The message (`body`: the form's field).
    pub body: String,
    #[serde(default)]
    pub website: String,
}

impl ContactInput {
    /// Filled in by a robot: answered as if sent, kept nowhere.
    pub fn is_robot(&self) -> bool {
        !self.website.trim().is_empty()
    }
}

/// A valid contact message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactForm {
    pub name: GuestName,
    pub email: Email,
    pub message: String,
}

impl ContactForm {
    /// Every field at fault, or the message.
    pub fn parse(input: &ContactInput) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors(Vec::new());
        let name = GuestName::parse(&input.name).map_err(|_| {
            if input.name.trim().is_empty() {
                FieldError::new("name", "required")
            } else {
                FieldError::invalid("name")
            }
        });
        let email = Email::parse(&input.email).map_err(|_| {
            if input.email.trim().is_empty() {
                FieldError::new("email", "required")
            } else {
                FieldError::invalid("email")
            }
        });
        let message = text(&input.body, "body", MAX_MESSAGE_CHARS, true, true).and_then(|m| {
            if m.chars().count() < MIN_MESSAGE_CHARS {
                Err(FieldError::new("body", "too_short"))
            } else {
                Ok(m)
            }
        });
        let (name, email) = match (name, email) {
            (Ok(name), Ok(email)) => (Some(name), Some(email)),
            (name, email) => {
                if let Err(err) = &name {
                    e.0.push(err.clone());
                }
                if let Err(err) = &email {
                    e.0.push(err.clone());
                }
                (name.ok(), email.ok())
            }
        };
        let message = e.keep(message);
        match (name, email) {
            (Some(name), Some(email)) if e.0.is_empty() => Ok(ContactForm {
                name,
                email,
                message,
            }),
            _ => Err(e.0),
        }
    }
}

/// Which messages staff list, as the address says (`show`): those not
/// dealt with (nothing, `open`), or all of them (`all`). `Some(true)` for
/// all; `None` when the value means nothing.
pub fn show_all(show: Option<&str>) -> Option<bool> {
    match show.map(str::trim) {
        None | Some("") | Some("open") => Some(false),
        Some("all") => Some(true),
        Some(_) => None,
    }
}

/// A message as staff read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactMessage {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub message: String,
    /// The page's language when it was sent (`fr`, `en`): the language to
    /// answer in.
    pub language: String,
    /// When it arrived, in the restaurant's time: `YYYY-MM-DD HH:MM`.
    pub received: String,
    /// Who marked it as dealt with, and when (restaurant time), if anyone.
    pub handled: Option<Handled>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Handled {
    pub by: Option<String>,
    pub at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, email: &str, message: &str) -> ContactInput {
        ContactInput {
            name: name.into(),
            email: email.into(),
            body: message.into(),
            website: String::new(),
        }
    }

    #[test]
    fn a_message_is_trimmed_and_keeps_its_lines() {
        let form = ContactForm::parse(&input(
            "  Ana ",
            "ana@Example.COM",
            " Bonjour,\r\nune table pour un anniversaire ? ",
        ))
        .unwrap();
        assert_eq!(form.name.as_str(), "Ana");
        assert_eq!(form.email.as_str(), "ana@example.com");
        assert_eq!(form.message, "Bonjour,\nune table pour un anniversaire ?");
    }

    #[test]
    fn every_field_at_fault_is_named() {
        let errors = ContactForm::parse(&input("", "not an address", "short")).unwrap_err();
        let named: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(
            named,
            [
                ("name", "required"),
                ("email", "invalid"),
                ("body", "too_short")
            ]
        );
        let errors = ContactForm::parse(&input("Ana", "", &"x".repeat(4001))).unwrap_err();
        let named: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.reason.as_str()))
            .collect();
        assert_eq!(named, [("email", "required"), ("body", "too_long")]);
    }

    #[test]
    fn hidden_characters_are_refused() {
        let errors = ContactForm::parse(&input("Ana", "ana@example.com", "Bonjour\u{202e} à tous"))
            .unwrap_err();
        assert_eq!(errors[0].field, "body");
    }

    #[test]
    fn only_a_robot_fills_the_hidden_field() {
        let mut i = input("Ana", "ana@example.com", "Bonjour à tous");
        assert!(!i.is_robot());
        i.website = "http://spam.example".into();
        assert!(i.is_robot());
    }
}
