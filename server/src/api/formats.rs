//! The wire formats of input values, as named OpenAPI schemas built from
//! the limits the handlers check (the `domain` parsers and their
//! constants), so that the document says what the server accepts. Request
//! shapes point at them with `#[schema(value_type = formats::Date)]`;
//! query parameters with [`query`].
//!
//! Regular expressions cannot be built from every rule: where a pattern
//! repeats a domain constant, a compile-time assertion stops the build when
//! the constant moves. What no schema can state (a date within the booking
//! window, a time that is one of the day's seatings, a password that is too
//! common) is answered 409 or 422 and said so in the operation.

use domain::{
    Date as DomainDate, Email as DomainEmail, GuestName as DomainName, Locale as DomainLocale,
    Notes as DomainNotes, PartySize as DomainPartySize, Password as DomainPassword,
    ReservationStatus, Role as DomainRole, ServiceKind, SlotReason,
};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{KnownFormat, Object, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{RefOr, Required, Schema};
use utoipa::{PartialSchema, ToSchema};

/// Declares a named schema: a marker type whose schema is `$build`.
macro_rules! wire_format {
    ($(#[$doc:meta])* $name:ident => $build:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                let object: Object = $build;
                RefOr::T(Schema::Object(object))
            }
        }

        impl ToSchema for $name {}
    };
}

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

fn custom_format(name: &str) -> Option<SchemaFormat> {
    Some(SchemaFormat::Custom(name.to_owned()))
}

/// `YYYY-MM-DD` with the years [`domain::Date`] accepts.
pub const DATE_PATTERN: &str =
    "^(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
const _: () = assert!(
    DomainDate::MIN_YEAR == 1900 && DomainDate::MAX_YEAR == 2200,
    "update DATE_PATTERN to the years domain::Date accepts"
);

/// `YYYY-MM`.
pub const MONTH_PATTERN: &str = "^[0-9]{4}-(0[1-9]|1[0-2])$";

/// `HH:MM` on the 24-hour clock face (`24:00` is not a seating).
pub const TIME_PATTERN: &str = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

/// The hidden format characters, as a character-class range list.
macro_rules! hidden {
    () => {
        r"\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb"
    };
}

/// Control characters (Unicode `Cc`), refused in names, and the hidden
/// format characters every text refuses ([`domain::booking`]'s
/// `is_hidden_format`: soft hyphen, zero-width and direction marks).
const CONTROL: &str = concat!(r"\x00-\x1f\x7f-\x9f", hidden!());
/// What `str::trim` removes besides control characters (Unicode `White_Space`).
const SPACE: &str = r"\x20\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// A guest's name: no control character, and something left once trimmed.
fn name_pattern() -> String {
    format!("^[^{CONTROL}]*[^{CONTROL}{SPACE}][^{CONTROL}]*$")
}

/// What [`domain::GuestTags::parse`] accepts in one tag: letters (Latin
/// ones, in this document), digits, spaces and `-`.
pub const GUEST_TAG_PATTERN: &str =
    r"^[ 0-9A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u012F\u0131-\u024F-]*$";
/// Tags, comma-separated.
pub const GUEST_TAGS_PATTERN: &str =
    r"^[ ,0-9A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u012F\u0131-\u024F-]*$";

/// Special requests: no control character except tab and line breaks.
pub const NOTES_PATTERN: &str =
    concat!(r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f", hidden!(), "]*$");

/// What [`domain::Phone::parse`] accepts: `+` and 8 to 15 digits (E.164,
/// no leading 0), `00` and the same, or a 10-digit French national number;
/// spaces, dots, dashes and parentheses anywhere between the digits.
pub const PHONE_PATTERN: &str = concat!(
    r"^(\+[ .()\xa0-]*[1-9]([ .()\xa0-]*[0-9]){7,14}",
    r"|[ .()\xa0-]*0[ .()\xa0-]*0[ .()\xa0-]*[1-9]([ .()\xa0-]*[0-9]){7,14}",
    r"|[ .()\xa0-]*0[ .()\xa0-]*[1-9]([ .()\xa0-]*[0-9]){8})[ .()\xa0-]*$"
);

