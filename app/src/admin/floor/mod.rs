//! `/admin/floor[?table=ID]`: the live floor. Each area's plan with its
//! tables coloured by what they are doing now (free, due soon, seated with
//! the time against the planned turn, late, blocked), said in words too,
//! and kept live like the timeline. A table opens its card: seat a
//! walk-in there, seat the guests due, mark them a no-show, or free the
//! table when they leave. Every form works before hydration.

pub mod api;
mod card;
mod page;

pub use page::FloorPage;
