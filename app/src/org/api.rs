use super::EnterpriseSummary;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "v1/org/enterprises")]
pub async fn list_enterprises() -> Result<Vec<EnterpriseSummary>, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async { super::service::enterprises_in_jurisdiction(&pool()?, &require_user()?).await }
            .await,
    )
}
