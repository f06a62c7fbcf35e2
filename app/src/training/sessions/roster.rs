//! The trainer's writes on a session's roster, each one audited step: tick a person present
//! (no phone: recorded "by trainer" with the trainer's name), record a sign-out, override one
//! person's hours with a reason, and enter everyone's scores. Only the session's trainer,
//! officers and admins, and never on their own row (no self-certification, issue 20 §5). A
//! write more than a week after the session is a back-entry (`back_entry`).

use super::{
    back_entry, db,
    model::{clock, OverrideForm, PresenceForm, ScoresForm},
    service::{managed_session, not_cancelled, spec},
};
use crate::error::AnyField;
use crate::training::TrainingAction;
use crate::training::TrainingField;
use crate::{
    audit::step::AuditedTx,
    auth::SessionUser,
    error::{AppError, Field, Problem},
    fresh_or, input,
    time_fmt::CHINA,
    training::{
        results::{self, Outcome},
        session_db::{self, Session},
        AssessedBy, Assessment, TrainingRefusal,
    },
};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

/// Nobody records their own presence, hours or result.
fn not_self(actor: &SessionUser, user_id: Uuid) -> Result<(), AppError> {
    if user_id == actor.id {
        return Err(AppError::refused(TrainingRefusal::SelfRecord));
    }
    Ok(())
}

/// `HH:MM` on the session's day (China time), or `default` when empty.
fn at_on_day(
    session: &Session,
    value: &str,
    field: impl Into<AnyField>,
    default: OffsetDateTime,
) -> Result<OffsetDateTime, AppError> {
    let field: AnyField = field.into();
    if value.trim().is_empty() {
        return Ok(default);
    }
    let day = session.starts_at.to_offset(CHINA).date();
    Ok(day.with_time(clock(value, field)?).assume_offset(CHINA))
}

/// Ticks a person present. Without a time: from the session's start. A second tick (or a
/// person who already scanned) changes nothing.
pub async fn sign_in(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    session_id: Uuid,
    form: &PresenceForm,
) -> Result<(), AppError> {
    let user_id = input::uuid(&form.user_id, Field::User)?;
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(TrainingAction::RosterSignIn, client_id, Some(session_id)),
    );
    let mut tx = fresh_or!(begun.await?, |prior| prior.require("user_id", user_id));
    let session = managed_session(&mut tx, session_id).await?;
    not_cancelled(&session)?;
    not_self(actor, user_id)?;
    let at = at_on_day(
        &session,
        &form.time,
        TrainingField::SignInTime,
        session.starts_at,
    )?;
    if at > session.ends_at {
        return Err(AppError::invalid(
            TrainingField::SignInTime,
            Problem::TooLate,
        ));
    }
    let enterprise_id = tx.enterprise_id;
    if !db::is_person(tx.conn(), enterprise_id, user_id).await? {
        return Err(AppError::invalid(Field::User, Problem::Invalid));
    }
    if !session_db::invited(tx.conn(), session_id, user_id).await? {
        return Err(AppError::refused(TrainingRefusal::NotInvitedToSession));
    }
    if !db::insert_trainer_sign_in(tx.conn(), &session, user_id, at, actor.id).await? {
        return tx.unchanged().await;
    }
    // The roster's writes that take no clock are made now.
    back_entry::note_write(tx.conn(), &session, OffsetDateTime::now_utc(), actor.id).await?;
    tx.commit(json!({ "user_id": user_id, "at": at.unix_timestamp() }))
        .await
}

/// Records a person's sign-out. Without a time: now, or the end when the session is over.
pub async fn sign_out(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    session_id: Uuid,
    form: &PresenceForm,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let user_id = input::uuid(&form.user_id, Field::User)?;
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(TrainingAction::RosterSignOut, client_id, Some(session_id)),
    );
    let mut tx = fresh_or!(begun.await?, |prior| prior.require("user_id", user_id));
    let session = managed_session(&mut tx, session_id).await?;
    not_cancelled(&session)?;
    not_self(actor, user_id)?;
    let Some((signed_in_at, _)) = db::attendance(tx.conn(), session_id, user_id).await? else {
        return Err(AppError::refused(TrainingRefusal::PersonNotSignedIn));
    };
    let at = at_on_day(
        &session,
        &form.time,
        TrainingField::SignOutTime,
        now.min(session.ends_at),
    )?;
    if at < signed_in_at {
        return Err(AppError::invalid(
            TrainingField::SignOutTime,
            Problem::BeforeStart,
        ));
    }
    db::set_trainer_sign_out(tx.conn(), session_id, user_id, at, actor.id).await?;
    back_entry::note_write(tx.conn(), &session, now, actor.id).await?;
    tx.commit(json!({ "user_id": user_id, "at": at.unix_timestamp() }))
        .await
}

/// Sets one person's credited hours, with the reason (both audited).
pub async fn override_hours(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    session_id: Uuid,
    form: &OverrideForm,
) -> Result<(), AppError> {
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(TrainingAction::HoursOverride, client_id, Some(session_id)),
    );
    let mut tx = fresh_or!(begun.await?, |prior| prior
        .require("user_id", form.user_id.trim()));
    let session = managed_session(&mut tx, session_id).await?;
    not_cancelled(&session)?;
    let input = form.validate(session.credited_half_hours)?;
    not_self(actor, input.user_id)?;
    if db::attendance(tx.conn(), session_id, input.user_id)
        .await?
        .is_none()
    {
        return Err(AppError::refused(TrainingRefusal::PersonNotSignedIn));
    }
    db::set_override(
        tx.conn(),
        session_id,
        input.user_id,
        input.half_hours,
        &input.reason,
        actor.id,
    )
    .await?;
    back_entry::note_write(tx.conn(), &session, OffsetDateTime::now_utc(), actor.id).await?;
    tx.commit(json!({
        "user_id": form.user_id.trim(),
        "half_hours": input.half_hours,
        "reason": input.reason,
    }))
    .await
}

/// Enters the scores given (0–100; passed at the pass mark), through the one write of a
/// result, which also fills or withdraws a confined-space qualification.
pub async fn scores(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    session_id: Uuid,
    form: &ScoresForm,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(TrainingAction::Scores, client_id, Some(session_id)),
    );
    let mut tx = fresh_or!(begun.await?, |_prior| Ok(()));
    let session = managed_session(&mut tx, session_id).await?;
    not_cancelled(&session)?;
    if session.assessment != Assessment::Score {
        return Err(AppError::refused(TrainingRefusal::ScoresNotAsked));
    }
    let given = form.validate()?;
    for (user_id, _) in &given {
        not_self(actor, *user_id)?;
    }
    let pass_mark = session.pass_mark.ok_or(AppError::Internal)?;
    for (user_id, score) in &given {
        let outcome = Outcome {
            user_id: *user_id,
            score: Some(*score),
            passed: *score >= pass_mark,
            by: AssessedBy::Trainer,
            at: now,
            recorded_by: actor.id,
        };
        results::record(tx.conn(), &session, &outcome)
            .await
            .map_err(|e| match e {
                // A score for someone not signed in.
                AppError::NotFound => AppError::refused(TrainingRefusal::PersonNotSignedIn),
                other => other,
            })?;
    }
    back_entry::note_write(tx.conn(), &session, now, actor.id).await?;
    let detail: serde_json::Map<String, serde_json::Value> = given
        .iter()
        .map(|(u, s)| (u.to_string(), json!(s)))
        .collect();
    tx.commit(json!({ "scores": detail })).await
}
