//! The guest's input as validated values: every value of these types is
//! valid, because `parse` is the only way to make one.

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
    s.chars().any(|c| c.is_control() || is_hidden_format(c))
}

/// Invisible format characters that can make text read differently from
/// what it is (bidi embeddings, overrides and isolates, direction marks,
/// zero-width spaces and joiners of words, the byte-order mark, invisible
/// operators, interlinear annotations). The zero-width joiner and
/// non-joiner stay allowed: several scripts' names and emoji need them.
pub fn is_hidden_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}')
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

/// RFC 5322's dot-atom (RFC 6531 allows non-ASCII letters in it): what
/// the mailer accepts as an unquoted local part. No leading, trailing or
/// doubled dot; no specials such as `(`, `,`, `<`, `"`.
fn is_dot_atom(local: &str) -> bool {
    const SPECIAL_ATEXT: &str = "!#$%&'*+-/=?^_`{|}~";
    !local.is_empty()
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom.chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || SPECIAL_ATEXT.contains(c)
                        || (!c.is_ascii() && !c.is_control() && !is_hidden_format(c))
                })
        })
}

/// An email address: trimmed, one `@` with a dot-atom local part (at most
/// 64 bytes) and a dotted domain (labels of letters, digits and inner
/// hyphens, at most 63 bytes each), at most 254 characters: only what the
/// mailer can send to. The domain is lower-cased (the local part is kept
/// as typed).
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
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
        if !is_dot_atom(local)
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
        let bad_control = notes.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\r' && c != '\t') || is_hidden_format(c)
        });
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
