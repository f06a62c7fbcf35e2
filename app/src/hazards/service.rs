//! What other features may ask of hazards on the server (their public service API).

pub use super::db::counts;
pub use super::regulator::{figures_by_enterprise, figures_of};

use super::{
    db::{self, Finding, NewHazard, PhotoLink},
    HazardAction, PhotoStage, ReportInput,
};
use crate::{
    audit::step::{AuditedTx, StepScope},
    error::AppError,
};
use serde_json::json;
use time::OffsetDateTime;
use uuid::Uuid;

/// A hazard another feature's step found: what is reported, what it failed (a patrol's
/// record, item, point and criterion), and the photo that shows it, if any.
pub struct Raise<'a> {
    pub report: ReportInput,
    pub finding: Finding<'a>,
    pub photo: Option<Uuid>,
    /// The finder, and when (the step's act).
    pub at: OffsetDateTime,
}

/// Raises one hazard inside `tx`, the finding feature's own step: numbered like a report, in
/// 待确认, linked to what it failed, with its own audit row (`hazard.raise`, the first entry of
/// its trail) under a client id derived from the step's and the failed item's; the photo
/// becomes its before-photo (整改前). Returns the hazard's id.
pub async fn raise_in(tx: &mut AuditedTx<'_>, raise: Raise<'_>) -> Result<Uuid, AppError> {
    let (enterprise_id, found_by) = (tx.enterprise_id, tx.actor.id);
    let finding = &raise.finding;
    let detail = |number: &str| {
        json!({ "record": finding.record_id, "item": finding.item_id, "number": number })
    };
    let (hazard, client_id) =
        numbered(tx, enterprise_id, &raise.report, (finding.item_id, raise.at), detail).await?;
    let id = hazard.id;
    db::insert_from_finding(tx.conn(), hazard, raise.finding).await?;
    if let Some(photo_id) = raise.photo {
        link_before(tx, (enterprise_id, id), photo_id, found_by, (raise.at, client_id)).await?;
    }
    Ok(id)
}

/// A found hazard numbered like a report, with its own audit row (`hazard.raise`, the first
/// entry of its trail) under a client id derived from the step's and `part`: the row to
/// insert and that client id.
async fn numbered<'r, S: StepScope>(
    tx: &mut AuditedTx<'_, S>,
    enterprise_id: Uuid,
    report: &'r ReportInput,
    (part, at): (Uuid, OffsetDateTime),
    detail: impl FnOnce(&str) -> serde_json::Value,
) -> Result<(NewHazard<'r>, Uuid), AppError> {
    let year = crate::time_fmt::china_day(at).year();
    let n = db::next_number(tx.conn(), enterprise_id, year).await?;
    let number = crate::rules::hazard::number(year, n);
    let id = Uuid::now_v7();
    let client_id = tx
        .also_created(HazardAction::Raise, id, part, detail(&number))
        .await?;
    let hazard = NewHazard {
        id,
        enterprise_id,
        number,
        found_by: tx.actor.id,
        found_at: at,
        client_id,
        input: report,
    };
    Ok((hazard, client_id))
}

/// Links the finder's photo as the hazard's before-photo (整改前).
async fn link_before<S: StepScope>(
    tx: &mut AuditedTx<'_, S>,
    (enterprise_id, hazard_id): (Uuid, Uuid),
    photo_id: Uuid,
    by: Uuid,
    (at, client_id): (OffsetDateTime, Uuid),
) -> Result<(), AppError> {
    let link = PhotoLink {
        enterprise_id,
        hazard_id,
        photo_id,
        stage: PhotoStage::Before,
        by,
        at,
        client_id,
    };
    Ok(db::link_photo(tx.conn(), link).await?)
}

/// A hazard a regulator's visit found (专家指导 or 执法检查: `report.source`), raised inside
/// the visit's own oversight step about `enterprise_id`: numbered like a report, in 待确认,
/// with its basis (依据), and re-checked by the visit's side only (`recheck_by_oversight`;
/// the enterprise's own re-check is refused). `part` tells this finding from the step's
/// others (its audit row's derived client id). The photo, the finder's own upload kept as the
/// enterprise's (`photos::service::store_overseen`), becomes its before-photo (整改前).
/// Returns the hazard's id.
pub async fn raise_for_oversight(
    tx: &mut AuditedTx<'_, Option<Uuid>>,
    enterprise_id: Uuid,
    report: &ReportInput,
    basis: &str,
    photo: Option<Uuid>,
    (part, at): (Uuid, OffsetDateTime),
) -> Result<Uuid, AppError> {
    use crate::error::{Field, Problem};
    let found_by = tx.actor.id;
    let detail = |number: &str| json!({ "number": number, "source": report.source });
    let (hazard, client_id) = numbered(tx, enterprise_id, report, (part, at), detail).await?;
    let id = hazard.id;
    db::insert(tx.conn(), hazard).await?;
    db::set_oversight_recheck(tx.conn(), id, basis).await?;
    if let Some(photo_id) = photo {
        // The finder's own photo of this enterprise, showing no other hazard.
        let found = db::photo_to_link(tx.conn(), enterprise_id, photo_id)
            .await?
            .filter(|p| p.uploaded_by == found_by)
            .ok_or(AppError::invalid(Field::Photo, Problem::Invalid))?;
        if found.linked {
            return Err(AppError::invalid(Field::Photo, Problem::Taken));
        }
        link_before(tx, (enterprise_id, id), photo_id, found_by, (at, client_id)).await?;
    }
    Ok(id)
}

/// 复核 of a visit's finding by the visit's side, inside its own oversight step (the caller
/// has checked that the actor is of that side): passed closes it (销号), failed sends it back
/// to 整改中 as the enterprise's own re-check does. Refused for a hazard that is not a visit's
/// finding, or not awaiting its re-check. Returns the state it moved to.
pub async fn recheck_by_oversight(
    tx: &mut AuditedTx<'_, Option<Uuid>>,
    enterprise_id: Uuid,
    hazard_id: Uuid,
    passed: bool,
    note: &str,
    at: OffsetDateTime,
) -> Result<super::HazardState, AppError> {
    use super::{moves, HazardRefusal};
    let hazard = db::lock(tx.conn(), enterprise_id, hazard_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !hazard.oversight_recheck {
        return Err(AppError::NotFound);
    }
    let mv = if passed {
        moves::Move::RecheckPass
    } else {
        moves::Move::RecheckFail
    };
    let to = moves::next(hazard.state, mv).ok_or(AppError::refused(HazardRefusal::WrongState))?;
    crate::offline::not_before(at, hazard.last_moved_at)?;
    let by = tx.actor.id;
    db::set_rechecked(tx.conn(), hazard_id, by, to, note, at).await?;
    Ok(to)
}
