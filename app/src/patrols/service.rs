//! What officers do with points, checklists and schedules, each write one audited step; and
//! the day's rounds. Safety officers and enterprise admins edit; everyone of the enterprise
//! reads points and their own rounds.

/// For the regulators' figures: many enterprises' 25 items and patrol completion at once.
pub use super::selfcheck::service::{cleared_by_enterprise, completions};

use super::{
    db,
    model::{ChecklistForm, ItemInput, PointForm, ScheduleForm},
    packs,
    policy::PatrolPolicy,
    policy_db, rounds, schedule_db, Checklist, ChecklistSummary, Point, RoundView, ScheduleView,
};
use crate::patrols::PatrolAction;
use crate::patrols::PatrolField;
use crate::{
    audit::{
        step::{AuditedTx, StepSpec},
        AuditAction,
    },
    auth::{Role, SessionUser},
    checkpoint::{self, db as checkpoints, CheckpointKind, Poster},
    error::{AppError, Problem},
    fresh_or,
};
use serde_json::json;
use sqlx::PgPool;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

pub const EDITORS: &[Role] = &[Role::SafetyOfficer, Role::EnterpriseAdmin];
pub const READERS: &[Role] = &Role::ENTERPRISE_ROLES;
/// The patrol policy is an enterprise setting: its admin's.
pub const POLICY_EDITORS: &[Role] = &[Role::EnterpriseAdmin];

fn spec(action: impl Into<AuditAction>, client_id: Uuid, subject: Option<Uuid>) -> StepSpec {
    let action: AuditAction = action.into();
    StepSpec {
        action,
        roles: EDITORS,
        client_id,
        subject,
    }
}

impl From<&packs::PackItem> for ItemInput {
    fn from(item: &packs::PackItem) -> Self {
        ItemInput {
            key: None,
            text: item.text.to_owned(),
            category: item.category,
            basis: item.basis.to_owned(),
            verified: item.verified,
            answer_type: super::AnswerType::PassFail,
            min_value: None,
            max_value: None,
            unit: String::new(),
            photo_on_fail: true,
            fail_grade: item.fail_grade,
        }
    }
}

/// The part of an edit's audit detail a retry answers: the version it made.
#[derive(serde::Deserialize)]
struct VersionDetail {
    version: i32,
}

/// Installs a ready pack as a template of the enterprise (version 1). Once per pack.
pub async fn install_pack(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    key: &str,
) -> Result<Uuid, AppError> {
    actor.require_role(EDITORS)?;
    let pack =
        packs::find(key.trim()).ok_or(AppError::invalid(PatrolField::Pack, Problem::Invalid))?;
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(PatrolAction::ChecklistInstall, client_id, None),
    );
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("pack", pack.key)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    let enterprise_id = tx.enterprise_id;
    let head = (pack.name, pack.kind, Some(pack.key));
    let id = db::insert_checklist(tx.conn(), enterprise_id, actor.id, client_id, head).await?;
    let items: Vec<ItemInput> = pack
        .items
        .iter()
        .enumerate()
        .map(|(n, item)| ItemInput {
            key: Some(packs::item_key(pack.key, n)),
            ..ItemInput::from(item)
        })
        .collect();
    db::insert_version(tx.conn(), enterprise_id, id, 1, actor.id, &items).await?;
    tx.created(id, json!({ "pack": pack.key })).await?;
    Ok(id)
}

/// Saves an edit of a checklist as its next version; records filled before keep theirs.
pub async fn edit_checklist(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    expected_version: i32,
    form: &ChecklistForm,
) -> Result<i32, AppError> {
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(PatrolAction::ChecklistEdit, client_id, Some(id)),
    );
    let mut tx = fresh_or!(begun.await?, |prior| prior
        .detail_as::<VersionDetail>()
        .map(|d| d.version));
    let (name, mut items) = form.validate()?;
    let enterprise_id = tx.enterprise_id;
    // An edited row keeps its item's key, so earlier answers still count for it.
    let previous = db::checklist(tx.conn(), enterprise_id, id).await?;
    let keys: Vec<String> = previous.items.into_iter().map(|i| i.key).collect();
    super::model::carry_keys(&keys, &mut items);
    if !db::bump_version(tx.conn(), enterprise_id, id, expected_version, &name).await? {
        // Unknown here, or someone saved a newer version first.
        db::checklist(tx.conn(), enterprise_id, id).await?;
        return Err(AppError::invalid(PatrolField::Checklist, Problem::Stale));
    }
    let version = expected_version + 1;
    db::insert_version(tx.conn(), enterprise_id, id, version, actor.id, &items).await?;
    tx.commit(json!({ "version": version })).await?;
    Ok(version)
}

