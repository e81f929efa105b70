//! Who may do what: anonymous, the owner (a diner), another diner, staff
//! and an admin, over the JSON API and the pages' server functions.

use crate::helpers::{dates, reference, Booking, Client, Db, Role, TestApp};
use chrono::Weekday;
use reqwest::Method;
use serde_json::{json, Value};

on_both_backends!(authorization_matrix);

/// Any success (2xx, or a 3xx redirect after a form) reads as 200.
fn allowed(status: u16) -> u16 {
    if (200..400).contains(&status) {
        200
    } else {
        status
    }
}

/// Cancels through the account page's server function.
async fn cancel_by_form(client: &mut Client, reference: &str) -> u16 {
    let form = [("reference", reference)];
    allowed(client.server_fn("account_cancel", &form).await.0)
}

async fn authorization_matrix(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut anon = app.client();
    let mut ada = app.signed_in(Role::Diner).await;
    let mut bob = app.signed_in(Role::Diner).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let mut refs = Vec::new();
    for time in ["19:00", "19:15", "19:30", "19:45", "20:00"] {
        let booking = Booking::at(thursday, time).for_the_account();
        refs.push(reference(&ada.book(&booking).await));
    }
    let one = format!("/api/reservations/{}", refs[0]);
    let mut everyone = [&mut anon, &mut ada, &mut bob, &mut staff, &mut admin];

    // (request, expected status) for anon, ada (owner), bob (another diner),
    // staff, admin.
    type Row = (Method, String, Option<Value>, [u16; 5]);
    let rows: Vec<Row> = vec![
        (
            Method::GET,
            "/api/auth/me".into(),
            None,
            [401, 200, 200, 200, 200],
        ),
        (
            Method::GET,
            "/api/reservations".into(),
            None,
            [401, 200, 200, 200, 200],
        ),
        (Method::GET, one.clone(), None, [401, 200, 404, 200, 200]),
        (
            Method::PUT,
            one.clone(),
            Some(json!({"notes": "high chair"})),
            [401, 200, 404, 200, 200],
        ),
        (
            Method::PUT,
            "/api/auth/role".into(),
            Some(json!({"email": everyone[2].email, "role": "diner"})),
            [401, 403, 403, 403, 204],
        ),
        (
            Method::POST,
            "/api/auth/refresh".into(),
            Some(json!({})),
            [401, 200, 200, 200, 200],
        ),
        // Account actions confirm the password: a wrong one changes nothing.
        (
            Method::POST,
            "/api/auth/password".into(),
            Some(
                json!({"current_password": "not the password", "new_password": "a new long pass phrase"}),
            ),
            [401, 422, 422, 422, 422],
        ),
        (
            Method::DELETE,
            "/api/auth/me".into(),
            Some(json!({"password": "not the password"})),
            [401, 422, 422, 422, 422],
        ),
        // The host stand: staff and admins; the role is checked before
        // the booking is looked for.
        (
            Method::GET,
            "/api/admin/day".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::GET,
            "/api/admin/floor".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        // Payments: staff read the policy and the payments list (and its
        // CSV, even with Stripe off), admins change the policy (not here:
        // Stripe is not configured, so the change is refused with 503);
        // refunds and fees are staff's, checked before the booking is
        // looked for. Stripe's webhook answers the same to everyone: not
        // configured here.
        (
            Method::GET,
            "/api/admin/settings/payments".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::PUT,
            "/api/admin/settings/payments".into(),
            Some(
                json!({"mode": "deposit", "deposit_per_guest_cents": 1500, "from_party": 6,
                "hold_minutes": 10, "refund_cutoff_hours": 48, "late_refund_percent": 0}),
            ),
            [401, 403, 403, 403, 409],
        ),
        (
            Method::GET,
            "/api/admin/payments".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::GET,
            "/api/admin/payments.csv?status=paid&kind=deposit".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::POST,
            "/api/admin/reservations/999999999/refunds".into(),
            Some(json!({"reason": "Goodwill"})),
            [401, 403, 403, 404, 404],
        ),
        (
            Method::POST,
            "/api/admin/reservations/999999999/no-show-fee".into(),
            Some(json!({})),
            [401, 403, 403, 404, 404],
        ),
        (
            Method::POST,
            "/webhooks/stripe".into(),
            Some(json!({"id": "evt_1"})),
            [404, 404, 404, 404, 404],
        ),
        (
            Method::PUT,
            "/api/admin/reservations/999999999".into(),
            Some(json!({"time": "19:00"})),
            [401, 403, 403, 404, 404],
        ),
        (
            Method::POST,
            "/api/admin/reservations/999999999/status".into(),
            Some(json!({"status": "arrived"})),
            [401, 403, 403, 404, 404],
        ),
        (
            Method::POST,
            "/api/admin/reservations".into(),
            Some(json!({"source": "walk_in", "party_size": 2, "tables": [999999999]})),
            [401, 403, 403, 422, 422],
        ),
        (
            Method::GET,
            "/api/admin/reservations/999999999".into(),
            None,
            [401, 403, 403, 404, 404],
        ),
        (
            Method::DELETE,
            "/api/admin/reservations/999999999".into(),
            Some(json!({"reason": "Closed"})),
            [401, 403, 403, 404, 404],
        ),
        (
            Method::POST,
            "/api/admin/reservations/999999999/notes".into(),
            Some(json!({"text": "VIP"})),
            [401, 403, 403, 404, 404],
        ),
        (
            Method::POST,
            "/api/admin/reservations/999999999/resend".into(),
            Some(json!({})),
            [401, 403, 403, 404, 404],
        ),
        (
            Method::PUT,
            "/api/admin/day/note".into(),
            Some(json!({"date": "2026-12-24", "text": "Closed early"})),
            [401, 403, 403, 200, 200],
        ),
        (
            Method::GET,
            "/api/admin/reservations".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::GET,
            "/api/admin/reservations.csv".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::POST,
            "/api/admin/reservations/bulk".into(),
            Some(json!({"action": "no_show", "ids": [999999999]})),
            [401, 403, 403, 200, 200],
        ),
        // Guest profiles: staff and admins.
        (
            Method::GET,
            "/api/admin/guests?q=ada".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::GET,
            "/api/admin/guests/999999999".into(),
            None,
            [401, 403, 403, 404, 404],
        ),
        (
            Method::PUT,
            "/api/admin/guests/999999999".into(),
            Some(json!({"tags": "vip", "notes": ""})),
            [401, 403, 403, 404, 404],
        ),
        // The room: staff read it, admins change it (the role is checked
        // before the row is looked for).
        (
            Method::GET,
            "/api/admin/areas".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::GET,
            "/api/admin/tables".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::GET,
            "/api/admin/combinations".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::POST,
            "/api/admin/areas".into(),
            Some(json!({"name": "Mezzanine"})),
            [401, 403, 403, 403, 201],
        ),
        (
            Method::PUT,
            "/api/admin/areas/999999999".into(),
            Some(json!({"name": "Cave"})),
            [401, 403, 403, 403, 404],
        ),
        (
            Method::DELETE,
            "/api/admin/areas/999999999".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        (
            Method::POST,
            "/api/admin/tables".into(),
            Some(
                json!({"name": "Z1", "area_id": 999999999, "min_seats": 1, "max_seats": 2,
                "shape": "round", "x": 0, "y": 0, "width": 2, "height": 2, "rotation": 0}),
            ),
            [401, 403, 403, 403, 422],
        ),
        (
            Method::PUT,
            "/api/admin/tables/999999999".into(),
            Some(
                json!({"name": "Z1", "area_id": 999999999, "min_seats": 1, "max_seats": 2,
                "shape": "round", "x": 0, "y": 0, "width": 2, "height": 2, "rotation": 0}),
            ),
            [401, 403, 403, 403, 404],
        ),
        (
            Method::DELETE,
            "/api/admin/tables/999999999".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        (
            Method::POST,
            "/api/admin/combinations".into(),
            Some(json!({"name": "Z", "tables": [999999998, 999999999]})),
            [401, 403, 403, 403, 422],
        ),
        (
            Method::DELETE,
            "/api/admin/combinations/999999999".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        (
            Method::GET,
            "/api/admin/tables/999999999/bookings".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        (
            Method::POST,
            "/api/admin/tables/999999999/reassign".into(),
            Some(json!({})),
            [401, 403, 403, 403, 404],
        ),
        (
            Method::GET,
            "/api/admin/blocks?from=2026-12-01&to=2026-12-31".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        // Tables that are not the restaurant's: refused once allowed.
        (
            Method::POST,
            "/api/admin/blocks".into(),
            Some(json!({"tables": [999999999], "start": "2099-01-01T12:00",
                "end": "2099-01-01T15:00", "reason": "Z"})),
            [401, 403, 403, 422, 422],
        ),
        (
            Method::DELETE,
            "/api/admin/blocks/999999999".into(),
            None,
            [401, 403, 403, 404, 404],
        ),
        (
            Method::GET,
            "/api/admin/settings".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::PUT,
            "/api/admin/settings/restaurant".into(),
            Some(
                json!({"name": "Chez Margot", "street": "12 rue des Martyrs",
                "postal_code": "75009", "city": "Paris", "country": "France",
                "phone": "+33 1 42 00 00 00", "email": "bonjour@example.com"}),
            ),
            [401, 403, 403, 403, 200],
        ),
        (
            Method::PUT,
            "/api/admin/settings/rules".into(),
            Some(
                json!({"min_notice_minutes": 120, "max_advance_days": 60, "min_party": 1,
                "max_party_online": 8, "cancel_cutoff_minutes": 120,
                "turn_times": [{"up_to": 2, "minutes": 90}, {"up_to": 4, "minutes": 105},
                    {"up_to": 6, "minutes": 120}],
                "turn_larger_minutes": 150}),
            ),
            [401, 403, 403, 403, 200],
        ),
        // A lunch over dinner's time: refused once allowed, nothing changes.
        (
            Method::POST,
            "/api/admin/settings/hours".into(),
            Some(
                json!({"weekdays": ["thursday"], "kind": "lunch", "opens": "12:00",
                "last_seating": "20:00", "closes": "21:00"}),
            ),
            [401, 403, 403, 403, 422],
        ),
        (
            Method::DELETE,
            "/api/admin/settings/hours/999999999".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        // A closure in the past: refused once allowed.
        (
            Method::POST,
            "/api/admin/settings/exceptions".into(),
            Some(json!({"kind": "closed", "from": "2000-01-01"})),
            [401, 403, 403, 403, 422],
        ),
        (
            Method::DELETE,
            "/api/admin/settings/exceptions/999999999".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        (
            Method::GET,
            "/api/admin/audit".into(),
            None,
            [401, 403, 403, 403, 200],
        ),
        // The team: admins only (the role is checked before the member is
        // looked for).
        (
            Method::GET,
            "/api/admin/team".into(),
            None,
            [401, 403, 403, 403, 200],
        ),
        (
            Method::PUT,
            "/api/admin/team/999999999/role".into(),
            Some(json!({"role": "staff"})),
            [401, 403, 403, 403, 404],
        ),
        (
            Method::POST,
            "/api/admin/team/999999999/deactivate".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        (
            Method::POST,
            "/api/admin/team/999999999/reactivate".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        (
            Method::DELETE,
            "/api/admin/team/invitations/999999999".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        // The menu: staff read it and mark dishes sold out; admins change
        // it. A photo is checked for the role before its body is read
        // (then a JSON body is not a multipart form: 415).
        (
            Method::GET,
            "/api/admin/menu/categories".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::POST,
            "/api/admin/menu/categories".into(),
            Some(json!({"name_fr": "Fromages", "name_en": "Cheeses"})),
            [401, 403, 403, 403, 201],
        ),
        (
            Method::PUT,
            "/api/admin/menu/categories/999999999".into(),
            Some(json!({"name_fr": "Fromages", "name_en": "Cheeses"})),
            [401, 403, 403, 403, 404],
        ),
        (
            Method::DELETE,
            "/api/admin/menu/categories/999999999".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        (
            Method::POST,
            "/api/admin/menu/categories/999999999/move".into(),
            Some(json!({"direction": "up"})),
            [401, 403, 403, 403, 404],
        ),
        (
            Method::POST,
            "/api/admin/menu/items".into(),
            Some(
                json!({"category_id": 999999999, "name_fr": "Comté", "name_en": "Comté",
                "price": "9"}),
            ),
            [401, 403, 403, 403, 422],
        ),
        (
            Method::GET,
            "/api/admin/menu/items/999999999".into(),
            None,
            [401, 403, 403, 404, 404],
        ),
        (
            Method::PUT,
            "/api/admin/menu/items/999999999".into(),
            Some(
                json!({"category_id": 1, "name_fr": "Comté", "name_en": "Comté",
                "price": "9"}),
            ),
            [401, 403, 403, 403, 404],
        ),
        (
            Method::DELETE,
            "/api/admin/menu/items/999999999".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        (
            Method::POST,
            "/api/admin/menu/items/999999999/move".into(),
            Some(json!({"direction": "down"})),
            [401, 403, 403, 403, 404],
        ),
        (
            Method::PUT,
            "/api/admin/menu/items/999999999/availability".into(),
            Some(json!({"available": false})),
            [401, 403, 403, 404, 404],
        ),
        (
            Method::POST,
            "/api/admin/menu/items/999999999/photos".into(),
            Some(json!({})),
            [401, 403, 403, 403, 415],
        ),
        (
            Method::DELETE,
            "/api/admin/menu/photos/999999999".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        // The gallery of the restaurant's page: staff read, admins change.
        (
            Method::GET,
            "/api/admin/gallery".into(),
            None,
            [401, 403, 403, 200, 200],
        ),
        (
            Method::POST,
            "/api/admin/gallery".into(),
            Some(json!({})),
            [401, 403, 403, 403, 415],
        ),
        (
            Method::PUT,
            "/api/admin/gallery/999999999".into(),
            Some(json!({"alt_fr": "La salle"})),
            [401, 403, 403, 403, 404],
        ),
        (
            Method::POST,
            "/api/admin/gallery/999999999/move".into(),
            Some(json!({"direction": "up"})),
            [401, 403, 403, 403, 404],
        ),
        (
            Method::DELETE,
            "/api/admin/gallery/999999999".into(),
            None,
            [401, 403, 403, 403, 404],
        ),
        // An e-mailed confirmation link: the token, not the role, opens it.
        (
            Method::POST,
            format!("/api/reservations/confirm/{}", "x".repeat(43)),
            Some(json!({})),
            [404, 404, 404, 404, 404],
        ),
    ];
    for (method, path, body, expected) in rows {
        let mut got = [0u16; 5];
        for (i, client) in everyone.iter_mut().enumerate() {
            got[i] = client.json(method.clone(), &path, body.clone()).await.0;
        }
        assert_eq!(got, expected, "{method} {path}");
    }
    // The staff screens' event stream (read for its status only: staff
    // get a stream that does not end).
    let mut got = [0u16; 5];
    for (i, client) in everyone.iter_mut().enumerate() {
        got[i] = client.stream("/api/admin/events").await.status().as_u16();
    }
    assert_eq!(got, [401, 403, 403, 200, 200], "GET /api/admin/events");
    // The pages' server functions go through the same check.
    let mut got = [0u16; 5];
    for (i, client) in everyone.iter_mut().enumerate() {
        got[i] = allowed(client.server_fn("account_reservations", &[]).await.0);
    }
    assert_eq!(got, [401, 200, 200, 200, 200], "account_reservations");
    let mut got = [0u16; 5];
    for (i, client) in everyone.iter_mut().enumerate() {
        let token = "y".repeat(43);
        got[i] = allowed(
            client
                .server_fn("manage_confirm", &[("token", &token)])
                .await
                .0,
        );
    }
    assert_eq!(got, [404, 404, 404, 404, 404], "manage_confirm");
    let mut got = [0u16; 5];
    for (i, client) in everyone.iter_mut().enumerate() {
        let email = format!("fn{i}@example.com");
        let form = [
            ("email", email.as_str()),
            ("name", "New"),
            ("role", "staff"),
            ("locale", "fr"),
        ];
        got[i] = allowed(client.server_fn("admin_invite", &form).await.0);
    }
    assert_eq!(got, [401, 403, 403, 403, 200], "admin_invite");
    // The host stand's server functions: staff and admins; the role is
    // checked before the booking is looked for.
    let missing = [
        ("id", "999999999"),
        ("status", "arrived"),
        ("time", "19:00"),
    ];
    for (name, form, expected) in [
        ("admin_day", &[][..], [401, 403, 403, 200, 200]),
        ("admin_timeline", &[][..], [401, 403, 403, 200, 200]),
        ("admin_live_floor", &[][..], [401, 403, 403, 200, 200]),
        (
            "admin_floor_status",
            &[missing[0], ("status", "seated")][..],
            [401, 403, 403, 404, 404],
        ),
        (
            "admin_floor_walk_in",
            &[("table", "999999999"), ("party_size", "2")][..],
            [401, 403, 403, 422, 422],
        ),
        (
            "admin_reservations",
            &[("sort", "time")][..],
            [401, 403, 403, 200, 200],
        ),
        (
            "admin_note",
            &[("date", "2026-12-24"), ("text", "Closed early")][..],
            [401, 403, 403, 200, 200],
        ),
        (
            "admin_bulk",
            &[("action", "no_show"), ("ids[]", "999999999")][..],
            [401, 403, 403, 200, 200],
        ),
        ("admin_status", &missing[..2], [401, 403, 403, 404, 404]),
        (
            "admin_reservation",
            &missing[..1],
            [401, 403, 403, 404, 404],
        ),
        (
            "admin_reservation_edit",
            &[missing[0], missing[2]][..],
            [401, 403, 403, 404, 404],
        ),
        (
            "admin_reservation_cancel",
            &[missing[0], ("reason", "Closed")][..],
            [401, 403, 403, 404, 404],
        ),
        (
            "admin_reservation_note",
            &[missing[0], ("text", "VIP")][..],
            [401, 403, 403, 404, 404],
        ),
        ("admin_resend", &missing[..1], [401, 403, 403, 404, 404]),
        ("admin_tables", &[][..], [401, 403, 403, 200, 200]),
        ("admin_calendar", &[][..], [401, 403, 403, 200, 200]),
        (
            "admin_guests",
            &[("q", "ada")][..],
            [401, 403, 403, 200, 200],
        ),
        ("admin_guest", &missing[..1], [401, 403, 403, 404, 404]),
        (
            "admin_guest_lookup",
            &[("q", "ada")][..],
            [401, 403, 403, 200, 200],
        ),
        (
            "admin_guest_notes",
            &[missing[0], ("tags", "vip"), ("notes", "")][..],
            [401, 403, 403, 404, 404],
        ),
        // The room: staff read it, admins change it.
        ("admin_floor", &[][..], [401, 403, 403, 200, 200]),
        (
            "admin_area_save",
            &[("name", "Véranda")][..],
            [401, 403, 403, 403, 200],
        ),
        (
            "admin_area_delete",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_table_delete",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_table_save",
            &[
                ("name", "Z9"),
                ("area_id", "999999999"),
                ("min_seats", "1"),
                ("max_seats", "2"),
                ("shape", "round"),
                ("x", "0"),
                ("y", "0"),
                ("width", "2"),
                ("height", "2"),
                ("rotation", "0"),
            ][..],
            [401, 403, 403, 403, 422],
        ),
        (
            "admin_combination_add",
            &[
                ("name", "Z"),
                ("tables[]", "999999998"),
                ("tables[]", "999999999"),
            ][..],
            [401, 403, 403, 403, 422],
        ),
        (
            "admin_combination_delete",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_table_bookings",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_table_reassign",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_table_place",
            &[("id", "999999999"), ("x", "1"), ("y", "1")][..],
            [401, 403, 403, 403, 404],
        ),
        ("admin_settings", &[][..], [401, 403, 403, 200, 200]),
        ("admin_audit", &[][..], [401, 403, 403, 403, 200]),
        // The menu: staff read it and mark dishes sold out.
        ("admin_menu", &[][..], [401, 403, 403, 200, 200]),
        (
            "admin_category_save",
            &[missing[0], ("name_fr", "Fromages"), ("name_en", "Cheeses")][..],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_category_delete",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_category_move",
            &[missing[0], ("direction", "up")][..],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_item_save",
            &[
                missing[0],
                ("category_id", "999999999"),
                ("name_fr", "Comté"),
                ("name_en", "Comté"),
                ("description_fr", ""),
                ("description_en", ""),
                ("price", "9"),
            ][..],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_item_delete",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_item_move",
            &[missing[0], ("direction", "down")][..],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_item_available",
            &[missing[0], ("available", "false")][..],
            [401, 403, 403, 404, 404],
        ),
        (
            "admin_photo_delete",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        // The team: admins only.
        ("admin_team", &[][..], [401, 403, 403, 403, 200]),
        (
            "admin_team_role",
            &[missing[0], ("role", "staff")][..],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_team_deactivate",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_team_reactivate",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_invitation_cancel",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_restaurant_save",
            &[
                ("name", "Chez Margot"),
                ("tagline_fr", ""),
                ("tagline_en", ""),
                ("about_fr", ""),
                ("about_en", ""),
                ("street", "12 rue des Martyrs"),
                ("postal_code", "75009"),
                ("city", "Paris"),
                ("country", "France"),
                ("phone", "+33 1 42 00 00 00"),
                ("email", "bonjour@example.com"),
            ][..],
            [401, 403, 403, 403, 200],
        ),
        (
            "admin_hours_delete",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_exception_delete",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
        ("admin_blocks", &[][..], [401, 403, 403, 200, 200]),
        (
            "admin_block_add",
            &[
                ("tables[]", "999999999"),
                ("start", "2099-01-01T12:00"),
                ("end", "2099-01-01T15:00"),
                ("reason", "Z"),
            ][..],
            [401, 403, 403, 422, 422],
        ),
        (
            "admin_block_delete",
            &missing[..1],
            [401, 403, 403, 404, 404],
        ),
        (
            "admin_book",
            &[
                ("source", "walk_in"),
                ("party_size", "2"),
                ("table", "999999999"),
            ][..],
            [401, 403, 403, 422, 422],
        ),
        (
            "admin_walk_in",
            &[("table", "999999999"), ("party_size", "2")][..],
            [401, 403, 403, 422, 422],
        ),
        (
            "admin_move",
            &[missing[0], missing[2]][..],
            [401, 403, 403, 404, 404],
        ),
        // Payments: staff see and move money; only admins set the policy
        // (which needs Stripe, not configured here).
        // The contact page's messages: staff read them and mark them.
        ("admin_messages", &[][..], [401, 403, 403, 200, 200]),
        (
            "admin_messages",
            &[("show", "unknown")][..],
            [401, 403, 403, 422, 422],
        ),
        (
            "admin_message_handled",
            &[missing[0], ("handled", "true")][..],
            [401, 403, 403, 404, 404],
        ),
        // Anyone may write from the contact page; bad input is refused
        // for everyone alike.
        (
            "contact_send",
            &[
                ("name", "Ana"),
                ("email", "ana@example.com"),
                ("body", "Une question sur la terrasse."),
            ][..],
            [200, 200, 200, 200, 200],
        ),
        (
            "contact_send",
            &[("name", ""), ("email", "ana"), ("body", "Hi")][..],
            [422, 422, 422, 422, 422],
        ),
        // The home page's next free times: public, read-only.
        ("next_free", &[][..], [200, 200, 200, 200, 200]),
        ("admin_payments", &[][..], [401, 403, 403, 200, 200]),
        ("admin_payments_list", &[][..], [401, 403, 403, 200, 200]),
        (
            "admin_payments_save",
            &[
                ("mode", "off"),
                ("deposit_per_guest", ""),
                ("no_show_fee_per_guest", ""),
                ("from_party", "1"),
                ("hold_minutes", "10"),
                ("refund_cutoff_hours", "24"),
                ("late_refund_percent", "0"),
            ][..],
            [401, 403, 403, 403, 503],
        ),
        (
            "admin_refund",
            &[missing[0], ("reason", "Z"), ("key", "k-authz")][..],
            [401, 403, 403, 404, 404],
        ),
        (
            "admin_no_show_fee",
            &missing[..1],
            [401, 403, 403, 404, 404],
        ),
        // The settings screen's forms: admins only (the same values as the
        // JSON rows; a lunch over dinner and a past closure are refused
        // once allowed).
        (
            "admin_rules_save",
            &[
                ("min_notice_minutes", "120"),
                ("max_advance_days", "60"),
                ("min_party", "1"),
                ("max_party_online", "8"),
                ("cancel_cutoff_minutes", "120"),
                ("turn_up_to_1", "2"),
                ("turn_minutes_1", "90"),
                ("turn_up_to_2", "4"),
                ("turn_minutes_2", "105"),
                ("turn_up_to_3", "6"),
                ("turn_minutes_3", "120"),
                ("turn_larger_minutes", "150"),
            ][..],
            [401, 403, 403, 403, 200],
        ),
        (
            "admin_hours_save",
            &[
                ("thursday", "on"),
                ("kind", "lunch"),
                ("opens", "12:00"),
                ("last_seating", "20:00"),
                ("closes", "21:00"),
                ("slot_interval_minutes", "15"),
            ][..],
            [401, 403, 403, 403, 422],
        ),
        (
            "admin_exception_add",
            &[("kind", "closed"), ("from", "2000-01-01")][..],
            [401, 403, 403, 403, 422],
        ),
        ("admin_gallery", &[][..], [401, 403, 403, 200, 200]),
        (
            "admin_gallery_alt",
            &[missing[0], ("alt_fr", "Une salle"), ("alt_en", "A room")][..],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_gallery_move",
            &[missing[0], ("direction", "up")][..],
            [401, 403, 403, 403, 404],
        ),
        (
            "admin_gallery_delete",
            &missing[..1],
            [401, 403, 403, 403, 404],
        ),
    ] {
        let mut got = [0u16; 5];
        for (i, client) in everyone.iter_mut().enumerate() {
            got[i] = allowed(client.server_fn(name, form).await.0);
        }
        assert_eq!(got, expected, "{name}");
    }
    assert_eq!(cancel_by_form(everyone[0], &refs[4]).await, 401);
    assert_eq!(cancel_by_form(everyone[2], &refs[4]).await, 404);
    assert_eq!(cancel_by_form(everyone[1], &refs[4]).await, 200);
    // Invitations: only admins (a fresh address each time).
    let mut got = [0u16; 5];
    for (i, client) in everyone.iter_mut().enumerate() {
        let body = json!({"email": format!("new{i}@example.com"), "name": "New", "role": "staff"});
        got[i] = client.post("/api/auth/invite", body).await.0;
    }
    assert_eq!(got, [401, 403, 403, 403, 201]);
    // Deleting: anonymous and another diner cannot; the owner, staff and admin can.
    let del = |r: &String| format!("/api/reservations/{r}");
    assert_eq!(everyone[0].delete(&del(&refs[1])).await.0, 401);
    assert_eq!(everyone[2].delete(&del(&refs[1])).await.0, 404);
    assert_eq!(everyone[1].delete(&del(&refs[1])).await.0, 200);
    assert_eq!(everyone[3].delete(&del(&refs[2])).await.0, 200);
    assert_eq!(everyone[4].delete(&del(&refs[3])).await.0, 200);
    // Bob's list shows none of Ada's bookings.
    let (_, list) = everyone[2].get("/api/reservations").await;
    assert_eq!(list.as_array().unwrap().len(), 0);
    // Signing out everywhere: any account, for itself (last: it ends the
    // sessions).
    let mut got = [0u16; 5];
    for (i, client) in everyone.iter_mut().enumerate() {
        got[i] = client.post("/api/auth/logout-all", json!({})).await.0;
    }
    assert_eq!(got, [401, 204, 204, 204, 204], "POST /api/auth/logout-all");
    app.stop().await;
}

/// Every staff server function has its row above: one added without it
/// fails here until its row is written.
#[test]
fn every_staff_server_function_is_in_the_matrix() {
    let source = include_str!("authz.rs");
    let staff: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .filter_map(|(path, _)| path.strip_prefix("/api/fn/"))
        .filter(|name| name.starts_with("admin_"))
        .collect();
    assert!(
        staff.contains(&"admin_day") && staff.contains(&"admin_refund"),
        "the registered server functions are read: {staff:?}"
    );
    let missing: Vec<&&str> = staff
        .iter()
        .filter(|name| !source.contains(&format!("\"{name}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "not in the authorization matrix: {missing:?}"
    );
}
