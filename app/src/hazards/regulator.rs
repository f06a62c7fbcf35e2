//! The regulator's read of hazards: per enterprise of their jurisdiction, the open, 重大 and
//! overdue counts (issue 8 part 7; the seed's 逐企逐项销号 follows the same enterprises).

use super::{db, HazardFigures};
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
    Ok(rows
        .into_iter()
        .map(|(enterprise, open, major_open, overdue)| {
            let figures = HazardFigures {
                open,
                major_open,
                overdue,
            };
            (enterprise, figures)
        })
        .collect())
}
