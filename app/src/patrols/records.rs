//! A patrol on site: started from the point's current QR token (or its typed short code) at
//! server time, then submitted once. Each is one audited step; a retry with the same client
//! id answers as the first time did. Every failed item raises exactly one hazard, inside the
//! submission's transaction (`hazards::service::raise_in`), with its own audit row
//! (`hazard.raise`, `AuditedTx::also_created`): the first entry of the hazard's trail.

use super::{
    answers::{AnswerInput, CheckpointState},
    db,
    record_db::{self, NewRecord},
    AnswerResult, Checklist, ChecklistKind, PatrolRefusal, Presence,
};
use crate::patrols::PatrolAction;
use crate::patrols::PatrolField;
use crate::{
    audit::step::{AuditedTx, StepSpec},
    auth::{Role, SessionUser},
    error::{AppError, Problem},
    fresh_or,
    hazards::{
        service::{self as hazards, Raise},
        Finding, HazardSource, ReportInput,
    },
};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

/// Everyone of the enterprise may patrol (a schedule says who is expected to).
pub const PATROLLERS: &[Role] = &Role::ENTERPRISE_ROLES;

fn refuse<T>(reason: PatrolRefusal) -> Result<T, AppError> {
    Err(AppError::refused(reason))
}

/// What starting a patrol asks: from which token (or typed short code), against which
/// checklist.
pub struct Start<'a> {
    /// The QR's token (scanned) or the point's short code (typed): the presence recorded.
    pub token: &'a str,
    pub checklist_id: Uuid,
    /// Server time, taken by the caller.
    pub now: OffsetDateTime,
}

/// The part of a patrol submission's audit detail (`patrol.submit`) a retry answers: how
/// many hazards its failed items raised.
#[derive(serde::Deserialize)]
pub(super) struct SubmitDetail {
    hazards: u64,
}

impl SubmitDetail {
    pub(super) fn of(raised: usize) -> serde_json::Value {
        json!({ "hazards": raised })
    }

    pub(super) fn answer(self) -> Submitted {
        Submitted {
            hazards: usize::try_from(self.hazards).unwrap_or(usize::MAX),
        }
    }
}

/// Starts a record. Refused without a current token of a patrol point of the enterprise.
pub async fn start(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    s: Start<'_>,
) -> Result<Uuid, AppError> {
    let spec = StepSpec {
        action: PatrolAction::Start.into(),
        roles: PATROLLERS,
        client_id,
        subject: None,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| {
        prior.require("checklist", s.checklist_id)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    let enterprise_id = tx.enterprise_id;
    // Tokens are letters and digits; anything else is no token of ours.
    if s.token.is_empty() || !s.token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(AppError::NotFound);
    }
    // Only the server says how the point was shown: a short code was typed (`/scan/code`
    // never gives a point's token), a token was scanned.
    let presence = if crate::checkpoint::is_short_code(s.token) {
        Presence::ShortCode
    } else {
        Presence::Qr
    };
    let (point_id, token) =
        match record_db::checkpoint(tx.conn(), enterprise_id, s.token, presence).await? {
            CheckpointState::Unknown => return Err(AppError::NotFound),
            CheckpointState::Replaced => return refuse(PatrolRefusal::TokenReplaced),
            CheckpointState::OtherKind => return refuse(PatrolRefusal::NotAPatrolPoint),
            CheckpointState::Point(id, token) => (id, token),
        };
    if db::lock_point(tx.conn(), enterprise_id, point_id).await? != Some(true) {
        return refuse(PatrolRefusal::PointInactive);
    }
    let version_id =
        record_db::attached_version(tx.conn(), enterprise_id, point_id, s.checklist_id)
            .await?
            .ok_or(AppError::invalid(PatrolField::Checklist, Problem::Invalid))?;
    let id = Uuid::now_v7();
    let record = NewRecord {
        id,
        enterprise_id,
        point_id,
        version_id,
        patroller_id: actor.id,
        started_at: s.now,
        presence,
        token: &token,
        client_id,
    };
    record_db::insert_record(tx.conn(), record).await?;
    let detail = json!({ "checklist": s.checklist_id, "presence": presence });
    tx.created(id, detail).await?;
    Ok(id)
}

/// The record and the checklist version it is filled against, for its form (the patroller's
/// own, not yet submitted).
pub async fn form(
    pool: &PgPool,
    actor: &SessionUser,
    id: Uuid,
) -> Result<(record_db::LockedRecord, Checklist), AppError> {
    actor.require_role(PATROLLERS)?;
    let enterprise_id = actor.enterprise()?;
    let record = record_db::record(pool, enterprise_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if record.patroller_id != actor.id {
        return refuse(PatrolRefusal::NotYourRecord);
    }
    let mut conn = pool.acquire().await?;
    let checklist = db::checklist_version(&mut conn, enterprise_id, record.checklist_version_id);
    Ok((record, checklist.await?))
}

/// Whether `reader` may read the patrol record whose answer carries photo `photo_id`: its
/// patroller, and the officers who read every record (`service::EDITORS`: the board, the
/// export). `None` when no record of the reader's enterprise carries it. For the photos
/// feature: a photo follows what it belongs to.
/// `photo_visible` as the photos feature calls it (`photos::service::PhotoReader`).
pub fn photo_reader<'a>(
    pool: &'a PgPool,
    reader: &'a SessionUser,
    photo_id: Uuid,
) -> futures::future::BoxFuture<'a, Result<Option<bool>, AppError>> {
    Box::pin(photo_visible(pool, reader, photo_id))
}

