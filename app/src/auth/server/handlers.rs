//! Plain HTTP routes of the auth feature and the session middleware.

use super::{
    context::RequestUser,
    lockout::LoginPolicy,
    login::{authenticate, LoginInput},
    session,
    throttle::{ClientAddr, LoginThrottle},
};
use crate::auth::AuthField;
use crate::error::{AppError, Field, Problem};
use axum::{
    extract::{rejection::FormRejection, DefaultBodyLimit, Path, Query, Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Form, Router,
};
use serde::Deserialize;
use sqlx::PgPool;
use std::sync::Arc;

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    PgPool: axum::extract::FromRef<S>,
    Arc<LoginThrottle>: axum::extract::FromRef<S>,
{
    Router::new()
        .route(
            "/auth/login",
            post(login).layer(DefaultBodyLimit::max(LOGIN_BODY_MAX)),
        )
        .route("/auth/logout", post(logout))
        .route("/lang/{locale}", get(set_language))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LoginForm {
    account: String,
    password: String,
    enterprise_code: String,
    next: String,
}

/// Only same-site paths are followed after login or a form post, never another host: a path
/// starting with one `/` and no `\`, control character or space. Browsers drop tabs and
/// newlines from a `Location` (`/\t/evil` becomes `//evil`) and read `\` as `/`. The path is
/// also checked once percent-decoded (`/%5Cevil`, `/%09/evil`), in case another hop decodes it.
pub(crate) fn safe_next(next: &str) -> &str {
    fn same_site(path: &str) -> bool {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path
                .chars()
                .any(|c| c == '\\' || c.is_control() || c.is_whitespace())
    }
    let path = next.split(['?', '#']).next().unwrap_or("");
    let decoded_path_is_safe = urlencoding::decode(path).is_ok_and(|p| same_site(&p));
    if same_site(next) && decoded_path_is_safe {
        next
    } else {
        "/"
    }
}

fn see_other_with_cookie(location: &str, cookie: &str) -> Response {
    let mut res = Redirect::to(location).into_response();
    if let Ok(value) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(header::SET_COOKIE, value);
    }
    res
}

/// The largest login form taken, in bytes: an account, a password and an enterprise code at
/// their longest, percent-encoded, and a `next` path. A larger body is not read (axum's
/// default would buffer 2 MB of it).
pub const LOGIN_BODY_MAX: usize = 16 * 1024;

/// The longest `next` path carried through the login; a longer one goes home instead.
const NEXT_MAX: usize = 2048;

async fn login(
    State(pool): State<PgPool>,
    State(throttle): State<Arc<LoginThrottle>>,
    ClientAddr(from): ClientAddr,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    // Too large (or no form at all): answered like a wrong password, nothing of it kept.
    let Ok(Form(form)) = form else {
        return Redirect::to("/login?error=bad_credentials").into_response();
    };
    let input = LoginInput {
        account: form.account,
        password: form.password,
        enterprise_code: Some(form.enterprise_code),
        from,
    };
    let next = match safe_next(&form.next) {
        next if next.len() <= NEXT_MAX => next.to_owned(),
        _ => "/".to_owned(),
    };
    // Lengths first: an over-long account never reaches the rate limit, the database or a hash.
    let outcome = match input.validate() {
        Err(err) => Err(err),
        Ok(()) if !throttle.allow(from, &input.account_key()) => {
            tokio::time::sleep(super::throttle::REFUSED_WAIT).await;
            Err(AppError::TooManyAttempts)
        }
        Ok(()) => match authenticate(&pool, &LoginPolicy::DEFAULT, &input).await {
            Ok(user_id) => session::create(&pool, user_id).await,
            Err(err) => Err(err),
        },
    };
    match outcome {
        Ok(token) => see_other_with_cookie(&next, &session::cookie_for(&token)),
        Err(err) => Redirect::to(&failed_login_url(&err, &input, &next)).into_response(),
    }
}

/// Where a failed login goes: the login page with the reason. The account is never in it (it
/// would land in the address bar, the history and any proxy's log, and an account of megabytes
/// would come back as a header of megabytes); the browser's own autofill keeps it. The
/// enterprise code comes back when it is of a length a code can have (it opens that part).
fn failed_login_url(err: &AppError, input: &LoginInput, next: &str) -> String {
    let (code, minutes) = match err {
        AppError::Invalid {
            field,
            problem: Problem::TooLong { .. },
        } if *field == AuthField::Account => ("account_too_long", 0),
        AppError::Invalid { field, .. } if *field == AuthField::Account => ("account_required", 0),
        AppError::Invalid { field, .. } if *field == Field::Password => ("password_required", 0),
        AppError::Locked { minutes } => ("locked", *minutes),
        AppError::TooManyAttempts => ("too_many", 0),
        AppError::BadCredentials | AppError::Invalid { .. } => ("bad_credentials", 0),
        _ => ("unavailable", 0),
    };
    let mut url = format!("/login?error={code}&next={}", urlencoding::encode(next));
    if minutes > 0 {
        url.push_str(&format!("&minutes={minutes}"));
    }
    let code_fits = |c: &&str| c.chars().count() <= usize::from(super::login::ACCOUNT_MAX);
    if let Some(enterprise_code) = input.enterprise_code().filter(code_fits) {
        url.push_str(&format!(
            "&enterprise_code={}",
            urlencoding::encode(enterprise_code)
        ));
    }
    url
}

async fn logout(State(pool): State<PgPool>, req: Request) -> Response {
    if let Some(token) = session::token_from_headers(req.headers()) {
        if let Err(err) = session::delete(&pool, &token).await {
            tracing::warn!(error = %err, "logout could not delete the session");
        }
    }
    see_other_with_cookie("/login", &session::clearing_cookie())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NextQuery {
    next: String,
}

/// Sets leptos_i18n's locale cookie and goes back; unknown locales fall back to the default.
async fn set_language(Path(locale): Path<String>, Query(q): Query<NextQuery>) -> Response {
    let locale = match locale.as_str() {
        "en" => "en",
        _ => "zh-CN",
    };
    let cookie = format!("i18n_pref_locale={locale}; Path=/; Max-Age=31536000; SameSite=Lax");
    see_other_with_cookie(safe_next(&q.next), &cookie)
}

/// Paths that are pages of the app (as opposed to assets, server functions and form routes).
fn is_page(path: &str) -> bool {
    !(path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path.starts_with("/auth/")
        || path.starts_with("/lang/")
        || path == "/healthz"
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.')))
}

/// What a person whose password an admin set may reach before changing it (with the files
/// the installed app and its service worker load on every page).
fn allowed_before_password_change(path: &str) -> bool {
    matches!(
        path,
        "/me"
            | "/login"
            | "/auth/logout"
            | "/api/v1/me/password"
            | "/healthz"
            | "/favicon.ico"
            | "/sw.js"
            | "/offline.js"
            | "/manifest.webmanifest"
    ) || path.starts_with("/lang/")
        || path.starts_with("/pkg/")
        || path.starts_with("/icons/")
}

/// Pages anyone may open without signing in.
fn is_public_page(path: &str) -> bool {
    path == "/login"
        // A training sign-in QR is checked on arrival, before any login (training::signin).
        || path.starts_with("/t/")
}

/// Resolves the session cookie into a `RequestUser` extension for pages and server functions,
/// and sends visitors who are not signed in to the login page (and back afterwards).
pub async fn load_session(State(pool): State<PgPool>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    if path.starts_with("/pkg/") {
        return next.run(req).await;
    }
    let resolved = match session::token_from_headers(req.headers()) {
        Some(token) => match session::resolve_cached(&pool, &token).await {
            Ok(resolved) => resolved,
            Err(_) => {
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "服务暂时不可用，请稍后再试 / Service unavailable, please retry",
                )
                    .into_response()
            }
        },
        None => None,
    };
    let must_change = resolved.as_ref().is_some_and(|r| r.must_change_password);
    let user = resolved.map(|r| r.user);
    // A password an admin set is changed before anything else (on /me).
    if must_change && !allowed_before_password_change(&path) {
        if req.method() == Method::GET && is_page(&path) {
            return Redirect::to("/me").into_response();
        }
        return (
            StatusCode::FORBIDDEN,
            "请先修改密码 / Change your password first",
        )
            .into_response();
    }
    if req.method() == Method::GET && is_page(&path) {
        if user.is_none() && !is_public_page(&path) {
            let target = req
                .uri()
                .path_and_query()
                .map(|pq| pq.as_str().to_owned())
                .unwrap_or_else(|| "/".into());
            return Redirect::to(&format!("/login?next={}", urlencoding::encode(&target)))
                .into_response();
        }
        if user.is_some() && path == "/login" {
            return Redirect::to("/").into_response();
        }
    }
    req.extensions_mut().insert(RequestUser(user));
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_never_leaves_the_site() {
        assert_eq!(safe_next("/admin/users?x=1"), "/admin/users?x=1");
        assert_eq!(
            safe_next("/spaces?q=%E5%AE%89%20x#top"),
            "/spaces?q=%E5%AE%89%20x#top"
        );
        for bad in [
            "",
            "admin",
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "\\/evil.example",
            // Tab, newline, carriage return, NUL, DEL, a C1 control, spaces: browsers strip or
            // choke on them (`GET /lang/en?next=/%09/evil.example` used to answer `/\t/evil…`).
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/\0/evil.example",
            "/\u{7f}/evil.example",
            "/\u{85}/evil.example",
            " //evil.example",
            "/ /evil.example",
            "/\u{3000}/evil.example",
            // Still encoded (decoded by some later hop).
            "/%5Cevil.example",
            "/%5cevil.example",
            "/%09/evil.example",
            "/%0A/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
        ] {
            assert_eq!(safe_next(bad), "/", "{bad:?} must not be followed");
        }
    }

    #[test]
    fn pages_are_told_apart_from_assets_and_apis() {
        assert!(is_page("/"));
        assert!(is_page("/admin/users"));
        assert!(!is_page("/api/v1/session"));
        assert!(!is_page("/pkg/anxun.wasm"));
        assert!(!is_page("/favicon.ico"));
        assert!(!is_page("/auth/login"));
    }

    /// The installed app's files load without a session (they are not pages) and before a
    /// password change; the outbox page is a page like the others.
    #[test]
    fn the_offline_shell_files_need_no_session() {
        for file in [
            "/sw.js",
            "/offline.js",
            "/manifest.webmanifest",
            "/icons/icon-192.png",
            "/icons/apple-touch-icon.png",
        ] {
            assert!(!is_page(file), "{file}");
            assert!(allowed_before_password_change(file), "{file}");
        }
        assert!(is_page("/outbox"));
        assert!(!allowed_before_password_change("/outbox"));
    }
}
