//! Renders a [`MailJob`] into the subject, the plain text and HTML bodies,
//! and the `.ics` file of a booking e-mail, in the guest's language.
//!
//! All text that a guest typed (name, notes) and all restaurant data is
//! escaped in the HTML. The HTML of every e-mail carries schema.org
//! `FoodEstablishmentReservation` JSON-LD, so mail clients can show the
//! booking as a card.

use super::{ics, MailJob, MailKind, RestaurantCard};
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use domain::{format_phone, Locale};

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
    let link = job
        .manage_token
        .as_deref()
        .map(|token| format!("{origin}/manage/{token}"));
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
        MailKind::Cancellation => None,
    };
    RenderedMail {
        text: text(job, &words, &facts, link.as_deref(), origin),
        html: html(job, &words, &facts, link.as_deref(), origin, &subject),
        subject,
        ics,
    }
}

/// Values shown in both bodies, already formatted.
struct Facts {
    date: String,
    time: String,
    party: String,
    phone: String,
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

/// The date written out: "mardi 1 décembre 2026" / "Tuesday 1 December 2026".
/// A date that does not parse is shown as it is.
pub fn long_date(date: &str, locale: Locale) -> String {
    let Ok(d) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
        return date.to_owned();
    };
    let (weekday, month) = match locale {
        Locale::Fr => (weekday_fr(d.weekday()), MONTHS_FR[d.month0() as usize]),
        Locale::En => (weekday_en(d.weekday()), MONTHS_EN[d.month0() as usize]),
    };
    format!("{weekday} {} {month} {}", d.day(), d.year())
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday_fr(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

fn weekday_en(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Every sentence of the e-mails, in one language.
struct Words {
    locale: Locale,
}

impl Words {
    fn fr(&self) -> bool {
        self.locale == Locale::Fr
    }

    fn pick(&self, fr: &'static str, en: &'static str) -> &'static str {
        if self.fr() {
            fr
        } else {
            en
        }
    }

    /// "19h30" in French, "19:30" in English.
    fn time(&self, hh_mm: &str) -> String {
        if self.fr() {
            hh_mm.replacen(':', "h", 1)
        } else {
            hh_mm.to_owned()
        }
    }

    fn at(&self, date: &str, time: &str) -> String {
        if self.fr() {
            format!("{date} à {time}")
        } else {
            format!("{date} at {time}")
        }
    }

    fn party(&self, n: u32) -> String {
        match (self.fr(), n) {
            (true, 1) => "1 personne".to_owned(),
            (true, n) => format!("{n} personnes"),
            (false, 1) => "1 guest".to_owned(),
            (false, n) => format!("{n} guests"),
        }
    }

    fn status_word(&self, kind: MailKind) -> &'static str {
        match kind {
            MailKind::Confirmation => self.pick("Réservation confirmée", "Reservation confirmed"),
            MailKind::Modification => self.pick("Réservation modifiée", "Reservation changed"),
            MailKind::Cancellation => self.pick("Réservation annulée", "Reservation cancelled"),
        }
    }

    fn heading(&self, kind: MailKind) -> &'static str {
        match kind {
            MailKind::Confirmation => self.pick(
                "Votre réservation est confirmée",
                "Your reservation is confirmed",
            ),
            MailKind::Modification => self.pick(
                "Votre réservation a été modifiée",
                "Your reservation has been changed",
            ),
            MailKind::Cancellation => self.pick(
                "Votre réservation est annulée",
                "Your reservation has been cancelled",
            ),
        }
    }

    fn greeting(&self, name: &str) -> String {
        if self.fr() {
            format!("Bonjour {name},")
        } else {
            format!("Hello {name},")
        }
    }

    fn intro(&self, kind: MailKind, restaurant: &str) -> String {
        match (kind, self.fr()) {
            (MailKind::Confirmation, true) => format!(
                "Merci pour votre réservation. L'équipe de {restaurant} a hâte de vous accueillir."
            ),
            (MailKind::Confirmation, false) => format!(
                "Thank you for your reservation. The team at {restaurant} looks forward to welcoming you."
            ),
            (MailKind::Modification, true) => {
                "Votre réservation a bien été modifiée. Voici ses nouveaux détails.".to_owned()
            }
            (MailKind::Modification, false) => {
                "Your reservation has been updated. Here are the new details.".to_owned()
            }
            (MailKind::Cancellation, true) => format!(
                "Votre réservation a bien été annulée. L'équipe de {restaurant} espère vous accueillir une prochaine fois."
            ),
            (MailKind::Cancellation, false) => format!(
                "Your reservation has been cancelled. The team at {restaurant} hopes to welcome you another time."
            ),
        }
    }

