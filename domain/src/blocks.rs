//! Blocks: tables (or a whole area) kept from bookings over a span, with
//! the reason staff give (a private event, a repair). Times are the
//! restaurant's wall clock, `YYYY-MM-DDTHH:MM` on the wire (what a
//! `datetime-local` field sends).

use crate::form::FieldError;
use crate::time::{Date, TimeOfDay};
use serde::{Deserialize, Serialize};

/// The longest reason.
pub const MAX_REASON_CHARS: usize = 300;
/// The most tables one block names.
pub const MAX_BLOCK_TABLES: usize = 200;

/// A block as staff read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TableBlock {
    pub id: i64,
    /// Local `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// Local `YYYY-MM-DDTHH:MM` (excluded).
    pub end: String,
    pub reason: String,
    /// The tables it holds, ascending.
    pub tables: Vec<i64>,
    /// Who set it, if their account remains.
    pub created_by: Option<String>,
}

/// A block as typed: some tables, an area (all its tables), or both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BlockInput {
    #[serde(default)]
    pub tables: Vec<i64>,
    /// Every table of this area; `None` or 0: none.
    #[serde(default)]
    pub area_id: Option<i64>,
    /// Local `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// Local `YYYY-MM-DDTHH:MM`, after `start`.
    pub end: String,
    pub reason: String,
}

/// A local wall-clock instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalDateTime {
    pub date: Date,
    pub time: TimeOfDay,
}

impl LocalDateTime {
    /// `YYYY-MM-DDTHH:MM` (seconds `:00` are allowed, as some browsers send
    /// them); `24:00` is not a time here.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        let (date, time) = raw.split_once('T')?;
        let time = time
            .strip_suffix(":00")
            .filter(|t| t.len() == 5)
            .unwrap_or(time);
        if time.len() != 5 {
            return None;
        }
        let date = Date::parse(date).ok()?;
        let time = TimeOfDay::parse(time).ok()?;
        (time < TimeOfDay::END_OF_DAY).then_some(LocalDateTime { date, time })
    }
}

impl std::fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}T{}", self.date, self.time)
    }
}

/// A valid block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockForm {
    /// Sorted, each once (the area's are added by the service).
    pub tables: Vec<i64>,
    pub area_id: Option<i64>,
    pub start: LocalDateTime,
    pub end: LocalDateTime,
    pub reason: String,
}

impl BlockForm {
    /// Every field's error at once, in form order.
    pub fn parse(input: &BlockInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut tables = input.tables.clone();
        tables.sort_unstable();
        tables.dedup();
        let area_id = input.area_id.filter(|id| *id != 0);
        if tables.len() != input.tables.len()
            || tables.len() > MAX_BLOCK_TABLES
            || tables.iter().any(|id| *id <= 0)
            || area_id.is_some_and(|id| id < 0)
        {
            errors.push(FieldError::invalid("tables"));
        } else if tables.is_empty() && area_id.is_none() {
            errors.push(FieldError::new("tables", "required"));
        }
        let when = |raw: &str, field: &'static str, errors: &mut Vec<FieldError>| {
            if raw.trim().is_empty() {
                errors.push(FieldError::new(field, "required"));
                None
            } else {
                let parsed = LocalDateTime::parse(raw);
                if parsed.is_none() {
                    errors.push(FieldError::invalid(field));
                }
                parsed
            }
        };
        let start = when(&input.start, "start", &mut errors);
        let end = when(&input.end, "end", &mut errors);
        if let (Some(start), Some(end)) = (start, end) {
            if end <= start {
                errors.push(FieldError::new("end", "before_start"));
            }
        }
        let reason = input.reason.trim();
        if reason.is_empty() {
            errors.push(FieldError::new("reason", "required"));
        } else if reason.chars().count() > MAX_REASON_CHARS {
            errors.push(FieldError::new("reason", "too_long"));
        } else if reason
            .chars()
            .any(|c| c.is_control() || crate::booking::is_hidden_format(c))
        {
            errors.push(FieldError::invalid("reason"));
        }
        match (start, end) {
            (Some(start), Some(end)) if errors.is_empty() => Ok(BlockForm {
                tables,
                area_id,
                start,
                end,
                reason: reason.to_owned(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> BlockInput {
        BlockInput {
            tables: vec![3, 1],
            area_id: None,
            start: "2026-12-24T18:00".into(),
            end: "2026-12-25T01:30:00".into(),
            reason: " Private party ".into(),
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.reason)).collect()
    }

    #[test]
    fn a_block_is_read_from_local_times() {
        let form = BlockForm::parse(&input()).unwrap();
        assert_eq!(form.tables, [1, 3]);
        assert_eq!(form.reason, "Private party");
        assert_eq!(form.start.to_string(), "2026-12-24T18:00");
        assert_eq!(form.end.to_string(), "2026-12-25T01:30");
        let area = BlockForm::parse(&BlockInput {
            tables: vec![],
            area_id: Some(2),
            ..input()
        })
        .unwrap();
        assert_eq!((area.tables.len(), area.area_id), (0, Some(2)));
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = BlockInput {
            tables: vec![],
            area_id: Some(0),
            start: "2026-12-24T18:00".into(),
            end: "2026-12-24T17:00".into(),
            reason: "a\u{200b}b".into(),
        };
        assert_eq!(
            fields(BlockForm::parse(&bad).unwrap_err()),
            [
                ("tables".to_owned(), "required".to_owned()),
                ("end".to_owned(), "before_start".to_owned()),
                ("reason".to_owned(), "invalid".to_owned()),
            ]
        );
        let bad = BlockInput {
            tables: vec![2, 2],
            start: "".into(),
            end: "2026-13-01T10:00".into(),
            reason: "x".repeat(MAX_REASON_CHARS + 1),
            ..input()
        };
        assert_eq!(
            fields(BlockForm::parse(&bad).unwrap_err()),
            [
                ("tables".to_owned(), "invalid".to_owned()),
                ("start".to_owned(), "required".to_owned()),
                ("end".to_owned(), "invalid".to_owned()),
                ("reason".to_owned(), "too_long".to_owned()),
            ]
        );
        for raw in [
            "2026-12-24T24:00",
            "2026-12-24",
            "2026-12-24T7:00",
            "2026-12-24 18:00",
            "2026-12-24T18:00:30",
        ] {
            assert_eq!(LocalDateTime::parse(raw), None, "{raw}");
        }
    }
}
