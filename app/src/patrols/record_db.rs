//! SQL of patrol records and their answers. Every query names the enterprise.

use super::{rounds::Submission, AnswerInput, CheckpointState, Presence};
use crate::{
    checkpoint::CheckpointKind,
    error::{AppError, Field, Problem},
};
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

/// A scanned (or typed) token, read inside the step that starts a record.
/// The checkpoint behind `given`: its token when `presence` is `Qr`, its short code when
/// `ShortCode`.
pub async fn checkpoint(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    given: &str,
    presence: Presence,
) -> Result<CheckpointState, AppError> {
    let by = match presence {
        Presence::Qr => "token",
        Presence::ShortCode => "short_code",
    };
    let row: Option<(CheckpointKind, Uuid, bool, String)> = sqlx::query_as(&format!(
        "select kind, subject_id, replaced_at is not null, token from checkpoints
         where {by} = $1 and enterprise_id = $2"
    ))
    .bind(given)
    .bind(enterprise_id)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        None => CheckpointState::Unknown,
        Some((_, _, true, _)) => CheckpointState::Replaced,
        Some((CheckpointKind::PatrolPoint, point, false, token)) => {
            CheckpointState::Point(point, token)
        }
        Some(_) => CheckpointState::OtherKind,
    })
}

/// A patrol point's checkpoint as an offline start needs it: the point, the token proper (a
/// typed short code names the same row), and when it was issued and replaced.
pub struct PointToken {
    pub point_id: Uuid,
    pub token: String,
    pub issued_at: OffsetDateTime,
    pub replaced_at: Option<OffsetDateTime>,
}

/// `None` when `given` is no checkpoint of the enterprise; `NotAPatrolPoint` when another kind's.
pub async fn point_token(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    given: &str,
    presence: Presence,
) -> Result<Option<PointToken>, AppError> {
    let by = match presence {
        Presence::Qr => "token",
        Presence::ShortCode => "short_code",
    };
    type Row = (
        CheckpointKind,
        Uuid,
        String,
        OffsetDateTime,
        Option<OffsetDateTime>,
    );
    let row: Option<Row> = sqlx::query_as(&format!(
        "select kind, subject_id, token, created_at, replaced_at from checkpoints
         where {by} = $1 and enterprise_id = $2"
    ))
    .bind(given)
    .bind(enterprise_id)
    .fetch_optional(conn)
    .await?;
    match row {
        None => Ok(None),
        Some((CheckpointKind::PatrolPoint, point_id, token, issued_at, replaced_at)) => {
            Ok(Some(PointToken {
                point_id,
                token,
                issued_at,
                replaced_at,
            }))
        }
        Some(_) => Err(AppError::refused(super::PatrolRefusal::NotAPatrolPoint)),
    }
}

/// `version_id` when it is a version (current or earlier: a page kept on the phone may hold
/// the one current when it was kept) of `checklist_id`, carried by the point.
pub async fn attached_version_of(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    point_id: Uuid,
    checklist_id: Uuid,
    version_id: Uuid,
) -> Result<Option<Uuid>, AppError> {
    Ok(sqlx::query_scalar(
        "select v.id from patrol_point_checklists pc
         join checklists c on c.id = pc.checklist_id
         join checklist_versions v on v.checklist_id = c.id
         where pc.point_id = $1 and pc.checklist_id = $2 and c.enterprise_id = $3
           and v.id = $4",
    )
    .bind(point_id)
    .bind(checklist_id)
    .bind(enterprise_id)
    .bind(version_id)
    .fetch_optional(conn)
    .await?)
}

/// The current version of a checklist the point carries, if it carries it.
pub async fn attached_version(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    point_id: Uuid,
    checklist_id: Uuid,
) -> Result<Option<Uuid>, AppError> {
    Ok(sqlx::query_scalar(
        "select v.id from patrol_point_checklists pc
         join checklists c on c.id = pc.checklist_id
         join checklist_versions v on v.checklist_id = c.id and v.version = c.current_version
         where pc.point_id = $1 and pc.checklist_id = $2 and c.enterprise_id = $3",
    )
    .bind(point_id)
    .bind(checklist_id)
    .bind(enterprise_id)
    .fetch_optional(conn)
    .await?)
}

