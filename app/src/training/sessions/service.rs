//! What trainers, officers and admins do with sessions, each write one audited step: create
//! (with its sign-in token and QR key), cancel; and what everyone reads: the lists, the
//! session page, the draft of a new (or copied) session. The roster's writes: `roster.rs`.

use super::{
    db,
    model::{
        hours_text, MySession, NewSessionForm, PersonChoice, RosterRow, SessionForm, SessionLine,
        SessionLists, SessionPage,
    },
};
use crate::training::TrainingAction;
use crate::training::TrainingField;
use crate::{
    audit::{
        step::{AuditedTx, StepSpec},
        AuditAction,
    },
    auth::{Role, SessionUser},
    error::{AppError, Problem},
    fresh_or,
    rules::training::{late, left_early, recorded_half_hours},
    time_fmt::CHINA,
    training::{session_db, Assessment, InviteKind, TrainingRefusal},
};
use serde_json::json;
use sqlx::PgPool;
use time::{macros::format_description, OffsetDateTime};
use uuid::Uuid;

/// Who creates sessions and runs any session's roster.
pub const CREATORS: &[Role] = &[Role::Trainer, Role::SafetyOfficer, Role::EnterpriseAdmin];
/// Who runs every session of the enterprise (a trainer runs their own).
pub const OFFICERS: &[Role] = &[Role::SafetyOfficer, Role::EnterpriseAdmin];
/// Who may be a session's trainer.
pub const TRAINERS: &[Role] = CREATORS;
pub const READERS: &[Role] = &Role::ENTERPRISE_ROLES;
/// Sessions shown in each list.
const LIST_LIMIT: i64 = 100;

pub fn spec(action: impl Into<AuditAction>, client_id: Uuid, subject: Option<Uuid>) -> StepSpec {
    let action: AuditAction = action.into();
    StepSpec {
        action,
        roles: CREATORS,
        client_id,
        subject,
    }
}

/// Whether `actor` runs `session`: its trainer, or an officer or admin.
pub fn manages(actor: &SessionUser, session: &session_db::Session) -> bool {
    OFFICERS.contains(&actor.role) || session.trainer_id == actor.id
}

/// The enterprise's session `id`, which the actor runs (`NotFound` elsewhere, `Forbidden`
/// for a trainer of another session), locked for the step.
pub async fn managed_session(
    tx: &mut AuditedTx<'_>,
    id: Uuid,
) -> Result<session_db::Session, AppError> {
    let enterprise_id = tx.enterprise_id;
    let session = session_db::session(tx.conn(), enterprise_id, id, true)
        .await?
        .ok_or(AppError::NotFound)?;
    if !manages(tx.actor, &session) {
        return Err(AppError::Forbidden);
    }
    Ok(session)
}

/// 32 random bytes: the key of the session's rotating QR codes.
fn new_qr_secret() -> Result<[u8; 32], AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|err| {
        tracing::error!(error = %err, "no randomness for a QR key");
        AppError::Internal
    })?;
    Ok(bytes)
}

/// Creates a session with its sign-in token and QR key. A retry answers the session stored
/// first; the same client id for another title is a reuse.
pub async fn create(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &SessionForm,
    now: OffsetDateTime,
) -> Result<Uuid, AppError> {
    actor.require_role(CREATORS)?;
    let input = form.validate(now)?;
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(TrainingAction::SessionCreate, client_id, None),
    );
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("title", &input.title)?;
        prior.require("starts_at", input.starts_at.unix_timestamp())?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    let enterprise_id = tx.enterprise_id;
    let trainer_id = input.trainer_id.unwrap_or(actor.id);
    if !db::is_person_with_role(tx.conn(), enterprise_id, trainer_id, TRAINERS).await? {
        return Err(AppError::invalid(TrainingField::Trainer, Problem::Invalid));
    }
    for (kind, value) in &input.invitations {
        if *kind == InviteKind::Person {
            let id = Uuid::parse_str(value).map_err(|_| AppError::Internal)?;
            if !db::is_person(tx.conn(), enterprise_id, id).await? {
                return Err(AppError::invalid(TrainingField::Audience, Problem::Invalid));
            }
        }
    }
    let id = Uuid::now_v7();
    let token = crate::checkpoint::token::new_token()?;
    let secret = new_qr_secret()?;
    let new = db::NewSession {
        id,
        enterprise_id,
        trainer_id,
        created_by: actor.id,
        client_id,
        token: &token,
        qr_secret: &secret,
        input: &input,
    };
    db::insert_session(tx.conn(), new).await?;
    super::back_entry::note_created(tx.conn(), id, input.ends_at, now).await?;
    let detail = json!({
        "title": input.title,
        "starts_at": input.starts_at.unix_timestamp(),
        "category": input.category,
        "trainer_id": trainer_id,
    });
    tx.created(id, detail).await?;
    Ok(id)
}

