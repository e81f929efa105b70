//! The gallery's server functions (the settings screen's Gallery section).

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::setup as svc};

/// The restaurant's gallery, in order. Staff and admins.
#[server(prefix = "/api/fn", endpoint = "admin_gallery")]
pub async fn admin_gallery() -> Result<Vec<domain::GalleryPhoto>, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        Ok(svc::gallery(cx.store(), who.as_ref()).await?)
    })
    .await
}

/// What a gallery photo shows, in each language. Admins only.
#[server(prefix = "/api/fn", endpoint = "admin_gallery_alt")]
pub async fn admin_gallery_alt(
    id: i64,
    alt_fr: Option<String>,
    alt_en: Option<String>,
) -> Result<(), AppError> {
    call(|cx| async move {
        let alt = domain::AltInput { alt_fr, alt_en }
            .parse()
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        svc::set_gallery_alt(cx.store(), who.as_ref(), id, &alt).await?;
        leptos_axum::redirect("/admin/settings?done=gallery#gallery");
        Ok(())
    })
    .await
}

/// A gallery photo one place earlier (`up`) or later (`down`). Admins
/// only.
#[server(prefix = "/api/fn", endpoint = "admin_gallery_move")]
pub async fn admin_gallery_move(id: i64, direction: String) -> Result<(), AppError> {
    call(|cx| async move {
        let direction =
            domain::Direction::parse(&direction).ok_or_else(|| AppError::InvalidFields {
                fields: vec![domain::FieldError::invalid("direction")],
            })?;
        let who = cx.caller().await?;
        svc::move_gallery_photo(cx.store(), who.as_ref(), id, direction).await?;
        leptos_axum::redirect(&format!("/admin/settings#gallery-{id}"));
        Ok(())
    })
    .await
}

/// Removes a gallery photo, its files too. Admins only.
#[server(prefix = "/api/fn", endpoint = "admin_gallery_delete")]
pub async fn admin_gallery_delete(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::delete_gallery_photo(cx.store(), &cx.state.media, who.as_ref(), id).await?;
        leptos_axum::redirect("/admin/settings?done=gallery_removed#gallery");
        Ok(())
    })
    .await
}
