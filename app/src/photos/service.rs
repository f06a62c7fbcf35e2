//! Storing and reading photos (server only). Every enterprise person may upload (a worker
//! photographs a hazard); a photo is read by whoever may read what it belongs to.

use super::{
    db::{self, PhotoRow},
    process, quota, storage, Photo, PhotoStore,
};
use crate::photos::PhotoAction;
use crate::{
    audit::step::{AuditedTx, Prior, StepSpec},
    auth::{Role, SessionUser},
    error::AppError,
    fresh_or,
};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

pub const UPLOADERS: &[Role] = &[
    Role::Worker,
    Role::SafetyOfficer,
    Role::Trainer,
    Role::EnterpriseAdmin,
];

/// Checks, re-encodes and stores a photo: what other features' handlers call with the file
/// of their form before their own step. `client_id` is the phone's id of this upload: a retry
/// with it answers the photo stored the first time; the same id with another file is refused
/// (`ClientIdReused`).
pub async fn store(
    state: &super::PhotoState,
    actor: &SessionUser,
    client_id: Uuid,
    bytes: &[u8],
) -> Result<Photo, AppError> {
    store_in(&state.pool, &state.photos, actor, client_id, bytes).await
}

/// `store` with the pool and the object store named.
pub async fn store_in(
    pool: &PgPool,
    photos: &PhotoStore,
    actor: &SessionUser,
    client_id: Uuid,
    bytes: &[u8],
) -> Result<Photo, AppError> {
    store_as(pool, photos, actor, None, client_id, bytes).await
}

/// Who of the oversight side takes photos for an enterprise's records (a visit's finding).
pub const OVERSEERS: &[Role] = &[Role::Regulator, Role::Expert];

/// `store_in` for a photo of the oversight side, kept as the enterprise `enterprise_id`'s
/// (its quota, its records' readers): the caller has checked that the actor reaches it.
pub async fn store_overseen(
    pool: &PgPool,
    photos: &PhotoStore,
    actor: &SessionUser,
    enterprise_id: Uuid,
    client_id: Uuid,
    bytes: &[u8],
) -> Result<Photo, AppError> {
    store_as(pool, photos, actor, Some(enterprise_id), client_id, bytes).await
}

/// Stores the photo as the actor's own enterprise's (`overseen`: none) or as the overseen
/// enterprise's.
async fn store_as(
    pool: &PgPool,
    photos: &PhotoStore,
    actor: &SessionUser,
    overseen: Option<Uuid>,
    client_id: Uuid,
    bytes: &[u8],
) -> Result<Photo, AppError> {
    let roles = if overseen.is_some() {
        OVERSEERS
    } else {
        UPLOADERS
    };
    let spec = StepSpec {
        action: PhotoAction::Upload.into(),
        roles,
        client_id,
        subject: None,
    };
    actor.require_role(roles)?;
    process::check_size(bytes)?;
    // The upload as received identifies the request: a retry sends the very same file.
    let upload_sha256 = hex_sha256(bytes);
    // A retry answers at once, without decoding the image again.
    let prior = match overseen {
        None => AuditedTx::prior(pool, actor, spec).await?,
        Some(_) => AuditedTx::prior_oversight(pool, actor, spec).await?,
    };
    let enterprise_id = match overseen {
        Some(id) => id,
        None => actor.enterprise()?,
    };
    if let Some(prior) = prior {
        return earlier(pool, enterprise_id, &prior, &upload_sha256).await;
    }
    // Already full: refused before the decode, which costs the server far more.
    quota::check(pool, enterprise_id, 0).await?;
    let normalized = process::normalize_off_thread(actor.id, bytes.to_vec()).await?;
    quota::check(pool, enterprise_id, normalized.jpeg.len()).await?;
    let id = Uuid::now_v7();
    let row = PhotoRow {
        id,
        enterprise_id,
        token: crate::checkpoint::token::new_token()?,
        object_key: storage::key_of(enterprise_id, id),
        content_type: "image/jpeg".into(),
        byte_size: len_i32(normalized.jpeg.len())?,
        width: len_i32(normalized.width as usize)?,
        height: len_i32(normalized.height as usize)?,
        sha256: hex_sha256(&normalized.jpeg),
        uploaded_by: actor.id,
        client_id,
    };
    // The file is written before the row is committed, so a stored row always has its file.
    // If the step below fails or finds a concurrent delivery of this upload, the file stays
    // behind without a row: harmless, since nothing can address it (a URL carries the token of
    // a row), and a sweep of keys without a row can remove such files later.
    photos.put(&row.object_key, normalized.jpeg).await?;
    match overseen {
        None => {
            let begun = AuditedTx::begin(pool, actor, spec).await?;
            let tx = fresh_or!(begun, |prior| earlier(
                pool,
                enterprise_id,
                &prior,
                &upload_sha256
            )
            .await);
            keep(tx, &row, &upload_sha256).await?;
        }
        Some(about) => {
            let begun = AuditedTx::begin_oversight(pool, actor, spec, Some(about)).await?;
            let tx = fresh_or!(begun, |prior| earlier(
                pool,
                enterprise_id,
                &prior,
                &upload_sha256
            )
            .await);
            keep(tx, &row, &upload_sha256).await?;
        }
    }
    Ok(row.into_photo())
}

