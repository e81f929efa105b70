//! The plain-text body.

use super::words::Words;
use super::Facts;
use crate::mail::{MailJob, MailKind, RestaurantCard};

/// "12 rue des Martyrs, 75009 Paris, France" as lines.
pub(super) fn address_lines(card: &RestaurantCard) -> Vec<String> {
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

pub(super) fn text(
    job: &MailJob,
    w: &Words,
    f: &Facts,
    link: Option<&str>,
    origin: &str,
) -> String {
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
