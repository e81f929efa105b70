//! The staff's payments list: the payments of the bookings of a range of
//! dates (by status and kind), the money moved on each of those days
//! (deposits collected, refunds, no-show fees) with their totals, and the
//! same payments as CSV.

use super::super::context::{context, Context};
use super::super::list::csv_field;
use super::super::naive_date;
use crate::payments::Payments;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{MoneyMove, MoneyMoved, PaymentListQuery, PaymentListRow, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use domain::{
    price_input, PaymentDay, PaymentFilter, PaymentKind, PaymentList, PaymentStatus, PaymentTotals,
    StaffPayment,
};
use std::collections::BTreeMap;

/// The most payments one CSV file holds: a wider range is refused (the
/// list says `more` instead).
pub const PAYMENTS_CSV_LIMIT: u32 = 20_000;

/// The CSV's columns (English names: a file's header is data).
pub const PAYMENTS_CSV_HEADER: &str =
    "reference,date,time,guest,party,kind,status,amount,refunded,fee,currency\r\n";

/// The payments list, and the money moved on each of its days.
#[tracing::instrument(skip_all)]
pub async fn payments_list(
    store: &Store,
    payments: &Payments,
    who: Option<&Principal>,
    filter: &PaymentFilter,
    now: DateTime<Utc>,
) -> Result<PaymentList, ServiceError> {
    authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let (mut query, from, to) = query_of(&ctx, filter, now)?;
    query.limit = PaymentFilter::LIMIT + 1;
    // The payments and the moves are read at once (two connections).
    let (rows, moved) = tokio::try_join!(
        store.payments_page(&query),
        store.money_moved(query.restaurant_id, query.from, query.to),
    )?;
    let more = rows.len() > PaymentFilter::LIMIT as usize;
    let payments_out = rows
        .iter()
        .take(PaymentFilter::LIMIT as usize)
        .map(|r| staff_payment(&ctx, r))
        .collect::<Result<Vec<_>, _>>()?;
    let days = by_day(&ctx, moved);
    Ok(PaymentList {
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        currency: payments.currency().to_owned(),
        payments: payments_out,
        more,
        totals: PaymentTotals::of(&days),
        days,
    })
}

/// Moves of money added up by the restaurant's day they happened on.
pub(in crate::services::booking) fn by_day(
    ctx: &Context,
    moved: Vec<MoneyMoved>,
) -> Vec<PaymentDay> {
    let mut days: BTreeMap<String, PaymentDay> = BTreeMap::new();
    for m in moved {
        let date = ctx.local_date(m.at);
        let day = days.entry(date.clone()).or_insert_with(|| PaymentDay {
            date,
            ..PaymentDay::default()
        });
        match m.what {
            MoneyMove::Collected => day.collected_cents += m.amount_cents,
            MoneyMove::Refunded => day.refunded_cents += m.amount_cents,
            MoneyMove::Fee => day.fees_cents += m.amount_cents,
        }
    }
    days.into_values().collect()
}

/// A CSV file of payments, with the dates it covers (for its name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentsCsv {
    pub from: String,
    pub to: String,
    /// UTF-8 with a byte-order mark (for spreadsheets), a header line,
    /// CRLF line ends.
    pub text: String,
}

/// Every payment the filters match as CSV, amounts as `12.50`. Refused
/// (`to`: `too_many`) past [`PAYMENTS_CSV_LIMIT`] payments.
#[tracing::instrument(skip_all)]
pub async fn payments_csv(
    store: &Store,
    who: Option<&Principal>,
    filter: &PaymentFilter,
    now: DateTime<Utc>,
) -> Result<PaymentsCsv, ServiceError> {
    authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let (mut query, from, to) = query_of(&ctx, filter, now)?;
    query.limit = PAYMENTS_CSV_LIMIT + 1;
    let rows = store.payments_page(&query).await?;
    if rows.len() > PAYMENTS_CSV_LIMIT as usize {
        return Err(ServiceError::Refused {
            field: "to",
            reason: "too_many",
        });
    }
    let mut text = String::from("\u{feff}");
    text.push_str(PAYMENTS_CSV_HEADER);
    for row in &rows {
        csv_line(&mut text, &staff_payment(&ctx, row)?);
    }
    Ok(PaymentsCsv {
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        text,
    })
}

