//! The roster's steps: a file uploaded (kept, so the dry run and the import read the same
//! rows), its dry run, and the import, which applies every row the plan accepts in one step or
//! nothing.

use super::{classify, read, Applied, ApplyForm, RosterPreview};
use crate::{
    actor::{Role, SessionUser},
    audit::step::{AuditedTx, StepSpec},
    county::{
        db,
        service::{today, Reach, KEEPERS},
        CountyAction, CountyField,
    },
    error::{AppError, Problem},
    fresh_or,
    users::accounts::{self, Opening},
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

const MAX_FILE_NAME_CHARS: usize = 200;

/// Reads and keeps an uploaded roster; its dry run is next.
pub async fn upload(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    file_name: &str,
    bytes: &[u8],
) -> Result<Uuid, AppError> {
    let reach = Reach::of(actor)?;
    if bytes.is_empty() {
        return Err(AppError::invalid(CountyField::RosterFile, Problem::Required));
    }
    let rows = read::rows(bytes)?;
    let file_name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    let spec = StepSpec {
        action: CountyAction::RosterUpload.into(),
        roles: KEEPERS,
        client_id,
        subject: None,
    };
    let mut tx = fresh_or!(
        AuditedTx::begin_oversight(pool, actor, spec, None).await?,
        |prior| prior.subject_id.ok_or(AppError::Internal)
    );
    let id = Uuid::now_v7();
    db::insert_roster(tx.conn(), id, actor.id, reach.top(), &file_name, &rows).await?;
    let detail = json!({ "file_name": file_name, "rows": rows.len() });
    tx.created(id, detail).await?;
    Ok(id)
}

/// The uploader's own roster (another's is not found).
async fn own_roster(
    db: impl sqlx::PgExecutor<'_>,
    actor: &SessionUser,
    id: Uuid,
    lock: bool,
) -> Result<db::RosterImport, AppError> {
    db::roster(db, id, lock)
        .await?
        .filter(|r| r.actor_id == actor.id)
        .ok_or(AppError::NotFound)
}

/// The dry run: every row's outcome as the ledger stands now.
pub async fn preview(
    pool: &PgPool,
    actor: &SessionUser,
    id: Uuid,
) -> Result<RosterPreview, AppError> {
    let reach = Reach::of(actor)?;
    let roster = own_roster(pool, actor, id, false).await?;
    let mut conn = pool.begin().await?;
    let plan = classify::plan(&mut conn, reach, &roster.rows, today()).await?;
    conn.rollback().await?;
    Ok(RosterPreview {
        id,
        file_name: roster.file_name,
        applied: roster.applied_at.is_some(),
        rows: plan.results,
    })
}

/// Applies every row the plan accepts, in one step: new enterprises with their first admins
/// (all with the one first password given, each changing it at the first sign-in), changed
/// entries; refused rows are left out. Applied once: a retry answers the first time's counts.
pub async fn apply(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    form: &ApplyForm,
) -> Result<Applied, AppError> {
    let reach = Reach::of(actor)?;
    // Hashed before the step (slow), only when a password is given; whether one is needed is
    // known inside the step.
    let hash = match form.admin_password.as_str() {
        "" => None,
        given => Some(accounts::first_password_hash(given).await?),
    };
    let spec = StepSpec {
        action: CountyAction::RosterImport.into(),
        roles: KEEPERS,
        client_id,
        subject: Some(id),
    };
    let mut tx = fresh_or!(
        AuditedTx::begin_oversight(pool, actor, spec, None).await?,
        |prior| prior.detail_as::<Applied>()
    );
    let roster = own_roster(tx.conn(), actor, id, true).await?;
    if roster.applied_at.is_some() {
        return Err(AppError::invalid(CountyField::Import, Problem::Stale));
    }
    let plan = classify::plan(tx.conn(), reach, &roster.rows, today()).await?;
    let needs_password = plan.creations.iter().any(|c| c.admin.is_some());
    let hash = match (needs_password, hash) {
        (true, None) => return Err(AppError::invalid(crate::error::Field::Password, Problem::Required)),
        (_, hash) => hash.unwrap_or_default(),
    };
    let mut created = Vec::with_capacity(plan.creations.len());
    for c in &plan.creations {
        let enterprise = Uuid::now_v7();
        db::insert_enterprise(tx.conn(), enterprise, &c.entry).await?;
        if let Some((name, mobile)) = &c.admin {
            let opening = Opening {
                role: Role::EnterpriseAdmin,
                enterprise_id: Some(enterprise),
                jurisdiction_id: None,
                name: name.clone(),
                mobile: mobile.clone(),
            };
            accounts::open(
                tx.conn(),
                Uuid::now_v7(),
                &opening,
                Some(actor.id),
                &hash,
                CountyField::AdminMobile,
            )
            .await?;
        }
        created.push(enterprise);
    }
    let mut changed = Vec::with_capacity(plan.changes.len());
    for c in &plan.changes {
        db::update_enterprise(tx.conn(), c.id, &c.after).await?;
        changed.push(json!({ "id": c.id, "before": c.before, "after": c.after }));
    }
    db::mark_roster_applied(tx.conn(), id).await?;
    let applied = Applied {
        created: created.len(),
        changed: changed.len(),
    };
    let detail = json!({
        "created": applied.created,
        "changed": applied.changed,
        "enterprises": created,
        "changes": changed,
    });
    tx.commit(detail).await?;
    Ok(applied)
}
