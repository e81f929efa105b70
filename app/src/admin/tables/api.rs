//! Server functions of the tables screen: parse, call one service, come
//! back to the screen (with or without JavaScript alike).
// A table's form posts its thirteen fields as the function's arguments
// (what a form without JavaScript sends).
#![allow(clippy::too_many_arguments)]

use super::TablesView;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::setup as svc};

/// The room: areas, tables, combinations. Staff and admins (who may
/// change it).
#[server(prefix = "/api/fn", endpoint = "admin_floor")]
pub async fn admin_floor() -> Result<TablesView, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let floor = svc::floor(cx.store(), who.as_ref()).await?;
        let editable = who.as_ref().is_some_and(|p| p.role == domain::Role::Admin);
        Ok(TablesView { floor, editable })
    })
    .await
}

/// Adds an area (no `id`) or renames one.
#[server(prefix = "/api/fn", endpoint = "admin_area_save")]
pub async fn admin_area_save(id: Option<i64>, name: String) -> Result<(), AppError> {
    call(|cx| async move {
        let form = domain::AreaForm::parse(&domain::AreaInput { name })
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        match id {
            Some(id) => svc::rename_area(cx.store(), who.as_ref(), id, &form).await?,
            None => {
                svc::create_area(cx.store(), who.as_ref(), &form).await?;
            }
        }
        leptos_axum::redirect("/admin/tables?done=area");
        Ok(())
    })
    .await
}

/// Removes an empty area.
#[server(prefix = "/api/fn", endpoint = "admin_area_delete")]
pub async fn admin_area_delete(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::delete_area(cx.store(), who.as_ref(), id).await?;
        leptos_axum::redirect("/admin/tables?done=area_removed");
        Ok(())
    })
    .await
}

/// A number as typed; `None` when it is not one (the field is then named).
#[cfg(feature = "ssr")]
fn number(raw: &str) -> Option<i64> {
    raw.trim().parse::<i64>().ok()
}

/// Adds a table (no `id`) or writes every field of one. Check boxes are
/// sent only when ticked.
#[server(prefix = "/api/fn", endpoint = "admin_table_save")]
pub async fn admin_table_save(
    id: Option<i64>,
    name: String,
    area_id: String,
    min_seats: String,
    max_seats: String,
    bookable_online: Option<String>,
    active: Option<String>,
    shape: String,
    x: String,
    y: String,
    width: String,
    height: String,
    rotation: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let mut fields = Vec::new();
        let mut read = |raw: &str, field: &'static str| {
            number(raw).unwrap_or_else(|| {
                fields.push(domain::FieldError::invalid(field));
                // In range for the parse: only this field is named.
                1
            })
        };
        let input = domain::TableInput {
            area_id: read(&area_id, "area_id"),
            min_seats: read(&min_seats, "min_seats"),
            max_seats: read(&max_seats, "max_seats"),
            x: read(&x, "x"),
            y: read(&y, "y"),
            width: read(&width, "width"),
            height: read(&height, "height"),
            rotation: number(&rotation).unwrap_or(-1),
            name,
            bookable_online: bookable_online.is_some(),
            active: active.is_some(),
            shape,
        };
        let parsed = domain::TableForm::parse(&input);
        let form = match parsed {
            Ok(form) if fields.is_empty() => form,
            Ok(_) => return Err(AppError::InvalidFields { fields }),
            Err(mut more) => {
                more.retain(|e| !fields.iter().any(|f| f.field == e.field));
                fields.extend(more);
                return Err(AppError::InvalidFields { fields });
            }
        };
        let who = cx.caller().await?;
        match id {
            Some(id) => {
                svc::update_table(cx.store(), backend::now(), who.as_ref(), id, &form).await?;
            }
            None => {
                svc::create_table(cx.store(), who.as_ref(), &form).await?;
            }
        }
        leptos_axum::redirect("/admin/tables?done=table");
        Ok(())
    })
    .await
}

/// Moves a table on its area's plan (the editor's drag or arrow keys; the
/// table form's column and row do the same without a script).
#[server(prefix = "/api/fn", endpoint = "admin_table_place")]
pub async fn admin_table_place(id: i64, x: i64, y: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let (x, y) = domain::floor::parse_place(x, y)
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        svc::place_table(cx.store(), who.as_ref(), id, x, y).await?;
        Ok(())
    })
    .await
}

