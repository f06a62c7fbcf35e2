//! The plain routes of signing in by scan (server only):
//!
//! - `GET /t/<token>/<code>` (and `/t/<token>/<code>/out` for the sign-out QR): what a
//!   phone's camera opens. It needs no login (auth lets `/t/` through): the code is checked
//!   on arrival, and a good one is swapped for a ticket that lasts 10 minutes, so the
//!   redirect to `/training/signin/<token>?ticket=…` may pass through the login page.
//!   A refused scan gets a small page saying why, in the person's language.
//! - `GET /training/sessions/<id>/qr[?mode=out]`: the projector page. Plain HTML, no
//!   script: it reloads itself when the code changes (`<meta http-equiv="refresh">`, which
//!   the Content-Security-Policy does not govern) and is never cached. Kept small: the QR is
//!   one SVG path of horizontal runs, and its stylesheet is a file of its own
//!   (`/projector.css`) that browsers keep.

use super::{code::Mode, refusal_words, service, SignInInput};
use crate::training::TrainingRefusal;
use crate::{
    auth::{server::RequestUser, SessionUser},
    error::AppError,
    i18n::*,
    lang::locale_of,
};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::get,
    Extension, Router,
};
use qrcode::{Color, EcLevel, QrCode};
use sqlx::PgPool;
use std::fmt::Write;
use time::OffsetDateTime;
use uuid::Uuid;

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
{
    Router::new()
        .route("/t/{token}/{code}", get(scan_in))
        .route("/t/{token}/{code}/out", get(scan_out))
        .route("/training/sessions/{id}/qr", get(projector))
}

pub async fn scan_in(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    Path((token, code)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    scan(&pool, user, &token, &code, Mode::In, &headers).await
}

pub async fn scan_out(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    Path((token, code)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    scan(&pool, user, &token, &code, Mode::Out, &headers).await
}

async fn scan(
    pool: &PgPool,
    user: RequestUser,
    token: &str,
    code: &str,
    mode: Mode,
    headers: &HeaderMap,
) -> Response {
    let act = crate::offline::act();
    if act.offline {
        // Scanned without signal and delivered by the outbox: the person is signed in
        // directly, as of the scan (`delivery::outbox` answers the outbox in JSON).
        let Some(user) = user.0.as_ref() else {
            return refused_page(&AppError::Unauthenticated, locale_of(headers));
        };
        return match delivered(pool, user, token, code, mode, act.at).await {
            Ok(to) => Redirect::to(&to).into_response(),
            Err(err) => refused_page(&err, locale_of(headers)),
        };
    }
    let now = OffsetDateTime::now_utc();
    match service::arrive(pool, user.0.as_ref(), token, code, mode, now).await {
        Ok(arrival) => {
            let mut res = Redirect::to(&format!(
                "/training/signin/{}?ticket={}",
                urlencoding::encode(token),
                arrival.ticket
            ))
            .into_response();
            // Scanned before logging in: the ticket is this browser's.
            if let Some(value) = arrival.browser {
                if let Ok(cookie) = HeaderValue::from_str(&scan_cookie(&value)) {
                    res.headers_mut().append(header::SET_COOKIE, cookie);
                }
            }
            res
        }
        Err(err) => refused_page(&err, locale_of(headers)),
    }
}

/// The cookie of a scan made before logging in: the random value its ticket is bound to.
/// It lives as long as a ticket can (`code::TICKET_VALID` and a step), HttpOnly, Lax (the
/// redirect through the login page keeps it), Secure as the session cookie is.
pub const SCAN_COOKIE: &str = "anxun_scan";

fn scan_cookie(value: &[u8; 16]) -> String {
    // As `auth`'s session cookie: Secure unless told the server runs on plain http.
    let secure = std::env::var("ANXUN_INSECURE_COOKIES").as_deref() != Ok("1");
    format!(
        "{SCAN_COOKIE}={}; Path=/; Max-Age=900; HttpOnly; SameSite=Lax{}",
        hex::encode(value),
        if secure { "; Secure" } else { "" }
    )
}

/// The scan cookie's value in a request's headers, if it has a sound one.
pub fn browser_of(headers: &HeaderMap) -> Option<[u8; 16]> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(SCAN_COOKIE)?.strip_prefix('='))
        .find_map(|value| {
            let mut out = [0u8; 16];
            hex::decode_to_slice(value.trim(), &mut out).ok()?;
            Some(out)
        })
}

