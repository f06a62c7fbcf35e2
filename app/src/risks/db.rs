//! risks' SQL: the policy, points and hazards of one enterprise (every query names it).

use super::{
    model::{HazardInput, MeasureInput, PointInput},
    AccidentClass, ControlLevel, FactorClass, Forced, MeasureKind, PointKind, RiskGrade,
    RiskHazard, RiskMeasure, RiskMethod, RiskPoint, RiskPolicy,
};
use crate::rules::risk_grade::Score;
use sqlx::PgExecutor;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct PolicyRow {
    method: RiskMethod,
    lec_red_above: i32,
    lec_orange_above: i32,
    lec_yellow_above: i32,
    ls_red_from: i32,
    ls_orange_from: i32,
    ls_yellow_from: i32,
    confined_toxic_at_least_large: bool,
}

/// The enterprise's policy (the defaults when it set none).
pub async fn policy(db: impl PgExecutor<'_>, enterprise: Uuid) -> Result<RiskPolicy, sqlx::Error> {
    let row: Option<PolicyRow> = sqlx::query_as(
        "select method, lec_red_above, lec_orange_above, lec_yellow_above, ls_red_from,
                ls_orange_from, ls_yellow_from, confined_toxic_at_least_large
         from risk_policies where enterprise_id = $1",
    )
    .bind(enterprise)
    .fetch_optional(db)
    .await?;
    let n = |v: i32| u32::try_from(v).unwrap_or(0);
    Ok(row.map_or_else(RiskPolicy::default, |r| RiskPolicy {
        method: r.method,
        lec_red_above: n(r.lec_red_above),
        lec_orange_above: n(r.lec_orange_above),
        lec_yellow_above: n(r.lec_yellow_above),
        ls_red_from: n(r.ls_red_from),
        ls_orange_from: n(r.ls_orange_from),
        ls_yellow_from: n(r.ls_yellow_from),
        confined_toxic_at_least_large: r.confined_toxic_at_least_large,
    }))
}

pub async fn set_policy(
    db: impl PgExecutor<'_>,
    enterprise: Uuid,
    by: Uuid,
    p: &RiskPolicy,
) -> Result<(), sqlx::Error> {
    let n = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
    sqlx::query(
        "insert into risk_policies (enterprise_id, method, lec_red_above, lec_orange_above,
             lec_yellow_above, ls_red_from, ls_orange_from, ls_yellow_from,
             confined_toxic_at_least_large, updated_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (enterprise_id) do update set method = excluded.method,
             lec_red_above = excluded.lec_red_above, lec_orange_above = excluded.lec_orange_above,
             lec_yellow_above = excluded.lec_yellow_above, ls_red_from = excluded.ls_red_from,
             ls_orange_from = excluded.ls_orange_from, ls_yellow_from = excluded.ls_yellow_from,
             confined_toxic_at_least_large = excluded.confined_toxic_at_least_large,
             updated_by = excluded.updated_by, updated_at = now()",
    )
    .bind(enterprise)
    .bind(p.method)
    .bind(n(p.lec_red_above))
    .bind(n(p.lec_orange_above))
    .bind(n(p.lec_yellow_above))
    .bind(n(p.ls_red_from))
    .bind(n(p.ls_orange_from))
    .bind(n(p.ls_yellow_from))
    .bind(p.confined_toxic_at_least_large)
    .bind(by)
    .execute(db)
    .await?;
    Ok(())
}

/// Whether the enterprise has this confined space (`confined_spaces`) or patrol point.
pub async fn owns(
    db: impl PgExecutor<'_>,
    table: Linked,
    enterprise: Uuid,
    id: Uuid,
) -> Result<bool, sqlx::Error> {
    let sql = match table {
        Linked::Space => "select exists (select 1 from confined_spaces where enterprise_id = $1 and id = $2)",
        Linked::PatrolPoint => "select exists (select 1 from patrol_points where enterprise_id = $1 and id = $2)",
    };
    sqlx::query_scalar(sql).bind(enterprise).bind(id).fetch_one(db).await
}