/// The filters in the store's terms, with the dates they cover.
fn query_of(
    ctx: &Context,
    filter: &PaymentFilter,
    now: DateTime<Utc>,
) -> Result<(PaymentListQuery, NaiveDate, NaiveDate), ServiceError> {
    let today = now.with_timezone(&ctx.tz).date_naive();
    let around = TimeDelta::days(PaymentFilter::DAYS_AROUND);
    let date = |d: Option<domain::Date>, field| match d {
        Some(d) => naive_date(d).map(Some).ok_or(ServiceError::Invalid(field)),
        None => Ok(None),
    };
    let (from, to) = match (date(filter.from, "from")?, date(filter.to, "to")?) {
        (Some(f), Some(t)) => (f, t),
        (Some(f), None) => (f, f + around * 2),
        (None, Some(t)) => (t - around * 2, t),
        (None, None) => (today - around, today + around),
    };
    if to < from || (to - from).num_days() > PaymentFilter::MAX_DAYS {
        return Err(ServiceError::Invalid("to"));
    }
    let midnight = |d: NaiveDate, field| {
        rules::local_to_utc(&ctx.tz, d, NaiveTime::MIN).ok_or(ServiceError::Invalid(field))
    };
    let after_to = to.succ_opt().ok_or(ServiceError::Invalid("to"))?;
    let query = PaymentListQuery {
        restaurant_id: ctx.restaurant.id,
        from: midnight(from, "from")?,
        to: midnight(after_to, "to")?,
        status: filter.status.map(PaymentStatus::as_str),
        kind: filter.kind.map(PaymentKind::as_str),
        limit: PaymentFilter::LIMIT,
    };
    Ok((query, from, to))
}

fn staff_payment(ctx: &Context, r: &PaymentListRow) -> Result<StaffPayment, ServiceError> {
    let corrupt = |what: &str| {
        ServiceError::from(crate::error::StoreError::corrupt(format!(
            "payment {what} of {}",
            r.reference
        )))
    };
    let local = r.starts_at.with_timezone(&ctx.tz);
    Ok(StaffPayment {
        reservation_id: r.reservation_id,
        reference: r.reference.clone(),
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
        guest: r.guest_name.clone(),
        party_size: u32::try_from(r.party_size).unwrap_or(0),
        kind: PaymentKind::parse(&r.kind).ok_or_else(|| corrupt("kind"))?,
        status: PaymentStatus::parse(&r.status).ok_or_else(|| corrupt("status"))?,
        amount_cents: r.amount_cents,
        paid_cents: r.paid_cents,
        refunded_cents: r.refunded_cents,
        fee_charged_cents: r.fee_charged_cents,
        currency: r.currency.clone(),
    })
}

fn csv_line(out: &mut String, p: &StaffPayment) {
    let fields = [
        p.reference.as_str(),
        &p.date,
        &p.time,
        &p.guest,
        &p.party_size.to_string(),
        p.kind.as_str(),
        p.status.as_str(),
        &price_input(p.amount_cents),
        &price_input(p.refunded_cents),
        &price_input(p.fee_charged_cents),
        &p.currency,
    ];
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_has_the_header_s_columns_and_no_formula() {
        let p = StaffPayment {
            reservation_id: 7,
            reference: "ABC123".into(),
            date: "2026-12-24".into(),
            time: "19:30".into(),
            guest: "=HYPERLINK(\"x\"), Ada".into(),
            party_size: 4,
            kind: PaymentKind::Deposit,
            status: PaymentStatus::Paid,
            amount_cents: 6000,
            paid_cents: 6000,
            refunded_cents: 1050,
            fee_charged_cents: 0,
            currency: "eur".into(),
        };
        let mut out = String::new();
        csv_line(&mut out, &p);
        assert_eq!(
            out,
            "ABC123,2026-12-24,19:30,\"'=HYPERLINK(\"\"x\"\"), Ada\",4,deposit,paid,\
             60.00,10.50,0.00,eur\r\n"
        );
        assert_eq!(PAYMENTS_CSV_HEADER.split(',').count(), 11);
    }
}
