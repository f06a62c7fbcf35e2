//! The photo routes through axum: multipart upload, body limit, serving headers, statuses.

use super::{tests::jpeg, PhotoStore, MAX_UPLOAD_BYTES};
use crate::{
    auth::{server::RequestUser, Role, SessionUser},
    state::AppState,
    testing,
};
use axum::{body::Body, http::Request, Router};
use sqlx::PgPool;
use tower::ServiceExt;
use uuid::Uuid;

const BOUNDARY: &str = "anxun-test-boundary";

fn router(pool: &PgPool) -> Router {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    let state = AppState::new(options, pool.clone(), PhotoStore::in_memory());
    super::http::routes().with_state(state)
}

/// A multipart body with a `client_id` and a `photo` file named `filename`.
fn multipart(client_id: &str, filename: &str, file: &[u8]) -> Vec<u8> {
    let disposition = "Content-Disposition: form-data";
    let mut body = format!(
        "--{BOUNDARY}\r\n{disposition}; name=\"client_id\"\r\n\r\n{client_id}\r\n\
         --{BOUNDARY}\r\n{disposition}; name=\"photo\"; filename=\"{filename}\"\r\n\
         Content-Type: image/jpeg\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn send(
    router: &Router,
    who: Option<&SessionUser>,
    req: Request<Body>,
) -> (u16, Vec<u8>, axum::http::HeaderMap) {
    let mut req = req;
    req.extensions_mut().insert(RequestUser(who.cloned()));
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, bytes.to_vec(), headers)
}

fn upload(body: Vec<u8>) -> Request<Body> {
    Request::post("/api/v1/photos/upload")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .unwrap()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn upload_and_serve_through_the_routes(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13600000001").await;
    let regulator = testing::user(&pool, orgs.township, Role::Regulator, "13600000002").await;
    let foreign = testing::user(&pool, orgs.b, Role::Worker, "13600000003").await;
    let app = router(&pool);
    let client_id = Uuid::now_v7().to_string();

    let (status, body, _) = send(
        &app,
        Some(&worker),
        upload(multipart(&client_id, "a.jpg", &jpeg(80, 60))),
    )
    .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let photo: serde_json::Value = serde_json::from_slice(&body).unwrap();
    for key in ["id", "token", "url", "width", "height", "bytes"] {
        assert!(photo.get(key).is_some(), "{key} in {photo}");
    }
    let url = photo["url"].as_str().unwrap().to_owned();

    let get = || Request::get(&url).body(Body::empty()).unwrap();
    let (status, bytes, headers) = send(&app, Some(&worker), get()).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["cache-control"], "private, max-age=300");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(bytes.len() as u64, photo["bytes"].as_u64().unwrap());
    // Not linked to anything yet: its uploader's alone (the regulator reads no photo).
    assert_eq!(send(&app, Some(&regulator), get()).await.0, 404);
    assert_eq!(send(&app, Some(&foreign), get()).await.0, 404);
    assert_eq!(send(&app, None, get()).await.0, 401);
    let unknown = Request::get("/photos/aaaaaaaaaaaaaaaaaaaaaaaaaa")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, Some(&worker), unknown).await.0, 404);

    // Regulators and nobody cannot upload.
    let file = jpeg(10, 10);
    let (status, _, _) = send(
        &app,
        Some(&regulator),
        upload(multipart(&Uuid::now_v7().to_string(), "a.jpg", &file)),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _, _) = send(
        &app,
        None,
        upload(multipart(&Uuid::now_v7().to_string(), "a.jpg", &file)),
    )
    .await;
    assert_eq!(status, 401);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn bad_uploads_get_a_field_error_never_a_500(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13700000001").await;
    let app = router(&pool);
    let id = || Uuid::now_v7().to_string();
    let mut oversized = jpeg(10, 10);
    oversized.resize(MAX_UPLOAD_BYTES + 10, 0);
    let over_the_body_limit = vec![0u8; super::http::body_limit() + 1];
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        (
            "text named .jpg",
            multipart(&id(), "photo.jpg", b"just some text"),
            422,
            "not_an_image",
        ),
        (
            "empty file",
            multipart(&id(), "photo.jpg", b""),
            422,
            "required",
        ),
        (
            "oversized",
            multipart(&id(), "big.jpg", &oversized),
            422,
            "file_too_large",
        ),
        (
            "over the body limit",
            multipart(&id(), "big.jpg", &over_the_body_limit),
            422,
            "file_too_large",
        ),
        (
            "bad client id",
            multipart("abc", "a.jpg", &jpeg(10, 10)),
            422,
            "client_id",
        ),
        ("not multipart", b"client_id=x".to_vec(), 400, "Malformed"),
    ];
    for (name, body, expected, mark) in cases {
        let mut req = upload(body);
        if name == "not multipart" {
            req.headers_mut().insert(
                "content-type",
                "application/x-www-form-urlencoded".parse().unwrap(),
            );
        }
        let (status, body, _) = send(&app, Some(&worker), req).await;
        let text = String::from_utf8_lossy(&body);
        assert_eq!(status, expected, "{name}: {text}");
        assert!(text.contains(mark), "{name}: {text}");
    }
    assert_eq!(
        testing::count(&pool, "select count(*) from photos").await,
        0
    );
}

/// "Busy, try again" is a 503 with `Retry-After`, for a browser's plain post too (the outbox
/// keeps a 5xx and sends it again); JSON for anyone else.
#[test]
fn busy_is_a_503_with_retry_after_for_a_browser_too() {
    let mut headers = axum::http::HeaderMap::new();
    headers.insert("accept", "text/html".parse().unwrap());
    let res = super::http::busy_answer(&headers);
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["retry-after"], "5");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let res = super::http::busy_answer(&axum::http::HeaderMap::new());
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()["content-type"], "application/json");
}
