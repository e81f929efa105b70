//! The restaurant's back office, for staff and admins. One folder per
//! screen (`admin/<screen>/`: its `api.rs` and its page or pages).

pub mod staff;
