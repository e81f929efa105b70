//! Choosing tables for a party over a time span.

use crate::model::{Combination, ExistingBooking, Table};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The tables given to a party: one table, or the tables of a combination
/// (ascending ids).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Assignment {
    pub table_ids: Vec<i64>,
}

/// Whether the half-open spans `a_start..a_end` and `b_start..b_end` overlap:
/// a booking ending exactly when another starts does not.
pub fn overlaps(
    a_start: DateTime<Utc>,
    a_end: DateTime<Utc>,
    b_start: DateTime<Utc>,
    b_end: DateTime<Utc>,
) -> bool {
    a_start < b_end && b_start < a_end
}

/// Whether no booking holds `table_id` during `start..end`. O(bookings).
pub fn is_free(
    table_id: i64,
    bookings: &[ExistingBooking],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> bool {
    !bookings
        .iter()
        .any(|b| b.table_ids.contains(&table_id) && overlaps(b.start, b.end, start, end))
}

/// Picks tables for `party` over `start..end`, or `None` when nothing fits.
///
/// First choice: a single active, online-bookable, free table with
/// `min_seats <= party <= max_seats`, wasting the fewest seats
/// (`max_seats - party`), ties to the lowest id. Otherwise a usable
/// [`Combination`] whose tables are all free, with `min <= party <= capacity`
/// (see [`Combination`]), by least waste, then fewest tables, then lowest id.
///
/// O(B + b log b + T log T + C·(k log k + log C)) for B bookings (b of them
/// overlapping the span), T tables, C combinations of up to k tables.
pub fn assign_tables(
    tables: &[Table],
    combinations: &[Combination],
    bookings: &[ExistingBooking],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    party: u32,
) -> Option<Assignment> {
    let occupancy = Occupancy::new(
        bookings
            .iter()
            .filter(|b| overlaps(b.start, b.end, start, end)),
    );
    Candidates::new(tables, combinations, party).pick(&occupancy, start, end)
}

/// Bookings by table, for repeated "is this table free" questions: one
/// sorted vector of `(table, start, end)`, looked up by binary search.
pub(crate) struct Occupancy {
    spans: Vec<(i64, DateTime<Utc>, DateTime<Utc>)>,
}

impl Occupancy {
    pub(crate) fn new<'a>(bookings: impl IntoIterator<Item = &'a ExistingBooking>) -> Self {
        let mut spans: Vec<_> = bookings
            .into_iter()
            .flat_map(|b| b.table_ids.iter().map(|&id| (id, b.start, b.end)))
            .collect();
        spans.sort_unstable();
        Occupancy { spans }
    }

    pub(crate) fn is_free(&self, table_id: i64, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let from = self.spans.partition_point(|&(id, _, _)| id < table_id);
        !self.spans[from..]
            .iter()
            .take_while(|&&(id, _, _)| id == table_id)
            .any(|&(_, b_start, b_end)| overlaps(b_start, b_end, start, end))
    }
}

/// The tables and combinations that may seat a party, in order of preference.
pub(crate) struct Candidates {
    singles: Vec<i64>,
    combinations: Vec<Vec<i64>>,
}

impl Candidates {
    pub(crate) fn new(tables: &[Table], combinations: &[Combination], party: u32) -> Self {
        let online = |t: &&Table| t.active && t.bookable_online;

        let mut singles: Vec<(u32, i64)> = tables
            .iter()
            .filter(online)
            .filter(|t| t.min_seats <= party && party <= t.max_seats)
            .map(|t| (t.max_seats - party, t.id))
            .collect();
        singles.sort_unstable();
        singles.dedup();

        let usable: HashMap<i64, &Table> =
            tables.iter().filter(online).map(|t| (t.id, t)).collect();
        let mut combos: Vec<((u64, usize, i64), Vec<i64>)> = combinations
            .iter()
            .filter_map(|c| {
                let mut ids = c.table_ids.clone();
                ids.sort_unstable();
                let before = ids.len();
                ids.dedup();
                if ids.is_empty() || ids.len() != before {
                    return None;
                }
                let members = ids
                    .iter()
                    .map(|id| usable.get(id))
                    .collect::<Option<Vec<_>>>()?;
                let capacity: u64 = members.iter().map(|t| u64::from(t.max_seats)).sum();
                let min = members.iter().map(|t| t.min_seats).max().unwrap_or(0);
                let fits = min <= party && u64::from(party) <= capacity;
                fits.then(|| ((capacity - u64::from(party), ids.len(), c.id), ids))
            })
            .collect();
        combos.sort_unstable_by_key(|c| c.0);

        Candidates {
            singles: singles.into_iter().map(|(_, id)| id).collect(),
            combinations: combos.into_iter().map(|(_, ids)| ids).collect(),
        }
    }

