//! Server functions of the menu screen: parse, call one service, come back
//! to the screen (with or without JavaScript alike). Photos are uploaded
//! to `POST /api/admin/menu/items/{id}/photos` (with progress, from the
//! script) or `POST /admin/menu/items/{id}/photos` (a plain form, which
//! comes back here): bytes are no server function's business.
// A dish's form posts its fields as the function's arguments (what a form
// without JavaScript sends).
#![allow(clippy::too_many_arguments)]

use super::MenuView;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::setup as svc};

/// The whole menu, and whether the reader may change it. Staff and admins.
#[server(prefix = "/api/fn", endpoint = "admin_menu")]
pub async fn admin_menu() -> Result<MenuView, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let menu = svc::menu(cx.store(), who.as_ref(), backend::now()).await?;
        let editable = who.as_ref().is_some_and(|p| p.role == domain::Role::Admin);
        Ok(MenuView { menu, editable })
    })
    .await
}

/// Adds a category (no `id`) or renames one.
#[server(prefix = "/api/fn", endpoint = "admin_category_save")]
pub async fn admin_category_save(
    id: Option<i64>,
    name_fr: String,
    name_en: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let form = domain::CategoryForm::parse(&domain::CategoryInput { name_fr, name_en })
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        match id {
            Some(id) => svc::update_category(cx.store(), who.as_ref(), id, &form).await?,
            None => {
                svc::create_category(cx.store(), who.as_ref(), &form).await?;
            }
        }
        leptos_axum::redirect("/admin/menu?done=category");
        Ok(())
    })
    .await
}

/// Removes a category without dishes.
#[server(prefix = "/api/fn", endpoint = "admin_category_delete")]
pub async fn admin_category_delete(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::delete_category(cx.store(), who.as_ref(), id).await?;
        leptos_axum::redirect("/admin/menu?done=category_removed");
        Ok(())
    })
    .await
}

/// Moves a category one place `up` or `down`.
#[server(prefix = "/api/fn", endpoint = "admin_category_move")]
pub async fn admin_category_move(id: i64, direction: String) -> Result<(), AppError> {
    call(|cx| async move {
        let direction =
            domain::Direction::parse(&direction).ok_or_else(|| AppError::InvalidFields {
                fields: vec![domain::FieldError::invalid("direction")],
            })?;
        let who = cx.caller().await?;
        svc::move_category(cx.store(), who.as_ref(), id, direction).await?;
        leptos_axum::redirect("/admin/menu");
        Ok(())
    })
    .await
}

/// Adds a dish (no `id`) or writes every field of one; returns its id.
/// Tags come as `allergens[]` and `diets[]` check boxes (sent only when
/// ticked).
#[server(prefix = "/api/fn", endpoint = "admin_item_save")]
pub async fn admin_item_save(
    id: Option<i64>,
    category_id: String,
    name_fr: String,
    name_en: String,
    description_fr: String,
    description_en: String,
    price: String,
    allergens: Option<Vec<String>>,
    diets: Option<Vec<String>>,
) -> Result<i64, AppError> {
    call(|cx| async move {
        let input = domain::ItemInput {
            category_id: category_id.trim().parse().unwrap_or(0),
            name_fr,
            name_en,
            description_fr,
            description_en,
            price,
            allergens: allergens.unwrap_or_default(),
            diets: diets.unwrap_or_default(),
        };
        let form =
            domain::ItemForm::parse(&input).map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        let id = match id {
            Some(id) => {
                svc::update_item(cx.store(), who.as_ref(), id, &form).await?;
                id
            }
            None => svc::create_item(cx.store(), who.as_ref(), &form).await?,
        };
        leptos_axum::redirect(&format!("/admin/menu?done=item#item-{id}"));
        Ok(id)
    })
    .await
}

/// Removes a dish and its photos.
#[server(prefix = "/api/fn", endpoint = "admin_item_delete")]
pub async fn admin_item_delete(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::delete_item(cx.store(), &cx.state.media, who.as_ref(), id).await?;
        leptos_axum::redirect("/admin/menu?done=item_removed");
        Ok(())
    })
    .await
}

/// Moves a dish one place `up` or `down` in its category.
#[server(prefix = "/api/fn", endpoint = "admin_item_move")]
pub async fn admin_item_move(id: i64, direction: String) -> Result<(), AppError> {
    call(|cx| async move {
        let direction =
            domain::Direction::parse(&direction).ok_or_else(|| AppError::InvalidFields {
                fields: vec![domain::FieldError::invalid("direction")],
            })?;
        let who = cx.caller().await?;
        svc::move_item(cx.store(), who.as_ref(), id, direction).await?;
        leptos_axum::redirect(&format!("/admin/menu#item-{id}"));
        Ok(())
    })
    .await
}

/// Sold out for today (`available` absent or `false`), or back on the
/// menu (`true`). Staff and admins.
#[server(prefix = "/api/fn", endpoint = "admin_item_available")]
pub async fn admin_item_available(id: i64, available: String) -> Result<(), AppError> {
    call(|cx| async move {
        let available = match available.trim() {
            "true" => true,
            "false" => false,
            _ => {
                return Err(AppError::InvalidFields {
                    fields: vec![domain::FieldError::invalid("available")],
                })
            }
        };
        let who = cx.caller().await?;
        svc::set_available(cx.store(), who.as_ref(), id, available, backend::now()).await?;
        leptos_axum::redirect(&format!("/admin/menu#item-{id}"));
        Ok(())
    })
    .await
}

/// Removes one photo of a dish, and comes back to that dish's photos.
#[server(prefix = "/api/fn", endpoint = "admin_photo_delete")]
pub async fn admin_photo_delete(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let dish = svc::menu(cx.store(), who.as_ref(), backend::now())
            .await?
            .into_iter()
            .flat_map(|c| c.items)
            .find(|i| i.photos.iter().any(|p| p.id == id))
            .map(|i| i.id);
        svc::delete_photo(cx.store(), &cx.state.media, who.as_ref(), id).await?;
        match dish {
            Some(dish) => leptos_axum::redirect(&format!(
                "/admin/menu?edit={dish}&done=photo_removed#photos"
            )),
            None => leptos_axum::redirect("/admin/menu?done=photo_removed"),
        }
        Ok(())
    })
    .await
}
