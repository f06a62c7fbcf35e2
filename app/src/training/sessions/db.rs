//! The SQL of sessions: the session and its invitations, the lists, the roster, and the
//! trainer's writes on attendance. Every query names the enterprise.

use super::model::{PersonChoice, SessionInput};
use crate::{
    auth::Role,
    error::AppError,
    training::{session_db::COUNTS, InviteKind, PresenceBy},
};
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

pub struct NewSession<'a> {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub trainer_id: Uuid,
    pub created_by: Uuid,
    pub client_id: Uuid,
    pub token: &'a str,
    pub qr_secret: &'a [u8],
    pub input: &'a SessionInput,
}

pub async fn insert_session(conn: &mut PgConnection, s: NewSession<'_>) -> Result<(), AppError> {
    let i = s.input;
    sqlx::query(
        "insert into training_sessions (id, enterprise_id, title, category, starts_at, ends_at,
            credited_half_hours, location, trainer_id, summary, open_to_all, assessment,
            pass_mark, quiz_size, token, qr_secret, created_by, client_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
    )
    .bind(s.id)
    .bind(s.enterprise_id)
    .bind(&i.title)
    .bind(i.category)
    .bind(i.starts_at)
    .bind(i.ends_at)
    .bind(i.credited_half_hours)
    .bind(&i.location)
    .bind(s.trainer_id)
    .bind(&i.summary)
    .bind(i.open_to_all)
    .bind(i.assessment)
    .bind(i.pass_mark)
    .bind(i.quiz_size)
    .bind(s.token)
    .bind(s.qr_secret)
    .bind(s.created_by)
    .bind(s.client_id)
    .execute(&mut *conn)
    .await?;
    for (kind, value) in &i.invitations {
        sqlx::query(
            "insert into training_invitations (session_id, enterprise_id, kind, value)
             values ($1, $2, $3, $4)",
        )
        .bind(s.id)
        .bind(s.enterprise_id)
        .bind(kind)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The enterprise's active people with one of `roles` (all when empty), by name.
pub async fn people(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    roles: &[Role],
) -> Result<Vec<PersonChoice>, AppError> {
    let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    let rows: Vec<(Uuid, String, Option<String>, Role)> = sqlx::query_as(
        "select id, name, department, role from users
         where enterprise_id = $1 and active and role <> 'regulator'
           and (cardinality($2::text[]) = 0 or role = any($2))
         order by name, id",
    )
    .bind(enterprise_id)
    .bind(&roles)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, department, role)| PersonChoice {
            id,
            name,
            department,
            role,
        })
        .collect())
}

/// The departments of the enterprise's people, in order.
pub async fn departments(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<Vec<String>, AppError> {
    Ok(sqlx::query_scalar(
        "select distinct department from users
         where enterprise_id = $1 and department is not null order by department",
    )
    .bind(enterprise_id)
    .fetch_all(db)
    .await?)
}

/// Whether `user_id` is an active person of the enterprise who may train (`roles`).
pub async fn is_person_with_role(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    user_id: Uuid,
    roles: &[Role],
) -> Result<bool, AppError> {
    let roles: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    Ok(sqlx::query_scalar(
        "select exists (select 1 from users where enterprise_id = $1 and id = $2 and active
            and role = any($3))",
    )
    .bind(enterprise_id)
    .bind(user_id)
    .bind(&roles)
    .fetch_one(db)
    .await?)
}

/// The session's invitations as stored (a person's by id).
pub async fn invitations(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
) -> Result<Vec<(InviteKind, String)>, AppError> {
    Ok(sqlx::query_as(
        "select kind, value from training_invitations where session_id = $1
         order by kind, value",
    )
    .bind(session_id)
    .fetch_all(db)
    .await?)
}

