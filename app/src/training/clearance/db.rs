//! SQL of clearance: the facts of many people in a few queries (people, attendance, moves,
//! policy), a person's file, moves, qualifications and the jurisdiction's permit crews. Every
//! query is scoped by enterprise (a list of them for the regulator).

use crate::{
    auth::Role,
    rules::clearance::Policy,
    training::{session_db::COUNTS, Assessment, Category, MoveKind, PresenceBy, QualificationKind},
};
use sqlx::{PgConnection, PgExecutor};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// An active person of an enterprise.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Person {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub name: String,
    pub role: Role,
    pub department: Option<String>,
    pub employee_no: Option<String>,
    pub hired_on: Option<Date>,
}

/// The active people of `enterprises` (only `only`, when given), by name.
pub async fn people(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
    only: Option<&[Uuid]>,
) -> Result<Vec<Person>, sqlx::Error> {
    sqlx::query_as(
        "select id, enterprise_id, name, role, department, employee_no, hired_on from users
         where enterprise_id = any($1) and active and ($2::uuid[] is null or id = any($2))
         order by name, id",
    )
    .bind(enterprises)
    .bind(only)
    .fetch_all(db)
    .await
}

/// One attendance row with what its credited hours and outcome are computed from.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Attended {
    pub user_id: Uuid,
    pub category: Category,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub credited_half_hours: i32,
    pub assessment: Assessment,
    pub signed_in_at: OffsetDateTime,
    pub signed_out_at: Option<OffsetDateTime>,
    pub override_half_hours: Option<i32>,
    pub passed: Option<bool>,
}

/// Every attendance that counts (`session_db::COUNTS`) at a session not cancelled, of
/// `enterprises` (only `only`).
pub async fn attended(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
    only: Option<&[Uuid]>,
) -> Result<Vec<Attended>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select a.user_id, s.category, s.starts_at, s.ends_at, s.credited_half_hours,
                s.assessment, a.signed_in_at, a.signed_out_at, a.override_half_hours, a.passed
         from training_attendance a join training_sessions s on s.id = a.session_id
         where a.enterprise_id = any($1) and s.cancelled_at is null and {COUNTS}
           and ($2::uuid[] is null or a.user_id = any($2))"
    ))
    .bind(enterprises)
    .bind(only)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredMove {
    pub user_id: Uuid,
    pub kind: MoveKind,
    pub on_date: Date,
    pub away_since: Option<Date>,
    pub note: String,
}

pub async fn moves(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
    only: Option<&[Uuid]>,
) -> Result<Vec<StoredMove>, sqlx::Error> {
    sqlx::query_as(
        "select user_id, kind, on_date, away_since, note from person_moves
         where enterprise_id = any($1) and ($2::uuid[] is null or user_id = any($2))
         order by on_date desc, created_at desc",
    )
    .bind(enterprises)
    .bind(only)
    .fetch_all(db)
    .await
}

/// Each enterprise's training policy.
pub async fn policies(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
) -> Result<Vec<(Uuid, Policy)>, sqlx::Error> {
    let rows: Vec<(Uuid, i32, Option<i32>)> = sqlx::query_as(
        "select id, induction_half_hours, annual_half_hours from enterprises where id = any($1)",
    )
    .bind(enterprises)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, induction, annual)| {
            let policy = Policy {
                induction_half_hours: induction,
                annual_half_hours: annual,
            };
            (id, policy)
        })
        .collect())
}

pub async fn set_policy(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    policy: &Policy,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update enterprises set induction_half_hours = $2, annual_half_hours = $3 where id = $1",
    )
    .bind(enterprise_id)
    .bind(policy.induction_half_hours)
    .bind(policy.annual_half_hours)
    .execute(conn)
    .await?;
    Ok(())
}

pub struct NewMove<'a> {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub input: &'a super::MoveInput,
    pub recorded_by: Uuid,
    pub client_id: Uuid,
}

