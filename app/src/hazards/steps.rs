//! The hazard's moves, each one `AuditedTx` on the locked hazard row: the report, the
//! on-the-spot fix, 确认 with 五落实, the rectification and the re-check. The transition is
//! `moves::next`; the regulatory rules are `rules::hazard`. A retried submission (same client
//! id) answers as the first time did and stores nothing new.
//!
//! Photos: the report may carry a before-photo (整改前); `fix_on_spot` and `rectify` require an
//! after-photo (整改后). A photo is stored first (`photos::store`, its own audited step) and
//! given here by id; the step links it in its own transaction (`link_photo`), so a refused
//! move links nothing. A linked photo is of the hazard's enterprise (checked here and by the
//! link table's composite foreign keys), uploaded by the actor, and shows no other hazard.

use super::{
    db::{self, NewHazard},
    model::{ConfirmInput, ReportInput},
    moves::{self, Move},
    HazardGrade, HazardRefusal, HazardState, PhotoStage,
};
use crate::hazards::HazardAction;
use crate::hazards::HazardField;
use crate::{
    audit::{
        step::{AuditedTx, StepSpec},
        AuditAction,
    },
    auth::{Role, SessionUser},
    error::{AppError, Field, Problem, ResultExt},
    fresh_or,
    rules::hazard as rules,
};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

/// Everyone of the enterprise reports (and may be a rectifier).
pub const ANYONE: &[Role] = &Role::ENTERPRISE_ROLES;
pub use super::OFFICERS;

pub fn is_officer(actor: &SessionUser) -> bool {
    super::is_officer_role(actor.role)
}

/// One move asked of one hazard: who, which submission, which hazard, on which version of it
/// (the one the page showed), and when.
#[derive(Debug, Clone, Copy)]
pub struct Cmd<'a> {
    pub actor: &'a SessionUser,
    pub client_id: Uuid,
    pub id: Uuid,
    pub version: i32,
    pub now: OffsetDateTime,
}

impl Cmd<'_> {
    fn spec(&self, action: impl Into<AuditAction>, roles: &'static [Role]) -> StepSpec {
        let action: AuditAction = action.into();
        StepSpec {
            action,
            roles,
            client_id: self.client_id,
            subject: Some(self.id),
        }
    }
}

fn refuse<T>(reason: HazardRefusal) -> Result<T, AppError> {
    Err(AppError::refused(reason))
}

