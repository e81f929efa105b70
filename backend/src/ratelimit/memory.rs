//! In-process counters: bounded in memory and O(1) per request.
//!
//! Keys are spread over shards (one lock each). A shard keeps two
//! generations of entries; a lookup that finds its key in the older one
//! moves it to the newer. The newer generation becomes the older one when
//! the longest window has passed since the last turn (every entry left in
//! the older one has then expired: an entry never reaches further ahead than
//! its window) or when it is full. Turning drops the older map whole: its
//! keys and values are plain integers, so that is one deallocation, not a
//! scan. Memory is at most two full generations, whatever the number of
//! distinct clients; under a flood of more distinct keys than that, the
//! least recently seen keys are forgotten early.

use super::{Failures, Key, Limit, Verdict};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const SHARDS: usize = 64;

/// Keys are already uniform hashes: no need to hash them again.
#[derive(Default)]
struct Identity(u64);

impl std::hash::Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Map<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

struct Shard<V> {
    newer: Map<V>,
    older: Map<V>,
    turned: u64,
}

/// One table of `V` per key, in generations (see the module's doc).
struct Generations<V> {
    shards: Box<[Mutex<Shard<V>>]>,
    per_shard: usize,
    period: u64,
}

impl<V: Copy> Generations<V> {
    fn new(max_keys: usize, period: Duration) -> Self {
        let per_shard = (max_keys / 2 / SHARDS).max(16);
        Generations {
            shards: (0..SHARDS)
                .map(|_| {
                    Mutex::new(Shard {
                        newer: Map::default(),
                        older: Map::default(),
                        turned: 0,
                    })
                })
                .collect(),
            per_shard,
            period: nanos(period),
        }
    }

    /// Runs `f` on the key's value (`None` when unknown or forgotten);
    /// stores what it returns (`None` removes the key).
    fn update<R>(&self, key: u64, now: u64, f: impl FnOnce(Option<V>) -> (Option<V>, R)) -> R {
        let shard = &self.shards[(key >> 58) as usize % SHARDS];
        let mut shard = shard.lock().unwrap_or_else(|e| e.into_inner());
        let old = match shard.newer.get(&key) {
            Some(v) => Some(*v),
            None => shard.older.remove(&key),
        };
        let (new, answer) = f(old);
        match new {
            Some(v) => {
                if !shard.newer.contains_key(&key)
                    && (shard.newer.len() >= self.per_shard
                        || now.saturating_sub(shard.turned) >= self.period)
                {
                    shard.older = std::mem::take(&mut shard.newer);
                    shard.turned = now;
                }
                shard.newer.insert(key, v);
            }
            None => {
                shard.newer.remove(&key);
            }
        }
        answer
    }

    fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| {
                let s = s.lock().unwrap_or_else(|e| e.into_inner());
                s.newer.len() + s.older.len()
            })
            .sum()
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// Rate-limit counters (GCRA: one "theoretical arrival time" per key) and
/// sign-in failure counts, held in this process.
pub struct Counters {
    start: Instant,
    arrivals: Generations<u64>,
    failures: Generations<(u32, u64)>,
}

impl std::fmt::Debug for Counters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counters").finish_non_exhaustive()
    }
}

/// How many keys the counters keep by default (about 40 MB at most).
pub const DEFAULT_MAX_KEYS: usize = 1_000_000;

impl Counters {
    /// Counters for at most about `max_keys` keys, for limits whose windows
    /// are at most `longest_window`, and failures kept for `failures_kept`.
    pub fn new(max_keys: usize, longest_window: Duration, failures_kept: Duration) -> Self {
        Counters {
            start: Instant::now(),
            arrivals: Generations::new(max_keys, longest_window),
            failures: Generations::new(max_keys / 4, failures_kept),
        }
    }

    /// The time since these counters were made (their clock).
    pub fn now(&self) -> Duration {
        self.start.elapsed()
    }

    /// Counts one request of `key` against `limit` at `now` (by [`Self::now`]).
    pub fn hit_at(&self, key: &Key, limit: Limit, now: Duration) -> Verdict {
        let now = nanos(now);
        let window = nanos(limit.window);
        let interval = window / u64::from(limit.requests);
        let tolerance = window - interval;
        self.arrivals.update(key.short(), now, |tat| {
            let tat = tat.unwrap_or(now).max(now);
            let ahead = tat - now;
            if ahead > tolerance {
                return (Some(tat), Verdict::refused(limit, ahead - tolerance));
            }
            let next = tat + interval;
            (Some(next), Verdict::allowed(limit, next - now, interval))
        })
    }

    pub fn hit(&self, key: &Key, limit: Limit) -> Verdict {
        self.hit_at(key, limit, self.now())
    }

    pub fn failures_at(&self, key: &Key, now: Duration) -> Failures {
        let now = nanos(now);
        self.failures.update(key.short(), now, |v| {
            (v, Failures::of(v, now, self.failures.period))
        })
    }

