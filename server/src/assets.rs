//! Static files and how long browsers keep them.
//!
//! - `/pkg` (cargo-leptos's output: CSS, and the WASM and its loader for pages with an island)
//!   carries content-hashed names (`hash-files = true`), so a file under a given name never
//!   changes: browsers keep it a year and never revalidate it (`immutable`). A release built
//!   with `cargo leptos build --release --precompress` has `.br` and `.gz` siblings made once
//!   at build time; they are served as they are and the `CompressionLayer` leaves them alone.
//!   Without them (debug builds) the files are compressed per request as before.
//! - The other files of the site root (from `public/`: favicon, web manifest) keep their names,
//!   so browsers may reuse them for an hour and then revalidate.

use axum::{
    http::{header, HeaderValue, StatusCode},
    response::Response,
    Router,
};
use leptos::config::LeptosOptions;
use std::path::Path;
use tower_http::services::ServeDir;

/// For files whose name changes with their content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For `/pkg` when the names carry no hash (`LEPTOS_HASH_FILES` unset): always revalidate.
pub const REVALIDATE: &str = "no-cache";
/// For the files from `public/`, whose names never change.
pub const SHORT: &str = "public, max-age=3600";

/// The service mounted at `/<site-pkg-dir>`.
pub fn pkg_files(options: &LeptosOptions) -> Router {
    let dir = Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let policy = if options.hash_files {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(axum::middleware::map_response(
            move |res: Response| async move { with_cache_policy(res, policy, true) },
        ))
}

/// `Cache-Control` for a static file answered by the fallback (a page's 404 is left alone).
pub async fn public_files(res: Response) -> Response {
    with_cache_policy(res, SHORT, false)
}

/// Sets `Cache-Control` on a served file (200, or 304 after revalidation) that has none. With
/// `varies`, also says that the body depends on `Accept-Encoding` (precompressed variants);
/// the `CompressionLayer` only says so for the bodies it compresses itself.
fn with_cache_policy(mut res: Response, policy: &'static str, varies: bool) -> Response {
    if !(res.status() == StatusCode::OK || res.status() == StatusCode::NOT_MODIFIED) {
        return res;
    }
    let headers = res.headers_mut();
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(policy));
    if varies && !headers.contains_key(header::VARY) {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn response(status: StatusCode) -> Response {
        Response::builder()
            .status(status)
            .body(Body::empty())
            .unwrap()
    }

    #[test]
    fn served_files_get_the_policy_and_errors_do_not() {
        let res = with_cache_policy(response(StatusCode::OK), IMMUTABLE, true);
        assert_eq!(res.headers()[header::CACHE_CONTROL], IMMUTABLE);
        assert_eq!(res.headers()[header::VARY], "accept-encoding");
        let res = with_cache_policy(response(StatusCode::NOT_MODIFIED), SHORT, false);
        assert_eq!(res.headers()[header::CACHE_CONTROL], SHORT);
        assert!(!res.headers().contains_key(header::VARY));
        let res = with_cache_policy(response(StatusCode::NOT_FOUND), IMMUTABLE, true);
        assert!(!res.headers().contains_key(header::CACHE_CONTROL));
    }
}
