//! The shift note: what staff write for a day's service.

use super::context::{context, Context};
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{ShiftNoteRow, Store};
use chrono::{DateTime, NaiveDate, Utc};
use domain::ShiftNote;

/// The note of `date` as staff see it.
pub(super) fn note_view(ctx: &Context, row: ShiftNoteRow) -> ShiftNote {
    let local = row.updated_at.with_timezone(&ctx.tz);
    ShiftNote {
        text: row.body,
        updated_at: ctx.rfc3339(row.updated_at),
        updated_local: local.format("%Y-%m-%d %H:%M").to_string(),
        updated_by: row.updated_by,
    }
}

/// Staff write the note of `date` (the restaurant's calendar); an empty
/// text removes it. The last writer wins. Answers the note as it is now.
#[tracing::instrument(skip_all)]
pub async fn set_shift_note(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    date: NaiveDate,
    text: &str,
) -> Result<Option<ShiftNote>, ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let text = ShiftNote::parse_text(text).map_err(|_| ServiceError::Invalid("note"))?;
    let ctx = context(store).await?;
    store
        .set_shift_note(ctx.restaurant.id, date, &text, who.user_id, now)
        .await?;
    let row = store.shift_note(ctx.restaurant.id, date).await?;
    Ok(row.map(|r| note_view(&ctx, r)))
}
