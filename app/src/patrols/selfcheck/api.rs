//! Server functions of the 25-item pages, on fixed versioned endpoints
//! (`v1/patrols/selfcheck/...`). All read-only; each checks role and enterprise (regulators:
//! jurisdiction) in `service`.

use super::{ItemProgress, SelfCheckMatrix, SelfCheckReport};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::{pool, require_user},
    error::respond,
};

/// The caller's enterprise's 25-item progress (officers).
#[server(endpoint = "v1/patrols/selfcheck/progress")]
pub async fn selfcheck_progress() -> Result<Vec<ItemProgress>, AppError> {
    respond(super::service::progress(&pool()?, &require_user()?).await)
}

/// The 专项自查报告 over `from`–`to` (`YYYY-MM-DD`, China time; empty: this year so far).
#[server(endpoint = "v1/patrols/selfcheck/report")]
pub async fn selfcheck_report(
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<SelfCheckReport, AppError> {
    respond(
        async {
            let now = time::OffsetDateTime::now_utc();
            super::service::report(&pool()?, &require_user()?, (&from, &to), now).await
        }
        .await,
    )
}

/// The regulator's enterprise × item matrix and the patrol completion rates over `from`–`to`
/// (empty: the last 7 days), 50 enterprises a page (`page`: `1`…, empty the first).
#[server(endpoint = "v1/patrols/selfcheck/matrix")]
pub async fn selfcheck_matrix(
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] page: String,
) -> Result<SelfCheckMatrix, AppError> {
    respond(
        async {
            let now = time::OffsetDateTime::now_utc();
            let (pool, actor) = (pool()?, require_user()?);
            super::service::matrix(&pool, &actor, (&from, &to), &page, now).await
        }
        .await,
    )
}

/// Marks one of the 25 items 不涉及 with its reason, or back to 涉及 (officers, or the
/// enterprise's regulator naming it).
#[server(endpoint = "v1/patrols/selfcheck/applicability")]
pub async fn set_item_applicability(
    client_id: uuid::Uuid,
    form: super::ApplicabilityForm,
) -> Result<(), AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::set_applicability(&cx.pool, &cx.actor, client_id, &form).await
        }
        .await,
        |_| back_to_form(("saved", "applicability")),
    )
}
