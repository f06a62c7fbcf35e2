//! The outbox's contract (design §2): its JSON answers for each outcome, through the router
//! the server mounts (server functions and the plain routes behind `delivery::outbox`).
//! The features' own deliveries are tested with their worlds (`*/tests/offline.rs`).

use super::delivery::{outcome, Delivery, EXIT_PATH};
use super::*;
use crate::hazards::HazardField;
use crate::{
    auth::{server::RequestUser, SessionUser},
    error::{AppError, Problem},
    i18n::Locale,
    operations::OpRefusal,
    photos::PhotoStore,
    state::AppState,
};
use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderMap, Response, StatusCode},
    middleware::{from_fn_with_state, map_response},
    response::IntoResponse,
    routing::get,
    Router,
};
use leptos::{prelude::provide_context, server_fn::error::ServerFnUrlError};
use serde_json::Value;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use tower::ServiceExt;
use uuid::Uuid;

/// The server's router as far as deliveries go: server functions, the features' plain
/// routes, `with_error_status` and the outbox middleware.
pub(crate) fn router(pool: &PgPool) -> Router {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    let state = AppState::new(options, pool.clone(), PhotoStore::in_memory());
    let context = pool.clone();
    Router::new()
        .merge(crate::state::feature_routes())
        .fallback(move |req: Request| {
            let pool = context.clone();
            async move {
                leptos_axum::handle_server_fns_with_context(
                    move || provide_context(pool.clone()),
                    req,
                )
                .await
                .into_response()
            }
        })
        .layer(map_response(crate::error::with_error_status))
        .layer(from_fn_with_state(pool.clone(), delivery::outbox))
        .with_state(state)
}

/// One outbox delivery: what the phone captured, replayed with the outbox's headers.
pub(crate) struct Send<'a> {
    pub method: &'static str,
    pub uri: String,
    pub content_type: String,
    pub body: Vec<u8>,
    pub author: Uuid,
    pub made_at: OffsetDateTime,
    pub sent_at: OffsetDateTime,
    pub who: Option<&'a SessionUser>,
}

impl<'a> Send<'a> {
    /// A form post by `who`, made `ago` before now on a phone whose clock is right.
    pub fn form(who: &'a SessionUser, path: &str, body: String, ago: Duration) -> Send<'a> {
        let now = OffsetDateTime::now_utc();
        Send {
            method: "POST",
            uri: path.to_owned(),
            content_type: "application/x-www-form-urlencoded".into(),
            body: body.into_bytes(),
            author: who.id,
            made_at: now - ago,
            sent_at: now,
            who: Some(who),
        }
    }
}

/// The status and the JSON of the answer, and checks it is never stored by a cache.
pub(crate) async fn deliver(router: &Router, send: &Send<'_>) -> (u16, Value) {
    let ms = |t: OffsetDateTime| (t.unix_timestamp_nanos() / 1_000_000).to_string();
    let mut req = Request::builder()
        .method(send.method)
        .uri(&send.uri)
        .header("host", "127.0.0.1:3000")
        .header("referer", "http://127.0.0.1:3000/s/abc?from=scan")
        .header("accept", "text/html")
        .header("accept-language", "zh-CN")
        .header("x-anxun-outbox", "1")
        .header("x-anxun-author", send.author.to_string())
        .header("x-anxun-made-at", ms(send.made_at))
        .header("x-anxun-sent-at", ms(send.sent_at));
    if send.method == "POST" {
        req = req.header("content-type", &send.content_type);
    }
    let mut req = req.body(Body::from(send.body.clone())).unwrap();
    req.extensions_mut().insert(RequestUser(send.who.cloned()));
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status().as_u16();
    assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)));
    (status, json)
}

pub(crate) fn stored_at(answer: &(u16, Value)) -> &str {
    assert_eq!(answer.0, 200, "{}", answer.1);
    assert_eq!(answer.1["outcome"], "stored", "{}", answer.1);
    answer.1["location"].as_str().unwrap()
}

pub(crate) fn refused(answer: &(u16, Value)) -> (&str, &str) {
    assert_eq!(answer.0, 422, "{}", answer.1);
    assert_eq!(answer.1["outcome"], "refused", "{}", answer.1);
    (
        answer.1["code"].as_str().unwrap(),
        answer.1["reason"].as_str().unwrap(),
    )
}

/// A queued path the stand-in handler answers on: what it does is in the query (`?fake=ok`).
const QUEUED: &str = "/api/v1/operations/gas_test";

