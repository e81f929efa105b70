//! Translated labels of domain values: party sizes, services, slot
//! refusals, reservation statuses, booking flags, guest tags,
//! allergens and diets.

use super::dates::long_date;
use super::I18n;
use crate::i18n::*;
use domain::{
    Allergen, BookingFlag, Diet, ReservationSource, ReservationStatus, ServiceKind, SlotReason,
};

/// An amount of money in the page's language: "18,50 €", "€18.50".
pub fn money(i18n: I18n, cents: i64) -> String {
    domain::format_price(cents, i18n.get_locale().as_str())
}

/// "1 personne", "4 personnes" / "1 guest", "4 guests".
pub fn party_label(i18n: I18n, n: u32) -> String {
    if n == 1 {
        t_string!(i18n, party.single).to_string()
    } else {
        t_string!(i18n, party.many, count = n).to_string()
    }
}

pub fn reason_label(i18n: I18n, reason: SlotReason) -> &'static str {
    match reason {
        SlotReason::Closed => t_string!(i18n, reason.closed),
        SlotReason::PartySize => t_string!(i18n, reason.party_size),
        SlotReason::TooFarAhead => t_string!(i18n, reason.too_far_ahead),
        SlotReason::TooSoon => t_string!(i18n, reason.too_soon),
        SlotReason::Pacing => t_string!(i18n, reason.pacing),
        SlotReason::Full => t_string!(i18n, reason.full),
    }
}

pub fn service_label(i18n: I18n, kind: ServiceKind) -> &'static str {
    match kind {
        ServiceKind::Breakfast => t_string!(i18n, service.breakfast),
        ServiceKind::Brunch => t_string!(i18n, service.brunch),
        ServiceKind::Lunch => t_string!(i18n, service.lunch),
        ServiceKind::Afternoon => t_string!(i18n, service.afternoon),
        ServiceKind::Dinner => t_string!(i18n, service.dinner),
        ServiceKind::LateNight => t_string!(i18n, service.late_night),
    }
}

/// Where a booking's deposit or card guarantee stands, in words.
pub fn payment_badge(i18n: I18n, status: domain::PaymentStatus) -> &'static str {
    match status {
        domain::PaymentStatus::Pending => t_string!(i18n, payments_admin.badge_pending),
        domain::PaymentStatus::Paid => t_string!(i18n, payments_admin.badge_paid),
        domain::PaymentStatus::CardSaved => t_string!(i18n, payments_admin.badge_card_saved),
        domain::PaymentStatus::Expired => t_string!(i18n, payments_admin.badge_expired),
        domain::PaymentStatus::Refunded => t_string!(i18n, payments_admin.badge_refunded),
        domain::PaymentStatus::FeeCharged => t_string!(i18n, payments_admin.badge_fee_charged),
    }
}

pub fn status_label(i18n: I18n, status: ReservationStatus) -> &'static str {
    match status {
        ReservationStatus::PendingPayment => t_string!(i18n, status.pending_payment),
        ReservationStatus::PendingConfirmation => t_string!(i18n, status.pending_confirmation),
        ReservationStatus::Confirmed => t_string!(i18n, status.confirmed),
        ReservationStatus::Arrived => t_string!(i18n, status.arrived),
        ReservationStatus::Seated => t_string!(i18n, status.seated),
        ReservationStatus::Completed => t_string!(i18n, status.completed),
        ReservationStatus::Cancelled => t_string!(i18n, status.cancelled),
        ReservationStatus::NoShow => t_string!(i18n, status.no_show),
    }
}

/// Where a booking came from: online, phone, walk-in.
pub fn source_label(i18n: I18n, source: ReservationSource) -> &'static str {
    match source {
        ReservationSource::Online => t_string!(i18n, list.source_online),
        ReservationSource::Phone => t_string!(i18n, list.source_phone),
        ReservationSource::WalkIn => t_string!(i18n, list.source_walk_in),
    }
}

