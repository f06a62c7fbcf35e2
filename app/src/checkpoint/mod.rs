//! Posted QR checkpoints: the unguessable token a QR code carries, its SVG, and the poster.
//! Confined spaces use them now; patrol points will use the same code (`CheckpointKind`).

mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod qr;
#[cfg(feature = "ssr")]
pub mod token;

pub use api::*;
#[cfg(feature = "ssr")]
pub use token::is_short_code;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::text_enum! {
    pub enum CheckpointKind {
        ConfinedSpace = "confined_space",
        PatrolPoint = "patrol_point",
    }
}

/// What a scanned token leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resolved {
    Current {
        kind: CheckpointKind,
        subject_id: Uuid,
    },
    /// The poster was replaced by a newer one; the old QR must not be used.
    Replaced,
}

/// Everything a printed poster shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poster {
    pub title: String,
    pub code: String,
    pub location: String,
    /// Translation keys of the hazards, shown under the warning.
    pub hazards: Vec<String>,
    pub short_code: String,
    pub url: String,
    /// Inline SVG of the QR code (server-made).
    pub svg: String,
}
