//! What the menu's photos and the gallery's share: a photo checked and
//! re-encoded (one image at a time, off the async threads), its files
//! written before its row, and removed again when the row is refused.

use crate::media::{process_image, ImageLimits, Media, ProcessedImage};
use crate::services::ServiceError;
use crate::store::{StoredPhoto, MEDIA_PATH};
use domain::Photo;
use std::sync::OnceLock;
use tokio::sync::Semaphore;

/// As many photos as it may have, said on the field `photo`.
pub(super) fn too_many_photos() -> ServiceError {
    ServiceError::Refused {
        field: "photo",
        reason: "too_many",
    }
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

/// A photo whose files are stored, its row not written yet.
pub(super) struct Written {
    pub photo: StoredPhoto,
}

impl Written {
    /// The photo as pages show it, once its row is `id`.
    fn view(&self, id: i64) -> Photo {
        Photo {
            id,
            width: self.photo.width,
            height: self.photo.height,
            widths: self.photo.widths.clone(),
            base: format!("{MEDIA_PATH}{}", self.photo.storage_key),
        }
    }

    /// Settles the photo by how its row went: written as `id`, the photo as
    /// pages show it; refused (a rule or the store), its files go and the
    /// refusal is said.
    pub async fn commit<E: Into<ServiceError>>(
        self,
        media: &Media,
        row: Result<Result<i64, ServiceError>, E>,
    ) -> Result<Photo, ServiceError> {
        let refusal = match row {
            Ok(Ok(id)) => return Ok(self.view(id)),
            Ok(Err(refusal)) => refusal,
            Err(e) => e.into(),
        };
        remove_files(media, &self.photo).await;
        Err(refusal)
    }
}

/// Checks and re-encodes `bytes`, then stores the variants under
/// `{folder}/{random name}`. A bad file is refused on the field `photo`
/// (`unsupported_type`, `too_large`, `too_many_pixels`, `unreadable`) and
/// nothing is stored; neither is anything when a write fails.
pub(super) async fn store_photo(
    media: &Media,
    bytes: Vec<u8>,
    folder: &str,
) -> Result<Written, ServiceError> {
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
    let photo = StoredPhoto {
        storage_key: format!("{folder}/{}", random_name()),
        width: processed.width,
        height: processed.height,
        widths: processed.variants.iter().map(|v| v.width).collect(),
    };
    let names = file_names(&photo.storage_key, &photo.widths);
    let files = processed
        .variants
        .into_iter()
        .flat_map(|v| [v.webp, v.jpeg]);
    let mut written = Vec::new();
    for (name, bytes) in names.iter().zip(files) {
        if let Err(e) = media.put(name, bytes).await {
            tracing::error!(error = %e, "a photo's file could not be stored");
            discard(media, &written).await;
            return Err(ServiceError::Store(crate::error::StoreError::corrupt(
                "media storage refused a write",
            )));
        }
        written.push(name.clone());
    }
    Ok(Written { photo })
}

/// Removes a photo's files (its row is gone).
pub(super) async fn remove_files(media: &Media, photo: &StoredPhoto) {
    discard(media, &file_names(&photo.storage_key, &photo.widths)).await;
}

async fn discard(media: &Media, names: &[String]) {
    for name in names {
        if let Err(e) = media.delete(name).await {
            tracing::warn!(error = %e, "a photo's file could not be removed");
        }
    }
}

fn random_name() -> String {
    use rand::RngCore;
    let mut bytes = [0_u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
