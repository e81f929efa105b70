//! Account e-mails: verify the address, reset the password, accept a staff
//! invitation. Plain text and HTML, in the account's language.

use super::render::escape;
use domain::Locale;
use serde::{Deserialize, Serialize};

/// The outbox `kind` of an account e-mail.
pub const ACCOUNT_OUTBOX_KIND: &str = "account_email";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountMailKind {
    VerifyEmail,
    ResetPassword,
    Invite,
    /// Someone registered with an address that has an account: its owner
    /// is told, with a way to a new password (no token in it).
    AlreadyRegistered,
}

/// One account e-mail. It never holds a secret: the worker mints the
/// single-use token of its link as it sends the message and keeps only the
/// hash ([`super::worker`]); `token` is that token, in memory only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountMailJob {
    pub kind: AccountMailKind,
    pub locale: Locale,
    pub to: String,
    pub name: String,
    pub restaurant: String,
    /// The restaurant's address, used as the sender.
    pub from: String,
    #[serde(skip)]
    pub token: Option<String>,
}

impl AccountMailJob {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The page the link opens.
    pub fn link(&self, public_url: &str) -> Option<String> {
        let origin = public_url.trim_end_matches('/');
        let path = match self.kind {
            AccountMailKind::VerifyEmail => "verify",
            AccountMailKind::ResetPassword => "reset",
            AccountMailKind::Invite => "invite",
            AccountMailKind::AlreadyRegistered => return Some(format!("{origin}/account/forgot")),
        };
        self.token
            .as_ref()
            .map(|t| format!("{origin}/account/{path}/{t}"))
    }
}

/// Subject, plain text and HTML of an account e-mail.
pub fn render(job: &AccountMailJob, public_url: &str) -> (String, String, String) {
    let fr = job.locale == Locale::Fr;
    let link = job.link(public_url).unwrap_or_default();
    let (subject, intro, action, note) = match (job.kind, fr) {
        (AccountMailKind::VerifyEmail, true) => (
            format!("Confirmez votre adresse e-mail · {}", job.restaurant),
            "Merci d’avoir créé votre compte. Confirmez votre adresse e-mail pour retrouver vos réservations :",
            "Confirmer mon adresse",
            "Ce lien est valable 48 heures et ne sert qu’une fois.",
        ),
        (AccountMailKind::VerifyEmail, false) => (
            format!("Confirm your e-mail address · {}", job.restaurant),
            "Thank you for creating your account. Confirm your e-mail address to see your bookings:",
            "Confirm my address",
            "This link is valid for 48 hours and works once.",
        ),
        (AccountMailKind::ResetPassword, true) => (
            format!("Nouveau mot de passe · {}", job.restaurant),
            "Vous avez demandé à changer de mot de passe. Choisissez-en un nouveau :",
            "Choisir un nouveau mot de passe",
            "Ce lien est valable 1 heure et ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message.",
        ),
        (AccountMailKind::ResetPassword, false) => (
            format!("Reset your password · {}", job.restaurant),
            "You asked to change your password. Choose a new one:",
            "Choose a new password",
            "This link is valid for 1 hour and works once. If you did not ask, ignore this message.",
        ),
        (AccountMailKind::Invite, true) => (
            format!("Invitation à rejoindre l’équipe · {}", job.restaurant),
            "Vous êtes invité(e) à gérer les réservations du restaurant. Choisissez votre mot de passe :",
            "Accepter l’invitation",
            "Ce lien est valable 7 jours et ne sert qu’une fois.",
        ),
        (AccountMailKind::Invite, false) => (
            format!("Join the team · {}", job.restaurant),
            "You are invited to manage the restaurant's bookings. Choose your password:",
            "Accept the invitation",
            "This link is valid for 7 days and works once.",
        ),
        (AccountMailKind::AlreadyRegistered, true) => (
            format!("Vous avez déjà un compte · {}", job.restaurant),
            "Quelqu’un (vous, peut-être) a voulu créer un compte avec cette adresse e-mail, mais vous en avez déjà un. Connectez-vous avec votre mot de passe, ou choisissez-en un nouveau :",
            "Choisir un nouveau mot de passe",
            "Si ce n’était pas vous, ignorez ce message : rien n’a changé sur votre compte.",
        ),
        (AccountMailKind::AlreadyRegistered, false) => (
            format!("You already have an account · {}", job.restaurant),
            "Someone (maybe you) tried to create an account with this e-mail address, but you already have one. Log in with your password, or choose a new one:",
            "Choose a new password",
            "If this was not you, ignore this message: nothing changed on your account.",
        ),
    };
    let hello = if fr {
        format!("Bonjour {},", job.name)
    } else {
        format!("Hello {},", job.name)
    };
    let text = format!(
        "{hello}\n\n{intro}\n{link}\n\n{note}\n\n{}\n",
        job.restaurant
    );
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\
         <body style=\"font-family:sans-serif;color:#1f1a17\"><p>{hello}</p><p>{intro}</p>\
         <p><a href=\"{link}\" style=\"background:#7a2e1d;color:#fff;padding:10px 16px;border-radius:6px;\
         text-decoration:none\">{action}</a></p><p style=\"font-size:14px\">{link}</p><p>{note}</p>\
         <p>{restaurant}</p></body></html>",
        lang = job.locale.as_str(),
        subject = escape(&subject),
        hello = escape(&hello),
        intro = escape(intro),
        link = escape(&link),
        action = escape(action),
        note = escape(note),
        restaurant = escape(&job.restaurant),
    );
    (subject, text, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(kind: AccountMailKind, locale: Locale) -> AccountMailJob {
        AccountMailJob {
            kind,
            locale,
            to: "ada@example.com".into(),
            name: "Ada <b>".into(),
            restaurant: "Chez Margot".into(),
            from: "bonjour@chez-margot.example".into(),
            token: Some("tok123".into()),
        }
    }

    #[test]
    fn links_languages_and_escaping() {
        let (subject, text, html) = render(
            &job(AccountMailKind::ResetPassword, Locale::En),
            "http://x/",
        );
        assert!(subject.starts_with("Reset your password"));
        assert!(text.contains("http://x/account/reset/tok123"));
        assert!(html.contains("Ada &lt;b&gt;") && !html.contains("Ada <b>"));
        let (subject, text, _) = render(&job(AccountMailKind::VerifyEmail, Locale::Fr), "http://x");
        assert!(subject.starts_with("Confirmez"));
        assert!(text.contains("http://x/account/verify/tok123"));
        let (_, text, _) = render(&job(AccountMailKind::Invite, Locale::Fr), "http://x");
        assert!(text.contains("/account/invite/tok123"));
        let stored = job(AccountMailKind::Invite, Locale::Fr).to_json();
        assert!(!stored.contains("tok123"), "{stored}");
        let read: AccountMailJob = serde_json::from_str(&stored).unwrap();
        assert_eq!(read.link("http://x"), None);
    }
}
