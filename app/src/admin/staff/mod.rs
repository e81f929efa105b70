//! The staff page: the admin invites staff members (who accept on
//! `/account/invite/{token}`).

pub mod api;
mod page;

pub use page::StaffPage;
