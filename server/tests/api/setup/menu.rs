//! `/api/admin/menu/...`: admins keep the menu (categories, dishes with
//! their allergens and diets, order), staff mark dishes sold out for the
//! day, and diners see each change on the next page; bad input is refused
//! field by field and changes nothing. Photos: `photos.rs`.

use crate::helpers::{error_fields, Client, Db, Role, TestApp};
use serde_json::{json, Value};

on_both_backends!(admins_keep_the_menu_and_diners_see_it_at_once,);

pub(super) async fn menu(client: &mut Client) -> Vec<Value> {
    let (status, menu) = client.get("/api/admin/menu/categories").await;
    assert_eq!(status, 200, "{menu}");
    menu.as_array().unwrap().clone()
}

/// The public menu, as the site's page loads it.
pub(super) async fn public_menu(app: &TestApp) -> Vec<Value> {
    let (status, menu) = app.server_fn("menu", &[]).await;
    assert_eq!(status, 200, "{menu}");
    menu.as_array().unwrap().clone()
}

fn names(category: &Value) -> Vec<String> {
    category["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"]["en"].as_str().unwrap().to_owned())
        .collect()
}

fn category_names(menu: &[Value]) -> Vec<String> {
    menu.iter()
        .map(|c| c["name"]["en"].as_str().unwrap().to_owned())
        .collect()
}

fn dish<'a>(menu: &'a [Value], en: &str) -> &'a Value {
    menu.iter()
        .flat_map(|c| c["items"].as_array().unwrap())
        .find(|i| i["name"]["en"] == en)
        .unwrap_or_else(|| panic!("no dish {en}"))
}

/// The restaurant's date today (the demo is in Paris).
fn paris_today() -> String {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
        .to_string()
}

