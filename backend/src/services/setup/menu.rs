//! The menu: admins keep its categories, dishes and photos; staff read it
//! and mark a dish sold out for the day (the kitchen runs out mid-service,
//! not the admin). A photo is checked and re-encoded before anything is
//! stored: its files are written first, then its row, and a failure on the
//! way removes what was written, so a refused upload leaves nothing.

use super::settings::today;
use crate::media::{process_image, ImageLimits, Media, ProcessedImage};
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{MenuRefusal, Store, StoredPhoto, MEDIA_PATH};
use chrono::{DateTime, Utc};
use domain::menu::MAX_PHOTOS;
use domain::{menu_as_of, CategoryForm, Direction, ItemForm, MenuCategory, MenuPhoto};
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// Conflict code: a category that still has dishes.
pub const CATEGORY_NOT_EMPTY: &str = "category_not_empty";

/// A dish with as many photos as it may have, said on the field `photo`.
fn too_many_photos() -> ServiceError {
    ServiceError::Refused {
        field: "photo",
        reason: "too_many",
    }
}

async fn restaurant_id(store: &Store) -> Result<i64, ServiceError> {
    Ok(store.setup().await?.restaurant.id)
}

/// The menu as diners see it today (sold-out dishes marked).
#[tracing::instrument(skip_all)]
pub async fn public_menu(
    store: &Store,
    now: DateTime<Utc>,
) -> Result<Vec<MenuCategory>, ServiceError> {
    let menu = store.setup().await?.menu.clone();
    Ok(menu_as_of(menu, today(store, now).await?))
}

/// The whole menu, for the dashboard. Staff and admins.
#[tracing::instrument(skip_all)]
pub async fn menu(
    store: &Store,
    who: Option<&Principal>,
    now: DateTime<Utc>,
) -> Result<Vec<MenuCategory>, ServiceError> {
    authorize(who, Action::RunService)?;
    public_menu(store, now).await
}

#[tracing::instrument(skip_all)]
pub async fn create_category(
    store: &Store,
    who: Option<&Principal>,
    form: &CategoryForm,
) -> Result<i64, ServiceError> {
    authorize(who, Action::ManageSetup)?;
    Ok(store
        .create_category(restaurant_id(store).await?, form)
        .await?)
}

#[tracing::instrument(skip_all)]
pub async fn update_category(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    form: &CategoryForm,
) -> Result<(), ServiceError> {
    authorize(who, Action::ManageSetup)?;
    Ok(store
        .update_category(restaurant_id(store).await?, id, form)
        .await?)
}

/// Removes a category without dishes (409 `category_not_empty`
/// otherwise: its dishes are moved or removed first, never silently).
#[tracing::instrument(skip_all)]
pub async fn delete_category(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    authorize(who, Action::ManageSetup)?;
    match store
        .delete_category(restaurant_id(store).await?, id)
        .await?
    {
        None => Ok(()),
        Some(_) => Err(ServiceError::Conflict(CATEGORY_NOT_EMPTY.into())),
    }
}

#[tracing::instrument(skip_all)]
pub async fn move_category(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    direction: Direction,
) -> Result<(), ServiceError> {
    authorize(who, Action::ManageSetup)?;
    Ok(store
        .move_category(restaurant_id(store).await?, id, direction)
        .await?)
}

/// A category that is not the restaurant's, said on the form's field.
fn unknown_category() -> ServiceError {
    ServiceError::Refused {
        field: "category_id",
        reason: "invalid",
    }
}

#[tracing::instrument(skip_all)]
pub async fn create_item(
    store: &Store,
    who: Option<&Principal>,
    form: &ItemForm,
) -> Result<i64, ServiceError> {
    authorize(who, Action::ManageSetup)?;
    match store.create_item(restaurant_id(store).await?, form).await {
        Err(crate::error::StoreError::NotFound) => Err(unknown_category()),
        other => Ok(other?),
    }
}

#[tracing::instrument(skip_all)]
pub async fn update_item(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    form: &ItemForm,
) -> Result<(), ServiceError> {
    authorize(who, Action::ManageSetup)?;
    if store
        .update_item(restaurant_id(store).await?, id, form)
        .await?
    {
        Ok(())
    } else {
        Err(unknown_category())
    }
}

/// Removes a dish, its photos' rows and then their files.
#[tracing::instrument(skip_all)]
pub async fn delete_item(
    store: &Store,
    media: &Media,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    authorize(who, Action::ManageSetup)?;
    let photos = store.delete_item(restaurant_id(store).await?, id).await?;
    for photo in &photos {
        remove_files(media, photo).await;
    }
    Ok(())
}

#[tracing::instrument(skip_all)]
pub async fn move_item(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    direction: Direction,
) -> Result<(), ServiceError> {
    authorize(who, Action::ManageSetup)?;
    Ok(store
        .move_item(restaurant_id(store).await?, id, direction)
        .await?)
}