    pub fn fail_at(&self, key: &Key, now: Duration) -> Failures {
        let now = nanos(now);
        let period = self.failures.period;
        self.failures.update(key.short(), now, |v| {
            let count = match Failures::of(v, now, period) {
                f if f.count == 0 => 1,
                f => f.count.saturating_add(1),
            };
            (
                Some((count, now)),
                Failures {
                    count,
                    since_last: Duration::ZERO,
                },
            )
        })
    }

    pub fn forget(&self, key: &Key) {
        self.failures
            .update(key.short(), nanos(self.now()), |_| (None, ()));
    }

    /// How many keys are held (both tables, both generations).
    pub fn len(&self) -> usize {
        self.arrivals.len() + self.failures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Failures {
    fn of(v: Option<(u32, u64)>, now: u64, kept: u64) -> Failures {
        match v {
            Some((count, last)) if now.saturating_sub(last) < kept => Failures {
                count,
                since_last: Duration::from_nanos(now.saturating_sub(last)),
            },
            _ => Failures::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    fn limit(requests: u32, window: Duration) -> Limit {
        Limit { requests, window }
    }

    #[test]
    fn a_burst_of_the_limit_then_one_per_interval() {
        let c = Counters::new(1000, Duration::from_secs(3600), Duration::from_secs(3600));
        let key = Key::new("api", "203.0.113.1");
        let l = limit(3, 3 * MINUTE);
        let t0 = Duration::from_secs(10);
        let seen: Vec<u32> = (0..3).map(|_| c.hit_at(&key, l, t0).remaining).collect();
        assert_eq!(seen, [2, 1, 0]);
        let refused = c.hit_at(&key, l, t0);
        assert!(!refused.allowed);
        assert_eq!(refused.reset, 60, "one interval until the next request");
        // Refusals do not push the allowance further away.
        assert_eq!(
            c.hit_at(&key, l, t0 + 30 * Duration::from_secs(1)).reset,
            30
        );
        assert!(c.hit_at(&key, l, t0 + MINUTE).allowed);
        assert!(!c.hit_at(&key, l, t0 + MINUTE).allowed);
        // Other keys and buckets are counted apart.
        assert!(c.hit_at(&Key::new("api", "203.0.113.2"), l, t0).allowed);
        assert!(c.hit_at(&Key::new("booking", "203.0.113.1"), l, t0).allowed);
        // After a full window, the whole burst is back.
        let later = t0 + 4 * MINUTE;
        assert_eq!(c.hit_at(&key, l, later).remaining, 2);
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_keys() {
        let c = Counters::new(10_000, Duration::from_secs(3600), Duration::from_secs(3600));
        let l = limit(5, MINUTE);
        for n in 0..200_000u32 {
            c.hit_at(&Key::new("api", &n.to_string()), l, Duration::from_secs(1));
        }
        assert!(c.len() <= 10_000 + 2 * SHARDS * 16, "{}", c.len());
        assert!(c.len() >= 2_000, "recent keys are kept: {}", c.len());
    }

    #[test]
    fn expired_keys_are_dropped_when_the_generation_turns() {
        let c = Counters::new(1_000_000, MINUTE, MINUTE);
        let l = limit(1, MINUTE);
        for n in 0..1000u32 {
            c.hit_at(&Key::new("api", &n.to_string()), l, Duration::from_secs(1));
        }
        // Two periods later, new traffic turns every shard twice.
        for round in [2u64, 4] {
            for n in 0..1000u32 {
                c.hit_at(
                    &Key::new("api", &format!("new{n}")),
                    l,
                    Duration::from_secs(round * 61),
                );
            }
        }
        assert!(c.len() <= 2000, "{}", c.len());
        // A key still inside its window survives a turn (it moves forward).
        let c = Counters::new(1_000_000, MINUTE, MINUTE);
        let key = Key::new("api", "kept");
        let l = limit(2, 4 * MINUTE);
        c.hit_at(&key, l, Duration::ZERO);
        c.hit_at(&key, l, Duration::ZERO);
        for n in 0..10_000u32 {
            c.hit_at(&Key::new("api", &n.to_string()), l, Duration::from_secs(61));
        }
        assert!(!c.hit_at(&key, l, Duration::from_secs(62)).allowed);
    }

    #[test]
    fn failures_count_up_and_are_forgotten() {
        let c = Counters::new(1000, MINUTE, Duration::from_secs(3600));
        let key = Key::new("login", "ada@example.com");
        assert_eq!(c.failures_at(&key, Duration::ZERO).count, 0);
        c.fail_at(&key, Duration::ZERO);
        let f = c.fail_at(&key, Duration::from_secs(5));
        assert_eq!(f.count, 2);
        let f = c.failures_at(&key, Duration::from_secs(65));
        assert_eq!((f.count, f.since_last), (2, MINUTE));
        assert_eq!(c.failures_at(&key, Duration::from_secs(3605)).count, 0);
        c.fail_at(&key, Duration::from_secs(10));
        c.forget(&key);
        assert_eq!(c.failures_at(&key, Duration::from_secs(11)).count, 0);
    }
}