/// Cancels a session (its record stays); a second cancel changes nothing.
pub async fn cancel(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let begun = AuditedTx::begin(
        pool,
        actor,
        spec(TrainingAction::SessionCancel, client_id, Some(id)),
    );
    let mut tx = fresh_or!(begun.await?, |_prior| Ok(()));
    let session = managed_session(&mut tx, id).await?;
    if session.cancelled_at.is_some() {
        return tx.unchanged().await;
    }
    db::cancel(tx.conn(), id, now).await?;
    tx.commit(json!({ "title": session.title })).await
}

/// The form of a new session: empty, or the values of session `copy` (all but its date).
pub async fn draft(
    pool: &PgPool,
    actor: &SessionUser,
    copy: Option<Uuid>,
) -> Result<NewSessionForm, AppError> {
    actor.require_role(CREATORS)?;
    let enterprise_id = actor.enterprise()?;
    let form = match copy {
        None => SessionForm {
            audience: "all".into(),
            assessment: Assessment::None.as_str().into(),
            ..Default::default()
        },
        Some(id) => {
            let s = session_db::session(pool, enterprise_id, id, false)
                .await?
                .ok_or(AppError::NotFound)?;
            copied_form(pool, &s).await?
        }
    };
    Ok(NewSessionForm {
        form,
        people: db::people(pool, enterprise_id, &[]).await?,
        departments: db::departments(pool, enterprise_id).await?,
        trainers: db::people(pool, enterprise_id, TRAINERS).await?,
        me: actor.id,
    })
}

async fn copied_form(pool: &PgPool, s: &session_db::Session) -> Result<SessionForm, AppError> {
    let hm = format_description!("[hour]:[minute]");
    let clock = |t: OffsetDateTime| t.to_offset(CHINA).time().format(&hm).unwrap_or_default();
    let invitations = db::invitations(pool, s.id).await?;
    let of = |kind: InviteKind| -> Vec<String> {
        invitations
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, v)| v.clone())
            .collect()
    };
    Ok(SessionForm {
        title: s.title.clone(),
        category: s.category.as_str().into(),
        date: String::new(),
        start: clock(s.starts_at),
        end: clock(s.ends_at),
        hours: hours_text(s.credited_half_hours),
        location: s.location.clone(),
        trainer_id: s.trainer_id.to_string(),
        summary: s.summary.clone(),
        audience: if s.open_to_all { "all" } else { "invited" }.into(),
        people: of(InviteKind::Person),
        departments: of(InviteKind::Department),
        roles: of(InviteKind::Role),
        assessment: s.assessment.as_str().into(),
        pass_mark: s.pass_mark.map(|m| m.to_string()).unwrap_or_default(),
        quiz_size: s.quiz_size.map(|m| m.to_string()).unwrap_or_default(),
    })
}

/// `2026-12-01 09:00–11:00`, China time.
fn when(starts_at: OffsetDateTime, ends_at: OffsetDateTime) -> String {
    let end = ends_at
        .to_offset(CHINA)
        .time()
        .format(format_description!("[hour]:[minute]"))
        .unwrap_or_default();
    format!("{}–{end}", crate::time_fmt::local_minutes(starts_at))
}

fn clock(at: OffsetDateTime) -> String {
    at.to_offset(CHINA)
        .time()
        .format(format_description!("[hour]:[minute]"))
        .unwrap_or_default()
}

/// `/training`: the enterprise's sessions for trainers, officers and admins, with their
/// attendance; the caller's own sessions for everyone.
pub async fn home(
    pool: &PgPool,
    actor: &SessionUser,
    now: OffsetDateTime,
) -> Result<SessionLists, AppError> {
    actor.require_role(READERS)?;
    let enterprise_id = actor.enterprise()?;
    let staff = CREATORS.contains(&actor.role);
    let line = |r: db::LineRow| SessionLine {
        id: r.id,
        when: when(r.starts_at, r.ends_at),
        title: r.title,
        category: r.category,
        half_hours: r.credited_half_hours,
        location: r.location,
        trainer: r.trainer,
        assessment: r.assessment,
        cancelled: r.cancelled_at.is_some(),
        open_to_all: r.open_to_all,
        invited: r.invited,
        signed_in: r.signed_in,
        not_assessed: r.not_assessed,
    };
    let (upcoming, past) = if staff {
        (
            db::lines(pool, enterprise_id, now, true, LIST_LIMIT).await?,
            db::lines(pool, enterprise_id, now, false, LIST_LIMIT).await?,
        )
    } else {
        (vec![], vec![])
    };
    let mine = |r: db::MyRow| MySession {
        id: r.id,
        when: when(r.starts_at, r.ends_at),
        half_hours: r.signed_in_at.filter(|_| r.counts == Some(true)).map(|at| {
            recorded_half_hours(
                r.credited_half_hours,
                (r.starts_at, r.ends_at),
                at,
                r.signed_out_at,
                r.override_half_hours,
            )
        }),
        title: r.title,
        category: r.category,
        location: r.location,
        score: r.score,
        passed: r.passed,
    };
    let my_upcoming = db::my_sessions(pool, enterprise_id, actor.id, now, true, LIST_LIMIT).await?;
    let my_past = db::my_sessions(pool, enterprise_id, actor.id, now, false, LIST_LIMIT).await?;
    Ok(SessionLists {
        staff,
        upcoming: upcoming.into_iter().map(line).collect(),
        past: past.into_iter().map(line).collect(),
        my_upcoming: my_upcoming.into_iter().map(mine).collect(),
        my_past: my_past.into_iter().map(mine).collect(),
    })
}

