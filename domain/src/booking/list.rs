//! The staff's reservations list: its filters as typed (a query string, a
//! server function's arguments), validated all at once, and the page of
//! bookings it answers with an opaque cursor to the next one.

use super::guest::{Notes, PartySize};
use super::staff::{ReservationSource, StaffReservation};
use super::wire::ReservationStatus;
use crate::form::FieldError;
use crate::restaurant::ServiceKind;
use crate::time::Date;
use serde::{Deserialize, Serialize};

/// The filters as typed: every value is text, as in a query string.
/// `status` and `source` are comma-separated lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservationFilterInput {
    pub from: Option<String>,
    pub to: Option<String>,
    pub status: Option<String>,
    pub source: Option<String>,
    pub party_min: Option<String>,
    pub party_max: Option<String>,
    pub q: Option<String>,
    /// A guest tag (`vip`): bookings of guests carrying it.
    pub tag: Option<String>,
    /// A service (`lunch`, `dinner`, ... see [`ServiceKind`]).
    pub period: Option<String>,
    pub sort: Option<String>,
    pub after: Option<String>,
    pub limit: Option<String>,
}

/// The order of the list; each has its own cursor key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListSort {
    /// By start, earliest first (the default).
    #[default]
    Time,
    /// By start, latest first.
    TimeDesc,
    /// The bookings made last first.
    Created,
}

impl ListSort {
    pub const ALL: [ListSort; 3] = [ListSort::Time, ListSort::TimeDesc, ListSort::Created];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "time" => ListSort::Time,
            "-time" => ListSort::TimeDesc,
            "created" => ListSort::Created,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ListSort::Time => "time",
            ListSort::TimeDesc => "-time",
            ListSort::Created => "created",
        }
    }
}

/// Where a page ends: the sort key (an instant, in Unix seconds) and the id
/// of its last booking. On the wire an opaque string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cursor {
    pub at: i64,
    pub id: i64,
}

impl Cursor {
    pub fn encode(self) -> String {
        format!("{}_{}", self.at, self.id)
    }

