//! The staff's calendar: covers and bookings per day and service period
//! over a week or a month, against what the room can seat (a heatmap).

use crate::restaurant::ServiceKind;
use serde::{Deserialize, Serialize};

/// A week (Monday to Sunday) or a month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CalendarSpan {
    Week,
    #[default]
    Month,
}

impl CalendarSpan {
    /// `week` or `month`; anything else is refused.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "week" => Some(CalendarSpan::Week),
            "month" => Some(CalendarSpan::Month),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CalendarSpan::Week => "week",
            CalendarSpan::Month => "month",
        }
    }
}

/// The calendar of a week or a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarView {
    pub span: CalendarSpan,
    /// The first and last day shown (`YYYY-MM-DD`, the restaurant's
    /// calendar); a month starts on its 1st.
    pub from: String,
    pub to: String,
    /// A day of the span before and of the span after, for the links.
    pub prev: String,
    pub next: String,
    /// Today at the restaurant.
    pub today: String,
    pub days: Vec<CalendarDay>,
}

/// One day: its service periods, with the covers of the bookings that
/// count (not cancelled, not no-shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarDay {
    pub date: String,
    /// No service that day.
    pub closed: bool,
    pub covers: u32,
    pub bookings: u32,
    pub periods: Vec<CalendarPeriod>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarPeriod {
    pub kind: ServiceKind,
    pub covers: u32,
    pub bookings: u32,
    /// Seats of the active tables times the turns the period allows.
    pub capacity: u32,
}

impl CalendarPeriod {
    /// How full the period is, in five steps (0: nothing booked … 4: at
    /// or over capacity): the heatmap's shade, always shown with the
    /// figures.
    pub fn heat(&self) -> u8 {
        if self.covers == 0 {
            return 0;
        }
        let ratio = f64::from(self.covers) / f64::from(self.capacity.max(1));
        match ratio {
            r if r >= 1.0 => 4,
            r if r >= 0.7 => 3,
            r if r >= 0.35 => 2,
            _ => 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_parse_and_heat_rises_with_the_covers() {
        assert_eq!(CalendarSpan::parse("week"), Some(CalendarSpan::Week));
        assert_eq!(CalendarSpan::parse(" month "), Some(CalendarSpan::Month));
        assert_eq!(CalendarSpan::parse("year"), None);
        let p = |covers, capacity| CalendarPeriod {
            kind: ServiceKind::Dinner,
            covers,
            bookings: 1,
            capacity,
        };
        assert_eq!(p(0, 100).heat(), 0);
        assert_eq!(p(10, 100).heat(), 1);
        assert_eq!(p(40, 100).heat(), 2);
        assert_eq!(p(70, 100).heat(), 3);
        assert_eq!(p(120, 100).heat(), 4);
        assert_eq!(p(3, 0).heat(), 4);
    }
}
