//! Accounts and their e-mailed single-use tokens.

use super::{db_time, on_pool, ReservationRow, Store};
use crate::error::StoreError;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub phone: String,
    pub locale: String,
    pub password_hash: String,
    pub role: String,
    pub email_verified_at: Option<DateTime<Utc>>,
    /// Sessions opened with another epoch are no longer valid.
    pub session_epoch: i64,
    /// Deactivated by an admin: the account acts as a diner.
    pub deactivated_at: Option<DateTime<Utc>>,
}

/// What an e-mailed token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
    Invite,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify_email",
            TokenPurpose::ResetPassword => "reset_password",
            TokenPurpose::Invite => "invite",
        }
    }
}

const USER_COLUMNS: &str = "id, email, name, phone, locale, password_hash, role, \
                            email_verified_at, session_epoch, deactivated_at";

/// The one case-folding rule for e-mail addresses: trimmed and lower-cased
/// (Unicode-aware, the same on both databases). Accounts are unique by it
/// (`users.email_key`) and bookings are found by it
/// (`reservations.guest_email_key`).
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

impl Store {
    /// Creates a user with its outbox message, in one transaction. A taken
    /// e-mail is a [`StoreError::Conflict`].
    #[allow(clippy::too_many_arguments)]
    pub async fn create_user(
        &self,
        email: &str,
        name: &str,
        locale: &str,
        password_hash: &str,
        role: &str,
        outbox: Option<(&str, &str)>,
        now: DateTime<Utc>,
    ) -> Result<UserRow, StoreError> {
        let now = db_time(now);
        // Random, so that a reused id never matches an old session; far from
        // i64::MAX, so that moving it on never overflows.
        let first_epoch = i64::from(rand::random::<u32>());
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO users (email, email_key, name, locale, password_hash, role, created_at, updated_at, session_epoch) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id")
                .bind(email).bind(email_key(email)).bind(name).bind(locale).bind(password_hash)
                .bind(role).bind(now).bind(first_epoch)
                .fetch_one(&mut *tx).await?;
            if let Some((kind, payload)) = outbox {
                queue_mail!(tx, kind, payload, now);
            }
            let row = sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
                .bind(id).fetch_one(&mut *tx).await?;
            tx.commit().await?;
            Ok(row)
        })
    }

    pub async fn user_by_email(&self, email: &str) -> Result<UserRow, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email_key = $1");
        Ok(on_pool!(self, pool => sqlx::query_as::<_, UserRow>(&sql)
            .bind(email_key(email)).fetch_one(pool).await)?)
    }

    pub async fn user_by_id(&self, id: i64) -> Result<UserRow, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        Ok(on_pool!(self, pool => sqlx::query_as::<_, UserRow>(&sql)
            .bind(id).fetch_one(pool).await)?)
    }

    /// Queues an account e-mail on its own (its link's token is minted when
    /// it is sent).
    pub async fn queue_account_mail(
        &self,
        outbox: (&str, &str),
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let now = db_time(now);
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            queue_mail!(tx, outbox.0, outbox.1, now);
            tx.commit().await?;
            Ok(())
        })
    }

    /// Queues the "you already have an account" notice for a registration
    /// with this account's address, unless one was queued since `since`;
    /// tells whether it was.
    pub async fn queue_registration_notice(
        &self,
        user_id: i64,
        outbox: (&str, &str),
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let now = db_time(now);
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let claimed = sqlx::query("UPDATE users SET registration_notice_at = $2 WHERE id = $1 \
                 AND (registration_notice_at IS NULL OR registration_notice_at <= $3)")
                .bind(user_id).bind(now).bind(db_time(since))
                .execute(&mut *tx).await?.rows_affected() == 1;
            if claimed {
                queue_mail!(tx, outbox.0, outbox.1, now);
            }
            tx.commit().await?;
            Ok(claimed)
        })
    }

    /// Stores the hash of a token just minted for the account with this
    /// e-mail address; [`StoreError::NotFound`] when there is none (any
    /// more).
    pub async fn add_user_token_for(
        &self,
        email: &str,
        token_hash: &str,
        purpose: TokenPurpose,
        expires: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at) \
                   SELECT $1, id, $2, $3, $4 FROM users WHERE email_key = $5";
        let done = on_pool!(self, pool => sqlx::query(sql)
            .bind(token_hash).bind(purpose.as_str()).bind(db_time(now)).bind(db_time(expires))
            .bind(email_key(email)).execute(pool).await.map(|d| d.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Forgets a token (minted for an e-mail that could not be sent).
    pub async fn delete_user_token(&self, token_hash: &str) -> Result<(), StoreError> {
        let sql = "DELETE FROM user_tokens WHERE token_hash = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(token_hash).execute(pool).await.map(drop))?;
        Ok(())
    }

    /// Uses a token once: marks it used and returns its user, if it exists,
    /// has this purpose, is unused and unexpired. Atomic: two concurrent
    /// uses cannot both succeed.
    pub async fn consume_user_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let now = db_time(now);
        let sql = "UPDATE user_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 \
                   AND used_at IS NULL AND expires_at > $3 RETURNING user_id";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(token_hash).bind(purpose.as_str()).bind(now).fetch_one(pool).await)?)
    }

    /// Trusts a browser (by its device token's hash) for an account until
    /// `expires`; an account keeps its 10 newest devices.
    pub async fn trust_device(
        &self,
        user_id: i64,
        token_hash: &str,
        expires: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let now = db_time(now);
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM trusted_devices WHERE expires_at <= $1")
                .bind(now).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO trusted_devices (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                .bind(token_hash).bind(user_id).bind(now).bind(db_time(expires))
                .execute(&mut *tx).await?;
            sqlx::query("DELETE FROM trusted_devices WHERE user_id = $1 AND token_hash NOT IN \
                         (SELECT token_hash FROM trusted_devices WHERE user_id = $1 ORDER BY created_at DESC LIMIT 10)")
                .bind(user_id).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Whether the device token's hash is trusted for the account.
    pub async fn device_trusted(
        &self,
        user_id: i64,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let sql = "SELECT COUNT(*) FROM trusted_devices WHERE token_hash = $1 AND user_id = $2 AND expires_at > $3";
        let n = on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(token_hash).bind(user_id).bind(db_time(now)).fetch_one(pool).await)?;
        Ok(n > 0)
    }

    /// The user of a token that [`Store::consume_user_token`] would accept
    /// now, without using it.
    pub async fn peek_user_token(
        &self,
        token_hash: &str,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let sql = "SELECT user_id FROM user_tokens WHERE token_hash = $1 AND purpose = $2 \
                   AND used_at IS NULL AND expires_at > $3";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(token_hash).bind(purpose.as_str()).bind(db_time(now)).fetch_one(pool).await)?)
    }

    pub async fn set_email_verified(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        // Verifying an address that was not verified yet ends every session
        // opened before: whoever registered it first does not keep one.
        let sql = "UPDATE users SET session_epoch = session_epoch + \
                   (CASE WHEN email_verified_at IS NULL THEN 1 ELSE 0 END), \
                   email_verified_at = COALESCE(email_verified_at, $2), updated_at = $2 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(user_id).bind(db_time(now)).execute(pool).await.map(drop))?;
        Ok(())
    }

    pub async fn set_password_hash(
        &self,
        user_id: i64,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        // A new password ends every session opened with the old one, and
        // every reset link still outstanding.
        let sql = "UPDATE users SET password_hash = $2, updated_at = $3, \
                   session_epoch = session_epoch + 1 WHERE id = $1";
        let links = "UPDATE user_tokens SET used_at = $2 WHERE user_id = $1 \
                     AND purpose = 'reset_password' AND used_at IS NULL";
        let now = db_time(now);
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query(sql).bind(user_id).bind(hash).bind(now).execute(&mut *tx).await?;
            sqlx::query(links).bind(user_id).bind(now).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok::<(), sqlx::Error>(())
        })?;
        Ok(())
    }

    /// Ends every session of the account (its session epoch moves on).
    pub async fn end_sessions(&self, user_id: i64) -> Result<(), StoreError> {
        let sql = "UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1";
        let done = on_pool!(self, pool => sqlx::query(sql).bind(user_id)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn update_profile(
        &self,
        user_id: i64,
        name: &str,
        phone: &str,
        locale: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql =
            "UPDATE users SET name = $2, phone = $3, locale = $4, updated_at = $5 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(user_id).bind(name).bind(phone).bind(locale)
            .bind(db_time(now)).execute(pool).await.map(drop))?;
        Ok(())
    }

    /// Gives the account `role`, active (a deactivated member is
    /// reactivated), without the team's checks: the command line's
    /// `server admin create`. The team's changes go through
    /// [`Store::change_member`].
    pub async fn set_role(
        &self,
        user_id: i64,
        role: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let done = on_pool!(self, pool => sqlx::query(super::team::SET_ROLE).bind(user_id).bind(role)
            .bind(db_time(now)).execute(pool).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Deletes the accounts whose address was never proved: registered
    /// before `registered_before`, or invited (no password yet) before
    /// `invited_before`. Returns how many.
    pub async fn delete_unproved_users(
        &self,
        registered_before: DateTime<Utc>,
        invited_before: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let sql = "DELETE FROM users WHERE email_verified_at IS NULL AND \
                   ((password_hash <> '' AND created_at < $1) OR (password_hash = '' AND created_at < $2))";
        Ok(on_pool!(self, pool => sqlx::query(sql)
            .bind(db_time(registered_before)).bind(db_time(invited_before))
            .execute(pool).await.map(|r| r.rows_affected()))?)
    }

    /// Deletes an account. Its bookings keep the guest's name and e-mail.
    pub async fn delete_user(&self, user_id: i64) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM users WHERE id = $1").bind(user_id)
            .execute(pool).await.map(drop))?;
        Ok(())
    }

    /// Reservations made with this e-mail (any case), newest first, with
    /// paging.
    pub async fn reservations_by_email(
        &self,
        email: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<ReservationRow>, StoreError> {
        let sql = format!(
            "SELECT {} FROM reservations r WHERE r.guest_email_key = $1 \
             ORDER BY r.starts_at DESC, r.id DESC LIMIT $2 OFFSET $3",
            super::booking::RESERVATION_COLUMNS
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(email_key(email)).bind(limit).bind(offset).fetch_all(pool).await)?,
        )
    }

    /// Reservations of a restaurant starting within `from..to`, by start,
    /// with paging (staff views).
    pub async fn reservations_between(
        &self,
        restaurant_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<ReservationRow>, StoreError> {
        let sql = format!(
            "SELECT {} FROM reservations r WHERE r.restaurant_id = $1 AND r.starts_at >= $2 \
             AND r.starts_at < $3 ORDER BY r.starts_at, r.id LIMIT $4 OFFSET $5",
            super::booking::RESERVATION_COLUMNS
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(restaurant_id).bind(db_time(from)).bind(db_time(to)).bind(limit).bind(offset)
            .fetch_all(pool).await)?,
        )
    }

    /// A reservation by its reference.
    pub async fn reservation_by_ref(
        &self,
        restaurant_id: i64,
        reference: &str,
    ) -> Result<ReservationRow, StoreError> {
        let sql = format!(
            "SELECT {} FROM reservations r WHERE r.restaurant_id = $1 AND r.reference = $2",
            super::booking::RESERVATION_COLUMNS
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(restaurant_id).bind(reference).fetch_one(pool).await)?,
        )
    }
}