    fn label_date(&self) -> &'static str {
        "Date"
    }
    fn label_time(&self) -> &'static str {
        self.pick("Heure", "Time")
    }
    fn label_party(&self) -> &'static str {
        self.pick("Table pour", "Table for")
    }
    fn label_name(&self) -> &'static str {
        self.pick("Au nom de", "Name")
    }
    fn label_reference(&self) -> &'static str {
        self.pick("Référence", "Reference")
    }
    fn label_notes(&self) -> &'static str {
        self.pick("Demandes particulières", "Special requests")
    }
    fn label_phone(&self) -> &'static str {
        self.pick("Tél.", "Phone")
    }

    fn manage_button(&self) -> &'static str {
        self.pick(
            "Modifier ou annuler ma réservation",
            "Change or cancel my reservation",
        )
    }

    /// "until 2 hours before", from the cut-off in minutes.
    fn until(&self, minutes: u32) -> String {
        match (self.fr(), minutes) {
            (true, 0) => "jusqu'à l'heure de votre réservation".to_owned(),
            (false, 0) => "until the time of your reservation".to_owned(),
            (true, 60) => "jusqu'à 1 heure avant".to_owned(),
            (false, 60) => "until 1 hour before".to_owned(),
            (true, m) if m % 60 == 0 => format!("jusqu'à {} heures avant", m / 60),
            (false, m) if m % 60 == 0 => format!("until {} hours before", m / 60),
            (true, m) => format!("jusqu'à {m} minutes avant"),
            (false, m) => format!("until {m} minutes before"),
        }
    }

    fn cutoff(&self, minutes: u32, phone: &str) -> String {
        let until = self.until(minutes);
        if self.fr() {
            format!(
                "Vous pouvez modifier ou annuler votre réservation en ligne {until}. \
                 Passé ce délai, appelez-nous au {phone}."
            )
        } else {
            format!(
                "You can change or cancel online {until}. After that, please call us on {phone}."
            )
        }
    }

    fn book_again(&self) -> &'static str {
        self.pick("Réserver à nouveau", "Book again")
    }

    fn signature(&self) -> &'static str {
        self.pick("À bientôt,", "See you soon,")
    }
}

/// "12 rue des Martyrs, 75009 Paris, France" as lines.
fn address_lines(card: &RestaurantCard) -> Vec<String> {
    let country = match card.country.as_str() {
        "FR" => "France",
        other => other,
    };
    [
        card.street.clone(),
        format!("{} {}", card.postal_code, card.city)
            .trim()
            .to_owned(),
        country.to_owned(),
    ]
    .into_iter()
    .filter(|l| !l.is_empty())
    .collect()
}

fn text(job: &MailJob, w: &Words, f: &Facts, link: Option<&str>, origin: &str) -> String {
    let r = &job.reservation;
    let card = &job.restaurant;
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(w.heading(job.kind));
    line("");
    line(&w.greeting(&r.name));
    line("");
    line(&w.intro(job.kind, &card.name));
    line("");
    // French puts a space before the colon.
    let label = |l: &str| {
        if w.fr() {
            format!("{l} : ")
        } else {
            format!("{l}: ")
        }
    };
    let mut details = vec![
        format!("{}{}", label(w.label_date()), f.date),
        format!("{}{}", label(w.label_time()), f.time),
        format!("{}{}", label(w.label_party()), f.party),
        format!("{}{}", label(w.label_name()), r.name),
        format!("{}{}", label(w.label_reference()), r.reference),
    ];
    if !r.notes.trim().is_empty() {
        // Further lines of the notes are indented under the first.
        let notes = r.notes.trim().replace("\r\n", "\n").replace('\n', "\n  ");
        details.push(format!("{}{notes}", label(w.label_notes())));
    }
    for d in &details {
        line(d);
    }
    line("");
    match job.kind {
        MailKind::Confirmation | MailKind::Modification => {
            if let Some(link) = link {
                line(&format!("{}{link}", label(w.manage_button())));
            }
            line(&w.cutoff(r.cancel_cutoff_minutes, &f.phone));
        }
        MailKind::Cancellation => {
            line(&format!("{}{origin}/", label(w.book_again())));
        }
    }
    line("");
    line(w.signature());
    line(&card.name);
    for l in address_lines(card) {
        line(&l);
    }
    line(&format!("{}{}", label(w.label_phone()), f.phone));
    if !card.email.is_empty() {
        line(&card.email);
    }
    out
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with line breaks kept.
fn escape_lines(s: &str) -> String {
    escape(s.trim()).replace("\r\n", "\n").replace('\n', "<br>")
}

/// The schema.org reservation as JSON, safe inside a `<script>` element.
fn json_ld(job: &MailJob, link: Option<&str>) -> String {
    let r = &job.reservation;
    let card = &job.restaurant;
    let status = match job.kind {
        MailKind::Cancellation => "https://schema.org/ReservationCancelled",
        MailKind::Confirmation | MailKind::Modification => {
            "https://schema.org/ReservationConfirmed"
        }
    };
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "FoodEstablishmentReservation",
        "reservationNumber": r.reference,
        "reservationStatus": status,
        "underName": {"@type": "Person", "name": r.name, "email": r.email},
        "reservationFor": {
            "@type": "FoodEstablishment",
            "name": card.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": card.street,
                "postalCode": card.postal_code,
                "addressLocality": card.city,
                "addressCountry": card.country,
            },
            "telephone": card.phone,
        },
        "startTime": r.start,
        "endTime": r.end,
        "partySize": r.party_size,
    });
    if let (Some(link), Some(map)) = (link, value.as_object_mut()) {
        map.insert("modifyReservationUrl".into(), link.into());
    }
    // '<', '>' and '&' can only appear inside JSON strings, where their
    // \u escapes mean the same: "</script>" cannot end the element early.
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

