//! What a phone may keep in its outbox and send later (design §1): the one list. The service
//! worker is given it (`pwa::http` fills it into `public/sw.js`), and `delivery::outbox`
//! refuses the outbox's headers on every other request, so a time the phone claims reaches
//! only the acts made to be recorded without signal: never an approval, a confirmation, an
//! entry or a login.

use axum::http::Method;

/// The posts the outbox keeps when the server cannot be reached, and replays later.
pub const QUEUED_POSTS: &[&str] = &[
    "/api/v1/operations/exit",
    "/api/v1/operations/gas_test",
    "/api/v1/patrols/submit",
    // A patrol started offline from the point's kept page, with its answers (issue 21).
    "/api/v1/patrols/start_submit",
    "/api/v1/hazards/report/multipart",
    "/api/v1/photos/upload",
    "/api/v1/training/sign_in",
    "/api/v1/training/sign_out",
];

/// The training sign-in QR's page, `/t/<token>/<code>`, and the sign-out QR's,
/// `/t/<token>/<code>/out`: a scan (a GET) the outbox keeps as a sign-in or a sign-out. The
/// worker's `SIGNIN_SCAN` is the same shape.
pub fn is_sign_in_scan(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/t/") else {
        return false;
    };
    let mut parts = rest.split('/');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(token), Some(code), None | Some("out"), None) if !token.is_empty() && !code.is_empty()
    )
}

/// Whether the outbox may deliver a request of `method` to `path`.
pub fn queueable(method: &Method, path: &str) -> bool {
    match *method {
        Method::POST => QUEUED_POSTS.contains(&path),
        Method::GET => is_sign_in_scan(path),
        _ => false,
    }
}

/// The list as the worker's JavaScript array literal.
pub fn queued_posts_js() -> String {
    let items: Vec<String> = QUEUED_POSTS.iter().map(|p| format!("{p:?}")).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_posts_and_the_sign_in_scan_are_queueable() {
        for path in QUEUED_POSTS {
            assert!(queueable(&Method::POST, path), "{path}");
            assert!(!queueable(&Method::GET, path), "{path}");
        }
        assert!(queueable(&Method::GET, "/t/abc/123456"));
        assert!(queueable(&Method::GET, "/t/abc/123456/out"));
        for (method, path) in [
            (Method::POST, "/api/v1/operations/enter"),
            (Method::POST, "/api/v1/hazards/confirm"),
            (Method::POST, "/api/v1/operations/decide"),
            (Method::POST, "/auth/login"),
            (Method::POST, "/t/abc/123456"),
            (Method::GET, "/t/abc"),
            (Method::GET, "/t/abc/123/x"),
            (Method::GET, "/t/abc/123/out/x"),
            (Method::GET, "/t//123/out"),
            (Method::GET, "/t//123"),
            (Method::GET, "/api/v1/operations/exit/x"),
            (Method::PUT, "/api/v1/operations/exit"),
        ] {
            assert!(!queueable(&method, path), "{method} {path}");
        }
    }

    #[test]
    fn the_list_is_real_endpoints_and_never_entry() {
        assert!(QUEUED_POSTS.contains(&crate::hazards::REPORT_MULTIPART));
        assert!(QUEUED_POSTS.contains(&super::super::delivery::EXIT_PATH));
        assert!(QUEUED_POSTS.contains(&crate::patrols::http::START_SUBMIT));
        // Starting a patrol online stays online (its time is the server's).
        assert!(!queueable(&Method::POST, "/api/v1/patrols/start"));
        assert!(!QUEUED_POSTS.iter().any(|p| p.contains("enter")));
        assert_eq!(
            queued_posts_js(),
            r#"["/api/v1/operations/exit", "/api/v1/operations/gas_test", "/api/v1/patrols/submit", "/api/v1/patrols/start_submit", "/api/v1/hazards/report/multipart", "/api/v1/photos/upload", "/api/v1/training/sign_in", "/api/v1/training/sign_out"]"#
        );
    }
}
