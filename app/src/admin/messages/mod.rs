//! `/admin/messages`: what visitors wrote from the contact page, newest
//! first; those not dealt with yet by default (`?show=all` for every one),
//! each with a reply link and a button to mark it as dealt with (or not).

pub mod api;
mod page;

pub use page::MessagesPage;
