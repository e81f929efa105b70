//! The team (`/api/admin/team`, its server functions and `/admin/team`):
//! members with their status, role changes and deactivation ending the
//! member's sessions at once, reactivation, cancelled invitations, and
//! what an admin may not do (their own account, the last admin).

use crate::helpers::mail::token_from_mail;
use crate::helpers::{error_fields, Client, Db, Role, TestApp, PASSWORD};
use backend::services::accounts;
use backend::services::authz::Principal;
use backend::services::ServiceError;
use serde_json::{json, Value};

on_both_backends!(
    the_team_lists_active_pending_and_deactivated_members,
    a_role_change_ends_the_members_sessions,
    deactivation_ends_every_session_and_staff_access,
    admins_never_act_on_themselves_and_the_last_admin_stays,
    two_admins_demoting_each_other_leave_one,
    a_cancelled_invitation_no_longer_works,
    unknown_ids_and_non_members_are_not_found,
    the_team_screen_renders_and_the_old_address_redirects,
);

/// Any success (2xx, or a 3xx redirect after a form) reads as 200.
fn allowed(status: u16) -> u16 {
    if (200..400).contains(&status) {
        200
    } else {
        status
    }
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.store.user_by_email(email).await.unwrap().id
}

async fn team(admin: &mut Client) -> Value {
    let (status, body) = admin.get("/api/admin/team").await;
    assert_eq!(status, 200, "{body}");
    body
}

/// The member with this e-mail in the team, if listed.
fn member<'a>(team: &'a Value, email: &str) -> Option<&'a Value> {
    team["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == email)
}

async fn me(client: &mut Client) -> (u16, Value) {
    client.get("/api/auth/me").await
}

/// Signs `client` in again with its account's password.
async fn sign_in_again(client: &mut Client) {
    let email = client.email.clone();
    assert_eq!(client.login(&email, PASSWORD).await, 200, "sign in {email}");
}

async fn invite(admin: &mut Client, email: &str) {
    let body = json!({"email": email, "name": "Sam Invited", "role": "staff", "locale": "en"});
    let (status, body) = admin.post("/api/auth/invite", body).await;
    assert_eq!(status, 201, "{body}");
}

/// Counts the active admins whose address is proved.
async fn active_admins(app: &TestApp) -> i64 {
    app.count(
        "SELECT COUNT(*) FROM users WHERE role = 'admin' AND deactivated_at IS NULL \
         AND email_verified_at IS NOT NULL",
    )
    .await
}

async fn the_team_lists_active_pending_and_deactivated_members(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let staff = app.signed_in(Role::Staff).await;
    let gone = app.signed_in(Role::Staff).await;
    let diner = app.signed_in(Role::Diner).await;
    invite(&mut admin, "pending@example.com").await;
    // An invitation older than its 7 days is no longer listed.
    invite(&mut admin, "expired@example.com").await;
    let eight_days_ago = backend::store::db_time(backend::now() - chrono::TimeDelta::days(8));
    on_store!(&app.store, pool => {
        sqlx::query("UPDATE users SET created_at = $1 WHERE email_key = 'expired@example.com'")
            .bind(eight_days_ago).execute(pool).await.unwrap();
    });
    let gone_id = user_id(&app, &gone.email).await;
    let path = format!("/api/admin/team/{gone_id}/deactivate");
    assert_eq!(admin.post(&path, json!({})).await.0, 204);

    let listed = team(&mut admin).await;
    assert_eq!(listed["you"], user_id(&app, &admin.email).await);
    let status = |email: &str| member(&listed, email).map(|m| m["status"].clone());
    assert_eq!(status(&admin.email), Some(json!("active")));
    assert_eq!(status(&staff.email), Some(json!("active")));
    assert_eq!(status("pending@example.com"), Some(json!("pending")));
    assert_eq!(status(&gone.email), Some(json!("deactivated")));
    assert_eq!(status("expired@example.com"), None, "expired invitations");
    assert_eq!(status(&diner.email), None, "diners are not the team");
    let order: Vec<&str> = listed["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].as_str().unwrap())
        .collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|s| {
        ["active", "pending", "deactivated"]
            .iter()
            .position(|x| x == s)
    });
    assert_eq!(order, sorted, "active, then pending, then deactivated");

    let me = member(&listed, &admin.email).unwrap();
    assert_eq!(me["role"], "admin");
    assert!(me["last_sign_in_at"].is_string(), "{me}");
    assert!(me["invited_at"].is_null() && me["deactivated_at"].is_null());
    let pending = member(&listed, "pending@example.com").unwrap();
    assert_eq!(
        (&pending["role"], &pending["name"]),
        (&json!("staff"), &json!("Sam Invited"))
    );
    assert!(pending["last_sign_in_at"].is_null());
    let at = |field: &str| {
        chrono::DateTime::parse_from_rfc3339(pending[field].as_str().unwrap())
            .unwrap_or_else(|e| panic!("{field}: {e}"))
    };
    assert_eq!(
        at("invitation_expires_at") - at("invited_at"),
        chrono::TimeDelta::days(7)
    );
    let deactivated = member(&listed, &gone.email).unwrap();
    assert_eq!(deactivated["role"], "staff", "kept for a reactivation");
    assert!(deactivated["deactivated_at"].is_string());

    // The screen's server function reads the same team.
    let (status, body) = admin.server_fn("admin_team", &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, listed);
    app.stop().await;
}

