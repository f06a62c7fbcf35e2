//! SQL of checkpoints. A subject (space, patrol point) has at most one current token.

use super::{
    token::{new_short_code, new_token},
    CheckpointKind, Resolved,
};
use crate::error::AppError;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// The current token and short code of a subject.
pub struct Issued {
    pub token: String,
    pub short_code: String,
}

/// Issues a new token for a subject, marking any current one replaced.
pub async fn issue(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    kind: CheckpointKind,
    subject_id: Uuid,
) -> Result<Issued, AppError> {
    sqlx::query(
        "update checkpoints set replaced_at = now()
         where kind = $1 and subject_id = $2 and replaced_at is null",
    )
    .bind(kind)
    .bind(subject_id)
    .execute(&mut *conn)
    .await?;
    // A short-code collision (about 1 in 10^12 per pair) just draws again.
    for _ in 0..5 {
        let issued = Issued {
            token: new_token()?,
            short_code: new_short_code()?,
        };
        let inserted = sqlx::query(
            "insert into checkpoints (token, short_code, enterprise_id, kind, subject_id)
             values ($1, $2, $3, $4, $5) on conflict do nothing",
        )
        .bind(&issued.token)
        .bind(&issued.short_code)
        .bind(enterprise_id)
        .bind(kind)
        .bind(subject_id)
        .execute(&mut *conn)
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(issued);
        }
    }
    Err(AppError::Internal)
}

pub async fn current(
    pool: &PgPool,
    enterprise_id: Uuid,
    kind: CheckpointKind,
    subject_id: Uuid,
) -> Result<Option<Issued>, AppError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "select token, short_code from checkpoints
         where enterprise_id = $1 and kind = $2 and subject_id = $3 and replaced_at is null",
    )
    .bind(enterprise_id)
    .bind(kind)
    .bind(subject_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(token, short_code)| Issued { token, short_code }))
}

/// What a scanned token means to a user of `enterprise_id`. Another enterprise's token is
/// simply unknown: a QR never reveals anything across tenants.
pub async fn resolve(
    pool: &PgPool,
    enterprise_id: Uuid,
    token: &str,
) -> Result<Option<Resolved>, AppError> {
    let row: Option<(CheckpointKind, Uuid, bool)> = sqlx::query_as(
        "select kind, subject_id, replaced_at is not null from checkpoints
         where token = $1 and enterprise_id = $2",
    )
    .bind(token)
    .bind(enterprise_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(kind, subject_id, replaced)| {
        if replaced {
            Resolved::Replaced
        } else {
            Resolved::Current { kind, subject_id }
        }
    }))
}

/// The current token behind a typed short code.
pub async fn token_for_short_code(
    pool: &PgPool,
    enterprise_id: Uuid,
    short_code: &str,
) -> Result<Option<String>, AppError> {
    Ok(by_short_code(pool, enterprise_id, short_code)
        .await?
        .map(|(token, _, _)| token))
}

/// The current checkpoint behind a typed short code: its token, kind and subject.
pub async fn by_short_code(
    pool: &PgPool,
    enterprise_id: Uuid,
    short_code: &str,
) -> Result<Option<(String, CheckpointKind, Uuid)>, AppError> {
    Ok(sqlx::query_as(
        "select token, kind, subject_id from checkpoints
         where short_code = $1 and enterprise_id = $2 and replaced_at is null",
    )
    .bind(short_code)
    .bind(enterprise_id)
    .fetch_optional(pool)
    .await?)
}
