//! Fixtures are built in code: no binary files in the repository.

use std::time::Instant;

use ::image::{ImageFormat, RgbImage, RgbaImage};

use super::fixtures::*;
use super::*;

fn decode(bytes: &[u8], format: ImageFormat) -> RgbImage {
    ::image::load_from_memory_with_format(bytes, format)
        .unwrap()
        .into_rgb8()
}

fn assert_well_formed(processed: &ProcessedImage) {
    for variant in &processed.variants {
        assert_eq!(&variant.webp[..4], b"RIFF", "{variant:?}");
        assert_eq!(&variant.webp[8..12], b"WEBP", "{variant:?}");
        assert_eq!(&variant.jpeg[..2], [0xFF, 0xD8], "{variant:?}");
        let webp = decode(&variant.webp, ImageFormat::WebP);
        assert_eq!(webp.dimensions(), (variant.width, variant.height));
        let jpeg = decode(&variant.jpeg, ImageFormat::Jpeg);
        assert_eq!(jpeg.dimensions(), (variant.width, variant.height));
    }
    let largest = processed.variants.last().unwrap();
    assert_eq!(
        (processed.width, processed.height),
        (largest.width, largest.height)
    );
}

fn sizes(processed: &ProcessedImage) -> Vec<(u32, u32)> {
    processed
        .variants
        .iter()
        .map(|variant| (variant.width, variant.height))
        .collect()
}

// ------------------------------------------------------------ process_image

#[test]
fn a_large_photo_gives_three_variants_without_its_metadata() {
    let latitude = latitude_rationals();
    let photo = with_exif(&jpeg_of(&picture(4000, 3000)), &tiff(&[], Some(&latitude)));
    // The fixture really carries the metadata that must go.
    assert!(contains(&photo, b"Exif\0\0II*\0"));
    assert!(contains(&photo, &[0x25, 0x88, 4, 0, 1, 0, 0, 0])); // GPSInfo entry
    assert!(contains(&photo, b"N\0\0\0"));
    assert!(contains(&photo, &latitude));
    assert!(photo.len() < ImageLimits::default().max_bytes);

    let started = Instant::now();
    let processed = process_image(&photo, &ImageLimits::default()).unwrap();
    eprintln!(
        "process_image on a {} KiB 4000×3000 JPEG: {:?}",
        photo.len() / 1024,
        started.elapsed()
    );

    assert_eq!(sizes(&processed), [(400, 300), (800, 600), (1600, 1200)]);
    assert_eq!((processed.width, processed.height), (1600, 1200));
    assert_well_formed(&processed);
    for variant in &processed.variants {
        for output in [&variant.webp, &variant.jpeg] {
            assert!(!contains(output, b"Exif"), "{variant:?}");
            assert!(!contains(output, &latitude), "{variant:?}");
        }
    }
}

#[test]
fn the_exif_orientation_is_applied() {
    // Stored 400×200: top half red, bottom half blue. Orientation 6 means
    // "rotate 90° clockwise to display": the top edge becomes the right one.
    let stored = RgbImage::from_fn(400, 200, |_, y| {
        if y < 100 {
            ::image::Rgb([220, 20, 20])
        } else {
            ::image::Rgb([20, 20, 220])
        }
    });
    let orientation = tiff(&[(0x0112, 3, 1, [6, 0, 0, 0])], None);
    let photo = with_exif(&jpeg_of(&stored), &orientation);

    let processed = process_image(&photo, &ImageLimits::default()).unwrap();
    assert_eq!(sizes(&processed), [(200, 400)]);
    assert_well_formed(&processed);
    let upright = decode(&processed.variants[0].jpeg, ImageFormat::Jpeg);
    let left = upright.get_pixel(40, 200);
    let right = upright.get_pixel(160, 200);
    assert!(left[2] > 150 && left[0] < 80, "left is blue: {left:?}");
    assert!(right[0] > 150 && right[2] < 80, "right is red: {right:?}");
    assert!(!contains(&processed.variants[0].jpeg, b"Exif"));
}

#[test]
fn a_1000_px_png_gives_400_800_and_its_own_width() {
    // Transparent in its left quarter: that must come out white.
    let base = picture(1000, 750);
    let image = RgbaImage::from_fn(1000, 750, |x, y| {
        let [r, g, b] = base.get_pixel(x, y).0;
        ::image::Rgba([r, g, b, if x < 250 { 0 } else { 255 }])
    });
    let processed = process_image(&png_of_rgba(&image), &ImageLimits::default()).unwrap();
    assert_eq!(sizes(&processed), [(400, 300), (800, 600), (1000, 750)]);
    assert_well_formed(&processed);
    let jpeg = decode(&processed.variants[2].jpeg, ImageFormat::Jpeg);
    let corner = jpeg.get_pixel(10, 10);
    assert!(corner.0.iter().all(|&c| c > 240), "white: {corner:?}");
}