wire_format! {
    /// A calendar date at the restaurant.
    Date => string()
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .pattern(Some(DATE_PATTERN))
        .description(Some(format!(
            "A date, `YYYY-MM-DD`, years {} to {}.",
            DomainDate::MIN_YEAR,
            DomainDate::MAX_YEAR
        )))
        .examples(["2026-12-02"])
        .build()
}

wire_format! {
    /// A month, `YYYY-MM`.
    Month => string()
        .pattern(Some(MONTH_PATTERN))
        .description(Some("A month, `YYYY-MM`."))
        .examples(["2026-12"])
        .build()
}

wire_format! {
    /// A local time of day, `HH:MM`.
    Time => string()
        .pattern(Some(TIME_PATTERN))
        .description(Some("A local time at the restaurant, `HH:MM` (24-hour clock)."))
        .examples(["19:30"])
        .build()
}

wire_format! {
    /// The number of guests.
    PartySize => ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(1))
        .maximum(Some(DomainPartySize::MAX))
        .description(Some(format!(
            "Number of guests, 1 to {}. Larger parties than the restaurant takes \
             online are answered as unavailable (`party_size`), not refused.",
            DomainPartySize::MAX
        )))
        .examples([2])
        .build()
}

wire_format! {
    /// A person's name.
    GuestName => string()
        .min_length(Some(1))
        .max_length(Some(DomainName::MAX_CHARS))
        .pattern(Some(name_pattern()))
        .description(Some(format!(
            "A name: 1 to {} characters once trimmed, no control characters.",
            DomainName::MAX_CHARS
        )))
        .examples(["Ada Lovelace"])
        .build()
}

wire_format! {
    /// An e-mail address.
    Email => string()
        .format(custom_format("email"))
        .max_length(Some(DomainEmail::MAX_LEN))
        .description(Some(format!(
            "An e-mail address: a local part of letters, digits and \
             `!#$%&'*+-/=?^_`{{|}}~` with single dots between (no quotes, \
             no spaces; non-ASCII letters allowed), one `@`, a dotted domain, \
             at most {} bytes.",
            DomainEmail::MAX_LEN
        )))
        .examples(["ada@example.com"])
        .build()
}

wire_format! {
    /// A phone number.
    Phone => string()
        .pattern(Some(PHONE_PATTERN))
        .description(Some(
            "A phone number: E.164 (`+33612345678`), `00` and the same, or a French \
             national number (`06 12 34 56 78`); spaces, dots, dashes and parentheses \
             are allowed between digits. Answered in E.164.",
        ))
        .examples(["+33612345678"])
        .build()
}

wire_format! {
    /// Special requests.
    Notes => string()
        .max_length(Some(DomainNotes::MAX_CHARS))
        .pattern(Some(NOTES_PATTERN))
        .description(Some(format!(
            "Special requests: at most {} characters, line breaks allowed.",
            DomainNotes::MAX_CHARS
        )))
        .build()
}

/// `YYYY-MM-DDTHH:MM` (`:00` seconds allowed), what a `datetime-local`
/// field sends.
pub fn local_date_time_pattern() -> String {
    let date = DATE_PATTERN.trim_start_matches('^').trim_end_matches('$');
    let time = TIME_PATTERN.trim_start_matches('^').trim_end_matches('$');
    format!("^{date}T{time}(:00)?$")
}

wire_format! {
    /// A local date and time at the restaurant.
    LocalDateTime => string()
        .pattern(Some(local_date_time_pattern()))
        .description(Some(
            "A local date and time at the restaurant, `YYYY-MM-DDTHH:MM`.",
        ))
        .examples(["2026-12-24T18:00"])
        .build()
}

wire_format! {
    /// Why tables are blocked.
    BlockReason => string()
        .min_length(Some(1))
        .max_length(Some(domain::blocks::MAX_REASON_CHARS))
        .pattern(Some(name_pattern()))
        .description(Some(format!(
            "Why: 1 to {} characters on one line.",
            domain::blocks::MAX_REASON_CHARS
        )))
        .examples(["Private party"])
        .build()
}

wire_format! {
    /// A day's shift note.
    ShiftNoteText => string()
        .max_length(Some(domain::ShiftNote::MAX_CHARS))
        .pattern(Some(NOTES_PATTERN))
        .description(Some(format!(
            "The note: at most {} characters, line breaks allowed; empty removes it.",
            domain::ShiftNote::MAX_CHARS
        )))
        .build()
}

