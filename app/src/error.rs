//! The one application error type. Every server function returns `Result<T, AppError>`;
//! the variants carry only what a user may see (a field and a problem, never a database
//! message), and the UI turns each into a translated sentence (`shell::error_text`).

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

mod field;

pub use field::{AnyField, Field, FieldNames};

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong {
        max: u16,
    },
    TooShort {
        min: u16,
    },
    Invalid,
    Taken,
    /// A code whose check character does not match the rest (统一社会信用代码).
    CheckCharacter,
    /// Names something the caller cannot find: it does not exist, or not within their reach
    /// (a township a roster row names).
    Unknown,
    DuplicateInFile,
    /// Someone else saved this record since it was opened.
    Stale,
    /// A time that may not lie in the past.
    InPast,
    /// Later than the longest period allowed.
    TooLate,
    /// The end of a period before its start.
    BeforeStart,
    /// A typed date before the earliest this field takes (`input::date_within`).
    NotBefore {
        earliest: time::Date,
    },
    /// A typed date after the latest this field takes (`input::date_within`).
    NotAfter {
        latest: time::Date,
    },
    /// An uploaded file larger than allowed.
    FileTooLarge {
        max_mib: u16,
    },
    /// An uploaded file that is no JPEG, PNG or WebP image (whatever its name says).
    NotAnImage,
    /// An image wider or taller than allowed, or with too many pixels (a decompression bomb).
    ImageTooLarge {
        max_px: u32,
        max_megapixels: u32,
    },
    /// More files in one form than it takes.
    TooManyFiles {
        max: u16,
    },
    /// The enterprise's photo storage is full (its quota, an enterprise setting).
    StorageFull {
        quota_mib: u32,
    },
}

/// A problem on one row of an uploaded file (row 1 is the first data row after the header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub row: u32,
    pub field: AnyField,
    pub problem: Problem,
}

mod refusal;

pub use refusal::{FeatureRefusal, Refusal};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid {field:?}: {problem:?}")]
    Invalid { field: AnyField, problem: Problem },
    #[error("{} invalid rows", .0.len())]
    InvalidRows(Vec<RowProblem>),
    /// The same client id was already used for a different record.
    #[error("client id reused")]
    ClientIdReused,
    #[error("wrong account or password")]
    BadCredentials,
    #[error("account locked for {minutes} min")]
    Locked { minutes: u32 },
    /// Too many login attempts from one address or on one account in a short time.
    #[error("too many attempts")]
    TooManyAttempts,
    /// A step refused by a feature's rule, with the exact reason.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// The submitted form could not be decoded at all (a stale page, a hand-made request).
    #[error("malformed request")]
    Malformed,
    /// A poster (an absolute QR address) asked for outside development without
    /// `ANXUN_PUBLIC_URL`: the server will not print an address taken from a request.
    #[error("ANXUN_PUBLIC_URL is not set")]
    NoPublicUrl,
    /// The server is too busy for this now (a queue waited too long): try again shortly. 503,
    /// which the offline outbox keeps and resends.
    #[error("busy, try again")]
    Busy,
    #[error("internal error")]
    Internal,
    /// The request never reached our code or its answer could not be read (network, encoding).
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    pub fn invalid(field: impl Into<AnyField>, problem: Problem) -> Self {
        AppError::Invalid {
            field: field.into(),
            problem,
        }
    }

    /// A refusal of any feature (`AppError::refused(OpRefusal::NoGasTest)`).
    pub fn refused(reason: impl Into<Refusal>) -> Self {
        AppError::Refused(reason.into())
    }

    /// The HTTP status a JSON caller gets for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::ClientIdReused | AppError::Refused(_) => 409,
            AppError::Malformed => 400,
            AppError::Invalid { .. } | AppError::InvalidRows(_) => 422,
            AppError::Locked { .. } | AppError::TooManyAttempts => 429,
            AppError::NoPublicUrl | AppError::Busy => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // A form field that cannot be decoded into the argument type is bad input, not a crash.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => AppError::Malformed,
            other => AppError::Transport(other.to_string()),
        }
    }
}

