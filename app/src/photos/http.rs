//! The photo routes (server only): `POST /api/v1/photos/upload` and `GET /photos/{token}`.
//!
//! Plain axum handlers rather than a server function: they need the object store of the
//! state, a body limit of their own and a binary answer; the upload's multipart body is read
//! by `read_multipart`, which other features' photo forms use too.

use super::{service, MAX_UPLOAD_BYTES, MAX_UPLOAD_MIB};
use crate::{
    auth::server::RequestUser,
    error::{AppError, Field, Problem},
    state::AppState,
};
use axum::{
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Extension, Json, Router,
};
use std::collections::HashMap;

/// Room for the multipart framing and the text fields around one photo.
const FORM_OVERHEAD: usize = 256 * 1024;
/// The longest text field of a photo form (a hazard's description is far shorter).
const MAX_TEXT_FIELD: usize = 64 * 1024;

/// The photo routes, with the upload's body limit (`DefaultBodyLimit`, only on that route).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/photos/upload",
            post(upload).layer(DefaultBodyLimit::max(body_limit())),
        )
        .route("/photos/{token}", get(serve))
}

/// The body limit of a route that takes one photo and a few text fields; for other features'
/// photo forms (`.layer(DefaultBodyLimit::max(photos::http::body_limit()))`).
pub const fn body_limit() -> usize {
    MAX_UPLOAD_BYTES + FORM_OVERHEAD
}

/// A multipart form post: its text fields and its files (by field name). A file input left
/// empty (no file chosen) is absent from `files`.
#[derive(Debug, Default)]
pub struct MultipartForm {
    pub fields: HashMap<String, String>,
    pub files: HashMap<String, Vec<u8>>,
}

impl MultipartForm {
    pub fn text(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }
}

/// Reads a multipart post, refusing a file over `MAX_UPLOAD_BYTES` (as `photo`'s error) and
/// a text field over 64 KB; an undecodable body is `Malformed`. A field sent twice keeps its
/// first value.
pub async fn read_multipart(mut multipart: Multipart) -> Result<MultipartForm, AppError> {
    let mut form = MultipartForm::default();
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = field.file_name().is_some();
        let cap = if is_file {
            MAX_UPLOAD_BYTES
        } else {
            MAX_TEXT_FIELD
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
            if bytes.len() + chunk.len() > cap {
                return Err(if is_file {
                    too_large()
                } else {
                    AppError::Malformed
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        if is_file {
            if !bytes.is_empty() {
                form.files.entry(name).or_insert(bytes);
            }
        } else {
            let text = String::from_utf8(bytes).map_err(|_| AppError::Malformed)?;
            form.fields.entry(name).or_insert(text);
        }
    }
    Ok(form)
}

fn too_large() -> AppError {
    AppError::invalid(
        Field::Photo,
        Problem::FileTooLarge {
            max_mib: MAX_UPLOAD_MIB,
        },
    )
}

fn multipart_error(err: axum::extract::multipart::MultipartError) -> AppError {
    // Over the route's body limit: the photo is too large. Anything else: a broken body.
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        tracing::debug!(error = %err, "malformed multipart body");
        AppError::Malformed
    }
}

/// `POST /api/v1/photos/upload`, multipart with `client_id` and `photo`: the stored `Photo`
/// as JSON, or the error as JSON with its status.
pub async fn upload(
    State(state): State<AppState>,
    Extension(user): Extension<RequestUser>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        actor.require_role(service::UPLOADERS)?;
        let form = read_multipart(multipart.map_err(|_| AppError::Malformed)?).await?;
        let client_id = crate::error::parse_uuid(form.text("client_id"), Field::ClientId)?;
        let photo = form.files.get("photo").map_or(&[][..], Vec::as_slice);
        service::store(&state, &actor, client_id, photo).await
    }
    .await;
    match result {
        Ok(photo) => Json(photo).into_response(),
        Err(err) => error_response(err),
    }
}

/// `GET /photos/{token}`: the JPEG, to people of its enterprise and its regulator.
pub async fn serve(
    State(state): State<AppState>,
    Extension(user): Extension<RequestUser>,
    Path(token): Path<String>,
) -> Response {
    let result = async {
        let reader = user.0.ok_or(AppError::Unauthenticated)?;
        service::open(&state.pool, &state.photos, &reader, &token).await
    }
    .await;
    match result {
        Ok((row, bytes)) => {
            let content_type = HeaderValue::from_str(&row.content_type)
                .unwrap_or(HeaderValue::from_static("image/jpeg"));
            (
                [
                    (header::CONTENT_TYPE, content_type),
                    // A photo never changes under its token; only its own people may keep it.
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("private, max-age=31536000, immutable"),
                    ),
                    (
                        header::X_CONTENT_TYPE_OPTIONS,
                        HeaderValue::from_static("nosniff"),
                    ),
                ],
                bytes,
            )
                .into_response()
        }
        Err(err) => error_response(err),
    }
}

/// The error as JSON (what server functions answer), with its status.
fn error_response(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(err)).into_response()
}
