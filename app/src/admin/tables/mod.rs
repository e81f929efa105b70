//! `/admin/tables[?edit=ID]`: the room — its areas, the tables in each
//! (seats, online or in-house only, in use, shape and place on the area's
//! plan, drawn), the combinations and the blocked tables. Staff read it
//! and block tables; admins change it.
//! Every form works before hydration.

/// Counts the actions that succeeded: what they change is read again
/// after each, and only then (a refused form keeps what was typed).
macro_rules! count_successes {
    ($count:expr, $($action:expr),+ $(,)?) => {
        $(
            let action = $action;
            Effect::watch(
                move || action.version().get(),
                move |_, _, _| {
                    if matches!(action.value().get_untracked(), Some(Ok(_))) {
                        $count.update(|n| *n += 1);
                    }
                },
                false,
            );
        )+
    };
}

pub mod api;
mod blocks;
mod forms;
mod in_use;
mod page;
mod plan;

use domain::Floor;
use serde::{Deserialize, Serialize};

pub use page::TablesPage;

/// A table and the bookings that hold it from now on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableInUse {
    pub name: String,
    pub bookings: Vec<domain::TableBooking>,
}

/// The room, and whether the reader may change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TablesView {
    pub floor: Floor,
    pub editable: bool,
}