pub struct NewRecord<'a> {
    pub id: Uuid,
    pub enterprise_id: Uuid,
    pub point_id: Uuid,
    pub version_id: Uuid,
    pub patroller_id: Uuid,
    pub started_at: OffsetDateTime,
    pub presence: Presence,
    pub token: &'a str,
    pub client_id: Uuid,
}

pub async fn insert_record(conn: &mut PgConnection, r: NewRecord<'_>) -> Result<(), AppError> {
    sqlx::query(
        "insert into patrol_records (id, enterprise_id, point_id, checklist_version_id,
            patroller_id, started_at, presence, token, client_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(r.id)
    .bind(r.enterprise_id)
    .bind(r.point_id)
    .bind(r.version_id)
    .bind(r.patroller_id)
    .bind(r.started_at)
    .bind(r.presence)
    .bind(r.token)
    .bind(r.client_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A record as its submission needs it, read under a row lock.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LockedRecord {
    pub point_id: Uuid,
    pub point_name: String,
    pub point_area: String,
    pub checklist_version_id: Uuid,
    pub patroller_id: Uuid,
    pub started_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
}

const RECORD: &str = "select r.point_id, p.name as point_name, p.area as point_area,
        r.checklist_version_id, r.patroller_id, r.started_at, r.submitted_at
    from patrol_records r join patrol_points p on p.id = r.point_id
    where r.enterprise_id = $1 and r.id = $2";

pub async fn lock_record(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<LockedRecord>, AppError> {
    Ok(sqlx::query_as(&format!("{RECORD} for update of r"))
        .bind(enterprise_id)
        .bind(id)
        .fetch_optional(conn)
        .await?)
}

pub async fn record(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<LockedRecord>, AppError> {
    Ok(sqlx::query_as(RECORD)
        .bind(enterprise_id)
        .bind(id)
        .fetch_optional(db)
        .await?)
}

/// The patroller of the record whose answer carries photo `photo_id`, if one of the
/// enterprise does.
pub async fn patroller_of_photo(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    photo_id: Uuid,
) -> Result<Option<Uuid>, AppError> {
    Ok(sqlx::query_scalar(
        "select r.patroller_id from patrol_answers a
         join patrol_records r on r.id = a.record_id
         where r.enterprise_id = $1 and a.photo_id = $2
         limit 1",
    )
    .bind(enterprise_id)
    .bind(photo_id)
    .fetch_optional(db)
    .await?)
}

pub async fn insert_answer(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    record_id: Uuid,
    a: &AnswerInput,
) -> Result<(), AppError> {
    sqlx::query(
        "insert into patrol_answers (record_id, item_id, result, number, text_value, note,
            photo_id, enterprise_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(record_id)
    .bind(a.item_id)
    .bind(a.result)
    .bind(a.number)
    .bind(a.text.as_deref())
    .bind((!a.note.is_empty()).then_some(a.note.as_str()))
    .bind(a.photo_id)
    .bind(enterprise_id)
    .execute(conn)
    .await
    .map_err(|e| {
        // A photo of another enterprise cannot be named: the photo ids come from our store.
        if e.as_database_error().and_then(|d| d.constraint())
            == Some("patrol_answers_photo_id_fkey")
        {
            AppError::invalid(Field::Photo, Problem::Invalid)
        } else {
            AppError::from(e)
        }
    })?;
    Ok(())
}

pub async fn set_submitted(
    conn: &mut PgConnection,
    id: Uuid,
    at: OffsetDateTime,
) -> Result<(), AppError> {
    sqlx::query("update patrol_records set submitted_at = $2 where id = $1")
        .bind(id)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Submitted records of the enterprise's `points` in `[from, to)`, with who submitted them,
/// by time: `submissions_of` for one enterprise.
pub async fn submissions(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    points: &[Uuid],
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> Result<Vec<Submission>, AppError> {
    let mut by_enterprise = submissions_of(db, &[enterprise_id], points, from, to).await?;
    Ok(by_enterprise.remove(&enterprise_id).unwrap_or_default())
}

/// Submitted records of these enterprises' `points` in `[from, to)`, by enterprise: one
/// read for many (the regulators' figures).
pub async fn submissions_of(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
    points: &[Uuid],
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> Result<std::collections::HashMap<Uuid, Vec<Submission>>, AppError> {
    type Row = (Uuid, Uuid, OffsetDateTime, String, Option<OffsetDateTime>);
    let rows: Vec<Row> = sqlx::query_as(
        // The patroller's name by its key, row by row: as a join, the planner hashed every
        // person of the county to name a township's week of records (35 ms of 73). Rows in
        // time order: each enterprise's list keeps it.
        "select r.enterprise_id, r.point_id, r.submitted_at,
                (select u.name from users u where u.id = r.patroller_id), up.created_at
         from patrol_records r
         left join lateral (
             select l.created_at from audit_log l
             where l.subject_id = r.id and l.action = 'patrol.submit' and l.acted_at is not null
             limit 1) up on true
         where r.enterprise_id = any($1) and r.point_id = any($2)
           and r.submitted_at >= $3 and r.submitted_at < $4
         order by r.submitted_at",
    )
    .bind(enterprises)
    .bind(points)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    let mut out: std::collections::HashMap<Uuid, Vec<Submission>> = Default::default();
    for (enterprise, point_id, at, by, uploaded) in rows {
        out.entry(enterprise).or_default().push(Submission {
            point_id,
            at,
            by,
            uploaded,
        });
    }
    Ok(out)
}

/// One answered item of a submitted record, as the XLSX export lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportAnswer {
    pub submitted_at: OffsetDateTime,
    /// When the offline outbox uploaded the submission, if it did (`audit_log.acted_at`).
    pub uploaded: Option<OffsetDateTime>,
    pub point: String,
    pub checklist: String,
    pub version: i32,
    pub patroller: String,
    pub presence: Presence,
    pub item: String,
    pub answer_type: super::AnswerType,
    pub unit: String,
    pub result: super::AnswerResult,
    pub number: Option<f64>,
    pub text_value: Option<String>,
    pub note: Option<String>,
    /// The number of the hazard the failed item raised.
    pub hazard: Option<String>,
}

/// Every answer of the enterprise's records submitted in `[from, to)`, oldest record first,
/// each record's items in their checklist order.
pub async fn export_answers(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    from: OffsetDateTime,
    to: OffsetDateTime,
) -> Result<Vec<ExportAnswer>, AppError> {
    Ok(sqlx::query_as(
        "select r.submitted_at, p.name as point, c.name as checklist, v.version,
                u.name as patroller, r.presence, i.text as item, i.answer_type, i.unit,
                a.result, a.number, a.text_value, a.note, h.number as hazard,
                up.created_at as uploaded
         from patrol_records r
         join patrol_points p on p.id = r.point_id
         join checklist_versions v on v.id = r.checklist_version_id
         join checklists c on c.id = v.checklist_id
         join users u on u.id = r.patroller_id
         join patrol_answers a on a.record_id = r.id
         join checklist_items i on i.id = a.item_id
         left join hazards h on h.patrol_record_id = r.id and h.checklist_item_id = a.item_id
             and h.enterprise_id = r.enterprise_id
         left join lateral (
             select l.created_at from audit_log l
             where l.subject_id = r.id and l.action = 'patrol.submit' and l.acted_at is not null
             limit 1) up on true
         where r.enterprise_id = $1 and r.submitted_at >= $2 and r.submitted_at < $3
         order by r.submitted_at, r.id, i.position",
    )
    .bind(enterprise_id)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?)
}
