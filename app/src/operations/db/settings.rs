//! SQL of the enterprise settings of operations: the gas policy, the principal and the
//! written delegations of approval.

use crate::{
    auth::Role,
    operations::model::DelegationInput,
    rules::{gas::GasPolicy, permit::PermitPolicy},
};
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct PolicyRow {
    test_max_age_minutes: i32,
    retest_interval_minutes: i32,
    lel_max_percent: f64,
    grade2_lel_from_percent: f64,
    grade2_toxic_fraction: f64,
}

impl From<PolicyRow> for GasPolicy {
    fn from(r: PolicyRow) -> Self {
        GasPolicy {
            test_max_age_minutes: r.test_max_age_minutes as u32,
            retest_interval_minutes: r.retest_interval_minutes as u32,
            lel_max_percent: r.lel_max_percent,
            grade2_lel_from_percent: r.grade2_lel_from_percent,
            grade2_toxic_fraction: r.grade2_toxic_fraction,
        }
    }
}

/// The enterprise's gas policy, if it set one.
pub async fn gas_policy(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<Option<GasPolicy>, sqlx::Error> {
    let row: Option<PolicyRow> = sqlx::query_as(
        "select test_max_age_minutes, retest_interval_minutes, lel_max_percent,
                grade2_lel_from_percent, grade2_toxic_fraction
         from gas_policies where enterprise_id = $1",
    )
    .bind(enterprise_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(GasPolicy::from))
}

/// The enterprise's permit policy (the defaults when it set none).
pub async fn permit_policy(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<PermitPolicy, sqlx::Error> {
    let row: Option<(bool, i32)> = sqlx::query_as(
        "select independent_approval, max_window_hours from permit_policies
         where enterprise_id = $1",
    )
    .bind(enterprise_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map_or_else(
        PermitPolicy::default,
        |(independent_approval, max_window_hours)| PermitPolicy {
            independent_approval,
            max_window_hours,
        },
    ))
}

pub async fn upsert_permit_policy(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    policy: &PermitPolicy,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into permit_policies (enterprise_id, independent_approval, max_window_hours)
         values ($1, $2, $3)
         on conflict (enterprise_id) do update set
            independent_approval = excluded.independent_approval,
            max_window_hours = excluded.max_window_hours, updated_at = now()",
    )
    .bind(enterprise_id)
    .bind(policy.independent_approval)
    .bind(policy.max_window_hours)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn upsert_gas_policy(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    policy: &GasPolicy,
    by: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into gas_policies (enterprise_id, test_max_age_minutes, retest_interval_minutes,
            lel_max_percent, grade2_lel_from_percent, grade2_toxic_fraction, updated_by)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (enterprise_id) do update set
            test_max_age_minutes = excluded.test_max_age_minutes,
            retest_interval_minutes = excluded.retest_interval_minutes,
            lel_max_percent = excluded.lel_max_percent,
            grade2_lel_from_percent = excluded.grade2_lel_from_percent,
            grade2_toxic_fraction = excluded.grade2_toxic_fraction,
            updated_by = excluded.updated_by, updated_at = now()",
    )
    .bind(enterprise_id)
    .bind(policy.test_max_age_minutes as i32)
    .bind(policy.retest_interval_minutes as i32)
    .bind(policy.lel_max_percent)
    .bind(policy.grade2_lel_from_percent)
    .bind(policy.grade2_toxic_fraction)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn is_principal(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    user_id: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from enterprises where id = $1 and principal_id = $2)",
    )
    .bind(enterprise_id)
    .bind(user_id)
    .fetch_one(conn)
    .await
}

/// The role of an active person of the enterprise.
pub async fn active_role(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    user_id: Uuid,
) -> Result<Option<Role>, sqlx::Error> {
    sqlx::query_scalar("select role from users where id = $1 and enterprise_id = $2 and active")
        .bind(user_id)
        .bind(enterprise_id)
        .fetch_optional(conn)
        .await
}

pub async fn insert_delegation(
    conn: &mut PgConnection,
    id: Uuid,
    enterprise_id: Uuid,
    granted_by: Uuid,
    input: &DelegationInput,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into approval_delegations (id, enterprise_id, delegate_id, granted_by,
            document_ref, valid_from, valid_until)
         values ($1, $2, $3, $4, $5, now(), $6)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(input.delegate_id)
    .bind(granted_by)
    .bind(&input.document_ref)
    .bind(input.valid_until)
    .execute(conn)
    .await?;
    Ok(())
}

/// Locks a delegation of the enterprise; `Some(revoked)` when it exists.
pub async fn lock_delegation(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<bool>, sqlx::Error> {
    sqlx::query_scalar(
        "select revoked_at is not null from approval_delegations
         where id = $1 and enterprise_id = $2 for update",
    )
    .bind(id)
    .bind(enterprise_id)
    .fetch_optional(conn)
    .await
}

pub async fn revoke_delegation(conn: &mut PgConnection, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("update approval_delegations set revoked_at = now() where id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The enterprise's principal (主要负责人): id and name.
pub async fn principal(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<Option<(Uuid, String)>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.name from enterprises e join users u on u.id = e.principal_id
         where e.id = $1",
    )
    .bind(enterprise_id)
    .fetch_optional(db)
    .await
}

#[derive(sqlx::FromRow)]
pub struct DelegationRecord {
    pub id: Uuid,
    pub delegate: String,
    pub document_ref: String,
    pub valid_from: OffsetDateTime,
    pub valid_until: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

/// Every delegation of the enterprise, newest first.
pub async fn delegations(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<Vec<DelegationRecord>, sqlx::Error> {
    sqlx::query_as(
        "select d.id, u.name as delegate, d.document_ref, d.valid_from, d.valid_until,
                d.revoked_at
         from approval_delegations d join users u on u.id = d.delegate_id
         where d.enterprise_id = $1 order by d.created_at desc",
    )
    .bind(enterprise_id)
    .fetch_all(db)
    .await
}
