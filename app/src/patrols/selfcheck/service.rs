//! The 25-item reads: an enterprise's progress and its printable report (its officers), and
//! the jurisdiction's matrix with each enterprise's patrol completion rate (its regulator).
//! Read-only: no audit rows.

use super::{
    completion, db, item_state, period, ApplicabilityForm, Completion, ItemHazard, ItemProgress,
    ItemState, MatrixColumn, MatrixRow, SelfCheckMatrix, SelfCheckReport,
};
use crate::{
    auth::{Role, SessionUser},
    error::AppError,
    patrols::{packs, record_db, ChecklistKind},
    time_fmt::{china_day, local_minutes, CHINA},
};
use sqlx::PgPool;
use std::collections::HashMap;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// Who reads an enterprise's 25-item progress and report.
pub const READERS: &[Role] = &[Role::SafetyOfficer, Role::EnterpriseAdmin];

fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

fn finding(a: &db::AnswerRow) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(n) = a.number {
        parts.push(n.to_string());
    }
    parts.extend(a.text_value.iter().chain(a.note.iter()).cloned());
    parts.join("；")
}

/// A ready pack's place among the packs (installed packs first, in the packs' order).
fn pack_order(pack: Option<&str>) -> usize {
    pack.and_then(|p| packs::PACKS.iter().position(|k| k.key == p))
        .unwrap_or(usize::MAX)
}

/// 涉及 / 不涉及 of the enterprises' items: the ledger's focus risks decide a pack's items; a
/// mark by hand (with its reason), the rest. Read once for every use of a request.
struct Applicability {
    risks: HashMap<Uuid, Vec<crate::county::FocusRisk>>,
    marks: HashMap<(Uuid, String), String>,
}

impl Applicability {
    async fn load(pool: &PgPool, enterprises: &[Uuid]) -> Result<Applicability, AppError> {
        let risks = crate::county::service::focus_risks(pool, enterprises).await?;
        let marks = db::not_applicable_marks(pool, enterprises)
            .await?
            .into_iter()
            .map(|(e, key, reason)| ((e, key), reason))
            .collect();
        Ok(Applicability { risks, marks })
    }

    /// Whether the pack's items concern the enterprise by its ledger.
    fn concerns(&self, enterprise: Uuid, pack: Option<&str>) -> bool {
        concerned(pack, self.risks.get(&enterprise).map(Vec::as_slice))
    }

    /// The reason the item was marked 不涉及 by hand, if it was.
    fn mark(&self, enterprise: Uuid, key: &str) -> Option<&String> {
        self.marks.get(&(enterprise, key.to_owned()))
    }
}

/// The items of the enterprises' 25-item checklists with their states, per enterprise, from
/// the latest answers submitted in `between` (all of them when None).
async fn progress_of(
    pool: &PgPool,
    enterprises: &[Uuid],
    between: Option<(OffsetDateTime, OffsetDateTime)>,
    applicability: &Applicability,
) -> Result<HashMap<Uuid, Vec<ItemProgress>>, AppError> {
    let mut items = db::current_items(pool, enterprises).await?;
    items.sort_by(|a, b| {
        (
            a.enterprise_id,
            pack_order(a.pack.as_deref()),
            &a.checklist,
            a.position,
        )
            .cmp(&(
                b.enterprise_id,
                pack_order(b.pack.as_deref()),
                &b.checklist,
                b.position,
            ))
    });
    let mut answers: HashMap<(Uuid, String), db::AnswerRow> =
        db::latest_answers(pool, enterprises, between)
            .await?
            .into_iter()
            .map(|a| ((a.checklist_id, a.item_key.clone()), a))
            .collect();
    let mut out: HashMap<Uuid, Vec<ItemProgress>> = HashMap::new();
    for item in items {
        let answer = answers.remove(&(item.checklist_id, item.item_key.clone()));
        let latest = answer.as_ref().map(|a| (a.result, a.hazard_state));
        let hazard = answer.as_ref().and_then(|a| {
            Some(ItemHazard {
                id: a.hazard_id?,
                number: a.hazard_number.clone()?,
                state: a.hazard_state?,
                measures: a.measures.clone(),
                rectifier: a.rectifier.clone(),
                funds: a.funds_fen.map(yuan),
                deadline: a.deadline.map(|d| d.to_string()),
                closed_at: a.closed_at.map(local_minutes),
            })
        });
        let concerned = applicability.concerns(item.enterprise_id, item.pack.as_deref());
        let mark = applicability
            .mark(item.enterprise_id, &item.item_key)
            .cloned();
        let state = if concerned && mark.is_none() {
            item_state(latest)
        } else {
            ItemState::NotApplicable
        };
        out.entry(item.enterprise_id)
            .or_default()
            .push(ItemProgress {
                checklist: item.checklist,
                key: item.item_key,
                position: item.position,
                text: item.text,
                category: item.category,
                basis: item.basis,
                state,
                checked_at: answer.as_ref().map(|a| local_minutes(a.submitted_at)),
                checked_by: answer.as_ref().map(|a| a.checked_by.clone()),
                finding: answer.as_ref().map(finding).unwrap_or_default(),
                hazard,
                not_applicable_reason: mark,
            });
    }
    Ok(out)
}

