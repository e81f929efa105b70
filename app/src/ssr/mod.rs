//! Server plumbing, compiled with the `ssr` feature only: the state every
//! request sees, the signed-in user and the session, the opener of every
//! server function, and the parsing of raw form input into domain values.
//!
//! Feature folders reach the server through here (and `backend`'s
//! services); nothing in this module knows about pages.

pub mod call;
pub mod device;
pub mod input;
pub mod session;
pub mod state;

pub use call::{call, Ctx};
pub use state::AppState;