/// What the host should notice about a booking.
pub fn flag_label(i18n: I18n, flag: BookingFlag) -> &'static str {
    match flag {
        BookingFlag::LargeParty => t_string!(i18n, staff.flag_large),
        BookingFlag::Allergy => t_string!(i18n, staff.flag_allergy),
        BookingFlag::Occasion => t_string!(i18n, staff.flag_occasion),
        BookingFlag::Notes => t_string!(i18n, staff.flag_notes),
        BookingFlag::RepeatNoShow => t_string!(i18n, staff.flag_repeat_no_show),
    }
}

/// A guest tag: the known ones translated, staff's own as written.
pub fn guest_tag_label(i18n: I18n, tag: &str) -> String {
    match tag {
        "vip" => t_string!(i18n, guests.tag_vip),
        "regular" => t_string!(i18n, guests.tag_regular),
        "allergy" => t_string!(i18n, guests.tag_allergy),
        "press" => t_string!(i18n, guests.tag_press),
        "staff" => t_string!(i18n, guests.tag_staff),
        "difficult" => t_string!(i18n, guests.tag_difficult),
        other => return other.to_owned(),
    }
    .to_owned()
}

/// The guest tags the screens know, offered while typing in an input
/// with `list="known-tags"`.
#[leptos::component]
pub fn KnownTags() -> impl leptos::IntoView {
    use leptos::prelude::*;
    let i18n = use_i18n();
    view! {
        <datalist id="known-tags">
            {domain::GuestTags::KNOWN.into_iter().map(|tag| view! {
                <option value=tag>{move || guest_tag_label(i18n, tag)}</option>
            }).collect_view()}
        </datalist>
    }
}

/// "mardi 1 décembre 2026 à 19:30".
pub fn date_time_label(i18n: I18n, date: &str, time: &str) -> String {
    t_string!(i18n, date.at, date = long_date(i18n, date), time = time).to_string()
}

/// Cut-off in whole hours, rounded up ("2"), as the policy texts say it.
pub fn cutoff_hours(minutes: u32) -> u32 {
    minutes.div_ceil(60)
}

/// A dietary tag's name ("Vegetarian", "Végétarien").
pub fn diet_label(i18n: I18n, diet: Diet) -> &'static str {
    match diet {
        Diet::Vegetarian => t_string!(i18n, menu.diet.vegetarian),
        Diet::Vegan => t_string!(i18n, menu.diet.vegan),
        Diet::GlutenFree => t_string!(i18n, menu.diet.gluten_free),
        Diet::DairyFree => t_string!(i18n, menu.diet.dairy_free),
        Diet::Halal => t_string!(i18n, menu.diet.halal),
        Diet::Kosher => t_string!(i18n, menu.diet.kosher),
    }
}

/// One of the EU's 14 allergens, named as the regulation does.
pub fn allergen_label(i18n: I18n, allergen: Allergen) -> &'static str {
    match allergen {
        Allergen::Gluten => t_string!(i18n, menu.allergen.gluten),
        Allergen::Crustaceans => t_string!(i18n, menu.allergen.crustaceans),
        Allergen::Eggs => t_string!(i18n, menu.allergen.eggs),
        Allergen::Fish => t_string!(i18n, menu.allergen.fish),
        Allergen::Peanuts => t_string!(i18n, menu.allergen.peanuts),
        Allergen::Soybeans => t_string!(i18n, menu.allergen.soybeans),
        Allergen::Milk => t_string!(i18n, menu.allergen.milk),
        Allergen::Nuts => t_string!(i18n, menu.allergen.nuts),
        Allergen::Celery => t_string!(i18n, menu.allergen.celery),
        Allergen::Mustard => t_string!(i18n, menu.allergen.mustard),
        Allergen::Sesame => t_string!(i18n, menu.allergen.sesame),
        Allergen::Sulphites => t_string!(i18n, menu.allergen.sulphites),
        Allergen::Lupin => t_string!(i18n, menu.allergen.lupin),
        Allergen::Molluscs => t_string!(i18n, menu.allergen.molluscs),
    }
}
