//! The staff's reservations list (filters, search, sort, pages by cursor),
//! its CSV export read a page at a time, and bulk status changes.

use super::context::{context, Context};
use super::host::{change_status, staff_view, table_names, Words};
use super::naive_date;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{ListQuery, ReservationWithTables, Span, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use domain::{
    BulkAction, BulkOutcome, BulkRefusal, Cursor, ListSort, PartySize, ReservationFilter,
    ReservationPage, StaffReservation,
};
use std::collections::HashMap;

/// The dates a list covers when none are given: from the restaurant's
/// today, a month.
const DEFAULT_DAYS: i64 = 30;
/// The longest range one list covers.
const MAX_DAYS: i64 = 366;
/// Rows read per query by the CSV export.
const EXPORT_CHUNK: u32 = 500;

/// One page of the reservations list.
#[tracing::instrument(skip_all)]
pub async fn list_reservations(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    filter: &ReservationFilter,
) -> Result<ReservationPage, ServiceError> {
    authorize(who, Action::ListAllReservations)?;
    let ctx = context(store).await?;
    let (query, from, to) = query_of(&ctx, now, filter)?;
    let mut probe = query.clone();
    probe.limit = filter.limit + 1;
    // The page and its totals are read at once (two connections).
    let (found, totals) = tokio::try_join!(
        store.reservations_page(&probe),
        store.reservations_totals(&query, ReservationFilter::SEARCH_COUNT_CAP),
    )?;
    let mut found = found;
    let more = found.len() > filter.limit as usize;
    found.truncate(filter.limit as usize);
    let next = more
        .then(|| found.last())
        .flatten()
        .map(|last| cursor_of(filter.sort, last).encode());
    let names = table_names(&ctx);
    let reservations = found
        .iter()
        .map(|r| staff_view(&ctx, r, &names, now))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ReservationPage {
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        matched: u32::try_from(totals.matched).unwrap_or(u32::MAX),
        covers: u32::try_from(totals.covers).unwrap_or(u32::MAX),
        more: totals.more,
        reservations,
        next,
    })
}

/// The filters in the store's terms, with the dates they cover.
fn query_of(
    ctx: &Context,
    now: DateTime<Utc>,
    filter: &ReservationFilter,
) -> Result<(ListQuery, NaiveDate, NaiveDate), ServiceError> {
    let today = now.with_timezone(&ctx.tz).date_naive();
    let date = |d: Option<domain::Date>, field| match d {
        Some(d) => naive_date(d).map(Some).ok_or(ServiceError::Invalid(field)),
        None => Ok(None),
    };
    let (from, to) = match (date(filter.from, "from")?, date(filter.to, "to")?) {
        (Some(f), Some(t)) => (f, t),
        (Some(f), None) => (f, f + TimeDelta::days(DEFAULT_DAYS)),
        (None, Some(t)) => (t.min(today), t),
        (None, None) => (today, today + TimeDelta::days(DEFAULT_DAYS)),
    };
    if to < from || (to - from).num_days() > MAX_DAYS {
        return Err(ServiceError::Invalid("to"));
    }
    let midnight = |d: NaiveDate, field| {
        rules::local_to_utc(&ctx.tz, d, NaiveTime::MIN).ok_or(ServiceError::Invalid(field))
    };
    let after_to = to.succ_opt().ok_or(ServiceError::Invalid("to"))?;
    let query = ListQuery {
        restaurant_id: ctx.restaurant.id,
        from: midnight(from, "from")?,
        to: midnight(after_to, "to")?,
        statuses: filter.statuses.iter().map(|s| s.as_str()).collect(),
        sources: filter.sources.iter().map(|s| s.as_str()).collect(),
        party_min: filter.party_min.unwrap_or(1),
        party_max: filter.party_max.unwrap_or(PartySize::MAX),
        search: filter.q.clone(),
        tag: filter.tag.clone().unwrap_or_default(),
        within: filter
            .period
            .map(|kind| service_spans(ctx, from, to, kind))
            .transpose()?,
        sort: filter.sort,
        after: match filter.after {
            Some(c) => Some((
                DateTime::from_timestamp(c.at, 0).ok_or(ServiceError::Invalid("after"))?,
                c.id,
            )),
            None => None,
        },
        limit: filter.limit,
    };
    Ok((query, from, to))
}

