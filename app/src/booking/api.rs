//! Server functions of the booking wizard: parse, call one service, answer.

// A form posts one argument per field; the generated client stub keeps
// them all, so the lint is silenced for the whole module.
#![allow(clippy::too_many_arguments)]

use super::{Calendar, DetailsForm, Review};
use crate::error::AppError;
use domain::{BookingPolicy, DaySlots};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    //! Boundary helpers shared by the booking and manage server functions.

    use super::super::Draft;
    use crate::error::AppError;
    use backend::services::booking as svc;
    use backend::Store;
    use chrono::NaiveDate;
    use domain::{DetailsError, GuestDetails, PartySize};
    use tower_sessions::Session;

    const DRAFT_KEY: &str = "booking.draft";

    /// Runs a server function's body and answers its error with the error's
    /// own HTTP status (422, 404, 409, ...) rather than 500: the session
    /// layer then still saves the draft, and the status says what happened.
    /// A plain form post (no JavaScript, `Accept: text/html`) keeps the
    /// redirect back to its page, which carries the error.
    pub async fn answer<T>(
        body: impl std::future::Future<Output = Result<T, AppError>>,
    ) -> Result<T, AppError> {
        let result = body.await;
        if let Err(error) = &result {
            let from_form =
                leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| {
                    p.headers
                        .get(http::header::ACCEPT)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|v| v.contains("text/html"))
                });
            if !from_form {
                crate::response::set_status(error.status());
            }
        }
        result
    }

    pub fn party(raw: i64) -> Result<PartySize, AppError> {
        PartySize::parse(raw).map_err(|e| AppError::InvalidInput {
            field: Some(e.field().to_owned()),
        })
    }

    pub fn party_str(raw: &str) -> Result<PartySize, AppError> {
        let n = raw
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::InvalidInput {
                field: Some(DetailsError::PartySize.field().to_owned()),
            })?;
        party(n)
    }

    /// Today at the restaurant (its own time zone).
    pub async fn today(store: &Store) -> Result<NaiveDate, AppError> {
        let info = backend::services::site::restaurant_info(store).await?;
        let tz: chrono_tz::Tz = info.time_zone.parse().map_err(|_| {
            tracing::error!(zone = %info.time_zone, "unknown restaurant time zone");
            AppError::Internal
        })?;
        Ok(backend::now().with_timezone(&tz).date_naive())
    }

    /// Every guest field at fault, in form order.
    pub fn detail_errors(name: &str, email: &str, phone: &str, notes: &str) -> Vec<String> {
        GuestDetails::errors(name, email, phone, notes)
            .into_iter()
            .map(|e| e.field().to_owned())
            .collect()
    }

    pub fn guest(draft: &Draft) -> Result<GuestDetails, AppError> {
        let fields = detail_errors(&draft.name, &draft.email, &draft.phone, &draft.notes);
        if !fields.is_empty() {
            return Err(AppError::InvalidFields { fields });
        }
        GuestDetails::parse(&draft.name, &draft.email, &draft.phone, &draft.notes).map_err(|e| {
            AppError::InvalidInput {
                field: Some(e.field().to_owned()),
            }
        })
    }

    pub async fn session() -> Result<Session, AppError> {
        leptos_axum::extract::<Session>().await.map_err(|e| {
            tracing::error!(error = %e, "no session");
            AppError::Internal
        })
    }

    fn session_error(e: tower_sessions::session::Error) -> AppError {
        tracing::error!(error = %e, "session store error");
        AppError::Unavailable
    }

    pub async fn load_draft(session: &Session) -> Result<Option<Draft>, AppError> {
        session.get::<Draft>(DRAFT_KEY).await.map_err(session_error)
    }

    pub async fn save_draft(session: &Session, draft: &Draft) -> Result<(), AppError> {
        session
            .insert(DRAFT_KEY, draft)
            .await
            .map_err(session_error)
    }

    pub async fn clear_draft(session: &Session) -> Result<(), AppError> {
        session
            .remove::<Draft>(DRAFT_KEY)
            .await
            .map(|_| ())
            .map_err(session_error)
    }

    /// Canonical `date`/`time` strings of a parsed slot.
    pub fn slot(date: &str, time: &str) -> Result<(NaiveDate, chrono::NaiveTime), AppError> {
        Ok((svc::parse_date(date)?, svc::parse_time(time)?))
    }
}

/// The policy for a party size (limits, notice, cut-off, deposit).
#[server(prefix = "/api/fn", endpoint = "booking_policy")]
pub async fn get_booking_policy(party: u32) -> Result<BookingPolicy, AppError> {
    ssr::answer(async move {
        let state = crate::state::app_state()?;
        let party = ssr::party(party.into())?;
        Ok(backend::services::booking::policy(&state.store, party).await?)
    })
    .await
}

/// Which days of a month can be booked (the month of today by default).
#[server(prefix = "/api/fn", endpoint = "booking_calendar")]
pub async fn booking_calendar(party: u32, month: Option<String>) -> Result<Calendar, AppError> {
    ssr::answer(async move {
        use backend::services::booking as svc;
        use chrono::{Datelike, Months, NaiveDate};

        let state = crate::state::app_state()?;
        let party = ssr::party(party.into())?;
        let today = ssr::today(&state.store).await?;
        let policy = svc::policy(&state.store, party).await?;
        let (year, month) = match month.as_deref().map(str::trim) {
            Some(m) if !m.is_empty() => svc::parse_month(m)?,
            _ => (today.year(), today.month()),
        };
        let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or(AppError::InvalidInput {
            field: Some("month".into()),
        })?;
        let this_month = today.with_day(1).unwrap_or(today);
        let last_day = today
            .checked_add_days(chrono::Days::new(policy.max_advance_days.into()))
            .unwrap_or(today);
        let days =
            svc::month_availability(&state.store, backend::now(), (year, month), party).await?;
        let prev = first
            .checked_sub_months(Months::new(1))
            .filter(|m| *m >= this_month);
        let next = first
            .checked_add_months(Months::new(1))
            .filter(|m| *m <= last_day);
        let fmt = |d: NaiveDate| d.format("%Y-%m").to_string();
        Ok(Calendar {
            month: days.month,
            today: today.format("%Y-%m-%d").to_string(),
            party_size: days.party_size,
            days: days.days,
            prev: prev.map(fmt),
            next: next.map(fmt),
        })
    })
    .await
}

