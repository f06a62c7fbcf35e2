//! The hazard forms that carry a photo, as plain axum handlers (server only): the pages post
//! them multipart, without JavaScript, to fixed endpoints:
//!
//! - `POST /api/v1/hazards/report/multipart`: 随手拍, with an optional before-photo;
//! - `POST /api/v1/hazards/fix_on_spot/multipart`: 已立即整改, the after-photo required;
//! - `POST /api/v1/hazards/rectify/multipart`: the rectification, the after-photo required.
//!
//! Fields: `client_id` (the move's submission), `photo` (the file) and `photo_client_id` (its
//! upload's id), or instead of the file `photo_id` (a photo uploaded ahead); the moves also
//! `hazard_id` and `version`; then the form's own fields, by their `model.rs` names.
//!
//! Each handler checks the text fields, stores the photo (`photos::store`, idempotent by its
//! client id) and runs the same step as the server function. On any error the step stores
//! nothing; a photo stored before it stays, unlinked: harmless (only its enterprise can see it,
//! nothing shows it) and found again by a retry with the same `photo_client_id`. A retried post
//! (same ids) stores one photo, one link and one audit row per step.
//!
//! A browser's post (it accepts `text/html`) is sent on with a 303, like a server function's
//! plain form post: to the hazard's page with `?saved=…`, or back to the form's page with the
//! error in `__path`/`__err`, which the page's `ServerAction` of the same move shows. Any other
//! caller gets JSON and the error's status.

use super::{
    model::parse_photo_id,
    steps::{self, Cmd, ANYONE},
    FixHazardOnSpot, OnSpotForm, RectifyForm, RectifyHazard, ReportForm, ReportHazard,
    FIX_ON_SPOT_MULTIPART as FIX_ON_SPOT, RECTIFY_MULTIPART as RECTIFY, REPORT_MULTIPART as REPORT,
};
use crate::hazards::HazardField;
use crate::{
    auth::{server::RequestUser, SessionUser},
    error::{parse_uuid, AppError, Field},
    photos::{
        self,
        http::{answer, read_multipart, FormLimits, MultipartForm},
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
use time::OffsetDateTime;
use uuid::Uuid;

/// The three routes, with the body limit of one photo and a few text fields.
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
    crate::photos::PhotoStore: axum::extract::FromRef<S>,
{
    Router::new()
        .route(REPORT, post(report))
        .route(FIX_ON_SPOT, post(fix_on_spot))
        .route(RECTIFY, post(rectify))
        .layer(DefaultBodyLimit::max(photos::http::body_limit()))
}

type Body = Result<Multipart, MultipartRejection>;

/// The signed-in actor allowed to report or fix, and the post read.
async fn read(user: RequestUser, body: Body) -> Result<(SessionUser, MultipartForm), AppError> {
    let actor = user.0.ok_or(AppError::Unauthenticated)?;
    actor.require_role(ANYONE)?;
    let form = read_multipart(
        body.map_err(|_| AppError::Malformed)?,
        FormLimits::ONE_PHOTO,
    )
    .await?;
    Ok((actor, form))
}

/// The post's photo: the file stored now (by the actor, under `photo_client_id`), or a photo
/// uploaded ahead (`photo_id`), or none.
async fn photo(
    state: &PhotoState,
    actor: &SessionUser,
    form: &MultipartForm,
) -> Result<Option<Uuid>, AppError> {
    let Some(file) = form.files.get("photo") else {
        return parse_photo_id(form.text("photo_id"));
    };
    let client_id = parse_uuid(form.text("photo_client_id"), Field::ClientId)?;
    Ok(Some(photos::store(state, actor, client_id, file).await?.id))
}

/// `POST /api/v1/hazards/report/multipart`: on to the new hazard's page.
pub async fn report(
    state: PhotoState,
    Extension(user): Extension<RequestUser>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let result = async {
        let (actor, form) = read(user, body).await?;
        let client_id = parse_uuid(form.text("client_id"), Field::ClientId)?;
        let input = ReportForm {
            location: form.text("location").into(),
            description: form.text("description").into(),
            category: form.text("category").into(),
            grade: form.text("grade").into(),
            source: form.text("source").into(),
        }
        .validate()?;
        let photo = photo(&state, &actor, &form).await?;
        // Reported when it was seen: the act's time for a report made offline.
        let now = crate::offline::act().at;
        steps::report(&state.pool, &actor, client_id, &input, photo, now).await
    }
    .await;
    answer(&headers, result, ReportHazard::PATH, "/hazards/new", |id| {
        format!("/hazards/{id}?saved=reported")
    })
}

/// A move's ids: its submission, the hazard and the version the page showed.
fn move_ids(form: &MultipartForm) -> Result<(Uuid, Uuid, i32), AppError> {
    let client_id = parse_uuid(form.text("client_id"), Field::ClientId)?;
    let hazard_id = parse_uuid(form.text("hazard_id"), HazardField::Hazard)?;
    let version = form
        .text("version")
        .trim()
        .parse()
        .map_err(|_| AppError::Malformed)?;
    Ok((client_id, hazard_id, version))
}

/// The hazard's page, where a move's form was (the ledger when the post names no hazard).
fn page_of(form: &MultipartForm) -> String {
    Uuid::parse_str(form.text("hazard_id").trim())
        .map_or_else(|_| "/hazards".to_owned(), |id| format!("/hazards/{id}"))
}

/// A move with its text and photo: `step` runs it once the photo is stored.
async fn a_move(
    state: &PhotoState,
    user: RequestUser,
    body: Body,
    page: &mut String,
    text: impl FnOnce(&MultipartForm) -> Result<String, AppError>,
    step: steps::PhotoMove,
) -> Result<(), AppError> {
    let (actor, form) = read(user, body).await?;
    *page = page_of(&form);
    let (client_id, id, version) = move_ids(&form)?;
    let text = text(&form)?;
    let photo = photo(state, &actor, &form).await?;
    let cmd = Cmd {
        actor: &actor,
        client_id,
        id,
        version,
        now: OffsetDateTime::now_utc(),
    };
    step.run(&state.pool, cmd, &text, photo).await
}

/// `POST /api/v1/hazards/fix_on_spot/multipart`: `note` and the after-photo.
pub async fn fix_on_spot(
    state: PhotoState,
    Extension(user): Extension<RequestUser>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let mut page = "/hazards".to_owned();
    let note = |f: &MultipartForm| {
        OnSpotForm {
            note: f.text("note").into(),
        }
        .validate()
    };
    let result = a_move(
        &state,
        user,
        body,
        &mut page,
        note,
        steps::PhotoMove::FixOnSpot,
    )
    .await;
    let to = page.clone();
    answer(&headers, result, FixHazardOnSpot::PATH, &page, |_| {
        format!("{to}?saved=fixed_on_spot")
    })
}

/// `POST /api/v1/hazards/rectify/multipart`: `rectification` and the after-photo.
pub async fn rectify(
    state: PhotoState,
    Extension(user): Extension<RequestUser>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let mut page = "/hazards".to_owned();
    let text = |f: &MultipartForm| {
        RectifyForm {
            rectification: f.text("rectification").into(),
        }
        .validate()
    };
    let result = a_move(
        &state,
        user,
        body,
        &mut page,
        text,
        steps::PhotoMove::Rectify,
    )
    .await;
    let to = page.clone();
    answer(&headers, result, RectifyHazard::PATH, &page, |_| {
        format!("{to}?saved=rectified")
    })
}
