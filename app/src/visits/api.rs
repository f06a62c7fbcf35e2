//! visits' server functions, on fixed versioned endpoints. Plain posts come back to their
//! form, or to the visit they made or changed, with a notice.

use super::{
    DrawDetail, DrawForm, DrawView, ExpertForm, ExpertView, FindingForm, RecheckForm, NewVisitOptions, VisitDetail, VisitForm,
    VisitRow,
};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

/// The visits the caller reaches (`lookback`: 回头看, those with findings not closed).
#[server(endpoint = "v1/visits")]
pub async fn list_visits(#[server(default)] lookback: bool) -> Result<Vec<VisitRow>, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::service::visits(&cx.pool, &cx.actor, lookback).await
        }
        .await,
    )
}

#[server(endpoint = "v1/visits/get")]
pub async fn load_visit(id: Uuid) -> Result<VisitDetail, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::service::detail(&cx.pool, &cx.actor, id).await
        }
        .await,
    )
}

#[server(endpoint = "v1/visits/choices")]
pub async fn visit_choices() -> Result<NewVisitOptions, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::service::choices(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

#[server(endpoint = "v1/visits/open")]
pub async fn open_visit(client_id: Uuid, form: VisitForm) -> Result<Uuid, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::open_visit(&cx.pool, &cx.actor, client_id, &form).await
        }
        .await,
        |id| format!("/visits/{id}?saved=opened"),
    )
}

#[server(endpoint = "v1/visits/finding")]
pub async fn record_finding(
    client_id: Uuid,
    visit_id: Uuid,
    form: FindingForm,
) -> Result<Uuid, AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::record_finding(&cx.pool, &cx.actor, client_id, visit_id, &form).await
        }
        .await,
        |_| back_to_form(("saved", "finding")),
    )
}

#[server(endpoint = "v1/visits/recheck")]
pub async fn recheck_finding(
    client_id: Uuid,
    visit_id: Uuid,
    form: RecheckForm,
) -> Result<(), AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::recheck(&cx.pool, &cx.actor, client_id, visit_id, &form).await
        }
        .await,
        |_| back_to_form(("saved", "recheck")),
    )
}

#[server(endpoint = "v1/visits/close")]
pub async fn close_visit(client_id: Uuid, visit_id: Uuid) -> Result<(), AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::close_visit(&cx.pool, &cx.actor, client_id, visit_id).await
        }
        .await,
        |_| back_to_form(("saved", "closed")),
    )
}

#[server(endpoint = "v1/visits/experts")]
pub async fn list_experts() -> Result<Vec<ExpertView>, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::service::experts(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

#[server(endpoint = "v1/visits/experts/create")]
pub async fn create_expert(client_id: Uuid, form: ExpertForm) -> Result<Uuid, AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::create_expert(&cx.pool, &cx.actor, client_id, &form).await
        }
        .await,
        |_| back_to_form(("saved", "expert")),
    )
}

#[server(endpoint = "v1/visits/draws")]
pub async fn list_draws() -> Result<Vec<DrawView>, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::draws::draws(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

#[server(endpoint = "v1/visits/draws/get")]
pub async fn load_draw(id: Uuid) -> Result<DrawDetail, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::draws::draw_detail(&cx.pool, &cx.actor, id).await
        }
        .await,
    )
}

#[server(endpoint = "v1/visits/draws/create")]
pub async fn create_draw(client_id: Uuid, form: DrawForm) -> Result<Uuid, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::draws::create_draw(&cx.pool, &cx.actor, client_id, &form).await
        }
        .await,
        |id| format!("/visits/draws/{id}?saved=drawn"),
    )
}
