//! Reading the e-mails a test server sends: MIME decoding, and the links
//! (tokens) in the `.eml` files it writes without SMTP.

use mailparse::{MailHeaderMap, ParsedMail};
use std::path::Path;
use std::time::Duration;

/// An e-mail, decoded.
#[derive(Debug)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub language: Option<String>,
    pub text: String,
    pub html: String,
    /// (content type, parameters, body) of the text/calendar part.
    pub calendar: Option<(String, std::collections::BTreeMap<String, String>, String)>,
    /// File names of the attachments.
    pub attachments: Vec<String>,
}

fn leaves<'a>(part: &'a ParsedMail<'a>, out: &mut Vec<&'a ParsedMail<'a>>) {
    if part.subparts.is_empty() {
        out.push(part);
    }
    for sub in &part.subparts {
        leaves(sub, out);
    }
}

pub fn read_mail(raw: &[u8]) -> Mail {
    let parsed = mailparse::parse_mail(raw).expect("a MIME message");
    let header = |name: &str| parsed.headers.get_first_value(name);
    let mut mail = Mail {
        to: header("To").unwrap_or_default(),
        subject: header("Subject").unwrap_or_default(),
        language: header("Content-Language"),
        text: String::new(),
        html: String::new(),
        calendar: None,
        attachments: Vec::new(),
    };
    let mut parts = Vec::new();
    leaves(&parsed, &mut parts);
    for part in parts {
        let body = part.get_body().expect("a decodable part");
        if let Some(name) = part.get_content_disposition().params.get("filename") {
            mail.attachments.push(name.clone());
        }
        match part.ctype.mimetype.as_str() {
            "text/plain" => mail.text = body,
            "text/html" => mail.html = body,
            "text/calendar" => {
                mail.calendar = Some((part.ctype.mimetype.clone(), part.ctype.params.clone(), body))
            }
            _ => {}
        }
    }
    mail
}

/// Waits for an e-mail to `to` in `dir` holding a link under
/// `/account/{kind}/` and returns the link's token.
pub async fn token_from_mail(dir: &Path, to: &str, kind: &str) -> String {
    tokens_from_mail(dir, to, kind, 1).await.remove(0)
}

/// Waits until `count` e-mails to `to` in `dir` hold a link under
/// `/account/{kind}/`, and returns every such token (each once).
pub async fn tokens_from_mail(dir: &Path, to: &str, kind: &str, count: usize) -> Vec<String> {
    link_tokens_from_mail(dir, to, &format!("/account/{kind}/"), count).await
}

/// Waits until `count` e-mails to `to` in `dir` hold a link under the path
/// `marker` (e.g. `/manage/confirm/`), and returns every such token.
pub async fn link_tokens_from_mail(
    dir: &Path,
    to: &str,
    marker: &str,
    count: usize,
) -> Vec<String> {
    for _ in 0..100 {
        let tokens = tokens_in(dir, to, marker);
        if tokens.len() >= count {
            return tokens;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "fewer than {count} e-mails with {marker} links to {to} in {}",
        dir.display()
    );
}

/// The subject and text (every part, decoded) of each e-mail to `to` in
/// `dir`.
fn texts_to(dir: &Path, to: &str) -> Vec<String> {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let raw = std::fs::read(entry.path()).unwrap_or_default();
        let Ok(mail) = mailparse::parse_mail(&raw) else {
            continue;
        };
        let headers_to = mail
            .headers
            .iter()
            .any(|h| h.get_key_ref().eq_ignore_ascii_case("to") && h.get_value().contains(to));
        if headers_to {
            let subject = mail
                .headers
                .iter()
                .find(|h| h.get_key_ref().eq_ignore_ascii_case("subject"))
                .map(|h| h.get_value())
                .unwrap_or_default();
            let mut text = subject;
            leaf_bodies(&mail, &mut text);
            texts.push(text);
        }
    }
    texts
}

/// Appends the decoded body of every leaf part (nested multiparts too).
fn leaf_bodies(part: &mailparse::ParsedMail, out: &mut String) {
    if part.subparts.is_empty() {
        out.push('\n');
        out.push_str(&part.get_body().unwrap_or_default());
    }
    for sub in &part.subparts {
        leaf_bodies(sub, out);
    }
}

/// The texts (subject and decoded parts) of the e-mails to `to` in `dir`
/// that contain `needle`.
pub fn files_in_text(dir: &Path, to: &str, needle: &str) -> Vec<String> {
    texts_to(dir, to)
        .into_iter()
        .filter(|text| text.contains(needle))
        .collect()
}

fn tokens_in(dir: &Path, to: &str, marker: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for text in texts_to(dir, to) {
        if let Some(at) = text.find(marker) {
            let token: String = text[at + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if !tokens.contains(&token) {
                tokens.push(token);
            }
        }
    }
    tokens
}

/// How many e-mails the server has written into `dir`.
pub fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}