/// Whether a pack's items concern an enterprise of these focus risks (its ledger entry): a
/// pack of a focus risk (粉尘涉爆, 有限空间, 涉铝, 涉钢) only those that have it.
pub fn concerned(pack: Option<&str>, risks: Option<&[crate::county::FocusRisk]>) -> bool {
    match pack.and_then(packs::find).and_then(|p| p.concerns) {
        None => true,
        Some(risk) => risks.is_some_and(|r| r.contains(&risk)),
    }
}

/// Per enterprise, its 25 items cleared (compliant or closed) and applicable: every item of
/// the 25-item packs that concerns it by its ledger and is not marked 不涉及, whether or not
/// it installed the pack (an item it never carried counts as not checked). Four reads for all
/// of them. The caller has checked that the actor may read them (a regulator's reach).
pub async fn cleared_by_enterprise(
    pool: &PgPool,
    enterprises: &[Uuid],
) -> Result<HashMap<Uuid, (u32, u32)>, AppError> {
    let applicability = Applicability::load(pool, enterprises).await?;
    let carried = progress_of(pool, enterprises, None, &applicability).await?;
    let packs: Vec<_> = packs::PACKS
        .iter()
        .filter(|p| p.kind == ChecklistKind::SelfCheck25)
        .collect();
    Ok(enterprises
        .iter()
        .map(|id| {
            let items = carried.get(id).map(Vec::as_slice).unwrap_or_default();
            let (mut cleared, mut applicable) = (0, 0);
            for pack in &packs {
                for n in 0..pack.items.len() {
                    let key = packs::item_key(pack.key, n);
                    let state = match items.iter().find(|i| i.key == key) {
                        Some(i) => i.state,
                        None if applicability.concerns(*id, Some(pack.key))
                            && applicability.mark(*id, &key).is_none() =>
                        {
                            ItemState::NotChecked
                        }
                        None => ItemState::NotApplicable,
                    };
                    applicable += u32::from(state != ItemState::NotApplicable);
                    cleared += u32::from(matches!(state, ItemState::Compliant | ItemState::Closed));
                }
            }
            (*id, (cleared, applicable))
        })
        .collect())
}

/// The enterprise's 25-item progress: every item of its current 25-item checklists.
pub async fn progress(pool: &PgPool, actor: &SessionUser) -> Result<Vec<ItemProgress>, AppError> {
    actor.require_role(READERS)?;
    let enterprise_id = actor.enterprise()?;
    let applicability = Applicability::load(pool, &[enterprise_id]).await?;
    let mut all = progress_of(pool, &[enterprise_id], None, &applicability).await?;
    Ok(all.remove(&enterprise_id).unwrap_or_default())
}

/// `[from 00:00, to + 1 00:00)` China time.
fn bounds(from: Date, to: Date) -> (OffsetDateTime, OffsetDateTime) {
    let start = from.midnight().assume_offset(CHINA);
    let end = (to + time::Duration::DAY).midnight().assume_offset(CHINA);
    (start, end)
}