/// The slots of one date for a party, grouped by service.
#[server(prefix = "/api/fn", endpoint = "booking_day")]
pub async fn booking_day(party: u32, date: String) -> Result<DaySlots, AppError> {
    ssr::answer(async move {
        use backend::services::booking as svc;
        let state = crate::state::app_state()?;
        let party = ssr::party(party.into())?;
        let date = svc::parse_date(&date)?;
        Ok(svc::day_availability(&state.store, backend::now(), date, party).await?)
    })
    .await
}

/// Step 2's form data: the draft (empty at first) and the policy.
#[server(prefix = "/api/fn", endpoint = "booking_details")]
pub async fn booking_details(party: u32) -> Result<DetailsForm, AppError> {
    ssr::answer(async move {
        let state = crate::state::app_state()?;
        let party = ssr::party(party.into())?;
        let session = ssr::session().await?;
        let draft = match ssr::load_draft(&session).await? {
            Some(draft) => draft,
            None => prefilled(&state.store, &session).await?,
        };
        let policy = backend::services::booking::policy(&state.store, party).await?;
        Ok(DetailsForm { draft, policy })
    })
    .await
}

/// An empty draft, with the signed-in user's name, e-mail and phone.
#[cfg(feature = "ssr")]
async fn prefilled(
    store: &backend::Store,
    session: &tower_sessions::Session,
) -> Result<super::Draft, AppError> {
    let who = crate::account::session::current_principal(session, store).await?;
    let Some(who) = who else {
        return Ok(super::Draft::default());
    };
    let user = backend::services::accounts::me(store, &who).await?;
    Ok(super::Draft {
        name: user.name,
        email: user.email,
        phone: user.phone,
        ..super::Draft::default()
    })
}

/// Step 2's submit: keeps what was typed, checks every field, and goes on
/// to step 3.
#[server(prefix = "/api/fn", endpoint = "booking_save_details")]
pub async fn save_details(
    party: String,
    date: String,
    time: String,
    name: String,
    email: String,
    phone: String,
    notes: String,
    consent: Option<String>,
) -> Result<(), AppError> {
    ssr::answer(async move {
        let party = ssr::party_str(&party)?;
        let (date, time) = ssr::slot(&date, &time)?;
        let draft = super::Draft {
            name,
            email,
            phone,
            notes,
            consent: consent.is_some_and(|c| !c.is_empty()),
        };
        let session = ssr::session().await?;
        ssr::save_draft(&session, &draft).await?;
        let mut fields = ssr::detail_errors(&draft.name, &draft.email, &draft.phone, &draft.notes);
        if !draft.consent {
            fields.push("consent".into());
        }
        if !fields.is_empty() {
            return Err(AppError::InvalidFields { fields });
        }
        leptos_axum::redirect(&format!(
            "/book/review?{}",
            super::slot_query(
                party.get(),
                &date.format("%Y-%m-%d").to_string(),
                &time.format("%H:%M").to_string()
            )
        ));
        Ok(())
    })
    .await
}

/// Step 3's data: the checked draft and the policy with the deposit.
#[server(prefix = "/api/fn", endpoint = "booking_review")]
pub async fn booking_review(party: u32) -> Result<Review, AppError> {
    ssr::answer(async move {
        let state = crate::state::app_state()?;
        let party = ssr::party(party.into())?;
        let session = ssr::session().await?;
        let draft = ssr::load_draft(&session)
            .await?
            .filter(|d| d.consent && ssr::guest(d).is_ok());
        let policy = backend::services::booking::policy(&state.store, party).await?;
        Ok(Review { draft, policy })
    })
    .await
}

/// Step 3's submit: books the table with the draft, in the page's language,
/// and goes on to the confirmation.
#[server(prefix = "/api/fn", endpoint = "booking_confirm")]
pub async fn confirm_booking(
    party: String,
    date: String,
    time: String,
    locale: String,
) -> Result<(), AppError> {
    ssr::answer(async move {
        use backend::services::booking as svc;
        let state = crate::state::app_state()?;
        let party = ssr::party_str(&party)?;
        let (date, time) = ssr::slot(&date, &time)?;
        let locale = domain::Locale::parse(&locale).unwrap_or_default();
        let session = ssr::session().await?;
        let draft = ssr::load_draft(&session)
            .await?
            .filter(|d| d.consent)
            .ok_or(AppError::InvalidInput {
                field: Some("details".into()),
            })?;
        let guest = ssr::guest(&draft)?;
        let booked = svc::book(
            &state.store,
            backend::now(),
            svc::BookingRequest {
                date,
                time,
                party,
                guest,
                locale,
            },
        )
        .await?;
        ssr::clear_draft(&session).await?;
        leptos_axum::redirect(&format!("/book/confirmation/{}", booked.manage_token));
        Ok(())
    })
    .await
}
