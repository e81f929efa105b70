//! Photos' rows: a dish's photos and the restaurant's gallery (their files
//! are the media storage's). A photo's row is written once its files are;
//! writes that count first run as the restaurant's booking transaction,
//! which serialises them.

use super::menu::MenuRefusal;
use super::{db_time, Author, ADVISORY_BOOKING_BASE};
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use domain::{audit_changes, AuditSubject, Direction, GalleryPhoto, Localized, Photo};

#[derive(Debug, sqlx::FromRow)]
pub(super) struct PhotoRow {
    pub(super) id: i64,
    /// The dish's id, or the restaurant's for the gallery.
    pub(super) owner_id: i64,
    pub(super) storage_key: String,
    pub(super) width: i64,
    pub(super) height: i64,
    pub(super) widths: String,
}

/// A photo's files: `{storage_key}-{width}.webp|.jpg` for each width.
#[derive(Debug, Clone)]
pub struct StoredPhoto {
    pub storage_key: String,
    pub width: u32,
    pub height: u32,
    pub widths: Vec<u32>,
}

/// The URL path the media route serves a storage key under.
pub const MEDIA_PATH: &str = "/media/";

fn widths(raw: &str) -> Result<Vec<u32>, StoreError> {
    raw.split(',')
        .map(|w| w.trim().parse::<u32>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| StoreError::corrupt(format!("photo widths {raw:?}")))
}

pub(super) fn stored(row: PhotoRow) -> Result<StoredPhoto, StoreError> {
    Ok(StoredPhoto {
        widths: widths(&row.widths)?,
        storage_key: row.storage_key,
        width: u32::try_from(row.width).unwrap_or(0),
        height: u32::try_from(row.height).unwrap_or(0),
    })
}

pub(super) fn photo_view(row: PhotoRow) -> Result<Photo, StoreError> {
    let widths = widths(&row.widths)?;
    Ok(Photo {
        id: row.id,
        width: u32::try_from(row.width).unwrap_or(0),
        height: u32::try_from(row.height).unwrap_or(0),
        widths,
        base: format!("{MEDIA_PATH}{}", row.storage_key),
    })
}

impl Store {
    /// Adds a stored photo to a dish, last; refused when the dish has
    /// `max` photos already.
    pub async fn add_photo(
        &self,
        restaurant_id: i64,
        item_id: i64,
        photo: &StoredPhoto,
        max: usize,
        by: Author,
    ) -> Result<Result<i64, MenuRefusal>, StoreError> {
        let owned =
            "SELECT i.name_fr FROM menu_items i JOIN menu_categories c ON c.id = i.category_id \
             WHERE i.id = $1 AND c.restaurant_id = $2";
        let count = "SELECT COUNT(*) FROM menu_photos WHERE item_id = $1";
        let insert = "INSERT INTO menu_photos (item_id, position, storage_key, width, height, \
             widths, created_at) VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM menu_photos \
             WHERE item_id = $1), $2, $3, $4, $5, $6) RETURNING id";
        let widths = joined(&photo.widths);
        booking_tx!(self, restaurant_id, tx => {
            let dish: Option<String> = sqlx::query_scalar(owned).bind(item_id).bind(restaurant_id)
                .fetch_optional(&mut *tx).await?;
            let dish = dish.ok_or(StoreError::NotFound)?;
            let photos: i64 = sqlx::query_scalar(count).bind(item_id).fetch_one(&mut *tx).await?;
            if usize::try_from(photos).unwrap_or(usize::MAX) >= max {
                Ok(Err(MenuRefusal::TooManyPhotos))
            } else {
                let id = sqlx::query_scalar::<_, i64>(insert)
                    .bind(item_id).bind(&photo.storage_key)
                    .bind(i64::from(photo.width)).bind(i64::from(photo.height))
                    .bind(&widths).bind(db_time(by.at))
                    .fetch_one(&mut *tx).await?;
                let changes = audit_changes(&[("photos", photos.to_string())],
                    &[("photos", (photos + 1).to_string())]);
                record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuItem,
                    "update", dish, &changes);
                Ok(Ok(id))
            }
        })
    }

    /// Removes a photo's row; returns its files.
    pub async fn delete_photo(
        &self,
        restaurant_id: i64,
        id: i64,
        by: Author,
    ) -> Result<StoredPhoto, StoreError> {
        let key = "SELECT p.id, p.item_id AS owner_id, p.storage_key, p.width, p.height, p.widths FROM menu_photos p JOIN menu_items i ON i.id = p.item_id \
             JOIN menu_categories c ON c.id = i.category_id WHERE p.id = $1 AND c.restaurant_id = $2";
        let dish = "SELECT name_fr FROM menu_items WHERE id = $1";
        let count = "SELECT COUNT(*) FROM menu_photos WHERE item_id = $1";
        let delete = "DELETE FROM menu_photos WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let found: Option<PhotoRow> = sqlx::query_as(key).bind(id).bind(restaurant_id)
                .fetch_optional(&mut *tx).await?;
            match found {
                None => Err(StoreError::NotFound),
                Some(row) => {
                    let name: String = sqlx::query_scalar(dish).bind(row.owner_id)
                        .fetch_one(&mut *tx).await?;
                    let photos: i64 = sqlx::query_scalar(count).bind(row.owner_id)
                        .fetch_one(&mut *tx).await?;
                    sqlx::query(delete).bind(id).execute(&mut *tx).await?;
                    let changes = audit_changes(&[("photos", photos.to_string())],
                        &[("photos", (photos - 1).to_string())]);
                    record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuItem,
                        "update", name, &changes);
                    stored(row)
                }
            }
        })
    }

    /// Every photo's storage key, the dishes' and the gallery's (to find
    /// files no row names).
    pub async fn photo_keys(&self) -> Result<Vec<String>, StoreError> {
        let sql = "SELECT storage_key FROM menu_photos \
             UNION ALL SELECT storage_key FROM restaurant_photos ORDER BY 1";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, String>(sql).fetch_all(pool).await)?)
    }
}

