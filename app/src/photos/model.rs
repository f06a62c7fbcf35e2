//! What a stored photo is to the rest of the app, and the limits of an upload.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The most an uploaded file may weigh. A phone's full-size photo is 2 to 8 MB; shrunk on the
/// phone (JavaScript) it is about 300 KB.
pub const MAX_UPLOAD_MIB: u16 = 10;
pub const MAX_UPLOAD_BYTES: usize = MAX_UPLOAD_MIB as usize * 1024 * 1024;
/// The longest side of a stored photo: enough to read a gauge or a nameplate on a phone.
pub const MAX_STORED_SIDE: u32 = 1600;
/// The widest or tallest image accepted at all. A 200-megapixel phone camera saves 12 or 50
/// megapixels (8160 × 6120) by default; anything larger is refused before it is decoded.
pub const MAX_SOURCE_SIDE: u32 = 10_000;
/// Pixels accepted (width × height): a small file can claim huge dimensions and would take
/// gigabytes to decode (a decompression bomb).
pub const MAX_SOURCE_PIXELS: u64 = 64_000_000;
/// JPEG quality of the stored photo.
pub const JPEG_QUALITY: u8 = 80;

/// A stored photo, as its uploader and the pages that show it see it. `url` carries the
/// unguessable token, never the row id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub id: Uuid,
    pub token: String,
    pub url: String,
    pub width: u32,
    pub height: u32,
    /// Size of the stored JPEG.
    pub bytes: u32,
}

impl Photo {
    /// Where a photo with `token` is served.
    pub fn url_of(token: &str) -> String {
        format!("/photos/{token}")
    }
}
