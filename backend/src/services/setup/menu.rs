//! The menu: admins keep its categories, dishes and photos; staff read it
//! and mark a dish sold out for the day (the kitchen runs out mid-service,
//! not the admin). A photo is checked and re-encoded before anything is
//! stored: its files are written first, then its row, and a failure on the
//! way removes what was written, so a refused upload leaves nothing.

use super::photos::{remove_files, store_photo, too_many_photos};
use super::settings::today;
use super::{author, by};
use crate::media::Media;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{MenuRefusal, Store};
use chrono::{DateTime, Utc};
use domain::menu::MAX_PHOTOS;
use domain::{menu_as_of, CategoryForm, Direction, ItemForm, MenuCategory, Photo};

/// Conflict code: a category that still has dishes.
pub const CATEGORY_NOT_EMPTY: &str = "category_not_empty";

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
    let admin = authorize(who, Action::ManageSetup)?;
    Ok(store
        .create_category(restaurant_id(store).await?, form, by(admin))
        .await?)
}

#[tracing::instrument(skip_all)]
pub async fn update_category(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    form: &CategoryForm,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    Ok(store
        .update_category(restaurant_id(store).await?, id, form, by(admin))
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
    let admin = authorize(who, Action::ManageSetup)?;
    match store
        .delete_category(restaurant_id(store).await?, id, by(admin))
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
    let admin = authorize(who, Action::ManageSetup)?;
    Ok(store
        .move_category(restaurant_id(store).await?, id, direction, by(admin))
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
    let admin = authorize(who, Action::ManageSetup)?;
    match store
        .create_item(restaurant_id(store).await?, form, by(admin))
        .await
    {
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
    let admin = authorize(who, Action::ManageSetup)?;
    if store
        .update_item(restaurant_id(store).await?, id, form, by(admin))
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
    let admin = authorize(who, Action::ManageSetup)?;
    let photos = store
        .delete_item(restaurant_id(store).await?, id, by(admin))
        .await?;
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
    let admin = authorize(who, Action::ManageSetup)?;
    Ok(store
        .move_item(restaurant_id(store).await?, id, direction, by(admin))
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
    let staff = authorize(who, Action::RunService)?;
    let on = if available {
        None
    } else {
        Some(today(store, now).await?)
    };
    Ok(store
        .set_sold_out(restaurant_id(store).await?, id, on, author(staff, now))
        .await?)
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
) -> Result<Photo, ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
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
    let written = store_photo(media, bytes, "menu").await?;
    let row = store
        .add_photo(
            restaurant,
            item_id,
            &written.photo,
            MAX_PHOTOS,
            author(admin, now),
        )
        .await
        .map(|row| {
            row.map_err(|refusal| match refusal {
                MenuRefusal::TooManyPhotos => too_many_photos(),
                MenuRefusal::CategoryNotEmpty => ServiceError::NotFound,
            })
        });
    written.commit(media, row).await
}

/// Removes a photo: its row, then its files. Admins only.
#[tracing::instrument(skip_all)]
pub async fn delete_photo(
    store: &Store,
    media: &Media,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let photo = store
        .delete_photo(restaurant_id(store).await?, id, by(admin))
        .await?;
    remove_files(media, &photo).await;
    Ok(())
}