#[test]
fn a_300_px_webp_gives_one_variant() {
    let image = picture(300, 200);
    let webp = webp::Encoder::from_rgb(image.as_raw(), 300, 200)
        .encode(90.0)
        .to_vec();
    assert_eq!(&webp[8..12], b"WEBP");
    let processed = process_image(&webp, &ImageLimits::default()).unwrap();
    assert_eq!(sizes(&processed), [(300, 200)]);
    assert_well_formed(&processed);
}

#[test]
fn variant_widths_stop_at_the_image_width() {
    let cases: [(u32, &[u32]); 7] = [
        (1, &[1]),
        (400, &[400]),
        (401, &[400, 401]),
        (800, &[400, 800]),
        (1000, &[400, 800, 1000]),
        (1600, &[400, 800, 1600]),
        (4000, &[400, 800, 1600]),
    ];
    for (width, expected) in cases {
        let image = picture(width, 3);
        let processed = process_image(&jpeg_of(&image), &ImageLimits::default()).unwrap();
        let widths: Vec<u32> = processed.variants.iter().map(|v| v.width).collect();
        assert_eq!(widths, expected, "width {width}");
        // Very flat images keep at least one pixel of height.
        assert!(processed.variants.iter().all(|v| v.height >= 1));
    }
}

#[test]
fn only_jpeg_png_and_webp_are_accepted() {
    let refused: [&[u8]; 8] = [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF\x00\x00",
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xFF\xFF\xFF\x00\x00\x00!",
        b"just some text, renamed to photo.jpg",
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#,
        b"RIFF\x24\x00\x00\x00WAVEfmt ",
        b"\xFF\xD8",
        b"RIFF",
        b"",
    ];
    for bytes in refused {
        assert_eq!(
            process_image(bytes, &ImageLimits::default()),
            Err(ImageRefusal::UnsupportedType),
            "{bytes:?}"
        );
    }
}

#[test]
fn the_size_is_checked_before_anything_else() {
    let png = png_of_rgba(&RgbaImage::new(20, 10));
    let limits = |max_bytes| ImageLimits {
        max_bytes,
        ..ImageLimits::default()
    };
    assert!(process_image(&png, &limits(png.len())).is_ok());
    assert_eq!(
        process_image(&png, &limits(png.len() - 1)),
        Err(ImageRefusal::TooLarge)
    );
    let exe = [b"MZ".as_slice(), &[0; 100]].concat();
    assert_eq!(
        process_image(&exe, &limits(50)),
        Err(ImageRefusal::TooLarge)
    );
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let bomb = png_header_only(100_000, 100_000);
    assert!(bomb.len() < 100);
    let started = Instant::now();
    let refusal = process_image(&bomb, &ImageLimits::default());
    eprintln!(
        "100000×100000 PNG header refused in {:?}",
        started.elapsed()
    );
    assert_eq!(refusal, Err(ImageRefusal::TooManyPixels));

    // Within the side limit but over the pixel count (81 megapixels).
    assert_eq!(
        process_image(&png_header_only(9000, 9000), &ImageLimits::default()),
        Err(ImageRefusal::TooManyPixels)
    );
    // The limits are the caller's.
    let small = ImageLimits {
        max_pixels: 1000,
        ..ImageLimits::default()
    };
    let photo = jpeg_of(&picture(40, 30));
    assert_eq!(
        process_image(&photo, &small),
        Err(ImageRefusal::TooManyPixels)
    );
    let narrow = ImageLimits {
        max_side: 39,
        ..ImageLimits::default()
    };
    assert_eq!(
        process_image(&photo, &narrow),
        Err(ImageRefusal::TooManyPixels)
    );
    assert!(process_image(&photo, &ImageLimits::default()).is_ok());
}

