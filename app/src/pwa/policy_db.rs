//! SQL of the kept-pages policy. An enterprise without a row has the default.

use super::policy::KeepPolicy;
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

pub async fn policy(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<KeepPolicy, sqlx::Error> {
    let hours: Option<i32> = sqlx::query_scalar(
        "select keep_pages_hours from offline_policies where enterprise_id = $1",
    )
    .bind(enterprise_id)
    .fetch_optional(db)
    .await?;
    Ok(
        hours.map_or_else(KeepPolicy::default, |keep_pages_hours| KeepPolicy {
            keep_pages_hours,
        }),
    )
}

/// Sets the policy; returns the one it replaces.
pub async fn set_policy(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    policy: &KeepPolicy,
    by: Uuid,
) -> Result<KeepPolicy, sqlx::Error> {
    let before = self::policy(&mut *conn, enterprise_id).await?;
    sqlx::query(
        "insert into offline_policies (enterprise_id, keep_pages_hours, updated_by)
         values ($1, $2, $3)
         on conflict (enterprise_id) do update
         set keep_pages_hours = excluded.keep_pages_hours, updated_by = excluded.updated_by,
             updated_at = now()",
    )
    .bind(enterprise_id)
    .bind(policy.keep_pages_hours)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(before)
}
