//! SQL of signing in and out by scan, and of the projector page.

use crate::training::{PresenceBy, Review};
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

/// A session as a scan needs it, with its QR key.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ScanSession {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub title: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub location: String,
    pub trainer_id: Uuid,
    pub trainer: String,
    pub token: String,
    pub cancelled_at: Option<OffsetDateTime>,
    pub qr_secret: Vec<u8>,
    pub assessment: crate::training::Assessment,
}

const SCAN_SESSION: &str = "select s.id, s.enterprise_id, s.title, s.starts_at, s.ends_at,
        s.location, s.trainer_id, u.name as trainer, s.token, s.cancelled_at, s.qr_secret,
        s.assessment
    from training_sessions s join users u on u.id = s.trainer_id";

/// The session of a scanned token, whatever its enterprise: the caller answers "another
/// enterprise's session" for a token not of the person's own, and says nothing more.
pub async fn by_token(
    db: impl PgExecutor<'_>,
    token: &str,
) -> Result<Option<ScanSession>, sqlx::Error> {
    sqlx::query_as(&format!("{SCAN_SESSION} where s.token = $1"))
        .bind(token)
        .fetch_optional(db)
        .await
}

/// The enterprise's session `id` (the projector page).
pub async fn by_id(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<ScanSession>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SCAN_SESSION} where s.enterprise_id = $1 and s.id = $2"
    ))
    .bind(enterprise_id)
    .bind(id)
    .fetch_optional(db)
    .await
}

/// When `user_id` signed in and out of the session, if they did.
pub async fn presence(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
    user_id: Uuid,
) -> Result<Option<(OffsetDateTime, Option<OffsetDateTime>)>, sqlx::Error> {
    sqlx::query_as(
        "select signed_in_at, signed_out_at from training_attendance
         where session_id = $1 and user_id = $2",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// The review of `user_id`'s sign-in, if it came through the offline outbox.
pub async fn review(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
    user_id: Uuid,
) -> Result<Option<Review>, sqlx::Error> {
    sqlx::query_scalar(
        "select review from training_attendance where session_id = $1 and user_id = $2",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_optional(db)
    .await
    .map(Option::flatten)
}

/// Signs `user_id` in by scan at `at` (`review`: pending for one the offline outbox
/// brought); false when they were in already (one row per person: a sign-in running beside
/// this one with another client id won).
pub async fn insert_scan(
    conn: &mut PgConnection,
    session: &ScanSession,
    user_id: Uuid,
    at: OffsetDateTime,
    review: Option<Review>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "insert into training_attendance (session_id, user_id, enterprise_id, signed_in_at,
            sign_in_by, sign_in_recorded_by, review)
         values ($1, $2, $3, $4, $5, $2, $6)
         on conflict (session_id, user_id) do nothing",
    )
    .bind(session.id)
    .bind(user_id)
    .bind(session.enterprise_id)
    .bind(at)
    .bind(PresenceBy::Scan)
    .bind(review)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Signs `user_id` out by scan at `at`; false when they were out already.
pub async fn sign_out(
    conn: &mut PgConnection,
    session_id: Uuid,
    user_id: Uuid,
    at: OffsetDateTime,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update training_attendance
         set signed_out_at = greatest($3, signed_in_at), sign_out_by = $4,
             sign_out_recorded_by = $2
         where session_id = $1 and user_id = $2 and signed_out_at is null",
    )
    .bind(session_id)
    .bind(user_id)
    .bind(at)
    .bind(PresenceBy::Scan)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The projector's count: signed in, signed out, and expected (the active people of the
/// enterprise the session is open to, its trainer aside).
pub async fn counts(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
) -> Result<(i64, i64, i64), sqlx::Error> {
    sqlx::query_as(
        "select
            (select count(*) from training_attendance a where a.session_id = s.id),
            (select count(*) from training_attendance a
              where a.session_id = s.id and a.signed_out_at is not null),
            (select count(*) from users u
              where u.enterprise_id = s.enterprise_id and u.active and u.id <> s.trainer_id
                and (s.open_to_all or exists (
                    select 1 from training_invitations i
                    where i.session_id = s.id
                      and ((i.kind = 'person' and i.value = u.id::text)
                        or (i.kind = 'department' and i.value = u.department)
                        or (i.kind = 'role' and i.value = u.role)))))
         from training_sessions s where s.id = $1",
    )
    .bind(session_id)
    .fetch_one(db)
    .await
}

/// The names of the last people who signed in (or out, `out`), latest first.
pub async fn latest_names(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
    out: bool,
    limit: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let at = if out {
        "a.signed_out_at"
    } else {
        "a.signed_in_at"
    };
    sqlx::query_scalar(&format!(
        "select u.name from training_attendance a join users u on u.id = a.user_id
         where a.session_id = $1 and {at} is not null
         order by {at} desc limit $2"
    ))
    .bind(session_id)
    .bind(limit)
    .fetch_all(db)
    .await
}
