//! Manage tokens and booking references.

use crate::services::ServiceError;
use rand::Rng;
use sha2::{Digest, Sha256};

/// A fresh secret manage token (256 random bits, URL-safe) and its hash.
pub fn new_token() -> (String, String) {
    use base64::Engine;
    let bytes: [u8; 32] = rand::thread_rng().gen();
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// The stored form of a manage token.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Booking references: 8 characters without look-alikes (0/O, 1/I/L).
pub fn new_reference() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..8)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

/// A token that cannot be one of ours is refused before any query.
pub(super) fn token_hash_checked(token: &str) -> Result<String, ServiceError> {
    let plausible = (20..=100).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !plausible {
        return Err(ServiceError::NotFound);
    }
    Ok(hash_token(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43, "256 bits in base64url");
        assert_eq!(hash_a, hash_token(&a));
        assert_eq!(hash_a.len(), 64);
        assert_ne!(hash_a, a);
        assert!(token_hash_checked(&a).is_ok());
        assert!(matches!(
            token_hash_checked("short"),
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(
            token_hash_checked(&"x/".repeat(20)),
            Err(ServiceError::NotFound)
        ));
    }

    #[test]
    fn references_avoid_look_alikes() {
        for _ in 0..200 {
            let r = new_reference();
            assert_eq!(r.len(), 8);
            assert!(!r.contains(['0', 'O', '1', 'I', 'L']), "{r}");
        }
    }
}
