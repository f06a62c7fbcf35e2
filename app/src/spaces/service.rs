//! What people may do with the ledger. Everyone of the enterprise reads it (a worker's scan
//! lands here); safety officers and enterprise admins write it. Regulators come later, read-only.

use super::{db, Space, SpaceForm, SpaceType, SpaceVersion};
use crate::{
    audit,
    auth::{Role, SessionUser},
    checkpoint::{self, db as checkpoints, CheckpointKind, Poster},
    error::{AppError, Field, Problem},
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

const EDITORS: &[Role] = &[Role::SafetyOfficer, Role::EnterpriseAdmin];
const READERS: &[Role] = &[
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
    let enterprise_id = actor.enterprise()?;
    let input = form.validate()?;
    let mut tx = pool.begin().await?;
    let space = match db::insert(&mut tx, enterprise_id, actor.id, client_id, &input).await? {
        db::Created::New(space) => space,
        db::Created::Existing {
            space_id,
            enterprise_id: e,
        } if e == enterprise_id => {
            tx.rollback().await?;
            return db::get(pool, enterprise_id, space_id).await;
        }
        db::Created::Existing { .. } => return Err(AppError::ClientIdReused),
    };
    db::record_version(&mut tx, &space, actor.id).await?;
    checkpoints::issue(
        &mut tx,
        enterprise_id,
        CheckpointKind::ConfinedSpace,
        space.id,
    )
    .await?;
    audit::record_by(
        &mut tx,
        actor,
        "space.create",
        Some(space.id),
        Some(client_id),
        json!({ "code": space.code }),
    )
    .await?;
    tx.commit().await?;
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
    actor.require_role(EDITORS)?;
    let enterprise_id = actor.enterprise()?;
    let input = form.validate()?;
    let mut tx = pool.begin().await?;
    let Some(space) = db::update(&mut tx, enterprise_id, id, expected_version, &input).await?
    else {
        tx.rollback().await?;
        // Unknown here, or a retry of this very edit, or a newer edit by someone else.
        let current = db::get(pool, enterprise_id, id).await?;
        return if current.version == expected_version + 1 && db_matches(&current, &input) {
            Ok(current)
        } else {
            Err(AppError::invalid(Field::Space, Problem::Stale))
        };
    };
    db::record_version(&mut tx, &space, actor.id).await?;
    audit::record_by(
        &mut tx,
        actor,
        "space.edit",
        Some(space.id),
        Some(client_id),
        json!({ "version": space.version }),
    )
    .await?;
    tx.commit().await?;
    Ok(space)
}

fn db_matches(space: &Space, input: &super::SpaceInput) -> bool {
    space.code == input.code
        && space.name == input.name
        && space.location == input.location
        && space.space_type == input.space_type
        && space.hazards == input.hazards
        && space.required_gases == input.required_gases
}

/// Deactivates or reactivates; a space is never deleted (its history and operations stay).
pub async fn set_active(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    active: bool,
) -> Result<Space, AppError> {
    actor.require_role(EDITORS)?;
    let enterprise_id = actor.enterprise()?;
    let mut tx = pool.begin().await?;
    let space = db::set_active(&mut tx, enterprise_id, id, active)
        .await?
        .ok_or(AppError::NotFound)?;
    db::record_version(&mut tx, &space, actor.id).await?;
    audit::record_by(
        &mut tx,
        actor,
        if active {
            "space.activate"
        } else {
            "space.deactivate"
        },
        Some(id),
        Some(client_id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(space)
}

/// Issues a new QR token; posters printed before open a "this code was replaced" page.
pub async fn regenerate_token(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
) -> Result<(), AppError> {
    actor.require_role(EDITORS)?;
    let enterprise_id = actor.enterprise()?;
    db::get(pool, enterprise_id, id).await?;
    let mut tx = pool.begin().await?;
    checkpoints::issue(&mut tx, enterprise_id, CheckpointKind::ConfinedSpace, id).await?;
    audit::record_by(
        &mut tx,
        actor,
        "space.token_regenerate",
        Some(id),
        Some(client_id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
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
