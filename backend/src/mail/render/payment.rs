//! What the booking e-mails say about a booking's deposit or card
//! guarantee: what was paid, the refund rules, what was refunded or kept.
//!
//! Each sentence is plain text; the text body prints them as lines, the
//! HTML body as escaped paragraphs.

use super::words::Words;
use crate::mail::{MailJob, MailKind};
use domain::{PaymentKind, PaymentStatus, PaymentTerms, PaymentView};

impl Words {
    /// An amount in the payment's currency: `120,00 €` / `€120.00`.
    pub(super) fn money(&self, cents: i64, currency: &str) -> String {
        let currency = currency.trim();
        if currency.is_empty() || currency.eq_ignore_ascii_case("eur") {
            return domain::format_price(cents, self.locale.as_str());
        }
        // Another currency: its ISO code after the amount.
        let code = currency.to_ascii_uppercase();
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        let (units, rest) = (abs / 100, abs % 100);
        if self.fr() {
            format!("{sign}{units},{rest:02}\u{a0}{code}")
        } else {
            format!("{sign}{units}.{rest:02} {code}")
        }
    }

    /// "48 hours before the meal" / "48 heures avant le repas".
    fn before_meal(&self, minutes: u32) -> String {
        match (self.fr(), minutes) {
            (true, 60) => "1 heure avant le repas".to_owned(),
            (false, 60) => "1 hour before the meal".to_owned(),
            (true, m) if m % 60 == 0 => format!("{} heures avant le repas", m / 60),
            (false, m) if m % 60 == 0 => format!("{} hours before the meal", m / 60),
            (true, m) => format!("{m} minutes avant le repas"),
            (false, m) => format!("{m} minutes before the meal"),
        }
    }

    /// The sentences about the booking's payment that the e-mail of `job`
    /// carries; none when the booking has no payment (or the e-mail is not
    /// about it).
    pub(super) fn payment_notes(&self, job: &MailJob) -> Vec<String> {
        let payment = job.reservation.payment.as_ref();
        match job.kind {
            MailKind::Confirmation | MailKind::Modification => {
                let Some(p) = payment else {
                    return Vec::new();
                };
                let mut notes: Vec<String> = self.paid(p).into_iter().collect();
                let held = matches!(
                    p.status,
                    PaymentStatus::Pending | PaymentStatus::Paid | PaymentStatus::CardSaved
                );
                // The rules of the payment the booking holds (not of
                // another kind, nor once it was refunded or charged).
                if let Some(terms) = job
                    .payment_terms
                    .as_ref()
                    .filter(|t| held && t.kind == p.kind)
                {
                    notes.push(self.refund_rule(terms));
                }
                notes
            }
            MailKind::Cancellation => payment
                .map(|p| self.after_cancel(p, job.reservation.refund_if_cancelled_cents))
                .unwrap_or_default(),
            MailKind::PaymentRefunded => vec![self.refunded_in_full(payment)],
            MailKind::ConfirmEmail | MailKind::EmailChangeRequested | MailKind::ConfirmBooking => {
                Vec::new()
            }
        }
    }

    /// What the booking's payment is now: "Deposit paid: 120,00 €".
    fn paid(&self, p: &PaymentView) -> Option<String> {
        let amount = self.money(p.amount_cents, &p.currency);
        let fr = self.fr();
        Some(match (p.kind, p.status) {
            (PaymentKind::Deposit, PaymentStatus::Paid) if p.refunded_cents > 0 => {
                let refunded = self.money(p.refunded_cents, &p.currency);
                if fr {
                    format!("Acompte versé : {amount} (déjà remboursé : {refunded}).")
                } else {
                    format!("Deposit paid: {amount} ({refunded} already refunded).")
                }
            }
            (PaymentKind::Deposit, PaymentStatus::Paid) => {
                if fr {
                    format!("Acompte versé : {amount}.")
                } else {
                    format!("Deposit paid: {amount}.")
                }
            }
            (PaymentKind::Deposit, PaymentStatus::Pending) => {
                if fr {
                    format!("Acompte à régler : {amount}.")
                } else {
                    format!("Deposit to pay: {amount}.")
                }
            }
            (PaymentKind::Deposit, PaymentStatus::Refunded) => {
                let refunded = self.money(refunded_or_amount(p), &p.currency);
                if fr {
                    format!("Acompte remboursé sur votre carte : {refunded}.")
                } else {
                    format!("Deposit refunded to your card: {refunded}.")
                }
            }
            (PaymentKind::Guarantee, PaymentStatus::CardSaved | PaymentStatus::Pending) => {
                let verb = match (fr, p.status) {
                    (true, PaymentStatus::Pending) => "Carte à enregistrer en garantie",
                    (true, _) => "Carte enregistrée en garantie",
                    (false, PaymentStatus::Pending) => "Card to save as a guarantee",
                    (false, _) => "Card saved as a guarantee",
                };
                if fr {
                    format!("{verb} : une absence ou une annulation tardive coûte {amount}.")
                } else {
                    format!("{verb}: a no-show or a late cancellation costs {amount}.")
                }
            }
            (_, PaymentStatus::FeeCharged) if p.fee_charged_cents > 0 => {
                self.fee_charged(p.fee_charged_cents, &p.currency)
            }
            _ => return None,
        })
    }

