//! `outbox`: the middleware that takes the outbox's deliveries (design §2). For a request
//! carrying `X-Anxun-Outbox` it
//!
//! 0. refuses it unless the outbox keeps such requests (`queueable`: never an approval);
//! 1. checks who made it: nobody signed in → `401 signed_out`; signed in as someone other
//!    than `X-Anxun-Author` → `409 wrong_user` (the phone keeps it for its author);
//! 2. works out the act's time from `X-Anxun-Made-At`/`X-Anxun-Sent-At` (`rules::offline`):
//!    untrusted times are refused, except for an exit, always recorded (at arrival then);
//! 3. runs the request as the browser would, with the act set (`offline::act()`), and turns
//!    the browser's answer into the outbox's: a redirect or a page → `200 stored` with where
//!    the browser would have gone; an error (leptos's `__err` in the redirect, a handler's
//!    `error=`, a JSON error, a 4xx) → `422 refused` with the page's sentence; a server
//!    failure (5xx) → `503 retry`.
//!
//! Every answer is JSON with `Cache-Control: no-store`. Requests without the header pass
//! untouched.

use super::{queueable::queueable, reason_code, reason_text, with_act, Act, OfflineRefusal};
use crate::{
    auth::server::RequestUser, error::AppError, i18n::Locale, lang::locale_of, rules::offline,
};
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

pub const OUTBOX: &str = "x-anxun-outbox";
pub const AUTHOR: &str = "x-anxun-author";
pub const MADE_AT: &str = "x-anxun-made-at";
pub const SENT_AT: &str = "x-anxun-sent-at";

/// The one write that is always taken (design §3: an exit is never refused for its times).
pub const EXIT_PATH: &str = "/api/v1/operations/exit";

/// What the outbox headers of a request say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivery {
    pub author: Option<Uuid>,
    pub made_at: Option<OffsetDateTime>,
    pub sent_at: Option<OffsetDateTime>,
    pub received_at: OffsetDateTime,
}

impl Delivery {
    /// The headers of `headers`, received at `received_at`; `None` when not the outbox's.
    pub fn of(headers: &HeaderMap, received_at: OffsetDateTime) -> Option<Delivery> {
        headers.get(OUTBOX)?;
        let text = |name| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
        };
        Some(Delivery {
            author: text(AUTHOR).and_then(|t| Uuid::parse_str(t).ok()),
            made_at: text(MADE_AT).and_then(epoch_ms),
            sent_at: text(SENT_AT).and_then(epoch_ms),
            received_at,
        })
    }

    /// The act of a delivery to `path`, or why it is refused (`rules::offline`).
    pub fn act(&self, path: &str) -> Result<Act, OfflineRefusal> {
        if path == EXIT_PATH {
            let at = offline::exit_time(self.made_at, self.sent_at, self.received_at);
            return Ok(Act::delivered(at, self.received_at));
        }
        let (Some(made), Some(sent)) = (self.made_at, self.sent_at) else {
            return Err(OfflineRefusal::BadDelivery);
        };
        let at = offline::act_time(made, sent, self.received_at)?;
        Ok(Act::delivered(at, self.received_at))
    }
}

/// Milliseconds since the Unix epoch, as JavaScript's `Date.now()` gives them.
fn epoch_ms(text: &str) -> Option<OffsetDateTime> {
    let ms: i64 = text.parse().ok()?;
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
}

/// The middleware (mounted inside `auth::load_session`, which puts `RequestUser` in), with
/// the pool to say why a deactivated author's records are refused.
pub async fn outbox(State(pool): State<PgPool>, mut req: Request, next: Next) -> Response {
    let received_at = OffsetDateTime::now_utc();
    let Some(delivery) = Delivery::of(req.headers(), received_at) else {
        return next.run(req).await;
    };
    let locale = locale_of(req.headers());
    // Never run: the phone's times reach only what the outbox is made to keep.
    if !queueable(req.method(), req.uri().path()) {
        return refused(locale, &AppError::refused(OfflineRefusal::NotQueueable));
    }
    let user = req
        .extensions()
        .get::<RequestUser>()
        .and_then(|u| u.0.as_ref())
        .map(|u| (u.id, u.enterprise_id));
    let Some((user, enterprise_id)) = user else {
        return signed_out();
    };
    let Some(author) = delivery.author else {
        return refused(locale, &AppError::refused(OfflineRefusal::BadDelivery));
    };
    if author != user {
        // A colleague's phone holds them: kept for the author, unless the author can never
        // sign in again (deactivated), then refused with why, visible on the phone.
        if let Some(enterprise_id) = enterprise_id {
            if deactivated(&pool, enterprise_id, author).await {
                let err = AppError::refused(OfflineRefusal::AuthorDeactivated);
                return refused(locale, &err);
            }
        }
        return answer(StatusCode::CONFLICT, json!({ "outcome": "wrong_user" }));
    }
    let act = match delivery.act(req.uri().path()) {
        Ok(act) => act,
        Err(r) => return refused(locale, &AppError::refused(r)),
    };
    let from = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .map(path_of)
        .unwrap_or_else(|| "/".to_owned());
    req.extensions_mut().insert(act);
    let res = with_act(act, next.run(req)).await;
    outcome(res, locale, &from).await
}

