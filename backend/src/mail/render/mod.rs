//! Renders a [`MailJob`] into the subject, the plain text and HTML bodies,
//! and the `.ics` file of a booking e-mail, in the guest's language.
//!
//! All text that a guest typed (name, notes) and all restaurant data is
//! escaped in the HTML. The HTML of every e-mail carries schema.org
//! `FoodEstablishmentReservation` JSON-LD, so mail clients can show the
//! booking as a card.
//!
//! `words` holds every sentence in both languages, `text` the plain-text
//! body, `html` the HTML body (escaping and JSON-LD).

mod html;
mod text;
mod words;

pub use html::escape;
pub use words::long_date;

use super::{ics, MailJob, MailKind};
use chrono::{DateTime, Utc};
use domain::format_phone;
use html::html;
use text::text;
use words::Words;

/// A booking e-mail ready to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The calendar file (`METHOD:PUBLISH`), for confirmations and
    /// modifications.
    pub ics: Option<String>,
}

/// Renders `job`; links point to `public_url` (an origin, e.g.
/// `https://book.example.com`).
pub fn render(job: &MailJob, public_url: &str) -> RenderedMail {
    render_at(job, public_url, Utc::now())
}

/// [`render`] with the instant stamped into the calendar file.
pub fn render_at(job: &MailJob, public_url: &str, now: DateTime<Utc>) -> RenderedMail {
    let words = Words { locale: job.locale };
    let r = &job.reservation;
    let card = &job.restaurant;
    let origin = public_url.trim_end_matches('/');
    let manage = job
        .manage_token
        .as_deref()
        .map(|token| format!("{origin}/manage/{token}"));
    let action = match job.kind {
        MailKind::Confirmation | MailKind::Modification | MailKind::EmailChangeRequested => {
            Action::Manage(manage.clone())
        }
        MailKind::ConfirmEmail | MailKind::ConfirmBooking => Action::Confirm(
            job.proof_token
                .as_deref()
                .map(|token| format!("{origin}/manage/confirm/{token}")),
        ),
        MailKind::Cancellation => Action::BookAgain(format!("{origin}/")),
    };
    let date = long_date(&r.date, job.locale);
    let time = words.time(&r.time);
    let subject = format!(
        "{} · {} · {}",
        words.status_word(job.kind),
        card.name,
        words.at(&date, &time)
    );
    let facts = Facts {
        date,
        time,
        party: words.party(r.party_size),
        phone: format_phone(&card.phone),
    };
    let ics = match job.kind {
        MailKind::Confirmation | MailKind::Modification => calendar(job, now),
        _ => None,
    };
    RenderedMail {
        text: text(job, &words, &facts, &action),
        html: html(job, &words, &facts, &action, manage.as_deref(), &subject),
        subject,
        ics,
    }
}

/// What the e-mail asks the reader to do, with its link.
enum Action {
    /// Change or cancel the booking (manage link), within the cut-off.
    Manage(Option<String>),
    /// Prove the address (the proof's link), before it expires.
    Confirm(Option<String>),
    /// Book again (the site).
    BookAgain(String),
}

/// Values shown in both bodies, already formatted.
struct Facts {
    pub(super) date: String,
    pub(super) time: String,
    pub(super) party: String,
    pub(super) phone: String,
}

