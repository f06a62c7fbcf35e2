//! The multipart submission through axum: answers and a failed item's photo, refusals with
//! nothing half-saved, and tenant isolation.

use super::World;
use crate::{
    auth::{server::RequestUser, SessionUser},
    patrols::{answer_key, photo_client_key, photo_key, records, Checklist},
    photos::PhotoStore,
    state::AppState,
    testing,
};
use axum::{body::Body, http::Request, Router};
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

const BOUNDARY: &str = "anxun-patrol-boundary";

fn router(pool: &PgPool) -> Router {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    let state = AppState::new(options, pool.clone(), PhotoStore::in_memory());
    crate::patrols::http::routes().with_state(state)
}

fn jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

struct Form {
    text: Vec<(String, String)>,
    files: Vec<(String, Vec<u8>)>,
}

impl Form {
    fn body(&self) -> Vec<u8> {
        let d = "Content-Disposition: form-data";
        let mut body = Vec::new();
        for (k, v) in &self.text {
            body.extend(format!("--{BOUNDARY}\r\n{d}; name=\"{k}\"\r\n\r\n{v}\r\n").into_bytes());
        }
        for (k, bytes) in &self.files {
            body.extend(
                format!(
                    "--{BOUNDARY}\r\n{d}; name=\"{k}\"; filename=\"p.jpg\"\r\n\
                     Content-Type: image/jpeg\r\n\r\n"
                )
                .into_bytes(),
            );
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{BOUNDARY}--\r\n").into_bytes());
        body
    }
}

/// A form answering every item `pass` but those at `fail`, with `answer` for item 0 if given.
fn form(record: Uuid, checklist: &Checklist, fail: &[usize], answer0: Option<&str>) -> Form {
    let mut text = vec![
        ("client_id".to_owned(), Uuid::now_v7().to_string()),
        ("record_id".to_owned(), record.to_string()),
    ];
    let mut files = vec![];
    for (i, item) in checklist.items.iter().enumerate() {
        let failed = fail.contains(&i);
        let v = match (i, answer0) {
            (0, Some(a)) => a.to_owned(),
            _ if failed => "fail".into(),
            _ => "pass".into(),
        };
        text.push((answer_key(item.id), v));
        if failed {
            text.push((photo_client_key(item.id), Uuid::now_v7().to_string()));
            files.push((photo_key(item.id), jpeg()));
        }
    }
    Form { text, files }
}

async fn post(router: &Router, who: &SessionUser, form: &Form, html: bool) -> (u16, String) {
    post_as(router, Some(who), form, html).await
}

async fn post_as(
    router: &Router,
    who: Option<&SessionUser>,
    form: &Form,
    html: bool,
) -> (u16, String) {
    let mut req = Request::post("/api/v1/patrols/submit")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(
            "accept",
            if html {
                "text/html"
            } else {
                "application/json"
            },
        )
        .body(Body::from(form.body()))
        .unwrap();
    req.extensions_mut().insert(RequestUser(who.cloned()));
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let text = location.unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
    (status, text)
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_phone_form_submits_answers_and_the_failed_items_photo(pool: PgPool) {
    let w = World::new(&pool).await;
    let router = router(&pool);
    let record = w.start().await;
    let (_, checklist) = records::form(&pool, &w.worker, record).await.unwrap();
    let form = form(record, &checklist, &[3], None);
    // Another enterprise's officer: not found, nothing stored (not even the photo).
    let (status, _) = post(&router, &w.foreign, &form, false).await;
    assert_eq!(status, 404);
    assert_eq!(
        testing::count(&pool, "select count(*) from photos").await,
        0
    );
    // Without JavaScript: a redirect to the thank-you page naming the hazards raised.
    let (status, location) = post(&router, &w.worker, &form, true).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/patrols/done?hazards=1")
    );
    let (photo, result): (Option<Uuid>, String) = sqlx::query_as(
        "select photo_id, result from patrol_answers where record_id = $1 and item_id = $2",
    )
    .bind(record)
    .bind(checklist.items[3].id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(photo.is_some());
    assert_eq!(result, "fail");
    // The failed item's photo is its hazard's before-photo.
    let (linked, stage): (Uuid, String) = sqlx::query_as(
        "select hp.photo_id, hp.stage from hazard_photos hp
         join hazards h on h.id = hp.hazard_id where h.patrol_record_id = $1",
    )
    .bind(record)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((Some(linked), stage.as_str()), (photo, "before"));
    // The photo follows its record and its hazard (what `photos::service::open` asks): the
    // patroller and the officer may read it; another worker, another enterprise may not.
    let photo_id = linked;
    for (who, sees) in [
        (&w.worker, true),
        (&w.officer, true),
        (&w.other_worker, false),
        (&w.foreign, false),
    ] {
        let record = records::photo_visible(&pool, who, photo_id).await.unwrap();
        let hazard = crate::hazards::reads::photo_visible(&pool, who, photo_id)
            .await
            .unwrap();
        let visible = record == Some(true) || hazard == Some(true);
        assert_eq!(visible, sees, "{:?}", who.role);
    }
    // The same post again (a retry): the same answer, no second hazard or photo.
    let (status, body) = post(&router, &w.worker, &form, false).await;
    assert_eq!((status, body.as_str()), (200, r#"{"hazards":1}"#));
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        1
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from photos").await,
        1
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn bad_answers_are_named_and_save_nothing(pool: PgPool) {
    let w = World::new(&pool).await;
    let router = router(&pool);
    let record = w.start().await;
    let (_, checklist) = records::form(&pool, &w.worker, record).await.unwrap();
    let long = "字".repeat(10_000);
    for bad in [
        "abc",
        "-5",
        "1e309",
        "NaN",
        "",
        "😀",
        "<script>x</script>",
        long.as_str(),
    ] {
        let f = form(record, &checklist, &[], Some(bad));
        let (status, body) = post(&router, &w.worker, &f, false).await;
        assert_eq!(status, 422, "{bad:?}: {body}");
        assert!(body.contains("answer"), "{body}");
    }
    // A failed item without its required photo.
    let mut f = form(record, &checklist, &[1], None);
    f.files.clear();
    let (status, body) = post(&router, &w.worker, &f, false).await;
    assert_eq!(status, 422);
    assert!(body.contains("photo"), "{body}");
    // A plain post goes back to the form with the error.
    let (status, location) = post(&router, &w.worker, &f, true).await;
    assert_eq!(status, 303);
    assert!(location.starts_with(&format!("/patrols/records/{record}?")));
    let err = location.split_once("__err=").expect("the error in the query").1;
    let err = urlencoding::decode(err.split('&').next().unwrap()).unwrap();
    assert!(
        matches!(crate::error::error_in_query(&err), crate::error::AppError::Invalid { field, .. } if field.name() == "photo"),
        "{location}"
    );
    // A text file named .jpg is no photo.
    let mut f = form(record, &checklist, &[1], None);
    f.files[0].1 = b"not an image at all".to_vec();
    let (status, body) = post(&router, &w.worker, &f, false).await;
    assert_eq!(status, 422, "{body}");
    for table in ["patrol_answers", "hazards", "photos"] {
        let n = testing::count(&pool, &format!("select count(*) from {table}")).await;
        assert_eq!(n, 0, "{table}");
    }
    let submitted = testing::count(
        &pool,
        "select count(*) from patrol_records where submitted_at is not null",
    )
    .await;
    assert_eq!(submitted, 0);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_people_of_the_enterprise_submit(pool: PgPool) {
    let w = World::new(&pool).await;
    let router = router(&pool);
    let record = w.start().await;
    let (_, checklist) = records::form(&pool, &w.worker, record).await.unwrap();
    let f = form(record, &checklist, &[], None);
    let (status, _) = post_as(&router, None, &f, false).await;
    assert_eq!(status, 401);
    let orgs_township: uuid::Uuid = sqlx::query_scalar("select id from jurisdictions limit 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    let regulator = testing::user(
        &pool,
        orgs_township,
        crate::auth::Role::Regulator,
        "13300000009",
    )
    .await;
    let (status, _) = post(&router, &regulator, &f, false).await;
    assert_eq!(status, 403);
    // Another worker of the same enterprise may not fill someone else's record.
    let (status, _) = post(&router, &w.other_worker, &f, false).await;
    assert_eq!(status, 409);
    // A broken body is a 400, never a 500.
    let mut req = Request::post("/api/v1/patrols/submit")
        .header("content-type", "multipart/form-data; boundary=x")
        .body(Body::from("garbage"))
        .unwrap();
    req.extensions_mut()
        .insert(RequestUser(Some(w.worker.clone())));
    let res = router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert_eq!(
        testing::count(&pool, "select count(*) from patrol_answers").await,
        0
    );
}

/// Answers made without signal, delivered by the outbox twice (the first answer was lost):
/// submitted at the act's time (its round is judged by it), one submission, one hazard.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_submission_counts_at_its_act_and_is_stored_once(pool: PgPool) {
    use crate::offline::tests::{deliver, router, stored_at, Send};
    let w = World::new(&pool).await;
    let app = router(&pool);
    let record = w.start().await;
    sqlx::query("update patrol_records set started_at = now() - interval '1 hour'")
        .execute(&pool)
        .await
        .unwrap();
    let (_, checklist) = records::form(&pool, &w.worker, record).await.unwrap();
    let mut send = Send::form(
        &w.worker,
        "/api/v1/patrols/submit",
        String::new(),
        time::Duration::minutes(25),
    );
    send.content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    send.body = form(record, &checklist, &[2], None).body();
    for _ in 0..2 {
        let answer = deliver(&app, &send).await;
        assert_eq!(stored_at(&answer), "/patrols/done?hazards=1");
    }
    assert_eq!(testing::audit_rows(&pool, "patrol.submit").await, 1);
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        1
    );
    let (submitted, acted): (time::OffsetDateTime, Option<time::OffsetDateTime>) = sqlx::query_as(
        "select r.submitted_at, a.acted_at from patrol_records r
             join audit_log a on a.subject_id = r.id and a.action = 'patrol.submit'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        (submitted - send.made_at).abs() < time::Duration::seconds(5),
        "{submitted}"
    );
    assert_eq!(acted, Some(submitted));
}

/// Answers the phone dates before the server saw the patrol start are not believed: refused
/// with the reason the outbox shows, and nothing is stored (today they were taken 72 hours
/// before their start).
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_submission_dated_before_its_start_is_refused(pool: PgPool) {
    use crate::offline::tests::{deliver, refused, router, Send};
    let w = World::new(&pool).await;
    let app = router(&pool);
    let record = w.start().await;
    let (_, checklist) = records::form(&pool, &w.worker, record).await.unwrap();
    let mut send = Send::form(
        &w.worker,
        "/api/v1/patrols/submit",
        String::new(),
        time::Duration::hours(72),
    );
    send.content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    send.body = form(record, &checklist, &[2], None).body();
    let answer = deliver(&app, &send).await;
    let (code, reason) = refused(&answer);
    assert_eq!(code, "before_its_cause");
    assert!(reason.contains("手机时间"), "{reason}");
    assert_eq!(testing::audit_rows(&pool, "patrol.submit").await, 0);
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        0
    );
    // Made a minute after the start (the phone lost signal on the way): taken.
    sqlx::query("update patrol_records set started_at = now() - interval '2 minutes'")
        .execute(&pool)
        .await
        .unwrap();
    send.made_at = time::OffsetDateTime::now_utc() - time::Duration::minutes(1);
    assert_eq!(deliver(&app, &send).await.0, 200);
}

/// A typed short code leads to the point's page by its code, never its token: a phone that
/// typed the code cannot then start the patrol as scanned.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_typed_code_never_hands_out_the_points_token(pool: PgPool) {
    let w = World::new(&pool).await;
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    let state = AppState::new(options, pool.clone(), PhotoStore::in_memory());
    let app = crate::checkpoint::routes().with_state(state);
    let enterprise = w.worker.enterprise_id.unwrap();
    let code = World::short_code_of(&pool, enterprise, w.point.id).await;
    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    let mut req = Request::get(format!("/scan/code?code={typed}"))
        .body(Body::empty())
        .unwrap();
    req.extensions_mut()
        .insert(RequestUser(Some(w.worker.clone())));
    let res = app.oneshot(req).await.unwrap();
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(to, format!("/c/{code}"));
    assert!(!to.contains(&w.token), "{to}");
}

/// A 13th photo is refused as it begins, before the rest of the body is read: the body here
/// would go on for 200 MB, and only the first few kilobytes are taken from it. Before, the
/// whole body (up to 123 MB) was read into memory and the files counted after.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn too_many_photos_are_refused_as_they_stream_in(pool: PgPool) {
    use axum::body::Bytes;
    use futures::StreamExt;
    use std::sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    };
    let w = World::new(&pool).await;
    let router = router(&pool);
    let record = w.start().await;
    let d = "Content-Disposition: form-data";
    let mut head = format!(
        "--{BOUNDARY}\r\n{d}; name=\"client_id\"\r\n\r\n{}\r\n\
         --{BOUNDARY}\r\n{d}; name=\"record_id\"\r\n\r\n{record}\r\n",
        Uuid::now_v7()
    )
    .into_bytes();
    let photo = jpeg();
    for i in 0..13 {
        head.extend(
            format!(
                "--{BOUNDARY}\r\n{d}; name=\"photo_{i}\"; filename=\"p.jpg\"\r\n\
                 Content-Type: image/jpeg\r\n\r\n"
            )
            .into_bytes(),
        );
        head.extend(&photo);
        if i < 12 {
            head.extend(b"\r\n");
        }
    }
    // The 13th file's bytes go on and on (12,800 chunks of 16 KB: 200 MB). The reader takes a
    // chunk each time it looks, so some are read ahead; not megabytes.
    let taken = Arc::new(AtomicUsize::new(0));
    let counted = taken.clone();
    let chunks = std::iter::once(Bytes::from(head))
        .chain(std::iter::repeat_n(
            Bytes::from(vec![0u8; 16 * 1024]),
            12_800,
        ))
        .map(move |chunk| {
            counted.fetch_add(chunk.len(), Ordering::SeqCst);
            Ok::<_, std::io::Error>(chunk)
        });
    let mut req = Request::post("/api/v1/patrols/submit")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("accept", "application/json")
        .body(Body::from_stream(futures::stream::iter(chunks).then(
            // As from a network: a chunk at a time, the reader waiting in between (an always
            // ready stream would be read whole, up to the route's body limit, before parsing).
            |chunk| async move {
                tokio::task::yield_now().await;
                chunk
            },
        )))
        .unwrap();
    req.extensions_mut()
        .insert(RequestUser(Some(w.worker.clone())));
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = String::from_utf8_lossy(&bytes);
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("too_many_files"), "{body}");
    let taken = taken.load(Ordering::SeqCst);
    assert!(taken < 1024 * 1024, "{taken} bytes read");
    assert_eq!(
        testing::count(&pool, "select count(*) from photos").await,
        0
    );
}
