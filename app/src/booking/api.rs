//! Server functions of the booking wizard: parse, call one service, answer.

// A form posts one argument per field; the generated client stub keeps
// them all, so the lint is silenced for the whole module.
#![allow(clippy::too_many_arguments)]

use super::{Calendar, DetailsForm, PaymentScreen, Review};
use crate::error::AppError;
use domain::{BookingPolicy, DaySlots, ReservationView};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::Draft,
    crate::ssr::{call, input, session, Ctx},
    backend::services::booking as svc,
};

/// Where the guest's details wait between steps 2 and 3.
#[cfg(feature = "ssr")]
const DRAFT_KEY: &str = "booking.draft";

/// Where a booking waiting for its payment is kept in the visitor's
/// session (the way back from Stripe reads it too).
#[cfg(feature = "ssr")]
pub const PAYING_KEY: &str = "booking.paying";

/// A booking waiting for its payment: its reference, and the manage token
/// the confirmation page opens once paid.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Paying {
    pub reference: String,
    pub manage_token: String,
}

/// The policy for a party size (limits, notice, cut-off, deposit).
#[server(prefix = "/api/fn", endpoint = "booking_policy")]
pub async fn get_booking_policy(party: u32) -> Result<BookingPolicy, AppError> {
    call(|cx| async move {
        let party = input::party(party.into())?;
        Ok(svc::policy(cx.store(), cx.payments(), party, None, backend::now()).await?)
    })
    .await
}

