//! The `photos` table (server only). Every read is scoped: by the enterprise, or by the
//! regulator's jurisdiction.

use super::Photo;
use crate::{auth::SessionUser, error::AppError};
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

/// The photo with `token` if `reader` may see it: a person of its enterprise, or a regulator
/// of the jurisdiction the enterprise lies in. Anything else is `None`, like an unknown token.
pub async fn readable_by_token(
    pool: &PgPool,
    reader: &SessionUser,
    token: &str,
) -> Result<Option<PhotoRow>, AppError> {
    let jurisdiction = match reader.role {
        crate::auth::Role::Regulator => reader.jurisdiction_id,
        _ => None,
    };
    Ok(sqlx::query_as(&format!(
        "select {COLUMNS} from photos p join enterprises e on e.id = p.enterprise_id
         where p.token = $1 and (p.enterprise_id = $2 or e.jurisdiction_id = $3)"
    ))
    .bind(token)
    .bind(reader.enterprise_id)
    .bind(jurisdiction)
    .fetch_optional(pool)
    .await?)
}