/// Plain text that is not blank: no control character but tab and line
/// breaks, something left once trimmed.
fn text_pattern() -> String {
    let control = concat!(r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f", hidden!());
    let blank = r"\x09-\x0d\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";
    format!("^[^{control}]*[^{control}{blank}][^{control}]*$")
}

wire_format! {
    /// The tags staff give a guest.
    GuestTagsText => string()
        .max_length(Some(400))
        .pattern(Some(GUEST_TAGS_PATTERN))
        .description(Some(format!(
            "Tags, comma-separated (`vip, regular, allergy`): letters, digits, spaces and \
             `-`, at most {} characters each and {} in all; stored lower case, each once.",
            domain::GuestTags::MAX_CHARS,
            domain::GuestTags::MAX
        )))
        .build()
}

wire_format! {
    /// A staff note about one booking.
    InternalNoteText => string()
        .min_length(Some(1))
        .max_length(Some(domain::InternalNote::MAX_CHARS))
        .pattern(Some(text_pattern()))
        .description(Some(format!(
            "The note: 1 to {} characters, line breaks allowed.",
            domain::InternalNote::MAX_CHARS
        )))
        .build()
}

wire_format! {
    /// The name of an area, a table or a combination.
    SetupName => string()
        .min_length(Some(1))
        .max_length(Some(domain::floor::MAX_NAME_CHARS))
        .pattern(Some(name_pattern()))
        .description(Some(format!(
            "A name, 1 to {} characters on one line, unique in the restaurant.",
            domain::floor::MAX_NAME_CHARS
        )))
        .examples(["Terrasse"])
        .build()
}

wire_format! {
    /// Why staff cancel a booking.
    CancelReasonText => string()
        .min_length(Some(1))
        .max_length(Some(domain::CancelReason::MAX_CHARS))
        .pattern(Some(text_pattern()))
        .description(Some(format!(
            "The reason, kept in the booking's history: 1 to {} characters.",
            domain::CancelReason::MAX_CHARS
        )))
        .build()
}

/// Every language, from the domain's own names (a new variant fails to
/// compile here until it is listed).
fn locales() -> [&'static str; 2] {
    let _exhaustive = |l: DomainLocale| match l {
        DomainLocale::Fr | DomainLocale::En => (),
    };
    [DomainLocale::Fr.as_str(), DomainLocale::En.as_str()]
}

wire_format! {
    /// A language of the restaurant's pages and e-mails.
    Locale => string()
        .enum_values(Some(locales()))
        .description(Some(
            "A language: `fr` or `en` (a tag such as `en-GB` is read as its language).",
        ))
        .build()
}

fn roles() -> [&'static str; 3] {
    let _exhaustive = |r: DomainRole| match r {
        DomainRole::Diner | DomainRole::Staff | DomainRole::Admin => (),
    };
    [DomainRole::Diner, DomainRole::Staff, DomainRole::Admin].map(DomainRole::as_str)
}

wire_format! {
    /// An account's role.
    Role => string()
        .enum_values(Some(roles()))
        .description(Some("An account's role."))
        .build()
}

wire_format! {
    /// The role of an invited staff member.
    StaffRole => string()
        .enum_values(Some(
            roles()
                .into_iter()
                .filter(|r| DomainRole::parse(r).is_some_and(DomainRole::is_staff)),
        ))
        .description(Some("The role of a staff member: `staff` or `admin`."))
        .build()
}

wire_format! {
    /// A new password.
    NewPassword => string()
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Password)))
        .min_length(Some(DomainPassword::MIN_CHARS))
        .max_length(Some(DomainPassword::MAX_CHARS))
        .description(Some(format!(
            "A new password, {} to {} characters. A common one (a well-known password, \
             one repeated character, a run such as `abcdefghijkl`) is refused with 422 \
             and `reason` `too_common`.",
            DomainPassword::MIN_CHARS,
            DomainPassword::MAX_CHARS
        )))
        .build()
}