    pub fn decode(s: &str) -> Option<Self> {
        let (at, id) = s.trim().split_once('_')?;
        let digits =
            |p: &str| !p.is_empty() && p.len() <= 19 && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(at) || !digits(id) {
            return None;
        }
        Some(Cursor {
            at: at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

/// Validated filters. Dates left out are chosen by the service (from the
/// restaurant's today); empty lists mean every status or source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReservationFilter {
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub statuses: Vec<ReservationStatus>,
    pub sources: Vec<ReservationSource>,
    pub party_min: Option<u32>,
    pub party_max: Option<u32>,
    /// Lower-cased, trimmed; empty: no search.
    pub q: String,
    /// A guest tag, lower case.
    pub tag: Option<String>,
    /// Bookings of this service only.
    pub period: Option<ServiceKind>,
    pub sort: ListSort,
    pub after: Option<Cursor>,
    pub limit: u32,
}

impl ReservationFilter {
    pub const DEFAULT_LIMIT: u32 = 50;
    pub const MAX_LIMIT: u32 = 200;
    /// The longest search text.
    pub const MAX_QUERY_CHARS: usize = 100;
    /// A search counts its matches up to this many: staff look for a
    /// guest, and "more than 1,000" tells them to narrow it down (counting
    /// every match of a common name cost more than the page itself).
    pub const SEARCH_COUNT_CAP: u32 = 1000;

    /// Validates every filter; the error names each one at fault, in form
    /// order (`to` before `from` is `to`'s fault).
    pub fn parse(input: &ReservationFilterInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let given = |v: &Option<String>| crate::given(v.as_deref()).map(str::to_owned);
        let mut bad = |field: &str| errors.push(FieldError::invalid(field));

        let from = given(&input.from).map(|s| Date::parse(&s));
        if matches!(from, Some(Err(_))) {
            bad("from");
        }
        let to = given(&input.to).map(|s| Date::parse(&s));
        let to_ok = match (&from, &to) {
            (_, Some(Err(_))) => false,
            (Some(Ok(f)), Some(Ok(t))) => t >= f,
            _ => true,
        };
        if !to_ok {
            bad("to");
        }
        let statuses = list(given(&input.status), ReservationStatus::parse);
        if statuses.is_none() {
            bad("status");
        }
        let sources = list(given(&input.source), ReservationSource::parse);
        if sources.is_none() {
            bad("source");
        }
        let party = |v: &Option<String>| {
            given(v).map(|s| {
                s.parse::<i64>()
                    .ok()
                    .and_then(|n| PartySize::parse(n).ok())
                    .map(PartySize::get)
            })
        };
        let party_min = party(&input.party_min);
        if matches!(party_min, Some(None)) {
            bad("party_min");
        }
        let party_max = party(&input.party_max);
        let max_ok = match (party_min, party_max) {
            (_, Some(None)) => false,
            (Some(Some(lo)), Some(Some(hi))) => hi >= lo,
            _ => true,
        };
        if !max_ok {
            bad("party_max");
        }
        let q = given(&input.q).unwrap_or_default();
        let q_ok = q.chars().count() <= Self::MAX_QUERY_CHARS && Notes::parse(&q).is_ok();
        if !q_ok {
            bad("q");
        }
        let tag = crate::GuestTags::parse_one(input.tag.as_deref().unwrap_or(""));
        if tag.is_err() {
            bad("tag");
        }
        let period = given(&input.period).map(|s| ServiceKind::parse(&s));
        if matches!(period, Some(None)) {
            bad("period");
        }
        let sort = given(&input.sort).map(|s| ListSort::parse(&s));
        if matches!(sort, Some(None)) {
            bad("sort");
        }
        let after = given(&input.after).map(|s| Cursor::decode(&s));
        if matches!(after, Some(None)) {
            bad("after");
        }
        let limit = given(&input.limit).map(|s| {
            s.parse::<u32>()
                .ok()
                .filter(|n| (1..=Self::MAX_LIMIT).contains(n))
        });
        if matches!(limit, Some(None)) {
            bad("limit");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ReservationFilter {
            from: from.and_then(Result::ok),
            to: to.and_then(Result::ok),
            statuses: statuses.unwrap_or_default(),
            sources: sources.unwrap_or_default(),
            party_min: party_min.flatten(),
            party_max: party_max.flatten(),
            q: q.to_lowercase(),
            tag: tag.ok().flatten(),
            period: period.flatten(),
            sort: sort.flatten().unwrap_or_default(),
            after: after.flatten(),
            limit: limit.flatten().unwrap_or(Self::DEFAULT_LIMIT),
        })
    }
}

/// A comma-separated list of values `parse` knows, without repeats; `None`
/// when one is unknown.
fn list<T: PartialEq>(raw: Option<String>, parse: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    let mut out = Vec::new();
    for part in raw.iter().flat_map(|r| r.split(',')).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let value = parse(part)?;
        if !out.contains(&value) {
            out.push(value);
        }
    }
    Some(out)
}

/// One page of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReservationPage {
    /// The first and last dates the list covers (the defaults filled in).
    pub from: String,
    pub to: String,
    /// Bookings matching the filters, over every page.
    pub matched: u32,
    /// Their covers (party sizes added up).
    pub covers: u32,
    /// A search matched more than [`ReservationFilter::SEARCH_COUNT_CAP`]
    /// bookings: `matched` and `covers` count that many only.
    #[serde(default)]
    pub more: bool,
    pub reservations: Vec<StaffReservation>,
    /// The cursor of the next page (`after`), if there is one.
    pub next: Option<String>,
}

/// What a bulk action does to each booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BulkKind {
    /// Cancel (each guest is e-mailed, with the message if there is one).
    Cancel,
    /// Mark as no-show.
    NoShow,
}

