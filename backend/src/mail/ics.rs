//! iCalendar (RFC 5545) files for a reservation: `METHOD:PUBLISH`, one
//! `VEVENT`, times in UTC.

use super::RestaurantCard;
use chrono::{DateTime, Utc};
use domain::ReservationView;

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The calendar file for one reservation. The UID is stable per booking
/// reference, so a modified booking updates the same calendar event.
pub fn event(
    reservation: &ReservationView,
    restaurant: &RestaurantCard,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> String {
    let fr = reservation.locale == domain::Locale::Fr;
    let summary = if fr {
        format!(
            "Réservation · {} · {} pers.",
            restaurant.name, reservation.party_size
        )
    } else {
        format!(
            "Reservation · {} · {} guests",
            restaurant.name, reservation.party_size
        )
    };
    let description = if fr {
        format!("Référence {}", reservation.reference)
    } else {
        format!("Reference {}", reservation.reference)
    };
    let location = format!(
        "{}, {} {}",
        restaurant.street, restaurant.postal_code, restaurant.city
    );
    let status = if reservation.status == domain::ReservationStatus::Cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//TechPlus//Reservations//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@techplus", reservation.reference),
        format!("DTSTAMP:{}", stamp(now)),
        format!("DTSTART:{}", stamp(start)),
        format!("DTEND:{}", stamp(end)),
        format!("SUMMARY:{}", text(&summary)),
        format!("DESCRIPTION:{}", text(&description)),
        format!("LOCATION:{}", text(&location)),
        format!("STATUS:{status}"),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_folds() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        for line in folded.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
    }
}
