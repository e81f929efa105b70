//! Guest profiles as staff see them: one per e-mail address (or phone
//! number, for guests known by phone alone), built from their bookings,
//! with the tags and notes staff keep.

use crate::booking::{ReservationStatus, ShiftNote};
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// A profile in a list (the guests screen, the phone form's lookup).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuestSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub tags: Vec<String>,
    /// Arrived, seated or completed bookings.
    pub visits: u32,
    pub no_shows: u32,
    pub cancellations: u32,
    /// Local `YYYY-MM-DD` of the last visit.
    pub last_visit: Option<String>,
    /// Repeated no-shows: staff are warned when this guest books again.
    pub no_show_warning: bool,
}

/// One booking of a guest, on the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuestBooking {
    pub id: i64,
    pub reference: String,
    pub status: ReservationStatus,
    /// Local `YYYY-MM-DD` and `HH:MM`.
    pub date: String,
    pub time: String,
    pub party_size: u32,
}

/// A profile in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuestProfile {
    #[serde(flatten)]
    pub summary: GuestSummary,
    pub notes: String,
    /// Local `YYYY-MM-DD` of the first booking.
    pub since: String,
    pub bookings: u32,
    /// The newest bookings first (at most [`GuestProfile::BOOKINGS_SHOWN`]).
    pub history: Vec<GuestBooking>,
}

impl GuestProfile {
    pub const BOOKINGS_SHOWN: u32 = 50;
}

/// A page of profiles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuestPage {
    pub guests: Vec<GuestSummary>,
    /// The next page's cursor, when there is one.
    pub next: Option<String>,
}

/// The tags staff give a guest (`vip`, `regular`, `allergy`, ... or their
/// own): lower case, each at most once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuestTags(Vec<String>);

impl GuestTags {
    /// Tags the screens offer and translate; staff may add their own.
    pub const KNOWN: [&'static str; 6] =
        ["vip", "regular", "allergy", "press", "staff", "difficult"];
    pub const MAX: usize = 12;
    pub const MAX_CHARS: usize = 30;

    /// Tags separated by commas (spaces around them ignored): letters,
    /// digits, spaces and `-` only, up to [`Self::MAX_CHARS`] each and
    /// [`Self::MAX`] in all; case and repeats folded.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let mut tags: Vec<String> = Vec::new();
        for tag in raw.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            let tag = tag.to_lowercase();
            let ok = tag.chars().count() <= Self::MAX_CHARS
                && tag
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
            if !ok {
                return Err(FieldError::invalid("tags"));
            }
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() > Self::MAX {
            return Err(FieldError::invalid("tags"));
        }
        Ok(Self(tags))
    }

    /// As stored: comma-separated.
    pub fn joined(&self) -> String {
        self.0.join(",")
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// The stored form read back (already valid).
    pub fn split(stored: &str) -> Vec<String> {
        stored
            .split(',')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// One tag to filter by: a valid single tag, lower-cased.
    pub fn parse_one(raw: &str) -> Result<Option<String>, FieldError> {
        let tags = Self::parse(raw)?;
        match tags.0.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one.clone())),
            _ => Err(FieldError::invalid("tag")),
        }
    }
}

/// What staff write on a profile, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuestNotesInput {
    /// Comma-separated.
    pub tags: String,
    pub notes: String,
}

/// Validated tags and notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestNotes {
    pub tags: GuestTags,
    pub notes: String,
}

impl GuestNotes {
    pub const MAX_NOTE_CHARS: usize = ShiftNote::MAX_CHARS;

    /// Every field at fault.
    pub fn parse(input: &GuestNotesInput) -> Result<Self, Vec<FieldError>> {
        let tags = GuestTags::parse(&input.tags);
        let notes = ShiftNote::parse_text(&input.notes).map_err(|_| FieldError::invalid("notes"));
        match (tags, notes) {
            (Ok(tags), Ok(notes)) => Ok(Self { tags, notes }),
            (tags, notes) => Err([tags.err(), notes.err()].into_iter().flatten().collect()),
        }
    }
}

/// A guests page's cursor: the last name and id of the previous page.
pub fn guest_cursor(name: &str, id: i64) -> String {
    format!("{id}.{name}")
}

/// The name and id a cursor holds.
pub fn parse_guest_cursor(raw: &str) -> Option<(String, i64)> {
    let (id, name) = raw.split_once('.')?;
    Some((name.to_owned(), id.parse().ok()?))
}

/// A search among the profiles, as typed (query string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestSearchInput {
    pub q: Option<String>,
    pub tag: Option<String>,
    pub after: Option<String>,
    pub limit: Option<String>,
}

