//! A patrol started where there is no signal (issue 21 item 3): the point's page kept on the
//! phone holds the form of each checklist it carries; the worker starts there, answers and
//! submits, and the start and the answers travel together, as one post through the outbox
//! (`POST /api/v1/patrols/start_submit`, `http::start_submit`). The server creates the record
//! and stores its answers in one audited step, idempotent on the submission's client id.
//!
//! The times are the phone's, judged as every outbox time is (`rules::offline`): the
//! submission's time is the act's (`offline::act`), and the start is that time less how long
//! the phone says the form took (both readings of the phone's own clock, so its offset does
//! not matter). The start is believed only when
//! - the form took no negative time (a clock set back: refused as such);
//! - it took no longer than the enterprise's upload bound (`PatrolPolicy`): a form open for
//!   longer is no proof of a visit;
//! - the token shown then was current then: issued before the start (else `BeforeItsCause`),
//!   not replaced before it (else `TokenReplaced`).
//!
//! Presence is the server's to say, from how the token was obtained, as for an online start
//! (`records::start`): a scanned token is `Qr`, a typed short code `ShortCode`.

use super::{
    db,
    record_db::{self, NewRecord},
    records::{store_answers, Submitted, PATROLLERS},
    AnswerInput, Checklist, PatrolRefusal, Presence,
};
use crate::patrols::PatrolAction;
use crate::patrols::PatrolField;
use crate::{
    audit::step::{AuditedTx, StepSpec},
    auth::SessionUser,
    error::{AppError, Problem},
    fresh_or,
    offline::OfflineRefusal,
};
use serde_json::json;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// What an offline start says, besides its answers.
#[derive(Debug, Clone, Copy)]
pub struct OfflineStart<'a> {
    /// The QR's token (scanned) or the point's short code (typed), as the kept page had it.
    pub token: &'a str,
    pub checklist_id: Uuid,
    /// The checklist version the kept page's form was made from.
    pub version_id: Uuid,
    /// How long before the submission the patrol was started, on the phone's clock.
    pub took: Duration,
}

/// How the point was shown, from the token itself: only the server tells the two apart.
fn presence_of(token: &str) -> Result<Presence, AppError> {
    // Tokens are letters and digits; anything else is no token of ours.
    if token.is_empty() || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    Ok(if crate::checkpoint::is_short_code(token) {
        Presence::ShortCode
    } else {
        Presence::Qr
    })
}

/// The checklist version the answers are checked against before the step (their photos are
/// stored first): the version the kept form was made from, of a checklist the point carries.
pub async fn form_of(
    pool: &PgPool,
    actor: &SessionUser,
    s: &OfflineStart<'_>,
) -> Result<Checklist, AppError> {
    actor.require_role(PATROLLERS)?;
    let enterprise_id = actor.enterprise()?;
    let presence = presence_of(s.token)?;
    let mut conn = pool.acquire().await?;
    let point = record_db::point_token(&mut conn, enterprise_id, s.token, presence)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = record_db::attached_version_of(
        &mut conn,
        enterprise_id,
        point.point_id,
        s.checklist_id,
        s.version_id,
    )
    .await?
    .ok_or(AppError::invalid(PatrolField::Checklist, Problem::Invalid))?;
    db::checklist_version(&mut conn, enterprise_id, version).await
}

/// Creates the record started at the phone's time and stores its answers, made at `now`
/// (the act's time), in one audited step (`patrol.submit`, with the start's own row). A retry
/// with the same client id answers as the first time did.
pub async fn start_and_submit(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    s: OfflineStart<'_>,
    answers: &[AnswerInput],
    now: OffsetDateTime,
) -> Result<Submitted, AppError> {
    let spec = StepSpec {
        action: PatrolAction::Submit.into(),
        roles: PATROLLERS,
        client_id,
        subject: None,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| {
        prior.require("checklist", s.checklist_id)?;
        prior
            .detail_as::<super::records::SubmitDetail>()
            .map(super::records::SubmitDetail::answer)
    });
    let enterprise_id = tx.enterprise_id;
    let presence = presence_of(s.token)?;
    let point = record_db::point_token(tx.conn(), enterprise_id, s.token, presence)
        .await?
        .ok_or(AppError::NotFound)?;
    // The start, on the server's clock.
    if s.took.is_negative() {
        return Err(AppError::refused(OfflineRefusal::ClockMovedBack));
    }
    let bound = super::policy_db::policy(tx.conn(), enterprise_id)
        .await?
        .upload_bound();
    if s.took > bound {
        return Err(AppError::refused(PatrolRefusal::OfflineStartTooLong));
    }
    let started_at = now - s.took;
    // The token shown at the start was current then.
    crate::offline::not_before(started_at, point.issued_at)?;
    if point.replaced_at.is_some_and(|r| started_at >= r) {
        return Err(AppError::refused(PatrolRefusal::TokenReplaced));
    }
    if db::lock_point(tx.conn(), enterprise_id, point.point_id).await? != Some(true) {
        return Err(AppError::refused(PatrolRefusal::PointInactive));
    }
    let version_id = record_db::attached_version_of(
        tx.conn(),
        enterprise_id,
        point.point_id,
        s.checklist_id,
        s.version_id,
    )
    .await?
    .ok_or(AppError::invalid(PatrolField::Checklist, Problem::Invalid))?;
    let id = Uuid::now_v7();
    // The start's own audit row (the record's trail begins with it); its derived client id
    // is the record's.
    let started = json!({
        "checklist": s.checklist_id,
        "presence": presence,
        "offline": true,
        "started_at": started_at.unix_timestamp(),
    });
    let record_client_id = tx
        .also_created(PatrolAction::Start, id, id, started)
        .await?;
    let record = NewRecord {
        id,
        enterprise_id,
        point_id: point.point_id,
        version_id,
        patroller_id: actor.id,
        started_at,
        presence,
        token: &point.token,
        client_id: record_client_id,
    };
    record_db::insert_record(tx.conn(), record).await?;
    let locked = record_db::lock_record(tx.conn(), enterprise_id, id)
        .await?
        .ok_or(AppError::Internal)?;
    let hazards = store_answers(&mut tx, id, &locked, answers, now).await?;
    record_db::set_submitted(tx.conn(), id, now).await?;
    let detail = json!({ "checklist": s.checklist_id, "hazards": hazards, "offline_start": true });
    tx.created(id, detail).await?;
    Ok(Submitted { hazards })
}
