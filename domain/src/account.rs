//! Accounts: roles, passwords as validated values, and what a signed-in
//! user sees of themselves.

use crate::booking::Locale;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Diner,
    Staff,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "diner" => Some(Role::Diner),
            "staff" => Some(Role::Staff),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Diner => "diner",
            Role::Staff => "staff",
            Role::Admin => "admin",
        }
    }

    /// Staff and admins work for the restaurant.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Staff | Role::Admin)
    }
}

/// Why a password was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least 12 characters")]
    TooShort,
    #[error("the password must have at most 128 characters")]
    TooLong,
    #[error("this password is too common")]
    TooCommon,
}

impl PasswordError {
    pub const ALL: [PasswordError; 3] = [
        PasswordError::TooShort,
        PasswordError::TooLong,
        PasswordError::TooCommon,
    ];

    /// Translation key suffix, also the API's `reason`.
    pub fn as_str(self) -> &'static str {
        match self {
            PasswordError::TooShort => "too_short",
            PasswordError::TooLong => "too_long",
            PasswordError::TooCommon => "too_common",
        }
    }
}

/// Passwords people pick most often (and their lengthened variants, which
/// reach 12 characters), refused whatever their case.
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456123456",
    "111111111111",
    "000000000000",
    "121212121212",
    "123123123123",
    "password1234",
    "password12345",
    "password123!",
    "passwordpassword",
    "motdepasse123",
    "motdepasse1234",
    "azertyuiop12",
    "azertyuiop123",
    "azertyuiopqs",
    "qwertyuiop12",
    "qwertyuiop123",
    "qwertyuiopas",
    "qwerty123456",
    "azerty123456",
    "iloveyou1234",
    "letmein12345",
    "welcome12345",
    "bienvenue123",
    "bienvenue1234",
    "soleil123456",
    "abcdefghijkl",
    "abcd1234abcd",
    "abc123abc123",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "zaq12wsxcde3",
    "qazwsxedcrfv",
    "administrator",
    "admin1234567",
    "changeme1234",
    "trustno11234",
    "football1234",
    "baseball1234",
    "superman1234",
    "sunshine1234",
    "princess1234",
    "starwars1234",
    "dragon123456",
    "monkey123456",
    "chocolat1234",
    "doudou123456",
    "marseille1234",
    "loulou123456",
    "nicolas12345",
    "jetaime12345",
    "jetaime123456",
    "restaurant12",
    "restaurant123",
    "reservation1",
    "techplus1234",
    "chezmargot12",
    "password",
];

/// A new password: 12 to 128 characters, not a common one. Characters are
/// counted, not bytes; spaces are allowed (pass phrases).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, PasswordError> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(PasswordError::TooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(PasswordError::TooLong);
        }
        let lower = raw.to_lowercase();
        let first = lower.chars().next();
        let one_char = lower.chars().all(|c| Some(c) == first);
        let sequence = lower
            .as_bytes()
            .windows(2)
            .all(|w| w[1] == w[0].wrapping_add(1));
        if one_char || sequence || COMMON.contains(&lower.as_str()) {
            return Err(PasswordError::TooCommon);
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The signed-in user, as they see themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub email: String,
    pub name: String,
    pub phone: String,
    pub locale: Locale,
    pub role: Role,
    pub email_verified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords() {
        assert_eq!(Password::parse("short"), Err(PasswordError::TooShort));
        assert_eq!(
            Password::parse("é".repeat(11).as_str()),
            Err(PasswordError::TooShort)
        );
        assert!(Password::parse("correct horse battery").is_ok());
        assert_eq!(
            Password::parse("Password1234"),
            Err(PasswordError::TooCommon)
        );
        assert_eq!(
            Password::parse("aaaaaaaaaaaaaaa"),
            Err(PasswordError::TooCommon)
        );
        assert_eq!(
            Password::parse("abcdefghijklmnop"),
            Err(PasswordError::TooCommon)
        );
        assert_eq!(
            Password::parse(&"x1".repeat(65)),
            Err(PasswordError::TooLong)
        );
        assert_eq!(
            format!("{:?}", Password::parse("correct horse battery").unwrap()),
            "Password(***)"
        );
    }

    #[test]
    fn roles() {
        for r in [Role::Diner, Role::Staff, Role::Admin] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert!(Role::Admin.is_staff() && !Role::Diner.is_staff());
        assert_eq!(Role::parse("root"), None);
    }
}
