//! The restaurant's settings: its page, the booking rules, the weekly
//! hours and their exceptions, and the audit log. Staff may read them (the
//! host stand answers the phone with them); admins change them. A change
//! takes effect on the next availability request of every server process
//! (the store's writes move the setup version), is recorded in the audit
//! log with the change itself, and never cancels a booking: bookings to
//! come that fall outside the new hours are listed for staff to handle.

use crate::services::authz::{authorize, Action, Principal};
use crate::services::booking::naive_date;
use crate::services::ServiceError;
use crate::store::{HoursClash, Store};
use chrono::{DateTime, Utc};
use domain::{
    AuditPage, Date, ExceptionForm, OutsideBooking, RestaurantForm, RulesForm, Settings, TimeOfDay,
    WeeklyForm,
};

/// Lines of the audit log per page.
pub const AUDIT_PAGE: u32 = 50;

async fn restaurant_id(store: &Store) -> Result<i64, ServiceError> {
    Ok(store.setup().await?.restaurant.id)
}

/// The restaurant's date at `now`.
pub(super) async fn today(store: &Store, now: DateTime<Utc>) -> Result<Date, ServiceError> {
    use chrono::Datelike;
    let tz = store.setup().await?.booking.rules.time_zone;
    let d = now.with_timezone(&tz).date_naive();
    Date::from_ymd(d.year(), d.month(), d.day()).map_err(|_| ServiceError::Invalid("today"))
}

/// The bookings to come whose time no longer falls within a service of
/// their day (a closed day, or hours that no longer cover them).
#[tracing::instrument(skip_all)]
pub async fn bookings_outside_hours(
    store: &Store,
    now: DateTime<Utc>,
) -> Result<Vec<OutsideBooking>, ServiceError> {
    let setup = store.setup().await?;
    let rules = &setup.booking.rules;
    let tz = rules.time_zone;
    let upcoming = store.upcoming_bookings(setup.restaurant.id, now).await?;
    let mut out = Vec::new();
    for b in upcoming {
        let local = b.starts_at.with_timezone(&tz);
        let (date, time) = (local.date_naive(), local.time());
        if rules.periods_on(date).iter().any(|p| p.contains(time)) {
            continue;
        }
        use chrono::{Datelike, Timelike};
        let (Ok(day), Ok(at)) = (
            Date::from_ymd(date.year(), date.month(), date.day()),
            TimeOfDay::from_minutes(i64::from(time.hour() * 60 + time.minute())),
        ) else {
            continue;
        };
        out.push(OutsideBooking {
            id: b.id,
            reference: b.reference,
            guest_name: b.guest_name,
            date: day,
            time: at,
            party_size: u32::try_from(b.party_size).unwrap_or(0),
        });
    }
    Ok(out)
}

/// Everything on the settings screen. Staff and admins.
#[tracing::instrument(skip_all)]
pub async fn settings(
    store: &Store,
    who: Option<&Principal>,
    now: DateTime<Utc>,
) -> Result<Settings, ServiceError> {
    authorize(who, Action::RunService)?;
    let id = restaurant_id(store).await?;
    let today = today(store, now).await?;
    let (restaurant, rules, hours, exceptions, outside) = tokio::try_join!(
        async { store.restaurant_page(id).await.map_err(ServiceError::from) },
        async { store.booking_rules(id).await.map_err(ServiceError::from) },
        async { store.weekly_periods(id).await.map_err(ServiceError::from) },
        async {
            store
                .hours_exceptions(id, today)
                .await
                .map_err(ServiceError::from)
        },
        bookings_outside_hours(store, now),
    )?;
    Ok(Settings {
        restaurant,
        rules,
        hours,
        exceptions,
        outside,
    })
}