pub async fn checklists(
    pool: &PgPool,
    actor: &SessionUser,
) -> Result<Vec<ChecklistSummary>, AppError> {
    actor.require_role(READERS)?;
    db::checklists(pool, actor.enterprise()?).await
}

pub async fn checklist(
    pool: &PgPool,
    actor: &SessionUser,
    id: Uuid,
) -> Result<Checklist, AppError> {
    actor.require_role(READERS)?;
    let mut conn = pool.acquire().await?;
    db::checklist(&mut conn, actor.enterprise()?, id).await
}

pub async fn points(pool: &PgPool, actor: &SessionUser) -> Result<Vec<Point>, AppError> {
    actor.require_role(READERS)?;
    db::points(pool, actor.enterprise()?).await
}

pub async fn point(pool: &PgPool, actor: &SessionUser, id: Uuid) -> Result<Point, AppError> {
    actor.require_role(READERS)?;
    db::point(pool, actor.enterprise()?, id).await
}

/// Registers a point and issues its QR token. A retry answers the point stored first.
pub async fn create_point(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &PointForm,
) -> Result<Point, AppError> {
    actor.require_role(EDITORS)?;
    let input = form.validate()?;
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(PatrolAction::PointCreate, client_id, None),
    );
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("name", &input.name)?;
        db::point(
            pool,
            actor.enterprise()?,
            prior.subject_id.ok_or(AppError::Internal)?,
        )
        .await
    });
    let enterprise_id = tx.enterprise_id;
    let id = db::insert_point(tx.conn(), enterprise_id, actor.id, client_id, &input).await?;
    checkpoints::issue(tx.conn(), enterprise_id, CheckpointKind::PatrolPoint, id).await?;
    let point = db::point(&mut *tx.conn(), enterprise_id, id).await?;
    tx.created(id, json!({ "name": input.name })).await?;
    Ok(point)
}

/// Saves an edit made on `expected_version` (refused as stale if someone saved in between).
pub async fn update_point(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    expected_version: i32,
    form: &PointForm,
) -> Result<Point, AppError> {
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(PatrolAction::PointEdit, client_id, Some(id)),
    );
    let mut tx = fresh_or!(begun.await?, |_prior| db::point(
        pool,
        actor.enterprise()?,
        id
    )
    .await);
    let input = form.validate()?;
    let enterprise_id = tx.enterprise_id;
    if !db::update_point(tx.conn(), enterprise_id, id, expected_version, &input).await? {
        db::point(&mut *tx.conn(), enterprise_id, id).await?;
        return Err(AppError::invalid(PatrolField::PatrolPoint, Problem::Stale));
    }
    let point = db::point(&mut *tx.conn(), enterprise_id, id).await?;
    tx.commit(json!({ "version": point.version })).await?;
    Ok(point)
}

/// Issues a new QR token; posters printed before open the "replaced" page and start nothing.
pub async fn regenerate_token(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
) -> Result<(), AppError> {
    let spec = spec(PatrolAction::PointTokenRegenerate, client_id, Some(id));
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_prior| Ok(()));
    let enterprise_id = tx.enterprise_id;
    db::lock_point(tx.conn(), enterprise_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    checkpoints::issue(tx.conn(), enterprise_id, CheckpointKind::PatrolPoint, id).await?;
    tx.commit(json!({})).await
}

/// The posters of the given points (all active ones when `ids` is empty), for printing.
pub async fn posters(
    pool: &PgPool,
    actor: &SessionUser,
    ids: &[Uuid],
    base_url: &str,
) -> Result<Vec<Poster>, AppError> {
    actor.require_role(EDITORS)?;
    let enterprise_id = actor.enterprise()?;
    let points: Vec<Point> = if ids.is_empty() {
        db::points(pool, enterprise_id)
            .await?
            .into_iter()
            .filter(|p| p.active)
            .collect()
    } else {
        let mut found = Vec::new();
        for id in ids {
            found.push(db::point(pool, enterprise_id, *id).await?);
        }
        found
    };
    let mut out = Vec::with_capacity(points.len());
    for point in points {
        let current =
            checkpoints::current(pool, enterprise_id, CheckpointKind::PatrolPoint, point.id);
        let Some(issued) = current.await? else {
            continue;
        };
        let url = format!("{}/c/{}", base_url.trim_end_matches('/'), issued.token);
        out.push(Poster {
            title: point.name,
            code: point.equipment,
            location: point.area,
            hazards: vec![],
            short_code: issued.short_code,
            svg: checkpoint::qr::svg(&url).ok_or(AppError::Internal)?,
            url,
        });
    }
    Ok(out)
}