const STYLE_BODY: &str = "margin:0;padding:0;background:#f6f2ec;";
const STYLE_WRAP: &str = "max-width:560px;margin:0 auto;padding:24px;\
     font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:1.5;color:#2b2118;";
const STYLE_TH: &str = "text-align:left;vertical-align:top;padding:6px 16px 6px 0;\
     font-weight:normal;color:#6b5a4a;white-space:nowrap;";
const STYLE_TD: &str = "padding:6px 0;font-weight:bold;";
const STYLE_BUTTON: &str = "display:inline-block;padding:12px 20px;background:#7a2e1f;\
     color:#ffffff;text-decoration:none;border-radius:6px;";
const STYLE_FOOT: &str = "font-size:14px;color:#6b5a4a;border-top:1px solid #d9cfc3;\
     padding-top:16px;margin-top:24px;";

fn html(
    job: &MailJob,
    w: &Words,
    f: &Facts,
    link: Option<&str>,
    origin: &str,
    subject: &str,
) -> String {
    let r = &job.reservation;
    let card = &job.restaurant;
    let row = |label: &str, value: &str| {
        format!(
            "<tr><th scope=\"row\" style=\"{STYLE_TH}\">{}</th><td style=\"{STYLE_TD}\">{value}</td></tr>\n",
            escape(label)
        )
    };
    let mut rows = String::new();
    rows.push_str(&row(w.label_date(), &escape(&f.date)));
    rows.push_str(&row(w.label_time(), &escape(&f.time)));
    rows.push_str(&row(w.label_party(), &escape(&f.party)));
    rows.push_str(&row(w.label_name(), &escape(&r.name)));
    rows.push_str(&row(w.label_reference(), &escape(&r.reference)));
    if !r.notes.trim().is_empty() {
        rows.push_str(&row(w.label_notes(), &escape_lines(&r.notes)));
    }
    let action = match job.kind {
        MailKind::Confirmation | MailKind::Modification => {
            let button = link
                .map(|l| {
                    format!(
                        "<p><a href=\"{}\" style=\"{STYLE_BUTTON}\">{}</a></p>\n",
                        escape(l),
                        escape(w.manage_button())
                    )
                })
                .unwrap_or_default();
            format!(
                "{button}<p>{}</p>\n",
                escape(&w.cutoff(r.cancel_cutoff_minutes, &f.phone))
            )
        }
        MailKind::Cancellation => format!(
            "<p><a href=\"{}/\">{}</a></p>\n",
            escape(origin),
            escape(w.book_again())
        ),
    };
    let address = address_lines(card)
        .iter()
        .map(|l| escape(l))
        .collect::<Vec<_>>()
        .join("<br>");
    let email = if card.email.is_empty() {
        String::new()
    } else {
        format!("<br><a href=\"mailto:{0}\">{0}</a>", escape(&card.email))
    };
    format!(
        "<!DOCTYPE html>\n\
<html lang=\"{lang}\">\n\
<head>\n\
<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title}</title>\n\
<script type=\"application/ld+json\">{json}</script>\n\
</head>\n\
<body style=\"{STYLE_BODY}\">\n\
<div style=\"{STYLE_WRAP}\">\n\
<h1 style=\"font-size:22px;margin:0 0 16px;\">{heading}</h1>\n\
<p>{greeting}</p>\n\
<p>{intro}</p>\n\
<table role=\"presentation\" style=\"border-collapse:collapse;margin:16px 0;\">\n{rows}</table>\n\
{action}\
<p>{signature}<br>{name}</p>\n\
<p style=\"{STYLE_FOOT}\">{name}<br>{address}<br>{phone_label} <a href=\"tel:{tel}\">{phone}</a>{email}</p>\n\
</div>\n\
</body>\n\
</html>\n",
        lang = job.locale.as_str(),
        title = escape(subject),
        json = json_ld(job, link),
        heading = escape(w.heading(job.kind)),
        greeting = escape(&w.greeting(&r.name)),
        intro = escape(&w.intro(job.kind, &card.name)),
        signature = escape(w.signature()),
        name = escape(&card.name),
        phone_label = escape(w.label_phone()),
        tel = escape(&card.phone),
        phone = escape(&f.phone),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
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
            manage_token: token.map(str::to_owned),
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
