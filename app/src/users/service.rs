//! What an admin may do with people, checked here on the server: role first, then enterprise.
//! Server functions are thin wrappers around these, and the database tests call them directly.

use super::{csv_import, db, ImportSummary, NewUser, UserRow};
use crate::users::UserAction;
use crate::users::UserField;
use crate::{
    audit::{
        step::{AuditedTx, Prior, StepSpec},
        AuditAction,
    },
    auth::{
        password_rules::validate_new_password,
        server::{password, session},
        Role, SessionUser,
    },
    error::{AppError, Field, Problem, RowProblem},
    fresh_or,
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

const ADMINS: &[Role] = &[Role::EnterpriseAdmin];

fn spec(action: impl Into<AuditAction>, client_id: Uuid, subject: Option<Uuid>) -> StepSpec {
    let action: AuditAction = action.into();
    StepSpec {
        action,
        roles: ADMINS,
        client_id,
        subject,
    }
}

pub async fn list(pool: &PgPool, actor: &SessionUser) -> Result<Vec<UserRow>, AppError> {
    actor.require_role(ADMINS)?;
    db::list(pool, actor.enterprise()?).await
}

pub async fn create(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    user: NewUser,
) -> Result<UserRow, AppError> {
    actor.require_role(ADMINS)?;
    // Hashing is slow: done before the transaction, which then holds its connection briefly.
    let hash = password::hash(user.password.clone()).await?;
    let begun = AuditedTx::begin(pool, actor, spec(UserAction::Create, client_id, None));
    let mut tx = fresh_or!(begun.await?, |prior| {
        // A retry of the same submission: hand back what the first one stored.
        prior.require("name", &user.name)?;
        db::get(
            pool,
            actor.enterprise()?,
            prior.subject_id.ok_or(AppError::Internal)?,
        )
        .await
    });
    let enterprise_id = tx.enterprise_id;
    let row = db::insert(
        tx.conn(),
        enterprise_id,
        actor.id,
        Some(client_id),
        &user,
        &hash,
    )
    .await?;
    let detail = json!({ "role": row.role, "name": row.name });
    tx.created(row.id, detail).await?;
    Ok(row)
}

pub async fn set_active(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    user_id: Uuid,
    active: bool,
) -> Result<(), AppError> {
    let action = if active {
        UserAction::Activate
    } else {
        UserAction::Deactivate
    };
    let begun = AuditedTx::begin(pool, actor, spec(action, client_id, Some(user_id)));
    let mut tx = fresh_or!(begun.await?, |_prior| Ok(()));
    if user_id == actor.id && !active {
        // An admin locking themselves out would leave the enterprise without one.
        return Err(AppError::invalid(Field::User, Problem::Invalid));
    }
    let enterprise_id = tx.enterprise_id;
    if !db::set_active(tx.conn(), enterprise_id, user_id, active).await? {
        return Err(AppError::NotFound);
    }
    if !active {
        session::delete_all_for_user(tx.conn(), user_id).await?;
    }
    tx.commit(json!({})).await
}

pub async fn reset_password(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    user_id: Uuid,
    new_password: String,
) -> Result<(), AppError> {
    actor.require_role(ADMINS)?;
    validate_new_password(&new_password)?;
    let hash = password::hash(new_password).await?;
    let spec = spec(UserAction::ResetPassword, client_id, Some(user_id));
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_prior| Ok(()));
    let enterprise_id = tx.enterprise_id;
    if !db::set_password(tx.conn(), enterprise_id, user_id, &hash, actor.id).await? {
        return Err(AppError::NotFound);
    }
    session::delete_all_for_user(tx.conn(), user_id).await?;
    tx.commit(json!({})).await
}

/// Imports a whole CSV file or nothing. A retry with the same client id imports nothing again
/// and reports the first import's count.
pub async fn import(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    csv_text: &str,
) -> Result<ImportSummary, AppError> {
    let spec = spec(UserAction::Import, client_id, None);
    let file = file_digest(csv_text);
    // A retry answers before the file is checked and its passwords hashed again.
    if let Some(prior) = AuditedTx::prior(pool, actor, spec).await? {
        return import_answer(&prior, &file);
    }
    let enterprise_id = actor.enterprise()?;
    let people = csv_import::parse(csv_text)?;

    let mobiles: Vec<String> = people
        .iter()
        .filter_map(|(_, p)| p.mobile.clone())
        .collect();
    let employee_nos: Vec<String> = people
        .iter()
        .filter_map(|(_, p)| p.employee_no.clone())
        .collect();
    let (mobiles_taken, employee_nos_taken) =
        db::taken_identifiers(pool, enterprise_id, &mobiles, &employee_nos).await?;
    let mut problems = Vec::new();
    for (row, person) in &people {
        if person
            .mobile
            .as_ref()
            .is_some_and(|m| mobiles_taken.contains(m))
        {
            problems.push(RowProblem {
                row: *row,
                field: UserField::Mobile.into(),
                problem: Problem::Taken,
            });
        }
        if person
            .employee_no
            .as_ref()
            .is_some_and(|e| employee_nos_taken.contains(e))
        {
            problems.push(RowProblem {
                row: *row,
                field: UserField::EmployeeNo.into(),
                problem: Problem::Taken,
            });
        }
    }
    if !problems.is_empty() {
        return Err(AppError::InvalidRows(problems));
    }

    let hashes =
        password::hash_all(people.iter().map(|(_, p)| p.password.clone()).collect()).await?;
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| {
        import_answer(&prior, &file)
    });
    let row_count = people.len() as i32;
    if !db::claim_import(tx.conn(), enterprise_id, actor.id, client_id, row_count).await? {
        // The enterprise's import under this id exists without its audit row (which would
        // have answered the retry above): refused as a reuse, never imported twice.
        return Err(AppError::ClientIdReused);
    }
    for ((row, person), hash) in people.iter().zip(&hashes) {
        match db::insert(tx.conn(), enterprise_id, actor.id, None, person, hash).await {
            Ok(_) => {}
            // Taken between the check above and now: report it; the rollback keeps nothing.
            Err(AppError::Invalid { field, problem }) => {
                return Err(AppError::InvalidRows(vec![RowProblem {
                    row: *row,
                    field,
                    problem,
                }]))
            }
            Err(err) => return Err(err),
        }
    }
    tx.commit(json!({ "rows": people.len(), "file": file }))
        .await?;
    Ok(ImportSummary {
        imported: people.len() as u32,
    })
}

/// A retry of the same file imports nothing again and reports the first import's count.
fn import_answer(prior: &Prior, file: &str) -> Result<ImportSummary, AppError> {
    prior.require("file", file)?;
    /// The part of an import's audit detail (`user.import`) a retry answers.
    #[derive(serde::Deserialize)]
    struct ImportDetail {
        rows: u32,
    }
    let ImportDetail { rows } = prior.detail_as()?;
    Ok(ImportSummary { imported: rows })
}

/// A short digest of an imported file, so a retry is known to be the same file.
fn file_digest(csv_text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(csv_text.as_bytes());
    hex::encode(&digest[..12])
}