/// The instants of service `kind` on each day from `from` to `to`: each
/// day is shared among its services (`rules::host::day_parts`), so a
/// booking between two services counts in the nearer one; in the
/// restaurant's zone, each day's own offset (a clock change is one day's
/// business). Spans that touch are merged.
fn service_spans(
    ctx: &Context,
    from: NaiveDate,
    to: NaiveDate,
    kind: domain::ServiceKind,
) -> Result<Vec<Span>, ServiceError> {
    // A local minute of a day as an instant; a minute a spring clock
    // change skips is the first one after it.
    let instant = |date: NaiveDate, minute: u32| -> Result<DateTime<Utc>, ServiceError> {
        let (date, minute) = if minute >= 24 * 60 {
            (date.succ_opt().ok_or(ServiceError::Invalid("to"))?, 0)
        } else {
            (date, minute)
        };
        let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0)
            .ok_or(ServiceError::Invalid("period"))?;
        rules::local_to_utc(&ctx.tz, date, time)
            .or_else(|| rules::local_to_utc(&ctx.tz, date, time + TimeDelta::hours(1)))
            .ok_or(ServiceError::Invalid("period"))
    };
    let mut spans: Vec<Span> = Vec::new();
    for date in from.iter_days().take_while(|d| *d <= to) {
        for (part, start, end) in rules::host::day_parts(&ctx.booking.rules.periods_on(date)) {
            if part != kind || start >= end {
                continue;
            }
            let (a, b) = (instant(date, start)?, instant(date, end)?);
            match spans.last_mut() {
                Some(last) if last.1 == a => last.1 = b,
                _ => spans.push((a, b)),
            }
        }
    }
    Ok(spans)
}

/// The database's plan of the list's page query for `filter` (the
/// benchmark prints it). No authorization: not reachable from a route.
pub async fn explain_list(
    store: &Store,
    now: DateTime<Utc>,
    filter: &ReservationFilter,
) -> Result<Vec<String>, ServiceError> {
    let ctx = context(store).await?;
    let (mut query, _, _) = query_of(&ctx, now, filter)?;
    query.limit = filter.limit + 1;
    Ok(store.explain_reservations_page(&query).await?)
}

fn cursor_of(sort: ListSort, last: &ReservationWithTables) -> Cursor {
    let at = match sort {
        ListSort::Time | ListSort::TimeDesc => last.row.starts_at,
        ListSort::Created => last.row.created_at,
    };
    Cursor {
        at: at.timestamp(),
        id: last.row.id,
    }
}

/// The filtered list as CSV (UTF-8 with a byte-order mark, for
/// spreadsheets), read [`EXPORT_CHUNK`] bookings at a time whatever the
/// list's length: call [`CsvExport::next_chunk`] until it answers `None`.
pub struct CsvExport {
    store: Store,
    ctx: Context,
    names: HashMap<i64, String>,
    query: ListQuery,
    now: DateTime<Utc>,
    started: bool,
    done: bool,
}

/// Opens an export of every booking the filters match (the cursor and the
/// page length are ignored). Refused here, before any byte is sent, when
/// the caller may not list bookings or the filters are wrong.
#[tracing::instrument(skip_all)]
pub async fn export_csv(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    filter: &ReservationFilter,
) -> Result<CsvExport, ServiceError> {
    authorize(who, Action::ListAllReservations)?;
    let ctx = context(store).await?;
    let (mut query, _, _) = query_of(&ctx, now, filter)?;
    query.after = None;
    query.limit = EXPORT_CHUNK;
    let names = table_names(&ctx)
        .into_iter()
        .map(|(id, name)| (id, name.to_owned()))
        .collect();
    Ok(CsvExport {
        store: store.clone(),
        ctx,
        names,
        query,
        now,
        started: false,
        done: false,
    })
}