/// Which days of a month can be booked (the month of today by default).
#[server(prefix = "/api/fn", endpoint = "booking_calendar")]
pub async fn booking_calendar(party: u32, month: Option<String>) -> Result<Calendar, AppError> {
    call(|cx| async move {
        use chrono::{Datelike, Months, NaiveDate};

        let party = input::party(party.into())?;
        let today = cx.today().await?;
        let policy = svc::policy(cx.store(), cx.payments(), party, None, backend::now()).await?;
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
            svc::month_availability(cx.store(), backend::now(), (year, month), party).await?;
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
    call(|cx| async move {
        let party = input::party(party.into())?;
        let date = svc::parse_date(&date)?;
        Ok(svc::day_availability(cx.store(), backend::now(), date, party).await?)
    })
    .await
}

/// Step 2's form data: the draft (empty at first) and the policy.
#[server(prefix = "/api/fn", endpoint = "booking_details")]
pub async fn booking_details(party: u32) -> Result<DetailsForm, AppError> {
    call(|cx| async move {
        let party = input::party(party.into())?;
        let session = cx.session().await?;
        let draft = match session::load_draft::<Draft>(&session, DRAFT_KEY).await? {
            Some(draft) => draft,
            None => prefilled(&cx).await?,
        };
        let policy = svc::policy(cx.store(), cx.payments(), party, None, backend::now()).await?;
        Ok(DetailsForm { draft, policy })
    })
    .await
}

/// An empty draft, with the signed-in user's name, e-mail and phone.
#[cfg(feature = "ssr")]
async fn prefilled(cx: &Ctx) -> Result<Draft, AppError> {
    let Some(who) = cx.caller().await? else {
        return Ok(Draft::default());
    };
    let user = backend::services::accounts::me(cx.store(), &who).await?;
    Ok(Draft {
        name: user.name,
        email: user.email,
        phone: user.phone,
        ..Draft::default()
    })
}

/// The longest phone number kept in a draft (E.164 has at most 15 digits;
/// room for spaces and punctuation as typed).
#[cfg(feature = "ssr")]
const PHONE_MAX_CHARS: usize = 32;

/// `text` cut to its first `max` characters.
#[cfg(feature = "ssr")]
fn bounded(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => text[..end].to_owned(),
        None => text,
    }
}

/// Step 2's submit: checks every field, keeps what was typed (within the
/// fields' limits), and goes on to step 3.
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
    call(|cx| async move {
        let party = input::party_str(&party)?;
        let (date, time) = input::slot(&date, &time)?;
        let mut fields = input::detail_errors(&name, &email, &phone, &notes);
        let consent = consent.is_some_and(|c| !c.is_empty());
        if !consent {
            fields.push(domain::FieldError::new("consent", "required"));
        }
        // What is kept for the next step (or to fill the form in again after
        // an error) is cut to the fields' limits: a visitor's session never
        // holds more than a valid form's worth.
        let draft = Draft {
            name: bounded(name, domain::GuestName::MAX_CHARS),
            email: bounded(email, domain::Email::MAX_LEN),
            phone: bounded(phone, PHONE_MAX_CHARS),
            notes: bounded(notes, domain::Notes::MAX_CHARS),
            consent,
        };
        let session = cx.session().await?;
        session::save_draft(&session, DRAFT_KEY, &draft).await?;
        input::check(fields)?;
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

/// Step 3's data: the checked draft and the policy, with what this slot
/// will be asked to pay.
#[server(prefix = "/api/fn", endpoint = "booking_review")]
pub async fn booking_review(party: u32, date: String, time: String) -> Result<Review, AppError> {
    call(|cx| async move {
        let party = input::party(party.into())?;
        let slot = input::slot(&date, &time).ok();
        let session = cx.session().await?;
        let draft = session::load_draft::<Draft>(&session, DRAFT_KEY)
            .await?
            .filter(|d| d.consent && guest(d).is_ok());
        let policy = svc::policy(cx.store(), cx.payments(), party, slot, backend::now()).await?;
        Ok(Review { draft, policy })
    })
    .await
}

#[cfg(feature = "ssr")]
fn guest(draft: &Draft) -> Result<domain::GuestDetails, AppError> {
    input::guest(&draft.name, &draft.email, &draft.phone, &draft.notes)
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
    call(|cx| async move {
        let party = input::party_str(&party)?;
        let (date, time) = input::slot(&date, &time)?;
        let locale = input::locale(&locale);
        let session = cx.session().await?;
        let draft = session::load_draft::<Draft>(&session, DRAFT_KEY)
            .await?
            .filter(|d| d.consent)
            .ok_or(AppError::InvalidInput {
                field: Some("details".into()),
            })?;
        let guest = guest(&draft)?;
        let booked = svc::book(
            cx.store(),
            cx.payments(),
            backend::now(),
            svc::BookingRequest {
                date,
                time,
                party,
                guest,
                locale,
            },
            cx.state.guest_booking_limit,
        )
        .await?;
        session::clear_draft::<Draft>(&session, DRAFT_KEY).await?;
        if booked.payment_url.is_some() {
            // Paying: the booking holds its table meanwhile. The payment
            // page (and the way back from Stripe) find it in this visitor's
            // session only.
            let reference = booked.reservation.reference.clone();
            session::save_draft(
                &session,
                PAYING_KEY,
                &Paying {
                    reference: reference.clone(),
                    manage_token: booked.manage_token,
                },
            )
            .await?;
            leptos_axum::redirect(&format!("/book/payment?reference={reference}"));
        } else {
            leptos_axum::redirect(&format!("/book/confirmation/{}", booked.manage_token));
        }
        Ok(())
    })
    .await
}

/// The booking just made, for its confirmation page (by its manage token).
#[server(prefix = "/api/fn", endpoint = "booking_confirmation")]
pub async fn booking_confirmation(token: String) -> Result<ReservationView, AppError> {
    call(|cx| async move { Ok(svc::by_token(cx.store(), backend::now(), &token).await?) }).await
}

/// The visitor's booking waiting for (or done with) its payment, found in
/// this visitor's session only: a reference alone opens nothing.
#[cfg(feature = "ssr")]
async fn paying(cx: &Ctx, reference: &str) -> Result<Paying, AppError> {
    let session = cx.session().await?;
    session::load_draft::<Paying>(&session, PAYING_KEY)
        .await?
        .filter(|p| !reference.is_empty() && p.reference == reference)
        .ok_or(AppError::NotFound)
}

/// The payment page's data: the booking, its payment and, while the hold
/// lasts, where to pay and until when.
#[server(prefix = "/api/fn", endpoint = "booking_payment")]
pub async fn booking_payment(reference: String) -> Result<PaymentScreen, AppError> {
    call(|cx| async move {
        use domain::PaymentStatus;

        let paying = paying(&cx, &reference).await?;
        let now = backend::now();
        let page = svc::pending(cx.store(), &reference, now).await?;
        let status = page.reservation.payment.as_ref().map(|p| p.status);
        let until = page
            .reservation
            .payment
            .as_ref()
            .filter(|p| p.status == PaymentStatus::Pending)
            .and_then(|p| p.hold_until.as_deref())
            .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok());
        let (held_until, seconds_left) = match until {
            Some(until) => {
                let info = backend::services::site::restaurant_info(cx.store()).await?;
                let tz: chrono_tz::Tz = info.time_zone.parse().map_err(|_| AppError::Internal)?;
                (
                    Some(until.with_timezone(&tz).format("%H:%M").to_string()),
                    Some(
                        (until.with_timezone(&chrono::Utc) - now)
                            .num_seconds()
                            .max(0),
                    ),
                )
            }
            None => (None, None),
        };
        let done = matches!(
            status,
            Some(PaymentStatus::Paid | PaymentStatus::CardSaved | PaymentStatus::FeeCharged)
        );
        Ok(PaymentScreen {
            page,
            held_until,
            seconds_left,
            manage_token: done.then_some(paying.manage_token),
        })
    })
    .await
}

/// "Cancel and release the table": the guest gives up paying, the table
/// is free again at once; back to the payment page, which says so.
#[server(prefix = "/api/fn", endpoint = "booking_payment_abandon")]
pub async fn abandon_payment(reference: String) -> Result<(), AppError> {
    call(|cx| async move {
        let paying = paying(&cx, &reference).await?;
        svc::abandon(cx.store(), cx.payments(), &paying.reference, backend::now()).await?;
        leptos_axum::redirect(&format!("/book/payment?reference={}", paying.reference));
        Ok(())
    })
    .await
}
