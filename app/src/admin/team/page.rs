//! `/admin/team`: the screen's frame — the admin guard, its title, the
//! message of the last change (`?done=`) and the refusals of the members'
//! buttons — around the members and the invitation form; and the redirect
//! of the old `/admin/staff`.

use super::api;
use super::invite::InviteForm;
use super::members::Members;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::form::{done_alert, FormAlerts, FormErrors};
use crate::ui::{I18n, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// The screen's actions: each that succeeds reads the team again.
#[derive(Clone, Copy)]
pub(super) struct Actions {
    pub role: ServerAction<api::AdminTeamRole>,
    pub deactivate: ServerAction<api::AdminTeamDeactivate>,
    pub reactivate: ServerAction<api::AdminTeamReactivate>,
    pub cancel: ServerAction<api::AdminInvitationCancel>,
    pub invite: ServerAction<api::InviteStaff>,
}

impl Actions {
    fn new() -> Self {
        Actions {
            role: ServerAction::new(),
            deactivate: ServerAction::new(),
            reactivate: ServerAction::new(),
            cancel: ServerAction::new(),
            invite: ServerAction::new(),
        }
    }

    /// Moves on with every action that succeeds; a success also clears
    /// the members' buttons' earlier refusals.
    fn successes(self) -> RwSignal<usize> {
        let count = RwSignal::new(0_usize);
        count_successes!(
            count,
            self.role,
            self.deactivate,
            self.reactivate,
            self.cancel,
            self.invite,
        );
        Effect::watch(
            move || count.get(),
            move |_, _, _| {
                self.role.value().set(None);
                self.deactivate.value().set(None);
                self.reactivate.value().set(None);
                self.cancel.value().set(None);
            },
            false,
        );
        count
    }

    /// The last refusal of a member's button (the invitation form shows
    /// its own).
    fn refusal(self) -> Option<AppError> {
        [
            self.role.value().get(),
            self.deactivate.value().get(),
            self.reactivate.value().get(),
            self.cancel.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err)
    }
}

/// The message of a `?done=` code.
fn done_text(i18n: I18n, code: &str) -> &'static str {
    match code {
        "role" => t_string!(i18n, admin.done_role),
        "deactivated" => t_string!(i18n, admin.done_deactivated),
        "reactivated" => t_string!(i18n, admin.done_reactivated),
        "invitation_cancelled" => t_string!(i18n, admin.done_invitation_cancelled),
        _ => t_string!(i18n, admin.invited),
    }
}

/// Every resource of the screen is made here, at the page's level (a
/// resource made inside another's `Suspend` does not hydrate): the team
/// itself answers 403 to staff, and the screen says so.
#[component]
pub fn TeamPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let actions = Actions::new();
    let done = Signal::derive(move || {
        query
            .read()
            .get_str("done")
            .map(|code| done_text(i18n, code).to_string())
    });
    let confirm = Memo::new(move |_| {
        query
            .read()
            .get_str("confirm")
            .and_then(|v| v.parse::<i64>().ok())
    });
    // The confirmation step takes the focus when it opens; when it is
    // left without deactivating, the member's button gets it back.
    Effect::watch(
        move || confirm.get(),
        move |confirm, previous, _| match (confirm, previous) {
            (Some(_), _) => focus_later("confirm-title"),
            (None, Some(Some(id))) if done.with_untracked(Option::is_none) => {
                focus_later(format!("deactivate-{id}"))
            }
            _ => {}
        },
        false,
    );
    let saved = actions.successes();
    let team = Resource::new(move || saved.get(), |_| api::admin_team());
    let refusal = Memo::new(move |_| actions.refusal());
    let errors = FormErrors::new(refusal, "team-errors");
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, admin.title).to_string() />
        <h1 id="page-title" tabindex="-1">{t!(i18n, admin.title)}</h1>
        <div class="status-region" role="status" aria-live="polite">
            {done_alert(done)}
            <FormAlerts id="team-errors" errors />
        </div>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match team.await {
                    Ok(team) => view! {
                        <Members team actions confirm />
                        <InviteForm action=actions.invite />
                    }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login" /> }.into_any(),
                    Err(AppError::Forbidden) => {
                        crate::response::set_status(403);
                        view! {
                            <section class="card not-found">
                                <h2>{t!(i18n, admin.forbidden_title)}</h2>
                                <p>{t!(i18n, admin.forbidden)}</p>
                                <p><a class="button button-primary" href="/account">{t!(i18n, nav.account)}</a></p>
                            </section>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// `/admin/staff`, the team's old address.
#[component]
pub fn StaffRedirect() -> impl IntoView {
    view! { <Redirect path="/admin/team" /> }
}
