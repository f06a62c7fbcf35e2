//! Server functions of qualifications, on fixed versioned endpoints.

use super::{QualificationForm, QualificationRow};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::Cx,
    error::{respond, respond_form},
};

#[server(endpoint = "v1/qualifications/list")]
pub async fn list_qualifications() -> Result<Vec<QualificationRow>, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            super::service::qualifications(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

/// Records a confined-space training valid until the end of `valid_until` (China time).
#[server(endpoint = "v1/qualifications/grant")]
pub async fn grant_training(client_id: Uuid, form: QualificationForm) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            cx.actor.require_role(super::service::RECORDERS)?;
            let input = form.validate(time::OffsetDateTime::now_utc())?;
            super::service::grant_qualification(&cx.pool, &cx.actor, client_id, &input).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}