/// The invitations as the page shows them: a person by name.
pub async fn invitation_labels(
    db: impl PgExecutor<'_>,
    session_id: Uuid,
) -> Result<Vec<(InviteKind, String)>, AppError> {
    Ok(sqlx::query_as(
        "select i.kind, coalesce(u.name, i.value) from training_invitations i
         left join users u on i.kind = 'person' and u.id::text = i.value
         where i.session_id = $1 order by i.kind, 2",
    )
    .bind(session_id)
    .fetch_all(db)
    .await?)
}

pub async fn person_name(db: impl PgExecutor<'_>, id: Uuid) -> Result<String, AppError> {
    Ok(sqlx::query_scalar("select name from users where id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?
        .unwrap_or_default())
}

/// Whether a person matches an invitation of the session (with their department and role).
const INVITED: &str = "exists (select 1 from training_invitations i
    where i.session_id = s.id
      and ((i.kind = 'person' and i.value = u.id::text)
        or (i.kind = 'department' and i.value = u.department)
        or (i.kind = 'role' and i.value = u.role)))";

/// A session's line of a list, with attendance counts.
#[derive(sqlx::FromRow)]
pub struct LineRow {
    pub id: Uuid,
    pub title: String,
    pub category: crate::training::Category,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub credited_half_hours: i32,
    pub location: String,
    pub trainer: String,
    pub assessment: crate::training::Assessment,
    pub cancelled_at: Option<OffsetDateTime>,
    pub open_to_all: bool,
    pub invited: Option<i64>,
    pub signed_in: i64,
    pub not_assessed: i64,
}

/// The enterprise's sessions ending after `now` (upcoming, soonest first) or not (past,
/// latest first), at most `limit`.
pub async fn lines(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    now: OffsetDateTime,
    upcoming: bool,
    limit: i64,
) -> Result<Vec<LineRow>, AppError> {
    let sql = format!(
        "select s.id, s.title, s.category, s.starts_at, s.ends_at, s.credited_half_hours,
            s.location, t.name as trainer, s.assessment, s.cancelled_at, s.open_to_all,
            case when s.open_to_all then null else
                (select count(*) from users u where u.enterprise_id = s.enterprise_id
                    and u.active and {INVITED}) end as invited,
            (select count(*) from training_attendance a where a.session_id = s.id) as signed_in,
            (select count(*) from training_attendance a where a.session_id = s.id
                and s.assessment <> 'none' and a.passed is null) as not_assessed
         from training_sessions s join users t on t.id = s.trainer_id
         where s.enterprise_id = $1 and {}
         order by s.starts_at {}, s.id limit $3",
        if upcoming {
            "s.ends_at > $2"
        } else {
            "s.ends_at <= $2"
        },
        if upcoming { "asc" } else { "desc" },
    );
    Ok(sqlx::query_as(&sql)
        .bind(enterprise_id)
        .bind(now)
        .bind(limit)
        .fetch_all(db)
        .await?)
}

#[derive(sqlx::FromRow)]
pub struct MyRow {
    pub id: Uuid,
    pub title: String,
    pub category: crate::training::Category,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub location: String,
    pub credited_half_hours: i32,
    pub signed_in_at: Option<OffsetDateTime>,
    pub signed_out_at: Option<OffsetDateTime>,
    pub override_half_hours: Option<i32>,
    pub score: Option<i32>,
    pub passed: Option<bool>,
    /// Whether the attendance counts (`session_db::COUNTS`).
    pub counts: Option<bool>,
}