/// What a risk point may be linked to.
#[derive(Debug, Clone, Copy)]
pub enum Linked {
    Space,
    PatrolPoint,
}

pub async fn insert_point(
    db: impl PgExecutor<'_>,
    enterprise: Uuid,
    p: &PointInput,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into risk_points (id, enterprise_id, kind, name, area, department, space_id,
             patrol_point_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(enterprise)
    .bind(p.kind)
    .bind(&p.name)
    .bind(&p.area)
    .bind(&p.department)
    .bind(p.space_id)
    .bind(p.patrol_point_id)
    .execute(db)
    .await?;
    Ok(id)
}

/// Locks the point for a change of its hazards and bumps its version; false when the
/// enterprise has no such active point.
pub async fn touch_point(
    db: impl PgExecutor<'_>,
    enterprise: Uuid,
    point: Uuid,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update risk_points set version = version + 1, updated_at = now()
         where enterprise_id = $1 and id = $2 and active",
    )
    .bind(enterprise)
    .bind(point)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_hazard(
    db: impl PgExecutor<'_>,
    enterprise: Uuid,
    h: &HazardInput,
    grade: RiskGrade,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    let as_i32 = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
    let (method, l, e, c, s) = match h.score {
        Score::Lec { l, e, c } => (RiskMethod::Lec, l, Some(e), Some(c), None),
        Score::Ls { l, s } => (RiskMethod::Ls, l, None, None, Some(s)),
    };
    let forced: Vec<&str> = h.forced.iter().map(|f| f.as_str()).collect();
    sqlx::query(
        "insert into risk_hazards (id, enterprise_id, risk_point_id, description, consequence,
             accident_class, factor_class, method, factor_l, factor_e, factor_c, factor_s,
             score_hundredths, forced, grade)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(id)
    .bind(enterprise)
    .bind(h.point_id)
    .bind(&h.description)
    .bind(&h.consequence)
    .bind(h.accident_class)
    .bind(h.factor_class)
    .bind(method)
    .bind(as_i32(l))
    .bind(e.map(as_i32))
    .bind(c.map(as_i32))
    .bind(s.map(as_i32))
    .bind(as_i32(h.score.value_hundredths()))
    .bind(&forced)
    .bind(grade)
    .execute(db)
    .await?;
    Ok(id)
}

/// The enterprise's active hazard: its point and grade (None: no such hazard of it).
pub async fn hazard_of(
    db: impl PgExecutor<'_>,
    enterprise: Uuid,
    hazard: Uuid,
) -> Result<Option<(Uuid, RiskGrade)>, sqlx::Error> {
    sqlx::query_as(
        "select risk_point_id, grade from risk_hazards
         where enterprise_id = $1 and id = $2 and active",
    )
    .bind(enterprise)
    .bind(hazard)
    .fetch_optional(db)
    .await
}

/// The enterprise's active people by name, to name one responsible for a measure.
pub async fn people(
    db: impl PgExecutor<'_>,
    enterprise: Uuid,
) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
    sqlx::query_as(
        "select id, name from users where enterprise_id = $1 and active order by name, id",
    )
    .bind(enterprise)
    .fetch_all(db)
    .await
}

