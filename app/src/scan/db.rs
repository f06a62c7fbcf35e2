//! The scan page's first read, in one query: the token, the space and its open operation's
//! version (a round trip per statement is most of the page's cost, bench/RESULTS.md (e)).

use crate::checkpoint::{CheckpointKind, Resolved};
use crate::operations::panel_cache::OpenOperation;
use crate::spaces::{db::Row, db::COLUMNS, Space};
use crate::{auth::SessionUser, error::AppError};
use uuid::Uuid;

/// What a scanned token opens (`landing_of`); a space only for those who read the ledger.
pub async fn landing(
    db: impl sqlx::PgExecutor<'_>,
    actor: &SessionUser,
    token: &str,
) -> Result<Option<Landed>, AppError> {
    actor.require_role(crate::spaces::service::READERS)?;
    landing_of(db, actor.enterprise()?, token).await
}

/// What a scanned token opens: for a confined space its row and the version of its open
/// operation (`operations::panel_cache`) too.
#[derive(Debug, Clone, PartialEq)]
pub struct Landed {
    pub resolved: Resolved,
    pub space: Option<Space>,
    pub open_operation: Option<OpenOperation>,
    /// The checkpoint's short code: the scan page carries it, so a phone without signal can
    /// open the page it kept when the code is typed (`public/sw.js`).
    pub short_code: String,
}

/// The read itself, for `enterprise_id`.
async fn landing_of(
    db: impl sqlx::PgExecutor<'_>,
    enterprise_id: Uuid,
    token: &str,
) -> Result<Option<Landed>, AppError> {
    use sqlx::{FromRow, Row as _};
    let row = sqlx::query(&format!(
        "select c.kind as cp_kind, c.subject_id as cp_subject,
                c.replaced_at is not null as cp_replaced, c.short_code as cp_short_code, s.*, op.open_id, op.open_version
         from checkpoints c
         left join lateral (select {COLUMNS} from confined_spaces
                            where c.kind = 'confined_space' and id = c.subject_id
                              and enterprise_id = c.enterprise_id) s on true
         left join lateral (select o.id as open_id, v.version as open_version
                            from operations o
                            join operation_versions v on v.operation_id = o.id
                            where o.space_id = s.id and o.status in ('requested', 'approved')) op
                on true
         where c.token = $1 and c.enterprise_id = $2"
    ))
    .bind(token)
    .bind(enterprise_id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let kind: CheckpointKind = row.try_get("cp_kind")?;
    let short_code: String = row.try_get("cp_short_code")?;
    if row.try_get::<bool, _>("cp_replaced")? {
        return Ok(Some(Landed {
            resolved: Resolved::Replaced,
            space: None,
            open_operation: None,
            short_code,
        }));
    }
    let subject_id: Uuid = row.try_get("cp_subject")?;
    let space = match kind {
        CheckpointKind::ConfinedSpace => Some(Row::from_row(&row)?.into_space()),
        CheckpointKind::PatrolPoint => None,
    };
    let open_operation = match (row.try_get("open_id")?, row.try_get("open_version")?) {
        (Some(id), Some(version)) => Some(OpenOperation { id, version }),
        _ => None,
    };
    Ok(Some(Landed {
        resolved: Resolved::Current { kind, subject_id },
        space,
        open_operation,
        short_code,
    }))
}
