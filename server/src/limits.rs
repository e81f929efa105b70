//! Rate-limit counters in Redis (when `REDIS_URL` is set), so that limits
//! hold across every server process. Each check is one Lua script run
//! atomically on Redis, on Redis' clock; keys expire with their window.

use backend::ratelimit::{Failures, Key, Limit, SharedCounters, Verdict};
use std::time::Duration;
use tower_sessions_redis_store::fred::interfaces::{KeysInterface, LuaInterface};
use tower_sessions_redis_store::fred::prelude::Pool as RedisPool;

/// GCRA: the key holds the "theoretical arrival time" (µs, Redis' clock).
/// Returns `{1, µs the allowance now reaches ahead}` or `{0, µs to wait}`.
const HIT: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
if tat - now > tolerance then
  return {0, tat - now - tolerance}
end
local nxt = tat + interval
redis.call('SET', KEYS[1], string.format('%d', nxt), 'PX', math.ceil((nxt - now) / 1000) + 1)
return {1, nxt - now}
";

/// Failures: a hash `{c = count, t = last failure (ms)}`. `ARGV[1]` is 1
/// to add one, `ARGV[2]` how long (ms) to keep them. Returns
/// `{count, ms since the last}`.
const FAILURES: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[1] == '1' then
  local c = redis.call('HINCRBY', KEYS[1], 'c', 1)
  redis.call('HSET', KEYS[1], 't', string.format('%d', now))
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {c, 0}
end
local v = redis.call('HMGET', KEYS[1], 'c', 't')
if not v[1] then return {0, 0} end
return {tonumber(v[1]), now - tonumber(v[2])}
";

#[derive(Clone)]
pub struct RedisCounters {
    pool: RedisPool,
    prefix: String,
}

impl std::fmt::Debug for RedisCounters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisCounters")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl RedisCounters {
    /// Counters under `prefix` (`REDIS_PREFIX`: several sites can share
    /// one Redis).
    pub fn new(pool: RedisPool, prefix: &str) -> Self {
        RedisCounters {
            pool,
            prefix: prefix.to_owned(),
        }
    }

    fn name(&self, kind: &str, key: &Key) -> String {
        format!("{}:{kind}:{}:{}", self.prefix, key.bucket, key.hex())
    }

    async fn failures_script(
        &self,
        key: &Key,
        add: bool,
        kept: Duration,
    ) -> Result<Failures, String> {
        let kept_ms = kept.as_millis().to_string();
        let add = if add { "1" } else { "0" };
        let (count, since): (i64, i64) = self
            .pool
            .eval(
                FAILURES,
                self.name("fail", key),
                vec![add, kept_ms.as_str()],
            )
            .await
            .map_err(|e| e.to_string())?;
        Ok(Failures {
            count: u32::try_from(count).unwrap_or(0),
            since_last: Duration::from_millis(u64::try_from(since).unwrap_or(0)),
        })
    }
}

#[async_trait::async_trait]
impl SharedCounters for RedisCounters {
    async fn hit(&self, key: &Key, limit: Limit) -> Result<Verdict, String> {
        let window = u64::try_from(limit.window.as_micros()).unwrap_or(u64::MAX / 2);
        let interval = window / u64::from(limit.requests);
        let tolerance = window - interval;
        let (allowed, micros): (i64, i64) = self
            .pool
            .eval(
                HIT,
                self.name("rl", key),
                vec![interval.to_string(), tolerance.to_string()],
            )
            .await
            .map_err(|e| e.to_string())?;
        let nanos = u64::try_from(micros).unwrap_or(0).saturating_mul(1000);
        Ok(if allowed == 1 {
            Verdict::allowed(limit, nanos, interval.saturating_mul(1000))
        } else {
            Verdict::refused(limit, nanos)
        })
    }

    async fn failures(&self, key: &Key, kept: Duration) -> Result<Failures, String> {
        self.failures_script(key, false, kept).await
    }

    async fn fail(&self, key: &Key, kept: Duration) -> Result<Failures, String> {
        self.failures_script(key, true, kept).await
    }

    async fn forget(&self, key: &Key) -> Result<(), String> {
        let _: i64 = self
            .pool
            .del(self.name("fail", key))
            .await
            .map_err(|e| e.to_string())?;
        Ok(())
    }
}