/// A stand-in handler answering what its query (or else its path) says, behind the outbox
/// middleware.
fn fake() -> Router {
    async fn go(req: Request) -> axum::response::Response {
        let what = match req.uri().query().and_then(|q| q.strip_prefix("fake=")) {
            Some(what) => format!("/{what}"),
            None => req.uri().path().to_owned(),
        };
        match what.as_str() {
            "/ok" => axum::response::Redirect::to("/spaces/1?saved=exited").into_response(),
            "/page" => "a page".into_response(),
            "/err" => {
                let err = AppError::refused(OpRefusal::NotInside);
                let url = ServerFnUrlError::new("/api/v1/x", err)
                    .to_url("http://127.0.0.1:3000/s/abc")
                    .unwrap();
                axum::response::Redirect::to(url.as_str()).into_response()
            }
            "/json" => (
                StatusCode::UNPROCESSABLE_ENTITY,
                axum::Json(AppError::invalid(
                    HazardField::Description,
                    Problem::Required,
                )),
            )
                .into_response(),
            "/forbidden" => StatusCode::FORBIDDEN.into_response(),
            "/act" => {
                let a = act();
                axum::response::Redirect::to(&format!(
                    "/?offline={}&at={}",
                    a.offline,
                    a.at.unix_timestamp()
                ))
                .into_response()
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }
    // No database: a deactivated author cannot be looked up (the real router's tests do).
    let pool = sqlx::postgres::PgPoolOptions::new()
        .acquire_timeout(std::time::Duration::from_millis(200))
        .connect_lazy("postgres://nobody@127.0.0.1:1/none")
        .unwrap();
    Router::new()
        .route("/{*path}", get(go).post(go))
        .layer(from_fn_with_state(pool, delivery::outbox))
}

fn user() -> SessionUser {
    SessionUser {
        id: Uuid::now_v7(),
        enterprise_id: Some(Uuid::now_v7()),
        jurisdiction_id: None,
        name: "张三".into(),
        org_name: String::new(),
        role: crate::auth::Role::Worker,
    }
}

/// A delivery to the stand-in handler's `what` ("/ok", "/err"...), on a queued path.
fn at(who: &SessionUser, what: &str) -> Send<'static> {
    let who: &'static SessionUser = Box::leak(Box::new(who.clone()));
    let uri = format!("{QUEUED}?fake={}", what.trim_start_matches('/'));
    Send::form(who, &uri, String::new(), Duration::minutes(20))
}

#[tokio::test]
async fn the_outboxs_headers_are_refused_where_the_outbox_never_goes() {
    let r = fake();
    let u = user();
    // The same handler, reached on a path the outbox never keeps (an approval, a login, a
    // confirmation): refused before it runs, so a phone's time never reaches it.
    for path in [
        "/ok",
        "/api/v1/hazards/confirm",
        "/api/v1/operations/decide",
        "/auth/login",
    ] {
        let who: &'static SessionUser = Box::leak(Box::new(u.clone()));
        let send = Send::form(who, path, String::new(), Duration::hours(48));
        let answer = deliver(&r, &send).await;
        let (code, reason) = refused(&answer);
        assert_eq!(code, "not_queueable", "{path}");
        assert!(reason.contains("联网"), "{reason}");
    }
    // A GET that is not the training scan, too.
    let mut send = at(&u, "/page");
    send.method = "GET";
    assert_eq!(refused(&deliver(&r, &send).await).0, "not_queueable");
    send.uri = "/t/tok/123456?fake=page".into();
    assert_eq!(stored_at(&deliver(&r, &send).await), "/s/abc?from=scan");
}

#[tokio::test]
async fn each_answer_of_the_browser_becomes_the_outboxs_json() {
    let r = fake();
    let u = user();
    assert_eq!(
        stored_at(&deliver(&r, &at(&u, "/ok")).await),
        "/spaces/1?saved=exited"
    );
    // A page without a redirect: stored, the browser stays where it posted from.
    assert_eq!(
        stored_at(&deliver(&r, &at(&u, "/page")).await),
        "/s/abc?from=scan"
    );
    // leptos's redirect back to the form with `__err`: refused, in the page's own words.
    let err = deliver(&r, &at(&u, "/err")).await;
    let (code, reason) = refused(&err);
    assert_eq!(code, "not_inside");
    assert_eq!(
        reason,
        crate::shell::error_text_in(Locale::zh_CN, &AppError::refused(OpRefusal::NotInside))
    );
    assert!(!reason.is_empty());
    let json = deliver(&r, &at(&u, "/json")).await;
    let (code, reason) = refused(&json);
    assert_eq!(code, "invalid_description");
    assert_eq!(
        reason,
        crate::shell::error_text_in(
            Locale::zh_CN,
            &AppError::invalid(HazardField::Description, Problem::Required)
        )
    );
    assert_eq!(
        refused(&deliver(&r, &at(&u, "/forbidden")).await).0,
        "forbidden"
    );
    let failed = deliver(&r, &at(&u, "/boom")).await;
    assert_eq!(
        (failed.0, failed.1["outcome"].as_str()),
        (503, Some("retry"))
    );
}

#[tokio::test]
async fn only_the_author_signed_in_may_deliver() {
    let r = fake();
    let u = user();
    let mut send = at(&u, "/ok");
    send.who = None;
    let answer = deliver(&r, &send).await;
    assert_eq!(
        (answer.0, answer.1["outcome"].as_str()),
        (401, Some("signed_out"))
    );
    let other = user();
    send.who = Some(Box::leak(Box::new(other)));
    let answer = deliver(&r, &send).await;
    assert_eq!(
        (answer.0, answer.1["outcome"].as_str()),
        (409, Some("wrong_user"))
    );
}

#[tokio::test]
async fn the_act_time_reaches_the_handler_and_bad_times_are_refused_with_why() {
    let r = fake();
    let u = user();
    // The phone runs 5 minutes slow; the act was 20 minutes before its send.
    let mut send = at(&u, "/act");
    let now = OffsetDateTime::now_utc();
    send.sent_at = now - Duration::minutes(5);
    send.made_at = send.sent_at - Duration::minutes(20);
    let to = stored_at(&deliver(&r, &send).await).to_owned();
    let act: i64 = to.split("at=").nth(1).unwrap().parse().unwrap();
    let expected = (now - Duration::minutes(20)).unix_timestamp();
    assert!((act - expected).abs() <= 2, "{act} vs {expected}");
    assert!(to.contains("offline=true"), "{to}");
    // 47 minutes off: refused, and the person is told by how much.
    send.sent_at = now - Duration::minutes(47);
    send.made_at = send.sent_at;
    let answer = deliver(&r, &send).await;
    let (code, reason) = refused(&answer);
    assert_eq!(code, "clock_skew");
    assert!(reason.contains("47"), "{reason}");
    assert!(reason.contains("自动时间"), "{reason}");
    // Made after its send; older than a week.
    send.sent_at = now;
    send.made_at = now + Duration::minutes(1);
    assert_eq!(refused(&deliver(&r, &send).await).0, "clock_moved_back");
    send.made_at = now - Duration::days(8);
    assert_eq!(refused(&deliver(&r, &send).await).0, "too_old");
}

#[tokio::test]
async fn an_exit_is_taken_whatever_its_times_and_bad_headers_are_refused() {
    let u = user();
    let mut headers = HeaderMap::new();
    headers.insert("x-anxun-outbox", "1".parse().unwrap());
    headers.insert("x-anxun-author", u.id.to_string().parse().unwrap());
    headers.insert("x-anxun-made-at", "yesterday".parse().unwrap());
    let now = OffsetDateTime::now_utc();
    let d = Delivery::of(&headers, now).unwrap();
    assert_eq!(d.act(EXIT_PATH), Ok(Act::delivered(now, now)));
    assert_eq!(
        d.act("/api/v1/operations/gas_test"),
        Err(OfflineRefusal::BadDelivery)
    );
    assert!(Delivery::of(&HeaderMap::new(), now).is_none());
    // No author at all: refused, never run.
    let r = fake();
    let req = Request::post(format!("{QUEUED}?fake=ok"))
        .header("x-anxun-outbox", "1")
        .body(Body::empty())
        .map(|mut req| {
            req.extensions_mut().insert(RequestUser(Some(u.clone())));
            req
        })
        .unwrap();
    let res = r.oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A request without the outbox header passes untouched.
    let res = fake()
        .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn the_reason_is_in_the_persons_language() {
    let err = AppError::refused(OfflineRefusal::ClockSkew { minutes: 12 });
    assert_eq!(
        reason_text(Locale::zh_CN, &err),
        "手机时间与服务器相差约 12 分钟，请把手机设为自动时间后重新记录"
    );
    assert!(reason_text(Locale::en, &err).contains("12 min"));
    let res: Response<Body> = outcome(StatusCode::FORBIDDEN.into_response(), Locale::en, "/").await;
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    let json: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        json["reason"],
        crate::shell::error_text_in(Locale::en, &AppError::Forbidden)
    );
}

#[test]
fn reason_codes_are_short_stable_keys() {
    assert_eq!(reason_code(&AppError::ClientIdReused), "client_id_reused");
    assert_eq!(reason_code(&AppError::NotFound), "not_found");
    assert_eq!(
        reason_code(&AppError::refused(OfflineRefusal::BeforeItsCause)),
        "before_its_cause"
    );
}

#[test]
fn a_record_shows_both_times_only_when_they_differ() {
    assert_eq!(
        both_times(Locale::zh_CN, "09:12", "10:40"),
        "手机记录 09:12 · 上传 10:40"
    );
    assert_eq!(
        both_times(Locale::en, "09:12", "10:40"),
        "on phone 09:12 · uploaded 10:40"
    );
    assert_eq!(both_times(Locale::zh_CN, "09:12", "09:12"), "09:12");
}
