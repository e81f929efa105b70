//! Uploaded photos as pages show them: the URLs of their resized variants
//! (`srcset`), and their size (no layout shift).

use crate::restaurant::Localized;
use crate::settings::{text, Errors};
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// A photo (a dish's, the restaurant's gallery's), stored as resized variants (WebP and a JPEG fallback)
/// under `{base}-{width}.webp` and `{base}-{width}.jpg`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Photo {
    pub id: i64,
    /// The largest variant's size, in pixels.
    pub width: u32,
    pub height: u32,
    /// The variants' widths, ascending.
    pub widths: Vec<u32>,
    /// The variants' common URL path, e.g. `/media/menu/3f2a…`.
    pub base: String,
}

impl Photo {
    pub fn src(&self, width: u32, ext: &str) -> String {
        format!("{}-{width}.{ext}", self.base)
    }
    /// `srcset` of every variant in one format (`webp` or `jpg`).
    pub fn srcset(&self, ext: &str) -> String {
        self.widths
            .iter()
            .map(|w| format!("{} {w}w", self.src(*w, ext)))
            .collect::<Vec<_>>()
            .join(", ")
    }
    /// The smallest variant at least `width` wide (or the largest).
    pub fn fallback(&self, width: u32) -> String {
        let w = self
            .widths
            .iter()
            .copied()
            .find(|w| *w >= width)
            .unwrap_or(self.width);
        self.src(w, "jpg")
    }
    /// The height of a rendering `width` pixels wide (for layout).
    pub fn height_at(&self, width: u32) -> u32 {
        if self.width == 0 {
            return 0;
        }
        ((u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
            / u64::from(self.width)) as u32
    }
}

/// The most photos a restaurant's gallery holds.
pub const MAX_GALLERY_PHOTOS: usize = 12;
/// The longest text alternative of a gallery photo.
pub const MAX_ALT_CHARS: usize = 200;

/// A photo of the restaurant's gallery, with what it shows in words (in
/// each language; empty until an admin writes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GalleryPhoto {
    pub photo: Photo,
    pub alt: Localized,
}

/// What a gallery photo shows, as typed (each language optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AltInput {
    #[serde(default)]
    pub alt_fr: Option<String>,
    #[serde(default)]
    pub alt_en: Option<String>,
}

impl AltInput {
    /// Trimmed, on one line, at most [`MAX_ALT_CHARS`] each; every field
    /// at fault is named.
    pub fn parse(&self) -> Result<Localized, Vec<FieldError>> {
        let mut errors = Errors(Vec::new());
        let mut one = |raw: &Option<String>, field| {
            errors.keep(text(
                raw.as_deref().unwrap_or(""),
                field,
                MAX_ALT_CHARS,
                false,
                false,
            ))
        };
        let fr = one(&self.alt_fr, "alt_fr");
        let en = one(&self.alt_en, "alt_en");
        errors.done(Localized { fr, en })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photos_words_are_trimmed_and_bounded() {
        let input = AltInput {
            alt_fr: Some("  La salle au coucher du soleil ".into()),
            alt_en: None,
        };
        assert_eq!(
            input.parse(),
            Ok(Localized {
                fr: "La salle au coucher du soleil".into(),
                en: String::new(),
            })
        );
        let bad = AltInput {
            alt_fr: Some("x".repeat(MAX_ALT_CHARS + 1)),
            alt_en: Some("two\nlines".into()),
        };
        let fields: Vec<_> = bad
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["alt_fr", "alt_en"]);
    }
}
