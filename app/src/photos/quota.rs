//! The enterprise's photo storage quota (server only): what it is (its admin's setting, or
//! `DEFAULT_QUOTA_MIB`), the check every upload passes before its file is written, and the
//! admin's change, one audited step (an enterprise setting).

use super::{db, QuotaView, DEFAULT_QUOTA_MIB};
use crate::{
    audit::{
        step::{AuditedTx, StepSpec},
        AuditAction,
    },
    auth::{Role, SessionUser},
    error::{AppError, Field, Problem},
    fresh_or,
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

const ADMINS: &[Role] = &[Role::EnterpriseAdmin];
const MIB: i64 = 1024 * 1024;

/// The enterprise's quota in MB and whether its admin set it.
async fn quota_of(pool: &PgPool, enterprise_id: Uuid) -> Result<(u32, bool), AppError> {
    Ok(match db::quota_mib(pool, enterprise_id).await? {
        Some(mib) => (u32::try_from(mib).unwrap_or(DEFAULT_QUOTA_MIB), true),
        None => (DEFAULT_QUOTA_MIB, false),
    })
}

/// Refuses `adding` more bytes when the enterprise's stored photos and they would pass its
/// quota (`StorageFull`, naming it). Run before a file is decoded (`adding` 0: already full)
/// and before it is written. Two uploads at the same moment may both pass: the quota bounds
/// storage to within a few photos, which is what it is for.
pub async fn check(pool: &PgPool, enterprise_id: Uuid, adding: usize) -> Result<(), AppError> {
    let (quota_mib, _) = quota_of(pool, enterprise_id).await?;
    let used = db::stored_bytes(pool, enterprise_id).await?;
    let adding = i64::try_from(adding).unwrap_or(i64::MAX);
    let full = if adding == 0 {
        used >= i64::from(quota_mib) * MIB
    } else {
        used.saturating_add(adding) > i64::from(quota_mib) * MIB
    };
    if full {
        tracing::warn!(%enterprise_id, used, quota_mib, "photo storage full: upload refused");
        return Err(AppError::invalid(
            Field::Photo,
            Problem::StorageFull { quota_mib },
        ));
    }
    Ok(())
}

/// The quota and what is stored, for the enterprise's admin.
pub async fn current(pool: &PgPool, actor: &SessionUser) -> Result<QuotaView, AppError> {
    actor.require_role(ADMINS)?;
    let enterprise_id = actor.enterprise()?;
    let (quota_mib, set) = quota_of(pool, enterprise_id).await?;
    let used = db::stored_bytes(pool, enterprise_id).await?;
    Ok(QuotaView {
        quota_mib,
        set,
        used_mib: u32::try_from((used + MIB - 1) / MIB).unwrap_or(u32::MAX),
    })
}

/// Sets the enterprise's quota (`quota_mib` validated by `QuotaForm`), audited as an
/// enterprise setting. A quota below what is stored is allowed: uploads stop until it is
/// raised again (nothing stored is deleted).
pub async fn set(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    quota_mib: u32,
) -> Result<(), AppError> {
    let spec = StepSpec {
        action: AuditAction::ENTERPRISE_SETTINGS,
        roles: ADMINS,
        client_id,
        subject: actor.enterprise_id,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_prior| Ok(()));
    let enterprise_id = tx.enterprise_id;
    let mib = i32::try_from(quota_mib).map_err(|_| AppError::Internal)?;
    let before = db::set_quota_mib(tx.conn(), enterprise_id, mib).await?;
    tx.commit(json!({ "photo_quota_mib": { "from": before, "to": quota_mib } }))
        .await
}