/// Locks the hazard, checks the page's version and that `mv` is possible from its state:
/// the hazard and the state the move leads to.
async fn begin_move(
    tx: &mut AuditedTx<'_>,
    cmd: &Cmd<'_>,
    mv: Move,
) -> Result<(db::Locked, HazardState), AppError> {
    let enterprise_id = tx.enterprise_id;
    let hazard = db::lock(tx.conn(), enterprise_id, cmd.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if hazard.version != cmd.version {
        // Someone moved it since the page was opened: reload before deciding again.
        return Err(AppError::invalid(HazardField::Hazard, Problem::Stale));
    }
    let to = moves::next(hazard.state, mv).ok_or(AppError::refused(HazardRefusal::WrongState))?;
    // No move is dated before the report or the move it follows.
    crate::offline::not_before(crate::offline::act().at, hazard.last_moved_at)?;
    Ok((hazard, to))
}

/// The after-photo a fix must carry: a translated field error when it is missing.
fn required(photo: Option<Uuid>) -> Result<Uuid, AppError> {
    photo.ok_or(AppError::invalid(Field::Photo, Problem::Required))
}

/// Links `photo_id` to the hazard as the photo of this step (`tx`'s submission). Refused as an
/// invalid photo: one of another enterprise, unknown, or uploaded by someone else; as taken:
/// one that already shows a hazard.
async fn link_photo(
    tx: &mut AuditedTx<'_>,
    client_id: Uuid,
    hazard_id: Uuid,
    photo_id: Uuid,
    stage: PhotoStage,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let (enterprise_id, actor) = (tx.enterprise_id, tx.actor.id);
    let photo = db::photo_to_link(tx.conn(), enterprise_id, photo_id)
        .await?
        .filter(|p| p.uploaded_by == actor)
        .ok_or(AppError::invalid(Field::Photo, Problem::Invalid))?;
    if photo.linked {
        return Err(AppError::invalid(Field::Photo, Problem::Taken));
    }
    let link = db::PhotoLink {
        enterprise_id,
        hazard_id,
        photo_id,
        stage,
        by: actor,
        at: now,
        client_id,
    };
    db::link_photo(tx.conn(), link)
        .await
        .on_constraint("hazard_photos_pkey", || {
            AppError::invalid(Field::Photo, Problem::Taken)
        })
}

/// 随手拍: reports a hazard (state 待确认), numbered `YH-<year>-<nnnn>` in the enterprise, with
/// an optional before-photo. Returns its id; a retry returns the same id.
pub async fn report(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    input: &ReportInput,
    photo: Option<Uuid>,
    now: OffsetDateTime,
) -> Result<Uuid, AppError> {
    let spec = StepSpec {
        action: HazardAction::Report.into(),
        roles: ANYONE,
        client_id,
        subject: None,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| {
        prior.require("location", &input.location)?;
        prior.require("description", &input.description)?;
        prior.require("photo", photo)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    let enterprise_id = tx.enterprise_id;
    let year = crate::time_fmt::china_day(now).year();
    let n = db::next_number(tx.conn(), enterprise_id, year).await?;
    let number = rules::number(year, n);
    let id = Uuid::now_v7();
    let hazard = NewHazard {
        id,
        enterprise_id,
        number: number.clone(),
        found_by: actor.id,
        found_at: now,
        client_id,
        input,
    };
    db::insert(tx.conn(), hazard).await?;
    if let Some(photo) = photo {
        link_photo(&mut tx, client_id, id, photo, PhotoStage::Before, now).await?;
    }
    let detail = json!({
        "number": number,
        "location": input.location,
        "description": input.description,
        "grade": input.grade,
        "photo": photo,
    });
    tx.created(id, detail).await?;
    Ok(id)
}

/// 已立即整改: a 一般 hazard fixed on the spot by its reporter (or an officer), with a note and
/// an after-photo. It still waits for an independent re-check.
pub async fn fix_on_spot(
    pool: &PgPool,
    cmd: Cmd<'_>,
    note: &str,
    photo: Option<Uuid>,
) -> Result<(), AppError> {
    let spec = cmd.spec(HazardAction::FixOnSpot, ANYONE);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let (hazard, _) = begin_move(&mut tx, &cmd, Move::FixOnSpot).await?;
    if hazard.found_by != cmd.actor.id && !is_officer(cmd.actor) {
        return refuse(HazardRefusal::NotReporter);
    }
    if !rules::may_fix_on_spot(hazard.grade == HazardGrade::Major) {
        return refuse(HazardRefusal::MajorNotOnSpot);
    }
    let photo = required(photo)?;
    link_photo(
        &mut tx,
        cmd.client_id,
        cmd.id,
        photo,
        PhotoStage::After,
        cmd.now,
    )
    .await?;
    db::set_fixed_on_spot(tx.conn(), cmd.id, cmd.actor.id, note, cmd.now).await?;
    tx.commit(json!({ "note": note, "photo": photo })).await
}

/// 确认 and 五落实: an officer confirms the grade and assigns the rectifier, measures, funds,
/// deadline and interim control. A 重大 hazard needs its six-part plan and the date it was
/// reported to the regulator.
pub async fn confirm(pool: &PgPool, cmd: Cmd<'_>, input: &ConfirmInput) -> Result<(), AppError> {
    let spec = cmd.spec(HazardAction::Confirm, OFFICERS);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    begin_move(&mut tx, &cmd, Move::Confirm).await?;
    if input.grade == HazardGrade::Major
        && !rules::major_ready(input.plan.is_some(), input.reported_on)
    {
        return refuse(HazardRefusal::MajorPlanMissing);
    }
    // From today to two years on (input::deadline); the report to the regulator not after today.
    let today = crate::time_fmt::china_day(cmd.now);
    crate::input::deadline(input.deadline, HazardField::Deadline, today)?;
    if let Some(day) = input.reported_on {
        crate::input::day_done(day, HazardField::ReportedOn, today)?;
    }
    let enterprise_id = tx.enterprise_id;
    if !crate::users::db::all_active_people(tx.conn(), enterprise_id, &[input.rectifier_id]).await?
    {
        return Err(AppError::invalid(HazardField::Rectifier, Problem::Invalid));
    }
    db::set_confirmed(tx.conn(), cmd.id, cmd.actor.id, input, cmd.now).await?;
    let detail = json!({
        "grade": input.grade,
        "rectifier": input.rectifier_id,
        "funds_fen": input.funds_fen,
        "deadline": input.deadline.to_string(),
    });
    tx.commit(detail).await
}

/// The rectifier (or an officer) says the work is done, with an after-photo: 待复查.
pub async fn rectify(
    pool: &PgPool,
    cmd: Cmd<'_>,
    rectification: &str,
    photo: Option<Uuid>,
) -> Result<(), AppError> {
    let spec = cmd.spec(HazardAction::Rectify, ANYONE);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let (hazard, _) = begin_move(&mut tx, &cmd, Move::Rectify).await?;
    if hazard.rectifier_id != Some(cmd.actor.id) && !is_officer(cmd.actor) {
        return refuse(HazardRefusal::NotRectifier);
    }
    let photo = required(photo)?;
    link_photo(
        &mut tx,
        cmd.client_id,
        cmd.id,
        photo,
        PhotoStage::After,
        cmd.now,
    )
    .await?;
    db::set_rectified(tx.conn(), cmd.id, cmd.actor.id, rectification, cmd.now).await?;
    tx.commit(json!({ "rectification": rectification, "photo": photo }))
        .await
}

/// 复查: an officer who neither is the rectifier nor did the fix passes it (已销号) or sends it
/// back (整改中; an on-the-spot fix back to 待确认, to be assigned).
pub async fn recheck(
    pool: &PgPool,
    cmd: Cmd<'_>,
    passed: bool,
    note: &str,
) -> Result<(), AppError> {
    let (mv, action) = if passed {
        (Move::RecheckPass, HazardAction::RecheckPass)
    } else {
        (Move::RecheckFail, HazardAction::RecheckFail)
    };
    let spec = cmd.spec(action, OFFICERS);
    let mut tx = fresh_or!(AuditedTx::begin(pool, cmd.actor, spec).await?, |_p| Ok(()));
    let (hazard, to) = begin_move(&mut tx, &cmd, mv).await?;
    if hazard.oversight_recheck {
        return refuse(HazardRefusal::RecheckByOversight);
    }
    if !rules::recheck_is_independent(cmd.actor.id, hazard.rectifier_id, hazard.rectified_by) {
        return refuse(HazardRefusal::RecheckerIsRectifier);
    }
    db::set_rechecked(tx.conn(), cmd.id, cmd.actor.id, to, note, cmd.now).await?;
    tx.commit(json!({ "passed": passed, "note": note, "to": to }))
        .await
}

/// The moves that bring an after-photo, for the multipart handlers (`http.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoMove {
    FixOnSpot,
    Rectify,
}

impl PhotoMove {
    /// Runs the move with its text (the note, or the rectification) and its photo.
    pub async fn run(
        self,
        pool: &PgPool,
        cmd: Cmd<'_>,
        text: &str,
        photo: Option<Uuid>,
    ) -> Result<(), AppError> {
        match self {
            PhotoMove::FixOnSpot => fix_on_spot(pool, cmd, text, photo).await,
            PhotoMove::Rectify => rectify(pool, cmd, text, photo).await,
        }
    }
}
