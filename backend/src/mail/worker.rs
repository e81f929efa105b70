//! The mail worker: takes due messages from the outbox, renders them, and
//! sends them over SMTP or writes them as `.eml` files.
//!
//! Delivery is at least once, and in normal operation exactly once:
//! - a message is claimed with a lease ([`LEASE`]), so no other worker takes
//!   it while it is being sent, and it is marked sent right after the
//!   transport accepted it;
//! - if the process dies in between, the lease ends and the message is
//!   taken again (it may then arrive twice, but it is never lost);
//! - a failed attempt is retried with exponential backoff (30 s, 1 min,
//!   2 min, ... capped at 1 h); after [`MAX_ATTEMPTS`] attempts the message
//!   is parked and logged at error level.
//!
//! Logs name the outbox id, the kind and the booking reference, never the
//! manage token nor a full e-mail address.

use super::message::Outgoing;
use crate::store::{OutboxRow, Store};
use chrono::{DateTime, TimeDelta, Utc};
use lettre::address::Envelope;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;

pub use super::message::{build_account_message, build_message};

/// How long a claimed message is reserved for this worker.
pub const LEASE: TimeDelta = TimeDelta::seconds(60);
/// A message is not started when less than this is left of its lease.
const LEASE_MARGIN: TimeDelta = TimeDelta::seconds(20);
/// Messages claimed at once.
const BATCH: i64 = 10;
/// How often the outbox is looked at.
const POLL: Duration = Duration::from_secs(1);
/// The first retry waits this long; each further one twice as long...
const BASE_BACKOFF: TimeDelta = TimeDelta::seconds(30);
/// ... up to this.
const MAX_BACKOFF: TimeDelta = TimeDelta::hours(1);
/// After this many failed attempts a message is no longer retried.
pub const MAX_ATTEMPTS: i64 = 10;
/// Each SMTP command must complete within this.
const SMTP_TIMEOUT: Duration = Duration::from_secs(15);
/// `next_attempt_at` of a message given up on (sorts after any real date as
/// text on SQLite, and is a valid PostgreSQL timestamp).
fn parked() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("9999-12-31T23:59:59Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Where e-mails go.
#[derive(Clone)]
pub enum Mailer {
    /// An SMTP server (`SMTP_URL`).
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// `host:port`, for the logs (never the credentials).
        server: String,
    },
    /// `.eml` files in a directory (`MAIL_DIR`), created when needed, for
    /// development and for a person to open.
    Files {
        transport: AsyncFileTransport<Tokio1Executor>,
        dir: PathBuf,
    },
}

/// `SMTP_URL` cannot be used. The message never contains the URL (it may
/// hold a password).
#[derive(Debug, thiserror::Error)]
#[error("SMTP_URL cannot be used: {0}")]
pub struct MailerError(String);

impl Mailer {
    /// SMTP from a URL such as `smtp://host:25`, `smtp://host:587?tls=required`
    /// or `smtps://user:password@host:465`.
    pub fn smtp(url: &str) -> Result<Self, MailerError> {
        let parsed = url::Url::parse(url).map_err(|e| MailerError(format!("not a URL ({e})")))?;
        let server = match (parsed.host_str(), parsed.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => return Err(MailerError("no host".into())),
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailerError(e.to_string()))?
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Mailer::Smtp { transport, server })
    }

    /// `.eml` files in `dir`.
    pub fn files(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        Mailer::Files {
            transport: AsyncFileTransport::new(&dir),
            dir,
        }
    }

    /// Where e-mails go, for the logs.
    pub fn describe(&self) -> String {
        match self {
            Mailer::Smtp { server, .. } => format!("SMTP server {server}"),
            Mailer::Files { dir, .. } => format!(".eml files in {}", dir.display()),
        }
    }

    async fn send(&self, envelope: &Envelope, raw: &[u8]) -> Result<(), String> {
        match self {
            Mailer::Smtp { transport, .. } => transport
                .send_raw(envelope, raw)
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
            Mailer::Files { transport, dir } => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                transport
                    .send_raw(envelope, raw)
                    .await
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
        }
    }
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// The wait before the next attempt, after `attempts` earlier failed ones:
/// 30 s × 2^attempts, at most 1 h.
pub fn backoff(attempts: i64) -> TimeDelta {
    let factor = 1_i32
        .checked_shl(u32::try_from(attempts.clamp(0, 30)).unwrap_or(30))
        .unwrap_or(i32::MAX);
    BASE_BACKOFF
        .checked_mul(factor)
        .map_or(MAX_BACKOFF, |d| d.min(MAX_BACKOFF))
}