/// The 专项自查报告 over a period (`YYYY-MM-DD`; empty: this year until today, China time):
/// each item's state from its latest answer in the period; hazards as they stand now.
pub async fn report(
    pool: &PgPool,
    actor: &SessionUser,
    (from, to): (&str, &str),
    now: OffsetDateTime,
) -> Result<SelfCheckReport, AppError> {
    actor.require_role(READERS)?;
    let enterprise_id = actor.enterprise()?;
    let (from, to) = period(from, to, china_day(now), super::year_start)?;
    let (enterprise, principal) = db::enterprise_and_principal(pool, enterprise_id).await?;
    let applicability = Applicability::load(pool, &[enterprise_id]).await?;
    let between = Some(bounds(from, to));
    let mut all = progress_of(pool, &[enterprise_id], between, &applicability).await?;
    Ok(SelfCheckReport {
        enterprise,
        principal,
        from: from.to_string(),
        to: to.to_string(),
        items: all.remove(&enterprise_id).unwrap_or_default(),
    })
}

/// The columns of the matrix: the items of the 25-item ready packs (numbered 1–25 as in
/// research §C3) that at least one of the enterprises carries (`carried`: their keys).
fn columns(carried: &[String]) -> Vec<MatrixColumn> {
    let packs = packs::PACKS
        .iter()
        .filter(|p| p.kind == ChecklistKind::SelfCheck25);
    let mut number = 0;
    let mut out = Vec::new();
    for pack in packs {
        for (n, item) in pack.items.iter().enumerate() {
            number += 1;
            let key = packs::item_key(pack.key, n);
            if carried.contains(&key) {
                out.push(MatrixColumn {
                    key,
                    number,
                    text: item.text.to_owned(),
                    category: item.category,
                });
            }
        }
    }
    out
}

/// These enterprises' patrol completion over `from..=to` at `now`, from their schedules:
/// three reads for all of them, whatever their number. The caller has checked that the actor
/// may read them (a regulator's reach).
pub async fn completions(
    pool: &PgPool,
    enterprises: &[Uuid],
    (from, to): (Date, Date),
    now: OffsetDateTime,
) -> Result<HashMap<Uuid, Completion>, AppError> {
    let schedules = crate::patrols::schedule_db::schedules_of(pool, enterprises).await?;
    let policies = crate::patrols::policy_db::policies(pool, enterprises).await?;
    let spans: Vec<_> = schedules
        .values()
        .filter_map(|specs| completion::span(specs, from, to))
        .collect();
    let Some((lo, hi)) = spans
        .into_iter()
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
    else {
        return Ok(HashMap::new());
    };
    let points: Vec<Uuid> = schedules
        .values()
        .flatten()
        .flat_map(|s| s.points.iter().copied())
        .collect();
    let mut submissions =
        record_db::submissions_of(pool, enterprises, &points, lo, hi).await?;
    Ok(schedules
        .into_iter()
        .map(|(id, specs)| {
            let bound = policies.get(&id).copied().unwrap_or_default().upload_bound();
            let done = submissions.remove(&id).unwrap_or_default();
            let c = completion::completion(&specs, &done, from, to, now, bound);
            (id, c)
        })
        .collect())
}

/// The regulator's 逐企逐项销号 matrix: the enterprises of their jurisdiction × the 25 items,
/// and each enterprise's patrol completion over the period (empty: the last 7 days), a page
/// of enterprises at a time (`page`: `1`…, empty the first). The columns are the items any
/// enterprise of the jurisdiction carries, the same on every page.
pub async fn matrix(
    pool: &PgPool,
    actor: &SessionUser,
    (from, to): (&str, &str),
    page: &str,
    now: OffsetDateTime,
) -> Result<SelfCheckMatrix, AppError> {
    actor.require_role(&[Role::Regulator])?;
    let jurisdiction = actor.jurisdiction_id.ok_or(AppError::Forbidden)?;
    let (from, to) = period(from, to, china_day(now), super::last_week)?;
    let enterprises = db::jurisdiction_enterprises(pool, jurisdiction).await?;
    let all: Vec<Uuid> = enterprises.iter().map(|e| e.0).collect();
    let columns = columns(&db::carried_keys(pool, &all).await?);
    let total = enterprises.len();
    let (page, pages, enterprises) = crate::input::page_of(enterprises, page)?;
    let ids: Vec<Uuid> = enterprises.iter().map(|e| e.0).collect();
    let applicability = Applicability::load(pool, &ids).await?;
    let progress = progress_of(pool, &ids, None, &applicability).await?;
    let mut completions = completions(pool, &ids, (from, to), now).await?;
    let mut rows = Vec::with_capacity(enterprises.len());
    for (id, name, code) in enterprises {
        let items = progress.get(&id).map(Vec::as_slice).unwrap_or_default();
        let cells = columns
            .iter()
            .map(|c| match items.iter().find(|i| i.key == c.key) {
                Some(i) => Some(i.state),
                // Not carried: 不涉及 when its pack does not concern the enterprise.
                None => {
                    let pack = c.key.split_once(':').map(|(p, _)| p);
                    (!applicability.concerns(id, pack)).then_some(ItemState::NotApplicable)
                }
            })
            .collect();
        let completion = completions.remove(&id).unwrap_or_default();
        rows.push(MatrixRow {
            enterprise_id: id,
            name,
            code,
            cells,
            completion,
        });
    }
    Ok(SelfCheckMatrix {
        from: from.to_string(),
        to: to.to_string(),
        columns,
        rows,
        total,
        page,
        pages,
    })
}

