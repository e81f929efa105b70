//! The rate limiter's cost per request and its memory, from 1,000 to
//! 1,000,000 distinct keys, and under a flood of 10,000,000 distinct
//! addresses: `cargo bench -p backend --bench ratelimit`.
//!
//! Not a test: it prints figures (ns per check, including the key's
//! SHA-256; keys held; resident memory of this process).

use backend::ratelimit::memory::{Counters, DEFAULT_MAX_KEYS};
use backend::ratelimit::{Key, Limit};
use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr};
use std::time::{Duration, Instant};

const CHECKS: u32 = 2_000_000;

fn rss_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1_048_576.0
}

fn address(n: u32) -> IpAddr {
    IpAddr::V4(Ipv4Addr::from(n.wrapping_mul(2_654_435_761)))
}

fn main() {
    let limit = Limit {
        requests: 100,
        window: Duration::from_secs(900),
    };
    println!(
        "rate limiter: {CHECKS} checks per row, keys picked at random among the distinct keys"
    );
    println!(
        "{:>10} {:>12} {:>12} {:>10}",
        "keys", "ns/check", "keys held", "RSS MiB"
    );
    for distinct in [1_000u32, 10_000, 100_000, 1_000_000] {
        let counters = Counters::new(
            DEFAULT_MAX_KEYS,
            Duration::from_secs(3600),
            Duration::from_secs(3600),
        );
        for n in 0..distinct {
            counters.hit(&Key::address("api", address(n)), limit);
        }
        let mut x: u32 = 12345;
        let start = Instant::now();
        for _ in 0..CHECKS {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let key = Key::address("api", address(x % distinct));
            black_box(counters.hit(&key, limit));
        }
        let per = start.elapsed().as_nanos() as f64 / f64::from(CHECKS);
        println!(
            "{distinct:>10} {per:>12.0} {:>12} {:>10.1}",
            counters.len(),
            rss_mib()
        );
    }

    // Two threads on the same counters (the server's two cores).
    let counters = std::sync::Arc::new(Counters::new(
        DEFAULT_MAX_KEYS,
        Duration::from_secs(3600),
        Duration::from_secs(3600),
    ));
    let start = Instant::now();
    let threads: Vec<_> = (0..2u32)
        .map(|t| {
            let counters = counters.clone();
            std::thread::spawn(move || {
                let mut x: u32 = 777 + t;
                for _ in 0..CHECKS / 2 {
                    x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    let key = Key::address("api", address(x % 100_000));
                    black_box(counters.hit(&key, limit));
                }
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    println!(
        "2 threads, 100,000 keys: {:.0} ns/check of wall time",
        start.elapsed().as_nanos() as f64 / f64::from(CHECKS)
    );

    // A flood of distinct addresses: memory stays bounded by the cap.
    let counters = Counters::new(
        DEFAULT_MAX_KEYS,
        Duration::from_secs(3600),
        Duration::from_secs(3600),
    );
    let before = rss_mib();
    let start = Instant::now();
    for n in 0..10_000_000u32 {
        counters.hit(&Key::address("api", address(n)), limit);
        if n > 0 && n % 2_500_000 == 0 {
            println!(
                "flood: {n:>10} distinct addresses, {:>8} keys held, RSS {:.1} MiB",
                counters.len(),
                rss_mib()
            );
        }
    }
    println!(
        "flood: 10,000,000 distinct addresses in {:.1} s; {} keys held (cap {DEFAULT_MAX_KEYS}); RSS {:.1} MiB (was {before:.1})",
        start.elapsed().as_secs_f64(),
        counters.len(),
        rss_mib()
    );
}
