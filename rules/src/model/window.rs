//! How early, how far ahead and for how many guests one may book online,
//! and how long a party keeps its table.

use super::{RulesError, MINUTES_PER_DAY};
use serde::{Deserialize, Serialize};

/// How early, how far ahead and for how many guests one may book online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawBookingWindow")]
pub struct BookingWindow {
    min_notice_minutes: u32,
    max_advance_days: u32,
    min_party: u32,
    max_party_online: u32,
}

#[derive(Deserialize)]
struct RawBookingWindow {
    min_notice_minutes: u32,
    max_advance_days: u32,
    min_party: u32,
    max_party_online: u32,
}

impl TryFrom<RawBookingWindow> for BookingWindow {
    type Error = RulesError;
    fn try_from(raw: RawBookingWindow) -> Result<Self, RulesError> {
        BookingWindow::new(
            raw.min_notice_minutes,
            raw.max_advance_days,
            raw.min_party,
            raw.max_party_online,
        )
    }
}

impl Default for BookingWindow {
    /// 2 hours' notice, 60 days ahead, parties of 1 to 8.
    fn default() -> Self {
        BookingWindow {
            min_notice_minutes: 120,
            max_advance_days: 60,
            min_party: 1,
            max_party_online: 8,
        }
    }
}

impl BookingWindow {
    /// Requires `1 <= min_party <= max_party_online`.
    pub fn new(
        min_notice_minutes: u32,
        max_advance_days: u32,
        min_party: u32,
        max_party_online: u32,
    ) -> Result<Self, RulesError> {
        if min_party == 0 || min_party > max_party_online {
            return Err(RulesError::PartyBounds);
        }
        Ok(BookingWindow {
            min_notice_minutes,
            max_advance_days,
            min_party,
            max_party_online,
        })
    }

    /// A slot must start at least this long after `now`.
    pub fn min_notice_minutes(&self) -> u32 {
        self.min_notice_minutes
    }

    /// The last bookable date is the restaurant's local date of `now` plus this.
    pub fn max_advance_days(&self) -> u32 {
        self.max_advance_days
    }

    pub fn min_party(&self) -> u32 {
        self.min_party
    }

    /// Larger parties must call the restaurant.
    pub fn max_party_online(&self) -> u32 {
        self.max_party_online
    }

    /// Whether a party of this size may book online.
    pub fn accepts_party(&self, party: u32) -> bool {
        (self.min_party..=self.max_party_online).contains(&party)
    }
}

/// How long a table is held, by party size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTurnTimes")]
pub struct TurnTimes {
    /// `(largest party, minutes)`, largest party strictly increasing.
    bands: Vec<(u32, u32)>,
    /// Minutes for parties larger than every band.
    larger: u32,
}

#[derive(Deserialize)]
struct RawTurnTimes {
    bands: Vec<(u32, u32)>,
    larger: u32,
}

impl TryFrom<RawTurnTimes> for TurnTimes {
    type Error = RulesError;
    fn try_from(raw: RawTurnTimes) -> Result<Self, RulesError> {
        TurnTimes::new(raw.bands, raw.larger)
    }
}

impl Default for TurnTimes {
    /// 1–2 guests: 90 min, 3–4: 105, 5–6: 120, 7 and more: 150.
    fn default() -> Self {
        TurnTimes {
            bands: vec![(2, 90), (4, 105), (6, 120)],
            larger: 150,
        }
    }
}

impl TurnTimes {
    /// `bands` are `(largest party, minutes)` pairs with strictly increasing
    /// party bounds; `larger` applies above the last band. Durations must be
    /// 1 to 1440 minutes.
    pub fn new(bands: Vec<(u32, u32)>, larger: u32) -> Result<Self, RulesError> {
        let valid_minutes = |m: u32| (1..=MINUTES_PER_DAY).contains(&m);
        let increasing = bands.windows(2).all(|w| w[0].0 < w[1].0);
        if !increasing || !valid_minutes(larger) || !bands.iter().all(|&(_, m)| valid_minutes(m)) {
            return Err(RulesError::TurnTimes);
        }
        Ok(TurnTimes { bands, larger })
    }

    /// The same duration for every party.
    pub fn uniform(minutes: u32) -> Result<Self, RulesError> {
        TurnTimes::new(Vec::new(), minutes)
    }

    /// Minutes a party of this size holds its table.
    pub fn minutes_for(&self, party: u32) -> u32 {
        self.bands
            .iter()
            .find(|&&(up_to, _)| party <= up_to)
            .map_or(self.larger, |&(_, minutes)| minutes)
    }

    /// The `(largest party, minutes)` bands, in order.
    pub fn bands(&self) -> &[(u32, u32)] {
        &self.bands
    }

    /// Minutes for parties larger than every band.
    pub fn larger(&self) -> u32 {
        self.larger
    }

    /// The longest duration of any party.
    pub fn max_minutes(&self) -> u32 {
        self.bands
            .iter()
            .map(|&(_, m)| m)
            .fold(self.larger, u32::max)
    }
}
