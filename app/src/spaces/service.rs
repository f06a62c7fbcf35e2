//! What people may do with the ledger. Everyone of the enterprise reads it (a worker's scan
//! lands here); safety officers and enterprise admins write it. Regulators come later, read-only.

use super::{db, Space, SpaceForm, SpaceType, SpaceVersion};
use crate::spaces::SpaceAction;
use crate::spaces::SpaceField;
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
use uuid::Uuid;

const EDITORS: &[Role] = &[Role::SafetyOfficer, Role::EnterpriseAdmin];

fn spec(action: impl Into<AuditAction>, client_id: Uuid, subject: Option<Uuid>) -> StepSpec {
    let action: AuditAction = action.into();
    StepSpec {
        action,
        roles: EDITORS,
        client_id,
        subject,
    }
}
pub const READERS: &[Role] = &[
    Role::Worker,
    Role::SafetyOfficer,
    Role::Trainer,
    Role::EnterpriseAdmin,
];

pub async fn list(
    pool: &PgPool,
    actor: &SessionUser,
    search: &str,
    space_type: Option<SpaceType>,
) -> Result<Vec<Space>, AppError> {
    actor.require_role(READERS)?;
    db::list(pool, actor.enterprise()?, search, space_type).await
}

pub async fn get(pool: &PgPool, actor: &SessionUser, id: Uuid) -> Result<Space, AppError> {
    actor.require_role(READERS)?;
    db::get(pool, actor.enterprise()?, id).await
}

pub async fn history(
    pool: &PgPool,
    actor: &SessionUser,
    id: Uuid,
) -> Result<Vec<SpaceVersion>, AppError> {
    actor.require_role(EDITORS)?;
    db::history(pool, actor.enterprise()?, id).await
}

/// Registers a space and issues its QR token. A retry with the same client id returns the
/// space the first submission stored.
pub async fn create(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &SpaceForm,
) -> Result<Space, AppError> {
    actor.require_role(EDITORS)?;
    let input = form.validate()?;
    let begun = AuditedTx::begin(pool, actor, spec(SpaceAction::Create, client_id, None));
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("code", &input.code)?;
        db::get(
            pool,
            actor.enterprise()?,
            prior.subject_id.ok_or(AppError::Internal)?,
        )
        .await
    });
    let enterprise_id = tx.enterprise_id;
    let space = db::insert(tx.conn(), enterprise_id, actor.id, client_id, &input).await?;
    db::record_version(tx.conn(), enterprise_id, &space, actor.id).await?;
    checkpoints::issue(
        tx.conn(),
        enterprise_id,
        CheckpointKind::ConfinedSpace,
        space.id,
    )
    .await?;
    tx.created(space.id, json!({ "code": space.code })).await?;
    Ok(space)
}

/// Saves an edit made on version `expected_version`. If someone saved in between, the edit
/// is refused (nothing is lost: the form keeps what was typed) and the page reloads the row.
pub async fn update(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    expected_version: i32,
    form: &SpaceForm,
) -> Result<Space, AppError> {
    let begun = AuditedTx::begin(pool, actor, spec(SpaceAction::Edit, client_id, Some(id)));
    let mut tx = fresh_or!(begun.await?, |_prior| db::get(
        pool,
        actor.enterprise()?,
        id
    )
    .await);
    let input = form.validate()?;
    let enterprise_id = tx.enterprise_id;
    let Some(space) = db::update(tx.conn(), enterprise_id, id, expected_version, &input).await?
    else {
        drop(tx);
        // Unknown here (NotFound), or someone else saved a newer version first.
        db::get(pool, enterprise_id, id).await?;
        return Err(AppError::invalid(SpaceField::Space, Problem::Stale));
    };
    db::record_version(tx.conn(), enterprise_id, &space, actor.id).await?;
    tx.commit(json!({ "version": space.version })).await?;
    Ok(space)
}

/// Deactivates or reactivates; a space is never deleted (its history and operations stay).
pub async fn set_active(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    active: bool,
) -> Result<Space, AppError> {
    let action = if active {
        SpaceAction::Activate
    } else {
        SpaceAction::Deactivate
    };
    let begun = AuditedTx::begin(pool, actor, spec(action, client_id, Some(id)));
    let mut tx = fresh_or!(begun.await?, |_prior| db::get(
        pool,
        actor.enterprise()?,
        id
    )
    .await);
    let enterprise_id = tx.enterprise_id;
    let space = db::set_active(tx.conn(), enterprise_id, id, active)
        .await?
        .ok_or(AppError::NotFound)?;
    db::record_version(tx.conn(), enterprise_id, &space, actor.id).await?;
    tx.commit(json!({})).await?;
    Ok(space)
}

/// Issues a new QR token; posters printed before open a "this code was replaced" page.
pub async fn regenerate_token(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
) -> Result<(), AppError> {
    let spec = spec(SpaceAction::TokenRegenerate, client_id, Some(id));
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_prior| Ok(()));
    let enterprise_id = tx.enterprise_id;
    db::lock(tx.conn(), enterprise_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    checkpoints::issue(tx.conn(), enterprise_id, CheckpointKind::ConfinedSpace, id).await?;
    tx.commit(json!({})).await
}

/// The posters of the given spaces (all active ones when `ids` is empty), for printing.
pub async fn posters(
    pool: &PgPool,
    actor: &SessionUser,
    ids: &[Uuid],
    base_url: &str,
) -> Result<Vec<Poster>, AppError> {
    actor.require_role(EDITORS)?;
    let enterprise_id = actor.enterprise()?;
    let spaces: Vec<Space> = if ids.is_empty() {
        db::list(pool, enterprise_id, "", None)
            .await?
            .into_iter()
            .filter(|s| s.active)
            .collect()
    } else {
        let mut found = Vec::new();
        for id in ids {
            found.push(db::get(pool, enterprise_id, *id).await?);
        }
        found
    };
    let mut out = Vec::with_capacity(spaces.len());
    for space in spaces {
        let Some(issued) =
            checkpoints::current(pool, enterprise_id, CheckpointKind::ConfinedSpace, space.id)
                .await?
        else {
            continue;
        };
        let url = format!("{}/c/{}", base_url.trim_end_matches('/'), issued.token);
        out.push(Poster {
            title: space.name,
            code: space.code,
            location: space.location,
            hazards: space
                .hazards
                .iter()
                .map(|h| h.as_str().to_owned())
                .collect(),
            short_code: issued.short_code,
            svg: checkpoint::qr::svg(&url).ok_or(AppError::Internal)?,
            url,
        });
    }
    Ok(out)
}