async fn admins_keep_the_menu_and_diners_see_it_at_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut staff = app.signed_in(Role::Staff).await;

    // The demo menu, as staff read it: three categories, tagged dishes.
    let demo = menu(&mut staff).await;
    assert_eq!(category_names(&demo), ["Starters", "Mains", "Desserts"]);
    let veloute = dish(&demo, "Red kuri squash velouté");
    assert_eq!(veloute["allergens"], json!(["milk", "nuts"]));
    assert_eq!(veloute["diets"], json!(["vegetarian", "gluten_free"]));
    assert_eq!(veloute["available"], true);

    // A category: both names required, neither too long; staff may not.
    let (status, body) = admin
        .post(
            "/api/admin/menu/categories",
            json!({"name_fr": " ", "name_en": "x".repeat(81)}),
        )
        .await;
    assert_eq!(
        (status, error_fields(&body)),
        (422, vec!["name_fr".to_owned(), "name_en".to_owned()])
    );
    let cheeses = json!({"name_fr": "Fromages", "name_en": "Cheeses"});
    let (status, _) = staff
        .post("/api/admin/menu/categories", cheeses.clone())
        .await;
    assert_eq!(status, 403);
    assert_eq!(menu(&mut admin).await.len(), 3, "nothing was added");
    let (status, category) = admin.post("/api/admin/menu/categories", cheeses).await;
    assert_eq!(status, 201, "{category}");
    assert_eq!(category["items"], json!([]));
    let cheeses_id = category["id"].as_i64().unwrap();

    // A dish: every field at fault named in the form's order, nothing made.
    let bad = json!({"category_id": cheeses_id, "name_fr": "", "name_en": "Comté",
        "description_en": "bad\u{200B}", "price": "12,345", "allergens": ["milk", "plutonium"],
        "diets": ["carnivore"]});
    let (status, body) = admin.post("/api/admin/menu/items", bad).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        error_fields(&body),
        ["name_fr", "description_en", "price", "allergens", "diets"]
    );
    let elsewhere = json!({"category_id": 999_999_999, "name_fr": "Comté", "name_en": "Comté",
        "price": "9"});
    let (status, body) = admin.post("/api/admin/menu/items", elsewhere).await;
    assert_eq!(
        (status, error_fields(&body)),
        (422, vec!["category_id".to_owned()])
    );
    assert_eq!(menu(&mut admin).await[3]["items"], json!([]));

    let comte = json!({"category_id": cheeses_id, "name_fr": "Comté 24 mois",
        "name_en": "Comté aged 24 months", "description_fr": "Fruitier,\nnoisette",
        "price": " 12,5 ", "allergens": ["milk", "milk"], "diets": ["vegetarian", "gluten_free"]});
    let (status, item) = admin.post("/api/admin/menu/items", comte.clone()).await;
    assert_eq!(status, 201, "{item}");
    assert_eq!(item["price_cents"], 1250);
    assert_eq!(item["allergens"], json!(["milk"]));
    assert_eq!(item["description"]["fr"], "Fruitier,\nnoisette");
    let comte_id = item["id"].as_i64().unwrap();
    let (status, again) = staff
        .get(&format!("/api/admin/menu/items/{comte_id}"))
        .await;
    assert_eq!((status, &again), (200, &item));

    // Diners see it on the next page.
    let public = public_menu(&app).await;
    assert_eq!(
        category_names(&public),
        ["Starters", "Mains", "Desserts", "Cheeses"]
    );
    assert_eq!(dish(&public, "Comté aged 24 months")["price_cents"], 1250);

    // Moved to the starters, it goes last there; then up one place.
    let starters = demo[0]["id"].as_i64().unwrap();
    let mut moved = comte.clone();
    moved["category_id"] = json!(starters);
    moved["price"] = json!("13");
    let (status, item) = admin
        .put(&format!("/api/admin/menu/items/{comte_id}"), moved)
        .await;
    assert_eq!(status, 200, "{item}");
    assert_eq!(item["category_id"], starters);
    let now = menu(&mut admin).await;
    assert_eq!(names(&now[0]).last().unwrap(), "Comté aged 24 months");
    let (status, body) = admin
        .post(
            &format!("/api/admin/menu/items/{comte_id}/move"),
            json!({"direction": "up"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let starters_now = names(&body[0]);
    assert_eq!(
        starters_now[starters_now.len() - 2..],
        ["Comté aged 24 months", "Trout tartare"]
    );
    let (status, body) = admin
        .post(
            &format!("/api/admin/menu/items/{comte_id}/move"),
            json!({"direction": "sideways"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");

    // Categories move too; the first stays first.
    let (status, body) = admin
        .post(
            &format!("/api/admin/menu/categories/{cheeses_id}/move"),
            json!({"direction": "up"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        category_names(body.as_array().unwrap()),
        ["Starters", "Mains", "Cheeses", "Desserts"]
    );
    let (status, body) = admin
        .post(
            &format!("/api/admin/menu/categories/{starters}/move"),
            json!({"direction": "up"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(category_names(body.as_array().unwrap())[0], "Starters");

    // The kitchen runs out: staff mark it, for today only; diners see it.
    let (status, item) = staff
        .put(
            &format!("/api/admin/menu/items/{comte_id}/availability"),
            json!({"available": false}),
        )
        .await;
    assert_eq!(status, 200, "{item}");
    assert_eq!(item["available"], false);
    assert_eq!(item["sold_out_on"], paris_today());
    assert_eq!(
        dish(&public_menu(&app).await, "Comté aged 24 months")["available"],
        false
    );
    // Sold out yesterday: back today by itself.
    app.execute(&format!(
        "UPDATE menu_items SET sold_out_on = '2000-01-01' WHERE id = {comte_id}"
    ))
    .await;
    assert_eq!(
        dish(&public_menu(&app).await, "Comté aged 24 months")["available"],
        true
    );
    let (status, item) = staff
        .put(
            &format!("/api/admin/menu/items/{comte_id}/availability"),
            json!({"available": true}),
        )
        .await;
    assert_eq!((status, &item["sold_out_on"]), (200, &Value::Null));

    // A category with dishes stays (and says why); empty, it goes.
    let (status, body) = admin
        .delete(&format!("/api/admin/menu/categories/{starters}"))
        .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["reason"], "category_not_empty");
    let (status, _) = staff
        .delete(&format!("/api/admin/menu/items/{comte_id}"))
        .await;
    assert_eq!(status, 403);
    let (status, _) = admin
        .delete(&format!("/api/admin/menu/items/{comte_id}"))
        .await;
    assert_eq!(status, 204);
    let (status, _) = admin
        .delete(&format!("/api/admin/menu/items/{comte_id}"))
        .await;
    assert_eq!(status, 404);
    let (status, _) = admin
        .delete(&format!("/api/admin/menu/categories/{cheeses_id}"))
        .await;
    assert_eq!(status, 204);
    assert_eq!(
        category_names(&public_menu(&app).await),
        ["Starters", "Mains", "Desserts"]
    );

    // The screen's forms say the same through the server functions.
    let (status, body) = admin
        .server_fn(
            "admin_item_save",
            &[
                ("category_id", &starters.to_string()),
                ("name_fr", "Radis"),
                ("name_en", "Radishes"),
                ("description_fr", ""),
                ("description_en", ""),
                ("price", "abc"),
                ("allergens[]", "milk"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["fields"][0]["field"], "price", "{body}");
    let (status, _) = admin
        .server_fn(
            "admin_item_save",
            &[
                ("category_id", &starters.to_string()),
                ("name_fr", "Radis"),
                ("name_en", "Radishes"),
                ("description_fr", ""),
                ("description_en", ""),
                ("price", "6"),
                ("allergens[]", "milk"),
                ("allergens[]", "mustard"),
                ("diets[]", "vegetarian"),
            ],
        )
        .await;
    assert!(status == 200 || status == 302 || status == 303, "{status}");
    let radishes = dish(&menu(&mut staff).await, "Radishes").clone();
    assert_eq!(radishes["allergens"], json!(["milk", "mustard"]));
    assert_eq!(radishes["price_cents"], 600);

    app.stop().await;
}
