//! The team: the staff and admins, the invitations not accepted yet, the
//! members deactivated; role changes, deactivation and reactivation (in a
//! *team transaction*, so that the last admin always remains), cancelled
//! invitations, and when each account last signed in.

use super::{db_time, on_pool, Store};
use crate::error::StoreError;
use chrono::{DateTime, Utc};

/// The conflict code of a change that would leave no active admin.
pub const LAST_ADMIN: &str = "last_admin";

/// Gives an account a role, active: the session epoch moves on when the
/// role changes or the account was deactivated (every session opened
/// before ends).
pub(super) const SET_ROLE: &str = "UPDATE users SET session_epoch = session_epoch + \
     (CASE WHEN role = $2 AND deactivated_at IS NULL THEN 0 ELSE 1 END), \
     role = $2, deactivated_at = NULL, updated_at = $3 WHERE id = $1";

/// The PostgreSQL advisory lock every team transaction takes ("team").
const ADVISORY_TEAM: i64 = 0x7465_616d_0000_0000;

/// Runs `$body` with `$tx` bound to a transaction that no other team
/// transaction runs beside: `BEGIN IMMEDIATE` on SQLite (one writer at a
/// time), a transaction-scoped advisory lock on PostgreSQL. Commits when
/// the body returns `Ok`.
macro_rules! team_tx {
    ($store:expr, $tx:ident => $body:expr) => {
        match $store.pool() {
            $crate::store::Pool::Sqlite(pool) => {
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let result = $body;
                if result.is_ok() {
                    $tx.commit().await?;
                }
                result
            }
            $crate::store::Pool::Postgres(pool) => {
                let mut $tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(ADVISORY_TEAM)
                    .execute(&mut *$tx)
                    .await?;
                let result = $body;
                if result.is_ok() {
                    $tx.commit().await?;
                }
                result
            }
        }
    };
}

/// A member of the team as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TeamRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub deactivated_at: Option<DateTime<Utc>>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

/// A change to a member of the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberChange<'a> {
    /// This role, active.
    Role(&'a str),
    /// Signed out, and a diner until reactivated.
    Deactivate,
    /// Back with the role they had.
    Reactivate,
}

impl Store {
    /// The staff and admins (deactivated ones too) whose address is proved,
    /// and the accounts invited (not proved yet) after `invited_after`.
    pub async fn team(&self, invited_after: DateTime<Utc>) -> Result<Vec<TeamRow>, StoreError> {
        let sql = "SELECT id, email, name, role, email_verified_at, created_at, deactivated_at, \
                   last_sign_in_at FROM users WHERE role IN ('staff', 'admin') \
                   AND (email_verified_at IS NOT NULL OR created_at > $1) ORDER BY id";
        Ok(on_pool!(self, pool => sqlx::query_as::<_, TeamRow>(sql)
            .bind(db_time(invited_after)).fetch_all(pool).await)?)
    }

    /// Changes a member of the team, every session of theirs ending when
    /// their powers change. Refused with [`StoreError::Conflict`]
    /// ([`LAST_ADMIN`]) when it would leave no active admin whose address
    /// is proved: the check and the change run in one team transaction,
    /// so two admins demoting each other at once cannot both succeed.
    pub async fn change_member(
        &self,
        user_id: i64,
        change: MemberChange<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let now = db_time(now);
        let current = "SELECT role, deactivated_at FROM users WHERE id = $1";
        let other_admins = "SELECT COUNT(*) FROM users WHERE role = 'admin' AND id <> $1 \
                            AND deactivated_at IS NULL AND email_verified_at IS NOT NULL";
        let deactivate = "UPDATE users SET session_epoch = session_epoch + \
                          (CASE WHEN deactivated_at IS NULL THEN 1 ELSE 0 END), \
                          deactivated_at = COALESCE(deactivated_at, $2), updated_at = $2 WHERE id = $1";
        let reactivate = "UPDATE users SET session_epoch = session_epoch + \
                          (CASE WHEN deactivated_at IS NULL THEN 0 ELSE 1 END), \
                          deactivated_at = NULL, updated_at = $2 WHERE id = $1";
        let keeps_admin = matches!(
            change,
            MemberChange::Role("admin") | MemberChange::Reactivate
        );
        team_tx!(self, tx => {
            let (role, deactivated_at): (String, Option<DateTime<Utc>>) = sqlx::query_as(current)
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            if role == "admin" && deactivated_at.is_none() && !keeps_admin {
                let others: i64 = sqlx::query_scalar(other_admins)
                    .bind(user_id)
                    .fetch_one(&mut *tx)
                    .await?;
                if others == 0 {
                    return Err(StoreError::Conflict(LAST_ADMIN.to_owned()));
                }
            }
            let query = match change {
                MemberChange::Role(role) => sqlx::query(SET_ROLE).bind(user_id).bind(role).bind(now),
                MemberChange::Deactivate => sqlx::query(deactivate).bind(user_id).bind(now),
                MemberChange::Reactivate => sqlx::query(reactivate).bind(user_id).bind(now),
            };
            query.execute(&mut *tx).await?;
            Ok(())
        })
    }

    /// Cancels an invitation not accepted yet: the invited account (staff
    /// or admin, its address never proved) is deleted with its tokens, and
    /// its invitation e-mail, if not sent yet, is dropped.
    /// [`StoreError::NotFound`] when there is no such invitation.
    pub async fn cancel_invitation(&self, user_id: i64) -> Result<(), StoreError> {
        let sql = "DELETE FROM users WHERE id = $1 AND role IN ('staff', 'admin') \
                   AND email_verified_at IS NULL";
        let done = on_pool!(self, pool => sqlx::query(sql).bind(user_id)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Records that the account signed in now.
    pub async fn record_sign_in(&self, user_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        let sql = "UPDATE users SET last_sign_in_at = $2 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(user_id).bind(db_time(now))
            .execute(pool).await.map(drop))?;
        Ok(())
    }
}
