//! The multipart form posts of the report and the fixes, through the real axum routes: the
//! photo file is stored and linked by the same steps, a bad file is a field error with nothing
//! saved, a retried post stores once, a browser is sent on (or back with the error), and the
//! hazard's photos are served to its enterprise only.

use super::world::World;
use crate::{
    auth::{server::RequestUser, SessionUser},
    error::{AppError, Field, Problem},
    hazards::{reads, HazardState, FIX_ON_SPOT_MULTIPART, RECTIFY_MULTIPART, REPORT_MULTIPART},
    photos::tests::jpeg,
    state::AppState,
    testing,
};
use axum::{body::Body, http::Request, Router};
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

const BOUNDARY: &str = "anxun-hazard-boundary";

pub(crate) fn router(w: &World) -> Router {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    let state = AppState::new(options, w.pool.clone(), w.photos.clone());
    crate::state::feature_routes().with_state(state)
}

/// A multipart body: text fields, then the `photo` file when there is one.
pub(crate) fn multipart(fields: &[(&str, String)], photo: Option<&[u8]>) -> Vec<u8> {
    let disposition = "Content-Disposition: form-data";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\n{disposition}; name=\"{name}\"\r\n\r\n{value}\r\n")
                .into_bytes(),
        );
    }
    if let Some(file) = photo {
        body.extend(
            format!(
                "--{BOUNDARY}\r\n{disposition}; name=\"photo\"; filename=\"photo.jpg\"\r\n\
                 Content-Type: image/jpeg\r\n\r\n"
            )
            .into_bytes(),
        );
        body.extend_from_slice(file);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").into_bytes());
    body
}

pub(crate) struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
}

