//! `/admin/guests?q=&tag=&after=`: the guests staff know (one profile per
//! e-mail address, or per phone number for guests known by phone alone,
//! built from their bookings), found by name, e-mail, phone or tag; and
//! `/admin/guests/{id}`: a profile — visits, no-shows, cancellations, last
//! visit, its bookings — with the tags and notes staff keep, which show on
//! the guest's bookings everywhere. Every form works before hydration.

pub mod api;
mod page;
mod profile;

pub use page::GuestsPage;
pub use profile::GuestPage;