#[derive(Debug, sqlx::FromRow)]
struct GalleryRow {
    #[sqlx(flatten)]
    photo: PhotoRow,
    alt_fr: String,
    alt_en: String,
}

/// A gallery photo's place (from 1) and words, in the caller's
/// transaction; not found when it is not the restaurant's.
macro_rules! gallery_place {
    ($tx:expr, $restaurant_id:expr, $id:expr) => {{
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT id, alt_fr, alt_en FROM restaurant_photos WHERE restaurant_id = $1 \
             ORDER BY position, id",
        )
        .bind($restaurant_id)
        .fetch_all(&mut *$tx)
        .await?;
        let (place, (_, fr, en)) = (1_i64..)
            .zip(rows)
            .find(|(_, row)| row.0 == $id)
            .ok_or(StoreError::NotFound)?;
        (place, Localized { fr, en })
    }};
}

/// A gallery photo's fields in the audit log.
fn gallery_fields(place: i64, alt: &Localized) -> Vec<(&'static str, String)> {
    vec![
        ("position", place.to_string()),
        ("alt_fr", alt.fr.clone()),
        ("alt_en", alt.en.clone()),
    ]
}

/// A gallery photo in the audit log: its French words, else its English.
fn photo_label(alt: &Localized) -> String {
    if alt.fr.is_empty() { &alt.en } else { &alt.fr }.clone()
}

