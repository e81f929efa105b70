//! Images built in code for tests (this crate's and the server's): no
//! binary files in the repository. Not for production use.

use ::image::codecs::jpeg::JpegEncoder;
use ::image::codecs::png::PngEncoder;
use ::image::{ExtendedColorType, ImageEncoder, RgbImage, RgbaImage};

/// A photo-like RGB picture: gradients and a pattern, so encoders have work.
pub fn picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        ::image::Rgb([
            (x * 255 / width) as u8,
            (y * 255 / height) as u8,
            (((x / 16) + (y / 16)) % 2 * 160) as u8,
        ])
    })
}

pub fn jpeg_of(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

pub fn png_of_rgba(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            ExtendedColorType::Rgba8,
        )
        .unwrap();
    out
}

/// A little-endian TIFF (the body of an EXIF segment) whose IFD0 holds
/// `ifd0` entries (tag, type, count, inline value) followed by, if `gps`
/// is given, a GPSInfo pointer to a GPS IFD with GPSLatitudeRef "N" and
/// GPSLatitude = the three rationals of `gps`.
pub fn tiff(ifd0: &[(u16, u16, u32, [u8; 4])], gps: Option<&[u8; 24]>) -> Vec<u8> {
    let entries = ifd0.len() + usize::from(gps.is_some());
    let ifd0_len = 2 + 12 * entries + 4;
    let gps_ifd_offset = (8 + ifd0_len) as u32;
    let gps_ifd_len = 2 + 12 * 2 + 4;
    let latitude_offset = gps_ifd_offset + gps_ifd_len as u32;

    let mut out = b"II*\0".to_vec();
    out.extend(8u32.to_le_bytes());
    out.extend((entries as u16).to_le_bytes());
    let entry = |out: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        out.extend(tag.to_le_bytes());
        out.extend(kind.to_le_bytes());
        out.extend(count.to_le_bytes());
        out.extend(value);
    };
    for &(tag, kind, count, value) in ifd0 {
        entry(&mut out, tag, kind, count, value);
    }
    if gps.is_some() {
        // GPSInfo, LONG, 1, offset of the GPS IFD.
        entry(&mut out, 0x8825, 4, 1, gps_ifd_offset.to_le_bytes());
    }
    out.extend(0u32.to_le_bytes()); // no IFD1
    if let Some(latitude) = gps {
        assert_eq!(out.len(), gps_ifd_offset as usize);
        out.extend(2u16.to_le_bytes());
        // GPSLatitudeRef, ASCII, 2, "N\0".
        entry(&mut out, 0x0001, 2, 2, *b"N\0\0\0");
        // GPSLatitude, RATIONAL, 3, offset of the rationals.
        entry(&mut out, 0x0002, 5, 3, latitude_offset.to_le_bytes());
        out.extend(0u32.to_le_bytes());
        assert_eq!(out.len(), latitude_offset as usize);
        out.extend(latitude);
    }
    out
}

/// `jpeg` with an APP1 `Exif\0\0` segment holding `tiff` right after SOI.
pub fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], [0xFF, 0xD8]);
    let length = u16::try_from(2 + 6 + tiff.len()).unwrap();
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(length.to_be_bytes());
    out.extend(b"Exif\0\0");
    out.extend(tiff);
    out.extend(&jpeg[2..]);
    out
}

/// 48° 51' 29.65" as three little-endian rationals: what must not leak.
pub fn latitude_rationals() -> [u8; 24] {
    let mut out = [0u8; 24];
    for (i, (num, den)) in [(48u32, 1u32), (51, 1), (2965, 100)].iter().enumerate() {
        out[i * 8..i * 8 + 4].copy_from_slice(&num.to_le_bytes());
        out[i * 8 + 4..i * 8 + 8].copy_from_slice(&den.to_le_bytes());
    }
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

pub fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
    let start = out.len();
    out.extend(kind);
    out.extend(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

/// A PNG whose header claims `width`×`height` 8-bit RGB, with a tiny IDAT.
pub fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]); // 8 bits, RGB, deflate, adaptive, no interlace
    png_chunk(&mut out, b"IHDR", &ihdr);
    // A zlib stream holding one empty stored block.
    png_chunk(
        &mut out,
        b"IDAT",
        &[
            0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01,
        ],
    );
    png_chunk(&mut out, b"IEND", &[]);
    out
}

/// A `width`×`height` JPEG photo carrying EXIF with a GPS position (the
/// bytes of [`latitude_rationals`]).
pub fn photo_with_gps(width: u32, height: u32) -> Vec<u8> {
    with_exif(
        &jpeg_of(&picture(width, height)),
        &tiff(&[], Some(&latitude_rationals())),
    )
}

/// A `width`×`height` PNG.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let rgb = picture(width, height);
    let rgba = RgbaImage::from_fn(width, height, |x, y| {
        let p = rgb.get_pixel(x, y);
        ::image::Rgba([p[0], p[1], p[2], 255])
    });
    png_of_rgba(&rgba)
}
