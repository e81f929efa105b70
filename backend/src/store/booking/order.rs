//! Moving a row one place up or down a list kept in order (categories,
//! dishes, gallery photos): [`swapped`] gives the new order, and
//! `reorder!` (in `mod.rs`) writes it and says the move for the audit log.

use domain::Direction;

/// The ids in their new order after `id` swaps with its neighbour;
/// `None` when `id` is not in the list.
pub(super) fn swapped(rows: &[(i64, i64)], id: i64, direction: Direction) -> Option<Vec<i64>> {
    let mut order: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    let at = order.iter().position(|r| *r == id)?;
    match direction {
        Direction::Up if at > 0 => order.swap(at, at - 1),
        Direction::Down if at + 1 < order.len() => order.swap(at, at + 1),
        _ => {}
    }
    Some(order)
}

/// `id`'s place in `order`, from 1 (empty when it is not there).
pub(super) fn place(order: &[i64], id: i64) -> String {
    order
        .iter()
        .position(|r| *r == id)
        .map(|at| (at + 1).to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_moves_one_step_and_stops_at_the_ends() {
        let rows = [(7, 1), (3, 2), (9, 5)];
        assert_eq!(swapped(&rows, 3, Direction::Up), Some(vec![3, 7, 9]));
        assert_eq!(swapped(&rows, 3, Direction::Down), Some(vec![7, 9, 3]));
        assert_eq!(swapped(&rows, 7, Direction::Up), Some(vec![7, 3, 9]));
        assert_eq!(swapped(&rows, 9, Direction::Down), Some(vec![7, 3, 9]));
        assert_eq!(swapped(&rows, 4, Direction::Up), None);
        assert_eq!(
            (place(&[7, 3, 9], 3), place(&[7, 3, 9], 4)),
            ("2".into(), String::new())
        );
    }
}
