//! `POST /api/admin/menu/items/{id}/photos` and `GET /media/...`: a photo
//! is checked from its bytes, re-encoded without its metadata into WebP and
//! JPEG variants, and served with long-lived cache headers; a bad file is
//! refused with a clear reason and leaves nothing on disk or in the
//! database; removing a photo or its dish removes its files.

use super::menu::{menu, public_menu};
use crate::helpers::{error_fields, Db, Role, TestApp};
use backend::media::fixtures::{latitude_rationals, photo_with_gps, png, png_header_only};
use serde_json::Value;
use std::path::Path;

on_both_backends!(photos_are_checked_reencoded_and_served,);

/// Every file under the media directory.
pub fn files(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path.display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn photos_are_checked_reencoded_and_served(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let demo = menu(&mut admin).await;
    let dish = demo[0]["items"][0]["id"].as_i64().unwrap();
    let other = demo[1]["items"][0]["id"].as_i64().unwrap();
    let upload = format!("/api/admin/menu/items/{dish}/photos");
    let photos_in_db = "SELECT COUNT(*) FROM menu_photos";

    // A phone's photo: 4000×3000, with its GPS position in EXIF.
    let photo = photo_with_gps(4000, 3000);
    assert!(contains(&photo, b"Exif") && contains(&photo, &latitude_rationals()));

    // Staff may not add one: nothing is read, nothing stored. (A small
    // file: the server answers before reading the body, and a large one
    // would still be on its way when the connection closes.)
    let (status, _) = staff
        .upload(&upload, "photo", "dish.png", "image/png", &png(64, 48))
        .await;
    assert_eq!(status, 403);
    assert!(files(&app.media_dir).is_empty());

    let (status, added) = admin
        .upload(&upload, "photo", "IMG_0001.JPG", "image/jpeg", &photo)
        .await;
    assert_eq!(status, 201, "{added}");
    assert_eq!(added["widths"], serde_json::json!([400, 800, 1600]));
    assert_eq!(
        (added["width"].as_u64(), added["height"].as_u64()),
        (Some(1600), Some(1200))
    );
    let base = added["base"].as_str().unwrap().to_owned();
    assert!(base.starts_with("/media/menu/"), "{base}");
    assert_eq!(files(&app.media_dir).len(), 6, "three widths, two formats");
    assert_eq!(app.count(photos_in_db).await, 1);

    // Served as images, cached for good, without the metadata.
    for (ext, kind) in [("webp", "image/webp"), ("jpg", "image/jpeg")] {
        for width in [400, 800, 1600] {
            let res = app.get(&format!("{base}-{width}.{ext}")).await;
            assert_eq!(res.status(), 200, "{base}-{width}.{ext}");
            let headers = res.headers().clone();
            assert_eq!(headers["content-type"], kind);
            assert!(headers["cache-control"]
                .to_str()
                .unwrap()
                .contains("immutable"));
            let bytes = res.bytes().await.unwrap();
            assert!(!contains(&bytes, b"Exif"), "{ext} {width}");
            assert!(!contains(&bytes, &latitude_rationals()), "{ext} {width}");
        }
    }
    assert_eq!(app.get(&format!("{base}-1200.webp")).await.status(), 404);
    assert_eq!(app.get("/media/../data/techplus.db").await.status(), 404);
    assert_eq!(app.get(&format!("{base}-400.png")).await.status(), 404);

    // Diners see it with the dish.
    let public = public_menu(&app).await;
    assert_eq!(public[0]["items"][0]["photos"][0]["base"], base.as_str());

    // Bad files: a clear reason on `photo`, nothing stored anywhere.
    let before = files(&app.media_dir);
    let mut exe = b"MZ\x90\x00\x03\x00\x00\x00".to_vec();
    exe.extend(vec![0u8; 4096]);
    let oversized = {
        let mut bytes = photo_with_gps(64, 48);
        bytes.resize(15 * 1024 * 1024 + 1, 0);
        bytes
    };
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("setup.jpg", exe, "unsupported_type"),
        (
            "bomb.png",
            png_header_only(100_000, 100_000),
            "too_many_pixels",
        ),
        ("big.jpg", oversized, "too_large"),
        ("cut.jpg", photo[..photo.len() / 2].to_vec(), "unreadable"),
    ];
    for (name, bytes, reason) in cases {
        let (status, body) = admin
            .upload(&upload, "photo", name, "image/jpeg", &bytes)
            .await;
        assert_eq!(status, 422, "{name}: {body}");
        assert_eq!(error_fields(&body), ["photo"], "{name}");
        assert_eq!(body["error"]["fields"][0]["reason"], reason, "{name}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(!message.is_empty(), "{name}");
    }
    // No file, or another part.
    let (status, body) = admin
        .upload(&upload, "picture", "a.jpg", "image/jpeg", &png(40, 30))
        .await;
    assert_eq!(
        (status, error_fields(&body)),
        (422, vec!["photo".to_owned()])
    );
    assert_eq!(files(&app.media_dir), before);
    assert_eq!(app.count(photos_in_db).await, 1);

    // A dish that is not there.
    let (status, _) = admin
        .upload(
            "/api/admin/menu/items/999999999/photos",
            "photo",
            "a.png",
            "image/png",
            &png(40, 30),
        )
        .await;
    assert_eq!(status, 404);

    // Small PNGs make one variant each; six photos at most.
    for n in 1..6 {
        let (status, body) = admin
            .upload(
                &upload,
                "photo",
                &format!("{n}.png"),
                "image/png",
                &png(300, 200),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["widths"], serde_json::json!([300]));
    }
    let (status, body) = admin
        .upload(&upload, "photo", "7.png", "image/png", &png(300, 200))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["reason"], "too_many");
    assert_eq!(files(&app.media_dir).len(), 6 + 5 * 2);

    // The screen's plain form: back to the dish, saying what happened.
    let form = format!("/admin/menu/items/{other}/photos");
    let (status, _) = admin
        .upload(&form, "photo", "x.jpg", "image/jpeg", b"GIF89a not a photo")
        .await;
    assert_eq!(status, 303);
    let location = admin_location(&app, &form, b"GIF89a not a photo").await;
    assert!(
        location.contains("photo_error=unsupported_type"),
        "{location}"
    );
    let location = admin_location(&app, &form, &png(500, 400)).await;
    assert!(location.contains(&format!("edit={other}")), "{location}");
    assert!(location.contains("photo=added"), "{location}");

    // Removing a photo removes its files; removing the dish, the rest.
    let photo_id = added["id"].as_i64().unwrap();
    let (status, _) = staff
        .delete(&format!("/api/admin/menu/photos/{photo_id}"))
        .await;
    assert_eq!(status, 403);
    let (status, _) = admin
        .delete(&format!("/api/admin/menu/photos/{photo_id}"))
        .await;
    assert_eq!(status, 204);
    assert_eq!(app.get(&format!("{base}-400.webp")).await.status(), 404);
    let left = files(&app.media_dir);
    assert_eq!(left.len(), 5 * 2 + 2 * 2, "{left:?}");
    let (status, _) = admin.delete(&format!("/api/admin/menu/items/{dish}")).await;
    assert_eq!(status, 204);
    assert_eq!(files(&app.media_dir).len(), 2 * 2);
    let public: Vec<Value> = public_menu(&app).await;
    assert!(public
        .iter()
        .flat_map(|c| c["items"].as_array().unwrap())
        .all(|i| i["id"] != dish));

    app.stop().await;
}

/// Where the plain form's upload of `bytes` sends the admin back.
async fn admin_location(app: &TestApp, path: &str, bytes: &[u8]) -> String {
    let admin = app.signed_in(Role::Admin).await;
    let boundary = "techplus-form-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let res = app
        .http
        .post(app.url(path))
        .header("origin", app.origin.as_str())
        .header("cookie", admin.cookie.clone().unwrap())
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    res.headers()["location"].to_str().unwrap().to_owned()
}
