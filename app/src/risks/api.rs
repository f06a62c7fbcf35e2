//! risks' server functions, on fixed versioned endpoints. Plain posts come back to the
//! register (or the policy page) with a notice.

use super::{HazardForm, MeasureForm, PointForm, PolicyForm, RegisterView, RiskPolicy};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

/// The register (风险分级管控清单): the enterprise's points with their hazards, grades and
/// measures, and the policy they were graded by.
#[server(endpoint = "v1/risks/register")]
pub async fn risk_register() -> Result<RegisterView, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::service::register(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

/// The grading policy in force (the defaults until the admin sets one).
#[server(endpoint = "v1/risks/policy")]
pub async fn load_risk_policy() -> Result<RiskPolicy, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::service::policy(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

#[server(endpoint = "v1/risks/points/create")]
pub async fn create_risk_point(client_id: Uuid, form: PointForm) -> Result<Uuid, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            let point = super::service::create_point(&cx.pool, &cx.actor, client_id, &form);
            Ok(point.await?.id)
        }
        .await,
        |id| format!("/risks?saved=point#point-{id}"),
    )
}

#[server(endpoint = "v1/risks/hazards/add")]
pub async fn add_risk_hazard(client_id: Uuid, form: HazardForm) -> Result<Uuid, AppError> {
    use crate::auth::server::Cx;
    let point = form.point_id.clone();
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            let hazard = super::service::add_hazard(&cx.pool, &cx.actor, client_id, &form);
            Ok(hazard.await?.id)
        }
        .await,
        move |_| format!("/risks?saved=hazard#point-{}", point.trim()),
    )
}

#[server(endpoint = "v1/risks/measures/add")]
pub async fn add_risk_measure(client_id: Uuid, form: MeasureForm) -> Result<Uuid, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            let measure = super::service::add_measure(&cx.pool, &cx.actor, client_id, &form);
            Ok(measure.await?.id)
        }
        .await,
        |_| "/risks?saved=measure".into(),
    )
}

#[server(endpoint = "v1/risks/policy/set")]
pub async fn set_risk_policy(client_id: Uuid, form: PolicyForm) -> Result<(), AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            super::service::set_policy(&cx.pool, &cx.actor, client_id, &form).await?;
            Ok(())
        }
        .await,
        |_| back_to_form(("saved", "policy")),
    )
}
