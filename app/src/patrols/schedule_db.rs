//! SQL of patrol schedules: making one, ending one, the list officers read, and the specs
//! the rounds are computed from. Every query names the enterprise.

use super::{model::ScheduleInput, rounds::ScheduleSpec, Frequency, ScheduleView};
use crate::patrols::PatrolField;
use crate::{
    auth::Role,
    error::{AppError, Problem},
    time_fmt::local_minutes,
};
use sqlx::{PgConnection, PgExecutor};
use std::collections::HashMap;
use time::{OffsetDateTime, Time};
use uuid::Uuid;

pub async fn insert_schedule(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    created_by: Uuid,
    client_id: Uuid,
    input: &ScheduleInput,
) -> Result<Uuid, AppError> {
    let points: i64 = sqlx::query_scalar(
        "select count(*) from patrol_points where enterprise_id = $1 and id = any($2)",
    )
    .bind(enterprise_id)
    .bind(&input.points)
    .fetch_one(&mut *conn)
    .await?;
    if points as usize != input.points.len() {
        return Err(AppError::invalid(
            PatrolField::PatrolPoint,
            Problem::Invalid,
        ));
    }
    let people: i64 = sqlx::query_scalar(
        "select count(*) from users where enterprise_id = $1 and active and id = any($2)",
    )
    .bind(enterprise_id)
    .bind(&input.people)
    .fetch_one(&mut *conn)
    .await?;
    if people as usize != input.people.len() {
        return Err(AppError::invalid(PatrolField::Patrollers, Problem::Invalid));
    }
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into patrol_schedules (id, enterprise_id, name, frequency, window_start,
            window_end, shifts_per_day, weekday, month_day, role, client_id, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(&input.name)
    .bind(input.frequency)
    .bind(input.window_start)
    .bind(input.window_end)
    .bind(i16::from(input.shifts_per_day))
    .bind(input.weekday.map(i16::from))
    .bind(input.month_day.map(i16::from))
    .bind(input.role)
    .bind(client_id)
    .bind(created_by)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into patrol_schedule_points (schedule_id, enterprise_id, point_id)
         select $1, $2, unnest($3::uuid[])",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(&input.points)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into patrol_schedule_people (schedule_id, enterprise_id, user_id)
         select $1, $2, unnest($3::uuid[])",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(&input.people)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// What both reads take of a schedule: its name, when it recurs, and its life.
#[derive(sqlx::FromRow)]
struct Recurrence {
    id: Uuid,
    name: String,
    frequency: Frequency,
    window_start: Time,
    window_end: Time,
    shifts_per_day: i16,
    weekday: Option<i16>,
    month_day: Option<i16>,
    created_at: OffsetDateTime,
    ended_at: Option<OffsetDateTime>,
}

const RECURRENCE: &str = "s.id, s.name, s.frequency, s.window_start, s.window_end,
    s.shifts_per_day, s.weekday, s.month_day, s.created_at, s.ended_at";

#[derive(sqlx::FromRow)]
struct SpecRow {
    #[sqlx(flatten)]
    s: Recurrence,
    points: Vec<Uuid>,
}

/// Every schedule (name and spec), ended ones included: they still expected the rounds of
/// their life (`ScheduleSpec::until`). `for_user`: only those naming this person, directly or
/// by `role`.
pub async fn schedules(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    for_user: Option<(Uuid, Role)>,
) -> Result<Vec<(String, ScheduleSpec)>, AppError> {
    let rows: Vec<SpecRow> = sqlx::query_as(&format!(
        "select {RECURRENCE},
                coalesce(array(select sp.point_id from patrol_schedule_points sp
                               join patrol_points p on p.id = sp.point_id and p.active
                               where sp.schedule_id = s.id order by p.name), '{{}}') as points
         from patrol_schedules s
         where s.enterprise_id = $1
           and ($2::uuid is null or s.role = $3
                or exists (select 1 from patrol_schedule_people pp
                           where pp.schedule_id = s.id and pp.user_id = $2))
         order by s.window_start, s.name"
    ))
    .bind(enterprise_id)
    .bind(for_user.map(|u| u.0))
    .bind(for_user.map(|u| u.1))
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|SpecRow { s, points }| (s.name.clone(), spec(s, points)))
        .collect())
}