    pub(crate) fn pick(
        &self,
        occupancy: &Occupancy,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Option<Assignment> {
        if let Some(&id) = self
            .singles
            .iter()
            .find(|&&id| occupancy.is_free(id, start, end))
        {
            return Some(Assignment {
                table_ids: vec![id],
            });
        }
        self.combinations
            .iter()
            .find(|ids| ids.iter().all(|&id| occupancy.is_free(id, start, end)))
            .map(|ids| Assignment {
                table_ids: ids.clone(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 2, h, m, 0).unwrap()
    }

    use crate::test_support::table;

    /// A booking for two.
    fn booking(
        id: i64,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        tables: &[i64],
    ) -> ExistingBooking {
        crate::test_support::booking(id, start, end, 2, tables)
    }

    fn assign(
        tables: &[Table],
        combos: &[Combination],
        bookings: &[ExistingBooking],
        party: u32,
    ) -> Option<Vec<i64>> {
        assign_tables(tables, combos, bookings, at(19, 0), at(20, 30), party).map(|a| a.table_ids)
    }

    #[test]
    fn picks_the_table_wasting_fewest_seats_then_lowest_id() {
        let tables = [
            table(1, 1, 6),
            table(2, 1, 4),
            table(3, 1, 4),
            table(4, 1, 2),
        ];
        assert_eq!(assign(&tables, &[], &[], 3), Some(vec![2]));
        assert_eq!(assign(&tables, &[], &[], 2), Some(vec![4]));
        assert_eq!(assign(&tables, &[], &[], 5), Some(vec![1]));
    }

    #[test]
    fn respects_min_seats() {
        let tables = [table(1, 4, 6), table(2, 1, 8)];
        assert_eq!(assign(&tables, &[], &[], 2), Some(vec![2]));
        assert_eq!(assign(&tables, &[], &[], 4), Some(vec![1]));
    }

    #[test]
    fn skips_busy_tables() {
        let tables = [table(1, 1, 2), table(2, 1, 4)];
        let bookings = [booking(1, at(18, 0), at(19, 30), &[1])];
        assert_eq!(assign(&tables, &[], &bookings, 2), Some(vec![2]));
    }

    #[test]
    fn booking_ending_at_start_does_not_block() {
        let tables = [table(1, 1, 2)];
        let ends_at_start = [booking(1, at(17, 30), at(19, 0), &[1])];
        assert_eq!(assign(&tables, &[], &ends_at_start, 2), Some(vec![1]));
        let starts_at_end = [booking(1, at(20, 30), at(22, 0), &[1])];
        assert_eq!(assign(&tables, &[], &starts_at_end, 2), Some(vec![1]));
        let one_minute_over = [booking(1, at(17, 30), at(19, 1), &[1])];
        assert_eq!(assign(&tables, &[], &one_minute_over, 2), None);
    }

    #[test]
    fn falls_back_to_least_waste_then_fewest_tables_then_lowest_id() {
        let tables = [
            table(1, 1, 4),
            table(2, 1, 4),
            table(3, 1, 2),
            table(4, 1, 2),
            table(5, 1, 2),
        ];
        let combos = [
            Combination {
                id: 10,
                table_ids: vec![3, 4, 5],
            },
            Combination {
                id: 11,
                table_ids: vec![1, 2],
            },
            Combination {
                id: 12,
                table_ids: vec![1, 3],
            },
            Combination {
                id: 13,
                table_ids: vec![2, 4],
            },
        ];
        // 6 guests: {1,3}, {2,4} and {3,4,5} waste nothing; two tables beat
        // three, and combination 12 has the lowest id.
        assert_eq!(assign(&tables, &combos, &[], 6), Some(vec![1, 3]));
        let busy_1 = [booking(1, at(19, 0), at(20, 0), &[1])];
        assert_eq!(assign(&tables, &combos, &busy_1, 6), Some(vec![2, 4]));
        let busy_1_2 = [booking(1, at(19, 0), at(20, 0), &[1, 2])];
        assert_eq!(assign(&tables, &combos, &busy_1_2, 6), Some(vec![3, 4, 5]));
        // 8 guests: only {1,2}.
        assert_eq!(assign(&tables, &combos, &[], 8), Some(vec![1, 2]));
        assert_eq!(assign(&tables, &combos, &busy_1, 8), None);
        // A single table is preferred over any combination.
        assert_eq!(assign(&tables, &combos, &[], 4), Some(vec![1]));
    }

    #[test]
    fn combination_minimum_is_largest_member_minimum() {
        let tables = [table(1, 3, 4), table(2, 3, 4)];
        let combos = [Combination {
            id: 1,
            table_ids: vec![2, 1],
        }];
        // 5 guests fit two 4-tops whose minimums add up to 6.
        assert_eq!(assign(&tables, &combos, &[], 5), Some(vec![1, 2]));
        // 2 guests: below every single table's minimum and the combination's (3).
        assert_eq!(assign(&tables, &combos, &[], 2), None);
        let one_busy = [booking(1, at(20, 0), at(21, 0), &[2])];
        assert_eq!(assign(&tables, &combos, &one_busy, 5), None);
    }

    #[test]
    fn inactive_or_offline_tables_are_never_assigned() {
        let mut inactive = table(1, 1, 2);
        inactive.active = false;
        let mut offline = table(2, 1, 2);
        offline.bookable_online = false;
        let tables = [inactive, offline, table(3, 1, 2)];
        let combos = [
            Combination {
                id: 1,
                table_ids: vec![1, 3],
            },
            Combination {
                id: 2,
                table_ids: vec![2, 3],
            },
        ];
        assert_eq!(assign(&tables, &combos, &[], 2), Some(vec![3]));
        assert_eq!(assign(&tables, &combos, &[], 3), None);
        assert_eq!(assign(&tables[..2], &combos, &[], 1), None);
    }

    #[test]
    fn unusable_combinations_are_ignored() {
        let tables = [table(1, 1, 2), table(2, 1, 2)];
        let combos = [
            Combination {
                id: 1,
                table_ids: vec![],
            },
            Combination {
                id: 2,
                table_ids: vec![1, 1],
            },
            Combination {
                id: 3,
                table_ids: vec![1, 99],
            },
        ];
        assert_eq!(assign(&tables, &combos, &[], 3), None);
    }

    #[test]
    fn is_free_uses_half_open_spans() {
        let bookings = [booking(1, at(18, 0), at(19, 0), &[1, 2])];
        assert!(is_free(1, &bookings, at(19, 0), at(20, 0)));
        assert!(!is_free(2, &bookings, at(18, 59), at(20, 0)));
        assert!(is_free(3, &bookings, at(18, 0), at(19, 0)));
        assert!(is_free(1, &bookings, at(17, 0), at(18, 0)));
    }
}
