//! The review of sign-ins the offline outbox brought (issue 20 §4): the session's trainer (or
//! an officer or admin) accepts or rejects each, one audited step; only an accepted one
//! counts for hours, the sign-in sheet, qualifications and clearance.

use super::{
    model::PresenceForm,
    service::{managed_session, not_cancelled, spec},
};
use crate::training::TrainingAction;
use crate::{
    audit::step::AuditedTx,
    auth::SessionUser,
    error::{AppError, Field},
    fresh_or, input,
    training::{results, Review, TrainingRefusal},
};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

/// Accepts (`accept`) or rejects the pending offline sign-in of `form.user_id` at session
/// `session_id`. The same decision again changes nothing; the other one is refused.
pub async fn review(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    session_id: Uuid,
    form: &PresenceForm,
    accept: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let user_id = input::uuid(&form.user_id, Field::User)?;
    let action = if accept {
        TrainingAction::SignInAccept
    } else {
        TrainingAction::SignInReject
    };
    let begun = AuditedTx::begin(pool, actor, spec(action, client_id, Some(session_id)));
    let mut tx = fresh_or!(begun.await?, |prior| prior.require("user_id", user_id));
    let session = managed_session(&mut tx, session_id).await?;
    not_cancelled(&session)?;
    if user_id == actor.id {
        return Err(AppError::refused(TrainingRefusal::SelfRecord));
    }
    let review: Option<Option<Review>> = sqlx::query_scalar(
        "select review from training_attendance where session_id = $1 and user_id = $2
         for update",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_optional(tx.conn())
    .await?;
    let decision = if accept {
        Review::Accepted
    } else {
        Review::Rejected
    };
    match review {
        None => return Err(AppError::refused(TrainingRefusal::PersonNotSignedIn)),
        Some(Some(Review::Pending)) => {}
        Some(Some(done)) if done == decision => return tx.unchanged().await,
        Some(_) => return Err(AppError::refused(TrainingRefusal::NotPendingReview)),
    }
    sqlx::query(
        "update training_attendance set review = $3, reviewed_by = $4, reviewed_at = $5
         where session_id = $1 and user_id = $2",
    )
    .bind(session_id)
    .bind(user_id)
    .bind(decision)
    .bind(actor.id)
    .bind(now)
    .execute(tx.conn())
    .await?;
    results::sync_qualification(tx.conn(), &session, user_id, actor.id).await?;
    tx.commit(json!({ "user_id": user_id, "review": decision }))
        .await
}
