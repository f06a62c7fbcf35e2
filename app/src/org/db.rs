//! SQL of the enterprise's own settings: its principal (主要负责人).

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

pub async fn principal(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar("select principal_id from enterprises where id = $1")
        .bind(enterprise_id)
        .fetch_one(db)
        .await
}

/// Names the principal; returns the previous one. Locks the enterprise row for the step.
pub async fn set_principal(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    principal: Uuid,
    by: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    let before: Option<Uuid> =
        sqlx::query_scalar("select principal_id from enterprises where id = $1 for update")
            .bind(enterprise_id)
            .fetch_one(&mut *conn)
            .await?;
    if before != Some(principal) {
        sqlx::query(
            "update enterprises set principal_id = $2, principal_set_by = $3,
                principal_set_at = now() where id = $1",
        )
        .bind(enterprise_id)
        .bind(principal)
        .bind(by)
        .execute(conn)
        .await?;
    }
    Ok(before)
}

/// Who named `user_id` the principal and when, if they are the principal.
pub async fn named_principal_by(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<(String, OffsetDateTime)>, sqlx::Error> {
    sqlx::query_as(
        "select b.name, e.principal_set_at from enterprises e
         join users b on b.id = e.principal_set_by
         where e.principal_id = $1 and e.principal_set_at is not null",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await
}
