//! The session record every part of training reads (sessions, sign-in, quiz, files), and the
//! one write of a result (`results`). Each part keeps the rest of its SQL in its own `db.rs`.

use super::{Assessment, Category};
use sqlx::PgExecutor;
use time::OffsetDateTime;
use uuid::Uuid;

/// A session as stored, without its QR key.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Session {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub title: String,
    pub category: Category,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub credited_half_hours: i32,
    pub location: String,
    pub trainer_id: Uuid,
    pub summary: String,
    pub open_to_all: bool,
    pub assessment: Assessment,
    pub pass_mark: Option<i32>,
    pub quiz_size: Option<i32>,
    pub token: String,
    pub cancelled_at: Option<OffsetDateTime>,
    /// The last back-entry (补录) write, and its confirmation by a second person.
    pub back_entry_at: Option<OffsetDateTime>,
    pub confirmed_at: Option<OffsetDateTime>,
}

pub const SESSION_COLUMNS: &str = "id, enterprise_id, title, category, starts_at, ends_at,
    credited_half_hours, location, trainer_id, summary, open_to_all, assessment, pass_mark,
    quiz_size, token, cancelled_at, back_entry_at, confirmed_at";

/// Whether the attendance row `a` of the session `s` counts for hours, the sign-in sheet,
/// qualifications and clearance (issue 20): not an offline sign-in waiting for review or
/// rejected, and not a back-entry (补录) waiting for a second person's confirmation.
pub const COUNTS: &str = "((a.review is null or a.review = 'accepted')
    and (s.back_entry_at is null or s.confirmed_at is not null))";

/// The enterprise's session `id`, if it has one (`for update` when `lock`).
pub async fn session(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    id: Uuid,
    lock: bool,
) -> Result<Option<Session>, sqlx::Error> {
    let sql = format!(
        "select {SESSION_COLUMNS} from training_sessions where enterprise_id = $1 and id = $2{}",
        if lock { " for update" } else { "" }
    );
    sqlx::query_as(&sql)
        .bind(enterprise_id)
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Whether `user_id` is invited to the session: open to all, or named, or of an invited
/// department or role. Same enterprise is the caller's check.
pub async fn invited(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
    user_id: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select s.open_to_all or exists (
             select 1 from training_invitations i join users u on u.id = $2
             where i.session_id = s.id
               and ((i.kind = 'person' and i.value = u.id::text)
                 or (i.kind = 'department' and i.value = u.department)
                 or (i.kind = 'role' and i.value = u.role)))
         from training_sessions s where s.id = $1",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_optional(db)
    .await
    .map(|v| v.unwrap_or(false))
}
