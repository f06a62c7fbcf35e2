//! The plain routes through axum: `GET /t/<token>/<code>` (a good code redirects to the
//! sign-in page with a ticket, an expired one says why) and the projector page.

use crate::{
    auth::{server::RequestUser, Role, SessionUser},
    photos::PhotoStore,
    state::AppState,
    testing,
    training::{
        fixtures::{self, SessionSpec},
        signin::{
            code::{self, Holder, Mode},
            http::browser_of,
        },
    },
};
use axum::{body::Body, http::Request, Router};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use tower::ServiceExt;

fn router(pool: &PgPool) -> Router {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    let state = AppState::new(options, pool.clone(), PhotoStore::in_memory());
    crate::training::signin::http::routes().with_state(state)
}

/// A GET as `who`: status, `Location` or body, and the `Cache-Control` header.
async fn get(router: &Router, path: &str, who: Option<&SessionUser>) -> (u16, String, String) {
    let mut req = Request::get(path)
        .header("host", "192.168.1.5:3000")
        .body(Body::empty())
        .unwrap();
    req.extensions_mut().insert(RequestUser(who.cloned()));
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    let header = |name| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (location, cache) = (header("location"), header("cache-control"));
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let text = location.unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
    (status, text, cache.unwrap_or_default())
}

/// `get`, with the answer's `Set-Cookie` instead of nothing.
async fn get_with_cookie(
    router: &Router,
    path: &str,
    who: Option<&SessionUser>,
) -> (u16, String, String, Option<String>) {
    let mut req = Request::get(path).body(Body::empty()).unwrap();
    req.extensions_mut().insert(RequestUser(who.cloned()));
    let res = router.clone().oneshot(req).await.unwrap();
    let header = |name| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (location, cache, cookie) = (
        header("location"),
        header("cache-control"),
        header("set-cookie"),
    );
    (
        res.status().as_u16(),
        location.unwrap_or_default(),
        cache.unwrap_or_default(),
        cookie,
    )
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_scanned_url_redirects_with_a_ticket_or_says_why_not(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let trainer = testing::user(&pool, orgs.a, Role::Trainer, "13500000011").await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13500000012").await;
    let foreign = testing::user(&pool, orgs.b, Role::Worker, "13500000013").await;
    // Started an hour ago, the real clock: these are requests.
    let session = fixtures::session(&pool, orgs.a, trainer.id, SessionSpec::default()).await;
    let router = router(&pool);
    let now = OffsetDateTime::now_utc();
    let step = code::step_seconds();
    let current = code::code_at(&[7; 32], Mode::In, now, step);
    let url = format!("/t/{}/{current}", session.token);
    // Not signed in yet, or signed in: on to the sign-in page with a ticket.
    for who in [None, Some(&worker)] {
        let (status, location, _, cookie) = get_with_cookie(&router, &url, who).await;
        assert_eq!(status, 303, "{location}");
        let prefix = format!("/training/signin/{}?ticket=i", session.token);
        assert!(location.starts_with(&prefix), "{location}");
        let ticket = location.split_once("ticket=").unwrap().1;
        let checked = OffsetDateTime::now_utc();
        // The ticket is the scanner's: the worker's, or without a login the browser's,
        // whose cookie comes with it; nobody else's.
        let holder = match who {
            Some(p) => {
                assert_eq!(cookie, None);
                Holder::Person(p.id)
            }
            None => {
                let mut headers = axum::http::HeaderMap::new();
                let pair = cookie.as_deref().unwrap().split(';').next().unwrap();
                headers.insert("cookie", pair.parse().unwrap());
                Holder::Browser(browser_of(&headers).unwrap())
            }
        };
        assert!(code::check_ticket(&[7; 32], ticket, &[holder], checked, step).is_some());
        let other = Holder::Person(trainer.id);
        assert!(code::check_ticket(&[7; 32], ticket, &[other], checked, step).is_none());
    }
    // A photo of the QR from three steps ago: the reason in plain words.
    let old = code::code_at(&[7; 32], Mode::In, now - Duration::seconds(3 * step), step);
    let (status, body, cache) = get(&router, &format!("/t/{}/{old}", session.token), None).await;
    assert_eq!(status, 409);
    assert!(
        body.contains("二维码已过期，请重新扫描现场二维码"),
        "{body}"
    );
    assert!(body.contains("data-refusal=\"code_expired\""), "{body}");
    assert_eq!(cache, "no-store");
    // Another enterprise's person: said so, without the session's title.
    let (status, body, _) = get(&router, &url, Some(&foreign)).await;
    assert_eq!(status, 409);
    assert!(body.contains("非本企业的培训"), "{body}");
    assert!(!body.contains(&session.title), "{body}");
    // The sign-out QR's URL.
    let out = code::code_at(&[7; 32], Mode::Out, now, step);
    let (status, location, _) = get(
        &router,
        &format!("/t/{}/{out}/out", session.token),
        Some(&worker),
    )
    .await;
    assert_eq!(status, 303);
    assert!(location.contains("?ticket=o"), "{location}");
    // An unknown token.
    let (status, body, _) = get(&router, &format!("/t/nosuchtoken/{current}"), None).await;
    assert_eq!(status, 404);
    assert!(body.contains("找不到这次培训"), "{body}");
    // Nothing is signed in by a scan alone.
    assert_eq!(
        testing::count(&pool, "select count(*) from training_attendance").await,
        0
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_projector_page_is_small_refreshing_uncached_and_for_its_people(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let trainer = testing::user(&pool, orgs.a, Role::Trainer, "13500000021").await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13500000022").await;
    let foreign = testing::user(&pool, orgs.b, Role::Trainer, "13500000023").await;
    let session = fixtures::session(&pool, orgs.a, trainer.id, SessionSpec::default()).await;
    let router = router(&pool);
    let path = format!("/training/sessions/{}/qr", session.id);
    let (status, body, cache) = get(&router, &path, Some(&trainer)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(cache, "no-store");
    assert!(
        body.contains("<meta http-equiv=\"refresh\" content=\""),
        "{body}"
    );
    // The QR's URL, for the browser tests: the `data-url` of `#qr` (the SVG encodes it).
    let prefix = format!("data-url=\"http://192.168.1.5:3000/t/{}/", session.token);
    assert!(body.contains(&prefix), "{body}");
    assert!(body.contains("<svg"));
    assert!(body.contains("已签到 <b>0</b> / 应到 1"), "{body}");
    assert!(body.len() < 8000, "{} bytes", body.len());
    assert!(!body.contains("<script"));
    let (status, body, _) = get(&router, &format!("{path}?mode=out"), Some(&trainer)).await;
    assert_eq!(status, 200);
    assert!(body.contains("/out\""), "{body}");
    for (who, expected) in [(Some(&worker), 403), (Some(&foreign), 404), (None, 401)] {
        let (status, body, _) = get(&router, &path, who).await;
        assert_eq!(status, expected, "{body}");
        assert!(!body.contains(&session.token));
    }
    let (status, _, _) = get(&router, "/training/sessions/not-an-id/qr", Some(&trainer)).await;
    assert_eq!(status, 404);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_phone_not_signed_in_reaches_the_scan_and_logs_in_on_the_way_to_the_page(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let trainer = testing::user(&pool, orgs.a, Role::Trainer, "13500000031").await;
    let session = fixtures::session(&pool, orgs.a, trainer.id, SessionSpec::default()).await;
    // As the server mounts it: the session middleware in front.
    let router = router(&pool).layer(axum::middleware::from_fn_with_state(
        pool.clone(),
        crate::auth::server::load_session,
    ));
    let now = OffsetDateTime::now_utc();
    let current = code::code_at(&[7; 32], Mode::In, now, code::step_seconds());
    let open = |path: String| {
        let router = router.clone();
        async move {
            let req = Request::get(path).body(Body::empty()).unwrap();
            let res = router.oneshot(req).await.unwrap();
            let location = res
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_owned());
            (res.status().as_u16(), location.unwrap_or_default())
        }
    };
    // The code is checked on arrival, before any login...
    let (status, page) = open(format!("/t/{}/{current}", session.token)).await;
    assert_eq!(status, 303);
    assert!(page.starts_with("/training/signin/"), "{page}");
    // ...and the sign-in page sends to the login, which comes back to it with the ticket.
    let (status, login) = open(page.clone()).await;
    assert_eq!(status, 303);
    assert_eq!(login, format!("/login?next={}", urlencoding::encode(&page)));
}
