//! Checking an uploaded photo and re-encoding it as resized WebP and JPEG
//! variants.

use std::fmt;
use std::io::Cursor;

use ::image::codecs::jpeg::JpegEncoder;
use ::image::imageops::FilterType;
use ::image::metadata::Orientation;
use ::image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageError, ImageFormat,
    ImageReader, Limits, RgbImage,
};

/// The widths of the variants, ascending. An image narrower than the
/// largest one also gets a variant at its own width (never an enlargement).
pub const VARIANT_WIDTHS: [u32; 3] = [400, 800, 1600];

/// Quality of the lossy WebP variants (libwebp's 0–100 scale).
const WEBP_QUALITY: f32 = 80.0;
/// Quality of the JPEG variants (1–100).
const JPEG_QUALITY: u8 = 82;

/// What an upload may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageLimits {
    /// The largest accepted file, in bytes.
    pub max_bytes: usize,
    /// The most pixels (width × height) an image may have.
    pub max_pixels: u64,
    /// The longest an image's width or height may be, in pixels.
    pub max_side: u32,
}

impl Default for ImageLimits {
    /// 15 MiB, 40 megapixels, 10 000 pixels per side.
    fn default() -> Self {
        Self {
            max_bytes: 15 * 1024 * 1024,
            max_pixels: 40_000_000,
            max_side: 10_000,
        }
    }
}

/// Why an upload was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ImageRefusal {
    /// The file is larger than [`ImageLimits::max_bytes`].
    #[error("the file is too large")]
    TooLarge,
    /// The bytes are not a JPEG, PNG or WebP image.
    #[error("the file is not a JPEG, PNG or WebP image")]
    UnsupportedType,
    /// The image is too wide, too tall or has too many pixels.
    #[error("the image has too many pixels")]
    TooManyPixels,
    /// The image is damaged or uses a feature the decoder does not support.
    #[error("the image cannot be read")]
    Unreadable,
}

impl ImageRefusal {
    /// A stable machine-readable code for the refusal.
    pub fn code(self) -> &'static str {
        match self {
            Self::TooLarge => "too_large",
            Self::UnsupportedType => "unsupported_type",
            Self::TooManyPixels => "too_many_pixels",
            Self::Unreadable => "unreadable",
        }
    }
}

/// One size of a processed image, in both formats.
#[derive(Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// Lossy WebP.
    pub webp: Vec<u8>,
    /// Baseline JPEG.
    pub jpeg: Vec<u8>,
}

impl fmt::Debug for Variant {
    // The encoded bytes would flood any log or assertion message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Variant")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("webp_bytes", &self.webp.len())
            .field("jpeg_bytes", &self.jpeg.len())
            .finish()
    }
}

/// The variants of an accepted image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedImage {
    /// The width of the largest variant.
    pub width: u32,
    /// The height of the largest variant.
    pub height: u32,
    /// Ascending by width; never empty.
    pub variants: Vec<Variant>,
}

/// Checks an uploaded image and re-encodes it as resized variants.
///
/// In this order: more than `max_bytes` → [`ImageRefusal::TooLarge`]; not
/// a JPEG, PNG or WebP by its magic numbers → `UnsupportedType`; a header
/// whose dimensions exceed the limits → `TooManyPixels` (read without
/// decoding any pixel, so a decompression bomb costs nothing); a decoding
/// error → `Unreadable`. The EXIF orientation is applied, then each
/// variant (see [`VARIANT_WIDTHS`]) is encoded as lossy WebP and JPEG from
/// the pixels alone: no metadata of the upload is kept. Transparent areas
/// become white.
///
/// CPU-heavy (about 0.8 s for a 12-megapixel photo in a release build,
/// mostly resizing and WebP encoding; one core): callers run it in
/// `spawn_blocking`.
pub fn process_image(bytes: &[u8], limits: &ImageLimits) -> Result<ProcessedImage, ImageRefusal> {
    if bytes.len() > limits.max_bytes {
        return Err(ImageRefusal::TooLarge);
    }
    let format = sniff_format(bytes).ok_or(ImageRefusal::UnsupportedType)?;

    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let decoder_limits = decoder_limits(limits);
    let max_alloc = decoder_limits.max_alloc;
    reader.limits(decoder_limits);
    // Reads the header only.
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height, limits)?;
    if max_alloc.is_some_and(|max| decoder.total_bytes() > max) {
        return Err(ImageRefusal::TooManyPixels);
    }
    // A malformed EXIF block must not cost the photo: it then stays as
    // stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);

    // The JPEG decoder is lenient: it fills what is missing of a cut file
    // with grey instead of failing.
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(ImageRefusal::Unreadable);
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    image.apply_orientation(orientation);
    let image = flatten_to_rgb8(image);

    let variants = encode_variants(image)?;
    let largest = variants.last().expect("at least one variant");
    Ok(ProcessedImage {
        width: largest.width,
        height: largest.height,
        variants,
    })
}

/// The type of an image from its first bytes alone.
fn sniff_format(bytes: &[u8]) -> Option<ImageFormat> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(PNG) {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::WebP)
    } else {
        None
    }
}

