//! Regulator reads. Regulators see only the enterprises of their own jurisdiction.

use super::EnterpriseSummary;
use crate::{
    auth::{Role, SessionUser},
    error::AppError,
};
use sqlx::PgPool;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    name: String,
    code: String,
    active_people: i64,
}

pub async fn enterprises_in_jurisdiction(
    pool: &PgPool,
    actor: &SessionUser,
) -> Result<Vec<EnterpriseSummary>, AppError> {
    actor.require_role(&[Role::Regulator])?;
    let jurisdiction = actor.jurisdiction_id.ok_or(AppError::Forbidden)?;
    let rows: Vec<Row> = sqlx::query_as(
        "select e.id, e.name, e.code, count(u.id) filter (where u.active) as active_people
         from enterprises e left join users u on u.enterprise_id = e.id
         where e.jurisdiction_id in (select * from jurisdictions_under($1))
         group by e.id order by e.name",
    )
    .bind(jurisdiction)
    .fetch_all(pool)
    .await?;
    let hazards = crate::hazards::service::figures_by_enterprise(
        pool,
        actor,
        time::OffsetDateTime::now_utc(),
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| EnterpriseSummary {
            hazards: hazards.get(&r.id).copied().unwrap_or_default(),
            id: r.id,
            name: r.name,
            code: r.code,
            active_people: r.active_people,
        })
        .collect())
}
