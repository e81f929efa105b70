//! The plain-text body.

use super::words::Words;
use super::{Action, Facts};
use crate::mail::{MailJob, RestaurantCard};

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

pub(super) fn text(job: &MailJob, w: &Words, f: &Facts, action: &Action) -> String {
    let r = &job.reservation;
    let card = &job.restaurant;
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(w.heading(job.kind));
    line("");
    let shows_guest_text = job.kind.shows_guest_text();
    line(&w.greeting(if shows_guest_text { &r.name } else { "" }));
    line("");
    line(&w.intro(job, &card.name));
    line("");
    if let Some(message) = job.staff_message.as_deref() {
        line(w.label_message());
        for l in message.trim().lines() {
            line(&format!("  {l}"));
        }
        line("");
    }
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
    ];
    if shows_guest_text {
        details.push(format!("{}{}", label(w.label_name()), r.name));
    }
    details.push(format!("{}{}", label(w.label_reference()), r.reference));
    if shows_guest_text && !r.notes.trim().is_empty() {
        // Further lines of the notes are indented under the first.
        let notes = r.notes.trim().replace("\r\n", "\n").replace('\n', "\n  ");
        details.push(format!("{}{notes}", label(w.label_notes())));
    }
    for d in &details {
        line(d);
    }
    line("");
    if !f.payment.is_empty() {
        for note in &f.payment {
            line(note);
        }
        line("");
    }
    match action {
        Action::Manage(link) => {
            if let Some(link) = link {
                line(&format!("{}{link}", label(w.manage_button())));
            }
            line(&w.cutoff(r.cancel_cutoff_minutes, &f.phone));
        }
        Action::Confirm(link) => {
            if let Some(link) = link {
                line(&format!("{}{link}", label(w.confirm_button(job.kind))));
            }
            line(&w.confirm_note(job));
        }
        Action::BookAgain(site) => {
            line(&format!("{}{site}", label(w.book_again())));
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
