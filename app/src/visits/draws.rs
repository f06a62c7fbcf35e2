//! 抽查: the county's draw of visited enterprises per township (`draw.rs`), kept with its seed
//! so anyone can redo it, and the list of its picks with their checks.

use super::{
    draw, draw_db, service::node_of, DrawDetail, DrawForm, DrawView, VisitAction, VisitField,
};
use crate::{
    actor::{Role, SessionUser},
    audit::step::{AuditedTx, StepSpec},
    error::{AppError, Problem},
    fresh_or, input,
};
use serde_json::json;
use sqlx::PgPool;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The longest period of visits a draw takes its candidates from.
const MAX_DAYS: i64 = 366;

/// The seed typed, or a fresh random one.
fn seed(text: &str) -> Result<u64, AppError> {
    match text.trim() {
        "" => {
            let mut bytes = [0u8; 8];
            getrandom::fill(&mut bytes).map_err(|_| AppError::Internal)?;
            Ok(u64::from_le_bytes(bytes))
        }
        t => t
            .parse::<u64>()
            .map_err(|_| AppError::invalid(VisitField::Seed, Problem::Invalid)),
    }
}

/// Groups the candidates by the child of `node` they are under (an enterprise directly at
/// the node is its own node's).
pub fn by_township(node: Uuid, candidates: &[(Uuid, Vec<Uuid>)]) -> Vec<(Uuid, Vec<Uuid>)> {
    let mut groups: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
    for (enterprise, path) in candidates {
        let at = path.iter().position(|n| *n == node);
        let township = at.and_then(|i| path.get(i + 1)).copied().unwrap_or(node);
        groups.entry(township).or_default().push(*enterprise);
    }
    groups.into_iter().collect()
}

/// Draws `per_township` of the enterprises visited for guidance in the period, per township
/// under the regulator's node, and keeps the draw with its seed.
pub async fn create_draw(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &DrawForm,
) -> Result<Uuid, AppError> {
    let node = node_of(actor)?;
    let per_township = input::whole(&form.per_township, VisitField::PerTownship, 1..=50)?;
    let from = input::date(&form.from, VisitField::DrawFrom)?;
    let to = input::date(&form.to, VisitField::DrawTo)?;
    if from > to {
        return Err(AppError::invalid(VisitField::DrawFrom, Problem::Invalid));
    }
    if (to - from).whole_days() + 1 > MAX_DAYS {
        return Err(AppError::invalid(VisitField::DrawTo, Problem::TooLate));
    }
    let seed = seed(&form.seed)?;
    let spec = StepSpec {
        action: VisitAction::Draw.into(),
        roles: &[Role::Regulator],
        client_id,
        subject: None,
    };
    let begun = AuditedTx::begin_oversight(pool, actor, spec, None);
    let mut tx = fresh_or!(begun.await?, |prior| prior.subject_id.ok_or(AppError::Internal));
    let candidates = draw_db::candidates(tx.conn(), node, (from, to)).await?;
    let picks = draw::draw(seed, &by_township(node, &candidates), per_township as usize);
    let id = Uuid::now_v7();
    let new = draw_db::NewDraw {
        id,
        node_id: node,
        seed,
        per_township: per_township as i32,
        from,
        to,
        drawn_by: actor.id,
        drawn_at: crate::act::act().at,
        picks: &picks,
    };
    draw_db::insert(tx.conn(), new).await?;
    let detail = json!({
        "seed": seed.to_string(),
        "per_township": per_township,
        "from": from.to_string(),
        "to": to.to_string(),
        "picks": picks.iter().map(|p| p.1).collect::<Vec<_>>(),
    });
    tx.created(id, detail).await?;
    Ok(id)
}

/// The draws at or under the regulator's node.
pub async fn draws(pool: &PgPool, actor: &SessionUser) -> Result<Vec<DrawView>, AppError> {
    let node = node_of(actor)?;
    Ok(draw_db::draws_under(pool, node)
        .await?
        .into_iter()
        .map(DrawView::from)
        .collect())
}

/// One draw with its picks; another node's is not found.
pub async fn draw_detail(
    pool: &PgPool,
    actor: &SessionUser,
    id: Uuid,
) -> Result<DrawDetail, AppError> {
    let node = node_of(actor)?;
    let row = draw_db::draw(pool, id).await?.ok_or(AppError::NotFound)?;
    if !draw_db::under(pool, row.node_id, node).await? {
        return Err(AppError::NotFound);
    }
    Ok(DrawDetail {
        picks: draw_db::picks(pool, id).await?,
        draw: row.into(),
    })
}

/// Checks that `draw` is the regulator's (at or under their node) before a visit checks one
/// of its picks.
pub async fn own_draw(pool: &PgPool, actor: &SessionUser, draw: Uuid) -> Result<(), AppError> {
    let node = node_of(actor)?;
    let row = draw_db::draw(pool, draw)
        .await?
        .ok_or(AppError::invalid(VisitField::Draw, Problem::Invalid))?;
    if !draw_db::under(pool, row.node_id, node).await? {
        return Err(AppError::invalid(VisitField::Draw, Problem::Invalid));
    }
    Ok(())
}
