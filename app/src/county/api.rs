//! county's server functions, on fixed versioned endpoints. Plain posts come back to their
//! form (or to the record they made) with a notice.

use super::{
    EnterpriseEntry, LedgerForm, LedgerRow, NewEnterpriseForm, NodeForm, NodeView, RegulatorForm,
    RenameForm, TreeView,
};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[server(endpoint = "v1/county/tree")]
pub async fn county_tree(node: String) -> Result<TreeView, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            let node = crate::input::optional_uuid(&node, super::CountyField::Node)?;
            super::service::tree(&cx.pool, &cx.actor, node).await
        }
        .await,
    )
}

#[server(endpoint = "v1/county/nodes/create")]
pub async fn create_node(client_id: Uuid, form: NodeForm) -> Result<Uuid, AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::create_node(&cx.pool, &cx.actor, client_id, &form).await
        }
        .await,
        |_| back_to_form(("saved", "node")),
    )
}

#[server(endpoint = "v1/county/nodes/rename")]
pub async fn rename_node(client_id: Uuid, id: Uuid, form: RenameForm) -> Result<(), AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::rename_node(&cx.pool, &cx.actor, client_id, id, &form).await
        }
        .await,
        |_| back_to_form(("saved", "rename")),
    )
}

#[server(endpoint = "v1/county/regulators/create")]
pub async fn create_regulator(client_id: Uuid, form: RegulatorForm) -> Result<Uuid, AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::create_regulator(&cx.pool, &cx.actor, client_id, &form).await
        }
        .await,
        |_| back_to_form(("saved", "regulator")),
    )
}

#[server(endpoint = "v1/county/enterprises")]
pub async fn county_ledger(node: String) -> Result<Vec<LedgerRow>, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            let node = crate::input::optional_uuid(&node, super::CountyField::Node)?;
            super::service::ledger(&cx.pool, &cx.actor, node).await
        }
        .await,
    )
}

#[server(endpoint = "v1/county/enterprises/nodes")]
pub async fn enterprise_nodes() -> Result<Vec<NodeView>, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::service::enterprise_nodes(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

#[server(endpoint = "v1/county/enterprises/get")]
pub async fn load_enterprise_entry(id: Uuid) -> Result<EnterpriseEntry, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::service::entry(&cx.pool, &cx.actor, id).await
        }
        .await,
    )
}

#[server(endpoint = "v1/county/enterprises/create")]
pub async fn create_enterprise(client_id: Uuid, form: NewEnterpriseForm) -> Result<Uuid, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::create_enterprise(&cx.pool, &cx.actor, client_id, &form).await
        }
        .await,
        |id| format!("/county/enterprises/{id}?saved=created"),
    )
}

#[server(endpoint = "v1/county/enterprises/update")]
pub async fn update_enterprise(
    client_id: Uuid,
    id: Uuid,
    version: i32,
    form: LedgerForm,
) -> Result<(), AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::update_enterprise(&cx.pool, &cx.actor, client_id, id, version, &form)
                .await
        }
        .await,
        |_| back_to_form(("saved", "entry")),
    )
}

#[server(endpoint = "v1/county/roster/preview")]
pub async fn roster_preview(id: Uuid) -> Result<super::roster::RosterPreview, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::roster::service::preview(&cx.pool, &cx.actor, id).await
        }
        .await,
    )
}

#[server(endpoint = "v1/county/roster/apply")]
pub async fn apply_roster(
    client_id: Uuid,
    id: Uuid,
    form: super::roster::ApplyForm,
) -> Result<super::roster::Applied, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::roster::service::apply(&cx.pool, &cx.actor, client_id, id, &form).await
        }
        .await,
        |a| {
            format!(
                "/county/enterprises?saved=imported&created={}&changed={}",
                a.created, a.changed
            )
        },
    )
}