#[test]
fn a_damaged_image_is_unreadable() {
    let photo = jpeg_of(&picture(640, 480));
    // Cut in its headers, in its pixel data (the decoder alone would fill
    // the rest with grey), just before its end marker.
    for cut in [200, photo.len() / 2, photo.len() - 2] {
        assert_eq!(
            process_image(&photo[..cut], &ImageLimits::default()),
            Err(ImageRefusal::Unreadable),
            "cut at {cut} of {}",
            photo.len()
        );
    }
    // What follows the end marker (some phones append data) does not matter.
    let trailer = [&photo[..], b"\xFF\xDA\x00\x08 appended by a phone \xFF"].concat();
    assert_eq!(
        process_image(&trailer, &ImageLimits::default()).map(|p| p.width),
        Ok(640)
    );

    // Other formats cut in their pixel data.
    let png = png_of_rgba(&RgbaImage::from_fn(300, 200, |x, y| {
        ::image::Rgba([x as u8, y as u8, (x ^ y) as u8, 255])
    }));
    let image = picture(300, 200);
    let webp = webp::Encoder::from_rgb(image.as_raw(), 300, 200)
        .encode(90.0)
        .to_vec();
    for bytes in [&png, &webp] {
        assert!(process_image(bytes, &ImageLimits::default()).is_ok());
        assert_eq!(
            process_image(&bytes[..bytes.len() / 2], &ImageLimits::default()),
            Err(ImageRefusal::Unreadable)
        );
    }

    // A PNG header with pixel data that is not a zlib stream.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(64u32.to_be_bytes());
    ihdr.extend(64u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png_chunk(&mut png, b"IHDR", &ihdr);
    png_chunk(&mut png, b"IDAT", b"not a zlib stream at all");
    png_chunk(&mut png, b"IEND", &[]);
    assert_eq!(
        process_image(&png, &ImageLimits::default()),
        Err(ImageRefusal::Unreadable)
    );

    // The right magic numbers and nothing else.
    assert_eq!(
        process_image(b"RIFF\0\0\0\0WEBPVP8 ", &ImageLimits::default()),
        Err(ImageRefusal::Unreadable)
    );
}

#[test]
fn refusal_codes() {
    let codes = [
        ImageRefusal::TooLarge,
        ImageRefusal::UnsupportedType,
        ImageRefusal::TooManyPixels,
        ImageRefusal::Unreadable,
    ]
    .map(ImageRefusal::code);
    assert_eq!(
        codes,
        [
            "too_large",
            "unsupported_type",
            "too_many_pixels",
            "unreadable"
        ]
    );
}

// ------------------------------------------------------------------ storage

#[test]
fn valid_keys() {
    for key in [
        "a",
        "menu/12/800.webp",
        "menu/12/800-v2_final.jpg",
        "x.y.z",
        &"a".repeat(200),
    ] {
        assert!(valid_key(key), "{key:?}");
    }
    for key in [
        "",
        "../x",
        "a/../b",
        "a..b",
        "/abs",
        "a//b",
        "a/",
        ".hidden",
        "a/.hidden",
        "A.JPG",
        "a b",
        "a\\b",
        "a\0b",
        "é.jpg",
        &"a".repeat(201),
    ] {
        assert!(!valid_key(key), "{key:?}");
    }
}

/// A fresh folder under the system's temporary folder, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path = std::env::temp_dir().join(format!(
            "techplus-media-test-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test]
async fn disk_storage_round_trip() {
    let dir = TempDir::new();
    let storage = DiskStorage::new(dir.0.join("media"));
    assert_eq!(storage.root(), dir.0.join("media"));
    let media: Media = std::sync::Arc::new(storage.clone());

    assert_eq!(media.get("menu/1/400.webp").await.unwrap(), None);
    media
        .put("menu/1/400.webp", b"first".to_vec())
        .await
        .unwrap();
    assert_eq!(
        media.get("menu/1/400.webp").await.unwrap().as_deref(),
        Some(&b"first"[..])
    );
    assert_eq!(
        std::fs::read(dir.0.join("media/menu/1/400.webp")).unwrap(),
        b"first"
    );
    media
        .put("menu/1/400.webp", b"second".to_vec())
        .await
        .unwrap();
    assert_eq!(
        media.get("menu/1/400.webp").await.unwrap().as_deref(),
        Some(&b"second"[..])
    );
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.0.join("media/menu/1"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["400.webp"]);

    media.delete("menu/1/400.webp").await.unwrap();
    assert_eq!(media.get("menu/1/400.webp").await.unwrap(), None);
    // Deleting what is not there is fine.
    media.delete("menu/1/400.webp").await.unwrap();
    media.delete("never/stored.jpg").await.unwrap();
}

#[tokio::test]
async fn disk_storage_refuses_invalid_keys() {
    let dir = TempDir::new();
    let storage = DiskStorage::new(&dir.0);
    for key in ["../x", "/abs", "a//b", ".hidden", "A.JPG", ""] {
        let put = storage.put(key, b"x".to_vec()).await.unwrap_err();
        assert_eq!(put.kind(), std::io::ErrorKind::InvalidInput, "{key:?}");
        let get = storage.get(key).await.unwrap_err();
        assert_eq!(get.kind(), std::io::ErrorKind::InvalidInput, "{key:?}");
        let delete = storage.delete(key).await.unwrap_err();
        assert_eq!(delete.kind(), std::io::ErrorKind::InvalidInput, "{key:?}");
    }
    // Nothing was written.
    assert_eq!(std::fs::read_dir(&dir.0).unwrap().count(), 0);
}

#[test]
fn heights_keep_the_aspect_ratio_rounded() {
    let processed = process_image(&jpeg_of(&picture(900, 600)), &ImageLimits::default()).unwrap();
    assert_eq!(sizes(&processed), [(400, 267), (800, 533), (900, 600)]);
    assert_well_formed(&processed);
}
