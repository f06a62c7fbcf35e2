//! What an admin may do with people, checked here on the server: role first, then enterprise.
//! Server functions are thin wrappers around these, and the database tests call them directly.

use super::{
    csv_import,
    db::{self, Inserted},
    ImportSummary, NewUser, UserRow,
};
use crate::{
    audit,
    auth::{
        password_rules::validate_new_password,
        server::{password, session},
        Role, SessionUser,
    },
    error::{AppError, Field, Problem, RowProblem},
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

const ADMINS: &[Role] = &[Role::EnterpriseAdmin];

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
    let enterprise_id = actor.enterprise()?;
    let hash = password::hash(user.password.clone()).await?;
    let mut tx = pool.begin().await?;
    match db::insert(
        &mut tx,
        enterprise_id,
        actor.id,
        Some(client_id),
        &user,
        &hash,
    )
    .await?
    {
        Inserted::New(row) => {
            audit::record_by(
                &mut tx,
                actor,
                "user.create",
                Some(row.id),
                Some(client_id),
                json!({ "role": row.role.as_str() }),
            )
            .await?;
            tx.commit().await?;
            Ok(row)
        }
        // A retry of the same submission: hand back what the first one stored.
        Inserted::Existing {
            row,
            enterprise_id: e,
        } if e == Some(enterprise_id) => Ok(row),
        Inserted::Existing { .. } => Err(AppError::ClientIdReused),
    }
}

pub async fn set_active(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    user_id: Uuid,
    active: bool,
) -> Result<(), AppError> {
    actor.require_role(ADMINS)?;
    let enterprise_id = actor.enterprise()?;
    if user_id == actor.id && !active {
        // An admin locking themselves out would leave the enterprise without one.
        return Err(AppError::invalid(Field::User, Problem::Invalid));
    }
    let mut tx = pool.begin().await?;
    if !db::set_active(&mut tx, enterprise_id, user_id, active).await? {
        return Err(AppError::NotFound);
    }
    if !active {
        session::delete_all_for_user(&mut tx, user_id).await?;
    }
    audit::record_by(
        &mut tx,
        actor,
        if active {
            "user.activate"
        } else {
            "user.deactivate"
        },
        Some(user_id),
        Some(client_id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn reset_password(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    user_id: Uuid,
    new_password: String,
) -> Result<(), AppError> {
    actor.require_role(ADMINS)?;
    let enterprise_id = actor.enterprise()?;
    validate_new_password(&new_password)?;
    let hash = password::hash(new_password).await?;
    let mut tx = pool.begin().await?;
    if !db::set_password(&mut tx, enterprise_id, user_id, &hash).await? {
        return Err(AppError::NotFound);
    }
    session::delete_all_for_user(&mut tx, user_id).await?;
    audit::record_by(
        &mut tx,
        actor,
        "user.reset_password",
        Some(user_id),
        Some(client_id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Imports a whole CSV file or nothing. A retry with the same client id imports nothing again
/// and reports the first import's count.
pub async fn import(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    csv_text: &str,
) -> Result<ImportSummary, AppError> {
    actor.require_role(ADMINS)?;
    let enterprise_id = actor.enterprise()?;
    if let Some(count) = db::previous_import(pool, enterprise_id, client_id).await? {
        return Ok(ImportSummary {
            imported: count as u32,
        });
    }
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
                field: Field::Mobile,
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
                field: Field::EmployeeNo,
                problem: Problem::Taken,
            });
        }
    }
    if !problems.is_empty() {
        return Err(AppError::InvalidRows(problems));
    }

    let hashes =
        password::hash_all(people.iter().map(|(_, p)| p.password.clone()).collect()).await?;
    let mut tx = pool.begin().await?;
    if !db::claim_import(
        &mut tx,
        enterprise_id,
        actor.id,
        client_id,
        people.len() as i32,
    )
    .await?
    {
        // The same import is being stored by a concurrent retry.
        tx.rollback().await?;
        let count = db::previous_import(pool, enterprise_id, client_id).await?;
        return Ok(ImportSummary {
            imported: count.unwrap_or(0) as u32,
        });
    }
    for ((row, person), hash) in people.iter().zip(&hashes) {
        match db::insert(&mut tx, enterprise_id, actor.id, None, person, hash).await {
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
    audit::record_by(
        &mut tx,
        actor,
        "user.import",
        None,
        Some(client_id),
        json!({ "rows": people.len() }),
    )
    .await?;
    tx.commit().await?;
    Ok(ImportSummary {
        imported: people.len() as u32,
    })
}
