//! The app's own address, `ANXUN_PUBLIC_URL` (the https address phones use): QR codes and
//! posters print it, a plain form post returns only to a page of it, and the server sends HSTS
//! when it is https. (Server only.)

use std::sync::OnceLock;

/// A development build (`make run`, the browser tests): posters may fall back to the request's
/// host. A release build never trusts the `Host` header for an address it prints.
pub const DEVELOPMENT: bool = cfg!(debug_assertions);

/// An absolute http(s) origin without a path or trailing slash: `https://anxun.example.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// `http(s)://host[:port]`, optionally with a trailing `/`; anything else is a
    /// configuration error (the app is served at the root of its host).
    pub fn parse(text: &str) -> Result<PublicUrl, String> {
        let url = text.trim().trim_end_matches('/');
        let bad =
            || format!("ANXUN_PUBLIC_URL must look like https://anxun.example.com (got {text:?})");
        let (scheme, authority) = url.split_once("://").ok_or_else(bad)?;
        let valid_authority = !authority.is_empty()
            && authority
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
        if !matches!(scheme, "http" | "https") || !valid_authority {
            return Err(bad());
        }
        Ok(PublicUrl(format!(
            "{scheme}://{}",
            authority.to_ascii_lowercase()
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_https(&self) -> bool {
        self.0.starts_with("https://")
    }

    /// `host[:port]`.
    pub fn authority(&self) -> &str {
        self.0.split_once("://").map_or("", |(_, a)| a)
    }
}

/// `ANXUN_PUBLIC_URL`, read once (the server checks it at start and refuses a malformed one).
pub fn configured() -> Option<&'static PublicUrl> {
    static URL: OnceLock<Option<PublicUrl>> = OnceLock::new();
    URL.get_or_init(|| {
        std::env::var("ANXUN_PUBLIC_URL")
            .ok()
            .filter(|v| !v.trim().is_empty())
            .and_then(|v| PublicUrl::parse(&v).ok())
    })
    .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_url_is_an_http_origin() {
        let url = PublicUrl::parse("https://Anxun.Example.com/").unwrap();
        assert_eq!(url.as_str(), "https://anxun.example.com");
        assert!(url.is_https());
        assert_eq!(url.authority(), "anxun.example.com");
        let url = PublicUrl::parse("http://127.0.0.1:3000").unwrap();
        assert!(!url.is_https());
        assert_eq!(url.authority(), "127.0.0.1:3000");
        for bad in [
            "",
            "anxun.example.com",
            "ftp://anxun.example.com",
            "https://",
            "https://anxun.example.com/app",
            "https://user@anxun.example.com",
            "https://anxun.example.com?x",
        ] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad:?}");
        }
    }
}
