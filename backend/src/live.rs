//! Live updates for staff screens: the database's `live_version` moves
//! with every change a staff screen shows (a booking made, moved or
//! cancelled, a note written), whoever makes it: this process, another
//! one on the same database, or an operator's SQL. A watcher task reads it
//! and publishes the latest value to every open staff screen's stream.
//!
//! On PostgreSQL the triggers also `NOTIFY techplus_live` on commit, so a
//! change made by another process arrives at once; a slow poll stays as a
//! safety net (a lost listener connection). On SQLite (one process) the
//! watcher polls the version, a one-row read.

use crate::store::Store;
use std::time::Duration;
use tokio::sync::watch;

/// What the open streams see: the latest version, and whether the server
/// is shutting down (the streams end, so the shutdown does not wait for
/// them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LiveState {
    pub version: i64,
    pub closed: bool,
}

/// The publisher shared by the web layer (cheap to clone).
#[derive(Debug, Clone)]
pub struct Live {
    tx: watch::Sender<LiveState>,
    ping: Duration,
}

impl Default for Live {
    fn default() -> Self {
        Live::with_ping(PING)
    }
}

/// How often an open stream says it is alive when nothing changes.
pub const PING: Duration = Duration::from_secs(15);

/// How often SQLite's version is read, and PostgreSQL's when no
/// notification came.
pub const POLL_SQLITE: Duration = Duration::from_millis(400);
pub const POLL_POSTGRES: Duration = Duration::from_secs(5);
/// The PostgreSQL channel the triggers notify.
pub const CHANNEL: &str = "techplus_live";

impl Live {
    /// A publisher whose streams say they are alive every `ping`: a
    /// screen that hears nothing for three of them takes the connection
    /// for lost (a connection can die without either end being told).
    pub fn with_ping(ping: Duration) -> Self {
        Live {
            tx: watch::channel(LiveState::default()).0,
            ping,
        }
    }

    pub fn ping(&self) -> Duration {
        self.ping
    }

    /// A stream's receiver: it sees the latest state, then each change.
    pub fn subscribe(&self) -> watch::Receiver<LiveState> {
        self.tx.subscribe()
    }

    pub fn current(&self) -> LiveState {
        *self.tx.borrow()
    }

    /// Publishes `version` if it moved.
    pub fn publish(&self, version: i64) {
        self.tx.send_if_modified(|s| {
            let moved = s.version != version;
            s.version = version;
            moved
        });
    }

    /// Ends every stream (the server is shutting down).
    pub fn close(&self) {
        self.tx.send_modify(|s| s.closed = true);
    }

    /// Watches the database's version until [`Live::close`] (or the store
    /// closes): notifications
    /// (PostgreSQL) and a poll. Errors are logged and retried: a database
    /// that is down only delays the updates.
    pub async fn watch(self, store: Store) {
        let mut closed = self.subscribe();
        let poll = match store.pool() {
            crate::store::Pool::Sqlite(_) => POLL_SQLITE,
            crate::store::Pool::Postgres(_) => POLL_POSTGRES,
        };
        let mut listener = match store.pool() {
            crate::store::Pool::Postgres(pool) => {
                match sqlx::postgres::PgListener::connect_with(pool).await {
                    Ok(mut l) => match l.listen(CHANNEL).await {
                        Ok(()) => Some(l),
                        Err(e) => {
                            tracing::warn!(error = %e, "cannot listen for live updates; polling");
                            None
                        }
                    },
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot listen for live updates; polling");
                        None
                    }
                }
            }
            crate::store::Pool::Sqlite(_) => None,
        };
        // The listener holds a pooled connection: let it go when the pool
        // closes, or the close waits for it.
        let closing = store.closing();
        tokio::pin!(closing);
        loop {
            match store.live_version().await {
                Ok(v) => self.publish(v),
                Err(e) => tracing::warn!(error = %e, "cannot read the live version"),
            }
            let notified = async {
                match listener.as_mut() {
                    // `recv` reconnects by itself after a lost connection.
                    Some(l) => l.recv().await.map(drop),
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(poll) => {}
                result = notified => {
                    if let Err(e) = result {
                        tracing::warn!(error = %e, "live listener");
                        tokio::time::sleep(poll).await;
                    }
                }
                _ = async { closed.wait_for(|s| s.closed).await.is_ok() } => return,
                () = &mut closing => return,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn streams_see_the_latest_version_once_and_the_close() {
        let live = Live::default();
        let mut rx = live.subscribe();
        live.publish(3);
        live.publish(3);
        rx.changed().await.unwrap();
        assert_eq!(rx.borrow_and_update().version, 3);
        assert!(
            !rx.has_changed().unwrap(),
            "the same version is not sent twice"
        );
        live.publish(4);
        live.close();
        rx.changed().await.unwrap();
        assert_eq!(
            *rx.borrow(),
            LiveState {
                version: 4,
                closed: true
            }
        );
    }
}
