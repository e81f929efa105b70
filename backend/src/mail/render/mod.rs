//! Renders a [`MailJob`] into the subject, the plain text and HTML bodies,
//! and the `.ics` file of a booking e-mail, in the guest's language.
//!
//! All text that a guest typed (name, notes) and all restaurant data is
//! escaped in the HTML. The HTML of every e-mail carries schema.org
//! `FoodEstablishmentReservation` JSON-LD, so mail clients can show the
//! booking as a card.
//!
//! `words` holds every sentence in both languages (`payment` those about a
//! booking's deposit or card guarantee), `text` the plain-text body, `html`
//! the HTML body (escaping and JSON-LD).

mod html;
mod payment;
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
        MailKind::Cancellation | MailKind::PaymentRefunded => {
            Action::BookAgain(format!("{origin}/"))
        }
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
        payment: words.payment_notes(job),
    };
    // No "modify" link on the card of a booking that is gone, even if a
    // token was minted.
    let card_link = match &action {
        Action::BookAgain(_) => None,
        Action::Manage(_) | Action::Confirm(_) => manage.as_deref(),
    };
    let ics = match job.kind {
        MailKind::Confirmation | MailKind::Modification => calendar(job, now),
        _ => None,
    };
    RenderedMail {
        text: text(job, &words, &facts, &action),
        html: html(job, &words, &facts, &action, card_link, &subject),
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
    /// What the e-mail says of the booking's payment, sentence by sentence.
    pub(super) payment: Vec<String>,
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
    use domain::{PaymentKind, PaymentStatus, PaymentTerms, PaymentView};
    use domain::{ReservationStatus, ReservationView};

    fn job(locale: Locale, kind: MailKind, token: Option<&str>) -> MailJob {
        MailJob {
            kind,
            locale,
            to: "ada@example.com".into(),
            reservation: ReservationView {
                reference: "ABCD2345".into(),
                status: if matches!(kind, MailKind::Cancellation | MailKind::PaymentRefunded) {
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
            manage_link: token.is_some(),
            manage_token: token.map(str::to_owned),
            proof_id: None,
            proof_token: None,
            new_email: None,
            expires_in_minutes: None,
            staff_message: None,
            payment_terms: None,
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

    fn payment(kind: PaymentKind, status: PaymentStatus, amount_cents: i64) -> PaymentView {
        PaymentView {
            kind,
            status,
            amount_cents,
            currency: "eur".into(),
            refunded_cents: 0,
            fee_charged_cents: 0,
            hold_until: None,
        }
    }

    fn terms(kind: PaymentKind, amount_cents: i64, late_refund_percent: u32) -> PaymentTerms {
        PaymentTerms {
            kind,
            amount_cents,
            currency: "eur".into(),
            hold_minutes: 10,
            refund_cutoff_minutes: 48 * 60,
            late_refund_percent,
        }
    }

    /// `sentence` is in the text as written and in the HTML escaped.
    fn says(m: &RenderedMail, sentence: &str) {
        assert!(m.text.contains(sentence), "{sentence:?} not in\n{}", m.text);
        assert!(
            m.html.contains(&escape(sentence)),
            "{sentence:?} not in\n{}",
            m.html
        );
    }

    fn never_says(m: &RenderedMail, words: &[&str]) {
        for w in words {
            assert!(!m.text.contains(w), "{w:?} in\n{}", m.text);
            assert!(!m.html.contains(w), "{w:?} in\n{}", m.html);
        }
    }

    /// Words only the payment sentences use.
    const PAYMENT_WORDS: [&str; 12] = [
        "€",
        "EUR",
        "Deposit",
        "deposit",
        "Acompte",
        "acompte",
        "refund",
        "rembours",
        "card",
        "carte",
        "guarantee",
        "garantie",
    ];

    #[test]
    fn a_confirmation_tells_the_deposit_paid_and_the_refund_rule() {
        for kind in [MailKind::Confirmation, MailKind::Modification] {
            let mut en = job(Locale::En, kind, Some(TOKEN));
            en.reservation.payment =
                Some(payment(PaymentKind::Deposit, PaymentStatus::Paid, 12000));
            en.payment_terms = Some(terms(PaymentKind::Deposit, 12000, 50));
            let m = render(&en, URL);
            says(&m, "Deposit paid: €120.00.");
            says(
                &m,
                "Cancel up to 48 hours before the meal: the deposit is refunded in full. \
                 Later: 50% is refunded.",
            );
            // The online change cut-off is still told, apart.
            assert!(m.text.contains("until 2 hours before"));

            let mut fr = job(Locale::Fr, kind, Some(TOKEN));
            fr.reservation.payment =
                Some(payment(PaymentKind::Deposit, PaymentStatus::Paid, 12000));
            fr.payment_terms = Some(terms(PaymentKind::Deposit, 12000, 50));
            let m = render(&fr, URL);
            says(&m, "Acompte versé : 120,00\u{a0}€.");
            says(
                &m,
                "Annulation jusqu'à 48 heures avant le repas : l'acompte est remboursé en entier. \
                 Plus tard : 50\u{a0}% de l'acompte est remboursé.",
            );
        }

        // Nothing back after the cut-off.
        let mut en = job(Locale::En, MailKind::Confirmation, Some(TOKEN));
        en.reservation.payment = Some(payment(PaymentKind::Deposit, PaymentStatus::Paid, 12000));
        en.payment_terms = Some(terms(PaymentKind::Deposit, 12000, 0));
        says(&render(&en, URL), "Later: it is not refunded.");
        let mut fr = en.clone();
        fr.locale = Locale::Fr;
        let m = render(&fr, URL);
        says(&m, "Plus tard : il n'est pas remboursé.");
        assert!(!m.text.contains("%"), "{}", m.text);
    }

    #[test]
    fn a_confirmation_tells_the_card_guarantee_and_what_a_late_cancellation_costs() {
        let mut en = job(Locale::En, MailKind::Confirmation, Some(TOKEN));
        en.reservation.payment = Some(payment(
            PaymentKind::Guarantee,
            PaymentStatus::CardSaved,
            6000,
        ));
        en.payment_terms = Some(terms(PaymentKind::Guarantee, 6000, 0));
        let m = render(&en, URL);
        says(
            &m,
            "Card saved as a guarantee: a no-show or a late cancellation costs €60.00.",
        );
        says(
            &m,
            "Cancel up to 48 hours before the meal: nothing is charged.",
        );
        never_says(&m, &["Deposit", "refunded"]);

        let mut fr = en.clone();
        fr.locale = Locale::Fr;
        let m = render(&fr, URL);
        says(
            &m,
            "Carte enregistrée en garantie : une absence ou une annulation tardive coûte 60,00\u{a0}€.",
        );
        says(
            &m,
            "Annulation jusqu'à 48 heures avant le repas : rien n'est débité.",
        );
    }

    #[test]
    fn terms_are_told_only_with_the_payment_they_rule() {
        // Terms without a payment, or of another kind, or once refunded:
        // no rule is told.
        let mut j = job(Locale::En, MailKind::Confirmation, Some(TOKEN));
        j.payment_terms = Some(terms(PaymentKind::Deposit, 12000, 50));
        never_says(&render(&j, URL), &PAYMENT_WORDS);
        j.reservation.payment = Some(payment(
            PaymentKind::Guarantee,
            PaymentStatus::CardSaved,
            6000,
        ));
        never_says(&render(&j, URL), &["Cancel up to", "deposit"]);
        let mut refunded = payment(PaymentKind::Deposit, PaymentStatus::Refunded, 12000);
        refunded.refunded_cents = 12000;
        j.reservation.payment = Some(refunded);
        let m = render(&j, URL);
        says(&m, "Deposit refunded to your card: €120.00.");
        never_says(&m, &["Cancel up to", "Deposit paid"]);
    }

    #[test]
    fn a_cancellation_tells_what_was_refunded() {
        let mut paid = payment(PaymentKind::Deposit, PaymentStatus::Refunded, 12000);
        paid.refunded_cents = 12000;
        let mut en = job(Locale::En, MailKind::Cancellation, None);
        en.reservation.payment = Some(paid);
        let m = render(&en, URL);
        says(
            &m,
            "€120.00 has been refunded to your card (it can take 5 to 10 days to show).",
        );
        never_says(&m, &["keeps"]);
        let mut fr = en.clone();
        fr.locale = Locale::Fr;
        says(
            &render(&fr, URL),
            "Remboursement de 120,00\u{a0}€ effectué sur votre carte \
             (il peut falloir 5 à 10 jours pour le voir apparaître).",
        );
    }

    #[test]
    fn a_late_cancellation_tells_the_refund_under_way_and_what_is_kept() {
        // Written with the cancellation, before the refund is made: the
        // view says what cancelling refunds.
        let mut en = job(Locale::En, MailKind::Cancellation, None);
        en.reservation.payment = Some(payment(PaymentKind::Deposit, PaymentStatus::Paid, 12000));
        en.reservation.refund_if_cancelled_cents = Some(6000);
        let m = render(&en, URL);
        says(
            &m,
            "€60.00 is being refunded to your card (it can take 5 to 10 days to show).",
        );
        says(
            &m,
            "The restaurant keeps €60.00 of your deposit of €120.00.",
        );
        let mut fr = en.clone();
        fr.locale = Locale::Fr;
        let m = render(&fr, URL);
        says(
            &m,
            "Remboursement de 60,00\u{a0}€ en cours sur votre carte \
             (il peut falloir 5 à 10 jours pour le voir apparaître).",
        );
        says(
            &m,
            "Le restaurant conserve 60,00\u{a0}€ de votre acompte de 120,00\u{a0}€.",
        );

        // Nothing refunded: all of it kept, no refund sentence.
        en.reservation.refund_if_cancelled_cents = Some(0);
        let m = render(&en, URL);
        says(&m, "The restaurant keeps your deposit of €120.00.");
        never_says(&m, &["refunded"]);
        fr.reservation.refund_if_cancelled_cents = Some(0);
        says(
            &render(&fr, URL),
            "Le restaurant conserve votre acompte de 120,00\u{a0}€.",
        );

        // The refund unknown: nothing is said to be kept.
        en.reservation.refund_if_cancelled_cents = None;
        never_says(&render(&en, URL), &PAYMENT_WORDS);
    }

    #[test]
    fn a_payment_after_the_hold_was_released_is_told_refunded() {
        let mut paid = payment(PaymentKind::Deposit, PaymentStatus::Refunded, 12000);
        paid.refunded_cents = 12000;
        let mut en = job(Locale::En, MailKind::PaymentRefunded, Some(TOKEN));
        en.reservation.payment = Some(paid);
        let m = render(&en, URL);
        assert!(
            m.subject.starts_with("Payment refunded · Chez Margot · "),
            "{}",
            m.subject
        );
        says(&m, "Your payment arrived after your table was released");
        says(&m, "the table was taken in the meantime");
        says(
            &m,
            "Your payment of €120.00 has been refunded in full to your card \
             (it can take 5 to 10 days to show).",
        );
        // Book again, not manage; no calendar file.
        assert!(
            m.text.contains(&format!("Book again: {URL}/")),
            "{}",
            m.text
        );
        assert!(m
            .html
            .contains(&format!("<a href=\"{URL}/\">Book again</a>")));
        never_says(&m, &["/manage/", "change or cancel"]);
        assert!(m.ics.is_none());
        assert_eq!(
            json_ld_of(&m.html)["reservationStatus"],
            "https://schema.org/ReservationCancelled"
        );

        let mut fr = en.clone();
        fr.locale = Locale::Fr;
        let m = render(&fr, URL);
        assert!(
            m.subject.starts_with("Paiement remboursé · Chez Margot · "),
            "{}",
            m.subject
        );
        says(
            &m,
            "Votre paiement est arrivé après la libération de votre table",
        );
        says(&m, "elle a été prise entre-temps");
        says(
            &m,
            "Votre paiement de 120,00\u{a0}€ vous a été remboursé en entier sur votre carte \
             (il peut falloir 5 à 10 jours pour le voir apparaître).",
        );
        assert!(
            m.text.contains(&format!("Réserver à nouveau : {URL}/")),
            "{}",
            m.text
        );
    }

    #[test]
    fn without_a_payment_nothing_about_payments_is_said() {
        for locale in [Locale::Fr, Locale::En] {
            for kind in [
                MailKind::Confirmation,
                MailKind::Modification,
                MailKind::Cancellation,
                MailKind::ConfirmEmail,
                MailKind::EmailChangeRequested,
                MailKind::ConfirmBooking,
            ] {
                let mut j = job(locale, kind, Some(TOKEN));
                j.proof_token = Some("proof123".into());
                j.new_email = Some("new@example.net".into());
                j.expires_in_minutes = Some(60);
                never_says(&render(&j, URL), &PAYMENT_WORDS);
                // A payment that lapsed is not told either.
                j.reservation.payment =
                    Some(payment(PaymentKind::Deposit, PaymentStatus::Expired, 12000));
                never_says(&render(&j, URL), &PAYMENT_WORDS);
            }
        }
    }

    #[test]
    fn money_in_the_payments_currency() {
        let fr = Words { locale: Locale::Fr };
        let en = Words { locale: Locale::En };
        assert_eq!(en.money(12000, "eur"), "€120.00");
        assert_eq!(fr.money(12050, "EUR"), "120,50\u{a0}€");
        assert_eq!(en.money(6005, "usd"), "60.05 USD");
        assert_eq!(fr.money(6005, "chf"), "60,05\u{a0}CHF");
    }

    #[test]
    fn jobs_stored_before_payments_still_read() {
        let j = job(Locale::En, MailKind::Confirmation, None);
        let stored = j.to_json();
        assert!(!stored.contains("payment"), "{stored}");
        let back: MailJob = serde_json::from_str(&stored).unwrap();
        assert_eq!(back, j);
        let mut with = job(Locale::En, MailKind::PaymentRefunded, None);
        with.payment_terms = Some(terms(PaymentKind::Deposit, 12000, 50));
        with.reservation.payment = Some(payment(
            PaymentKind::Deposit,
            PaymentStatus::Refunded,
            12000,
        ));
        let stored = with.to_json();
        assert!(stored.contains("\"kind\":\"payment_refunded\""), "{stored}");
        assert_eq!(serde_json::from_str::<MailJob>(&stored).unwrap(), with);
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
