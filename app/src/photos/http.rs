//! The photo routes (server only): `POST /api/v1/photos/upload` and `GET /photos/{token}`.
//!
//! Plain axum handlers rather than a server function: they need the object store of the
//! state, a body limit of their own and a binary answer; the upload's multipart body is read
//! by `read_multipart`, which other features' photo forms use too.

use super::{service, PhotoState, MAX_UPLOAD_BYTES, MAX_UPLOAD_MIB};
use crate::{
    auth::server::RequestUser,
    error::{AppError, Field, Problem},
};
use axum::{
    extract::{DefaultBodyLimit, Multipart, Path},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Extension, Json, Router,
};
use std::collections::HashMap;

/// Room for the multipart framing and the text fields around the files of a form.
const FORM_OVERHEAD: usize = 256 * 1024;
/// The longest text field of a photo form (a hazard's description is far shorter).
const MAX_TEXT_FIELD: usize = 64 * 1024;

/// What one multipart form may carry, checked as the body streams in: a file over its size,
/// a file over the count or files over their total are refused at that chunk, before the rest
/// of the body is read (never buffered first and counted after).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormLimits {
    /// Files (file fields with content; a file input left empty does not count).
    pub files: u16,
    /// Bytes of all files together.
    pub total_mib: u16,
}

impl FormLimits {
    /// A form of one photo (the upload, the hazard forms).
    pub const ONE_PHOTO: FormLimits = FormLimits {
        files: 1,
        total_mib: MAX_UPLOAD_MIB,
    };

    /// The route's body limit (`DefaultBodyLimit`): the files and the text around them.
    pub const fn body_limit(self) -> usize {
        self.total_mib as usize * 1024 * 1024 + FORM_OVERHEAD
    }

    const fn total_bytes(self) -> usize {
        self.total_mib as usize * 1024 * 1024
    }
}

/// The photo routes, with the upload's body limit (`DefaultBodyLimit`, only on that route).
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
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
    FormLimits::ONE_PHOTO.body_limit()
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

/// Reads a multipart post within `limits`, refusing (as `photo`'s error) a file over
/// `MAX_UPLOAD_BYTES`, more files than `limits.files` and files over `limits.total_mib`, each
/// as soon as the chunk that crosses it arrives; a text field over 64 KB or an undecodable
/// body is `Malformed`. A field sent twice keeps its first value.
pub async fn read_multipart(
    mut multipart: Multipart,
    limits: FormLimits,
) -> Result<MultipartForm, AppError> {
    let mut form = MultipartForm::default();
    let (mut files, mut file_bytes) = (0u16, 0usize);
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
            if is_file && bytes.is_empty() && !chunk.is_empty() {
                // A file begins: one too many is refused before its bytes are read.
                files += 1;
                if files > limits.files {
                    return Err(AppError::invalid(
                        Field::Photo,
                        Problem::TooManyFiles { max: limits.files },
                    ));
                }
            }
            if bytes.len() + chunk.len() > cap {
                return Err(if is_file {
                    too_large()
                } else {
                    AppError::Malformed
                });
            }
            if is_file {
                file_bytes += chunk.len();
                if file_bytes > limits.total_bytes() {
                    return Err(AppError::invalid(
                        Field::Photo,
                        Problem::FileTooLarge {
                            max_mib: limits.total_mib,
                        },
                    ));
                }
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
    state: PhotoState,
    Extension(user): Extension<RequestUser>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        actor.require_role(service::UPLOADERS)?;
        let body = multipart.map_err(|_| AppError::Malformed)?;
        let form = read_multipart(body, FormLimits::ONE_PHOTO).await?;
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

/// How long a browser may keep a photo: a photo never changes under its token, but who may
/// see it does (a hazard reassigned, a person deactivated) and a phone may be shared, so only
/// the browser keeps it (`private`, never a proxy) and only for five minutes, not a year.
pub const CACHE_CONTROL: &str = "private, max-age=300";

/// `GET /photos/{token}`: the JPEG, to whoever may read its hazard or patrol record.
pub async fn serve(
    state: PhotoState,
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
                    (
                        header::CACHE_CONTROL,
                        HeaderValue::from_static(CACHE_CONTROL),
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

/// Seconds a phone is told to wait before sending again when the decoders are busy.
const RETRY_AFTER_SECONDS: &str = "5";

/// The answer to a post refused as `AppError::Busy`, for a browser's form post too: a 503 with
/// `Retry-After`, never a redirect back to the form, so the offline outbox (service worker and
/// server alike: a 5xx means "retry", app/src/offline/delivery.rs) keeps the post and sends it
/// again instead of showing it refused. A browser gets the sentence, anyone else the JSON.
pub fn busy_answer(headers: &axum::http::HeaderMap) -> Response {
    let mut res = if from_browser(headers) {
        let locale = crate::lang::locale_of(headers);
        let text = crate::shell::error_text_in(locale, &AppError::Busy);
        (StatusCode::SERVICE_UNAVAILABLE, text).into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, Json(AppError::Busy)).into_response()
    };
    let h = res.headers_mut();
    h.insert(
        header::RETRY_AFTER,
        HeaderValue::from_static(RETRY_AFTER_SECONDS),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The error as JSON (what server functions answer), with its status.
fn error_response(err: AppError) -> Response {
    if err == AppError::Busy {
        return busy_answer(&axum::http::HeaderMap::new());
    }
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(err)).into_response()
}

/// Whether the post came from a page (it accepts `text/html`) rather than a script.
pub fn from_browser(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// The answer of a form that carries a photo, posted multipart: a browser goes on to
/// `to(value)`, or back to `page` with the error as the server function at `path` would put
/// it there (its `ServerAction` shows it); any other caller gets JSON and the error's status.
/// Busy decoders answer 503 to both, so the outbox sends it again.
pub fn answer<T: serde::Serialize>(
    headers: &axum::http::HeaderMap,
    result: Result<T, AppError>,
    path: &str,
    page: &str,
    to: impl FnOnce(&T) -> String,
) -> Response {
    use axum::response::Redirect;
    match (result, from_browser(headers)) {
        (Err(AppError::Busy), _) => busy_answer(headers),
        (Ok(value), true) => Redirect::to(&to(&value)).into_response(),
        (Ok(value), false) => Json(value).into_response(),
        (Err(err), true) => Redirect::to(&crate::error::error_url(page, path, err)).into_response(),
        (Err(err), false) => {
            let status =
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(err)).into_response()
        }
    }
}
