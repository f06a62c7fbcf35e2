//! SQL of qualifications. Every query is scoped by enterprise or by one person.

use super::QualificationKind;
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

/// Whether `user_id` holds a qualification of `kind` valid at `at`.
pub async fn holds_valid(
    conn: &mut PgConnection,
    user_id: Uuid,
    kind: QualificationKind,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from qualifications where user_id = $1
            and kind = $2 and valid_from <= $3 and valid_until > $3)",
    )
    .bind(user_id)
    .bind(kind)
    .bind(at)
    .fetch_one(conn)
    .await
}

pub struct NewQualification {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub user_id: Uuid,
    pub kind: QualificationKind,
    pub document_ref: String,
    pub valid_until: OffsetDateTime,
    pub recorded_by: Uuid,
    pub client_id: Uuid,
}

pub async fn insert(conn: &mut PgConnection, q: &NewQualification) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into qualifications (id, enterprise_id, user_id, kind, valid_from, valid_until,
            recorded_by, client_id, source, document_ref)
         values ($1, $2, $3, $4, now(), $5, $6, $7, 'manual', $8)",
    )
    .bind(q.id)
    .bind(q.enterprise_id)
    .bind(q.user_id)
    .bind(q.kind)
    .bind(q.valid_until)
    .bind(q.recorded_by)
    .bind(q.client_id)
    .bind(&q.document_ref)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every active person of the enterprise with the latest expiry of their `kind`, if any.
pub async fn latest_per_person(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    kind: QualificationKind,
) -> Result<Vec<(Uuid, String, Option<OffsetDateTime>)>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.name, max(q.valid_until) from users u
         left join qualifications q on q.user_id = u.id and q.kind = $2
         where u.enterprise_id = $1 and u.active group by u.id order by u.name",
    )
    .bind(enterprise_id)
    .bind(kind)
    .fetch_all(db)
    .await
}