/// Sold out for the rest of the restaurant's day, or back on the menu.
/// Staff and admins.
#[tracing::instrument(skip_all)]
pub async fn set_available(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    available: bool,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    authorize(who, Action::RunService)?;
    let on = if available {
        None
    } else {
        Some(today(store, now).await?)
    };
    Ok(store
        .set_sold_out(restaurant_id(store).await?, id, on)
        .await?)
}

/// One image at a time: decoding a large photo takes a few hundred
/// megabytes and a core.
fn image_slot() -> &'static Semaphore {
    static SLOT: OnceLock<Semaphore> = OnceLock::new();
    SLOT.get_or_init(|| Semaphore::new(1))
}

/// The files of a photo: each variant in WebP and JPEG.
fn file_names(key: &str, widths: &[u32]) -> Vec<String> {
    widths
        .iter()
        .flat_map(|w| [format!("{key}-{w}.webp"), format!("{key}-{w}.jpg")])
        .collect()
}

async fn remove_files(media: &Media, photo: &StoredPhoto) {
    discard(media, &file_names(&photo.storage_key, &photo.widths)).await;
}

/// Checks, re-encodes and stores a photo of dish `item_id`; the refusal
/// of a bad file is said on the field `photo` (`unsupported_type`,
/// `too_large`, `too_many_pixels`, `unreadable`). Admins only.
#[tracing::instrument(skip_all)]
pub async fn add_photo(
    store: &Store,
    media: &Media,
    who: Option<&Principal>,
    item_id: i64,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<MenuPhoto, ServiceError> {
    authorize(who, Action::ManageSetup)?;
    // The cached menu is enough for this early check: the store counts the
    // photos again when it writes the row.
    let setup = store.setup().await?;
    let restaurant = setup.restaurant.id;
    let known = setup
        .menu
        .iter()
        .flat_map(|c| c.items.iter())
        .find(|i| i.id == item_id)
        .map(|i| i.photos.len());
    match known {
        None => return Err(ServiceError::NotFound),
        Some(n) if n >= MAX_PHOTOS => {
            return Err(too_many_photos());
        }
        Some(_) => {}
    }
    let processed: ProcessedImage = {
        let _slot = image_slot()
            .acquire()
            .await
            .map_err(|_| ServiceError::Busy { retry_after: 5 })?;
        tokio::task::spawn_blocking(move || process_image(&bytes, &ImageLimits::default()))
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "image processing stopped");
                ServiceError::Refused {
                    field: "photo",
                    reason: "unreadable",
                }
            })?
            .map_err(|refusal| ServiceError::Refused {
                field: "photo",
                reason: refusal.code(),
            })?
    };
    let key = format!("menu/{}", random_name());
    let widths: Vec<u32> = processed.variants.iter().map(|v| v.width).collect();
    let mut written = Vec::new();
    for variant in processed.variants {
        for (ext, bytes) in [("webp", variant.webp), ("jpg", variant.jpeg)] {
            let name = format!("{key}-{}.{ext}", variant.width);
            if let Err(e) = media.put(&name, bytes).await {
                tracing::error!(error = %e, "a photo's file could not be stored");
                discard(media, &written).await;
                return Err(ServiceError::Store(crate::error::StoreError::corrupt(
                    "media storage refused a write",
                )));
            }
            written.push(name);
        }
    }
    let photo = StoredPhoto {
        storage_key: key.clone(),
        width: processed.width,
        height: processed.height,
        widths: widths.clone(),
    };
    let id = match store
        .add_photo(restaurant, item_id, &photo, MAX_PHOTOS, now)
        .await
    {
        Ok(Ok(id)) => id,
        Ok(Err(MenuRefusal::TooManyPhotos)) => {
            discard(media, &written).await;
            return Err(too_many_photos());
        }
        Ok(Err(MenuRefusal::CategoryNotEmpty)) => {
            discard(media, &written).await;
            return Err(ServiceError::NotFound);
        }
        Err(e) => {
            discard(media, &written).await;
            return Err(e.into());
        }
    };
    debug_assert_eq!(file_names(&key, &widths), written);
    Ok(MenuPhoto {
        id,
        width: processed.width,
        height: processed.height,
        widths,
        base: format!("{MEDIA_PATH}{key}"),
    })
}

async fn discard(media: &Media, names: &[String]) {
    for name in names {
        if let Err(e) = media.delete(name).await {
            tracing::warn!(error = %e, "a photo's file could not be removed");
        }
    }
}

/// Removes a photo: its row, then its files. Admins only.
#[tracing::instrument(skip_all)]
pub async fn delete_photo(
    store: &Store,
    media: &Media,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    authorize(who, Action::ManageSetup)?;
    let photo = store.delete_photo(restaurant_id(store).await?, id).await?;
    remove_files(media, &photo).await;
    Ok(())
}

fn random_name() -> String {
    use rand::RngCore;
    let mut bytes = [0_u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
