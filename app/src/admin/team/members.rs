//! The members' table: each member's name, e-mail, role, status (in words)
//! and last sign-in, with their buttons — the role changed, a deactivation
//! (confirmed on a second step, `?confirm=ID`, which works without
//! JavaScript), a reactivation, a pending invitation cancelled. The admin's
//! own row has none.

use super::api;
use super::page::Actions;
use crate::i18n::*;
use crate::ui::labels::date_time_label;
use crate::ui::I18n;
use domain::{MemberStatus, Role, Team, TeamMember};
use leptos::prelude::*;

fn role_label(i18n: I18n, role: Role) -> &'static str {
    match role {
        Role::Admin => t_string!(i18n, admin.role_admin),
        _ => t_string!(i18n, admin.role_staff),
    }
}

fn status_label(i18n: I18n, status: MemberStatus) -> &'static str {
    match status {
        MemberStatus::Active => t_string!(i18n, admin.status_active),
        MemberStatus::Pending => t_string!(i18n, admin.status_pending),
        MemberStatus::Deactivated => t_string!(i18n, admin.status_deactivated),
    }
}

/// When, in the restaurant's time (`at` is RFC 3339 with its offset).
fn when(i18n: I18n, at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(date), Some(time)) => date_time_label(i18n, date, time),
        _ => at.to_owned(),
    }
}

