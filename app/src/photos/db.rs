//! The `photos` table (server only). Every read is scoped by the enterprise.

use super::Photo;
use crate::error::AppError;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// A row of `photos`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PhotoRow {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub token: String,
    pub object_key: String,
    pub content_type: String,
    pub byte_size: i32,
    pub width: i32,
    pub height: i32,
    pub sha256: String,
    pub uploaded_by: Uuid,
    pub client_id: Uuid,
}

impl PhotoRow {
    pub fn into_photo(self) -> Photo {
        let to_u32 = |v: i32| u32::try_from(v).unwrap_or(0);
        Photo {
            id: self.id,
            url: Photo::url_of(&self.token),
            token: self.token,
            width: to_u32(self.width),
            height: to_u32(self.height),
            bytes: to_u32(self.byte_size),
        }
    }
}

const COLUMNS: &str = "p.id, p.enterprise_id, p.token, p.object_key, p.content_type, \
                       p.byte_size, p.width, p.height, p.sha256, p.uploaded_by, p.client_id";

pub async fn insert(conn: &mut PgConnection, row: &PhotoRow) -> Result<(), AppError> {
    sqlx::query(
        "insert into photos (id, enterprise_id, token, object_key, content_type, byte_size,
                             width, height, sha256, uploaded_by, client_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(row.id)
    .bind(row.enterprise_id)
    .bind(&row.token)
    .bind(&row.object_key)
    .bind(&row.content_type)
    .bind(row.byte_size)
    .bind(row.width)
    .bind(row.height)
    .bind(&row.sha256)
    .bind(row.uploaded_by)
    .bind(row.client_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A photo of the enterprise by id (a retried upload finds its first answer).
pub async fn get(pool: &PgPool, enterprise_id: Uuid, id: Uuid) -> Result<PhotoRow, AppError> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from photos p where p.enterprise_id = $1 and p.id = $2"
    ))
    .bind(enterprise_id)
    .bind(id)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// The photo of the enterprise with `token`. Whether the reader may see it is the feature's it
/// belongs to (`service::open`).
pub async fn by_token(
    pool: &PgPool,
    enterprise_id: Uuid,
    token: &str,
) -> Result<Option<PhotoRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "select {COLUMNS} from photos p where p.enterprise_id = $1 and p.token = $2"
    ))
    .bind(enterprise_id)
    .bind(token)
    .fetch_optional(pool)
    .await?)
}

/// The photo with `token`, whichever enterprise's (a reader of the oversight side: whether
/// they may see it is the features' readers' to say).
pub async fn by_any_token(pool: &PgPool, token: &str) -> Result<Option<PhotoRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "select {COLUMNS} from photos p where p.token = $1"
    ))
    .bind(token)
    .fetch_optional(pool)
    .await?)
}

/// Bytes of the enterprise's stored photos (the index `photos_enterprise_bytes` has them).
pub async fn stored_bytes(pool: &PgPool, enterprise_id: Uuid) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "select coalesce(sum(byte_size), 0)::bigint from photos where enterprise_id = $1",
    )
    .bind(enterprise_id)
    .fetch_one(pool)
    .await?)
}

/// The quota the enterprise's admin set, in MB, if any.
pub async fn quota_mib(pool: &PgPool, enterprise_id: Uuid) -> Result<Option<i32>, AppError> {
    Ok(
        sqlx::query_scalar("select quota_mib from photo_policies where enterprise_id = $1")
            .bind(enterprise_id)
            .fetch_optional(pool)
            .await?,
    )
}

/// Sets the quota; the one before, if one was set.
pub async fn set_quota_mib(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    quota_mib: i32,
) -> Result<Option<i32>, AppError> {
    let before = sqlx::query_scalar(
        "select quota_mib from photo_policies where enterprise_id = $1 for update",
    )
    .bind(enterprise_id)
    .fetch_optional(&mut *conn)
    .await?;
    sqlx::query(
        "insert into photo_policies (enterprise_id, quota_mib) values ($1, $2)
         on conflict (enterprise_id) do update set quota_mib = $2, updated_at = now()",
    )
    .bind(enterprise_id)
    .bind(quota_mib)
    .execute(conn)
    .await?;
    Ok(before)
}

/// Which of `keys` are the object keys of stored photos (the sweep keeps those).
pub async fn known_keys(pool: &PgPool, keys: &[String]) -> Result<Vec<String>, AppError> {
    Ok(
        sqlx::query_scalar("select object_key from photos where object_key = any($1)")
            .bind(keys)
            .fetch_all(pool)
            .await?,
    )
}
