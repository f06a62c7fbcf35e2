//! `POST /api/v1/patrols/submit`: the patrol form, multipart, without JavaScript. A plain
//! axum handler (like the photo upload): it needs the object store and a body limit of its
//! own. Fields: `client_id`, `record_id`, per item `answer_<id>`, `note_<id>`, and for a
//! failed item `photo_<id>` (the file) with `photo_client_<id>` (the photo's own client id).
//!
//! Order: the answers are checked first (nothing is stored for a bad form), then the failed
//! items' photos are stored (`photos::store`, each idempotent on its client id), then the
//! submission is one audited step (`records::submit`).
//!
//! `POST /api/v1/patrols/start_submit`: the same form of a patrol started on the phone from
//! the point's kept page (no signal), carrying the point's token instead of a record: the
//! record is created and its answers stored in one step (`offline_start`).

use super::{answers, offline_start, records, AnswerResult};
use crate::patrols::PatrolField;
use crate::{
    auth::server::RequestUser,
    error::{parse_uuid, AppError, Field, Problem},
    photos::{
        http::{busy_answer, read_multipart, FormLimits},
        PhotoState,
    },
};
use axum::{
    extract::{multipart::MultipartRejection, DefaultBodyLimit, Multipart},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Extension, Json, Router,
};
use time::Duration;

/// What one submission's files may be, checked as they stream in (`read_multipart`): at most
/// 12 photos (one per failed item of a long checklist) and 48 MB in all. Shrunk on the phone
/// (JavaScript) a photo is about 300 KB; sent full-size without it, 2 to 5 MB (a 12-megapixel
/// JPEG), so twelve fit. Before, the whole body (up to 123 MB) was read, then counted.
pub const LIMITS: FormLimits = FormLimits {
    files: 12,
    total_mib: 48,
};

/// The patrol started and submitted at once from a point's page kept on the phone
/// (`offline_start`): the outbox keeps it (`offline::queueable`).
pub const START_SUBMIT: &str = "/api/v1/patrols/start_submit";

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    Router::new()
        .route(
            "/api/v1/patrols/submit",
            post(submit).layer(DefaultBodyLimit::max(LIMITS.body_limit())),
        )
        .route(
            START_SUBMIT,
            post(start_submit).layer(DefaultBodyLimit::max(LIMITS.body_limit())),
        )
}

/// Whether the browser posted the form itself (then it is answered with a redirect).
fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"))
}

/// The answers of a form (`read_multipart`) checked against `checklist`, the failed items'
/// photos stored (each idempotent on its own client id).
async fn checked_answers(
    state: &PhotoState,
    actor: &crate::auth::SessionUser,
    checklist: &super::Checklist,
    form: &crate::photos::http::MultipartForm,
) -> Result<Vec<answers::AnswerInput>, AppError> {
    let mut checked = answers::validate(
        &checklist.items,
        |k| form.text(k).to_owned(),
        |item| form.files.contains_key(&answers::photo_key(item)),
    )?;
    for answer in checked.iter_mut() {
        if answer.result != AnswerResult::Fail {
            continue;
        }
        let Some(bytes) = form.files.get(&answers::photo_key(answer.item_id)) else {
            continue;
        };
        let key = answers::photo_client_key(answer.item_id);
        let photo_client = parse_uuid(form.text(&key), Field::Photo)?;
        let photo = crate::photos::store(state, actor, photo_client, bytes).await?;
        answer.photo_id = Some(photo.id);
    }
    Ok(checked)
}

/// The browser's answer: the thank-you page, or back to `form_page` with the error; JSON for
/// a script.
fn answer(
    result: Result<records::Submitted, AppError>,
    headers: &HeaderMap,
    form_page: &str,
) -> Response {
    match (result, wants_html(headers)) {
        // The decoders are busy: a 503 for the browser too, so the outbox sends it again.
        (Err(AppError::Busy), _) => busy_answer(headers),
        (Ok(done), true) => {
            Redirect::to(&format!("/patrols/done?hazards={}", done.hazards)).into_response()
        }
        (Ok(done), false) => Json(serde_json::json!({ "hazards": done.hazards })).into_response(),
        (Err(err), true) => {
            // Back to the form with the error, as server functions' plain posts go back.
            Redirect::to(&crate::error::error_url(form_page, "/patrols/submit", err))
                .into_response()
        }
        (Err(err), false) => {
            let status =
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(err)).into_response()
        }
    }
}

/// `POST /api/v1/patrols/start_submit`: a patrol started on the phone (offline, from the
/// point's kept page) and submitted. Fields: `client_id`, `token` (the QR's, or the typed
/// short code), `checklist_id`, `version_id`, `started_ms` and `submitted_ms` (the phone's
/// clock at the start and at the submission), and the answers as `/submit` has them.
pub async fn start_submit(
    state: PhotoState,
    Extension(user): Extension<RequestUser>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let mut form_page = "/patrols".to_owned();
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        actor.require_role(records::PATROLLERS)?;
        let form = read_multipart(multipart.map_err(|_| AppError::Malformed)?, LIMITS).await?;
        let client_id = parse_uuid(form.text("client_id"), Field::ClientId)?;
        let token = form.text("token").trim();
        if !token.is_empty() && token.chars().all(|c| c.is_ascii_alphanumeric()) {
            form_page = format!("/c/{token}");
        }
        let checklist_id = parse_uuid(form.text("checklist_id"), PatrolField::Checklist)?;
        let version_id = parse_uuid(form.text("version_id"), PatrolField::Checklist)?;
        let ms = |key: &str| {
            form.text(key)
                .trim()
                .parse::<i64>()
                .map_err(|_| AppError::invalid(PatrolField::StartTime, Problem::Invalid))
        };
        let took = Duration::milliseconds(ms("submitted_ms")?.saturating_sub(ms("started_ms")?));
        let start = offline_start::OfflineStart {
            token,
            checklist_id,
            version_id,
            took,
        };
        let checklist = offline_start::form_of(&state.pool, &actor, &start).await?;
        let checked = checked_answers(&state, &actor, &checklist, &form).await?;
        // The act's time (the submission's, made offline: the phone's, corrected).
        let now = crate::offline::act().at;
        offline_start::start_and_submit(&state.pool, &actor, client_id, start, &checked, now).await
    }
    .await;
    answer(result, &headers, &form_page)
}

pub async fn submit(
    state: PhotoState,
    Extension(user): Extension<RequestUser>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let mut record = None;
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        actor.require_role(records::PATROLLERS)?;
        let form = read_multipart(multipart.map_err(|_| AppError::Malformed)?, LIMITS).await?;
        let client_id = parse_uuid(form.text("client_id"), Field::ClientId)?;
        let id = parse_uuid(form.text("record_id"), PatrolField::Record)?;
        record = Some(id);
        let (_, checklist) = records::form(&state.pool, &actor, id).await?;
        let checked = checked_answers(&state, &actor, &checklist, &form).await?;
        // The act's time (an answer made offline counts in the round it was made in).
        let now = crate::offline::act().at;
        records::submit(&state.pool, &actor, client_id, id, &checked, now).await
    }
    .await;
    let form_page = match record {
        Some(id) => format!("/patrols/records/{id}"),
        None => "/patrols".to_owned(),
    };
    answer(result, &headers, &form_page)
}
