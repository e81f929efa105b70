//! Fixed-window rate limiting, shared by the HTTP layer (per client address)
//! and the account service (per account).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `N` requests per window, e.g. `100/15m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub requests: u32,
    pub window: Duration,
}

impl Limit {
    /// `N/15m`, `N/1h`, `N/30s`; `off` disables the limit.
    pub fn parse(raw: &str) -> Result<Option<Limit>, String> {
        let raw = raw.trim();
        if raw.eq_ignore_ascii_case("off") {
            return Ok(None);
        }
        let bad = || format!("{raw:?} (expected N/<number><s|m|h>, e.g. 100/15m, or off)");
        let (n, window) = raw.split_once('/').ok_or_else(bad)?;
        let requests: u32 = n.trim().parse().map_err(|_| bad())?;
        let window = window.trim();
        let (count, unit) = window.split_at(window.len().saturating_sub(1));
        let count: u64 = if count.is_empty() {
            1
        } else {
            count.parse().map_err(|_| bad())?
        };
        let seconds = match unit {
            "s" => count,
            "m" => count * 60,
            "h" => count * 3600,
            _ => return Err(bad()),
        };
        if requests == 0 || seconds == 0 {
            return Err(bad());
        }
        Ok(Some(Limit {
            requests,
            window: Duration::from_secs(seconds),
        }))
    }
}

/// Fixed-window counters per bucket (`B`) and key (a client address, an
/// account's e-mail).
#[derive(Debug)]
pub struct Limiter<B> {
    windows: Mutex<HashMap<(B, String), (Instant, u32)>>,
}

impl<B> Default for Limiter<B> {
    fn default() -> Self {
        Limiter {
            windows: Mutex::new(HashMap::new()),
        }
    }
}

/// The outcome of counting one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until the window resets.
    pub reset: u64,
}

impl<B: Copy + Eq + Hash> Limiter<B> {
    /// Counts one request of `key` against `limit`.
    pub fn check(&self, bucket: B, key: &str, limit: Limit, now: Instant) -> Verdict {
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        if windows.len() > 50_000 {
            windows
                .retain(|_, (start, _)| now.duration_since(*start) < Duration::from_secs(86_400));
        }
        let entry = windows.entry((bucket, key.to_owned())).or_insert((now, 0));
        if now.duration_since(entry.0) >= limit.window {
            *entry = (now, 0);
        }
        let reset = limit
            .window
            .saturating_sub(now.duration_since(entry.0))
            .as_secs()
            .max(1);
        if entry.1 >= limit.requests {
            return Verdict {
                allowed: false,
                limit: limit.requests,
                remaining: 0,
                reset,
            };
        }
        entry.1 += 1;
        Verdict {
            allowed: true,
            limit: limit.requests,
            remaining: limit.requests - entry.1,
            reset,
        }
    }
}

/// The per-account limit on sign-in attempts (from any address), so that a
/// password cannot be guessed by spreading attempts over addresses.
#[derive(Debug, Default)]
pub struct LoginGuard {
    limiter: Limiter<()>,
    limit: Option<Limit>,
}

impl LoginGuard {
    pub fn new(limit: Option<Limit>) -> Self {
        LoginGuard {
            limiter: Limiter::default(),
            limit,
        }
    }

    /// Counts an attempt on the account `email_key`; `Err(seconds to wait)`
    /// once the limit is reached.
    pub fn attempt(&self, email_key: &str, now: Instant) -> Result<(), u64> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let verdict = self.limiter.check((), email_key, limit, now);
        if verdict.allowed {
            Ok(())
        } else {
            Err(verdict.reset)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_parse() {
        assert_eq!(
            Limit::parse("100/15m").unwrap(),
            Some(Limit {
                requests: 100,
                window: Duration::from_secs(900)
            })
        );
        assert_eq!(
            Limit::parse("3/h").unwrap().unwrap().window,
            Duration::from_secs(3600)
        );
        assert_eq!(Limit::parse("off").unwrap(), None);
        for bad in ["", "100", "0/1m", "10/0m", "x/1m", "10/1d", "10/m5"] {
            assert!(Limit::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn fixed_window_counts_and_resets() {
        let limiter = Limiter::<u8>::default();
        let limit = Limit {
            requests: 2,
            window: Duration::from_secs(60),
        };
        let t0 = Instant::now();
        assert_eq!(limiter.check(0, "a", limit, t0).remaining, 1);
        assert_eq!(limiter.check(0, "a", limit, t0).remaining, 0);
        let refused = limiter.check(0, "a", limit, t0 + Duration::from_secs(10));
        assert!(!refused.allowed);
        assert_eq!(refused.reset, 50);
        // Other keys and other buckets are counted apart.
        assert!(limiter.check(0, "b", limit, t0).allowed);
        assert!(limiter.check(1, "a", limit, t0).allowed);
        // A new window starts after 60 s.
        assert!(
            limiter
                .check(0, "a", limit, t0 + Duration::from_secs(60))
                .allowed
        );
    }

    #[test]
    fn login_guard_counts_per_account() {
        let guard = LoginGuard::new(Some(Limit {
            requests: 1,
            window: Duration::from_secs(60),
        }));
        let t0 = Instant::now();
        assert!(guard.attempt("ada@example.com", t0).is_ok());
        assert_eq!(guard.attempt("ada@example.com", t0), Err(60));
        assert!(guard.attempt("bob@example.com", t0).is_ok());
        assert!(LoginGuard::new(None).attempt("x", t0).is_ok());
    }
}
