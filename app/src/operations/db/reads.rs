//! SQL of what operation pages read: the live board and the scan page (one query for every
//! open operation with its latest test, the people inside, the entrants, the trail and the
//! enterprise's gas policy), the people to choose from, and the history.

use crate::{
    audit::AuditAction,
    auth::Role,
    operations::{JudgedPoint, OperationStatus},
    rules::gas::GasPolicy,
};
use sqlx::{types::Json, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

/// One open operation, everything the board and the scan page show of it.
#[derive(sqlx::FromRow)]
pub struct OpenRow {
    pub id: Uuid,
    /// Moves with every change to what this row holds (`operation_versions`, migration
    /// 20261207000000).
    pub version: i64,
    pub space_id: Uuid,
    pub space_code: String,
    pub space_name: String,
    pub status: OperationStatus,
    pub work_content: String,
    pub planned_end: OffsetDateTime,
    pub requested_by: Uuid,
    pub attendant_id: Uuid,
    pub person_in_charge_id: Uuid,
    pub attendant: String,
    pub attendant_in_at: Option<OffsetDateTime>,
    pub attendant_out_at: Option<OffsetDateTime>,
    pub evacuation_at: Option<OffsetDateTime>,
    pub ventilated: bool,
    pub test_at: Option<OffsetDateTime>,
    pub test_passed: Option<bool>,
    pub test_readings: Option<Json<Vec<JudgedPoint>>>,
    pub inside_ids: Vec<Uuid>,
    pub inside_names: Vec<String>,
    pub inside_since: Vec<OffsetDateTime>,
    pub entrant_ids: Vec<Uuid>,
    pub entrant_names: Vec<String>,
    pub entrant_briefed: Vec<bool>,
    pub trail_at: Vec<OffsetDateTime>,
    pub trail_who: Vec<String>,
    pub trail_actions: Vec<AuditAction>,
    /// `audit_log.acted_at` of each trail entry (null: made online).
    pub trail_acted: Vec<Option<OffsetDateTime>>,
    policy_test_max_age: Option<i32>,
    policy_retest_interval: Option<i32>,
    policy_lel_max: Option<f64>,
    policy_grade2_lel: Option<f64>,
    policy_grade2_toxic: Option<f64>,
}

impl OpenRow {
    /// The enterprise's gas policy, or the defaults (with their basis) when none was set.
    pub fn policy(&self) -> GasPolicy {
        match (
            self.policy_test_max_age,
            self.policy_retest_interval,
            self.policy_lel_max,
            self.policy_grade2_lel,
            self.policy_grade2_toxic,
        ) {
            (Some(age), Some(retest), Some(lel), Some(grade2_lel), Some(grade2_toxic)) => {
                GasPolicy {
                    test_max_age_minutes: age as u32,
                    retest_interval_minutes: retest as u32,
                    lel_max_percent: lel,
                    grade2_lel_from_percent: grade2_lel,
                    grade2_toxic_fraction: grade2_toxic,
                }
            }
            _ => GasPolicy::default(),
        }
    }
}

/// The latest trail entries the scan page shows: a long operation logs every entry and exit,
/// and a phone needs the recent ones (the history page and the export keep everything).
pub const TRAIL_LIMIT: i64 = 50;

/// The columns and joins both reads share: one open operation with its latest test, the
/// people inside, the entrants and the enterprise's gas policy. `trail` is the lateral that
/// yields `at`, `who` and `actions` (the scan page's trail, or empty arrays for the board).
macro_rules! open_operations_sql {
    ($trail:literal, $filter:literal) => {
        concat!(
            "select o.id, ver.version, o.space_id, s.code as space_code, s.name as space_name, o.status,
                o.work_content, o.planned_end, o.requested_by, o.attendant_id, o.person_in_charge_id,
                a.name as attendant, o.attendant_in_at, o.attendant_out_at, o.evacuation_at,
                exists (select 1 from ventilations v where v.operation_id = o.id) as ventilated,
                t.tested_at as test_at, t.passed as test_passed, t.readings as test_readings,
                coalesce(i.ids, '{}') as inside_ids, coalesce(i.names, '{}') as inside_names,
                coalesce(i.since, '{}') as inside_since,
                coalesce(n.ids, '{}') as entrant_ids, coalesce(n.names, '{}') as entrant_names,
                coalesce(n.briefed, '{}') as entrant_briefed,
                coalesce(r.at, '{}') as trail_at, coalesce(r.who, '{}') as trail_who,
                coalesce(r.actions, '{}') as trail_actions,
                coalesce(r.acted, '{}') as trail_acted,
                p.test_max_age_minutes as policy_test_max_age,
                p.retest_interval_minutes as policy_retest_interval,
                p.lel_max_percent as policy_lel_max,
                p.grade2_lel_from_percent as policy_grade2_lel,
                p.grade2_toxic_fraction as policy_grade2_toxic
         from operations o
         join operation_versions ver on ver.operation_id = o.id
         join confined_spaces s on s.id = o.space_id
         join users a on a.id = o.attendant_id
         left join gas_policies p on p.enterprise_id = o.enterprise_id
         left join lateral (
             select g.tested_at, g.passed, g.readings from gas_tests g
             where g.operation_id = o.id order by g.tested_at desc limit 1) t on true
         left join lateral (
             select array_agg(e.user_id order by e.entered_at) as ids,
                    array_agg(u.name order by e.entered_at) as names,
                    array_agg(e.entered_at order by e.entered_at) as since
             from entries e join users u on u.id = e.user_id
             where e.operation_id = o.id and e.exited_at is null) i on true
         left join lateral (
             select array_agg(x.user_id order by u.name) as ids,
                    array_agg(u.name order by u.name) as names,
                    array_agg(x.briefed_at is not null order by u.name) as briefed
             from operation_entrants x join users u on u.id = x.user_id
             where x.operation_id = o.id) n on true
         left join lateral (",
            $trail,
            ") r on true
         where o.enterprise_id = $1 and o.status in ('requested', 'approved')",
            $filter
        )
    };
}

/// Every open operation of the enterprise (the board), in one query whatever their number.
/// No trail: the board does not show it.
pub async fn open_operations(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<Vec<OpenRow>, sqlx::Error> {
    sqlx::query_as(open_operations_sql!(
        "select null::timestamptz[] as at, null::text[] as who, null::text[] as actions,
                null::timestamptz[] as acted",
        " order by o.planned_end"
    ))
    .bind(enterprise_id)
    .fetch_all(db)
    .await
}

/// The open operation at one space (the scan page), with its latest trail entries, in one
/// query. Its own statement rather than an optional space filter on the board's: a filter
/// that may be null (`$2 is null or …`) has no good generic plan, so PostgreSQL planned the
/// whole join again on every scan.
pub async fn open_operation_at_space(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    space_id: Uuid,
) -> Result<Option<OpenRow>, sqlx::Error> {
    sqlx::query_as(open_operations_sql!(
        "select array_agg(t.created_at order by t.created_at, t.id) as at,
                array_agg(t.name order by t.created_at, t.id) as who,
                array_agg(t.action order by t.created_at, t.id) as actions,
                array_agg(t.acted_at order by t.created_at, t.id) as acted
         from (select l.created_at, l.id, u.name, l.action, l.acted_at
               from audit_log l join users u on u.id = l.actor_id
               where l.subject_id = o.id and l.enterprise_id = o.enterprise_id
               order by l.created_at desc, l.id desc limit $3) t",
        " and o.space_id = $2"
    ))
    .bind(enterprise_id)
    .bind(space_id)
    .bind(TRAIL_LIMIT)
    .fetch_optional(db)
    .await
}

/// Active people of the enterprise who can be put on a permit.
pub async fn people(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<Vec<(Uuid, String, Role)>, sqlx::Error> {
    sqlx::query_as(
        "select id, name, role from users where enterprise_id = $1 and active
           and role <> 'regulator' order by name",
    )
    .bind(enterprise_id)
    .fetch_all(db)
    .await
}

#[derive(sqlx::FromRow)]
pub struct HistoryRecord {
    pub id: Uuid,
    pub space_code: String,
    pub space_name: String,
    pub status: OperationStatus,
    pub work_content: String,
    pub planned_start: OffsetDateTime,
    pub planned_end: OffsetDateTime,
    pub requested_by: String,
    pub decided_by: Option<String>,
    pub attendant: String,
    pub closed_at: Option<OffsetDateTime>,
    pub gas_tests: i64,
    pub failed_tests: i64,
}

/// Operations of the enterprise, newest first, optionally of one space or one person (as
/// entrant or attendant), at most `limit`.
pub async fn history(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    space_id: Option<Uuid>,
    person_id: Option<Uuid>,
    // `None`: every matching row (the export).
    limit: Option<i64>,
) -> Result<Vec<HistoryRecord>, sqlx::Error> {
    sqlx::query_as(
        "select o.id, s.code as space_code, s.name as space_name, o.status, o.work_content,
                o.planned_start, o.planned_end, r.name as requested_by, d.name as decided_by,
                a.name as attendant, o.closed_at,
                (select count(*) from gas_tests g where g.operation_id = o.id) as gas_tests,
                (select count(*) from gas_tests g where g.operation_id = o.id and not g.passed)
                    as failed_tests
         from operations o
         join confined_spaces s on s.id = o.space_id
         join users r on r.id = o.requested_by
         join users a on a.id = o.attendant_id
         left join users d on d.id = o.decided_by
         where o.enterprise_id = $1
           and ($2::uuid is null or o.space_id = $2)
           and ($3::uuid is null or o.attendant_id = $3 or exists (
                select 1 from operation_entrants e where e.operation_id = o.id and e.user_id = $3))
         order by o.created_at desc
         limit $4",
    )
    .bind(enterprise_id)
    .bind(space_id)
    .bind(person_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

#[derive(sqlx::FromRow)]
pub struct EntryRecord {
    pub operation_id: Uuid,
    pub name: String,
    pub entered_at: OffsetDateTime,
    pub exited_at: Option<OffsetDateTime>,
    /// When the exit arrived, for an exit the offline outbox brought (its audit row has the
    /// phone's time in `acted_at`).
    pub exit_uploaded: Option<OffsetDateTime>,
}

/// The entries of the given operations, in time order.
pub async fn entries_of(
    db: impl PgExecutor<'_>,
    operation_ids: &[Uuid],
) -> Result<Vec<EntryRecord>, sqlx::Error> {
    sqlx::query_as(
        "select e.operation_id, u.name, e.entered_at, e.exited_at, a.created_at as exit_uploaded
         from entries e join users u on u.id = e.user_id
         left join audit_log a on a.client_id = e.exit_client_id and a.enterprise_id = u.enterprise_id
              and a.subject_id = e.operation_id and a.acted_at is not null
         where e.operation_id = any($1) order by e.entered_at",
    )
    .bind(operation_ids)
    .fetch_all(db)
    .await
}
