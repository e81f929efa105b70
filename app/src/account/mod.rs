//! Accounts: register and verify the e-mail, sign in and out, forgotten
//! password, accepting a staff invitation, and the account page (profile,
//! password, my reservations, delete).

pub mod api;
mod pages;

pub use pages::{
    AccountPage, ForgotPage, InvitePage, LoginPage, RegisterPage, ResetPage, VerifyPage,
};