pub async fn insert_measure(
    db: impl PgExecutor<'_>,
    enterprise: Uuid,
    m: &MeasureInput,
    level: ControlLevel,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into risk_measures (id, enterprise_id, hazard_id, kind, text, level,
             responsible_id)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(enterprise)
    .bind(m.hazard_id)
    .bind(m.kind)
    .bind(&m.text)
    .bind(level)
    .bind(m.responsible_id)
    .execute(db)
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct MeasureRow {
    id: Uuid,
    hazard_id: Uuid,
    kind: MeasureKind,
    text: String,
    level: ControlLevel,
    responsible: String,
}

#[derive(sqlx::FromRow)]
struct PointRow {
    id: Uuid,
    kind: PointKind,
    name: String,
    area: String,
    department: String,
    space_id: Option<Uuid>,
    patrol_point_id: Option<Uuid>,
    version: i32,
}

#[derive(sqlx::FromRow)]
struct HazardRow {
    id: Uuid,
    risk_point_id: Uuid,
    description: String,
    consequence: String,
    accident_class: AccidentClass,
    factor_class: FactorClass,
    method: RiskMethod,
    score_hundredths: i32,
    forced: Vec<String>,
    grade: RiskGrade,
}

impl HazardRow {
    fn into_hazard(self) -> RiskHazard {
        RiskHazard {
            id: self.id,
            description: self.description,
            consequence: self.consequence,
            accident_class: self.accident_class,
            factor_class: self.factor_class,
            method: self.method,
            score_hundredths: u32::try_from(self.score_hundredths).unwrap_or(0),
            forced: self.forced.iter().filter_map(|f| Forced::parse(f)).collect(),
            grade: self.grade,
            measures: Vec::new(),
        }
    }
}

/// The enterprise's active points (of `only`, when given) with their active hazards, by name.
pub async fn points(
    db: &mut sqlx::PgConnection,
    enterprise: Uuid,
    only: Option<Uuid>,
) -> Result<Vec<RiskPoint>, sqlx::Error> {
    let points: Vec<PointRow> = sqlx::query_as(
        "select id, kind, name, area, department, space_id, patrol_point_id, version
         from risk_points
         where enterprise_id = $1 and active and ($2::uuid is null or id = $2)
         order by name, id",
    )
    .bind(enterprise)
    .bind(only)
    .fetch_all(&mut *db)
    .await?;
    let hazards: Vec<HazardRow> = sqlx::query_as(
        "select id, risk_point_id, description, consequence, accident_class, factor_class,
                method, score_hundredths, forced, grade
         from risk_hazards
         where enterprise_id = $1 and active and ($2::uuid is null or risk_point_id = $2)
         order by score_hundredths desc, id",
    )
    .bind(enterprise)
    .bind(only)
    .fetch_all(&mut *db)
    .await?;
    let measures: Vec<MeasureRow> = sqlx::query_as(
        "select m.id, m.hazard_id, m.kind, m.text, m.level, u.name as responsible
         from risk_measures m
         join risk_hazards h on h.id = m.hazard_id and h.enterprise_id = m.enterprise_id
         join users u on u.id = m.responsible_id
         where m.enterprise_id = $1 and m.active and h.active
           and ($2::uuid is null or h.risk_point_id = $2)
         order by array_position(array['company', 'workshop', 'team', 'post'], m.level), m.id",
    )
    .bind(enterprise)
    .bind(only)
    .fetch_all(&mut *db)
    .await?;
    let mut by_hazard: std::collections::HashMap<Uuid, Vec<RiskMeasure>> = Default::default();
    for m in measures {
        by_hazard.entry(m.hazard_id).or_default().push(RiskMeasure {
            id: m.id,
            kind: m.kind,
            text: m.text,
            level: m.level,
            responsible: m.responsible,
        });
    }
    let mut by_point: std::collections::HashMap<Uuid, Vec<RiskHazard>> = Default::default();
    for h in hazards {
        let point = h.risk_point_id;
        let mut hazard = h.into_hazard();
        hazard.measures = by_hazard.remove(&hazard.id).unwrap_or_default();
        by_point.entry(point).or_default().push(hazard);
    }
    Ok(points
        .into_iter()
        .map(|p| {
            let hazards = by_point.remove(&p.id).unwrap_or_default();
            RiskPoint {
                grade: crate::rules::risk_grade::point_grade(hazards.iter().map(|h| h.grade)),
                id: p.id,
                kind: p.kind,
                name: p.name,
                area: p.area,
                department: p.department,
                space_id: p.space_id,
                patrol_point_id: p.patrol_point_id,
                version: p.version,
                hazards,
            }
        })
        .collect())
}
