//! The MIME message of an outbox e-mail (booking or account): text and
//! HTML alternatives, the `.ics` attachment, `Content-Language`.

use super::account::{AccountMailJob, ACCOUNT_OUTBOX_KIND};
use super::contact::{ContactMailJob, CONTACT_OUTBOX_KIND};
use super::render::render;
use super::{MailJob, OUTBOX_KIND};
use lettre::message::header::{
    ContentTransferEncoding, ContentType, Header, HeaderName, HeaderValue,
};
use lettre::message::{Attachment, Body, Mailbox, MultiPart, SinglePart};
use lettre::Message;

/// The `Content-Language` header.
#[derive(Debug, Clone)]
struct ContentLanguage(&'static str);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        match s.trim() {
            "fr" => Ok(ContentLanguage("fr")),
            "en" => Ok(ContentLanguage("en")),
            other => Err(format!("unsupported language {other:?}").into()),
        }
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.to_owned())
    }
}

/// A quoted-printable text part (any text, any line length).
fn part(content: String, content_type: ContentType) -> SinglePart {
    SinglePart::builder()
        .header(content_type)
        .header(ContentTransferEncoding::QuotedPrintable)
        .body(
            Body::new_with_encoding(content, ContentTransferEncoding::QuotedPrintable)
                .unwrap_or_else(|_| unreachable!("quoted-printable takes any text")),
        )
}

/// `Name <address>`, or an error naming whose address is not valid.
fn mailbox(name: &str, address: &str, whose: &str) -> Result<Mailbox, String> {
    let address = address
        .parse()
        .map_err(|e| format!("{whose} e-mail address is not valid: {e}"))?;
    Ok(Mailbox::new(
        Some(name.to_owned()).filter(|n| !n.is_empty()),
        address,
    ))
}

/// The MIME message of a job: text and HTML alternatives, plus the `.ics`
/// as an attachment when there is one.
pub fn build_message(job: &MailJob, public_url: &str) -> Result<Message, String> {
    let mail = render(job, public_url);
    let card = &job.restaurant;
    let from = mailbox(&card.name, &card.email, "the restaurant's")?;
    let to_name = if job.kind.shows_guest_text() {
        job.reservation.name.as_str()
    } else {
        ""
    };
    let to = mailbox(to_name, &job.to, "the guest's")?;
    let alternative = MultiPart::alternative()
        .singlepart(part(mail.text, ContentType::TEXT_PLAIN))
        .singlepart(part(mail.html, ContentType::TEXT_HTML));
    let body = match mail.ics {
        Some(ics) => {
            let calendar_type = ContentType::parse("text/calendar; method=PUBLISH; charset=UTF-8")
                .map_err(|e| e.to_string())?;
            MultiPart::mixed()
                .multipart(alternative)
                .singlepart(Attachment::new("reservation.ics".to_owned()).body(ics, calendar_type))
        }
        None => alternative,
    };
    Message::builder()
        .from(from.clone())
        .reply_to(from)
        .to(to)
        .subject(mail.subject)
        .header(ContentLanguage(job.locale.as_str()))
        .multipart(body)
        .map_err(|e| e.to_string())
}

/// The MIME message of an account e-mail (text and HTML alternatives).
pub fn build_account_message(job: &AccountMailJob, public_url: &str) -> Result<Message, String> {
    let (subject, text, html) = super::account::render(job, public_url);
    let from = mailbox(&job.restaurant, &job.from, "the restaurant's")?;
    let to = mailbox(&job.name, &job.to, "the recipient's")?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .header(ContentLanguage(job.locale.as_str()))
        .multipart(
            MultiPart::alternative()
                .singlepart(part(text, ContentType::TEXT_PLAIN))
                .singlepart(part(html, ContentType::TEXT_HTML)),
        )
        .map_err(|e| e.to_string())
}

/// The e-mail of a contact message, to the restaurant, the visitor as
/// `Reply-To`.
pub fn build_contact_message(job: &ContactMailJob, public_url: &str) -> Result<Message, String> {
    let (subject, text) = super::contact::render(job, public_url);
    let restaurant = mailbox(&job.restaurant, &job.restaurant_email, "the restaurant's")?;
    let visitor = mailbox(&job.name, &job.email, "the visitor's")?;
    Message::builder()
        .from(restaurant.clone())
        .reply_to(visitor)
        .to(restaurant)
        .subject(subject)
        .header(ContentLanguage("fr"))
        .singlepart(part(text, ContentType::TEXT_PLAIN))
        .map_err(|e| e.to_string())
}

/// An outbox message of any kind.
pub(super) enum Outgoing {
    Booking(Box<MailJob>),
    Account(AccountMailJob),
    Contact(ContactMailJob),
}

impl Outgoing {
    pub(super) fn parse(kind: &str, payload: &str) -> Result<Self, String> {
        match kind {
            OUTBOX_KIND => serde_json::from_str(payload)
                .map(|job| Outgoing::Booking(Box::new(job)))
                .map_err(|e| format!("payload: {e}")),
            ACCOUNT_OUTBOX_KIND => serde_json::from_str(payload)
                .map(Outgoing::Account)
                .map_err(|e| format!("payload: {e}")),
            CONTACT_OUTBOX_KIND => serde_json::from_str(payload)
                .map(Outgoing::Contact)
                .map_err(|e| format!("payload: {e}")),
            other => Err(format!("unknown outbox kind {other:?}")),
        }
    }

    /// For the logs: the kind, the booking reference (if any) and the
    /// recipient's domain only.
    pub(super) fn label(&self) -> (String, String, String) {
        match self {
            Outgoing::Booking(job) => (
                format!("{:?}", job.kind),
                job.reservation.reference.clone(),
                domain_of(&job.to).to_owned(),
            ),
            Outgoing::Account(job) => (
                format!("{:?}", job.kind),
                String::new(),
                domain_of(&job.to).to_owned(),
            ),
            Outgoing::Contact(job) => (
                "ContactMessage".to_owned(),
                format!("message {}", job.message_id),
                domain_of(&job.restaurant_email).to_owned(),
            ),
        }
    }

    pub(super) fn message(&self, public_url: &str) -> Result<Message, String> {
        match self {
            Outgoing::Booking(job) => build_message(job, public_url),
            Outgoing::Account(job) => build_account_message(job, public_url),
            Outgoing::Contact(job) => build_contact_message(job, public_url),
        }
    }
}

/// The domain of an address, for the logs.
pub(super) fn domain_of(address: &str) -> &str {
    address.rsplit_once('@').map_or("?", |(_, domain)| domain)
}
