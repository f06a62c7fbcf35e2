//! `POST /county/enterprises/import`: a roster file (multipart: `client_id`, `file`), kept
//! for its dry run; a browser goes on to the dry run's page, or back to the upload page with
//! the error.

use crate::{
    auth::server::RequestUser,
    county::CountyField,
    error::{AppError, Field, Problem},
    photos::http::{read_multipart, FormLimits},
};
use axum::{
    extract::{multipart::MultipartRejection, DefaultBodyLimit, Multipart, State},
    http::{header, HeaderMap},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Extension, Json,
};
use sqlx::PgPool;

pub use super::UPLOAD;
const PAGE: &str = "/county/enterprises/import";
/// A county's roster is well under a megabyte; 10 MB leaves room for a workbook's styles.
const LIMITS: FormLimits = FormLimits {
    files: 1,
    total_mib: 10,
};

pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    PgPool: axum::extract::FromRef<S>,
{
    axum::Router::new()
        .route(
            UPLOAD,
            post(upload).layer(DefaultBodyLimit::max(LIMITS.body_limit())),
        )
        .route(
            "/export/county/enterprises.xlsx",
            get(super::export::ledger),
        )
}

/// The multipart reader names photos in its refusals: here the file is the roster.
fn as_roster(err: AppError) -> AppError {
    match err {
        AppError::Invalid { field, problem } if field == crate::error::AnyField::from(Field::Photo) => {
            AppError::invalid(CountyField::RosterFile, problem)
        }
        other => other,
    }
}

pub async fn upload(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    headers: HeaderMap,
    body: Result<Multipart, MultipartRejection>,
) -> Response {
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        super::super::service::Reach::of(&actor)?;
        let form = read_multipart(body.map_err(|_| AppError::Malformed)?, LIMITS)
            .await
            .map_err(as_roster)?;
        let client_id = crate::input::uuid(form.text("client_id"), Field::ClientId)?;
        let bytes = form
            .files
            .get("file")
            .ok_or(AppError::invalid(CountyField::RosterFile, Problem::Required))?;
        let name = match form.text("file_name") {
            "" => "roster",
            given => given,
        };
        super::service::upload(&pool, &actor, client_id, name, bytes).await
    }
    .await;
    let browser = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    match (result, browser) {
        (Ok(id), true) => Redirect::to(&format!("{PAGE}/{id}")).into_response(),
        (Ok(id), false) => Json(id).into_response(),
        (Err(err), true) => Redirect::to(&crate::error::error_url(PAGE, UPLOAD, err)).into_response(),
        (Err(err), false) => {
            let status = axum::http::StatusCode::from_u16(err.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(err)).into_response()
        }
    }
}