/// A validated search: text in the name, e-mail or phone (lower case),
/// a tag, the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuestSearch {
    pub q: String,
    pub tag: Option<String>,
    pub after: Option<(String, i64)>,
    pub limit: u32,
}

impl GuestSearch {
    pub const DEFAULT_LIMIT: u32 = 50;
    pub const MAX_LIMIT: u32 = 200;
    pub const MAX_QUERY_CHARS: usize = 100;

    /// Every field at fault.
    pub fn parse(input: &GuestSearchInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let q = crate::given(input.q.as_deref())
            .unwrap_or("")
            .to_lowercase();
        if q.chars().count() > Self::MAX_QUERY_CHARS
            || q.chars()
                .any(|c| c.is_control() || crate::booking::is_hidden_format(c))
        {
            errors.push(FieldError::invalid("q"));
        }
        let tag = match GuestTags::parse_one(input.tag.as_deref().unwrap_or("")) {
            Ok(tag) => tag,
            Err(_) => {
                errors.push(FieldError::invalid("tag"));
                None
            }
        };
        let after = match crate::given(input.after.as_deref()) {
            None => None,
            Some(raw) => {
                let cursor = parse_guest_cursor(raw);
                if cursor.is_none() {
                    errors.push(FieldError::invalid("after"));
                }
                cursor
            }
        };
        let limit = match crate::given(input.limit.as_deref()) {
            None => Some(Self::DEFAULT_LIMIT),
            Some(raw) => raw
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=Self::MAX_LIMIT).contains(n)),
        };
        if limit.is_none() {
            errors.push(FieldError::invalid("limit"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            q,
            tag,
            after,
            limit: limit.unwrap_or(Self::DEFAULT_LIMIT),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_folded_and_checked() {
        let tags = GuestTags::parse(" VIP, regular ,vip,, Nut allergy").unwrap();
        assert_eq!(tags.as_slice(), ["vip", "regular", "nut allergy"]);
        assert_eq!(tags.joined(), "vip,regular,nut allergy");
        assert_eq!(GuestTags::split(&tags.joined()), tags.as_slice());
        assert_eq!(GuestTags::parse("").unwrap().joined(), "");
        assert!(GuestTags::parse("a;b").is_err());
        assert!(GuestTags::parse(&"x".repeat(GuestTags::MAX_CHARS + 1)).is_err());
        let many: Vec<String> = (0..=GuestTags::MAX).map(|i| format!("t{i}")).collect();
        assert!(GuestTags::parse(&many.join(",")).is_err());
        assert_eq!(
            GuestTags::parse_one(" VIP ").unwrap().as_deref(),
            Some("vip")
        );
        assert_eq!(GuestTags::parse_one("").unwrap(), None);
        assert!(GuestTags::parse_one("a,b").is_err());
    }

    #[test]
    fn notes_and_tags_report_every_fault() {
        let errors = GuestNotes::parse(&GuestNotesInput {
            tags: "a%".into(),
            notes: "x\u{202e}".into(),
        })
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["tags", "notes"]);
        let ok = GuestNotes::parse(&GuestNotesInput {
            tags: "Regular".into(),
            notes: " Window seat \r\n".into(),
        })
        .unwrap();
        assert_eq!(
            (ok.tags.joined(), ok.notes),
            ("regular".into(), "Window seat".into())
        );
    }

    #[test]
    fn a_search_reports_every_fault() {
        let input = |q: &str, tag: &str, after: &str, limit: &str| GuestSearchInput {
            q: Some(q.into()),
            tag: Some(tag.into()),
            after: Some(after.into()),
            limit: Some(limit.into()),
        };
        let ok = GuestSearch::parse(&input(" Ada ", "VIP", "7.Ada", "")).unwrap();
        assert_eq!(ok.q, "ada");
        assert_eq!(ok.tag.as_deref(), Some("vip"));
        assert_eq!(ok.after, Some(("Ada".into(), 7)));
        assert_eq!(ok.limit, GuestSearch::DEFAULT_LIMIT);
        let errors = GuestSearch::parse(&input(&"x".repeat(101), "a,b", "nope", "0")).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["q", "tag", "after", "limit"]);
    }

    #[test]
    fn cursors_round_trip_names_with_dots() {
        let c = guest_cursor("Dr. Ada L.", 42);
        assert_eq!(parse_guest_cursor(&c), Some(("Dr. Ada L.".into(), 42)));
        assert_eq!(parse_guest_cursor("x"), None);
    }
}
