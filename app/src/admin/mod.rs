//! The restaurant's back office, for staff and admins: its shell (role
//! guard and side navigation, `shell.rs`) and one folder per screen
//! (`admin/<screen>/`: its `api.rs` and its page or pages). Screens never
//! import each other; `lib.rs` nests them in the shell.

pub mod book;
pub mod calendar;
pub mod floor;
pub mod guests;
pub mod menu;
pub mod messages;
pub mod payments;
pub mod reservation;
pub mod reservations;
pub mod settings;
mod shell;
pub mod tables;
pub mod team;
pub mod timeline;
pub mod today;

pub use shell::AdminShell;