pub async fn insert_move(conn: &mut PgConnection, m: &NewMove<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into person_moves (id, enterprise_id, user_id, kind, on_date, away_since, note,
            recorded_by, client_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(m.id)
    .bind(m.enterprise_id)
    .bind(m.input.user_id)
    .bind(m.input.kind)
    .bind(m.input.on_date)
    .bind(m.input.away_since)
    .bind(&m.input.note)
    .bind(m.recorded_by)
    .bind(m.client_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// One session of a person's file.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileSession {
    pub session_id: Uuid,
    pub title: String,
    pub category: Category,
    pub summary: String,
    pub trainer: String,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub credited_half_hours: i32,
    pub assessment: Assessment,
    pub signed_in_at: OffsetDateTime,
    pub signed_out_at: Option<OffsetDateTime>,
    pub override_half_hours: Option<i32>,
    pub passed: Option<bool>,
    pub score: Option<i32>,
    pub sign_in_by: PresenceBy,
    pub recorded_by: String,
}

/// Every session `user_id` attended (not cancelled, counted), newest first.
pub async fn file_sessions(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    user_id: Uuid,
) -> Result<Vec<FileSession>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select s.id as session_id, s.title, s.category, s.summary, t.name as trainer,
                s.starts_at, s.ends_at, s.credited_half_hours, s.assessment, a.signed_in_at,
                a.signed_out_at, a.override_half_hours, a.passed, a.score, a.sign_in_by,
                r.name as recorded_by
         from training_attendance a
         join training_sessions s on s.id = a.session_id
         join users t on t.id = s.trainer_id
         join users r on r.id = a.sign_in_recorded_by
         where a.enterprise_id = $1 and a.user_id = $2 and s.cancelled_at is null and {COUNTS}
         order by s.starts_at desc"
    ))
    .bind(enterprise_id)
    .bind(user_id)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredQualification {
    pub user_id: Uuid,
    pub name: String,
    pub kind: QualificationKind,
    pub from_session: bool,
    pub document_ref: Option<String>,
    pub valid_until: OffsetDateTime,
}

/// A person's qualifications, latest expiry first.
pub async fn qualifications_of(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    user_id: Uuid,
) -> Result<Vec<StoredQualification>, sqlx::Error> {
    sqlx::query_as(
        "select q.user_id, u.name, q.kind, q.source = 'session' as from_session, q.document_ref,
                q.valid_until
         from qualifications q join users u on u.id = q.user_id
         where q.enterprise_id = $1 and q.user_id = $2 order by q.valid_until desc",
    )
    .bind(enterprise_id)
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// The qualifications of active people whose latest one of a kind ends after `now` and no
/// later than `until` (nobody renewed them yet), soonest first.
pub async fn expiring(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    now: OffsetDateTime,
    until: OffsetDateTime,
) -> Result<Vec<StoredQualification>, sqlx::Error> {
    sqlx::query_as(
        "select distinct on (q.user_id, q.kind) q.user_id, u.name, q.kind,
                q.source = 'session' as from_session, q.document_ref, q.valid_until
         from qualifications q join users u on u.id = q.user_id and u.active
         where q.enterprise_id = $1
         order by q.user_id, q.kind, q.valid_until desc",
    )
    .bind(enterprise_id)
    .fetch_all(db)
    .await
    .map(|rows: Vec<StoredQualification>| {
        let mut rows: Vec<_> = rows
            .into_iter()
            .filter(|q| q.valid_until > now && q.valid_until <= until)
            .collect();
        rows.sort_by_key(|q| q.valid_until);
        rows
    })
}

/// The people of `enterprises` who were on a permit (entrant, attendant, person in charge or
/// approver) planned to start after `since`, and whether each holds a confined-space
/// qualification valid at `now`: (enterprise, person, trained).
pub async fn permit_crews(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
    since: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<Vec<(Uuid, Uuid, bool)>, sqlx::Error> {
    sqlx::query_as(
        "with crew as (
             select o.enterprise_id, p.user_id
             from operations o
             cross join lateral (
                 select o.attendant_id union select o.person_in_charge_id
                 union select o.decided_by where o.status <> 'rejected'
                 union select e.user_id from operation_entrants e where e.operation_id = o.id
             ) p(user_id)
             where o.enterprise_id = any($1) and o.planned_start >= $2 and p.user_id is not null
         )
         select distinct c.enterprise_id, c.user_id, exists (
             select 1 from qualifications q where q.user_id = c.user_id
               and q.kind = 'confined_space' and q.valid_from <= $3 and q.valid_until > $3)
         from crew c join users u on u.id = c.user_id and u.active",
    )
    .bind(enterprises)
    .bind(since)
    .bind(now)
    .fetch_all(db)
    .await
}

/// The enterprises of a jurisdiction: id and name, by name.
pub async fn jurisdiction_enterprises(
    db: impl PgExecutor<'_>,
    jurisdiction_id: Uuid,
) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
    sqlx::query_as("select id, name from enterprises where jurisdiction_id in (select * from jurisdictions_under($1)) order by name, id")
        .bind(jurisdiction_id)
        .fetch_all(db)
        .await
}
