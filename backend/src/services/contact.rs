//! The contact page's messages: a visitor sends one (kept, and e-mailed to
//! the restaurant through the outbox, in one transaction); staff read them
//! and mark them as dealt with.

use super::authz::{authorize, Action, Principal};
use super::ServiceError;
use crate::mail::contact::{ContactMailJob, CONTACT_OUTBOX_KIND};
use crate::store::{ContactFilter, ContactRow, Store};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::{ContactForm, ContactMessage, Handled, Locale};

/// The most messages one list shows.
pub const LIST_LIMIT: i64 = 200;

fn local(tz: Tz, at: DateTime<Utc>) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// Keeps the visitor's message and queues its e-mail to the restaurant.
/// `form` is already checked; a robot's form never reaches here.
#[tracing::instrument(skip_all)]
pub async fn send(
    store: &Store,
    form: &ContactForm,
    language: Locale,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let setup = store.setup().await?;
    let restaurant = &setup.restaurant;
    let tz = setup.booking.rules.time_zone;
    let job = |message_id| ContactMailJob {
        message_id,
        restaurant: restaurant.name.clone(),
        restaurant_email: restaurant.email.clone(),
        name: form.name.as_str().to_owned(),
        email: form.email.as_str().to_owned(),
        message: form.message.clone(),
        language: language.as_str().to_owned(),
        received: local(tz, now),
    };
    // A restaurant set up from nothing may have no address yet: the
    // message is kept for the dashboard, and no e-mail can go.
    let mails = !restaurant.email.is_empty();
    store
        .add_contact_message(
            restaurant.id,
            form,
            language.as_str(),
            now,
            CONTACT_OUTBOX_KIND,
            |id| mails.then(|| job(id).to_json()),
        )
        .await?;
    tracing::info!("contact message kept");
    Ok(())
}

fn view(tz: Tz, row: ContactRow) -> ContactMessage {
    ContactMessage {
        id: row.id,
        name: row.name,
        email: row.email,
        message: row.message,
        language: row.language,
        received: local(tz, row.received_at),
        handled: row.handled_at.map(|at| Handled {
            by: row.handled_by,
            at: local(tz, at),
        }),
    }
}

/// The newest messages first (`show`: see [`domain::contact::show_all`]),
/// and how many are not dealt with. Staff.
#[tracing::instrument(skip_all)]
pub async fn list(
    store: &Store,
    who: Option<&Principal>,
    show: Option<&str>,
) -> Result<(Vec<ContactMessage>, i64), ServiceError> {
    authorize(who, Action::RunService)?;
    let open = !domain::contact::show_all(show).ok_or(ServiceError::Invalid("show"))?;
    let setup = store.setup().await?;
    let tz = setup.booking.rules.time_zone;
    let filter = if open {
        ContactFilter::Open
    } else {
        ContactFilter::All
    };
    let rows = store
        .contact_messages(setup.restaurant.id, filter, LIST_LIMIT)
        .await?;
    let open = store.open_contact_messages(setup.restaurant.id).await?;
    Ok((rows.into_iter().map(|r| view(tz, r)).collect(), open))
}

/// Marks a message as dealt with by the caller, or as not dealt with.
/// Staff.
#[tracing::instrument(skip_all)]
pub async fn set_handled(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    handled: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let setup = store.setup().await?;
    store
        .set_contact_handled(setup.restaurant.id, id, handled.then_some(who.user_id), now)
        .await?;
    Ok(())
}