#[component]
pub fn Members(team: Team, actions: Actions, confirm: Memo<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let Team { you, members } = team;
    let confirming = {
        let members = members.clone();
        move || {
            let id = confirm.get()?;
            members
                .iter()
                .find(|m| m.id == id && m.id != you && m.status == MemberStatus::Active)
                .cloned()
        }
    };
    view! {
        <section class="card" aria-labelledby="members-title">
            <h2 id="members-title">{t!(i18n, admin.members_title)}</h2>
            {move || confirming().map(|member| view! {
                <ConfirmDeactivate member action=actions.deactivate />
            })}
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="members-title">
                <table class="list-table team-table" id="team-table">
                    <caption class="visually-hidden">{t!(i18n, admin.members_caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, admin.col_name)}</th>
                            <th scope="col">{t!(i18n, admin.col_email)}</th>
                            <th scope="col">{t!(i18n, admin.col_role)}</th>
                            <th scope="col">{t!(i18n, admin.col_status)}</th>
                            <th scope="col">{t!(i18n, admin.col_last_sign_in)}</th>
                            <th scope="col">{t!(i18n, admin.col_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {members
                            .into_iter()
                            .map(|member| {
                                let own = member.id == you;
                                view! { <MemberRow member own actions /> }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn MemberRow(member: TeamMember, own: bool, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let TeamMember {
        id,
        name,
        email,
        role,
        status,
        invited_at,
        invitation_expires_at,
        deactivated_at,
        last_sign_in_at,
    } = member;
    let since = match (status, invited_at, invitation_expires_at, deactivated_at) {
        (MemberStatus::Pending, Some(invited), Some(expires), _) => {
            Some(Signal::derive(move || {
                t_string!(
                    i18n,
                    admin.invited_expires,
                    invited = when(i18n, &invited),
                    expires = when(i18n, &expires)
                )
                .to_string()
            }))
        }
        (MemberStatus::Deactivated, _, _, Some(at)) => Some(Signal::derive(move || {
            t_string!(i18n, admin.deactivated_since, at = when(i18n, &at)).to_string()
        })),
        _ => None,
    };
    let last = match last_sign_in_at {
        Some(at) => {
            let label = at.clone();
            view! { <time datetime=at>{move || when(i18n, &label)}</time> }.into_any()
        }
        None => view! { <span class="hint">{t!(i18n, admin.never)}</span> }.into_any(),
    };
    let hidden_name = format!(" – {name}");
    let buttons = if own {
        view! { <p class="hint">{t!(i18n, admin.own_account)}</p> }.into_any()
    } else {
        match status {
            MemberStatus::Active => view! {
                <RoleForm id name=name.clone() role action=actions.role />
                <a class="button button-secondary" id=format!("deactivate-{id}")
                    href=format!("/admin/team?confirm={id}#confirm-deactivate")>
                    {t!(i18n, admin.deactivate)}
                    <span class="visually-hidden">{hidden_name.clone()}</span>
                </a>
            }
            .into_any(),
            MemberStatus::Pending => view! {
                <ActionForm action=actions.cancel attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="button button-secondary" id=format!("cancel-invitation-{id}")>
                        {t!(i18n, admin.cancel_invitation)}
                        <span class="visually-hidden">{hidden_name.clone()}</span>
                    </button>
                </ActionForm>
            }
            .into_any(),
            MemberStatus::Deactivated => view! {
                <ActionForm action=actions.reactivate attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="button button-secondary" id=format!("reactivate-{id}")>
                        {t!(i18n, admin.reactivate)}
                        <span class="visually-hidden">{hidden_name.clone()}</span>
                    </button>
                </ActionForm>
            }
            .into_any(),
        }
    };
    view! {
        <tr id=format!("member-{id}") data-member=email.clone() data-status=status.as_str()>
            <th scope="row">
                {name.clone()}
                {own.then(|| view! { " " <span class="hint">{t!(i18n, admin.you)}</span> })}
            </th>
            <td class="contact">{email.clone()}</td>
            <td>{role_label(i18n, role)}</td>
            <td>
                <span class=format!("status member-{}", status.as_str())>{status_label(i18n, status)}</span>
                {since.map(|text| view! { <p class="hint member-since">{text}</p> })}
            </td>
            <td class="nowrap">{last}</td>
            <td><div class="row-actions">{buttons}</div></td>
        </tr>
    }
}

/// A member's role: a select and its button.
#[component]
fn RoleForm(
    id: i64,
    name: String,
    role: Role,
    action: ServerAction<api::AdminTeamRole>,
) -> impl IntoView {
    let i18n = use_i18n();
    let select = format!("role-{id}");
    let label = {
        let name = name.clone();
        move || t_string!(i18n, admin.role_of, name = name.clone()).to_string()
    };
    view! {
        <ActionForm action attr:class="inline-form role-form">
            <input type="hidden" name="id" value=id />
            <label class="visually-hidden" for=select.clone()>{label}</label>
            <select id=select name="role">
                <option value="staff" selected=role == Role::Staff>{t!(i18n, admin.role_staff)}</option>
                <option value="admin" selected=role == Role::Admin>{t!(i18n, admin.role_admin)}</option>
            </select>
            <button type="submit" class="button button-secondary" id=format!("role-submit-{id}")
                disabled=move || action.pending().get()>
                {t!(i18n, admin.change_role)}
                <span class="visually-hidden">{format!(" – {name}")}</span>
            </button>
        </ActionForm>
    }
}

/// The second step of a deactivation: what it does, and its button.
#[component]
fn ConfirmDeactivate(
    member: TeamMember,
    action: ServerAction<api::AdminTeamDeactivate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let TeamMember { id, name, .. } = member;
    view! {
        <section class="confirm-card" id="confirm-deactivate" aria-labelledby="confirm-title">
            <h3 id="confirm-title" tabindex="-1">
                {move || t_string!(i18n, admin.confirm_title, name = name.clone()).to_string()}
            </h3>
            <p>{t!(i18n, admin.confirm_text)}</p>
            <div class="form-actions">
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="button button-danger" id="confirm-deactivate-submit"
                        disabled=move || action.pending().get()>
                        {t!(i18n, admin.confirm_submit)}
                    </button>
                </ActionForm>
                <a class="button button-secondary" href="/admin/team">{t!(i18n, admin.confirm_keep)}</a>
            </div>
        </section>
    }
}