/// The session's page: details and roster for those who run it or read the enterprise's
/// sessions; a worker sees a session they are invited to or attended, with their own row.
pub async fn page(pool: &PgPool, actor: &SessionUser, id: Uuid) -> Result<SessionPage, AppError> {
    actor.require_role(READERS)?;
    let enterprise_id = actor.enterprise()?;
    let s = session_db::session(pool, enterprise_id, id, false)
        .await?
        .ok_or(AppError::NotFound)?;
    let staff = CREATORS.contains(&actor.role);
    let only = if staff {
        None
    } else {
        let attended = !db::roster(pool, enterprise_id, id, Some(actor.id))
            .await?
            .is_empty();
        if !attended && !session_db::invited(pool, id, actor.id).await? {
            return Err(AppError::NotFound);
        }
        Some(actor.id)
    };
    let entries = db::roster(pool, enterprise_id, id, only).await?;
    let roster: Vec<RosterRow> = entries.into_iter().map(|e| roster_row(&s, e)).collect();
    let can_manage = staff && manages(actor, &s);
    let others: Vec<PersonChoice> = if can_manage && s.open_to_all {
        db::people(pool, enterprise_id, &[])
            .await?
            .into_iter()
            .filter(|p| !roster.iter().any(|r| r.user_id == p.id))
            .collect()
    } else {
        vec![]
    };
    let back_entry = s.back_entry_at.is_some();
    let confirmed = s.confirmed_at.is_some();
    let can_confirm = staff
        && back_entry
        && !confirmed
        && s.cancelled_at.is_none()
        && !super::back_entry::took_part(pool, &s, actor.id).await?;
    Ok(SessionPage {
        id,
        title: s.title.clone(),
        category: s.category,
        date: s.starts_at.to_offset(CHINA).date().to_string(),
        start: clock(s.starts_at),
        end: clock(s.ends_at),
        half_hours: s.credited_half_hours,
        location: s.location.clone(),
        trainer: db::person_name(pool, s.trainer_id).await?,
        summary: s.summary.clone(),
        open_to_all: s.open_to_all,
        invitations: db::invitation_labels(pool, id).await?,
        assessment: s.assessment,
        pass_mark: s.pass_mark,
        quiz_size: s.quiz_size,
        cancelled: s.cancelled_at.is_some(),
        can_manage,
        roster,
        others,
        back_entry,
        confirmed,
        can_confirm,
    })
}

fn roster_row(s: &session_db::Session, e: db::RosterEntry) -> RosterRow {
    // Hours only for an attendance that counts (not an offline sign-in waiting for review or
    // rejected, not an unconfirmed back-entry).
    let counted = e.signed_in_at.filter(|_| e.counts == Some(true));
    let half_hours = counted.map(|at| {
        recorded_half_hours(
            s.credited_half_hours,
            (s.starts_at, s.ends_at),
            at,
            e.signed_out_at,
            e.override_half_hours,
        )
    });
    RosterRow {
        user_id: e.user_id,
        name: e.name,
        employee_no: e.employee_no,
        department: e.department,
        signed_in: e.signed_in_at.map(clock),
        sign_in_uploaded: e.sign_in_uploaded.map(clock),
        sign_in_by: e.sign_in_by,
        ticked_by: e
            .recorded_by
            .filter(|_| e.sign_in_by == Some(crate::training::PresenceBy::Trainer)),
        signed_out: e.signed_out_at.map(clock),
        sign_out_by: e.sign_out_by,
        late: e.signed_in_at.is_some_and(|at| late(s.starts_at, at)),
        left_early: left_early(s.ends_at, e.signed_out_at),
        half_hours,
        override_reason: e.override_reason,
        score: e.score,
        passed: e.passed,
        review: e.review,
    }
}

/// A cancelled session takes no more presence or results.
pub fn not_cancelled(s: &session_db::Session) -> Result<(), AppError> {
    match s.cancelled_at {
        Some(_) => Err(AppError::refused(TrainingRefusal::SessionCancelled)),
        None => Ok(()),
    }
}
