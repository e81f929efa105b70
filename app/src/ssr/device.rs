//! The device cookie: a random token a browser gets when it signs in to an
//! account, so that it can still sign in while failed guesses from
//! elsewhere hold the account back (`backend::ratelimit::LoginGuard`).
//! Only its hash is stored; it grants nothing by itself.

use http::{header, HeaderMap, HeaderValue};

/// The cookie's name (`__Host-` prefixed over HTTPS: bound to this host).
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-techplus.device"
    } else {
        "techplus.device"
    }
}

/// The device token the browser sent, if it looks like one of ours.
pub fn from_headers(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| {
            v.len() == 43
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// The `Set-Cookie` value that gives the browser `token` for 90 days.
pub fn set_cookie(token: &str, secure: bool) -> HeaderValue {
    let secs = backend::services::accounts::DEVICE_TRUSTED.num_seconds();
    let mut value = format!(
        "{}={token}; Path=/; Max-Age={secs}; HttpOnly; SameSite=Lax",
        cookie_name(secure)
    );
    if secure {
        value.push_str("; Secure");
    }
    HeaderValue::from_str(&value).unwrap_or(HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_well_formed_tokens() {
        let token = "A".repeat(43);
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=b; techplus.device={token}; c=d")).unwrap(),
        );
        assert_eq!(from_headers(&h, false), Some(token.clone()));
        assert_eq!(from_headers(&h, true), None);
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("techplus.device=short"),
        );
        assert_eq!(from_headers(&h, false), None);
        let set = set_cookie(&token, true);
        let set = set.to_str().unwrap();
        assert!(set.starts_with("__Host-techplus.device="), "{set}");
        assert!(set.contains("HttpOnly") && set.contains("Secure"), "{set}");
    }
}