impl BulkKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "cancel" => BulkKind::Cancel,
            "no_show" => BulkKind::NoShow,
            _ => return None,
        })
    }

    pub fn status(self) -> ReservationStatus {
        match self {
            BulkKind::Cancel => ReservationStatus::Cancelled,
            BulkKind::NoShow => ReservationStatus::NoShow,
        }
    }
}

/// A validated bulk action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkAction {
    pub kind: BulkKind,
    pub ids: Vec<i64>,
    /// To the guests, in their cancellation e-mail.
    pub message: Option<Notes>,
}

impl BulkAction {
    /// The most bookings one action changes.
    pub const MAX_IDS: usize = 200;

    /// Validates the three parts together (`ids`: 1 to [`Self::MAX_IDS`],
    /// repeats dropped; `message`: like a booking's notes, only with a
    /// cancellation).
    pub fn parse(kind: &str, ids: &[i64], message: &str) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = BulkKind::parse(kind.trim());
        if kind.is_none() {
            errors.push(FieldError::invalid("action"));
        }
        let mut unique: Vec<i64> = Vec::with_capacity(ids.len());
        for id in ids {
            if !unique.contains(id) {
                unique.push(*id);
            }
        }
        if unique.is_empty() || unique.len() > Self::MAX_IDS || unique.iter().any(|id| *id <= 0) {
            errors.push(FieldError::new("ids", "invalid"));
        }
        let message = match message.trim() {
            "" => Ok(None),
            text if kind == Some(BulkKind::Cancel) => Notes::parse(text).map(Some),
            _ => Err(super::DetailsError::Notes),
        };
        if message.is_err() {
            errors.push(FieldError::invalid("message"));
        }
        match (kind, message) {
            (Some(kind), Ok(message)) if errors.is_empty() => Ok(BulkAction {
                kind,
                ids: unique,
                message,
            }),
            _ => Err(errors),
        }
    }
}