/// A scan made offline at `at`: the same checks as a scan then, and the sign-in (or out)
/// itself, once (its client id is derived from the scan: a replay is the same submission).
/// Answers the sign-in page, where the browser would have gone.
async fn delivered(
    pool: &PgPool,
    user: &SessionUser,
    token: &str,
    code: &str,
    mode: Mode,
    at: OffsetDateTime,
) -> Result<String, AppError> {
    let ticket = service::arrive(pool, Some(user), token, code, mode, at)
        .await?
        .ticket;
    let input = SignInInput {
        token: token.to_owned(),
        ticket,
        browser: None,
    };
    let client_id = scan_client_id(user.id, token, code, mode);
    match mode {
        Mode::In => service::sign_in(pool, user, client_id, &input, at).await?,
        Mode::Out => service::sign_out(pool, user, client_id, &input, at).await?,
    };
    Ok(format!("/training/signin/{}", urlencoding::encode(token)))
}

/// The client id of one person's scan of one code: the same on every replay.
fn scan_client_id(user: Uuid, token: &str, code: &str, mode: Mode) -> Uuid {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(token.as_bytes())
        .chain_update(b"/")
        .chain_update(code.as_bytes())
        .chain_update(if mode == Mode::Out { b"/out" } else { b"/in_" })
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    crate::audit::step::derived_client_id(user, Uuid::from_bytes(bytes))
}

/// The page of a refused scan: one sentence and a way home. The error rides along in the
/// answer's extensions, for the outbox's JSON (`delivery::outcome`).
fn refused_page(err: &AppError, locale: Locale) -> Response {
    let mut res = refused_html(err, locale);
    res.extensions_mut().insert(err.clone());
    res
}

fn refused_html(err: &AppError, locale: Locale) -> Response {
    let (status, key, words) = match err {
        AppError::Refused(refusal) if refusal.as_of::<TrainingRefusal>().is_some() => (
            StatusCode::CONFLICT,
            refusal.code(),
            refusal
                .as_of::<TrainingRefusal>()
                .and_then(|r| refusal_words(locale, r))
                .unwrap_or_default(),
        ),
        AppError::NotFound => (
            StatusCode::NOT_FOUND,
            "not_found".to_owned(),
            td_string!(locale, signin.unknown),
        ),
        _ => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "error".to_owned(),
            td_string!(locale, common.err_internal),
        ),
    };
    let title = td_string!(locale, signin.title);
    let home = td_string!(locale, signin.home);
    let body = format!(
        "<main class=\"scan-refused\"><h1>{title}</h1>\
         <p class=\"refusal\" role=\"alert\" data-refusal=\"{key}\">{}</p>\
         <p><a href=\"/\">{home}</a></p></main>",
        escape(words)
    );
    html(status, locale, title, None, &body)
}

/// A small page of its own (no app shell): the projector and the refused scan.
fn html(
    status: StatusCode,
    locale: Locale,
    title: &str,
    refresh: Option<i64>,
    body: &str,
) -> Response {
    let lang = match locale {
        Locale::en => "en",
        _ => "zh-CN",
    };
    let refresh = refresh
        .map(|s| format!("<meta http-equiv=\"refresh\" content=\"{s}\">"))
        .unwrap_or_default();
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">{refresh}\
         <title>{}</title><link rel=\"stylesheet\" href=\"/projector.css\"></head>\
         <body>{body}</body></html>",
        escape(title)
    );
    let mut res = (status, page).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Text for HTML (a session's title, people's names).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ProjectorQuery {
    pub mode: String,
}

/// The origin the QR prints: `ANXUN_PUBLIC_URL`; in a development build only, the request's
/// host (as `checkpoint::public_base_url` does for posters).
fn origin(headers: &HeaderMap) -> Result<String, AppError> {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match crate::site::configured() {
        Some(url) => Ok(url.as_str().to_owned()),
        None if crate::site::DEVELOPMENT => {
            Ok(format!("http://{}", host.unwrap_or("127.0.0.1:3000")))
        }
        None => Err(AppError::NoPublicUrl),
    }
}

pub async fn projector(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    Path(id): Path<String>,
    Query(q): Query<ProjectorQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = locale_of(&headers);
    let mode = if q.mode == "out" { Mode::Out } else { Mode::In };
    let now = OffsetDateTime::now_utc();
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        let id = crate::error::parse_uuid(&id, crate::error::Field::ClientId)
            .map_err(|_| AppError::NotFound)?;
        let p = service::projector(&pool, &actor, id, mode, now).await?;
        Ok::<_, AppError>((p, origin(&headers)?))
    }
    .await;
    match result {
        Ok((p, origin)) => projector_page(&p, &format!("{origin}{}", p.path), locale),
        Err(err) => {
            let status =
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, err.to_string()).into_response()
        }
    }
}

