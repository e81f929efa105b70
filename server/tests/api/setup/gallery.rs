//! `/api/admin/gallery`: the photos of the restaurant's page. Admins add
//! them (checked and re-encoded as the menu's, with what each shows in
//! each language), reorder and remove them; diners get them with the
//! restaurant's information at once; a bad file or bad words change
//! nothing.

use super::photos::files;
use crate::helpers::{error_fields, Db, Role, TestApp};
use backend::media::fixtures::{photo_with_gps, png};
use serde_json::{json, Value};

on_both_backends!(admins_keep_the_restaurants_gallery,);

/// The gallery diners get with the restaurant's information.
async fn public_gallery(app: &TestApp) -> Value {
    let (status, info) = app.server_fn("restaurant_info", &[]).await;
    assert_eq!(status, 200, "{info}");
    info["gallery"].clone()
}

fn ids(gallery: &Value) -> Vec<i64> {
    gallery
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["photo"]["id"].as_i64().unwrap())
        .collect()
}

async fn admins_keep_the_restaurants_gallery(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let rows = "SELECT COUNT(*) FROM restaurant_photos";
    assert_eq!(public_gallery(&app).await, json!([]));

    // Staff read it but add nothing; nothing is read or stored.
    let (status, _) = staff
        .upload(
            "/api/admin/gallery",
            "photo",
            "room.png",
            "image/png",
            &png(64, 48),
        )
        .await;
    assert_eq!(status, 403);
    assert!(files(&app.media_dir).is_empty());

    // A photo with what it shows.
    let (status, first) = admin
        .upload_with(
            "/api/admin/gallery",
            &[
                ("alt_fr", " La salle un soir d’été "),
                ("alt_en", "The room on a summer night"),
            ],
            (
                "photo",
                "IMG_2040.JPG",
                "image/jpeg",
                &photo_with_gps(2400, 1600),
            ),
        )
        .await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(
        first["alt"],
        json!({"fr": "La salle un soir d’été", "en": "The room on a summer night"})
    );
    assert_eq!(first["photo"]["widths"], json!([400, 800, 1600]));
    let base = first["photo"]["base"].as_str().unwrap().to_owned();
    assert!(base.starts_with("/media/gallery/"), "{base}");
    assert_eq!(app.get(&format!("{base}-800.webp")).await.status(), 200);
    assert_eq!(files(&app.media_dir).len(), 6);

    // A second one, its words later.
    let (status, second) = admin
        .upload(
            "/api/admin/gallery",
            "photo",
            "terrace.png",
            "image/png",
            &png(900, 600),
        )
        .await;
    assert_eq!(status, 201, "{second}");
    let (a, b) = (
        first["photo"]["id"].as_i64().unwrap(),
        second["photo"]["id"].as_i64().unwrap(),
    );
    // Diners see both at once, in order.
    assert_eq!(ids(&public_gallery(&app).await), [a, b]);
    let (status, said) = admin
        .put(
            &format!("/api/admin/gallery/{b}"),
            json!({"alt_fr": "La terrasse", "alt_en": "The terrace"}),
        )
        .await;
    assert_eq!(status, 200, "{said}");
    assert_eq!(said["alt"]["en"], "The terrace");

    // Bad words: every field named, nothing changed.
    let (status, body) = admin
        .put(
            &format!("/api/admin/gallery/{b}"),
            json!({"alt_fr": "x".repeat(201), "alt_en": "two\nlines"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_fields(&body), ["alt_fr", "alt_en"]);
    let before = files(&app.media_dir);
    let (status, body) = admin
        .upload_with(
            "/api/admin/gallery",
            &[("alt_fr", &"y".repeat(201))],
            ("photo", "ok.png", "image/png", &png(64, 48)),
        )
        .await;
    assert_eq!(
        (status, error_fields(&body)),
        (422, vec!["alt_fr".to_owned()])
    );
    // A file that is not an image: said on `photo`, nothing stored.
    let (status, body) = admin
        .upload(
            "/api/admin/gallery",
            "photo",
            "menu.pdf",
            "application/pdf",
            b"%PDF-1.7 not a photo",
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["reason"], "unsupported_type");
    assert_eq!(files(&app.media_dir), before);
    assert_eq!(app.count(rows).await, 2);

    // Reordered: the terrace first.
    let (status, order) = admin
        .post(
            &format!("/api/admin/gallery/{b}/move"),
            json!({"direction": "up"}),
        )
        .await;
    assert_eq!(status, 200, "{order}");
    assert_eq!(ids(&order), [b, a]);
    assert_eq!(ids(&public_gallery(&app).await), [b, a]);
    let (_, read) = staff.get("/api/admin/gallery").await;
    assert_eq!(ids(&read), [b, a]);

    // Removed, files too; an unknown photo is 404.
    let (status, _) = staff.delete(&format!("/api/admin/gallery/{a}")).await;
    assert_eq!(status, 403);
    let (status, _) = admin.delete(&format!("/api/admin/gallery/{a}")).await;
    assert_eq!(status, 204);
    assert_eq!(files(&app.media_dir).len(), 6);
    assert_eq!(app.get(&format!("{base}-800.webp")).await.status(), 404);
    let (status, _) = admin.delete(&format!("/api/admin/gallery/{a}")).await;
    assert_eq!(status, 404);
    assert_eq!(ids(&public_gallery(&app).await), [b]);

    // Twelve at most: the thirteenth is refused, nothing stored.
    for n in 1..12 {
        let (status, body) = admin
            .upload(
                "/api/admin/gallery",
                "photo",
                &format!("{n}.png"),
                "image/png",
                &png(40, 30),
            )
            .await;
        assert_eq!(status, 201, "{n}: {body}");
    }
    let before = files(&app.media_dir);
    let (status, body) = admin
        .upload(
            "/api/admin/gallery",
            "photo",
            "13.png",
            "image/png",
            &png(40, 30),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["reason"], "too_many");
    assert_eq!(files(&app.media_dir), before);
    assert_eq!(app.count(rows).await, 12);
    app.stop().await;
}