/// A person's sessions: upcoming ones they are invited to (or open, not cancelled), or past
/// ones they attended.
pub async fn my_sessions(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    user_id: Uuid,
    now: OffsetDateTime,
    upcoming: bool,
    limit: i64,
) -> Result<Vec<MyRow>, AppError> {
    // Once signed in, a running session is no longer one to attend: it moves to the
    // attended list straight away, not when it ends.
    let filter = if upcoming {
        format!("s.ends_at > $3 and s.cancelled_at is null and a.signed_in_at is null and (s.open_to_all or {INVITED} or a.user_id is not null)")
    } else {
        "a.user_id is not null and (s.ends_at <= $3 or a.signed_in_at is not null)".to_owned()
    };
    let sql = format!(
        "select s.id, s.title, s.category, s.starts_at, s.ends_at, s.location,
            s.credited_half_hours, a.signed_in_at, a.signed_out_at, a.override_half_hours,
            a.score, a.passed, {COUNTS} as counts
         from training_sessions s join users u on u.id = $2
         left join training_attendance a on a.session_id = s.id and a.user_id = u.id
         where s.enterprise_id = $1 and u.enterprise_id = $1 and {filter}
         order by s.starts_at {}, s.id limit $4",
        if upcoming { "asc" } else { "desc" },
    );
    Ok(sqlx::query_as(&sql)
        .bind(enterprise_id)
        .bind(user_id)
        .bind(now)
        .bind(limit)
        .fetch_all(db)
        .await?)
}

/// One person on the roster, as stored.
#[derive(Debug, sqlx::FromRow)]
pub struct RosterEntry {
    pub user_id: Uuid,
    pub name: String,
    pub employee_no: Option<String>,
    pub department: Option<String>,
    pub signed_in_at: Option<OffsetDateTime>,
    /// When the offline outbox uploaded the sign-in (its audit row's arrival), if it did.
    pub sign_in_uploaded: Option<OffsetDateTime>,
    pub sign_in_by: Option<PresenceBy>,
    pub recorded_by: Option<String>,
    pub signed_out_at: Option<OffsetDateTime>,
    pub sign_out_by: Option<PresenceBy>,
    pub override_half_hours: Option<i32>,
    pub override_reason: Option<String>,
    pub score: Option<i32>,
    pub passed: Option<bool>,
    /// The review of a sign-in the offline outbox brought.
    pub review: Option<crate::training::Review>,
    /// Whether the attendance counts (`session_db::COUNTS`); null when absent.
    pub counts: Option<bool>,
}

/// Everyone invited (active) and everyone who signed in; `only`: that one person.
pub async fn roster(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    session_id: Uuid,
    only: Option<Uuid>,
) -> Result<Vec<RosterEntry>, AppError> {
    let sql = format!(
        "select u.id as user_id, u.name, u.employee_no, u.department, a.signed_in_at,
            a.sign_in_by, r.name as recorded_by, a.signed_out_at, a.sign_out_by,
            a.override_half_hours, a.override_reason, a.score, a.passed,
            up.created_at as sign_in_uploaded, a.review, {COUNTS} as counts
         from training_sessions s
         join users u on u.enterprise_id = s.enterprise_id
         left join training_attendance a on a.session_id = s.id and a.user_id = u.id
         left join users r on r.id = a.sign_in_recorded_by
         left join lateral (
             select l.created_at from audit_log l
             where a.user_id is not null and l.subject_id = s.id and l.actor_id = a.user_id
               and l.action = 'training.sign_in' and l.acted_at is not null
             limit 1) up on true
         where s.id = $1 and s.enterprise_id = $2 and ($3::uuid is null or u.id = $3)
           and (a.user_id is not null or (not s.open_to_all and u.active and {INVITED}))
         order by u.department nulls last, u.name, u.id"
    );
    Ok(sqlx::query_as(&sql)
        .bind(session_id)
        .bind(enterprise_id)
        .bind(only)
        .fetch_all(db)
        .await?)
}