/// What a bulk action did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkOutcome {
    /// The bookings changed.
    pub changed: Vec<i64>,
    /// The bookings left as they were, with the reason (`status_refused`:
    /// not allowed from their status; `not_found`).
    pub refused: Vec<BulkRefusal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkRefusal {
    pub id: i64,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> ReservationFilterInput {
        let mut i = ReservationFilterInput::default();
        for (k, v) in pairs {
            let v = Some((*v).to_owned());
            match *k {
                "from" => i.from = v,
                "to" => i.to = v,
                "status" => i.status = v,
                "source" => i.source = v,
                "party_min" => i.party_min = v,
                "party_max" => i.party_max = v,
                "q" => i.q = v,
                "tag" => i.tag = v,
                "period" => i.period = v,
                "sort" => i.sort = v,
                "after" => i.after = v,
                "limit" => i.limit = v,
                other => panic!("no filter {other}"),
            }
        }
        i
    }

    fn fields(pairs: &[(&str, &str)]) -> Vec<String> {
        ReservationFilter::parse(&input(pairs))
            .map(|_| Vec::new())
            .unwrap_or_else(|e| e.into_iter().map(|e| e.field).collect())
    }

    #[test]
    fn no_filter_lists_everything_by_time() {
        let f = ReservationFilter::parse(&ReservationFilterInput::default()).unwrap();
        assert_eq!(f.sort, ListSort::Time);
        assert_eq!(f.limit, ReservationFilter::DEFAULT_LIMIT);
        assert!(f.statuses.is_empty() && f.sources.is_empty() && f.q.is_empty());
        // Blank values are left-out values (an empty form field).
        let blank = input(&[("from", " "), ("status", ""), ("q", "  ")]);
        assert_eq!(ReservationFilter::parse(&blank).unwrap(), f);
    }

    #[test]
    fn filters_are_read_and_normalised() {
        let f = ReservationFilter::parse(&input(&[
            ("from", "2026-12-01"),
            ("to", "2026-12-31"),
            ("status", "confirmed, seated,confirmed"),
            ("source", "phone,walk_in"),
            ("party_min", "2"),
            ("party_max", "6"),
            ("q", "  LOVELACE "),
            ("tag", " VIP "),
            ("period", "dinner"),
            ("sort", "-time"),
            ("after", "1796000000_42"),
            ("limit", "100"),
        ]))
        .unwrap();
        assert_eq!(f.tag.as_deref(), Some("vip"));
        assert_eq!(f.period, Some(ServiceKind::Dinner));
        assert_eq!(
            f.statuses,
            [ReservationStatus::Confirmed, ReservationStatus::Seated]
        );
        assert_eq!(
            f.sources,
            [ReservationSource::Phone, ReservationSource::WalkIn]
        );
        assert_eq!((f.party_min, f.party_max), (Some(2), Some(6)));
        assert_eq!(f.q, "lovelace");
        assert_eq!(f.sort, ListSort::TimeDesc);
        assert_eq!(
            f.after,
            Some(Cursor {
                at: 1_796_000_000,
                id: 42
            })
        );
        assert_eq!(f.limit, 100);
    }

    #[test]
    fn every_bad_filter_is_named_in_form_order() {
        assert_eq!(
            fields(&[
                ("from", "2026-02-30"),
                ("to", "tomorrow"),
                ("status", "confirmed,lost"),
                ("source", "fax"),
                ("party_min", "0"),
                ("party_max", "1000"),
                ("q", &"x".repeat(101)),
                ("tag", "a,b"),
                ("period", "supper"),
                ("sort", "name"),
                ("after", "12"),
                ("limit", "201"),
            ]),
            [
                "from",
                "to",
                "status",
                "source",
                "party_min",
                "party_max",
                "q",
                "tag",
                "period",
                "sort",
                "after",
                "limit"
            ]
        );
        // Ranges the wrong way round are the second bound's fault.
        assert_eq!(
            fields(&[("from", "2026-12-02"), ("to", "2026-12-01")]),
            ["to"]
        );
        assert_eq!(
            fields(&[("party_min", "6"), ("party_max", "2")]),
            ["party_max"]
        );
        assert_eq!(fields(&[("q", "a\u{202e}b")]), ["q"]);
        assert_eq!(fields(&[("limit", "0")]), ["limit"]);
        assert_eq!(fields(&[("after", "-1_2")]), ["after"]);
    }

    #[test]
    fn cursors_round_trip_and_refuse_anything_else() {
        let c = Cursor {
            at: 1_796_000_000,
            id: 7,
        };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        for bad in [
            "",
            "_",
            "1_",
            "_1",
            "a_1",
            "1_2_3",
            "1.5_2",
            "99999999999999999999_1",
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn bulk_actions_are_checked_whole() {
        let ok = BulkAction::parse("cancel", &[3, 1, 3], "Kitchen flood, sorry").unwrap();
        assert_eq!(
            (ok.kind, ok.ids.as_slice()),
            (BulkKind::Cancel, &[3, 1][..])
        );
        assert_eq!(ok.message.unwrap().as_str(), "Kitchen flood, sorry");
        let fields = |kind: &str, ids: &[i64], message: &str| -> Vec<String> {
            BulkAction::parse(kind, ids, message)
                .map(|_| Vec::new())
                .unwrap_or_else(|e| e.into_iter().map(|e| e.field).collect())
        };
        assert_eq!(fields("delete", &[], ""), ["action", "ids"]);
        assert_eq!(fields("cancel", &[0], ""), ["ids"]);
        let many: Vec<i64> = (1..=201).collect();
        assert_eq!(fields("no_show", &many, ""), ["ids"]);
        // A message goes with a cancellation only.
        assert_eq!(fields("no_show", &[1], "hello"), ["message"]);
        assert_eq!(fields("cancel", &[1], &"x".repeat(501)), ["message"]);
        assert!(fields("no_show", &[1], " ").is_empty());
    }
}
