//! Booking: the guest's details as validated values, and the shapes that
//! cross the wire between the server and the browser (availability,
//! reservations, policies).
//!
//! Instants travel as RFC 3339 strings and local dates/times as
//! `YYYY-MM-DD` / `HH:MM` strings, so this crate needs no date library.
//!
//! `guest` holds the guest's input as validated values, `wire` the shapes
//! that cross the wire.

mod calendar;
mod details;
mod guest;
mod list;
mod live;
mod staff;
mod taken;
mod wire;

pub use calendar::{CalendarDay, CalendarPeriod, CalendarSpan, CalendarView};
pub use details::{
    CancelReason, HistoryChange, HistoryEntry, InternalNote, StaffReservationDetails,
};
pub(crate) use guest::is_hidden_format;
pub use guest::{DetailsError, Email, GuestDetails, GuestName, Locale, Notes, PartySize, Phone};
pub use list::{
    BulkAction, BulkKind, BulkOutcome, BulkRefusal, Cursor, ListSort, ReservationFilter,
    ReservationFilterInput, ReservationPage,
};
pub use live::{LiveArea, LiveFloor, LiveTable, TableNow};
pub use staff::{
    BookingFlag, DayBlock, PacingSlot, ReservationSource, ShiftNote, StaffDay, StaffPeriod,
    StaffReservation, StaffTable, Stage,
};
pub use taken::{StaffBooking, StaffBookingInput};
pub use wire::{
    Alternative, BookedReservation, BookingPolicy, DayFlag, DaySlots, FreeSlot, MonthDays,
    NextFree, PeriodSlots, ReservationStatus, ReservationView, SlotReason, SlotView,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            GuestName::parse("  Ada Lovelace ").unwrap().as_str(),
            "Ada Lovelace"
        );
        assert_eq!(GuestName::parse("   "), Err(DetailsError::Name));
        assert_eq!(GuestName::parse(&"é".repeat(101)), Err(DetailsError::Name));
        assert!(GuestName::parse(&"é".repeat(100)).is_ok());
        assert_eq!(GuestName::parse("a\u{0}b"), Err(DetailsError::Name));
        // Hidden format characters (a right-to-left override, a zero-width
        // space) are refused in names and notes; joiners stay allowed.
        assert_eq!(
            GuestName::parse("Ada \u{202E}ecilA"),
            Err(DetailsError::Name)
        );
        assert_eq!(GuestName::parse("Ada\u{200B}"), Err(DetailsError::Name));
        assert_eq!(
            Notes::parse("birthday \u{2066}x\u{2069}"),
            Err(DetailsError::Notes)
        );
        assert!(GuestName::parse("می\u{200C}خواهم").is_ok());
        assert!(Notes::parse("👨\u{200D}👩\u{200D}👧 family").is_ok());
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" Ada@Example.COM ").unwrap().as_str(),
            "Ada@example.com"
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "a da@example.com",
            "ada@exa_mple.com",
            "ada@.example.com",
            "ada@example..com",
            // What the mailer (lettre) would refuse: not a dot-atom.
            ".ada@example.com",
            "ada.@example.com",
            "a..da@example.com",
            "a(da)@example.com",
            "a,da@example.com",
            "\"ada\"@example.com",
        ] {
            assert_eq!(Email::parse(bad), Err(DetailsError::Email), "{bad:?}");
        }
    }

    #[test]
    fn phones_become_e164() {
        for (raw, want) in [
            ("+33 6 12 34 56 78", "+33612345678"),
            ("06.12.34.56.78", "+33612345678"),
            ("0044 20 7946 0958", "+442079460958"),
            ("+44 20 7946 0958", "+442079460958"),
            ("+1-212-555-0100", "+12125550100"),
        ] {
            assert_eq!(Phone::parse(raw).unwrap().as_str(), want, "{raw:?}");
        }
        for bad in [
            "",
            "12345",
            "+0 123 456 789",
            "+33 6 12 34 56 78 90 12 34",
            "06 12 34 56",
            "call me",
            "+33+612345678",
        ] {
            assert_eq!(Phone::parse(bad), Err(DetailsError::Phone), "{bad:?}");
        }
    }

    #[test]
    fn notes_and_party_sizes() {
        assert_eq!(
            Notes::parse(" window seat\nplease ").unwrap().as_str(),
            "window seat\nplease"
        );
        assert_eq!(Notes::parse(&"x".repeat(501)), Err(DetailsError::Notes));
        assert_eq!(PartySize::parse(0), Err(DetailsError::PartySize));
        assert_eq!(PartySize::parse(-3), Err(DetailsError::PartySize));
        assert_eq!(PartySize::parse(100), Err(DetailsError::PartySize));
        assert_eq!(PartySize::parse(4).unwrap().get(), 4);
    }

    #[test]
    fn locales() {
        assert_eq!(Locale::parse("en-GB"), Ok(Locale::En));
        assert_eq!(Locale::parse("FR"), Ok(Locale::Fr));
        assert_eq!(Locale::parse("de"), Err(DetailsError::Locale));
        assert_eq!(Locale::parse("eng"), Err(DetailsError::Locale));
        assert_eq!(
            Locale::from_accept_language("de-DE,en;q=0.8,fr;q=0.5"),
            Locale::En
        );
        assert_eq!(Locale::from_accept_language("de"), Locale::Fr);
    }

    #[test]
    fn details_report_every_bad_field_in_order() {
        let errors = GuestDetails::errors("", "nope", "+33612345678", "");
        assert_eq!(errors, [DetailsError::Name, DetailsError::Email]);
        assert_eq!(
            GuestDetails::parse("", "nope", "x", "").unwrap_err(),
            DetailsError::Name
        );
    }

    #[test]
    fn deserialization_validates() {
        assert!(serde_json::from_str::<Email>("\"not-an-email\"").is_err());
        assert!(serde_json::from_str::<PartySize>("0").is_err());
        let p: PartySize = serde_json::from_str("2").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "2");
    }

    proptest::proptest! {
        #[test]
        fn parsed_phones_are_e164(raw in "[+0-9 .()-]{0,24}") {
            if let Ok(phone) = Phone::parse(&raw) {
                let s = phone.as_str();
                proptest::prop_assert!(s.starts_with('+'));
                proptest::prop_assert!((9..=16).contains(&s.len()));
                proptest::prop_assert!(s[1..].chars().all(|c| c.is_ascii_digit()));
                proptest::prop_assert_eq!(Phone::parse(s).unwrap(), phone.clone());
            }
        }

        #[test]
        fn valid_emails_parse_and_round_trip(
            (local, domain) in valid_email(),
            pad in "[ \t]{0,2}",
        ) {
            let raw = format!("{pad}{local}@{domain}{pad}");
            let email = Email::parse(&raw);
            proptest::prop_assert!(email.is_ok(), "{:?} refused", raw);
            let email = email.unwrap();
            // Trimmed, the domain lower-cased, the local part as typed.
            proptest::prop_assert_eq!(
                email.as_str(),
                format!("{local}@{}", domain.to_lowercase())
            );
            proptest::prop_assert_eq!(Email::parse(email.as_str()).unwrap(), email.clone());
            let json = serde_json::to_string(&email).unwrap();
            proptest::prop_assert_eq!(serde_json::from_str::<Email>(&json).unwrap(), email);
        }

        #[test]
        fn broken_emails_are_refused(raw in invalid_email()) {
            proptest::prop_assert_eq!(Email::parse(&raw), Err(DetailsError::Email), "{:?}", raw);
            proptest::prop_assert!(serde_json::from_value::<Email>(raw.into()).is_err());
        }
    }

    /// (local part, domain) of a valid address: common local-part
    /// characters, two to four labels of letters and digits with inner
    /// hyphens, in any case.
    fn valid_email() -> impl proptest::strategy::Strategy<Value = (String, String)> {
        use proptest::strategy::Strategy;
        let label = "[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?";
        (
            "[A-Za-z0-9%+_-]{1,20}(\\.[A-Za-z0-9%+_-]{1,20}){0,2}",
            proptest::collection::vec(label, 2..5),
        )
            .prop_map(|(local, labels)| (local, labels.join(".")))
    }

    /// A valid address broken in one way.
    fn invalid_email() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::{Just, Strategy};
        valid_email().prop_flat_map(|(local, domain)| {
            let undotted = domain.replace('.', "");
            proptest::prop_oneof![
                Just(format!("{local}{domain}")),
                Just(format!("@{domain}")),
                Just(format!("{local}@")),
                Just(format!("{local}@@{domain}")),
                Just(format!("{local}@{domain}@example.com")),
                Just(format!("{local} x@{domain}")),
                Just(format!("{local}@{domain}\u{7}")),
                Just(format!("{local}@{undotted}")),
                Just(format!("{local}@.{domain}")),
                Just(format!("{local}@{domain}.")),
                Just(format!("{local}@{domain}..com")),
                Just(format!("{local}@-{domain}")),
                Just(format!("{local}@{domain}-")),
                Just(format!("{local}@{domain}_x.com")),
                Just(format!("{}@{domain}", "x".repeat(65))),
                Just(format!("{local}@{}.com", "a".repeat(250))),
            ]
        })
    }
}
