//! The restaurant's setup kept in memory: who it is, its booking setup and
//! its menu, read once and reused until the database's `setup_version`
//! moves (triggers on every setup table move it, whoever writes: this
//! process, another one on the same database, or an operator's SQL).
//!
//! Each use costs one tiny query (the version) instead of the eight that
//! load the setup, and stays exact with several server processes.

use super::{on_pool, BookingSetup, RestaurantRow, Store};
use crate::error::StoreError;
use domain::{DaySlots, MenuCategory};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// One consistent reading of the restaurant's setup.
#[derive(Debug)]
pub struct Setup {
    /// The database's setup version this reading is at least as new as.
    pub version: i64,
    pub restaurant: RestaurantRow,
    pub booking: BookingSetup,
    pub menu: Vec<MenuCategory>,
    /// The restaurant's gallery, in order.
    pub gallery: Vec<domain::GalleryPhoto>,
}

/// The latest reading, shared by every clone of a [`Store`].
#[derive(Debug, Default)]
pub(super) struct SetupCache {
    current: RwLock<Option<Arc<Setup>>>,
    /// Version reads shared by concurrent callers.
    reads: VersionReads,
    /// Days' availability computed at given versions.
    days: DayMemo,
    /// One reload at a time: requests that find the cache stale together
    /// wait for one reading instead of each making their own.
    reload: tokio::sync::Mutex<()>,
}

/// Reads of the versions, one at a time. Every caller takes a ticket
/// (the number of callers before it); a read records how many tickets were
/// out when it began. A caller may use a read that began after its ticket
/// was taken, and only such a read: it saw every change committed before
/// the caller arrived. The callers queued behind a read all use it.
#[derive(Debug, Default)]
struct VersionReads {
    arrivals: AtomicU64,
    /// The latest read: (tickets out when it began, versions).
    last: tokio::sync::Mutex<Option<(u64, Versions)>>,
}

/// The database's versions of the setup and of the holds (moved by
/// triggers on every change of either).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Versions {
    pub setup: i64,
    pub holds: i64,
}

/// What a day's availability depends on: the date, the party size, the
/// minute it is computed for, and the versions of the setup and the holds
/// it was computed from (never newer than the data it was computed from).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayKey {
    pub date: chrono::NaiveDate,
    pub party: u32,
    pub minute: i64,
    pub versions: Versions,
}

/// Days' slots kept until the setup or the holds move (or the minute
/// passes); at most [`DayMemo::MAX`] of them.
#[derive(Debug, Default)]
struct DayMemo {
    days: RwLock<HashMap<DayKey, Arc<DaySlots>>>,
    hits: AtomicU64,
}

impl DayMemo {
    const MAX: usize = 1024;
}

impl SetupCache {
    fn at_least(&self, version: i64) -> Option<Arc<Setup>> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        current.as_ref().filter(|s| s.version >= version).cloned()
    }

    fn keep(&self, fresh: &Arc<Setup>) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        if current.as_ref().is_none_or(|s| s.version < fresh.version) {
            *current = Some(Arc::clone(fresh));
        }
    }
}

impl Store {
    /// The restaurant's setup as the database has it now.
    pub async fn setup(&self) -> Result<Arc<Setup>, StoreError> {
        Ok(self.setup_and_versions().await?.0)
    }

    /// The setup, and the versions read to check it (the holds version with
    /// it, so a caller needs no second read).
    pub async fn setup_and_versions(&self) -> Result<(Arc<Setup>, Versions), StoreError> {
        let versions = self.versions().await?;
        let version = versions.setup;
        if let Some(setup) = self.setup.at_least(version) {
            return Ok((setup, versions));
        }
        let _one_reload = self.setup.reload.lock().await;
        if let Some(setup) = self.setup.at_least(version) {
            return Ok((setup, versions));
        }
        // Read after the version: the data is at least as new as it (a
        // change in between only makes the next use reload again).
        let restaurant = self.primary_restaurant().await?;
        let booking = self
            .booking_setup(restaurant.id, &restaurant.time_zone)
            .await?;
        let menu = self.menu(restaurant.id).await?;
        let gallery = self.gallery(restaurant.id).await?;
        let fresh = Arc::new(Setup {
            version,
            restaurant,
            booking,
            menu,
            gallery,
        });
        self.setup.keep(&fresh);
        tracing::debug!(version, "restaurant setup loaded");
        Ok((fresh, versions))
    }

    /// The database's setup version (moved by triggers on every change), as
    /// read by a query that began after this call did: never older than the
    /// database's at the call. Concurrent callers share reads (see
    /// [`VersionReads`]), so under load one query serves many requests.
    pub async fn setup_version(&self) -> Result<i64, StoreError> {
        Ok(self.versions().await?.setup)
    }

    /// The versions of the setup and of the holds, read as
    /// [`Store::setup_version`] reads the first.
    pub async fn versions(&self) -> Result<Versions, StoreError> {
        let reads = &self.setup.reads;
        let ticket = reads.arrivals.fetch_add(1, Ordering::SeqCst);
        let mut last = reads.last.lock().await;
        if let Some((began, version)) = *last {
            if began > ticket {
                return Ok(version);
            }
        }
        let began = reads.arrivals.load(Ordering::SeqCst);
        let versions = self.read_versions().await?;
        *last = Some((began, versions));
        Ok(versions)
    }

    /// A day's slots computed at `key`, if kept.
    pub fn kept_day(&self, key: &DayKey) -> Option<Arc<DaySlots>> {
        let memo = &self.setup.days;
        let days = memo.days.read().unwrap_or_else(|e| e.into_inner());
        let found = days.get(key).cloned();
        if found.is_some() {
            memo.hits.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    /// Keeps a day's slots computed at `key`; days of other versions or
    /// minutes are dropped (no request asks for them again).
    pub fn keep_day(&self, key: DayKey, slots: Arc<DaySlots>) {
        let mut days = self
            .setup
            .days
            .days
            .write()
            .unwrap_or_else(|e| e.into_inner());
        days.retain(|k, _| k.versions == key.versions && k.minute == key.minute);
        if days.len() >= DayMemo::MAX {
            days.clear();
        }
        days.insert(key, slots);
    }

    /// Days answered from memory since start.
    pub fn kept_day_hits(&self) -> u64 {
        self.setup.days.hits.load(Ordering::Relaxed)
    }

    async fn read_versions(&self) -> Result<Versions, StoreError> {
        let sql = "SELECT s.version, h.version FROM setup_version s CROSS JOIN holds_version h \
                   WHERE s.id = 1 AND h.id = 1";
        let (setup, holds) =
            on_pool!(self, pool => sqlx::query_as::<_, (i64, i64)>(sql).fetch_one(pool).await)?;
        Ok(Versions { setup, holds })
    }
}