#[derive(sqlx::FromRow)]
struct EnterpriseSpecRow {
    enterprise_id: Uuid,
    #[sqlx(flatten)]
    s: Recurrence,
    points: Vec<Uuid>,
}

/// Every schedule of these enterprises (ended ones included), by enterprise: one read for
/// many (the regulators' figures).
pub async fn schedules_of(
    db: impl PgExecutor<'_>,
    enterprises: &[Uuid],
) -> Result<HashMap<Uuid, Vec<ScheduleSpec>>, AppError> {
    let rows: Vec<EnterpriseSpecRow> = sqlx::query_as(&format!(
        "select s.enterprise_id, {RECURRENCE},
                coalesce(array(select sp.point_id from patrol_schedule_points sp
                               join patrol_points p on p.id = sp.point_id and p.active
                               where sp.schedule_id = s.id order by p.name), '{{}}') as points
         from patrol_schedules s
         where s.enterprise_id = any($1)
         order by s.window_start, s.name"
    ))
    .bind(enterprises)
    .fetch_all(db)
    .await?;
    let mut out: HashMap<Uuid, Vec<ScheduleSpec>> = HashMap::new();
    for EnterpriseSpecRow {
        enterprise_id,
        s,
        points,
    } in rows
    {
        out.entry(enterprise_id).or_default().push(spec(s, points));
    }
    Ok(out)
}

fn spec(s: Recurrence, points: Vec<Uuid>) -> ScheduleSpec {
    ScheduleSpec {
        id: s.id,
        frequency: s.frequency,
        window_start: s.window_start,
        window_end: s.window_end,
        shifts_per_day: s.shifts_per_day as u8,
        weekday: s.weekday.map(|d| d as u8),
        month_day: s.month_day.map(|d| d as u8),
        points,
        since: s.created_at,
        until: s.ended_at,
    }
}

#[derive(sqlx::FromRow)]
struct ListRow {
    #[sqlx(flatten)]
    s: Recurrence,
    role: Option<Role>,
    people: Vec<String>,
    points: Vec<String>,
}

/// The enterprise's schedules as their list shows them: running ones first, by window.
pub async fn list(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<Vec<ScheduleView>, AppError> {
    let rows: Vec<ListRow> = sqlx::query_as(&format!(
        "select {RECURRENCE}, s.role,
                array(select u.name from patrol_schedule_people pp join users u on u.id = pp.user_id
                      where pp.schedule_id = s.id order by u.name) as people,
                array(select p.name from patrol_schedule_points sp
                      join patrol_points p on p.id = sp.point_id
                      where sp.schedule_id = s.id order by p.name) as points
         from patrol_schedules s
         where s.enterprise_id = $1
         order by s.ended_at is not null, s.ended_at desc, s.window_start, s.name"
    ))
    .bind(enterprise_id)
    .fetch_all(db)
    .await?;
    let clock = |t: Time| format!("{:02}:{:02}", t.hour(), t.minute());
    Ok(rows
        .into_iter()
        .map(
            |ListRow {
                 s,
                 role,
                 people,
                 points,
             }| ScheduleView {
                id: s.id,
                name: s.name,
                frequency: s.frequency,
                window: format!("{}–{}", clock(s.window_start), clock(s.window_end)),
                shifts_per_day: s.shifts_per_day as u8,
                weekday: s.weekday.map(|d| d as u8),
                month_day: s.month_day.map(|d| d as u8),
                role,
                people,
                points,
                made: local_minutes(s.created_at),
                ended: s.ended_at.map(local_minutes),
            },
        )
        .collect())
}

/// Locks schedule `id` of the enterprise: its name and whether it has ended; `None` if the
/// enterprise has no such schedule.
pub async fn lock(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<(String, bool)>, AppError> {
    Ok(sqlx::query_as(
        "select name, ended_at is not null from patrol_schedules
         where id = $1 and enterprise_id = $2 for update",
    )
    .bind(id)
    .bind(enterprise_id)
    .fetch_optional(conn)
    .await?)
}

pub async fn end(
    conn: &mut PgConnection,
    id: Uuid,
    by: Uuid,
    at: OffsetDateTime,
) -> Result<(), AppError> {
    sqlx::query("update patrol_schedules set ended_at = $2, ended_by = $3 where id = $1")
        .bind(id)
        .bind(at)
        .bind(by)
        .execute(conn)
        .await?;
    Ok(())
}
