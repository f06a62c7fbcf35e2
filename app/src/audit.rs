//! The append-only audit log: who changed what, when, from which client submission.

use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

pub struct AuditEntry<'a> {
    pub enterprise_id: Option<Uuid>,
    pub actor_id: Uuid,
    /// A stable dotted name, e.g. `user.create`.
    pub action: &'a str,
    pub subject_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    pub detail: Value,
}

pub async fn record(conn: &mut PgConnection, entry: AuditEntry<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into audit_log (id, enterprise_id, actor_id, action, subject_id, client_id, detail)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(Uuid::now_v7())
    .bind(entry.enterprise_id)
    .bind(entry.actor_id)
    .bind(entry.action)
    .bind(entry.subject_id)
    .bind(entry.client_id)
    .bind(sqlx::types::Json(entry.detail))
    .execute(conn)
    .await?;
    Ok(())
}

/// Records what `actor` did, in the actor's enterprise (the usual case for every feature).
pub async fn record_by(
    conn: &mut PgConnection,
    actor: &crate::auth::SessionUser,
    action: &str,
    subject_id: Option<Uuid>,
    client_id: Option<Uuid>,
    detail: Value,
) -> Result<(), crate::error::AppError> {
    record(
        conn,
        AuditEntry {
            enterprise_id: actor.enterprise_id,
            actor_id: actor.id,
            action,
            subject_id,
            client_id,
            detail,
        },
    )
    .await?;
    Ok(())
}