/// Whether `author` is a deactivated person of the enterprise (never another enterprise's:
/// a phone learns nothing across tenants). A database failure says no: kept, tried again.
async fn deactivated(pool: &PgPool, enterprise_id: Uuid, author: Uuid) -> bool {
    sqlx::query_scalar::<_, bool>(
        "select not active from users where id = $1 and enterprise_id = $2",
    )
    .bind(author)
    .bind(enterprise_id)
    .fetch_optional(pool)
    .await
    .ok()
    .flatten()
    .unwrap_or(false)
}

/// The outbox's answer for the browser's answer `res` to a request posted from `from`.
pub async fn outcome(res: Response, locale: Locale, from: &str) -> Response {
    // A handler's own error first (its page may say 409 or 500).
    if let Some(err) = res.extensions().get::<AppError>() {
        return failed(locale, err);
    }
    let status = res.status();
    if status.is_server_error() {
        return retry();
    }
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(path_of);
    if status.is_redirection() {
        let to = location.unwrap_or_else(|| from.to_owned());
        return match error_in(&to) {
            Some(err) => failed(locale, &err),
            None => stored(&to),
        };
    }
    if status.is_success() {
        return stored(&location.unwrap_or_else(|| from.to_owned()));
    }
    let bytes = axum::body::to_bytes(res.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    let err = serde_json::from_slice::<AppError>(&bytes).unwrap_or(match status {
        StatusCode::UNAUTHORIZED => AppError::Unauthenticated,
        StatusCode::FORBIDDEN => AppError::Forbidden,
        StatusCode::NOT_FOUND => AppError::NotFound,
        StatusCode::CONFLICT => AppError::ClientIdReused,
        StatusCode::TOO_MANY_REQUESTS => AppError::TooManyAttempts,
        _ => AppError::Malformed,
    });
    failed(locale, &err)
}

/// The error a redirect carries back to the form: `__err` (`error::error_url`, the one channel
/// of server functions and plain handlers alike).
fn error_in(location: &str) -> Option<AppError> {
    let query = location.split_once('?')?.1;
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("__err="))?;
    let value = urlencoding::decode(value).ok()?;
    Some(crate::error::error_in_query(&value))
}

/// The path and query of a URL (a `Location` or a `Referer` may be absolute).
fn path_of(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]).to_owned(),
        None => url.to_owned(),
    }
}

fn failed(locale: Locale, err: &AppError) -> Response {
    match err {
        AppError::Unauthenticated => signed_out(),
        AppError::Internal | AppError::Transport(_) | AppError::NoPublicUrl => retry(),
        _ => refused(locale, err),
    }
}

fn stored(location: &str) -> Response {
    answer(
        StatusCode::OK,
        json!({ "outcome": "stored", "location": location }),
    )
}

fn refused(locale: Locale, err: &AppError) -> Response {
    answer(
        StatusCode::UNPROCESSABLE_ENTITY,
        json!({
            "outcome": "refused",
            "reason": reason_text(locale, err),
            "code": reason_code(err),
        }),
    )
}

fn signed_out() -> Response {
    answer(StatusCode::UNAUTHORIZED, json!({ "outcome": "signed_out" }))
}

fn retry() -> Response {
    answer(
        StatusCode::SERVICE_UNAVAILABLE,
        json!({ "outcome": "retry" }),
    )
}

fn answer(status: StatusCode, body: serde_json::Value) -> Response {
    let mut res = (status, Json(body)).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
