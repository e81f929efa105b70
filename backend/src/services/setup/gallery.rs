//! The restaurant's gallery, shown on its page: admins add photos (checked
//! and re-encoded as the menu's are), say what each shows in each
//! language, put them in order and remove them. Staff read it.

use super::photos::{remove_files, store_photo, too_many_photos};
use super::{author, by};
use crate::media::Media;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::Store;
use chrono::{DateTime, Utc};
use domain::photo::MAX_GALLERY_PHOTOS;
use domain::{Direction, GalleryPhoto, Localized};

/// The gallery, in order. Staff and admins.
#[tracing::instrument(skip_all)]
pub async fn gallery(
    store: &Store,
    who: Option<&Principal>,
) -> Result<Vec<GalleryPhoto>, ServiceError> {
    authorize(who, Action::RunService)?;
    Ok(store.setup().await?.gallery.clone())
}

/// Checks, re-encodes and stores a photo for the gallery, last, with what
/// it shows. A bad file is refused on the field `photo` and nothing is
/// stored. Admins only.
#[tracing::instrument(skip_all)]
pub async fn add_gallery_photo(
    store: &Store,
    media: &Media,
    who: Option<&Principal>,
    bytes: Vec<u8>,
    alt: &Localized,
    now: DateTime<Utc>,
) -> Result<GalleryPhoto, ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    // The cached gallery is enough for this early check: the store counts
    // again when it writes the row.
    let setup = store.setup().await?;
    if setup.gallery.len() >= MAX_GALLERY_PHOTOS {
        return Err(too_many_photos());
    }
    let restaurant = setup.restaurant.id;
    let written = store_photo(media, bytes, "gallery").await?;
    let row = store
        .add_gallery_photo(
            restaurant,
            &written.photo,
            alt,
            MAX_GALLERY_PHOTOS,
            author(admin, now),
        )
        .await
        .map(|id| id.ok_or_else(too_many_photos));
    Ok(GalleryPhoto {
        photo: written.commit(media, row).await?,
        alt: alt.clone(),
    })
}

/// Says what a photo shows. Admins only.
#[tracing::instrument(skip_all)]
pub async fn set_gallery_alt(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    alt: &Localized,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = store.setup().await?.restaurant.id;
    Ok(store
        .set_gallery_alt(restaurant, id, alt, by(admin))
        .await?)
}

/// Moves a photo one place earlier or later. Admins only.
#[tracing::instrument(skip_all)]
pub async fn move_gallery_photo(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    direction: Direction,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = store.setup().await?.restaurant.id;
    Ok(store
        .move_gallery_photo(restaurant, id, direction, by(admin))
        .await?)
}

/// Removes a photo: its row, then its files. Admins only.
#[tracing::instrument(skip_all)]
pub async fn delete_gallery_photo(
    store: &Store,
    media: &Media,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = store.setup().await?.restaurant.id;
    let photo = store
        .delete_gallery_photo(restaurant, id, by(admin))
        .await?;
    remove_files(media, &photo).await;
    Ok(())
}
