//! Who may work (rules::clearance on facts loaded in a few queries), who may read whose
//! clearance and file, the permit gate, the move and policy writes, and the dashboards.

use super::{
    db, ClearanceView, Coverage, DepartmentCount, Expiring, FileQualification, FileRow,
    InductionLevel, MoveInput, MoveRow, RegulatorRow, ShortName, TrainingFile,
};
use crate::training::TrainingAction;
use crate::{
    audit::{
        step::{AuditedTx, StepSpec},
        AuditAction,
    },
    auth::{Role, SessionUser},
    error::AppError,
    fresh_or,
    rules::{
        clearance::{self as rules, Clearance, Facts, Move, Outcome, Policy, Reason, Record},
        training::recorded_half_hours,
    },
    time_fmt::{china_day, CHINA},
    training::{Assessment, Category, TrainingRefusal},
};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use std::collections::{BTreeMap, HashMap};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

/// Who reads other people's clearance and files: officers, trainers, admins.
pub const READERS: &[Role] = &[Role::SafetyOfficer, Role::Trainer, Role::EnterpriseAdmin];
/// Who records moves (转岗, 复岗): officers and admins.
pub const MOVE_RECORDERS: &[Role] = &[Role::SafetyOfficer, Role::EnterpriseAdmin];
/// Everyone of an enterprise (their own file and clearance).
pub const ENTERPRISE: &[Role] = &[
    Role::Worker,
    Role::SafetyOfficer,
    Role::Trainer,
    Role::EnterpriseAdmin,
];
/// How far ahead the officers' list of expiring qualifications looks.
pub const EXPIRING_WITHIN: Duration = Duration::days(30);

fn outcome(assessment: Assessment, passed: Option<bool>) -> Outcome {
    match (passed, assessment) {
        (Some(true), _) => Outcome::Passed,
        (Some(false), _) => Outcome::Failed,
        (None, Assessment::None) => Outcome::NotAssessed,
        (None, _) => Outcome::Pending,
    }
}

/// The facts of many people, loaded together.
pub struct Loaded {
    pub people: Vec<db::Person>,
    facts: HashMap<Uuid, Facts>,
    policies: HashMap<Uuid, Policy>,
}

impl Loaded {
    pub async fn load(
        conn: &mut PgConnection,
        enterprises: &[Uuid],
        only: Option<&[Uuid]>,
    ) -> Result<Loaded, sqlx::Error> {
        let people = db::people(&mut *conn, enterprises, only).await?;
        let mut facts: HashMap<Uuid, Facts> = HashMap::new();
        for a in db::attended(&mut *conn, enterprises, only).await? {
            let session = (a.starts_at, a.ends_at);
            facts.entry(a.user_id).or_default().records.push(Record {
                category: a.category,
                day: a.starts_at.to_offset(CHINA).date(),
                half_hours: recorded_half_hours(
                    a.credited_half_hours,
                    session,
                    a.signed_in_at,
                    a.signed_out_at,
                    a.override_half_hours,
                ),
                outcome: outcome(a.assessment, a.passed),
            });
        }
        for m in db::moves(&mut *conn, enterprises, only).await? {
            facts.entry(m.user_id).or_default().moves.push(Move {
                kind: m.kind,
                on: m.on_date,
                away_since: m.away_since,
            });
        }
        let policies = db::policies(&mut *conn, enterprises)
            .await?
            .into_iter()
            .collect();
        Ok(Loaded {
            people,
            facts,
            policies,
        })
    }

    pub fn facts(&self, user_id: Uuid) -> Facts {
        self.facts.get(&user_id).cloned().unwrap_or_default()
    }

    pub fn policy(&self, enterprise_id: Uuid) -> Policy {
        self.policies
            .get(&enterprise_id)
            .copied()
            .unwrap_or_default()
    }

    pub fn clearance(&self, person: &db::Person, today: Date) -> Clearance {
        rules::clearance(
            &self.facts(person.id),
            &self.policy(person.enterprise_id),
            today,
        )
    }

    fn view(&self, person: &db::Person, today: Date) -> ClearanceView {
        let clearance = self.clearance(person, today);
        ClearanceView {
            user_id: person.id,
            name: person.name.clone(),
            department: person.department.clone(),
            cleared: clearance.is_cleared(),
            reasons: clearance.reasons().to_vec(),
        }
    }
}

