//! `GET /sw.js`: the service worker, public/sw.js with this build's version and the files it
//! precaches filled in (server only). Served at the root so that its scope is the whole site,
//! and `no-cache` so that a phone checks for a new build on every visit; a new build is a new
//! version, and the new worker takes over and drops the old caches by itself.

use super::assets::BuiltFiles;
use crate::offline::queueable;
use axum::{
    extract::State,
    http::{header, HeaderName, HeaderValue},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};
use std::{path::Path, sync::OnceLock};

/// The worker's source; the server fills in the two placeholders.
const TEMPLATE: &str = include_str!("../../../public/sw.js");
const VERSION_SLOT: &str = "'__ANXUN_VERSION__'";
const PRECACHE_SLOT: &str = "[/*__ANXUN_PRECACHE__*/]";
const QUEUED_SLOT: &str = "[/*__ANXUN_QUEUED_POSTS__*/]";
const WORDS_SLOT: &str = "{ /*__ANXUN_WORDS__*/ }";
/// The worker's own words: the locale files' `sw` namespace (leptos_i18n checks at build time
/// that both locales have every key; `every_word_the_worker_uses_is_in_the_locale_files`
/// checks that the worker uses no other).
const WORDS_ZH: &str = include_str!("../../locales/zh-CN/sw.json");
const WORDS_EN: &str = include_str!("../../locales/en/sw.json");

/// The site's own files the shell needs offline (from public/, served at the root). Those
/// missing from the site root are left out (a precache with one missing file fails whole).
const PUBLIC_FILES: &[&str] = &[
    "/offline.js",
    "/photo-shrink.js",
    "/manifest.webmanifest",
    "/favicon.ico",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
    "/icons/icon-maskable-512.png",
    "/icons/apple-touch-icon.png",
];

pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    LeptosOptions: axum::extract::FromRef<S>,
{
    Router::new().route("/sw.js", get(service_worker))
}

async fn service_worker(State(options): State<LeptosOptions>) -> Response {
    static SCRIPT: OnceLock<String> = OnceLock::new();
    let script = SCRIPT.get_or_init(|| build(&options));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                HeaderName::from_static("service-worker-allowed"),
                HeaderValue::from_static("/"),
            ),
        ],
        script.clone(),
    )
        .into_response()
}

/// The worker of this build: the built CSS/JS/WASM and the public files that exist, and a
/// version that changes whenever any of them or the worker's source does.
fn build(options: &LeptosOptions) -> String {
    let root = Path::new(options.site_root.as_ref());
    let built = BuiltFiles::of(options);
    let mut version = Sha256::new();
    version.update(env!("CARGO_PKG_VERSION"));
    version.update(BuiltFiles::hashes(options));
    let mut files = Vec::new();
    for path in [&built.css, &built.js, &built.wasm]
        .into_iter()
        .map(String::as_str)
        .chain(PUBLIC_FILES.iter().copied())
    {
        let file = root.join(path.trim_start_matches('/'));
        if !file.is_file() {
            continue;
        }
        // Hashed names already say their content; the others are hashed here.
        version.update(path);
        if !path.starts_with(&format!("/{}/", options.site_pkg_dir)) || !options.hash_files {
            version.update(std::fs::read(&file).unwrap_or_default());
        }
        files.push(path.to_owned());
    }
    let digest = version.finalize();
    let version = hex::encode(&digest[..6]);
    fill(TEMPLATE, &version, &files)
}

/// The template with its version and precache list (JSON strings: the paths are ours).
fn fill(template: &str, version: &str, files: &[String]) -> String {
    let list = files
        .iter()
        .map(|f| format!("{f:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    template
        .replacen(VERSION_SLOT, &format!("'{version}'"), 1)
        .replacen(PRECACHE_SLOT, &format!("[{list}]"), 1)
        .replacen(QUEUED_SLOT, &queueable::queued_posts_js(), 1)
        .replacen(WORDS_SLOT, &words_js(), 1)
}

/// `{ zh: {...}, en: {...} }`: JSON objects are JavaScript object literals.
fn words_js() -> String {
    format!("{{ zh: {}, en: {} }}", WORDS_ZH.trim(), WORDS_EN.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_gets_its_version_and_precache_list() {
        assert!(TEMPLATE.contains(VERSION_SLOT) && TEMPLATE.contains(PRECACHE_SLOT));
        let files = vec!["/pkg/anxun.abc.css".to_owned(), "/offline.js".to_owned()];
        let script = fill(TEMPLATE, "0123456789ab", &files);
        assert!(script.contains("const VERSION = '0123456789ab';"));
        assert!(script.contains(r#"const PRECACHE = ["/pkg/anxun.abc.css", "/offline.js"];"#));
        assert!(!script.contains("__ANXUN_"));
    }

    #[test]
    fn every_word_the_worker_uses_is_in_the_locale_files() {
        let zh: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(WORDS_ZH).unwrap();
        let en: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(WORDS_EN).unwrap();
        assert_eq!(zh.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
        // `w.saved`, `w.needs_entry`... and the outbox's kinds read as `w[kind]`.
        let used: std::collections::BTreeSet<&str> = TEMPLATE
            .match_indices("w.")
            .filter(|(i, _)| {
                !TEMPLATE[..*i]
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            })
            .map(|(i, _)| {
                let rest = &TEMPLATE[i + 2..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                &rest[..end]
            })
            .filter(|k| !k.is_empty())
            .collect();
        assert!(used.len() > 10, "{used:?}");
        for key in &used {
            assert!(zh.contains_key(*key), "sw.js uses w.{key}, not in sw.json");
        }
        let script = fill(TEMPLATE, "0123456789ab", &[]);
        assert!(script.contains(&format!("const WORDS = {};", words_js())));
        assert!(script.contains(r#""saved_title": "已保存""#));
        assert!(!script.contains("__ANXUN_"));
    }

    #[test]
    fn every_public_file_listed_is_in_public() {
        let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
        for path in PUBLIC_FILES {
            assert!(
                public.join(path.trim_start_matches('/')).is_file(),
                "{path}"
            );
        }
    }

    /// The worker queues exactly the server's list (`offline::queueable`), and its sign-in
    /// scan is the server's shape.
    #[test]
    fn the_worker_queues_the_servers_list() {
        assert!(TEMPLATE.contains(&format!("const QUEUED_POSTS = {QUEUED_SLOT};")));
        let script = fill(TEMPLATE, "0123456789ab", &[]);
        let line = format!("const QUEUED_POSTS = {};", queueable::queued_posts_js());
        assert!(script.contains(&line), "{line}");
        // Nowhere else does the worker name a queued path of its own.
        for path in queueable::QUEUED_POSTS {
            assert!(!TEMPLATE.contains(&format!("'{path}'")), "{path}");
        }
        // It asks the server's own route how long to keep pages.
        assert!(TEMPLATE.contains(&format!(
            "const KEEP_URL = '{}';",
            super::super::keep::KEEP_PATH
        )));
        assert!(script.contains(r"const SIGNIN_SCAN = /^\/t\/[^/]+\/[^/]+(\/out)?$/;"));
        assert!(queueable::is_sign_in_scan("/t/abc/123"));
        assert!(queueable::is_sign_in_scan("/t/abc/123/out"));
    }
}