/// Whether a JPEG's segments and entropy-coded data run to its end-of-image
/// marker. What follows that marker (some phones append data) is ignored.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    const SOS: u8 = 0xDA;
    const EOI: u8 = 0xD9;
    let is_standalone = |marker: u8| matches!(marker, 0x01 | 0xD0..=0xD7);
    // After SOI.
    let mut at = 2;
    loop {
        // A marker: 0xFF (maybe repeated as fill), then its code. Stray bytes
        // before a marker are tolerated, as other decoders do.
        let Some(offset) = bytes[at..].iter().position(|&b| b == 0xFF) else {
            return false;
        };
        at += offset;
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let Some(&marker) = bytes.get(at) else {
            return false;
        };
        at += 1;
        match marker {
            EOI => return true,
            0x00 => continue,
            marker if is_standalone(marker) => continue,
            _ => {}
        }
        let Some(length) = bytes.get(at..at + 2) else {
            return false;
        };
        let length = usize::from(u16::from_be_bytes([length[0], length[1]]));
        if length < 2 || at + length > bytes.len() {
            return false;
        }
        at += length;
        if marker == SOS {
            // Entropy-coded data: 0xFF only as 0xFF00 (a stuffed byte) or a
            // restart marker until the next real marker.
            loop {
                let Some(offset) = bytes[at..].iter().position(|&b| b == 0xFF) else {
                    return false;
                };
                at += offset;
                match bytes.get(at + 1) {
                    None => return false,
                    Some(&next) if next == 0x00 || is_standalone(next) => at += 2,
                    Some(_) => break,
                }
            }
        }
    }
}

/// The decoder's own limits: a second guard behind [`check_dimensions`].
fn decoder_limits(limits: &ImageLimits) -> Limits {
    let mut decoder_limits = Limits::default();
    decoder_limits.max_image_width = Some(limits.max_side);
    decoder_limits.max_image_height = Some(limits.max_side);
    // The largest pixel buffer a decoder may produce (16-bit RGBA), plus
    // room for its working memory.
    decoder_limits.max_alloc = Some(
        limits
            .max_pixels
            .saturating_mul(8)
            .saturating_add(64 * 1024 * 1024),
    );
    decoder_limits
}

fn check_dimensions(width: u32, height: u32, limits: &ImageLimits) -> Result<(), ImageRefusal> {
    let pixels = u64::from(width) * u64::from(height);
    if width > limits.max_side || height > limits.max_side || pixels > limits.max_pixels {
        Err(ImageRefusal::TooManyPixels)
    } else if pixels == 0 {
        Err(ImageRefusal::Unreadable)
    } else {
        Ok(())
    }
}

fn refusal(error: ImageError) -> ImageRefusal {
    match error {
        ImageError::Limits(_) => ImageRefusal::TooManyPixels,
        _ => ImageRefusal::Unreadable,
    }
}

/// 8-bit RGB; transparent pixels are composed over white.
fn flatten_to_rgb8(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    let mut rgb = Vec::with_capacity(rgba.as_raw().len() / 4 * 3);
    for pixel in rgba.as_raw().chunks_exact(4) {
        let alpha = u32::from(pixel[3]);
        for &channel in &pixel[..3] {
            let over_white = (u32::from(channel) * alpha + 255 * (255 - alpha) + 127) / 255;
            rgb.push(over_white as u8);
        }
    }
    RgbImage::from_raw(width, height, rgb).expect("a buffer of the right size")
}

/// The widths of the variants of an image `width` pixels wide, ascending.
fn variant_widths(width: u32) -> Vec<u32> {
    let largest = width.min(VARIANT_WIDTHS[VARIANT_WIDTHS.len() - 1]);
    VARIANT_WIDTHS
        .iter()
        .copied()
        .filter(|&w| w < largest)
        .chain([largest])
        .collect()
}

/// The height that keeps the aspect ratio at `new_width`: rounded, at
/// least 1.
fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(scaled).unwrap_or(u32::MAX).max(1)
}

fn encode_variants(image: RgbImage) -> Result<Vec<Variant>, ImageRefusal> {
    let (width, height) = image.dimensions();
    // Largest first, each one resized from the previous (larger) one: the
    // same quality for a downscale by 2, at a fraction of the cost of
    // resizing the full image every time.
    let mut source = DynamicImage::ImageRgb8(image);
    let mut variants = Vec::new();
    for new_width in variant_widths(width).into_iter().rev() {
        let new_height = scaled_height(width, height, new_width);
        if (new_width, new_height) != (source.width(), source.height()) {
            source = source.resize_exact(new_width, new_height, FilterType::Lanczos3);
        }
        let rgb = source.as_rgb8().expect("resizing keeps the pixel type");
        variants.push(Variant {
            width: new_width,
            height: new_height,
            webp: encode_webp(rgb)?,
            jpeg: encode_jpeg(rgb)?,
        });
    }
    variants.reverse();
    Ok(variants)
}

fn encode_webp(image: &RgbImage) -> Result<Vec<u8>, ImageRefusal> {
    let encoder = webp::Encoder::from_rgb(image.as_raw(), image.width(), image.height());
    // Cannot fail for the sizes made here (at most 1600 px wide, a few
    // thousand high at worst); if libwebp still does, the image is refused.
    let encoded = encoder
        .encode_simple(false, WEBP_QUALITY)
        .map_err(|_| ImageRefusal::Unreadable)?;
    Ok(encoded.to_vec())
}

fn encode_jpeg(image: &RgbImage) -> Result<Vec<u8>, ImageRefusal> {
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .map_err(|_| ImageRefusal::Unreadable)?;
    Ok(jpeg)
}
