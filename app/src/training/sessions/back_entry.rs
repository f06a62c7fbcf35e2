//! 补录 (back-entry, issue 20 §5): a session whose records are written more than
//! `rules::training::BACK_ENTRY_AFTER` after its end (created then, or its roster, hours or
//! scores) counts for hours and clearance only once a second person of the enterprise, who
//! took no part in its records, confirms it (`confirm`, one audited step). A later
//! back-entry write clears an earlier confirmation.

use super::service::{not_cancelled, spec};
use crate::training::TrainingAction;
use crate::{
    audit::step::AuditedTx,
    auth::SessionUser,
    error::AppError,
    fresh_or,
    rules::training::is_back_entry,
    training::{results, session_db, TrainingRefusal},
};
use serde_json::json;
use sqlx::{PgConnection, PgExecutor, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

/// Notes a write at `at` on `session` inside its step: a back-entry marks the session as
/// waiting for confirmation and withdraws what it filled until then.
pub async fn note_write(
    conn: &mut PgConnection,
    session: &session_db::Session,
    at: OffsetDateTime,
    by: Uuid,
) -> Result<(), AppError> {
    if !is_back_entry(session.ends_at, at) {
        return Ok(());
    }
    sqlx::query(
        "update training_sessions set back_entry_at = $2, confirmed_by = null,
            confirmed_at = null
         where id = $1",
    )
    .bind(session.id)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    results::sync_all(conn, session, by).await
}

/// Notes the creation at `at` of session `id` ending at `ends_at` (nothing is filled yet).
pub async fn note_created(
    conn: &mut PgConnection,
    id: Uuid,
    ends_at: OffsetDateTime,
    at: OffsetDateTime,
) -> Result<(), AppError> {
    if is_back_entry(ends_at, at) {
        sqlx::query("update training_sessions set back_entry_at = $2 where id = $1")
            .bind(id)
            .bind(at)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// Whether `person` took part in the session's records: its trainer, on its roster, or the
/// author of any step on it (created it, ticked, scored, reviewed, changed hours).
pub async fn took_part(
    db: impl PgExecutor<'_>,
    session: &session_db::Session,
    person: Uuid,
) -> Result<bool, AppError> {
    if session.trainer_id == person {
        return Ok(true);
    }
    Ok(sqlx::query_scalar(
        "select exists (select 1 from training_attendance where session_id = $1 and user_id = $2)
             or exists (select 1 from audit_log where subject_id = $1 and actor_id = $2
                 and action <> 'training.back_entry_confirm')
             or exists (select 1 from training_sessions where id = $1 and created_by = $2)",
    )
    .bind(session.id)
    .bind(person)
    .fetch_one(db)
    .await?)
}

/// Confirms the back-entry of session `id` at `now`: from then its results count. A session
/// that is no back-entry, or is confirmed already, is left unchanged.
pub async fn confirm(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(TrainingAction::BackEntryConfirm, client_id, Some(id)),
    );
    let mut tx = fresh_or!(begun.await?, |_prior| Ok(()));
    let enterprise_id = tx.enterprise_id;
    // Any trainer, officer or admin of the enterprise: the second person need not run it.
    let session = session_db::session(tx.conn(), enterprise_id, id, true)
        .await?
        .ok_or(AppError::NotFound)?;
    not_cancelled(&session)?;
    if took_part(tx.conn(), &session, actor.id).await? {
        return Err(AppError::refused(TrainingRefusal::SelfConfirm));
    }
    if session.back_entry_at.is_none() || session.confirmed_at.is_some() {
        return tx.unchanged().await;
    }
    sqlx::query("update training_sessions set confirmed_by = $2, confirmed_at = $3 where id = $1")
        .bind(id)
        .bind(actor.id)
        .bind(now)
        .execute(tx.conn())
        .await?;
    results::sync_all(tx.conn(), &session, actor.id).await?;
    tx.commit(json!({ "title": session.title })).await
}
