//! The Content-Security-Policy of every answer. Scripts come only from this site (the islands'
//! loader and WASM under `/pkg`, `/poster.js`, `/photo-shrink.js`) or carry the page's nonce
//! (the hydration script leptos writes inline into the head); no inline handlers, styles or
//! other origins.

/// The nonce of one answer. The server's header middleware makes it before anything answers,
/// puts it in the request's extensions and names it in the answer's policy; a page renders its
/// inline scripts with it (`provide_request_nonce`). One source per request: the policy never
/// depends on when a page's render hands its headers over (it once did, and a page under load
/// now and then arrived with a policy naming no nonce, its scripts blocked).
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct RequestNonce(pub leptos::nonce::Nonce);

#[cfg(feature = "ssr")]
impl RequestNonce {
    pub fn new() -> Self {
        Self(leptos::nonce::Nonce::new())
    }
}

#[cfg(feature = "ssr")]
impl Default for RequestNonce {
    fn default() -> Self {
        Self::new()
    }
}

/// In a page's render (the server's leptos context): the request's nonce replaces the one
/// leptos_axum made, so the hydration script and the streaming scripts carry the nonce the
/// policy names.
#[cfg(feature = "ssr")]
pub fn provide_request_nonce() {
    use leptos::prelude::{provide_context, use_context};
    let nonce = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestNonce>().cloned());
    if let Some(RequestNonce(nonce)) = nonce {
        provide_context(nonce);
    }
}

/// The policy; `nonce` is the request's (`RequestNonce`), `None` where there is no request.
pub fn policy(nonce: Option<&str>) -> String {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_nonced_script_runs_inline() {
        let with = super::policy(Some("abc123"));
        assert!(
            with.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"),
            "{with}"
        );
        let without = super::policy(None);
        assert!(
            without.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{without}"
        );
        assert!(!without.contains("unsafe-inline"));
    }
}
