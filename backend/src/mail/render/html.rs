//! The HTML body: inline styles (mail clients ignore style sheets), every
//! value escaped, and the schema.org JSON-LD card.

use super::text::address_lines;
use super::words::Words;
use super::Action;
use super::Facts;
use crate::mail::{MailJob, MailKind};

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
        MailKind::Cancellation | MailKind::PaymentRefunded => {
            "https://schema.org/ReservationCancelled"
        }
        MailKind::ConfirmBooking => "https://schema.org/ReservationPending",
        MailKind::Confirmation
        | MailKind::Modification
        | MailKind::ConfirmEmail
        | MailKind::EmailChangeRequested => "https://schema.org/ReservationConfirmed",
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

pub(super) fn html(
    job: &MailJob,
    w: &Words,
    f: &Facts,
    action: &Action,
    manage: Option<&str>,
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
    let shows_guest_text = job.kind.shows_guest_text();
    if shows_guest_text {
        rows.push_str(&row(w.label_name(), &escape(&r.name)));
    }
    rows.push_str(&row(w.label_reference(), &escape(&r.reference)));
    if shows_guest_text && !r.notes.trim().is_empty() {
        rows.push_str(&row(w.label_notes(), &escape_lines(&r.notes)));
    }
    let button = |link: &Option<String>, label: &str| {
        link.as_deref()
            .map(|l| {
                format!(
                    "<p><a href=\"{}\" style=\"{STYLE_BUTTON}\">{}</a></p>\n",
                    escape(l),
                    escape(label)
                )
            })
            .unwrap_or_default()
    };
    let action = match action {
        Action::Manage(link) => format!(
            "{}<p>{}</p>\n",
            button(link, w.manage_button()),
            escape(&w.cutoff(r.cancel_cutoff_minutes, &f.phone))
        ),
        Action::Confirm(link) => format!(
            "{}<p>{}</p>\n",
            button(link, w.confirm_button(job.kind)),
            escape(&w.confirm_note(job))
        ),
        Action::BookAgain(site) => format!(
            "<p><a href=\"{}\">{}</a></p>\n",
            escape(site),
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
{json}\
</head>\n\
<body style=\"{STYLE_BODY}\">\n\
<div style=\"{STYLE_WRAP}\">\n\
<h1 style=\"font-size:22px;margin:0 0 16px;\">{heading}</h1>\n\
<p>{greeting}</p>\n\
<p>{intro}</p>\n\
{message}\
<table role=\"presentation\" style=\"border-collapse:collapse;margin:16px 0;\">\n{rows}</table>\n\
{payment}\
{action}\
<p>{signature}<br>{name}</p>\n\
<p style=\"{STYLE_FOOT}\">{name}<br>{address}<br>{phone_label} <a href=\"tel:{tel}\">{phone}</a>{email}</p>\n\
</div>\n\
</body>\n\
</html>\n",
        lang = job.locale.as_str(),
        title = escape(subject),
        // The card names the guest and the booking's address: not for an
        // address nobody has proved.
        json = if shows_guest_text {
            format!(
                "<script type=\"application/ld+json\">{}</script>\n",
                json_ld(job, manage)
            )
        } else {
            String::new()
        },
        heading = escape(w.heading(job.kind)),
        greeting = escape(&w.greeting(if shows_guest_text { &r.name } else { "" })),
        intro = escape(&w.intro(job, &card.name)),
        message = job
            .staff_message
            .as_deref()
            .map(|m| format!(
                "<p><strong>{}</strong><br>{}</p>\n",
                escape(w.label_message()),
                escape(m.trim()).replace('\n', "<br>")
            ))
            .unwrap_or_default(),
        payment = f
            .payment
            .iter()
            .map(|note| format!("<p>{}</p>\n", escape(note)))
            .collect::<String>(),
        signature = escape(w.signature()),
        name = escape(&card.name),
        phone_label = escape(w.label_phone()),
        tel = escape(&card.phone),
        phone = escape(&f.phone),
    )
}