/// Whether the person has an attendance row on the session (locked for the step).
pub async fn attendance(
    conn: &mut PgConnection,
    session_id: Uuid,
    user_id: Uuid,
) -> Result<Option<(OffsetDateTime, Option<OffsetDateTime>)>, AppError> {
    Ok(sqlx::query_as(
        "select signed_in_at, signed_out_at from training_attendance
         where session_id = $1 and user_id = $2 for update",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await?)
}

/// Whether `user_id` is an active person of the enterprise.
pub async fn is_person(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    user_id: Uuid,
) -> Result<bool, AppError> {
    Ok(sqlx::query_scalar(
        "select exists (select 1 from users where enterprise_id = $1 and id = $2 and active)",
    )
    .bind(enterprise_id)
    .bind(user_id)
    .fetch_one(db)
    .await?)
}

/// The trainer's tick: signed in by the trainer at `at`. Nothing when already signed in.
pub async fn insert_trainer_sign_in(
    conn: &mut PgConnection,
    session: &crate::training::session_db::Session,
    user_id: Uuid,
    at: OffsetDateTime,
    trainer_id: Uuid,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "insert into training_attendance (session_id, user_id, enterprise_id, signed_in_at,
            sign_in_by, sign_in_recorded_by)
         values ($1, $2, $3, $4, 'trainer', $5)
         on conflict (session_id, user_id) do nothing",
    )
    .bind(session.id)
    .bind(user_id)
    .bind(session.enterprise_id)
    .bind(at)
    .bind(trainer_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_trainer_sign_out(
    conn: &mut PgConnection,
    session_id: Uuid,
    user_id: Uuid,
    at: OffsetDateTime,
    trainer_id: Uuid,
) -> Result<(), AppError> {
    sqlx::query(
        "update training_attendance set signed_out_at = $3, sign_out_by = 'trainer',
            sign_out_recorded_by = $4
         where session_id = $1 and user_id = $2",
    )
    .bind(session_id)
    .bind(user_id)
    .bind(at)
    .bind(trainer_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_override(
    conn: &mut PgConnection,
    session_id: Uuid,
    user_id: Uuid,
    half_hours: i32,
    reason: &str,
    by: Uuid,
) -> Result<(), AppError> {
    sqlx::query(
        "update training_attendance set override_half_hours = $3, override_reason = $4,
            override_by = $5
         where session_id = $1 and user_id = $2",
    )
    .bind(session_id)
    .bind(user_id)
    .bind(half_hours)
    .bind(reason)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn cancel(
    conn: &mut PgConnection,
    session_id: Uuid,
    at: OffsetDateTime,
) -> Result<(), AppError> {
    sqlx::query("update training_sessions set cancelled_at = $2 where id = $1")
        .bind(session_id)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// One person's record on one session, for the enterprise-wide export.
#[derive(sqlx::FromRow)]
pub struct RecordRow {
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub title: String,
    pub category: crate::training::Category,
    pub credited_half_hours: i32,
    pub name: String,
    pub employee_no: Option<String>,
    pub department: Option<String>,
    pub signed_in_at: OffsetDateTime,
    /// When the offline outbox uploaded the sign-in, if it did.
    pub sign_in_uploaded: Option<OffsetDateTime>,
    pub signed_out_at: Option<OffsetDateTime>,
    pub sign_in_by: PresenceBy,
    pub override_half_hours: Option<i32>,
    pub score: Option<i32>,
    pub passed: Option<bool>,
}

/// Every attendance that counts (`session_db::COUNTS`) of the enterprise's sessions
/// starting in `[from, to)`.
pub async fn records(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> Result<Vec<RecordRow>, AppError> {
    Ok(sqlx::query_as(&format!(
        "select s.starts_at, s.ends_at, s.title, s.category, s.credited_half_hours, u.name,
            u.employee_no, u.department, a.signed_in_at, a.signed_out_at, a.sign_in_by,
            a.override_half_hours, a.score, a.passed, up.created_at as sign_in_uploaded
         from training_attendance a
         join training_sessions s on s.id = a.session_id
         join users u on u.id = a.user_id
         left join lateral (
             select l.created_at from audit_log l
             where l.subject_id = s.id and l.actor_id = a.user_id
               and l.action = 'training.sign_in' and l.acted_at is not null
             limit 1) up on true
         where s.enterprise_id = $1 and a.enterprise_id = $1
           and s.starts_at >= $2 and s.starts_at < $3 and {COUNTS}
         order by s.starts_at, s.id, u.department nulls last, u.name"
    ))
    .bind(enterprise_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?)
}