fn projector_page(p: &service::Projector, url: &str, locale: Locale) -> Response {
    let out = p.mode == Mode::Out;
    let mut body = String::with_capacity(6000);
    let heading = if out {
        td_string!(locale, signin.projector_out)
    } else {
        td_string!(locale, signin.projector_in)
    };
    let _ = write!(
        body,
        "<main class=\"projector{}\"><h1>{}</h1><p class=\"mode\">{heading}</p>",
        if out { " out" } else { "" },
        escape(&p.title)
    );
    if p.cancelled {
        let _ = write!(
            body,
            "<p class=\"refusal\">{}</p>",
            td_string!(locale, signin.cancelled)
        );
    } else {
        let _ = write!(
            body,
            "<div class=\"qr\" id=\"qr\" data-url=\"{}\">{}</div>",
            escape(url),
            qr_svg(url)
        );
    }
    let count = if out {
        format!(
            "{} <b>{}</b> / {} {}",
            td_string!(locale, signin.count_signed_out),
            p.signed_out,
            td_string!(locale, signin.count_signed_in),
            p.signed_in
        )
    } else {
        format!(
            "{} <b>{}</b> / {} {}",
            td_string!(locale, signin.count_signed_in),
            p.signed_in,
            td_string!(locale, signin.count_expected),
            p.expected
        )
    };
    let _ = write!(
        body,
        "<p class=\"count\" data-signed-in=\"{}\" data-signed-out=\"{}\" data-expected=\"{}\">{count}</p>\
         <p class=\"next\" data-seconds=\"{s}\">{s} {}</p><ul class=\"latest\">",
        p.signed_in,
        p.signed_out,
        p.expected,
        td_string!(locale, signin.changes_in),
        s = p.seconds_to_next,
    );
    for name in &p.latest {
        let _ = write!(body, "<li>{}</li>", escape(name));
    }
    let (switch, label) = if out {
        ("?", td_string!(locale, signin.show_in))
    } else {
        ("?mode=out", td_string!(locale, signin.show_out))
    };
    let _ = write!(
        body,
        "</ul><p><a class=\"switch\" href=\"{switch}\">{label}</a></p></main>"
    );
    html(
        StatusCode::OK,
        locale,
        &p.title,
        Some(p.seconds_to_next),
        &body,
    )
}

/// The QR of `url` as one SVG path: a run of dark modules per `M x y h n v1 h-n z`, a quiet
/// zone of 4 modules, scaled by the stylesheet. Error correction L: a projected screen is
/// clean, and fewer, larger modules read better from the back of a room.
pub fn qr_svg(url: &str) -> String {
    let Ok(code) = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::L) else {
        return String::new();
    };
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 8;
    let mut d = String::with_capacity(width * width);
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let n = x - start;
            let _ = write!(d, "M{} {}h{n}v1h-{n}z", start + 4, y + 4);
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"{size}\" height=\"{size}\" \
         fill=\"#fff\"/><path d=\"{d}\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_is_one_small_path_and_text_is_escaped() {
        let svg = qr_svg("https://anxun.example.com/t/abcdefghijklmnopqrstuvwxyz/abcdefghijklmnop");
        assert!(svg.starts_with("<svg"), "{svg}");
        assert_eq!(svg.matches("<path").count(), 1);
        assert!(svg.len() < 6000, "{}", svg.len());
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn the_scan_cookie_reads_back_and_nothing_else_passes_for_it() {
        let value = [0xab; 16];
        let set = scan_cookie(&value);
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Lax"),
            "{set}"
        );
        let mut headers = HeaderMap::new();
        let sent = format!("a=1; {}; b=2", set.split(';').next().unwrap());
        headers.insert(header::COOKIE, HeaderValue::from_str(&sent).unwrap());
        assert_eq!(browser_of(&headers), Some(value));
        for bad in [
            "anxun_scan=zz",
            "anxun_scan=abab",
            "anxun_scanx=abababababababababababababababab",
            "",
        ] {
            let mut headers = HeaderMap::new();
            headers.insert(header::COOKIE, HeaderValue::from_str(bad).unwrap());
            assert_eq!(browser_of(&headers), None, "{bad}");
        }
    }
}