/// server_fn answers arguments it cannot decode (before any of our code runs) with a 500 whose
/// body is the serialised `AppError::Malformed`; this puts back the error's own status, so no
/// input reaches a 500. Mounted on every answer by the server (cheap: it looks only at 500s).
#[cfg(feature = "ssr")]
pub async fn with_error_status(res: axum::response::Response) -> axum::response::Response {
    if res.status() != http::StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = http::StatusCode::from_u16(err.status()) {
            parts.status = status;
        }
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Parses a UUID form argument; a bad one is an invalid `field`, never a crash.
#[cfg(feature = "ssr")]
pub fn parse_uuid(text: &str, field: impl Into<AnyField>) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(text.trim()).map_err(|_| AppError::invalid(field, Problem::Invalid))
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        // A per-table client id (unique per enterprise, `<table>_enterprise_client_id_key`)
        // the enterprise used before for a row its audit log does not answer for: the same
        // answer as a reuse the audited step finds.
        if constraint_of(&err).is_some_and(|c| c.ends_with("client_id_key")) {
            tracing::warn!(error = %err, "client id reused");
            return AppError::ClientIdReused;
        }
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
fn constraint_of(err: &sqlx::Error) -> Option<&str> {
    err.as_database_error().and_then(|e| e.constraint())
}

/// Turns the violation of one named constraint into the error a user should see; every
/// other database error stays a database error. (realworld-axum-sqlx's `on_constraint`.)
#[cfg(feature = "ssr")]
pub trait ResultExt<T> {
    fn on_constraint(self, name: &str, to: impl FnOnce() -> AppError) -> Result<T, AppError>;
    /// The same for a statement that can violate several: `to` maps a constraint's name.
    fn on_constraints(self, to: impl FnOnce(&str) -> Option<AppError>) -> Result<T, AppError>;
}

#[cfg(feature = "ssr")]
impl<T> ResultExt<T> for Result<T, sqlx::Error> {
    fn on_constraint(self, name: &str, to: impl FnOnce() -> AppError) -> Result<T, AppError> {
        self.map_err(|err| {
            if constraint_of(&err) == Some(name) {
                to()
            } else {
                AppError::from(err)
            }
        })
    }

    fn on_constraints(self, to: impl FnOnce(&str) -> Option<AppError>) -> Result<T, AppError> {
        self.map_err(|err| match constraint_of(&err).and_then(to) {
            Some(mapped) => mapped,
            None => AppError::from(err),
        })
    }
}

#[cfg(feature = "ssr")]
/// True when the request came from a plain HTML form (no JavaScript), not the app's client.
pub fn request_accepts_html() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// The one way a plain (no-JavaScript) form post's error goes back to its page: `page` with
/// `__path` and `__err` as leptos encodes a server function's error, so `ServerAction::<S>`
/// on the page finds it; a page posted to a plain handler reads it with `error_in_query`, and
/// the outbox (`offline::delivery`) reads the same.
#[cfg(feature = "ssr")]
pub fn error_url(page: &str, path: &str, err: AppError) -> String {
    use leptos::server_fn::error::ServerFnUrlError;
    let base = format!("http://anxun.invalid{page}");
    match ServerFnUrlError::new(path, err).to_url(&base) {
        Ok(url) => format!("{}?{}", url.path(), url.query().unwrap_or("")),
        Err(_) => page.to_owned(),
    }
}

/// The error a redirect brought back to a form (`__err`, from `error_url` or a server
/// function's plain post), from the value of that query parameter.
pub fn error_in_query(value: &str) -> AppError {
    leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(value)
}

/// Server-side glue: turn a domain result into a server-function result, setting the HTTP
/// status for JSON callers. A plain (no-JavaScript) form post must keep leptos's 302 back to
/// the form, which carries the error in the URL, so its status is left alone.
#[cfg(feature = "ssr")]
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result {
        if !request_accepts_html() {
            if let (Some(opts), Ok(code)) = (
                leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
                http::StatusCode::from_u16(err.status()),
            ) {
                opts.set_status(code);
            }
        }
    }
    result
}

/// Like `respond`, and a plain HTML form post that succeeded is sent on to `to` (usually the
/// form's page with a notice in its query), since no script is there to show the result.
#[cfg(feature = "ssr")]
pub fn respond_form<T>(
    result: Result<T, AppError>,
    to: impl FnOnce(&T) -> String,
) -> Result<T, AppError> {
    if let Ok(value) = &result {
        if request_accepts_html() {
            leptos_axum::redirect(&to(value));
        }
    }
    respond(result)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_never_500_for_user_errors() {
        let user_errors = [
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::invalid(Field::Reason, Problem::Invalid),
            AppError::InvalidRows(vec![]),
            AppError::ClientIdReused,
            AppError::BadCredentials,
            AppError::Locked { minutes: 1 },
            AppError::TooManyAttempts,
            AppError::Malformed,
            AppError::refused(crate::operations::OpRefusal::NoGasTest),
        ];
        for err in user_errors {
            assert!(err.status() < 500, "{err:?} maps to {}", err.status());
        }
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn round_trips_through_json() {
        let err = AppError::InvalidRows(vec![RowProblem {
            row: 3,
            field: Field::Reason.into(),
            problem: Problem::Taken,
        }]);
        let text = serde_json::to_string(&err).expect("serialises");
        let back: AppError = serde_json::from_str(&text).expect("deserialises");
        assert_eq!(err, back);
    }
}
