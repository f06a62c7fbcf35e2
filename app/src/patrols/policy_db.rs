//! SQL of the patrol policy (`policy`). An enterprise without a row has the default.

use super::policy::PatrolPolicy;
use sqlx::{PgConnection, PgExecutor};
use std::collections::HashMap;
use uuid::Uuid;

pub async fn policy(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<PatrolPolicy, sqlx::Error> {
    let hours: Option<i32> =
        sqlx::query_scalar("select upload_hours from patrol_policies where enterprise_id = $1")
            .bind(enterprise_id)
            .fetch_optional(db)
            .await?;
    Ok(
        hours.map_or_else(PatrolPolicy::default, |upload_hours| PatrolPolicy {
            upload_hours,
        }),
    )
}

/// The policies of `enterprises` (the default for those without a row).
pub async fn policies(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
) -> Result<HashMap<Uuid, PatrolPolicy>, sqlx::Error> {
    let rows: Vec<(Uuid, i32)> = sqlx::query_as(
        "select enterprise_id, upload_hours from patrol_policies
         where enterprise_id = any($1)",
    )
    .bind(enterprises)
    .fetch_all(db)
    .await?;
    let mut out: HashMap<Uuid, PatrolPolicy> = enterprises
        .iter()
        .map(|id| (*id, PatrolPolicy::default()))
        .collect();
    out.extend(
        rows.into_iter()
            .map(|(id, upload_hours)| (id, PatrolPolicy { upload_hours })),
    );
    Ok(out)
}

/// Sets the policy; returns the one it replaces.
pub async fn set_policy(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    policy: &PatrolPolicy,
    by: Uuid,
) -> Result<PatrolPolicy, sqlx::Error> {
    let before = self::policy(&mut *conn, enterprise_id).await?;
    sqlx::query(
        "insert into patrol_policies (enterprise_id, upload_hours, updated_by)
         values ($1, $2, $3)
         on conflict (enterprise_id) do update
         set upload_hours = excluded.upload_hours, updated_by = excluded.updated_by,
             updated_at = now()",
    )
    .bind(enterprise_id)
    .bind(policy.upload_hours)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(before)
}
