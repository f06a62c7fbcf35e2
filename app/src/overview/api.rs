//! overview's server functions, read-only, on fixed versioned endpoints.

use super::{FigureList, Overview};
use crate::error::AppError;
use leptos::prelude::*;

/// The overview of `node` (empty: the regulator's own) over `from`–`to` (empty: this month).
#[server(endpoint = "v1/overview")]
pub async fn county_overview(
    #[server(default)] node: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<Overview, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            let now = time::OffsetDateTime::now_utc();
            super::service::overview(&cx.pool, &cx.actor, &node, (&from, &to), now).await
        }
        .await,
    )
}

/// The enterprises behind one figure of the overview (`filter`; `watched`: 重点监管).
#[server(endpoint = "v1/overview/list")]
pub async fn overview_list(
    #[server(default)] node: String,
    #[server(default)] filter: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] page: String,
) -> Result<FigureList, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            let now = time::OffsetDateTime::now_utc();
            let period = (from.as_str(), to.as_str());
            let page = Some(page.as_str());
            super::service::list(&cx.pool, &cx.actor, &node, &filter, period, page, now).await
        }
        .await,
    )
}
