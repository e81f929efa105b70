//! Every sentence of the booking e-mails, in French and English, and dates
//! written out.

use crate::mail::{MailJob, MailKind};
use chrono::{Datelike, NaiveDate, Weekday};
use domain::Locale;

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
pub(super) struct Words {
    pub(super) locale: Locale,
}

impl Words {
    pub(super) fn fr(&self) -> bool {
        self.locale == Locale::Fr
    }

    /// Above the restaurant's own words to the guest.
    pub(super) fn label_message(&self) -> &'static str {
        self.pick("Message du restaurant :", "A message from the restaurant:")
    }

    pub(super) fn pick(&self, fr: &'static str, en: &'static str) -> &'static str {
        if self.fr() {
            fr
        } else {
            en
        }
    }

    /// "19h30" in French, "19:30" in English.
    pub(super) fn time(&self, hh_mm: &str) -> String {
        if self.fr() {
            hh_mm.replacen(':', "h", 1)
        } else {
            hh_mm.to_owned()
        }
    }

    pub(super) fn at(&self, date: &str, time: &str) -> String {
        if self.fr() {
            format!("{date} à {time}")
        } else {
            format!("{date} at {time}")
        }
    }

    pub(super) fn party(&self, n: u32) -> String {
        match (self.fr(), n) {
            (true, 1) => "1 personne".to_owned(),
            (true, n) => format!("{n} personnes"),
            (false, 1) => "1 guest".to_owned(),
            (false, n) => format!("{n} guests"),
        }
    }

    pub(super) fn status_word(&self, kind: MailKind) -> &'static str {
        match kind {
            MailKind::Confirmation => self.pick("Réservation confirmée", "Reservation confirmed"),
            MailKind::Modification => self.pick("Réservation modifiée", "Reservation changed"),
            MailKind::Cancellation => self.pick("Réservation annulée", "Reservation cancelled"),
            MailKind::ConfirmEmail => self.pick("Confirmez votre adresse", "Confirm your address"),
            MailKind::EmailChangeRequested => self.pick(
                "Changement d'adresse demandé",
                "Change of address requested",
            ),
            MailKind::ConfirmBooking => {
                self.pick("Confirmez votre réservation", "Confirm your reservation")
            }
            MailKind::PaymentRefunded => self.pick("Paiement remboursé", "Payment refunded"),
        }
    }

    pub(super) fn heading(&self, kind: MailKind) -> &'static str {
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
            MailKind::ConfirmEmail => self.pick(
                "Confirmez l'adresse de votre réservation",
                "Confirm the address of your reservation",
            ),
            MailKind::EmailChangeRequested => self.pick(
                "Quelqu'un veut changer l'adresse de votre réservation",
                "Someone asked to change your reservation's address",
            ),
            MailKind::ConfirmBooking => self.pick(
                "Confirmez votre réservation",
                "Please confirm your reservation",
            ),
            MailKind::PaymentRefunded => self.pick(
                "Votre paiement est arrivé après la libération de votre table",
                "Your payment arrived after your table was released",
            ),
        }
    }

    pub(super) fn greeting(&self, name: &str) -> String {
        if name.trim().is_empty() {
            return self.pick("Bonjour,", "Hello,").to_owned();
        }
        if self.fr() {
            format!("Bonjour {name},")
        } else {
            format!("Hello {name},")
        }
    }

    pub(super) fn intro(&self, job: &MailJob, restaurant: &str) -> String {
        let new_email = job.new_email.as_deref().map(masked).unwrap_or_default();
        match (job.kind, self.fr()) {
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
            (MailKind::ConfirmEmail, true) => format!(
                "On a demandé que les e-mails de cette réservation chez {restaurant} soient envoyés à cette adresse. \
                 Confirmez qu'elle est bien la vôtre ; sinon, ignorez ce message : rien ne changera."
            ),
            (MailKind::ConfirmEmail, false) => format!(
                "Someone asked for the e-mails of this reservation at {restaurant} to go to this address. \
                 Confirm that it is yours; if not, ignore this message: nothing will change."
            ),
            (MailKind::EmailChangeRequested, true) => format!(
                "Quelqu'un qui a le lien de votre réservation chez {restaurant} a demandé d'envoyer ses e-mails à {new_email}. \
                 Rien ne change tant que cette adresse ne l'a pas confirmé. Si ce n'était pas vous, ouvrez votre réservation \
                 pour la vérifier, ou appelez-nous."
            ),
            (MailKind::EmailChangeRequested, false) => format!(
                "Someone with the link to your reservation at {restaurant} asked to send its e-mails to {new_email}. \
                 Nothing changes until that address confirms it. If this was not you, open your reservation to check it, \
                 or call us."
            ),
            (MailKind::ConfirmBooking, true) => format!(
                "Merci pour votre demande. Pour les grandes tables, {restaurant} demande une confirmation par e-mail : \
                 votre table vous est réservée en attendant."
            ),
            (MailKind::ConfirmBooking, false) => format!(
                "Thank you for your request. For large tables, {restaurant} asks for a confirmation by e-mail: \
                 your table is held for you meanwhile."
            ),
            (MailKind::PaymentRefunded, true) => format!(
                "Votre paiement est parvenu à {restaurant} après la fin du délai pendant lequel votre table \
                 vous était réservée, et elle a été prise entre-temps : cette réservation n'a donc pas pu être \
                 confirmée. Nous en sommes désolés."
            ),
            (MailKind::PaymentRefunded, false) => format!(
                "Your payment reached {restaurant} after the time your table was held for, and the table \
                 was taken in the meantime: this reservation could not be confirmed. We are sorry."
            ),
        }
    }

    pub(super) fn confirm_button(&self, kind: MailKind) -> &'static str {
        match kind {
            MailKind::ConfirmBooking => {
                self.pick("Confirmer ma réservation", "Confirm my reservation")
            }
            _ => self.pick("Confirmer cette adresse", "Confirm this address"),
        }
    }

    /// How long the confirmation link works, and what happens after.
    pub(super) fn confirm_note(&self, job: &MailJob) -> String {
        let minutes = job.expires_in_minutes.unwrap_or(0);
        let delay = match (self.fr(), minutes) {
            (true, m) if m >= 120 && m % 60 == 0 => format!("{} heures", m / 60),
            (false, m) if m >= 120 && m % 60 == 0 => format!("{} hours", m / 60),
            (true, m) => format!("{m} minutes"),
            (false, m) => format!("{m} minutes"),
        };
        match (job.kind, self.fr()) {
            (MailKind::ConfirmBooking, true) => format!(
                "Ce lien est valable {delay} et ne sert qu'une fois. Sans confirmation, la table sera libérée."
            ),
            (MailKind::ConfirmBooking, false) => format!(
                "This link works for {delay}, once. Without a confirmation, the table will be released."
            ),
            (_, true) => format!("Ce lien est valable {delay} et ne sert qu'une fois."),
            (_, false) => format!("This link works for {delay}, once."),
        }
    }

    pub(super) fn label_date(&self) -> &'static str {
        "Date"
    }
    pub(super) fn label_time(&self) -> &'static str {
        self.pick("Heure", "Time")
    }
    pub(super) fn label_party(&self) -> &'static str {
        self.pick("Table pour", "Table for")
    }
    pub(super) fn label_name(&self) -> &'static str {
        self.pick("Au nom de", "Name")
    }
    pub(super) fn label_reference(&self) -> &'static str {
        self.pick("Référence", "Reference")
    }
    pub(super) fn label_notes(&self) -> &'static str {
        self.pick("Demandes particulières", "Special requests")
    }
    pub(super) fn label_phone(&self) -> &'static str {
        self.pick("Tél.", "Phone")
    }

    pub(super) fn manage_button(&self) -> &'static str {
        self.pick(
            "Modifier ou annuler ma réservation",
            "Change or cancel my reservation",
        )
    }

    /// "until 2 hours before", from the cut-off in minutes.
    pub(super) fn until(&self, minutes: u32) -> String {
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

    pub(super) fn cutoff(&self, minutes: u32, phone: &str) -> String {
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

    pub(super) fn book_again(&self) -> &'static str {
        self.pick("Réserver à nouveau", "Book again")
    }

    pub(super) fn signature(&self) -> &'static str {
        self.pick("À bientôt,", "See you soon,")
    }
}

/// An address with most of its local part hidden (`ad•••@example.com`), to
/// name it to someone who may not own it.
pub(super) fn masked(email: &str) -> String {
    match email.rsplit_once('@') {
        Some((local, domain)) => {
            let shown: String = local.chars().take(2).collect();
            format!("{shown}•••@{domain}")
        }
        None => "•••".to_owned(),
    }
}
