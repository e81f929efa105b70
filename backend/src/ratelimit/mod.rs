//! Rate limiting, shared by the HTTP layer (per client address) and the
//! account service (per account): GCRA counters, bounded in memory
//! ([`memory`]) or shared by several processes ([`SharedCounters`]).

pub mod memory;

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

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

/// The outcome of counting one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until a refused request may be tried again, or, when
    /// allowed, until the whole allowance is back.
    pub reset: u64,
}

fn ceil_secs(nanos: u64) -> u64 {
    nanos.div_ceil(1_000_000_000).max(1)
}

impl Verdict {
    /// Allowed; the key's allowance now reaches `ahead_ns` into the future.
    pub fn allowed(limit: Limit, ahead_ns: u64, interval_ns: u64) -> Verdict {
        let window = u64::try_from(limit.window.as_nanos()).unwrap_or(u64::MAX);
        let remaining = window.saturating_sub(ahead_ns) / interval_ns.max(1);
        Verdict {
            allowed: true,
            limit: limit.requests,
            remaining: u32::try_from(remaining)
                .unwrap_or(u32::MAX)
                .min(limit.requests.saturating_sub(1)),
            reset: ceil_secs(ahead_ns),
        }
    }

    /// Refused for `wait_ns` more.
    pub fn refused(limit: Limit, wait_ns: u64) -> Verdict {
        Verdict {
            allowed: false,
            limit: limit.requests,
            remaining: 0,
            reset: ceil_secs(wait_ns),
        }
    }
}

/// What a limit counts: a bucket (`api`, `login`, ...) and a subject (an
/// address, an account), kept as a fixed-size digest whatever the subject's
/// length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub bucket: &'static str,
    digest: [u8; 16],
}

impl Key {
    pub fn new(bucket: &'static str, subject: &str) -> Key {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(bucket.as_bytes());
        h.update([0]);
        h.update(subject.as_bytes());
        let mut digest = [0u8; 16];
        digest.copy_from_slice(&h.finalize()[..16]);
        Key { bucket, digest }
    }

    /// A client address: IPv4 as is (also when mapped into IPv6), IPv6 by
    /// its /64 (one subscriber's network: a client has a whole /64).
    pub fn address(bucket: &'static str, ip: IpAddr) -> Key {
        Key::new(bucket, &address_subject(ip))
    }

    /// An account, by its normalised e-mail.
    pub fn account(bucket: &'static str, email: &str) -> Key {
        Key::new(bucket, &crate::store::email_key(email))
    }

    /// The digest in hex (names the key in a shared store).
    pub fn hex(&self) -> String {
        self.digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The first 8 bytes (the in-process table's key).
    pub fn short(&self) -> u64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.digest[..8]);
        u64::from_le_bytes(b)
    }
}

/// The part of an address that names one client.
pub fn address_subject(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Sign-in failures recorded for a key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub since_last: Duration,
}

/// Counters that several server processes share (Redis). Errors fall back
/// to the process's own counters.
#[async_trait::async_trait]
pub trait SharedCounters: Send + Sync + std::fmt::Debug {
    async fn hit(&self, key: &Key, limit: Limit) -> Result<Verdict, String>;
    async fn failures(&self, key: &Key, kept: Duration) -> Result<Failures, String>;
    async fn fail(&self, key: &Key, kept: Duration) -> Result<Failures, String>;
    async fn forget(&self, key: &Key) -> Result<(), String>;
}

/// How long sign-in failures are remembered after the last one.
pub const FAILURES_KEPT: Duration = Duration::from_secs(48 * 3600);

/// The rate limiter: in this process, or shared through
/// [`SharedCounters`] when configured.
#[derive(Debug, Clone)]
pub struct Limiter {
    local: Arc<memory::Counters>,
    shared: Option<Arc<dyn SharedCounters>>,
}

impl Limiter {
    /// Counters in this process for limits of windows up to `longest_window`.
    pub fn local(longest_window: Duration) -> Limiter {
        Limiter {
            local: Arc::new(memory::Counters::new(
                memory::DEFAULT_MAX_KEYS,
                longest_window,
                FAILURES_KEPT,
            )),
            shared: None,
        }
    }

    /// Counts in `shared` (the local counters stand in when it fails).
    pub fn with_shared(mut self, shared: Arc<dyn SharedCounters>) -> Limiter {
        self.shared = Some(shared);
        self
    }

    /// The shared counters' answer, when they answer (a failure is logged
    /// and the caller counts locally).
    fn answered<T>(result: Result<T, String>) -> Option<T> {
        result
            .inspect_err(|e| {
                tracing::warn!(error = %e, "shared rate-limit counters unavailable; counting locally");
            })
            .ok()
    }

    fn shared(&self) -> Option<&dyn SharedCounters> {
        self.shared.as_deref()
    }

    /// Counts one request of `key` against `limit`.
    pub async fn hit(&self, key: &Key, limit: Limit) -> Verdict {
        if let Some(c) = self.shared() {
            if let Some(v) = Self::answered(c.hit(key, limit).await) {
                return v;
            }
        }
        self.local.hit(key, limit)
    }

    pub async fn failures(&self, key: &Key) -> Failures {
        if let Some(c) = self.shared() {
            if let Some(v) = Self::answered(c.failures(key, FAILURES_KEPT).await) {
                return v;
            }
        }
        self.local.failures_at(key, self.local.now())
    }

