//! Where the bookings of a table that is leaving the room (removed or
//! deactivated) can go: a proposal staff confirm, never a silent move.

use crate::assign::assign_tables;
use crate::{Combination, ExistingBooking, Table};

/// New tables for each of `moving` (the bookings holding table `leaving`,
/// in the order they are to be placed), or `None` when nothing free seats
/// it then (staff move it by hand). Any other active table may be proposed,
/// including those kept off the online booking, but never `leaving` nor a
/// combination with it; each proposal counts the ones before it, so two
/// bookings are never proposed the same table at the same time. `others`
/// are the other active holds (blocks included), `moving` left out.
pub fn propose_moves(
    tables: &[Table],
    combinations: &[Combination],
    others: &[ExistingBooking],
    leaving: i64,
    moving: &[ExistingBooking],
) -> Vec<Option<Vec<i64>>> {
    let usable: Vec<Table> = tables
        .iter()
        .filter(|t| t.active && t.id != leaving)
        .map(|t| Table {
            bookable_online: true,
            ..t.clone()
        })
        .collect();
    let combinations: Vec<Combination> = combinations
        .iter()
        .filter(|c| !c.table_ids.contains(&leaving))
        .cloned()
        .collect();
    let mut taken: Vec<ExistingBooking> = others
        .iter()
        .filter(|o| !moving.iter().any(|m| m.id == o.id))
        .cloned()
        .collect();
    moving
        .iter()
        .map(|b| {
            let found =
                assign_tables(&usable, &combinations, &taken, b.start, b.end, b.party_size)?;
            taken.push(ExistingBooking {
                table_ids: found.table_ids.clone(),
                ..b.clone()
            });
            Some(found.table_ids)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{booking, table};
    use chrono::{TimeZone, Utc};

    #[test]
    fn bookings_move_to_free_tables_without_sharing_one() {
        let at = |h| Utc.with_ymd_and_hms(2026, 12, 17, h, 0, 0).unwrap();
        let mut in_house = table(4, 1, 4);
        in_house.bookable_online = false;
        let mut off = table(5, 1, 4);
        off.active = false;
        let tables = [
            table(1, 1, 2),
            table(2, 1, 2),
            table(3, 1, 2),
            in_house,
            off,
        ];
        let combinations = [Combination {
            id: 1,
            table_ids: vec![1, 2],
        }];
        // Table 1 leaves: parties of two hold it at 19:00 and 20:00, six at
        // noon; table 2 is busy at 19:00.
        let a = booking(10, at(19), at(21), 2, &[1]);
        let b = booking(11, at(20), at(22), 2, &[1]);
        let busy = booking(12, at(19), at(21), 2, &[2]);
        let big = booking(13, at(12), at(14), 6, &[1]);
        let others = [a.clone(), b.clone(), busy, big.clone()];
        let got = propose_moves(&tables, &combinations, &others, 1, &[a, b, big]);
        // 19:00 → table 3 (the smallest free); 20:00 → table 3 is taken
        // by the first proposal until 21:00: the in-house table 4; nothing
        // seats six without table 1 (its combination is gone, 5 inactive).
        assert_eq!(got, [Some(vec![3]), Some(vec![4]), None]);
    }
}
