//! `/admin/team[?done=...][&confirm=ID]`: the restaurant's team, for
//! admins — the members with their role and status (active, invitation
//! pending, deactivated) and last sign-in; per member, the role changed,
//! a deactivation (confirmed on a second step, `?confirm=ID`) or a
//! reactivation, a pending invitation cancelled; and the invitation form
//! (staff accept on `/account/invite/{token}`). `/admin/staff`, its old
//! address, redirects here. Every form works before hydration.

/// Counts the actions that succeeded: what they change is read again
/// after each, and only then (a refused form keeps what was typed).
macro_rules! count_successes {
    ($count:expr, $($action:expr),+ $(,)?) => {
        $(
            let action = $action;
            Effect::watch(
                move || action.version().get(),
                move |_, _, _| {
                    if matches!(action.value().get_untracked(), Some(Ok(_))) {
                        $count.update(|n| *n += 1);
                    }
                },
                false,
            );
        )+
    };
}

pub mod api;
mod invite;
mod members;
mod page;

pub use page::{StaffRedirect, TeamPage};