    pub async fn fail(&self, key: &Key) -> Failures {
        if let Some(c) = self.shared() {
            if let Some(v) = Self::answered(c.fail(key, FAILURES_KEPT).await) {
                return v;
            }
        }
        self.local.fail_at(key, self.local.now())
    }

    pub async fn forget(&self, key: &Key) {
        if let Some(c) = self.shared() {
            if Self::answered(c.forget(key).await).is_some() {
                return;
            }
        }
        self.local.forget(key)
    }
}

/// The per-account guard on signing in: only failures count; once an
/// account has `policy.requests` failures, it waits `policy.window`, then
/// twice as long after each further failure (up to a day). A client that
/// signed in to the account before (a trusted device) is not held back by
/// failures elsewhere: it counts its own.
#[derive(Debug, Clone)]
pub struct LoginGuard {
    limiter: Limiter,
    policy: Option<Limit>,
}

/// The longest wait after repeated failures.
pub const MAX_LOCKOUT: Duration = Duration::from_secs(24 * 3600);

impl LoginGuard {
    pub fn new(limiter: Limiter, policy: Option<Limit>) -> Self {
        LoginGuard { limiter, policy }
    }

    fn key(email: &str, device: Option<&str>) -> Key {
        match device {
            Some(device) => Key::new("login-device", device),
            None => Key::account("login-account", email),
        }
    }

    /// The wait owed after `count` failures.
    pub fn lockout(policy: Limit, count: u32) -> Option<Duration> {
        let over = count.checked_sub(policy.requests)?;
        let factor = 1u32.checked_shl(over.min(20)).unwrap_or(u32::MAX);
        Some(policy.window.saturating_mul(factor).min(MAX_LOCKOUT))
    }

    /// `Err(seconds to wait)` while the account (or, for a trusted device,
    /// that device) is held back.
    pub async fn check(&self, email: &str, device: Option<&str>) -> Result<(), u64> {
        let Some(policy) = self.policy else {
            return Ok(());
        };
        let f = self.limiter.failures(&Self::key(email, device)).await;
        match Self::lockout(policy, f.count) {
            Some(wait) if f.since_last < wait => Err((wait - f.since_last).as_secs().max(1)),
            _ => Ok(()),
        }
    }

    /// Records a wrong password (on the account, and on the device).
    pub async fn failed(&self, email: &str, device: Option<&str>) {
        if self.policy.is_none() {
            return;
        }
        self.limiter.fail(&Self::key(email, None)).await;
        if device.is_some() {
            self.limiter.fail(&Self::key(email, device)).await;
        }
    }

    /// A right password clears the failures of what let it in.
    pub async fn succeeded(&self, email: &str, device: Option<&str>) {
        if self.policy.is_some() {
            self.limiter.forget(&Self::key(email, device)).await;
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
    fn addresses_name_clients() {
        let v6a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let v6b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let v6c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(Key::address("api", v6a), Key::address("api", v6b));
        assert_ne!(Key::address("api", v6a), Key::address("api", v6c));
        let mapped: IpAddr = "::ffff:203.0.113.7".parse().unwrap();
        let v4: IpAddr = "203.0.113.7".parse().unwrap();
        assert_eq!(Key::address("api", mapped), Key::address("api", v4));
        assert_ne!(Key::address("api", v4), Key::address("login", v4));
        // Account keys are case-folded and of a fixed size.
        let long = "a".repeat(65_536);
        assert_eq!(Key::account("x", &long).hex().len(), 32);
        assert_eq!(
            Key::account("x", " Ada@Example.com"),
            Key::account("x", "ada@example.com")
        );
    }

    #[test]
    fn lockouts_grow_after_the_allowed_failures() {
        let policy = Limit {
            requests: 5,
            window: Duration::from_secs(900),
        };
        let mins = |n| LoginGuard::lockout(policy, n).map(|d| d.as_secs() / 60);
        assert_eq!((0..5).map(mins).collect::<Vec<_>>(), [None; 5]);
        assert_eq!(mins(5), Some(15));
        assert_eq!(mins(6), Some(30));
        assert_eq!(mins(8), Some(120));
        assert_eq!(mins(1000), Some(24 * 60));
    }

    #[tokio::test]
    async fn only_failures_lock_and_a_trusted_device_gets_through() {
        let guard = LoginGuard::new(
            Limiter::local(Duration::from_secs(3600)),
            Some(Limit {
                requests: 2,
                window: Duration::from_secs(60),
            }),
        );
        let ada = "ada@example.com";
        for _ in 0..10 {
            guard.succeeded(ada, None).await;
            assert!(guard.check(ada, None).await.is_ok());
        }
        guard.failed(ada, None).await;
        assert!(guard.check(ada, None).await.is_ok());
        guard.failed(ada, None).await;
        let wait = guard.check(ada, None).await.unwrap_err();
        assert!((59..=60).contains(&wait), "{wait}");
        assert!(guard.check("bob@example.com", None).await.is_ok());
        // Ada's own browser is not locked out by someone else's guesses...
        assert!(guard.check(ada, Some("device-1")).await.is_ok());
        // ...but its own failures count too.
        guard.failed(ada, Some("device-1")).await;
        guard.failed(ada, Some("device-1")).await;
        assert!(guard.check(ada, Some("device-1")).await.is_err());
        let off = LoginGuard::new(Limiter::local(Duration::from_secs(60)), None);
        off.failed(ada, None).await;
        assert!(off.check(ada, None).await.is_ok());
    }
}