fn calendar(job: &MailJob, now: DateTime<Utc>) -> Option<String> {
    let parse = |s: &str| {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    };
    match (parse(&job.reservation.start), parse(&job.reservation.end)) {
        (Some(start), Some(end)) => Some(ics::event(
            &job.reservation,
            &job.restaurant,
            start,
            end,
            now,
        )),
        _ => {
            tracing::warn!(
                reference = %job.reservation.reference,
                "reservation times are not RFC 3339; sending without a calendar file"
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::RestaurantCard;
    use domain::Locale;
    use domain::{ReservationStatus, ReservationView};

    fn job(locale: Locale, kind: MailKind, token: Option<&str>) -> MailJob {
        MailJob {
            kind,
            locale,
            to: "ada@example.com".into(),
            reservation: ReservationView {
                reference: "ABCD2345".into(),
                status: if kind == MailKind::Cancellation {
                    ReservationStatus::Cancelled
                } else {
                    ReservationStatus::Confirmed
                },
                date: "2026-12-01".into(),
                time: "19:30".into(),
                start: "2026-12-01T19:30:00+01:00".into(),
                end: "2026-12-01T21:30:00+01:00".into(),
                party_size: 2,
                name: "Ada Lovelace".into(),
                email: "ada@example.com".into(),
                phone: "+33612345678".into(),
                notes: "Window table, please".into(),
                locale,
                can_change: true,
                cancel_cutoff_minutes: 120,
                pending_email: None,
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
            manage_link: token.is_some(),
            manage_token: token.map(str::to_owned),
            proof_id: None,
            proof_token: None,
            new_email: None,
            expires_in_minutes: None,
            staff_message: None,
        }
    }

    const TOKEN: &str = "tok_abcdefghijklmnopqrstuvwxyz0123456789";
    const URL: &str = "https://book.example.com";

    fn json_ld_of(html: &str) -> serde_json::Value {
        let open = "<script type=\"application/ld+json\">";
        let start = html.find(open).expect("JSON-LD script") + open.len();
        let end = start + html[start..].find("</script>").expect("script end");
        serde_json::from_str(&html[start..end]).expect("JSON-LD is JSON")
    }

    #[test]
    fn a_new_address_is_asked_without_the_guests_words_and_the_old_one_is_told() {
        let mut ask = job(Locale::En, MailKind::ConfirmEmail, None);
        ask.to = "new@example.net".into();
        ask.proof_token = Some("proof123".into());
        ask.expires_in_minutes = Some(24 * 60);
        let mail = render(&ask, URL);
        for body in [&mail.text, &mail.html] {
            assert!(
                body.contains("https://book.example.com/manage/confirm/proof123"),
                "{body}"
            );
            assert!(body.contains("24 hours"), "{body}");
            for private in ["Ada", "Window table", "ada@example.com"] {
                assert!(!body.contains(private), "{private} in {body}");
            }
        }
        assert!(mail.ics.is_none());

        let mut tell = job(Locale::Fr, MailKind::EmailChangeRequested, Some(TOKEN));
        tell.new_email = Some("mallory@evil.example".into());
        let mail = render(&tell, URL);
        assert!(mail.text.contains("ma•••@evil.example"), "{}", mail.text);
        assert!(!mail.text.contains("mallory@"), "{}", mail.text);
        assert!(mail.text.contains(&format!("{URL}/manage/{TOKEN}")));
        assert!(mail.text.contains("Bonjour Ada Lovelace"));
    }

    #[test]
    fn french_confirmation() {
        let m = render(&job(Locale::Fr, MailKind::Confirmation, Some(TOKEN)), URL);
        assert!(m.subject.contains("Réservation confirmée"), "{}", m.subject);
        assert!(m.subject.contains("Chez Margot"));
        let link = format!("{URL}/manage/{TOKEN}");
        for body in [&m.text, &m.html] {
            assert!(body.contains("mardi 1 décembre 2026"), "{body}");
            assert!(body.contains("19h30"));
            assert!(body.contains("2 personnes"));
            assert!(body.contains("ABCD2345"));
            assert!(body.contains("Ada Lovelace"));
            assert!(body.contains("Window table, please"));
            assert!(body.contains("12 rue des Martyrs"));
            assert!(body.contains("75009 Paris"));
            assert!(body.contains("+33 1 42 00 00 00"));
            assert!(
                body.contains("jusqu&#39;à 2 heures avant")
                    || body.contains("jusqu'à 2 heures avant")
            );
            assert!(body.contains(&link), "{body}");
        }
        assert!(m.html.contains("<html lang=\"fr\">"));
        assert!(m.text.contains("Bonjour Ada Lovelace,"));
    }

    #[test]
    fn english_confirmation() {
        let m = render(&job(Locale::En, MailKind::Confirmation, Some(TOKEN)), URL);
        assert!(m.subject.contains("Reservation confirmed"), "{}", m.subject);
        for body in [&m.text, &m.html] {
            assert!(body.contains("Tuesday 1 December 2026"), "{body}");
            assert!(body.contains("19:30"));
            assert!(body.contains("2 guests"));
            assert!(body.contains("until 2 hours before"));
            assert!(body.contains(&format!("{URL}/manage/{TOKEN}")));
        }
        assert!(m.html.contains("<html lang=\"en\">"));
        assert!(m.text.contains("Hello Ada Lovelace,"));
        assert!(!m.text.contains("personnes"));
    }

    #[test]
    fn link_only_with_a_token() {
        let m = render(&job(Locale::En, MailKind::Confirmation, None), URL);
        assert!(!m.text.contains("/manage/"));
        assert!(!m.html.contains("/manage/"));
        assert!(json_ld_of(&m.html).get("modifyReservationUrl").is_none());
        // A trailing slash on the origin does not double.
        let m = render(
            &job(Locale::En, MailKind::Modification, Some(TOKEN)),
            "https://book.example.com/",
        );
        assert!(m.text.contains(&format!("{URL}/manage/{TOKEN}")));
    }

    #[test]
    fn user_text_is_escaped_in_html() {
        let mut j = job(Locale::Fr, MailKind::Confirmation, Some(TOKEN));
        j.reservation.name = "<script>alert(\"x\")</script> & Co".into();
        j.reservation.notes = "Line 1\n<b>bold</b> 'quoted'".into();
        j.restaurant.name = "Chez <Margot> & fils".into();
        let m = render(&j, URL);
        assert!(!m.html.contains("<script>alert"));
        assert!(!m.html.contains("<b>bold"));
        assert!(!m.html.contains("<Margot>"));
        assert!(m
            .html
            .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"));
        assert!(m
            .html
            .contains("Line 1<br>&lt;b&gt;bold&lt;/b&gt; &#39;quoted&#39;"));
        assert!(m.html.contains("Chez &lt;Margot&gt; &amp; fils"));
        // Only the JSON-LD script element exists, and it ends where it should.
        assert_eq!(m.html.matches("</script>").count(), 1);
        assert_eq!(m.html.matches("<script").count(), 1);
        let ld = json_ld_of(&m.html);
        assert_eq!(
            ld["underName"]["name"],
            "<script>alert(\"x\")</script> & Co"
        );
        // The plain text keeps the text as typed.
        assert!(m.text.contains("<b>bold</b>"));
    }

    #[test]
    fn json_ld_describes_the_reservation() {
        let m = render(&job(Locale::En, MailKind::Confirmation, Some(TOKEN)), URL);
        let ld = json_ld_of(&m.html);
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "FoodEstablishmentReservation");
        assert_eq!(ld["reservationNumber"], "ABCD2345");
        assert_eq!(
            ld["reservationStatus"],
            "https://schema.org/ReservationConfirmed"
        );
        assert_eq!(ld["underName"]["@type"], "Person");
        assert_eq!(ld["underName"]["name"], "Ada Lovelace");
        assert_eq!(ld["reservationFor"]["@type"], "FoodEstablishment");
        assert_eq!(ld["reservationFor"]["name"], "Chez Margot");
        assert_eq!(ld["reservationFor"]["telephone"], "+33142000000");
        assert_eq!(
            ld["reservationFor"]["address"]["streetAddress"],
            "12 rue des Martyrs"
        );
        assert_eq!(ld["reservationFor"]["address"]["addressLocality"], "Paris");
        assert_eq!(ld["startTime"], "2026-12-01T19:30:00+01:00");
        assert_eq!(ld["partySize"], 2);
        assert_eq!(ld["modifyReservationUrl"], format!("{URL}/manage/{TOKEN}"));

        let m = render(&job(Locale::Fr, MailKind::Cancellation, None), URL);
        let ld = json_ld_of(&m.html);
        assert_eq!(
            ld["reservationStatus"],
            "https://schema.org/ReservationCancelled"
        );
        assert!(ld.get("modifyReservationUrl").is_none());
    }

    #[test]
    fn calendar_file_for_confirmation_and_modification() {
        for kind in [MailKind::Confirmation, MailKind::Modification] {
            let m = render(&job(Locale::Fr, kind, Some(TOKEN)), URL);
            let ics = m.ics.expect("calendar file");
            assert!(ics.contains("METHOD:PUBLISH\r\n"));
            assert!(ics.contains("DTSTART:20261201T183000Z\r\n"), "{ics}");
            assert!(ics.contains("DTEND:20261201T203000Z\r\n"));
            assert!(ics.contains("UID:ABCD2345@techplus"));
        }
        let m = render(&job(Locale::Fr, MailKind::Modification, Some(TOKEN)), URL);
        assert!(m.subject.contains("Réservation modifiée"));
        assert!(m.html.contains("ReservationConfirmed"));
    }

    #[test]
    fn cancellation() {
        for locale in [Locale::Fr, Locale::En] {
            let m = render(&job(locale, MailKind::Cancellation, None), URL);
            assert!(m.ics.is_none());
            assert!(!m.text.contains("/manage/"));
            assert!(!m.text.contains("avant") && !m.text.contains("before"));
        }
        let m = render(&job(Locale::Fr, MailKind::Cancellation, None), URL);
        assert!(m.subject.contains("Réservation annulée"));
        assert!(m.text.contains("annulée"));
        let m = render(&job(Locale::En, MailKind::Cancellation, None), URL);
        assert!(m.subject.contains("Reservation cancelled"));
        assert!(m.text.contains(&format!("{URL}/")));
    }

    #[test]
    fn a_cancellation_by_staff_carries_their_words_escaped() {
        let mut cancel = job(Locale::En, MailKind::Cancellation, None);
        cancel.staff_message = Some("Flooded <b>kitchen</b>,\nso sorry".into());
        let m = render(&cancel, URL);
        assert!(
            m.text.contains(
                "A message from the restaurant:\n  Flooded <b>kitchen</b>,\n  so sorry\n"
            ),
            "{}",
            m.text
        );
        assert!(
            m.html
                .contains("Flooded &lt;b&gt;kitchen&lt;/b&gt;,<br>so sorry"),
            "{}",
            m.html
        );
        // Without one, no empty heading.
        let m = render(&job(Locale::Fr, MailKind::Cancellation, None), URL);
        assert!(!m.text.contains("Message du restaurant"));
        assert!(!m.html.contains("Message du restaurant"));
    }

    #[test]
    fn dates_and_cutoffs() {
        assert_eq!(long_date("2026-12-01", Locale::Fr), "mardi 1 décembre 2026");
        assert_eq!(
            long_date("2026-12-01", Locale::En),
            "Tuesday 1 December 2026"
        );
        assert_eq!(long_date("2027-08-15", Locale::Fr), "dimanche 15 août 2027");
        assert_eq!(long_date("soon", Locale::En), "soon");
        let fr = Words { locale: Locale::Fr };
        let en = Words { locale: Locale::En };
        assert_eq!(en.until(60), "until 1 hour before");
        assert_eq!(en.until(90), "until 90 minutes before");
        assert_eq!(fr.until(1440), "jusqu'à 24 heures avant");
        assert_eq!(fr.party(1), "1 personne");
        assert_eq!(en.party(1), "1 guest");
    }
}