/// The photo's row and its audit row, inside its step.
async fn keep<S: crate::audit::step::StepScope>(
    mut tx: AuditedTx<'_, S>,
    row: &PhotoRow,
    upload_sha256: &str,
) -> Result<(), AppError> {
    db::insert(tx.conn(), row).await?;
    let detail = json!({ "photo": row.id, "upload_sha256": upload_sha256, "bytes": row.byte_size });
    tx.created(row.id, detail).await
}

/// The photo a retried upload stored the first time, if it is the same file.
async fn earlier(
    pool: &PgPool,
    enterprise_id: Uuid,
    prior: &Prior,
    upload_sha256: &str,
) -> Result<Photo, AppError> {
    prior.require("upload_sha256", upload_sha256)?;
    let id = prior.subject_id.ok_or(AppError::Internal)?;
    Ok(db::get(pool, enterprise_id, id).await?.into_photo())
}

/// The photo with `token` and its bytes, for a reader allowed to see it; `NotFound` for an
/// unknown token and for a photo the reader may not see alike (no existence leak).
pub async fn open(
    pool: &PgPool,
    photos: &PhotoStore,
    reader: &SessionUser,
    token: &str,
) -> Result<(PhotoRow, Vec<u8>), AppError> {
    // Tokens are base32 letters and digits; anything else is no token of ours.
    if token.is_empty() || token.len() > 64 || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    // An enterprise's people look among its own photos; the oversight side (a visit's
    // regulator or expert) among all, and a feature's reader must then say the photo is
    // theirs to see (a visit's finding): regulators read counts, not an enterprise's hazards.
    let row = match reader.enterprise_id {
        Some(enterprise_id) => db::by_token(pool, enterprise_id, token).await?,
        None => db::by_any_token(pool, token).await?,
    }
    .ok_or(AppError::NotFound)?;
    if !may_read(pool, reader, &row).await? {
        return Err(AppError::NotFound);
    }
    let bytes = photos.get(&row.object_key).await?;
    Ok((row, bytes))
}

/// A photo follows what it belongs to: it is shown to whoever may read its hazard or its
/// patrol record, as that feature decides (an officer every one; a worker the hazards they
/// reported, must fix or fixed, and their own records). A photo not linked yet (uploaded
/// ahead of its form) is its uploader's alone.
async fn may_read(pool: &PgPool, reader: &SessionUser, row: &PhotoRow) -> Result<bool, AppError> {
    let mut belongs = false;
    for check in readers() {
        match check(pool, reader, row.id).await? {
            Some(true) => return Ok(true),
            Some(false) => belongs = true,
            None => {}
        }
    }
    // A photo that belongs to nothing yet (uploaded, its form not sent) is its uploader's.
    Ok(!belongs && row.uploaded_by == reader.id)
}

/// A feature's answer to "may `reader` see photo `photo_id`?": `Some(true)` or `Some(false)`
/// when the photo belongs to a record of that feature, `None` when it belongs to none. A
/// photo follows what it belongs to: each feature whose records carry photos gives one.
pub type PhotoReader = for<'a> fn(
    &'a PgPool,
    &'a SessionUser,
    Uuid,
)
    -> futures::future::BoxFuture<'a, Result<Option<bool>, AppError>>;

static READERS: std::sync::OnceLock<&'static [PhotoReader]> = std::sync::OnceLock::new();

/// Installs the features' photo readers; called once at start by the server
/// (`crate::install_vocabularies`). A second call changes nothing.
pub fn install_readers(readers: &'static [PhotoReader]) {
    let _ = READERS.set(readers);
}

fn readers() -> &'static [PhotoReader] {
    READERS
        .get()
        .copied()
        .unwrap_or_else(readers_without_install)
}

// Unit tests have no start to install from: they read the root's list directly.
#[cfg(test)]
fn readers_without_install() -> &'static [PhotoReader] {
    crate::PHOTO_READERS
}

#[cfg(not(test))]
fn readers_without_install() -> &'static [PhotoReader] {
    &[]
}

fn hex_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn len_i32(n: usize) -> Result<i32, AppError> {
    i32::try_from(n).map_err(|_| AppError::Internal)
}
