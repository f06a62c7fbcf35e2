//! Checking an upload by its content and making the stored JPEG (server only).
//!
//! Only what decodes as JPEG, PNG or WebP is accepted, whatever the file is called. The image
//! is turned upright (EXIF orientation), shrunk to `MAX_STORED_SIDE` and encoded afresh as a
//! JPEG: the new file carries pixels only, so every metadata of the original (EXIF with its
//! GPS position, the camera, XMP, comments) is gone.

use super::{
    gate::DECODE_GATE, JPEG_QUALITY, MAX_SOURCE_MEGAPIXELS, MAX_SOURCE_PIXELS, MAX_SOURCE_SIDE,
    MAX_STORED_SIDE, MAX_UPLOAD_BYTES, MAX_UPLOAD_MIB,
};
use crate::error::{AppError, Field, Problem};
use image::{
    codecs::jpeg::JpegEncoder, imageops::FilterType, DynamicImage, ImageDecoder, ImageError,
    ImageFormat, ImageReader, Limits,
};
use std::io::Cursor;
use uuid::Uuid;

/// The stored form of an upload.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Memory a decoder may take (the decoded pixels count): `MAX_SOURCE_PIXELS` as 8-bit RGBA is
/// 200 MB (a 16-bit file that large is refused as too large; phones save 8 bits).
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

fn refuse(problem: Problem) -> AppError {
    AppError::invalid(Field::Photo, problem)
}

/// The size checks, cheap enough to run before anything else.
pub fn check_size(bytes: &[u8]) -> Result<(), AppError> {
    if bytes.is_empty() {
        return Err(refuse(Problem::Required));
    }
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(refuse(Problem::FileTooLarge {
            max_mib: MAX_UPLOAD_MIB,
        }));
    }
    Ok(())
}

/// Reads only the header: a file of another format, or whose dimensions are over the limits,
/// is refused in microseconds, before it waits for a decoder (`normalize_off_thread`).
pub fn check_header(bytes: &[u8]) -> Result<(), AppError> {
    check_size(bytes)?;
    let decoder = reader(bytes)?.into_decoder().map_err(decode_error)?;
    check_pixels(decoder.dimensions())
}

fn check_pixels((width, height): (u32, u32)) -> Result<(), AppError> {
    if u64::from(width) * u64::from(height) > MAX_SOURCE_PIXELS {
        return Err(too_large());
    }
    Ok(())
}

/// A reader of one of the three formats phones send, with the limits set.
fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, AppError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| refuse(Problem::NotAnImage))?;
    // The format is guessed from the first bytes (the magic number), never from a file name.
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(refuse(Problem::NotAnImage));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_SIDE);
    limits.max_image_height = Some(MAX_SOURCE_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    Ok(reader)
}

/// Decodes, turns upright, shrinks and re-encodes. CPU-bound (tens of milliseconds for a
/// phone photo): call it from `spawn_blocking` (`normalize_off_thread`).
pub fn normalize(bytes: &[u8]) -> Result<Normalized, AppError> {
    check_size(bytes)?;
    // The header is read here: dimensions over the limits fail before any pixel is decoded.
    let mut decoder = reader(bytes)?.into_decoder().map_err(decode_error)?;
    check_pixels(decoder.dimensions())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    image.apply_orientation(orientation);
    if image.width().max(image.height()) > MAX_STORED_SIDE {
        // Keeps the aspect ratio; Triangle (bilinear) is sharp enough for a photo this size
        // and several times faster than Lanczos.
        image = image.resize(MAX_STORED_SIDE, MAX_STORED_SIDE, FilterType::Triangle);
    }
    // JPEG has no alpha: a transparent PNG keeps its colours without it.
    let rgb = image.to_rgb8();
    let mut jpeg = Vec::with_capacity(256 * 1024);
    JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(&rgb)
        .map_err(|err| {
            tracing::error!(error = %err, "jpeg encoding failed");
            AppError::Internal
        })?;
    Ok(Normalized {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

/// `normalize` on the blocking pool, in `person`'s turn at the decode gate (`gate`: one
/// decode per core, one per person, `Busy` after waiting too long); a file refused by its
/// header never waits. A decoder that panics on a crafted file refuses the file; it never
/// answers 500.
pub async fn normalize_off_thread(person: Uuid, bytes: Vec<u8>) -> Result<Normalized, AppError> {
    check_header(&bytes)?;
    let _turn = DECODE_GATE.enter(person).await?;
    match tokio::task::spawn_blocking(move || normalize(&bytes)).await {
        Ok(result) => result,
        Err(err) => {
            tracing::error!(error = %err, "image decoder panicked");
            Err(refuse(Problem::NotAnImage))
        }
    }
}

fn too_large() -> AppError {
    refuse(Problem::ImageTooLarge {
        max_px: MAX_SOURCE_SIDE,
        max_megapixels: MAX_SOURCE_MEGAPIXELS,
    })
}

fn decode_error(err: ImageError) -> AppError {
    match err {
        ImageError::Limits(_) => too_large(),
        ImageError::IoError(_) | ImageError::Decoding(_) | ImageError::Unsupported(_) => {
            refuse(Problem::NotAnImage)
        }
        other => {
            tracing::warn!(error = %other, "photo refused");
            refuse(Problem::NotAnImage)
        }
    }
}