/// Replaces the local part of anything that looks like an e-mail address
/// (`ada@example.com` becomes `***@example.com`), for logs of server replies.
fn redact_addresses(text: &str) -> String {
    text.split(' ')
        .map(|word| match word.split_once('@') {
            Some((local, domain)) if !local.is_empty() && !domain.is_empty() => {
                let keep: String = local
                    .chars()
                    .take_while(|c| matches!(c, '<' | '(' | '"' | '\''))
                    .collect();
                format!("{keep}***@{domain}")
            }
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

/// Whether `shutdown` has completed, without waiting.
fn stop_requested<F: Future<Output = ()>>(shutdown: &mut Pin<&mut F>) -> bool {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    shutdown.as_mut().poll(&mut cx).is_ready()
}

/// Sends due outbox messages until `shutdown` completes: it looks every
/// second, and stops between two messages (never in the middle of one).
#[tracing::instrument(skip_all)]
pub async fn run(
    store: Store,
    mailer: Mailer,
    public_url: String,
    shutdown: impl Future<Output = ()>,
) {
    let mut shutdown = std::pin::pin!(shutdown);
    tracing::info!(transport = %mailer.describe(), "mail worker started");
    let mut unreachable = false;
    'outer: loop {
        let claimed_at = crate::now();
        let mut full_batch = false;
        match store.claim_outbox(claimed_at, LEASE, BATCH).await {
            Ok(rows) => {
                if unreachable {
                    tracing::info!("outbox readable again");
                    unreachable = false;
                }
                full_batch = rows.len() as i64 == BATCH;
                for row in rows {
                    if stop_requested(&mut shutdown) {
                        break 'outer;
                    }
                    if crate::now() >= claimed_at + LEASE - LEASE_MARGIN {
                        // The rest is taken again once its lease ends.
                        tracing::debug!("lease nearly over; leaving the rest of the batch");
                        break;
                    }
                    deliver(&store, &mailer, &public_url, row).await;
                }
            }
            Err(e) => {
                if !unreachable {
                    tracing::warn!(error = %e, "cannot read the outbox; trying again every second");
                }
                unreachable = true;
            }
        }
        if full_batch {
            if stop_requested(&mut shutdown) {
                break;
            }
            continue;
        }
        tokio::select! {
            biased;
            () = &mut shutdown => break,
            () = tokio::time::sleep(POLL) => {}
        }
    }
    tracing::info!("mail worker stopped");
}

/// Renders and sends one claimed message, then records the outcome.
#[tracing::instrument(skip_all, fields(outbox_id = row.id))]
async fn deliver(store: &Store, mailer: &Mailer, public_url: &str, row: OutboxRow) {
    let job = Outgoing::parse(&row.kind, &row.payload);
    let mut job = match job {
        Ok(job) => job,
        Err(error) => {
            // Nothing will make it readable: park it at once.
            tracing::error!(%error, "outbox message cannot be read; giving up on it");
            record_failure(store, row.id, parked(), &error).await;
            return;
        }
    };
    let (kind, reference, to_domain) = job.label();
    let sent = match mint_link(store, &mut job, crate::now()).await {
        Err(crate::StoreError::NotFound) => {
            // The account or the booking was removed meanwhile: nobody to
            // give a link to.
            tracing::info!(%kind, %reference, "recipient gone; e-mail dropped");
            record_failure(store, row.id, parked(), "recipient gone").await;
            return;
        }
        Err(e) => Err(format!("cannot mint the link: {e}")),
        Ok(minted) => {
            let sent = match job.message(public_url) {
                Ok(message) => {
                    let raw = message.formatted();
                    mailer.send(message.envelope(), &raw).await
                }
                Err(e) => Err(e),
            };
            if let (Err(_), Some(minted)) = (&sent, minted) {
                minted.forget(store).await;
            }
            sent
        }
    };
    match sent {
        Ok(()) => {
            tracing::info!(%kind, %reference, %to_domain, "e-mail sent");
            mark_sent(store, row.id).await;
        }
        Err(error) => {
            let error = redact_addresses(&truncate(&error, 500));
            let attempts = row.attempts + 1;
            if attempts >= MAX_ATTEMPTS {
                tracing::error!(
                    %kind, %reference, %to_domain, attempts, %error,
                    "e-mail failed; giving up"
                );
                record_failure(store, row.id, parked(), &format!("gave up: {error}")).await;
            } else {
                let wait = backoff(row.attempts);
                tracing::warn!(
                    %kind, %reference, %to_domain, attempts, retry_in_s = wait.num_seconds(), %error,
                    "e-mail failed; will retry"
                );
                record_failure(store, row.id, crate::now() + wait, &error).await;
            }
        }
    }
}

/// Marks a message sent, insisting a little: a message sent but not marked
/// would be sent again once its lease ends.
async fn mark_sent(store: &Store, id: i64) {
    for attempt in 1..=3 {
        match store.outbox_sent(id, crate::now()).await {
            Ok(()) => return,
            Err(e) if attempt < 3 => {
                tracing::warn!(error = %e, "cannot mark the e-mail sent; trying again");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => tracing::error!(
                error = %e,
                "e-mail sent but not marked; it may be sent again when its lease ends"
            ),
        }
    }
}

/// The token minted for one message's link (its hash), forgotten again when
/// the message could not be sent.
enum Minted {
    Manage(String),
    Account(String),
    Proof(String),
}

impl Minted {
    async fn forget(self, store: &Store) {
        let forgotten = match &self {
            Minted::Manage(hash) => store.delete_reservation_token(hash).await,
            Minted::Account(hash) => store.delete_user_token(hash).await,
            Minted::Proof(hash) => store.clear_proof_token(hash).await,
        };
        if let Err(e) = forgotten {
            tracing::warn!(error = %e, "cannot forget the link of an unsent e-mail");
        }
    }
}

/// Mints the secret of the message's link, if it has one: the outbox never
/// holds a token, only the database's hash of it does, from the moment the
/// message goes out. Account links last from then on; manage links as long
/// as the booking's other tokens.
async fn mint_link(
    store: &Store,
    job: &mut Outgoing,
    now: DateTime<Utc>,
) -> Result<Option<Minted>, crate::StoreError> {
    use crate::mail::account::AccountMailKind;
    use crate::services::accounts::{INVITE_VALID, RESET_VALID, VERIFY_VALID};
    use crate::store::TokenPurpose;
    match job {
        Outgoing::Booking(job) if job.kind.asks_proof() => {
            let proof_id = job.proof_id.ok_or(crate::StoreError::NotFound)?;
            let (token, hash) = crate::services::booking::new_token();
            store.set_proof_token(proof_id, &hash, now).await?;
            job.proof_token = Some(token);
            Ok(Some(Minted::Proof(hash)))
        }
        Outgoing::Booking(job) if job.manage_link => {
            let (token, hash) = crate::services::booking::new_token();
            store
                .add_reservation_token(&job.reservation.reference, &hash, now)
                .await?;
            job.manage_token = Some(token);
            Ok(Some(Minted::Manage(hash)))
        }
        Outgoing::Booking(_) | Outgoing::Contact(_) => Ok(None),
        Outgoing::Account(job) => {
            let (purpose, valid) = match job.kind {
                AccountMailKind::VerifyEmail => (TokenPurpose::VerifyEmail, VERIFY_VALID),
                AccountMailKind::ResetPassword => (TokenPurpose::ResetPassword, RESET_VALID),
                AccountMailKind::Invite => (TokenPurpose::Invite, INVITE_VALID),
                AccountMailKind::AlreadyRegistered => return Ok(None),
            };
            let (token, hash) = crate::services::booking::new_token();
            store
                .add_user_token_for(&job.to, &hash, purpose, now + valid, now)
                .await?;
            job.token = Some(token);
            Ok(Some(Minted::Account(hash)))
        }
    }
}

async fn record_failure(store: &Store, id: i64, retry_at: DateTime<Utc>, error: &str) {
    if let Err(e) = store.outbox_failed(id, retry_at, error).await {
        tracing::error!(error = %e, "cannot record the failed attempt; it is retried when its lease ends");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::message::domain_of;
    use crate::mail::MailJob;
    use crate::mail::{MailKind, RestaurantCard};
    use domain::{Locale, ReservationStatus, ReservationView};

    fn job(kind: MailKind) -> MailJob {
        MailJob {
            kind,
            locale: Locale::En,
            to: "ada@example.com".into(),
            reservation: ReservationView {
                reference: "ABCD2345".into(),
                status: ReservationStatus::Confirmed,
                date: "2026-12-01".into(),
                time: "19:30".into(),
                start: "2026-12-01T19:30:00+01:00".into(),
                end: "2026-12-01T21:30:00+01:00".into(),
                party_size: 2,
                name: "Ada Lovelace".into(),
                email: "ada@example.com".into(),
                phone: "+33612345678".into(),
                notes: String::new(),
                locale: Locale::En,
                can_change: true,
                cancel_cutoff_minutes: 120,
                pending_email: None,
                payment: None,
                refund_if_cancelled_cents: None,
            },
            restaurant: RestaurantCard {
                name: "Chez Margot".into(),
                street: "12 rue des Martyrs".into(),
                postal_code: "75009".into(),
                city: "Paris".into(),
                country: "FR".into(),
                phone: "+33142000000".into(),
                email: "bonjour@chez-margot.example".into(),
                time_zone: "Europe/Paris".into(),
            },
            manage_link: true,
            manage_token: Some("secret-token-1234567890".into()),
            proof_id: None,
            proof_token: None,
            new_email: None,
            expires_in_minutes: None,
            staff_message: None,
            payment_terms: None,
        }
    }

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(0), TimeDelta::seconds(30));
        assert_eq!(backoff(1), TimeDelta::seconds(60));
        assert_eq!(backoff(2), TimeDelta::seconds(120));
        assert_eq!(backoff(6), TimeDelta::seconds(1920));
        assert_eq!(backoff(7), TimeDelta::hours(1));
        assert_eq!(backoff(60), TimeDelta::hours(1));
        assert_eq!(backoff(-3), TimeDelta::seconds(30));
    }

    #[test]
    fn message_has_both_bodies_the_calendar_and_the_language() {
        let message = build_message(&job(MailKind::Confirmation), "https://book.example.com")
            .expect("message builds");
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains("Content-Language: en\r\n"), "{raw}");
        assert!(raw.contains("From: \"Chez Margot\" <bonjour@chez-margot.example>"));
        assert!(raw.contains("To: \"Ada Lovelace\" <ada@example.com>"));
        assert!(raw.contains("multipart/mixed"));
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("Content-Type: text/plain; charset=utf-8"));
        assert!(raw.contains("Content-Type: text/html; charset=utf-8"));
        assert!(
            raw.to_ascii_lowercase()
                .contains("text/calendar; method=publish; charset=utf-8"),
            "{raw}"
        );
        assert!(raw.contains("filename=\"reservation.ics\""));
        assert_eq!(message.envelope().to().len(), 1);

        let message = build_message(&job(MailKind::Cancellation), "https://book.example.com")
            .expect("message builds");
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(!raw.contains("text/calendar"));
        assert!(!raw.contains("multipart/mixed"));
    }

    #[test]
    fn bad_addresses_are_errors() {
        let mut j = job(MailKind::Confirmation);
        j.to = "not an address".into();
        assert!(build_message(&j, "https://x.example").is_err());
    }

    #[test]
    fn logs_hide_addresses() {
        assert_eq!(domain_of("ada@example.com"), "example.com");
        assert_eq!(
            redact_addresses("550 5.1.1 <ada@example.com>: Recipient address rejected"),
            "550 5.1.1 <***@example.com>: Recipient address rejected"
        );
    }

    #[tokio::test]
    async fn smtp_url_errors_do_not_echo_the_url() {
        let err = Mailer::smtp("smtp://user:hunter2@/")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("SMTP_URL") && !err.contains("hunter2"),
            "{err}"
        );
        let err = Mailer::smtp("ftp://user:hunter2@host/")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("hunter2"), "{err}");
        let mailer = Mailer::smtp("smtp://user:hunter2@mail.example.com:2525").unwrap();
        assert_eq!(mailer.describe(), "SMTP server mail.example.com:2525");
    }

    #[test]
    fn parked_sorts_after_real_dates() {
        let text = crate::store::db_time(parked()).to_rfc3339();
        assert!(text.as_str() > "2999-01-01", "{text}");
    }
}