pub async fn create_schedule(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &ScheduleForm,
) -> Result<Uuid, AppError> {
    actor.require_role(EDITORS)?;
    let input = form.validate()?;
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(PatrolAction::ScheduleCreate, client_id, None),
    );
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("name", &input.name)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    let enterprise_id = tx.enterprise_id;
    let id =
        schedule_db::insert_schedule(tx.conn(), enterprise_id, actor.id, client_id, &input).await?;
    tx.created(id, json!({ "name": input.name })).await?;
    Ok(id)
}

/// The enterprise's schedules, running ones first, for the officers who keep them.
pub async fn schedules(pool: &PgPool, actor: &SessionUser) -> Result<Vec<ScheduleView>, AppError> {
    actor.require_role(EDITORS)?;
    schedule_db::list(pool, actor.enterprise()?).await
}

/// Ends schedule `id` at `now`: from then on it expects no round; the rounds it expected
/// while it ran stay (`rounds::windows`). Ending an ended schedule changes nothing.
pub async fn end_schedule(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(PatrolAction::ScheduleEnd, client_id, Some(id)),
    );
    let mut tx = fresh_or!(begun.await?, |_prior| Ok(()));
    let enterprise_id = tx.enterprise_id;
    match schedule_db::lock(tx.conn(), enterprise_id, id).await? {
        None => Err(AppError::NotFound),
        Some((_, true)) => tx.unchanged().await,
        Some((name, false)) => {
            schedule_db::end(tx.conn(), id, actor.id, now).await?;
            tx.commit(json!({ "name": name })).await
        }
    }
}

/// Every expected round on `day`'s board (China time; with the day before's still running) and
/// its state at `now`: all of them for an officer; a worker's own (`mine`) for anyone.
pub async fn rounds(
    pool: &PgPool,
    actor: &SessionUser,
    day: Date,
    mine: bool,
    now: OffsetDateTime,
) -> Result<Vec<RoundView>, AppError> {
    actor.require_role(if mine { READERS } else { EDITORS })?;
    let enterprise_id = actor.enterprise()?;
    let who = mine.then_some((actor.id, actor.role));
    let named = schedule_db::schedules(pool, enterprise_id, who).await?;
    let specs: Vec<_> = named.iter().map(|(_, s)| s.clone()).collect();
    let Some((from, to)) = rounds::board_span(&specs, day) else {
        return Ok(vec![]);
    };
    let points: Vec<Uuid> = specs.iter().flat_map(|s| s.points.clone()).collect();
    let submissions = super::record_db::submissions(pool, enterprise_id, &points, from, to).await?;
    let bound = super::policy_db::policy(pool, enterprise_id)
        .await?
        .upload_bound();
    let names: std::collections::HashMap<Uuid, String> = db::points(pool, enterprise_id)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let schedule_names: std::collections::HashMap<Uuid, &str> =
        named.iter().map(|(n, s)| (s.id, n.as_str())).collect();
    Ok(rounds::board(&specs, &submissions, day, now, bound)
        .into_iter()
        .map(|r| RoundView {
            schedule: schedule_names
                .get(&r.schedule_id)
                .copied()
                .unwrap_or_default()
                .to_owned(),
            point_id: r.point_id,
            point: names.get(&r.point_id).cloned().unwrap_or_default(),
            window: crate::time_fmt::window(r.starts_at, r.ends_at),
            state: r.state,
            by: r.submission.as_ref().map(|s| s.by.clone()),
            uploaded: r
                .submission
                .as_ref()
                .and_then(|s| s.uploaded)
                .map(crate::time_fmt::local_minutes),
            upload_delay_hours: r
                .submission
                .as_ref()
                .and_then(|s| s.upload_delay())
                .map(|d| d.whole_hours()),
            at: r.submission.map(|s| crate::time_fmt::local_minutes(s.at)),
        })
        .collect())
}

/// The enterprise's patrol policy, for its admin.
pub async fn policy(pool: &PgPool, actor: &SessionUser) -> Result<PatrolPolicy, AppError> {
    actor.require_role(POLICY_EDITORS)?;
    Ok(policy_db::policy(pool, actor.enterprise()?).await?)
}

/// Sets the enterprise's patrol policy, audited as an enterprise setting.
pub async fn set_policy(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    policy: &PatrolPolicy,
) -> Result<(), AppError> {
    let spec = StepSpec {
        action: AuditAction::ENTERPRISE_SETTINGS,
        roles: POLICY_EDITORS,
        client_id,
        subject: actor.enterprise_id,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_prior| Ok(()));
    let (enterprise_id, by) = (tx.enterprise_id, tx.actor.id);
    let before = policy_db::set_policy(tx.conn(), enterprise_id, policy, by).await?;
    if before == *policy {
        return tx.unchanged().await;
    }
    tx.commit(json!({ "patrol_policy": { "from": before, "to": policy } }))
        .await
}