/// The export's columns (English names: a file's header is data).
pub const CSV_HEADER: &str = "reference,date,time,end_time,party_size,name,email,phone,\
status,source,tables,notes\r\n";

impl CsvExport {
    /// The next part of the file, or `None` after the last one.
    pub async fn next_chunk(&mut self) -> Result<Option<String>, ServiceError> {
        if self.done {
            return Ok(None);
        }
        let mut out = String::new();
        if !self.started {
            self.started = true;
            out.push('\u{feff}');
            out.push_str(CSV_HEADER);
        }
        let rows = self.store.reservations_page(&self.query).await?;
        if rows.len() < self.query.limit as usize {
            self.done = true;
        }
        if let Some(last) = rows.last() {
            let c = cursor_of(self.query.sort, last);
            self.query.after = Some((
                DateTime::from_timestamp(c.at, 0).unwrap_or(last.row.starts_at),
                c.id,
            ));
        }
        let names: HashMap<i64, &str> = self.names.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for r in &rows {
            let v = staff_view(&self.ctx, r, &names, self.now)?;
            csv_line(&mut out, &v);
        }
        Ok(Some(out))
    }
}

fn csv_line(out: &mut String, r: &StaffReservation) {
    let fields = [
        r.reference.as_str(),
        &r.date,
        &r.time,
        &r.end_time,
        &r.party_size.to_string(),
        &r.name,
        &r.email,
        &r.phone,
        r.status.as_str(),
        r.source.as_str(),
        &r.table_names.join(" + "),
        &r.notes,
    ];
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push_str("\r\n");
}

/// One CSV field, quoted when it must be; text a spreadsheet would run as a
/// formula (`=`, `+`, `-`, `@`, tab, carriage return first) is prefixed
/// with `'` — except a phone number's leading `+`. Shared by the payments
/// list's CSV.
pub(super) fn csv_field(out: &mut String, value: &str) {
    let formula = value.starts_with(['=', '-', '@', '\t', '\r'])
        || (value.starts_with('+') && !value[1..].chars().all(|c| c.is_ascii_digit() || c == ' '));
    let quote = formula || value.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// Cancels or marks as no-show each booking of a bulk action, one booking
/// transaction each: a booking that cannot change (already cancelled,
/// unknown) is reported and the others still change.
#[tracing::instrument(skip_all)]
pub async fn bulk_status(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    action: &BulkAction,
) -> Result<BulkOutcome, ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let message = action.message.as_ref().map(|m| m.as_str().to_owned());
    let mut outcome = BulkOutcome::default();
    for id in &action.ids {
        match change_status(
            store,
            &ctx,
            now,
            who,
            *id,
            action.kind.status(),
            // The words to the guests are also the history's why.
            Words {
                reason: message.as_deref(),
                message: message.as_deref(),
            },
        )
        .await
        {
            Ok(_) => outcome.changed.push(*id),
            Err(ServiceError::StatusRefused) => {
                outcome.refused.push(refusal(*id, "status_refused"))
            }
            Err(ServiceError::NotFound) => outcome.refused.push(refusal(*id, "not_found")),
            // Taking a no-show back is not a bulk action; any other clash
            // leaves this booking as it is.
            Err(ServiceError::Conflict(_) | ServiceError::TableTaken) => {
                outcome.refused.push(refusal(*id, "conflict"));
            }
            Err(other) => return Err(other),
        }
    }
    Ok(outcome)
}

fn refusal(id: i64, reason: &str) -> BulkRefusal {
    BulkRefusal {
        id,
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(v: &str) -> String {
        let mut out = String::new();
        csv_field(&mut out, v);
        out
    }

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(field("Ada"), "Ada");
        assert_eq!(field("Lovelace, Ada"), "\"Lovelace, Ada\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(field("-2+3"), "\"'-2+3\"");
        assert_eq!(field("+33 6 12 34 56 78"), "+33 6 12 34 56 78");
        assert_eq!(field("+cmd"), "\"'+cmd\"");
    }
}
