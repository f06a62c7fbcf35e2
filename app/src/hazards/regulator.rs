//! The regulator's read of hazards: per enterprise of their jurisdiction, the open, 重大 and
//! overdue counts (issue 8 part 7; the seed's 逐企逐项销号 follows the same enterprises).

use super::{regulator_db as db, HazardFigures};
use crate::{
    auth::{Role, SessionUser},
    error::AppError,
};
use sqlx::PgPool;
use std::collections::HashMap;
use time::OffsetDateTime;
use uuid::Uuid;

/// The figures of every enterprise in the regulator's jurisdiction that has hazards.
pub async fn figures_by_enterprise(
    pool: &PgPool,
    actor: &SessionUser,
    now: OffsetDateTime,
) -> Result<HashMap<Uuid, HazardFigures>, AppError> {
    actor.require_role(&[Role::Regulator])?;
    let jurisdiction = actor.jurisdiction_id.ok_or(AppError::Forbidden)?;
    let rows = db::jurisdiction_counts(pool, jurisdiction, crate::time_fmt::china_day(now)).await?;
    Ok(by_enterprise(rows))
}

/// The figures of these enterprises (those with hazards), read for them alone: the
/// overview of one township does not count the whole county. The caller has checked that
/// the actor may read them (a regulator's reach).
pub async fn figures_of(
    pool: &PgPool,
    enterprises: &[Uuid],
    now: OffsetDateTime,
) -> Result<HashMap<Uuid, HazardFigures>, AppError> {
    let today = crate::time_fmt::china_day(now);
    Ok(by_enterprise(db::enterprise_counts(pool, enterprises, today).await?))
}

fn by_enterprise(rows: Vec<(Uuid, i64, i64, i64)>) -> HashMap<Uuid, HazardFigures> {
    rows.into_iter()
        .map(|(enterprise, open, major_open, overdue)| {
            let figures = HazardFigures {
                open,
                major_open,
                overdue,
            };
            (enterprise, figures)
        })
        .collect()
}
