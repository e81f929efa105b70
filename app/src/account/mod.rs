//! Accounts: register and verify the e-mail, sign in and out, forgotten
//! password, the account page (profile, password, my reservations, delete),
//! staff invitations and the admin's staff page.

pub mod api;
mod pages;

pub use pages::{
    AccountPage, ForgotPage, InvitePage, LoginPage, RegisterPage, ResetPage, StaffPage, VerifyPage,
};
