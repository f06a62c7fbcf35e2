//! What a stored photo is to the rest of the app, and the limits of an upload.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The most an uploaded file may weigh. A phone's full-size photo is 2 to 8 MB; shrunk on the
/// phone (JavaScript) it is about 300 KB.
pub const MAX_UPLOAD_MIB: u16 = 10;
pub const MAX_UPLOAD_BYTES: usize = MAX_UPLOAD_MIB as usize * 1024 * 1024;
/// The longest side of a stored photo: enough to read a gauge or a nameplate on a phone.
pub const MAX_STORED_SIDE: u32 = 1600;
/// The widest or tallest image accepted at all; anything larger is refused before it is
/// decoded.
pub const MAX_SOURCE_SIDE: u32 = 10_000;
/// Megapixels accepted (width × height), what a phone camera takes: a 200-megapixel sensor
/// saves 12 or 50 megapixels (8160 × 6120 = 49.9 MP) unless set to its rarely used full mode,
/// and 48/50-megapixel main cameras save at most 8160 × 6144. A small file can claim more and
/// take seconds of a core and hundreds of MB to decode (a 71 KB PNG of 25 MP took 12.5 s on a
/// test build): refused from its header, before any pixel is decoded.
pub const MAX_SOURCE_MEGAPIXELS: u32 = 50;
pub const MAX_SOURCE_PIXELS: u64 = MAX_SOURCE_MEGAPIXELS as u64 * 1_000_000;
/// JPEG quality of the stored photo.
pub const JPEG_QUALITY: u8 = 80;

/// The photo storage of an enterprise when its admin set none: 10 GB. Not a rule of any
/// regulation (none sets one), an enterprise setting: a stored photo is 150 to 300 KB (1600 px,
/// JPEG at 80), so 10 GB hold some 50,000 photos, 45 a day for three years (hazard records are
/// kept at least that long); it bounds what one enterprise's uploads can take from the disk
/// or the bucket all enterprises share.
pub const DEFAULT_QUOTA_MIB: u32 = 10 * 1024;
/// The quota an admin may set: 1 MB to 1 TB.
pub const MAX_QUOTA_MIB: u32 = 1024 * 1024;

/// The enterprise's photo storage as its admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaView {
    pub quota_mib: u32,
    /// Whether the admin set it (else the default).
    pub set: bool,
    /// Stored so far, rounded up to whole MB.
    pub used_mib: u32,
}

/// The quota form, as the page posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaForm {
    pub quota_mib: String,
}

#[cfg(feature = "ssr")]
impl QuotaForm {
    pub fn validate(&self) -> Result<u32, crate::error::AppError> {
        crate::input::whole(
            &self.quota_mib,
            crate::photos::PhotoField::PhotoQuota,
            1..=MAX_QUOTA_MIB,
        )
    }
}

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