/// Removes a table no booking ever held.
#[server(prefix = "/api/fn", endpoint = "admin_table_delete")]
pub async fn admin_table_delete(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::delete_table(cx.store(), backend::now(), who.as_ref(), id).await?;
        leptos_axum::redirect("/admin/tables?done=table_removed");
        Ok(())
    })
    .await
}

/// Adds a combination of the ticked tables (`tables[]`).
#[server(prefix = "/api/fn", endpoint = "admin_combination_add")]
pub async fn admin_combination_add(name: String, tables: Option<Vec<i64>>) -> Result<(), AppError> {
    call(|cx| async move {
        let tables = tables.unwrap_or_default();
        let form = domain::CombinationForm::parse(&domain::CombinationInput { name, tables })
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        svc::create_combination(cx.store(), who.as_ref(), &form).await?;
        leptos_axum::redirect("/admin/tables?done=combination");
        Ok(())
    })
    .await
}

/// Removes a combination.
#[server(prefix = "/api/fn", endpoint = "admin_combination_delete")]
pub async fn admin_combination_delete(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::delete_combination(cx.store(), who.as_ref(), id).await?;
        leptos_axum::redirect("/admin/tables?done=combination_removed");
        Ok(())
    })
    .await
}

/// The blocks from today at the restaurant for the coming weeks. Staff and
/// admins.
#[server(prefix = "/api/fn", endpoint = "admin_blocks")]
pub async fn admin_blocks() -> Result<Vec<domain::TableBlock>, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        Ok(svc::upcoming_blocks(cx.store(), backend::now(), who.as_ref()).await?)
    })
    .await
}

/// Blocks the ticked tables (`tables[]`) or a whole area over a span.
#[server(prefix = "/api/fn", endpoint = "admin_block_add")]
pub async fn admin_block_add(
    tables: Option<Vec<i64>>,
    area_id: Option<String>,
    start: String,
    end: String,
    reason: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let area = area_id.as_deref().map(str::trim).unwrap_or("");
        let area_id = match area {
            "" => None,
            raw => Some(number(raw).ok_or(AppError::InvalidFields {
                fields: vec![domain::FieldError::invalid("area_id")],
            })?),
        };
        let input = domain::BlockInput {
            tables: tables.unwrap_or_default(),
            area_id,
            start,
            end,
            reason,
        };
        let form = domain::BlockForm::parse(&input)
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        svc::create_block(cx.store(), backend::now(), who.as_ref(), &form).await?;
        leptos_axum::redirect("/admin/tables?done=block");
        Ok(())
    })
    .await
}

/// Removes a block.
#[server(prefix = "/api/fn", endpoint = "admin_block_delete")]
pub async fn admin_block_delete(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::delete_block(cx.store(), who.as_ref(), id).await?;
        leptos_axum::redirect("/admin/tables?done=block_removed");
        Ok(())
    })
    .await
}

/// A table's name and the bookings that hold it from now on, each with
/// the free tables proposed for it. Admins only.
#[server(prefix = "/api/fn", endpoint = "admin_table_bookings")]
pub async fn admin_table_bookings(id: i64) -> Result<super::TableInUse, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let bookings = svc::table_bookings(cx.store(), backend::now(), who.as_ref(), id).await?;
        let floor = svc::floor(cx.store(), who.as_ref()).await?;
        let name = floor
            .tables
            .into_iter()
            .find(|t| t.id == id)
            .map(|t| t.name)
            .unwrap_or_default();
        Ok(super::TableInUse { name, bookings })
    })
    .await
}

/// Moves a table's bookings to the tables proposed for them.
#[server(prefix = "/api/fn", endpoint = "admin_table_reassign")]
pub async fn admin_table_reassign(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::reassign_table(cx.store(), backend::now(), who.as_ref(), id).await?;
        leptos_axum::redirect(&format!("/admin/tables?edit={id}&done=reassigned"));
        Ok(())
    })
    .await
}