const MAX_REASON_CHARS: u16 = 200;

/// Marks one of the 25 items 不涉及 with its reason, or takes the mark back: the enterprise's
/// officers, or its regulator (an oversight step filed under the enterprise), as an audited
/// step. (An item whose pack the ledger entry does not concern stays
/// 不涉及 whatever the mark: the ledger is changed in its own place.)
pub async fn set_applicability(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &ApplicabilityForm,
) -> Result<(), AppError> {
    use crate::{
        audit::step::{AuditedTx, StepSpec},
        error::Problem,
        patrols::{PatrolAction, PatrolField},
    };
    actor.require_role(&[Role::SafetyOfficer, Role::EnterpriseAdmin, Role::Regulator])?;
    let key = form.item_key.trim();
    let item = key
        .split_once(':')
        .and_then(|(pack, n)| {
            let pack = packs::find(pack).filter(|p| p.kind == ChecklistKind::SelfCheck25)?;
            let n: usize = n.parse().ok()?;
            (1..=pack.items.len()).contains(&n).then_some(())
        });
    if item.is_none() {
        return Err(AppError::invalid(PatrolField::Item, Problem::Invalid));
    }
    let applies = crate::input::ticked(&form.applies);
    let reason = if applies {
        None
    } else {
        Some(crate::input::line(
            &form.reason,
            crate::error::Field::Reason,
            MAX_REASON_CHARS,
            true,
        )?)
    };
    let spec = |roles| StepSpec {
        action: PatrolAction::ItemApplicability.into(),
        roles,
        client_id,
        subject: None,
    };
    if actor.role == Role::Regulator {
        // The regulator marks an enterprise of their reach, as an oversight step filed under it.
        let enterprise = crate::input::uuid(&form.enterprise, PatrolField::Enterprise)?;
        crate::county::service::overseen_enterprise(pool, actor, enterprise).await?;
        let spec = spec(&[Role::Regulator]);
        let tx = AuditedTx::begin_oversight(pool, actor, spec, Some(enterprise)).await?;
        let tx = crate::fresh_or!(tx, |_prior| Ok(()));
        return mark(tx, enterprise, key, reason, actor.id).await;
    }
    // Officers mark their own enterprise; naming another is not theirs to do.
    let named = crate::input::optional_uuid(&form.enterprise, PatrolField::Enterprise)?;
    if named.is_some_and(|e| Some(e) != actor.enterprise_id) {
        return Err(AppError::NotFound);
    }
    let tx = crate::fresh_or!(AuditedTx::begin(pool, actor, spec(READERS)).await?, |_prior| {
        Ok(())
    });
    let enterprise = tx.enterprise_id;
    mark(tx, enterprise, key, reason, actor.id).await
}

/// Sets (or takes back) the 不涉及 mark inside its step; unchanged when it already stood so.
async fn mark<S: crate::audit::step::StepScope>(
    mut tx: crate::audit::step::AuditedTx<'_, S>,
    enterprise_id: Uuid,
    key: &str,
    reason: Option<String>,
    by: Uuid,
) -> Result<(), AppError> {
    let before = db::set_not_applicable(tx.conn(), enterprise_id, key, reason.as_deref(), by).await?;
    if before == reason {
        return tx.unchanged().await;
    }
    let detail = serde_json::json!({ "item": key, "reason": reason, "before": before });
    tx.commit(detail).await
}
