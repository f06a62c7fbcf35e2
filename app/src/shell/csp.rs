//! The Content-Security-Policy of every answer. Scripts come only from this site (the islands'
//! loader and WASM under `/pkg`, `/poster.js`, `/photo-shrink.js`) or carry the page's nonce
//! (the hydration script leptos writes inline into the head); no inline handlers, styles or
//! other origins.

/// The policy; `nonce` is the page's (`leptos::nonce::use_nonce`), `None` for answers that are
/// not pages.
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