/// Changes the restaurant's page. Admins only.
#[tracing::instrument(skip_all)]
pub async fn update_restaurant(
    store: &Store,
    who: Option<&Principal>,
    form: &RestaurantForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let id = restaurant_id(store).await?;
    Ok(store
        .update_restaurant_page(id, form, Some(admin.user_id), now)
        .await?)
}

/// Changes the booking rules. Admins only.
#[tracing::instrument(skip_all)]
pub async fn update_rules(
    store: &Store,
    who: Option<&Principal>,
    form: &RulesForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let id = restaurant_id(store).await?;
    Ok(store
        .update_booking_rules(id, form, Some(admin.user_id), now)
        .await?)
}

/// Sets a service's hours on some weekdays; the bookings to come that
/// now fall outside the hours. A service that would share time with
/// another on one of those days is refused on `opens` (`overlaps`), and
/// nothing changes. Admins only.
#[tracing::instrument(skip_all)]
pub async fn set_hours(
    store: &Store,
    who: Option<&Principal>,
    form: &WeeklyForm,
    now: DateTime<Utc>,
) -> Result<Vec<OutsideBooking>, ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let id = restaurant_id(store).await?;
    match store
        .set_weekly_hours(id, form, Some(admin.user_id), now)
        .await?
    {
        Ok(()) => bookings_outside_hours(store, now).await,
        Err(HoursClash::Overlaps(_)) => Err(ServiceError::Refused {
            field: "opens",
            reason: "overlaps",
        }),
    }
}

/// Removes a weekly service; the bookings to come now outside the hours.
/// Admins only.
#[tracing::instrument(skip_all)]
pub async fn delete_hours(
    store: &Store,
    who: Option<&Principal>,
    period_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<OutsideBooking>, ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let id = restaurant_id(store).await?;
    if !store
        .delete_weekly_period(id, period_id, Some(admin.user_id), now)
        .await?
    {
        return Err(ServiceError::NotFound);
    }
    bookings_outside_hours(store, now).await
}

/// A new exception (not starting before today at the restaurant); its id
/// and the bookings to come now outside the hours. Admins only.
#[tracing::instrument(skip_all)]
pub async fn create_exception(
    store: &Store,
    who: Option<&Principal>,
    form: &ExceptionForm,
    now: DateTime<Utc>,
) -> Result<(i64, Vec<OutsideBooking>), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    if form.from < today(store, now).await? {
        return Err(ServiceError::Refused {
            field: "from",
            reason: "past",
        });
    }
    if let Some(hours) = &form.hours {
        crate::store::period_hours(hours).map_err(|_| ServiceError::Invalid("hours.opens"))?;
    }
    naive_date(form.from).ok_or(ServiceError::Invalid("from"))?;
    let id = restaurant_id(store).await?;
    let created = store
        .create_hours_exception(id, form, Some(admin.user_id), now)
        .await?;
    Ok((created, bookings_outside_hours(store, now).await?))
}

/// Removes an exception; the bookings to come now outside the hours.
/// Admins only.
#[tracing::instrument(skip_all)]
pub async fn delete_exception(
    store: &Store,
    who: Option<&Principal>,
    exception_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<OutsideBooking>, ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let id = restaurant_id(store).await?;
    if !store
        .delete_hours_exception(id, exception_id, Some(admin.user_id), now)
        .await?
    {
        return Err(ServiceError::NotFound);
    }
    bookings_outside_hours(store, now).await
}

/// A page of the audit log, newest first, older than `before`. Admins only.
#[tracing::instrument(skip_all)]
pub async fn audit_log(
    store: &Store,
    who: Option<&Principal>,
    before: Option<i64>,
) -> Result<AuditPage, ServiceError> {
    authorize(who, Action::ManageSetup)?;
    let id = restaurant_id(store).await?;
    let mut entries = store.audit_log(id, before, AUDIT_PAGE + 1).await?;
    let next = if entries.len() > AUDIT_PAGE as usize {
        entries.truncate(AUDIT_PAGE as usize);
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok(AuditPage { entries, next })
}
