//! Cross-cutting HTTP protections and the health check.

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sqlx::PgPool;
use std::time::Duration;

/// What the guards know from configuration, never from a request header.
#[derive(Clone, Debug, Default)]
pub struct Guards {
    /// `host[:port]` of `ANXUN_PUBLIC_URL`: behind a proxy that rewrites `Host`, the browser's
    /// `Origin` is still this.
    pub public_authority: Option<String>,
    /// `ANXUN_PUBLIC_URL` is https: browsers are told to use nothing else (HSTS).
    pub https: bool,
}

impl Guards {
    pub fn from_public_url(url: Option<&app::site::PublicUrl>) -> Guards {
        Guards {
            public_authority: url.map(|u| u.authority().to_owned()),
            https: url.is_some_and(|u| u.is_https()),
        }
    }
}

/// Refuses writes that come from another site (CSRF). The session cookie is SameSite=Lax,
/// which already keeps it off cross-site POSTs; this also covers old browsers. `Origin: null`
/// (a sandboxed frame, a `data:` page, a cross-site redirect chain) is refused too: a form of
/// this app always sends its own origin (the referrer policy is `same-origin`).
///
/// A plain form post goes back to its `Referer` (leptos does so after an error, `back_to_form`
/// after success), so a `Referer` of another origin is dropped here: the answer goes home.
pub async fn same_origin_writes(
    State(guards): State<Guards>,
    mut req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let cross_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site");
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let foreign_origin = headers
        .get(header::ORIGIN)
        .is_some_and(|v| !guards.is_ours(v.to_str().unwrap_or("null"), host));
    if cross_site || foreign_origin {
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    let foreign_referer = headers
        .get(header::REFERER)
        .is_some_and(|v| !guards.is_ours(v.to_str().unwrap_or(""), host));
    if foreign_referer {
        req.headers_mut().remove(header::REFERER);
    }
    next.run(req).await
}

impl Guards {
    /// Whether an `Origin` or `Referer` is this site: http(s) and the host the browser sent the
    /// request to, or the public URL's. `null` and anything else are not.
    fn is_ours(&self, url: &str, host: Option<&str>) -> bool {
        let Some((scheme, rest)) = url.trim().split_once("://") else {
            return false;
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let same = |a: &str| a.eq_ignore_ascii_case(authority);
        matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
            && (host.is_some_and(same) || self.public_authority.as_deref().is_some_and(same))
    }
}

/// Headers of every answer. The Content-Security-Policy names a nonce made here for this
/// request, before anything answers; a page renders its inline scripts with it
/// (`app::shell::csp::RequestNonce`). An answer that set its own policy keeps it.
/// Whatever did not set its own caching (pages, `/api`, exports, redirects) is `no-store`: a
/// shared phone's Back button after logout shows nothing. Static files set theirs (assets.rs).
pub async fn security_headers(
    State(guards): State<Guards>,
    mut req: Request,
    next: Next,
) -> Response {
    let nonce = app::shell::csp::RequestNonce::new();
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    // Same-origin referrers let a no-JavaScript form post return to its page.
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(self), microphone=(), geolocation=()"),
    );
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(csp) = HeaderValue::from_str(&app::shell::csp::policy(Some(&nonce.0))) {
            h.insert(header::CONTENT_SECURITY_POLICY, csp);
        }
    }
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    if guards.https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

/// How long `/healthz` waits for the database: a stuck database answers 503 quickly, so a load
/// balancer or monitor sees it instead of waiting out its own timeout.
pub const HEALTH_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /healthz`: 200 `ok` when the database answers `select 1` within `HEALTH_TIMEOUT`,
/// else 503.
pub async fn healthz(State(pool): State<PgPool>) -> Response {
    let probe = sqlx::query_scalar::<_, i32>("select 1").fetch_one(&pool);
    match tokio::time::timeout(HEALTH_TIMEOUT, probe).await {
        Ok(Ok(_)) => (StatusCode::OK, "ok").into_response(),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "health check: database error");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
        Err(_) => {
            tracing::warn!("health check: the database did not answer in time");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{body::Body, middleware, routing::get, Router};
    use std::time::Instant;
    use tower::ServiceExt;

    async fn send(router: &Router, req: axum::http::Request<Body>) -> Response {
        router.clone().oneshot(req).await.unwrap()
    }

    fn request(method: &str, path: &str, headers: &[(&str, &str)]) -> axum::http::Request<Body> {
        let mut req = axum::http::Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "127.0.0.1:3000");
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        req.body(Body::empty()).unwrap()
    }

    fn writes_router(guards: Guards) -> Router {
        Router::new()
            .route("/form", get(|| async { "page" }).post(|| async { "saved" }))
            .layer(middleware::from_fn_with_state(guards, same_origin_writes))
    }

    #[tokio::test]
    async fn a_post_with_origin_null_or_from_another_site_is_refused() {
        let router = writes_router(Guards::default());
        for origin in [
            "null",
            "NULL",
            "https://evil.example",
            "http://127.0.0.1:3000.evil",
        ] {
            let res = send(&router, request("POST", "/form", &[("origin", origin)])).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "Origin: {origin}");
        }
        let res = send(
            &router,
            request("POST", "/form", &[("sec-fetch-site", "cross-site")]),
        )
        .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        // Our own origin, no origin at all (curl), and reads are let through.
        let ours = [
            ("origin", "http://127.0.0.1:3000"),
            ("sec-fetch-site", "same-origin"),
        ];
        assert_eq!(
            send(&router, request("POST", "/form", &ours))
                .await
                .status(),
            StatusCode::OK
        );
        assert_eq!(
            send(&router, request("POST", "/form", &[])).await.status(),
            StatusCode::OK
        );
        let read = request("GET", "/form", &[("origin", "null")]);
        assert_eq!(send(&router, read).await.status(), StatusCode::OK);
    }

    /// leptos sends a plain form post back to its `Referer` after an error: another site's
    /// never reaches it.
    #[tokio::test]
    async fn a_foreign_referer_never_reaches_a_write() {
        let router = Router::new()
            .route(
                "/form",
                axum::routing::post(|headers: axum::http::HeaderMap| async move {
                    headers
                        .get(header::REFERER)
                        .map(|v| v.to_str().unwrap().to_owned())
                        .unwrap_or_default()
                }),
            )
            .layer(middleware::from_fn_with_state(
                Guards::default(),
                same_origin_writes,
            ));
        let body = |res: Response| async move {
            let bytes = axum::body::to_bytes(res.into_body(), 1024).await.unwrap();
            String::from_utf8(bytes.to_vec()).unwrap()
        };
        let ours = "http://127.0.0.1:3000/spaces?q=1";
        let res = send(&router, request("POST", "/form", &[("referer", ours)])).await;
        assert_eq!(body(res).await, ours);
        for foreign in [
            "https://evil.example/x",
            "http://127.0.0.1:3000.evil.example/x",
            "javascript://127.0.0.1:3000/x",
            "/relative",
        ] {
            let res = send(&router, request("POST", "/form", &[("referer", foreign)])).await;
            assert_eq!(body(res).await, "", "{foreign}");
        }
    }

    #[tokio::test]
    async fn the_public_url_is_our_origin_behind_a_proxy_that_rewrites_host() {
        let url = app::site::PublicUrl::parse("https://anxun.example.com").unwrap();
        let router = writes_router(Guards::from_public_url(Some(&url)));
        let res = send(
            &router,
            request("POST", "/form", &[("origin", "https://anxun.example.com")]),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        let res = send(&router, request("POST", "/form", &[("origin", "null")])).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }

    fn headers_router(guards: Guards) -> Router {
        Router::new()
            .route("/page", get(|| async { "signed-in page" }))
            // A page renders its scripts with the nonce the request carries.
            .route(
                "/nonce",
                get(|req: Request| async move {
                    req.extensions()
                        .get::<app::shell::csp::RequestNonce>()
                        .map(|n| n.0.to_string())
                        .unwrap_or_default()
                }),
            )
            .route(
                "/pkg/anxun.abc.css",
                get(|| async { ([(header::CACHE_CONTROL, crate::assets::IMMUTABLE)], "css") }),
            )
            .layer(middleware::from_fn_with_state(guards, security_headers))
    }

    #[tokio::test]
    async fn answers_are_no_store_and_carry_a_csp_unless_they_set_their_own_caching() {
        let router = headers_router(Guards::default());
        let res = send(&router, request("GET", "/page", &[])).await;
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
        let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!res
            .headers()
            .contains_key(header::STRICT_TRANSPORT_SECURITY));
        let res = send(&router, request("GET", "/pkg/anxun.abc.css", &[])).await;
        assert_eq!(
            res.headers()[header::CACHE_CONTROL],
            crate::assets::IMMUTABLE
        );
    }

    #[tokio::test]
    async fn the_policy_names_the_nonce_the_request_carried_and_each_answer_has_its_own() {
        let router = headers_router(Guards::default());
        let mut seen = Vec::new();
        for _ in 0..2 {
            let res = send(&router, request("GET", "/nonce", &[])).await;
            let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .to_owned();
            let bytes = axum::body::to_bytes(res.into_body(), 1024).await.unwrap();
            let nonce = String::from_utf8(bytes.to_vec()).unwrap();
            assert!(nonce.len() >= 16, "{nonce}");
            assert!(csp.contains(&format!("'nonce-{nonce}'")), "{csp}");
            seen.push(nonce);
        }
        assert_ne!(seen[0], seen[1]);
    }

    #[tokio::test]
    async fn hsts_only_when_the_public_url_is_https() {
        let https = app::site::PublicUrl::parse("https://anxun.example.com").unwrap();
        let router = headers_router(Guards::from_public_url(Some(&https)));
        let res = send(&router, request("GET", "/page", &[])).await;
        assert_eq!(
            res.headers()[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000"
        );
        let http = app::site::PublicUrl::parse("http://10.0.0.5:3000").unwrap();
        let router = headers_router(Guards::from_public_url(Some(&http)));
        let res = send(&router, request("GET", "/page", &[])).await;
        assert!(!res
            .headers()
            .contains_key(header::STRICT_TRANSPORT_SECURITY));
    }

    #[sqlx::test(migrations = false)]
    async fn healthz_answers_ok_when_the_database_does(pool: PgPool) {
        assert_eq!(healthz(State(pool)).await.status(), StatusCode::OK);
    }

    /// A "database" that accepts connections and never says a word: the check gives up after
    /// `HEALTH_TIMEOUT` with a 503 instead of hanging with it.
    #[tokio::test]
    async fn healthz_answers_503_quickly_when_the_database_is_stuck() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket);
            }
        });
        let pool = sqlx::postgres::PgPoolOptions::new()
            .acquire_timeout(Duration::from_secs(30))
            .connect_lazy(&format!("postgres://anxun@{addr}/anxun"))
            .unwrap();
        let started = Instant::now();
        assert_eq!(
            healthz(State(pool)).await.status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        let waited = started.elapsed();
        assert!(
            waited >= HEALTH_TIMEOUT && waited < HEALTH_TIMEOUT * 2,
            "{waited:?}"
        );
    }
}