async fn a_role_change_ends_the_members_sessions(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut sam = app.signed_in(Role::Staff).await;
    let mut sams_phone = app.client();
    assert_eq!(sams_phone.login(&sam.email.clone(), PASSWORD).await, 200);
    let id = user_id(&app, &sam.email).await;
    let path = format!("/api/admin/team/{id}/role");

    // The same role again changes nothing.
    assert_eq!(admin.put(&path, json!({"role": "staff"})).await.0, 204);
    assert_eq!(me(&mut sam).await.0, 200);
    // A new role ends every session of the member's at once.
    assert_eq!(admin.put(&path, json!({"role": "admin"})).await.0, 204);
    assert_eq!(me(&mut sam).await.0, 401);
    assert_eq!(me(&mut sams_phone).await.0, 401);
    assert_eq!(
        me(&mut admin).await.0,
        200,
        "the admin's own session goes on"
    );
    sign_in_again(&mut sam).await;
    let (status, now) = me(&mut sam).await;
    assert_eq!((status, now["role"].as_str()), (200, Some("admin")));

    // The screen's form does the same.
    let form = [("id", id.to_string()), ("role", "staff".to_owned())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = admin.server_fn("admin_team_role", &form).await;
    assert_eq!(allowed(status), 200, "{body}");
    assert_eq!(me(&mut sam).await.0, 401);
    sign_in_again(&mut sam).await;
    assert_eq!(me(&mut sam).await.1["role"], "staff");
    assert_eq!(
        member(&team(&mut admin).await, &sam.email).unwrap()["role"],
        "staff"
    );

    // Not a team role: refused on `role`, nothing changes.
    let (status, body) = admin.put(&path, json!({"role": "diner"})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_fields(&body), ["role"]);
    let (status, body) = admin
        .server_fn(
            "admin_team_role",
            &[("id", &id.to_string()), ("role", "diner")],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(me(&mut sam).await.0, 200);
    app.stop().await;
}

async fn deactivation_ends_every_session_and_staff_access(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut sam = app.signed_in(Role::Staff).await;
    let mut sams_phone = app.client();
    assert_eq!(sams_phone.login(&sam.email.clone(), PASSWORD).await, 200);
    assert_eq!(sam.get("/api/admin/day").await.0, 200);
    let id = user_id(&app, &sam.email).await;
    let deactivate = format!("/api/admin/team/{id}/deactivate");
    let reactivate = format!("/api/admin/team/{id}/reactivate");

    assert_eq!(admin.post(&deactivate, json!({})).await.0, 204);
    // Every session ends at once.
    assert_eq!(me(&mut sam).await.0, 401);
    assert_eq!(me(&mut sams_phone).await.0, 401);
    assert_eq!(sam.get("/api/admin/day").await.0, 401);
    // Signing in again opens a diner's account: no staff route.
    sign_in_again(&mut sam).await;
    let (status, now) = me(&mut sam).await;
    assert_eq!((status, now["role"].as_str()), (200, Some("diner")));
    assert_eq!(sam.get("/api/admin/day").await.0, 403);
    assert_eq!(sam.get("/api/admin/reservations").await.0, 403);
    assert_eq!(sam.server_fn("admin_day", &[]).await.0, 403);
    let (status, _) = app.page("/admin", Some("en"), sam.cookie.as_deref()).await;
    assert_eq!(status, 403, "the back office refuses a deactivated member");
    // Deactivating again changes nothing (the new session stays).
    assert_eq!(admin.post(&deactivate, json!({})).await.0, 204);
    assert_eq!(me(&mut sam).await.0, 200);

    // Reactivated with the same role: the diner's session ends too.
    assert_eq!(admin.post(&reactivate, json!({})).await.0, 204);
    assert_eq!(me(&mut sam).await.0, 401);
    sign_in_again(&mut sam).await;
    assert_eq!(me(&mut sam).await.1["role"], "staff");
    assert_eq!(sam.get("/api/admin/day").await.0, 200);
    // Reactivating an active member changes nothing.
    assert_eq!(admin.post(&reactivate, json!({})).await.0, 204);
    assert_eq!(me(&mut sam).await.0, 200);

    // The screen's forms do the same.
    let id = id.to_string();
    let (status, body) = admin
        .server_fn("admin_team_deactivate", &[("id", &id)])
        .await;
    assert_eq!(allowed(status), 200, "{body}");
    assert_eq!(me(&mut sam).await.0, 401);
    sign_in_again(&mut sam).await;
    assert_eq!(sam.get("/api/admin/day").await.0, 403);
    let listed = team(&mut admin).await;
    assert_eq!(
        member(&listed, &sam.email).unwrap()["status"],
        "deactivated"
    );
    let (status, body) = admin
        .server_fn("admin_team_reactivate", &[("id", &id)])
        .await;
    assert_eq!(allowed(status), 200, "{body}");
    sign_in_again(&mut sam).await;
    assert_eq!(sam.get("/api/admin/day").await.0, 200);
    let listed = team(&mut admin).await;
    assert_eq!(member(&listed, &sam.email).unwrap()["status"], "active");
    app.stop().await;
}

async fn admins_never_act_on_themselves_and_the_last_admin_stays(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let id = user_id(&app, &admin.email).await;
    // Their own account: refused, over the API and the screen's forms.
    let (status, body) = admin
        .post(&format!("/api/admin/team/{id}/deactivate"), json!({}))
        .await;
    assert_eq!((status, &body["error"]["code"]), (403, &json!("forbidden")));
    let path = format!("/api/admin/team/{id}/role");
    assert_eq!(admin.put(&path, json!({"role": "staff"})).await.0, 403);
    let put = json!({"email": admin.email, "role": "staff"});
    assert_eq!(admin.put("/api/auth/role", put).await.0, 403);
    let own = id.to_string();
    for (name, form) in [
        ("admin_team_deactivate", vec![("id", own.as_str())]),
        (
            "admin_team_role",
            vec![("id", own.as_str()), ("role", "staff")],
        ),
    ] {
        assert_eq!(admin.server_fn(name, &form).await.0, 403, "{name}");
    }
    // Nothing changed: still an active admin, still signed in.
    let (status, now) = me(&mut admin).await;
    assert_eq!((status, now["role"].as_str()), (200, Some("admin")));
    assert_eq!(
        member(&team(&mut admin).await, &admin.email).unwrap()["status"],
        "active"
    );

    // The last active admin is never demoted nor deactivated, whoever asks
    // (here an admin the database does not count, as in a race).
    let ghost = Principal {
        user_id: -1,
        role: domain::Role::Admin,
        email: "ghost@example.com".into(),
        verified: true,
        session_epoch: 0,
        recent_sign_in: true,
    };
    let now = backend::now();
    let store = &app.store;
    for refused in [
        accounts::deactivate_member(store, now, Some(&ghost), id).await,
        accounts::set_member_role(store, now, Some(&ghost), id, domain::Role::Staff).await,
        accounts::set_role(store, now, Some(&ghost), &admin.email, domain::Role::Diner).await,
    ] {
        let Err(ServiceError::Conflict(code)) = refused else {
            panic!("{refused:?}");
        };
        assert_eq!(code, accounts::LAST_ADMIN);
        let error = app::error::AppError::from(ServiceError::Conflict(code));
        assert_eq!((error.code(), error.status()), ("last_admin", 409));
    }
    // ...and stays an admin, signed in.
    let (status, now) = me(&mut admin).await;
    assert_eq!((status, now["role"].as_str()), (200, Some("admin")));
    assert_eq!(active_admins(&app).await, 1);
    // Promoting keeps an admin: allowed.
    accounts::set_member_role(store, backend::now(), Some(&ghost), id, domain::Role::Admin)
        .await
        .unwrap();
    assert_eq!(me(&mut admin).await.0, 200, "the same role: no change");
    app.stop().await;
}

async fn two_admins_demoting_each_other_leave_one(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut ada = app.signed_in(Role::Admin).await;
    let mut bob = app.signed_in(Role::Admin).await;
    let ada_id = user_id(&app, &ada.email).await;
    let bob_id = user_id(&app, &bob.email).await;
    for round in 0..3 {
        let demote = json!({"role": "staff"});
        let (to_bob, to_ada) = (
            format!("/api/admin/team/{bob_id}/role"),
            format!("/api/admin/team/{ada_id}/role"),
        );
        let ((a, a_body), (b, b_body)) = tokio::join!(
            ada.put(&to_bob, demote.clone()),
            bob.put(&to_ada, demote.clone())
        );
        // Exactly one wins; the other was signed out first (401) or found
        // the winner the last admin (409 `last_admin`).
        let mut statuses = [a, b];
        statuses.sort_unstable();
        assert!(
            statuses == [204, 401] || statuses == [204, 409],
            "round {round}: {a} {a_body} / {b} {b_body}"
        );
        for (status, body) in [(a, &a_body), (b, &b_body)] {
            if status == 409 {
                assert_eq!(body["error"]["code"], "last_admin", "{body}");
            }
        }
        assert_eq!(active_admins(&app).await, 1, "round {round}");
        // Both admins again, both signed in afresh.
        let now = backend::now();
        app.store.set_role(ada_id, "admin", now).await.unwrap();
        app.store.set_role(bob_id, "admin", now).await.unwrap();
        sign_in_again(&mut ada).await;
        sign_in_again(&mut bob).await;
    }
    app.stop().await;
}

async fn a_cancelled_invitation_no_longer_works(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    invite(&mut admin, "sam@example.com").await;
    let token = token_from_mail(&app.mail_dir, "sam@example.com", "invite").await;
    let id = member(&team(&mut admin).await, "sam@example.com").unwrap()["id"]
        .as_i64()
        .unwrap();
    // A pending invitation is cancelled, not deactivated, and keeps its role.
    let path = format!("/api/admin/team/{id}/deactivate");
    assert_eq!(admin.post(&path, json!({})).await.0, 404);
    let path = format!("/api/admin/team/{id}/role");
    let (status, body) = admin.put(&path, json!({"role": "admin"})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        body["error"]["fields"][0],
        json!({"field": "role", "reason": "unverified"})
    );

    let cancel = format!("/api/admin/team/invitations/{id}");
    assert_eq!(admin.delete(&cancel).await.0, 204);
    assert!(member(&team(&mut admin).await, "sam@example.com").is_none());
    let mut sam = app.client();
    let accept = json!({"token": token, "password": "sam's own pass phrase"});
    assert_eq!(sam.post("/api/auth/invite/accept", accept).await.0, 404);
    assert_eq!(
        sam.login("sam@example.com", "sam's own pass phrase").await,
        401
    );
    assert_eq!(admin.delete(&cancel).await.0, 404, "cancelled already");
    // The address may be invited again.
    invite(&mut admin, "sam@example.com").await;

    // The screen's forms: invite, then cancel.
    let form = [
        ("email", "lea@example.com"),
        ("name", "Léa"),
        ("role", "admin"),
        ("locale", "fr"),
    ];
    let (status, body) = admin.server_fn("admin_invite", &form).await;
    assert_eq!(allowed(status), 200, "{body}");
    let token = token_from_mail(&app.mail_dir, "lea@example.com", "invite").await;
    let lea = member(&team(&mut admin).await, "lea@example.com")
        .unwrap()
        .clone();
    assert_eq!(
        (&lea["role"], &lea["status"]),
        (&json!("admin"), &json!("pending"))
    );
    let lea_id = lea["id"].to_string();
    let (status, body) = admin
        .server_fn("admin_invitation_cancel", &[("id", &lea_id)])
        .await;
    assert_eq!(allowed(status), 200, "{body}");
    let accept = json!({"token": token, "password": "lea's own pass phrase"});
    assert_eq!(sam.post("/api/auth/invite/accept", accept).await.0, 404);
    app.stop().await;
}

async fn unknown_ids_and_non_members_are_not_found(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let mut diner = app.signed_in(Role::Diner).await;
    let diner_id = user_id(&app, &diner.email).await;
    let staff_id = user_id(&app, &staff.email).await;
    for id in ["999999999", "abc", "-1", &diner_id.to_string()] {
        let requests = [
            (
                reqwest::Method::PUT,
                format!("/api/admin/team/{id}/role"),
                Some(json!({"role": "staff"})),
            ),
            (
                reqwest::Method::POST,
                format!("/api/admin/team/{id}/deactivate"),
                None,
            ),
            (
                reqwest::Method::POST,
                format!("/api/admin/team/{id}/reactivate"),
                None,
            ),
            (
                reqwest::Method::DELETE,
                format!("/api/admin/team/invitations/{id}"),
                None,
            ),
        ];
        for (method, path, body) in requests {
            let (status, answer) = admin.json(method.clone(), &path, body).await;
            assert_eq!(status, 404, "{method} {path}: {answer}");
            assert_eq!(answer["error"]["code"], "not_found");
        }
    }
    for name in [
        "admin_team_deactivate",
        "admin_team_reactivate",
        "admin_invitation_cancel",
    ] {
        for id in ["999999999".to_owned(), diner_id.to_string()] {
            assert_eq!(admin.server_fn(name, &[("id", &id)]).await.0, 404, "{name}");
        }
    }
    // An active member is no invitation.
    let cancel = format!("/api/admin/team/invitations/{staff_id}");
    assert_eq!(admin.delete(&cancel).await.0, 404);
    // Nobody changed: the diner is a diner, the staff member works.
    assert_eq!(me(&mut diner).await.1["role"], "diner");
    assert_eq!(staff.get("/api/admin/day").await.0, 200);
    app.stop().await;
}

async fn the_team_screen_renders_and_the_old_address_redirects(db: Db) {
    let app = TestApp::spawn(db).await;
    let admin = app.signed_in(Role::Admin).await;
    let staff = app.signed_in(Role::Staff).await;
    let staff_id = user_id(&app, &staff.email).await;
    let cookie = admin.cookie.clone().unwrap();

    let res = app
        .http
        .get(app.url("/admin/staff"))
        .header("cookie", &cookie)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 302);
    assert_eq!(res.headers()["location"], "/admin/team");

    let (status, page) = app.page("/admin/team", Some("en"), Some(&cookie)).await;
    assert_eq!(status, 200, "{page}");
    for needle in [
        "id=\"team-table\"",
        &staff.email,
        &admin.email,
        "id=\"invite-heading\"",
        &format!("id=\"role-{staff_id}\""),
        &format!("href=\"/admin/team?confirm={staff_id}#confirm-deactivate\""),
        "(you)",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    assert!(!page.contains("id=\"confirm-deactivate\""));

    // The deactivation's second step, in French.
    let path = format!("/admin/team?confirm={staff_id}");
    let (status, page) = app.page(&path, Some("fr"), Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"confirm-deactivate\""), "{page}");
    assert!(page.contains("Confirmer la désactivation"));
    let (_, page) = app
        .page("/admin/team?done=deactivated", Some("en"), Some(&cookie))
        .await;
    assert!(page.contains("id=\"done-message\""));
    assert!(page.contains("The member is deactivated."));

    // Staff are refused the screen.
    let (status, _) = app
        .page("/admin/team", Some("en"), staff.cookie.as_deref())
        .await;
    assert_eq!(status, 403);
    app.stop().await;
}