    /// The refund rule, in words: "Cancel up to 48 hours before the meal:
    /// the deposit is refunded in full. Later: 50% is refunded."
    pub(super) fn refund_rule(&self, t: &PaymentTerms) -> String {
        let fr = self.fr();
        let cutoff = t.refund_cutoff_minutes;
        let percent = t.late_refund_percent.min(100);
        match t.kind {
            PaymentKind::Deposit if percent == 100 => self
                .pick(
                    "Si vous annulez, l'acompte vous est remboursé en entier.",
                    "If you cancel, the deposit is refunded in full.",
                )
                .to_owned(),
            PaymentKind::Deposit if cutoff == 0 => self
                .pick(
                    "Annulation avant le repas : l'acompte est remboursé en entier.",
                    "Cancel before the meal: the deposit is refunded in full.",
                )
                .to_owned(),
            PaymentKind::Deposit => {
                let before = self.before_meal(cutoff);
                match (fr, percent) {
                    (true, 0) => format!(
                        "Annulation jusqu'à {before} : l'acompte est remboursé en entier. \
                         Plus tard : il n'est pas remboursé."
                    ),
                    (false, 0) => format!(
                        "Cancel up to {before}: the deposit is refunded in full. \
                         Later: it is not refunded."
                    ),
                    (true, p) => format!(
                        "Annulation jusqu'à {before} : l'acompte est remboursé en entier. \
                         Plus tard : {p}\u{a0}% de l'acompte est remboursé."
                    ),
                    (false, p) => format!(
                        "Cancel up to {before}: the deposit is refunded in full. \
                         Later: {p}% is refunded."
                    ),
                }
            }
            PaymentKind::Guarantee if cutoff == 0 => self
                .pick(
                    "Annulation avant le repas : rien n'est débité.",
                    "Cancel before the meal: nothing is charged.",
                )
                .to_owned(),
            PaymentKind::Guarantee => {
                let before = self.before_meal(cutoff);
                if fr {
                    format!("Annulation jusqu'à {before} : rien n'est débité.")
                } else {
                    format!("Cancel up to {before}: nothing is charged.")
                }
            }
        }
    }

    /// What became of the payment of a cancelled booking. `pending` is what
    /// the cancellation refunds on top of what was refunded already (the
    /// view's `refund_if_cancelled_cents`, read before the refund was made;
    /// `Some(0)` when nothing is refunded, `None` when unknown).
    fn after_cancel(&self, p: &PaymentView, pending: Option<i64>) -> Vec<String> {
        let mut notes = Vec::new();
        let refunded = p.refunded_cents.max(0);
        let coming = pending.unwrap_or(0).max(0);
        let total = refunded + coming;
        let delay = self.pick(
            "(il peut falloir 5 à 10 jours pour le voir apparaître)",
            "(it can take 5 to 10 days to show)",
        );
        if coming > 0 {
            let total = self.money(total, &p.currency);
            notes.push(if self.fr() {
                format!("Remboursement de {total} en cours sur votre carte {delay}.")
            } else {
                format!("{total} is being refunded to your card {delay}.")
            });
        } else if refunded > 0 {
            let refunded = self.money(refunded, &p.currency);
            notes.push(if self.fr() {
                format!("Remboursement de {refunded} effectué sur votre carte {delay}.")
            } else {
                format!("{refunded} has been refunded to your card {delay}.")
            });
        }
        // What the restaurant keeps of a paid deposit, when the refund is
        // known.
        let kept = p.amount_cents - total;
        if p.kind == PaymentKind::Deposit
            && p.status == PaymentStatus::Paid
            && pending.is_some()
            && kept > 0
        {
            let deposit = self.money(p.amount_cents, &p.currency);
            notes.push(if kept >= p.amount_cents {
                if self.fr() {
                    format!("Le restaurant conserve votre acompte de {deposit}.")
                } else {
                    format!("The restaurant keeps your deposit of {deposit}.")
                }
            } else {
                let kept = self.money(kept, &p.currency);
                if self.fr() {
                    format!("Le restaurant conserve {kept} de votre acompte de {deposit}.")
                } else {
                    format!("The restaurant keeps {kept} of your deposit of {deposit}.")
                }
            });
        }
        if p.fee_charged_cents > 0 {
            notes.push(self.fee_charged(p.fee_charged_cents, &p.currency));
        }
        notes
    }

    fn fee_charged(&self, cents: i64, currency: &str) -> String {
        let fee = self.money(cents, currency);
        if self.fr() {
            format!("Frais débités sur votre carte : {fee}.")
        } else {
            format!("Fee charged to your card: {fee}.")
        }
    }

    /// A payment that came after the table was released: refunded in full.
    fn refunded_in_full(&self, payment: Option<&PaymentView>) -> String {
        let delay = self.pick(
            "(il peut falloir 5 à 10 jours pour le voir apparaître)",
            "(it can take 5 to 10 days to show)",
        );
        match payment {
            Some(p) if p.kind == PaymentKind::Guarantee => self
                .pick(
                    "Rien n'a été débité sur votre carte.",
                    "Nothing has been charged to your card.",
                )
                .to_owned(),
            Some(p) => {
                let amount = self.money(refunded_or_amount(p), &p.currency);
                if self.fr() {
                    format!(
                        "Votre paiement de {amount} vous a été remboursé en entier sur votre carte {delay}."
                    )
                } else {
                    format!(
                        "Your payment of {amount} has been refunded in full to your card {delay}."
                    )
                }
            }
            None => {
                if self.fr() {
                    format!(
                        "Votre paiement vous a été remboursé en entier sur votre carte {delay}."
                    )
                } else {
                    format!("Your payment has been refunded in full to your card {delay}.")
                }
            }
        }
    }
}

/// What a payment refunded in full gave back: what was refunded, else the
/// amount asked.
fn refunded_or_amount(p: &PaymentView) -> i64 {
    if p.refunded_cents > 0 {
        p.refunded_cents
    } else {
        p.amount_cents
    }
}