fn statuses() -> [&'static str; 8] {
    use ReservationStatus as S;
    let _exhaustive = |s: S| match s {
        S::PendingPayment
        | S::PendingConfirmation
        | S::Confirmed
        | S::Arrived
        | S::Seated
        | S::Completed
        | S::Cancelled
        | S::NoShow => {}
    };
    [
        S::PendingPayment,
        S::PendingConfirmation,
        S::Confirmed,
        S::Arrived,
        S::Seated,
        S::Completed,
        S::Cancelled,
        S::NoShow,
    ]
    .map(S::as_str)
}

wire_format! {
    /// Where a reservation stands.
    Status => string().enum_values(Some(statuses())).build()
}

wire_format! {
    /// How staff took a booking: `phone`, or `walk_in` (seated now when
    /// no date and time are given).
    TakenSource => string().enum_values(Some(["phone", "walk_in"])).build()
}

fn services() -> [&'static str; ServiceKind::ALL.len()] {
    ServiceKind::ALL.map(ServiceKind::as_str)
}

wire_format! {
    /// A service of the day.
    Period => string().enum_values(Some(services())).build()
}

fn slot_reasons() -> [&'static str; 6] {
    use SlotReason as R;
    let _exhaustive = |r: R| match r {
        R::Closed | R::PartySize | R::TooFarAhead | R::TooSoon | R::Pacing | R::Full => (),
    };
    [
        R::Closed,
        R::PartySize,
        R::TooFarAhead,
        R::TooSoon,
        R::Pacing,
        R::Full,
    ]
    .map(R::as_str)
}

wire_format! {
    /// Why a slot cannot be booked online.
    Unavailability => string()
        .enum_values(Some(slot_reasons()))
        .description(Some(
            "Why a slot cannot be booked: `closed`, `party_size` (too small or too large \
             to book online), `too_far_ahead`, `too_soon`, `pacing` (enough guests \
             already arrive then) or `full`.",
        ))
        .build()
}

/// An instant, RFC 3339 with the restaurant's UTC offset.
pub fn instant() -> Object {
    string()
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
        .description(Some(
            "An instant, RFC 3339 with the restaurant's UTC offset.",
        ))
        .examples(["2026-12-02T19:30:00+01:00"])
        .build()
}

/// A query-string parameter whose schema is the named format `T`.
pub fn query<T: ToSchema>(name: &str, required: bool, description: &str) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(if required {
            Required::True
        } else {
            Required::False
        })
        .description(Some(description))
        .schema(Some(utoipa::openapi::Ref::from_schema_name(T::name())))
        .build()
}

/// A query-string integer parameter.
/// An optional text query parameter with its schema.
pub fn text_param(name: &str, description: &str, build: ObjectBuilder) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(build))
        .build()
}

pub fn query_integer(name: &str, min: u32, max: u32, description: &str) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                .minimum(Some(min))
                .maximum(Some(max)),
        ))
        .build()
}

/// A whole number in a JSON body, as JSON Schema counts them: `2` and
/// `2.0` alike (the document says `integer`, and a client that writes
/// numbers as floats is still right). A fraction or a number out of
/// range names its field (422).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Whole(pub i64);

impl<'de> serde::Deserialize<'de> for Whole {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Whole;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Whole, E> {
                i64::try_from(v)
                    .map(Whole)
                    .map_err(|_| E::custom("a whole number out of range"))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Whole, E> {
                // 2^53: beyond it a float no longer holds every whole number.
                const EXACT: f64 = 9_007_199_254_740_992.0;
                if v.fract() == 0.0 && v.abs() <= EXACT {
                    #[allow(clippy::cast_possible_truncation)]
                    Ok(Whole(v as i64))
                } else {
                    Err(E::custom("not a whole number"))
                }
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod whole_tests {
    use super::Whole;

    #[test]
    fn whole_numbers_may_be_written_as_floats() {
        let read = |s: &str| serde_json::from_str::<Whole>(s).ok();
        assert_eq!(read("290"), Some(Whole(290)));
        assert_eq!(read("290.0"), Some(Whole(290)));
        assert_eq!(read("-3e2"), Some(Whole(-300)));
        assert_eq!(read("290.5"), None);
        assert_eq!(read("1e300"), None);
        assert_eq!(read("\"290\""), None);
        assert_eq!(read("18446744073709551615"), None);
    }
}
