//! The account pages.

mod account;
mod password;
mod reservations;
mod sign_in;

pub use account::AccountPage;
pub use password::{ForgotPage, InvitePage, ResetPage};
pub use sign_in::{LoginPage, RegisterPage, VerifyPage};