async fn one(
    pool: &PgPool,
    enterprise_id: Uuid,
    user_id: Uuid,
    now: OffsetDateTime,
) -> Result<ClearanceView, AppError> {
    let mut conn = pool.acquire().await?;
    let loaded = Loaded::load(
        &mut conn,
        &[enterprise_id],
        Some(std::slice::from_ref(&user_id)),
    )
    .await?;
    let person = loaded.people.first().ok_or(AppError::NotFound)?;
    Ok(loaded.view(person, china_day(now)))
}

/// The actor's own clearance (anyone of an enterprise).
pub async fn mine(
    pool: &PgPool,
    actor: &SessionUser,
    now: OffsetDateTime,
) -> Result<ClearanceView, AppError> {
    actor.require_role(ENTERPRISE)?;
    one(pool, actor.enterprise()?, actor.id, now).await
}

/// A person's clearance (officers, trainers, admins of their enterprise).
pub async fn person(
    pool: &PgPool,
    actor: &SessionUser,
    user_id: Uuid,
    now: OffsetDateTime,
) -> Result<ClearanceView, AppError> {
    actor.require_role(READERS)?;
    one(pool, actor.enterprise()?, user_id, now).await
}

/// The permit gate: the first of `people` (in the order given) who is not cleared on the day
/// of `now`, with their first reason. "未经安全生产教育和培训合格的从业人员，不得上岗作业"
/// (安全生产法 第二十八条 [S]): nobody not cleared is put on a permit in any role.
pub async fn refuse_not_cleared(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    people: &[Uuid],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let loaded = Loaded::load(conn, &[enterprise_id], Some(people)).await?;
    let today = china_day(now);
    for id in people {
        let Some(person) = loaded.people.iter().find(|p| p.id == *id) else {
            continue; // not an active person of the enterprise: the caller's own check
        };
        if let Some(reason) = loaded.clearance(person, today).first() {
            return Err(AppError::refused(TrainingRefusal::NotCleared {
                person: ShortName::new(&person.name),
                reason,
            }));
        }
    }
    Ok(())
}

fn last_day(valid_until: OffsetDateTime) -> Date {
    (valid_until - Duration::seconds(1)).to_offset(CHINA).date()
}

/// The enterprise's coverage: cleared and not by department, this year's hours, who is not
/// cleared and why, and what expires within 30 days.
pub async fn coverage(
    pool: &PgPool,
    actor: &SessionUser,
    now: OffsetDateTime,
) -> Result<Coverage, AppError> {
    actor.require_role(READERS)?;
    let enterprise_id = actor.enterprise()?;
    let mut conn = pool.acquire().await?;
    let loaded = Loaded::load(&mut conn, &[enterprise_id], None).await?;
    let today = china_day(now);
    let mut departments: BTreeMap<Option<String>, (u32, u32)> = BTreeMap::new();
    let mut not_cleared = Vec::new();
    let mut half_hours_this_year = 0;
    for person in &loaded.people {
        let view = loaded.view(person, today);
        let counts = departments.entry(person.department.clone()).or_default();
        if view.cleared {
            counts.0 += 1;
        } else {
            counts.1 += 1;
            not_cleared.push(view);
        }
        half_hours_this_year += loaded
            .facts(person.id)
            .records
            .iter()
            .filter(|r| r.day.year() == today.year() && r.day <= today)
            .map(|r| r.half_hours)
            .sum::<i32>();
    }
    let expiring = db::expiring(&mut *conn, enterprise_id, now, now + EXPIRING_WITHIN)
        .await?
        .into_iter()
        .map(|q| Expiring {
            user_id: q.user_id,
            name: q.name,
            kind: q.kind,
            document_ref: q.document_ref,
            last_day: last_day(q.valid_until).to_string(),
        })
        .collect();
    Ok(Coverage {
        departments: departments
            .into_iter()
            .map(|(department, (cleared, not_cleared))| DepartmentCount {
                department,
                cleared,
                not_cleared,
            })
            .collect(),
        half_hours_this_year,
        not_cleared,
        expiring,
        people: loaded
            .people
            .iter()
            .map(|p| (p.id, p.name.clone()))
            .collect(),
    })
}

/// The actor's own training file (anyone of an enterprise).
pub async fn my_file(
    pool: &PgPool,
    actor: &SessionUser,
    now: OffsetDateTime,
) -> Result<TrainingFile, AppError> {
    actor.require_role(ENTERPRISE)?;
    file(pool, actor, actor.id, now).await
}

/// A person's training file (officers, trainers, admins).
pub async fn person_file(
    pool: &PgPool,
    actor: &SessionUser,
    user_id: Uuid,
    now: OffsetDateTime,
) -> Result<TrainingFile, AppError> {
    actor.require_role(READERS)?;
    file(pool, actor, user_id, now).await
}