fn joined(widths: &[u32]) -> String {
    widths
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl Store {
    /// The restaurant's gallery, in order.
    pub async fn gallery(&self, restaurant_id: i64) -> Result<Vec<GalleryPhoto>, StoreError> {
        let sql = "SELECT id, restaurant_id AS owner_id, storage_key, width, height, widths, \
             alt_fr, alt_en FROM restaurant_photos WHERE restaurant_id = $1 ORDER BY position, id";
        let rows: Vec<GalleryRow> = on_pool!(self, pool => {
            sqlx::query_as(sql).bind(restaurant_id).fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|r| {
                Ok(GalleryPhoto {
                    photo: photo_view(r.photo)?,
                    alt: Localized {
                        fr: r.alt_fr,
                        en: r.alt_en,
                    },
                })
            })
            .collect()
    }

    /// Adds a stored photo to the gallery, last, with its words; refused
    /// when the gallery holds `max` photos already.
    pub async fn add_gallery_photo(
        &self,
        restaurant_id: i64,
        photo: &StoredPhoto,
        alt: &Localized,
        max: usize,
        by: Author,
    ) -> Result<Option<i64>, StoreError> {
        let count = "SELECT COUNT(*) FROM restaurant_photos WHERE restaurant_id = $1";
        let insert = "INSERT INTO restaurant_photos (restaurant_id, position, storage_key, width, \
             height, widths, alt_fr, alt_en, created_at) VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 \
             FROM restaurant_photos WHERE restaurant_id = $1), $2, $3, $4, $5, $6, $7, $8) RETURNING id";
        let widths = joined(&photo.widths);
        booking_tx!(self, restaurant_id, tx => {
            let photos: i64 = sqlx::query_scalar(count).bind(restaurant_id).fetch_one(&mut *tx).await?;
            if usize::try_from(photos).unwrap_or(usize::MAX) >= max {
                Ok(None)
            } else {
                let id = sqlx::query_scalar::<_, i64>(insert)
                    .bind(restaurant_id).bind(&photo.storage_key)
                    .bind(i64::from(photo.width)).bind(i64::from(photo.height))
                    .bind(&widths).bind(&alt.fr).bind(&alt.en).bind(db_time(by.at))
                    .fetch_one(&mut *tx).await?;
                let changes = audit_changes(&[], &gallery_fields(photos + 1, alt));
                record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Gallery,
                    "create", photo_label(alt), &changes);
                Ok(Some(id))
            }
        })
    }

    /// Says what a gallery photo shows.
    pub async fn set_gallery_alt(
        &self,
        restaurant_id: i64,
        id: i64,
        alt: &Localized,
        by: Author,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE restaurant_photos SET alt_fr = $3, alt_en = $4 \
             WHERE id = $1 AND restaurant_id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let (place, before) = gallery_place!(tx, restaurant_id, id);
            sqlx::query(sql).bind(id).bind(restaurant_id).bind(&alt.fr).bind(&alt.en)
                .execute(&mut *tx).await?;
            let changes = audit_changes(&gallery_fields(place, &before), &gallery_fields(place, alt));
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Gallery, "update",
                photo_label(alt), &changes);
            Ok::<(), StoreError>(())
        })
    }

    /// Moves a gallery photo one place earlier or later.
    pub async fn move_gallery_photo(
        &self,
        restaurant_id: i64,
        id: i64,
        direction: Direction,
        by: Author,
    ) -> Result<(), StoreError> {
        let list = "SELECT id, position FROM restaurant_photos WHERE restaurant_id = $1 \
             ORDER BY position, id";
        let set = "UPDATE restaurant_photos SET position = $2 WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let rows: Vec<(i64, i64)> = sqlx::query_as(list).bind(restaurant_id).fetch_all(&mut *tx).await?;
            let (_, alt) = gallery_place!(tx, restaurant_id, id);
            let changes = reorder!(tx, set, &rows, id, direction);
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Gallery,
                "update", photo_label(&alt), &changes);
            Ok::<(), StoreError>(())
        })
    }

    /// Removes a gallery photo's row; returns its files.
    pub async fn delete_gallery_photo(
        &self,
        restaurant_id: i64,
        id: i64,
        by: Author,
    ) -> Result<StoredPhoto, StoreError> {
        let key = "SELECT id, restaurant_id AS owner_id, storage_key, width, height, widths \
             FROM restaurant_photos WHERE id = $1 AND restaurant_id = $2";
        let delete = "DELETE FROM restaurant_photos WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let found: Option<PhotoRow> = sqlx::query_as(key).bind(id).bind(restaurant_id)
                .fetch_optional(&mut *tx).await?;
            match found {
                None => Err(StoreError::NotFound),
                Some(row) => {
                    let (place, alt) = gallery_place!(tx, restaurant_id, id);
                    sqlx::query(delete).bind(id).execute(&mut *tx).await?;
                    let changes = audit_changes(&gallery_fields(place, &alt), &[]);
                    record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Gallery,
                        "delete", photo_label(&alt), &changes);
                    stored(row)
                }
            }
        })
    }
}