pub async fn photo_visible(
    pool: &PgPool,
    reader: &SessionUser,
    photo_id: Uuid,
) -> Result<Option<bool>, AppError> {
    let Some(enterprise_id) = reader.enterprise_id else {
        return Ok(None);
    };
    let patroller = record_db::patroller_of_photo(pool, enterprise_id, photo_id).await?;
    Ok(patroller.map(|patroller| {
        patroller == reader.id || reader.require_role(super::service::EDITORS).is_ok()
    }))
}

/// How many hazards a submission raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Submitted {
    pub hazards: usize,
}

/// Submits a record's answers (checked with `answers::validate` against its version, photos
/// stored before). One step: the answers, one hazard per failed item, the submission time.
pub async fn submit(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    answers: &[AnswerInput],
    now: OffsetDateTime,
) -> Result<Submitted, AppError> {
    let spec = StepSpec {
        action: PatrolAction::Submit.into(),
        roles: PATROLLERS,
        client_id,
        subject: Some(id),
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| prior
        .detail_as::<SubmitDetail>()
        .map(SubmitDetail::answer));
    let enterprise_id = tx.enterprise_id;
    let record = record_db::lock_record(tx.conn(), enterprise_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if record.patroller_id != actor.id {
        return refuse(PatrolRefusal::NotYourRecord);
    }
    if record.submitted_at.is_some() {
        return refuse(PatrolRefusal::AlreadySubmitted);
    }
    // Answers made offline are dated by the phone; never before the server saw the start.
    crate::offline::not_before(now, record.started_at)?;
    let raised = store_answers(&mut tx, id, &record, answers, now).await?;
    record_db::set_submitted(tx.conn(), id, now).await?;
    tx.commit(SubmitDetail::of(raised)).await?;
    Ok(Submitted { hazards: raised })
}

/// Inside a submission's step: the answers of record `id` (locked, not yet submitted), one
/// hazard per failed item (each with its own audit row), made at `now`. Returns how many
/// hazards were raised. The record is not marked submitted here.
pub(super) async fn store_answers(
    tx: &mut AuditedTx<'_>,
    id: Uuid,
    record: &record_db::LockedRecord,
    answers: &[AnswerInput],
    now: OffsetDateTime,
) -> Result<usize, AppError> {
    let enterprise_id = tx.enterprise_id;
    let checklist =
        db::checklist_version(tx.conn(), enterprise_id, record.checklist_version_id).await?;
    // Exactly the version's items, each once, in its order.
    let same = answers.len() == checklist.items.len()
        && checklist
            .items
            .iter()
            .zip(answers)
            .all(|(item, a)| item.id == a.item_id);
    if !same {
        return Err(AppError::invalid(PatrolField::Answer, Problem::Invalid));
    }
    let source = match checklist.kind {
        ChecklistKind::DailyPatrol => HazardSource::DailyPatrol,
        ChecklistKind::SelfCheck25 => HazardSource::SelfCheck25,
    };
    let mut raised = 0;
    for (item, answer) in checklist.items.iter().zip(answers) {
        record_db::insert_answer(tx.conn(), enterprise_id, id, answer).await?;
        if answer.result != AnswerResult::Fail {
            continue;
        }
        let location: String = [record.point_name.as_str(), record.point_area.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
            .chars()
            .take(crate::hazards::LOCATION_MAX as usize)
            .collect();
        let mut description = item.text.clone();
        if let Some(n) = answer.number {
            description.push_str(&format!("（{n} {}）", item.unit));
        }
        if !answer.note.is_empty() {
            description.push('：');
            description.push_str(&answer.note);
        }
        let report = ReportInput {
            location,
            description,
            category: item.category,
            grade: item.fail_grade,
            source,
        };
        let raise = Raise {
            report,
            finding: Finding {
                record_id: id,
                item_id: item.id,
                point_id: record.point_id,
                criterion: &item.basis,
            },
            photo: answer.photo_id,
            at: now,
        };
        hazards::raise_in(tx, raise).await?;
        raised += 1;
    }
    Ok(raised)
}