async fn file(
    pool: &PgPool,
    actor: &SessionUser,
    user_id: Uuid,
    now: OffsetDateTime,
) -> Result<TrainingFile, AppError> {
    let enterprise_id = actor.enterprise()?;
    let today = china_day(now);
    let mut conn = pool.acquire().await?;
    let loaded = Loaded::load(
        &mut conn,
        &[enterprise_id],
        Some(std::slice::from_ref(&user_id)),
    )
    .await?;
    let person = loaded.people.first().ok_or(AppError::NotFound)?;
    let clearance = loaded.view(person, today);
    let policy = loaded.policy(enterprise_id);
    let sessions = db::file_sessions(&mut *conn, enterprise_id, user_id).await?;
    let mut rows = Vec::new();
    let mut years: BTreeMap<i32, i32> = BTreeMap::new();
    let mut levels: Vec<InductionLevel> = Category::INDUCTION
        .iter()
        .map(|&category| InductionLevel {
            category,
            half_hours: 0,
            days: vec![],
            content: vec![],
            trainers: vec![],
            passed: false,
        })
        .collect();
    for s in sessions {
        let hours = recorded_half_hours(
            s.credited_half_hours,
            (s.starts_at, s.ends_at),
            s.signed_in_at,
            s.signed_out_at,
            s.override_half_hours,
        );
        let day = s.starts_at.to_offset(CHINA).date();
        let counts = outcome(s.assessment, s.passed).counts();
        if counts {
            *years.entry(day.year()).or_default() += hours;
        }
        if let Some(level) = levels
            .iter_mut()
            .find(|l| l.category == s.category)
            .filter(|_| counts)
        {
            level.half_hours += hours;
            level.days.push(day.to_string());
            level.content.push(if s.summary.is_empty() {
                s.title.clone()
            } else {
                s.summary.clone()
            });
            if !level.trainers.contains(&s.trainer) {
                level.trainers.push(s.trainer.clone());
            }
            level.passed = true;
        }
        rows.push(FileRow {
            session_id: s.session_id,
            day: day.to_string(),
            title: s.title,
            category: s.category,
            summary: s.summary,
            trainer: s.trainer,
            half_hours: hours,
            passed: s.passed,
            score: s.score,
            assessed: s.assessment != Assessment::None,
            presence: s.sign_in_by,
            ticked_by: (s.sign_in_by == crate::training::PresenceBy::Trainer)
                .then_some(s.recorded_by),
        });
    }
    let induction_total: i32 = levels.iter().map(|l| l.half_hours).sum();
    let induction_passed =
        levels.iter().all(|l| l.passed) && induction_total >= policy.induction_half_hours;
    let qualifications = db::qualifications_of(&mut *conn, enterprise_id, user_id)
        .await?
        .into_iter()
        .map(|q| FileQualification {
            kind: q.kind,
            from_session: q.from_session,
            document_ref: q.document_ref,
            last_day: last_day(q.valid_until).to_string(),
            valid: q.valid_until > now,
        })
        .collect();
    let moves = db::moves(
        &mut *conn,
        &[enterprise_id],
        Some(std::slice::from_ref(&user_id)),
    )
    .await?
    .into_iter()
    .map(|m| MoveRow {
        kind: m.kind,
        on_date: m.on_date.to_string(),
        away_since: m.away_since.map(|d| d.to_string()),
        note: m.note,
    })
    .collect();
    Ok(TrainingFile {
        user_id,
        name: person.name.clone(),
        employee_no: person.employee_no.clone(),
        department: person.department.clone(),
        hired_on: person.hired_on.map(|d| d.to_string()),
        rows,
        hours_by_year: years.into_iter().rev().collect(),
        induction: levels,
        induction_passed,
        induction_need_half_hours: policy.induction_half_hours,
        clearance,
        qualifications,
        moves,
        may_record_moves: MOVE_RECORDERS.contains(&actor.role),
    })
}