pub(crate) async fn post(app: &Router, who: &SessionUser, path: &str, body: Vec<u8>, browser: bool) -> Answer {
    let accept = if browser {
        "text/html,application/xhtml+xml"
    } else {
        "application/json"
    };
    let mut req = Request::post(path)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("accept", accept)
        .body(Body::from(body))
        .unwrap();
    req.extensions_mut().insert(RequestUser(Some(who.clone())));
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned());
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    Answer {
        status,
        location,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn report_fields(client_id: Uuid, photo_client_id: Uuid) -> Vec<(&'static str, String)> {
    vec![
        ("client_id", client_id.to_string()),
        ("photo_client_id", photo_client_id.to_string()),
        ("location", "2号车间除尘器".into()),
        ("description", "泄爆片缺失".into()),
        ("category", "dust_explosion".into()),
        ("grade", "general".into()),
    ]
}

async fn move_fields(
    w: &World,
    id: Uuid,
    text: (&'static str, &str),
) -> Vec<(&'static str, String)> {
    vec![
        ("client_id", Uuid::now_v7().to_string()),
        ("photo_client_id", Uuid::now_v7().to_string()),
        ("hazard_id", id.to_string()),
        ("version", w.version(id).await.to_string()),
        (text.0, text.1.to_owned()),
    ]
}

async fn counts(pool: &PgPool) -> [i64; 4] {
    [
        testing::count(pool, "select count(*) from hazards").await,
        testing::count(pool, "select count(*) from photos").await,
        testing::count(pool, "select count(*) from hazard_photos").await,
        testing::count(
            pool,
            "select count(*) from audit_log where action like 'hazard.%'",
        )
        .await,
    ]
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_retried_report_with_its_photo_is_stored_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let app = router(&w);
    let body = multipart(
        &report_fields(Uuid::now_v7(), Uuid::now_v7()),
        Some(&jpeg(64, 48)),
    );
    let first = post(&app, &w.reporter, REPORT_MULTIPART, body.clone(), false).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let again = post(&app, &w.reporter, REPORT_MULTIPART, body, false).await;
    assert_eq!((again.status, &again.body), (200, &first.body));
    assert_eq!(counts(&pool).await, [1, 1, 1, 1]);
    assert_eq!(testing::audit_rows(&pool, "photo.upload").await, 1);
    let id: Uuid = serde_json::from_str(&first.body).unwrap();
    let detail = reads::detail(&pool, &w.reporter, id, w.now).await.unwrap();
    assert_eq!(detail.photos.len(), 1);
    assert_eq!((detail.photos[0].width, detail.photos[0].height), (64, 48));

    // Without a photo the report goes through too.
    let body = multipart(&report_fields(Uuid::now_v7(), Uuid::now_v7()), None);
    let bare = post(&app, &w.reporter, REPORT_MULTIPART, body, false).await;
    assert_eq!(bare.status, 200, "{}", bare.body);
    assert_eq!(counts(&pool).await, [2, 1, 1, 2]);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_fixes_need_their_after_photo_and_a_retry_stores_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let app = router(&w);
    // On the spot, without the file: the photo's field error, nothing changed.
    let id = w.report(&w.reporter).await;
    let fields = move_fields(&w, id, ("note", "已当场更换")).await;
    let missing = post(
        &app,
        &w.reporter,
        FIX_ON_SPOT_MULTIPART,
        multipart(&fields, None),
        false,
    )
    .await;
    assert_eq!(missing.status, 422, "{}", missing.body);
    let err: AppError = serde_json::from_str(&missing.body).unwrap();
    assert_eq!(err, AppError::invalid(Field::Photo, Problem::Required));
    assert_eq!(w.state(id).await, HazardState::Reported);
    // With it, twice (a retry): one photo, one link, one audit row.
    let body = multipart(&fields, Some(&jpeg(40, 30)));
    for _ in 0..2 {
        let ok = post(
            &app,
            &w.reporter,
            FIX_ON_SPOT_MULTIPART,
            body.clone(),
            false,
        )
        .await;
        assert_eq!(ok.status, 200, "{}", ok.body);
    }
    assert_eq!(w.state(id).await, HazardState::FixedOnSpot);
    assert_eq!(testing::audit_rows(&pool, "hazard.fix_on_spot").await, 1);
    assert_eq!(testing::audit_rows(&pool, "photo.upload").await, 1);

    // The rectification likewise.
    let id = w.hazard_in(HazardState::Rectifying).await;
    let fields = move_fields(&w, id, ("rectification", "已加装泄爆片")).await;
    let missing = post(
        &app,
        &w.rectifier,
        RECTIFY_MULTIPART,
        multipart(&fields, None),
        false,
    )
    .await;
    assert_eq!(missing.status, 422, "{}", missing.body);
    assert!(missing.body.contains("photo"), "{}", missing.body);
    assert_eq!(w.state(id).await, HazardState::Rectifying);
    let body = multipart(&fields, Some(&jpeg(40, 30)));
    for _ in 0..2 {
        let ok = post(&app, &w.rectifier, RECTIFY_MULTIPART, body.clone(), false).await;
        assert_eq!(ok.status, 200, "{}", ok.body);
    }
    assert_eq!(w.state(id).await, HazardState::AwaitingRecheck);
    assert_eq!(testing::audit_rows(&pool, "hazard.rectify").await, 1);
    assert_eq!(testing::audit_rows(&pool, "photo.upload").await, 2);
    assert_eq!(
        testing::count(&pool, "select count(*) from hazard_photos").await,
        2
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_text_file_as_photo_is_a_field_error_and_nothing_is_saved(pool: PgPool) {
    let w = World::new(&pool).await;
    let app = router(&w);
    let text = b"just some text, named photo.jpg".as_slice();
    let body = multipart(&report_fields(Uuid::now_v7(), Uuid::now_v7()), Some(text));
    let refused = post(&app, &w.reporter, REPORT_MULTIPART, body, false).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let err: AppError = serde_json::from_str(&refused.body).unwrap();
    assert_eq!(err, AppError::invalid(Field::Photo, Problem::NotAnImage));
    assert_eq!(counts(&pool).await, [0, 0, 0, 0]);

    let id = w.hazard_in(HazardState::Rectifying).await;
    let before = counts(&pool).await;
    let fields = move_fields(&w, id, ("rectification", "done")).await;
    let refused = post(
        &app,
        &w.rectifier,
        RECTIFY_MULTIPART,
        multipart(&fields, Some(text)),
        false,
    )
    .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("not_an_image"), "{}", refused.body);
    assert_eq!(counts(&pool).await, before);
    assert_eq!(w.state(id).await, HazardState::Rectifying);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_browser_is_sent_on_or_back_with_the_error(pool: PgPool) {
    use leptos::server_fn::{error::ServerFnUrlError, ServerFn};
    let w = World::new(&pool).await;
    let app = router(&w);
    let body = multipart(
        &report_fields(Uuid::now_v7(), Uuid::now_v7()),
        Some(&jpeg(20, 20)),
    );
    let ok = post(&app, &w.reporter, REPORT_MULTIPART, body, true).await;
    assert_eq!(ok.status, 303);
    let to = ok.location.unwrap();
    assert!(
        to.starts_with("/hazards/") && to.ends_with("?saved=reported"),
        "{to}"
    );

    // A missing after-photo: back to the hazard's page, the error where the page's
    // `ServerAction::<FixHazardOnSpot>` reads it.
    let id = w.report(&w.reporter).await;
    let fields = move_fields(&w, id, ("note", "已更换")).await;
    let back = post(
        &app,
        &w.reporter,
        FIX_ON_SPOT_MULTIPART,
        multipart(&fields, None),
        true,
    )
    .await;
    assert_eq!(back.status, 303);
    let to = back.location.unwrap();
    let (path, query) = to.split_once('?').unwrap();
    assert_eq!(path, format!("/hazards/{id}"));
    let query: std::collections::HashMap<String, String> = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), urlencoding::decode(v).unwrap().into_owned()))
        .collect();
    assert_eq!(query["__path"], crate::hazards::FixHazardOnSpot::PATH);
    assert_eq!(
        ServerFnUrlError::<AppError>::decode_err(&query["__err"]),
        AppError::invalid(Field::Photo, Problem::Required)
    );
    let fields = move_fields(&w, id, ("note", "已更换")).await;
    let body = multipart(&fields, Some(&jpeg(20, 20)));
    let ok = post(&app, &w.reporter, FIX_ON_SPOT_MULTIPART, body, true).await;
    assert_eq!(
        ok.location.as_deref(),
        Some(format!("/hazards/{id}?saved=fixed_on_spot").as_str())
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn another_enterprise_cannot_read_the_hazards_photos(pool: PgPool) {
    let w = World::new(&pool).await;
    let app = router(&w);
    let body = multipart(
        &report_fields(Uuid::now_v7(), Uuid::now_v7()),
        Some(&jpeg(20, 20)),
    );
    let answer = post(&app, &w.reporter, REPORT_MULTIPART, body, false).await;
    let id: Uuid = serde_json::from_str(&answer.body).unwrap();
    let detail = reads::detail(&pool, &w.officer, id, w.now).await.unwrap();
    let url = detail.photos[0].url.clone();
    let get = |who: &SessionUser| {
        let mut req = Request::get(&url).body(Body::empty()).unwrap();
        req.extensions_mut().insert(RequestUser(Some(who.clone())));
        let app = app.clone();
        async move { app.oneshot(req).await.unwrap().status().as_u16() }
    };
    assert_eq!(get(&w.officer).await, 200);
    assert_eq!(get(&w.outsider).await, 404);
    // Nor does the hazard's page, which lists them.
    assert_eq!(
        reads::detail(&pool, &w.outsider, id, w.now).await,
        Err(AppError::NotFound)
    );
    // Another enterprise's upload posted as this hazard's photo by id: refused.
    let theirs = w.photo(&w.outsider).await.unwrap();
    let id = w.hazard_in(HazardState::Rectifying).await;
    let mut fields = move_fields(&w, id, ("rectification", "done")).await;
    fields.push(("photo_id", theirs.to_string()));
    let refused = post(
        &app,
        &w.rectifier,
        RECTIFY_MULTIPART,
        multipart(&fields, None),
        false,
    )
    .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(w.state(id).await, HazardState::Rectifying);
}

/// A report made without signal and delivered by the outbox (twice: the first answer was
/// lost): found at the act's time, stored once with its photo, answered "stored" both times.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_report_is_found_at_its_act_and_stored_once(pool: PgPool) {
    use crate::offline::tests::{deliver, router, stored_at, Send};
    let w = World::new(&pool).await;
    let app = router(&pool);
    let mut send = Send::form(
        &w.reporter,
        REPORT_MULTIPART,
        String::new(),
        time::Duration::minutes(40),
    );
    send.content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    send.body = multipart(
        &report_fields(Uuid::now_v7(), Uuid::now_v7()),
        Some(&jpeg(64, 48)),
    );
    for _ in 0..2 {
        let answer = deliver(&app, &send).await;
        assert!(stored_at(&answer).starts_with("/hazards/"), "{}", answer.1);
    }
    assert_eq!(counts(&pool).await, [1, 1, 1, 1]);
    let (found, acted): (time::OffsetDateTime, Option<time::OffsetDateTime>) = sqlx::query_as(
        "select h.found_at, a.acted_at from hazards h
         join audit_log a on a.subject_id = h.id and a.action = 'hazard.report'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        (found - send.made_at).abs() < time::Duration::seconds(5),
        "{found}"
    );
    assert_eq!(acted, Some(found));
}

/// While the reporter's decode turn is taken (their other photo still decoding), a report with
/// a photo waits `gate::QUEUE_WAIT` and is answered 503 "busy, try again" with `Retry-After`,
/// for a browser's plain post too (never a redirect with the error, which the outbox would show
/// as refused): the outbox answers `retry`, keeps it, and the resend is stored once.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_busy_decoder_answers_503_and_the_outbox_sends_it_again(pool: PgPool) {
    use crate::offline::tests::{deliver, stored_at, Send};
    let w = World::new(&pool).await;
    let outbox = crate::offline::tests::router(&pool);
    let fields = report_fields(Uuid::now_v7(), Uuid::now_v7());
    let body = multipart(&fields, Some(&jpeg(64, 48)));
    let mut send = Send::form(
        &w.reporter,
        REPORT_MULTIPART,
        String::new(),
        time::Duration::minutes(5),
    );
    send.content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    send.body = body.clone();
    let held = crate::photos::gate::DECODE_GATE
        .hold_person(w.reporter.id)
        .await;
    let app = router(&w);
    let (online, delivered) = tokio::join!(
        post(&app, &w.reporter, REPORT_MULTIPART, body, true),
        deliver(&outbox, &send)
    );
    assert_eq!(
        (online.status, online.location),
        (503, None),
        "{}",
        online.body
    );
    assert!(online.body.contains("稍后再试"), "{}", online.body);
    assert_eq!(delivered.0, 503);
    assert_eq!(delivered.1["outcome"], "retry", "{}", delivered.1);
    for table in ["hazards", "photos"] {
        let n = testing::count(&pool, &format!("select count(*) from {table}")).await;
        assert_eq!(n, 0, "{table}");
    }
    drop(held);
    let to = deliver(&outbox, &send).await;
    assert!(stored_at(&to).starts_with("/hazards/"));
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        1
    );
}
