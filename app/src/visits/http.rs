//! The finding form with its photo, as a plain axum handler (server only): the visit's page
//! posts it multipart, without JavaScript, to `POST /api/v1/visits/finding/multipart`.
//!
//! Fields: `client_id` (the finding's submission), `visit_id`, `photo` (the file, optional)
//! with `photo_client_id` (its upload's id), then the finding's fields by their `model.rs`
//! names. The handler checks the fields and the actor's reach of the visit, stores the photo
//! as the visited enterprise's (`photos::service::store_overseen`, idempotent by its client
//! id), then runs the same step as the server function. A browser goes on to the visit's page,
//! or back to it with the error; a script gets JSON.

use super::{service, FindingForm, RecordFinding, VisitField, FINDING_MULTIPART};
use crate::{
    auth::server::RequestUser,
    error::{parse_uuid, AppError, Field},
    photos::{
        http::{answer, body_limit, read_multipart, FormLimits},
        PhotoState,
    },
};
use axum::{
    extract::{multipart::MultipartRejection, DefaultBodyLimit, Multipart},
    http::HeaderMap,
    response::Response,
    routing::post,
    Extension, Router,
};
use leptos::server_fn::ServerFn;
use uuid::Uuid;

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    Router::new()
        .route(FINDING_MULTIPART, post(finding))
        .layer(DefaultBodyLimit::max(body_limit()))
}

/// `POST /api/v1/visits/finding/multipart`: on to the visit's page.
pub async fn finding(
    state: PhotoState,
    Extension(user): Extension<RequestUser>,
    headers: HeaderMap,
    body: Result<Multipart, MultipartRejection>,
) -> Response {
    let mut page = "/visits".to_owned();
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        actor.require_role(service::SIDE)?;
        let form = read_multipart(body.map_err(|_| AppError::Malformed)?, FormLimits::ONE_PHOTO)
            .await?;
        let visit = parse_uuid(form.text("visit_id"), VisitField::Visit)?;
        page = format!("/visits/{visit}");
        let client_id = parse_uuid(form.text("client_id"), Field::ClientId)?;
        let finding = FindingForm {
            location: form.text("location").into(),
            description: form.text("description").into(),
            category: form.text("category").into(),
            grade: form.text("grade").into(),
            basis: form.text("basis").into(),
            deadline: form.text("deadline").into(),
        };
        let enterprise = service::check_finding(&state.pool, &actor, visit, &finding).await?;
        let photo = match form.files.get("photo") {
            Some(file) => {
                let photo_client = parse_uuid(form.text("photo_client_id"), Field::ClientId)?;
                let stored = crate::photos::service::store_overseen(
                    &state.pool,
                    &state.photos,
                    &actor,
                    enterprise,
                    photo_client,
                    file,
                );
                Some(stored.await?.id)
            }
            None => None,
        };
        service::record_finding_with(&state.pool, &actor, client_id, visit, &finding, photo).await
    }
    .await;
    let to = page.clone();
    answer(&headers, result, RecordFinding::PATH, &page, move |_: &Uuid| {
        format!("{to}?saved=finding")
    })
}
