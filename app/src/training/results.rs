//! The one write of an attendee's result, shared by the trainer's score list and the quiz:
//! it sets the attendance row's score and pass, and keeps the qualification a passed
//! confined-space session fills (未经培训合格不得上岗: entry checks that table) in step with
//! it and with whether the attendance counts (`session_db::COUNTS`: an offline sign-in is
//! reviewed, a back-entry confirmed). Runs inside the caller's audited step.

use super::{
    session_db::{Session, COUNTS},
    AssessedBy, Category, QualificationKind,
};
use crate::{error::AppError, rules::training::confined_space_last_day, time_fmt::CHINA};
use sqlx::PgConnection;
use time::{OffsetDateTime, Time};
use uuid::Uuid;

pub struct Outcome {
    pub user_id: Uuid,
    pub score: Option<i32>,
    pub passed: bool,
    pub by: AssessedBy,
    pub at: OffsetDateTime,
    /// Who recorded it (the trainer, or the person for a quiz).
    pub recorded_by: Uuid,
}

/// Stores `result` on the person's attendance row (which must exist: a result needs presence)
/// and fills or withdraws the session's qualification. `NotFound` when the person did not
/// attend.
pub async fn record(
    conn: &mut PgConnection,
    session: &Session,
    result: &Outcome,
) -> Result<(), AppError> {
    let updated = sqlx::query(
        "update training_attendance set score = $3, passed = $4, assessed_by = $5,
            assessed_at = $6
         where session_id = $1 and user_id = $2",
    )
    .bind(session.id)
    .bind(result.user_id)
    .bind(result.score)
    .bind(result.passed)
    .bind(result.by)
    .bind(result.at)
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    sync_qualification(conn, session, result.user_id, result.recorded_by).await
}

/// Every attendee's qualification of the session, after what decides whether the session
/// counts changed (a back-entry, its confirmation).
pub async fn sync_all(
    conn: &mut PgConnection,
    session: &Session,
    by: Uuid,
) -> Result<(), AppError> {
    if session.category != Category::ConfinedSpace {
        return Ok(());
    }
    let people: Vec<Uuid> =
        sqlx::query_scalar("select user_id from training_attendance where session_id = $1")
            .bind(session.id)
            .fetch_all(&mut *conn)
            .await?;
    for person in people {
        sync_qualification(conn, session, person, by).await?;
    }
    Ok(())
}

/// A counted pass gives a confined-space qualification from the session's start to the end of
/// the same day a year later (rules::training); anything else (a fail, a corrected score, a
/// sign-in pending review or rejected, an unconfirmed back-entry) withdraws it.
pub async fn sync_qualification(
    conn: &mut PgConnection,
    session: &Session,
    user_id: Uuid,
    by: Uuid,
) -> Result<(), AppError> {
    if session.category != Category::ConfinedSpace {
        return Ok(());
    }
    sqlx::query("delete from qualifications where session_id = $1 and user_id = $2")
        .bind(session.id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    let counted_pass: Option<bool> = sqlx::query_scalar(&format!(
        "select a.passed is true and {COUNTS}
         from training_attendance a join training_sessions s on s.id = a.session_id
         where a.session_id = $1 and a.user_id = $2"
    ))
    .bind(session.id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    if counted_pass != Some(true) {
        return Ok(());
    }
    let day = session.ends_at.to_offset(CHINA).date();
    let valid_until = confined_space_last_day(day)
        .next_day()
        .map(|d| d.with_time(Time::MIDNIGHT).assume_offset(CHINA))
        .ok_or(AppError::Internal)?;
    sqlx::query(
        "insert into qualifications (id, enterprise_id, user_id, kind, valid_from, valid_until,
            source, session_id, recorded_by)
         values ($1, $2, $3, $4, $5, $6, 'session', $7, $8)",
    )
    .bind(Uuid::now_v7())
    .bind(session.enterprise_id)
    .bind(user_id)
    .bind(QualificationKind::ConfinedSpace)
    .bind(session.starts_at)
    .bind(valid_until)
    .bind(session.id)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
