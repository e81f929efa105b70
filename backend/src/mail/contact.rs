//! The e-mail a contact message sends to the restaurant: to its address,
//! from its address (the site sends it), with the visitor as `Reply-To`, so
//! that answering is replying. Plain text, in French, the site's default
//! language; the visitor's language is said so staff answer in it.

use serde::{Deserialize, Serialize};

/// The outbox `kind` of a contact message's e-mail.
pub const CONTACT_OUTBOX_KIND: &str = "contact_message";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactMailJob {
    pub message_id: i64,
    /// The restaurant's name and address: sender and recipient.
    pub restaurant: String,
    pub restaurant_email: String,
    /// The visitor, as typed (checked by `ContactForm::parse`).
    pub name: String,
    pub email: String,
    pub message: String,
    /// `fr` or `en`.
    pub language: String,
    /// When it arrived, restaurant time.
    pub received: String,
}

impl ContactMailJob {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Subject and text of the e-mail.
pub fn render(job: &ContactMailJob, public_url: &str) -> (String, String) {
    let language = match job.language.as_str() {
        "en" => "anglais",
        _ => "français",
    };
    let subject = format!("Message du site : {}", job.name);
    let origin = public_url.trim_end_matches('/');
    let text = format!(
        "{name} <{email}> a écrit depuis la page contact du site, le {received} \
         (en {language}) :\n\n{message}\n\n-- \nRépondez à cet e-mail pour lui écrire. \
         Les messages sont aussi dans le tableau de bord : {origin}/admin/messages\n",
        name = job.name,
        email = job.email,
        received = job.received,
        message = job.message,
    );
    (subject, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_is_quoted_whole_with_where_to_read_it() {
        let job = ContactMailJob {
            message_id: 7,
            restaurant: "Chez Margot".into(),
            restaurant_email: "bonjour@chez-margot.example".into(),
            name: "Ana".into(),
            email: "ana@example.com".into(),
            message: "Bonjour,\nune table pour 12 ?".into(),
            language: "en".into(),
            received: "2026-12-07 21:40".into(),
        };
        let (subject, text) = render(&job, "https://margot.example/");
        assert_eq!(subject, "Message du site : Ana");
        assert!(text.contains("Ana <ana@example.com>"));
        assert!(text.contains("(en anglais)"));
        assert!(text.contains("Bonjour,\nune table pour 12 ?"));
        assert!(text.contains("https://margot.example/admin/messages"));
    }
}