/// Records a 转岗 or 复岗 of a person of the enterprise. The audit row's subject is the person.
pub async fn record_move(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    input: &MoveInput,
) -> Result<(), AppError> {
    let spec = StepSpec {
        action: TrainingAction::Move.into(),
        roles: MOVE_RECORDERS,
        client_id,
        subject: Some(input.user_id),
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_prior| Ok(()));
    let enterprise_id = tx.enterprise_id;
    if !crate::users::db::all_active_people(tx.conn(), enterprise_id, &[input.user_id]).await? {
        return Err(AppError::NotFound);
    }
    let id = Uuid::now_v7();
    let new = db::NewMove {
        id,
        enterprise_id,
        input,
        recorded_by: actor.id,
        client_id,
    };
    db::insert_move(tx.conn(), &new).await?;
    let detail = json!({
        "move": id,
        "kind": input.kind,
        "on_date": input.on_date.to_string(),
        "away_since": input.away_since.map(|d| d.to_string()),
    });
    tx.commit(detail).await
}

/// The enterprise's training policy (its admins).
pub async fn policy(pool: &PgPool, actor: &SessionUser) -> Result<Policy, AppError> {
    actor.require_role(&[Role::EnterpriseAdmin])?;
    let enterprise_id = actor.enterprise()?;
    Ok(db::policies(pool, &[enterprise_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, p)| p)
        .unwrap_or_default())
}

/// Sets the enterprise's training policy, audited as an enterprise setting.
pub async fn set_policy(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    policy: &Policy,
) -> Result<(), AppError> {
    let spec = StepSpec {
        action: AuditAction::ENTERPRISE_SETTINGS,
        roles: &[Role::EnterpriseAdmin],
        client_id,
        subject: actor.enterprise_id,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_prior| Ok(()));
    let enterprise_id = tx.enterprise_id;
    db::set_policy(tx.conn(), enterprise_id, policy).await?;
    let detail = json!({
        "training_policy": {
            "induction_half_hours": policy.induction_half_hours,
            "annual_half_hours": policy.annual_half_hours,
        }
    });
    tx.commit(detail).await
}

/// The regulator's dashboard: for each enterprise of their jurisdiction, people cleared, and
/// of the people on a permit in the last 12 months (entrant, attendant, person in charge or
/// approver: those 13号令 asks to be trained), how many hold a valid confined-space
/// qualification today. We count the permit crews, not everyone holding a qualification, so
/// an enterprise that trains nobody and lets untrained people work does not look complete.
pub async fn regulator(
    pool: &PgPool,
    actor: &SessionUser,
    now: OffsetDateTime,
) -> Result<Vec<RegulatorRow>, AppError> {
    actor.require_role(&[Role::Regulator])?;
    let jurisdiction = actor.jurisdiction_id.ok_or(AppError::Forbidden)?;
    let mut conn = pool.acquire().await?;
    let enterprises = db::jurisdiction_enterprises(&mut *conn, jurisdiction).await?;
    let ids: Vec<Uuid> = enterprises.iter().map(|(id, _)| *id).collect();
    let loaded = Loaded::load(&mut conn, &ids, None).await?;
    let since = now - Duration::days(365);
    let crews = db::permit_crews(&mut *conn, &ids, since, now).await?;
    let today = china_day(now);
    Ok(enterprises
        .into_iter()
        .map(|(enterprise_id, name)| {
            let people: Vec<_> = loaded
                .people
                .iter()
                .filter(|p| p.enterprise_id == enterprise_id)
                .collect();
            let cleared = people
                .iter()
                .filter(|p| loaded.clearance(p, today).is_cleared())
                .count();
            let crew: Vec<_> = crews.iter().filter(|c| c.0 == enterprise_id).collect();
            RegulatorRow {
                enterprise_id,
                name,
                people: people.len() as u32,
                cleared: cleared as u32,
                confined_space_people: crew.len() as u32,
                confined_space_trained: crew.iter().filter(|c| c.2).count() as u32,
            }
        })
        .collect())
}

/// Per enterprise, its active people and how many of them are cleared for work today: two
/// reads for all of them. The caller has checked that the actor may read them (a regulator's
/// reach).
pub async fn coverage_by_enterprise(
    pool: &PgPool,
    enterprises: &[Uuid],
    now: OffsetDateTime,
) -> Result<HashMap<Uuid, (u32, u32)>, AppError> {
    let mut conn = pool.acquire().await?;
    let loaded = Loaded::load(&mut conn, enterprises, None).await?;
    let today = china_day(now);
    let mut out: HashMap<Uuid, (u32, u32)> = HashMap::new();
    for person in &loaded.people {
        let figure = out.entry(person.enterprise_id).or_default();
        figure.0 += 1;
        figure.1 += u32::from(loaded.clearance(person, today).is_cleared());
    }
    Ok(out)
}

/// The reasons of `reasons` as plain values (tests and logs).
pub fn first_reason(c: &ClearanceView) -> Option<Reason> {
    c.reasons.first().copied()
}
