//! Menu photos: checking and re-encoding uploaded images, and storing the
//! results.
//!
//! [`process_image`] takes the bytes of an upload and, if they are a JPEG,
//! PNG or WebP image of a reasonable size, returns resized variants encoded
//! as lossy WebP and as JPEG. The variants are re-encoded from pixels only,
//! so no metadata of the upload (EXIF with GPS position, XMP, ICC) survives.
//! It is CPU-heavy: callers run it in `tokio::task::spawn_blocking`.
//!
//! [`MediaStorage`] stores the encoded files under a key;
//! [`DiskStorage`] keeps them in a folder.
//!
//! Nothing here knows about HTTP: the web layer maps an [`ImageRefusal`] to
//! its answer (see [`ImageRefusal::code`]).

mod image;
mod storage;

pub use self::image::{
    process_image, ImageLimits, ImageRefusal, ProcessedImage, Variant, VARIANT_WIDTHS,
};
pub use self::storage::{valid_key, DiskStorage, Media, MediaStorage};

#[doc(hidden)]
pub mod fixtures;
#[cfg(test)]
mod tests;
