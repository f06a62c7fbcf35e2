//! The language of an answer made outside a page (a file, a plain page, the outbox's JSON):
//! the person's choice, else their browser's, else Chinese.

use crate::i18n::Locale;
use axum::http::HeaderMap;

/// English when the person chose it (leptos_i18n's cookie) or, without a choice, when the
/// browser asks for it first; Chinese otherwise.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let chosen = header(http::header::COOKIE)
        .split(';')
        .filter_map(|c| c.trim().strip_prefix("i18n_pref_locale="))
        .next();
    let first_language = header(http::header::ACCEPT_LANGUAGE)
        .split(',')
        .next()
        .unwrap_or("")
        .trim();
    match chosen {
        Some("en") => Locale::en,
        Some(_) => Locale::zh_CN,
        None if first_language.starts_with("en") => Locale::en,
        None => Locale::zh_CN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_the_cookie_then_the_browser_then_chinese() {
        let mut h = HeaderMap::new();
        assert_eq!(locale_of(&h), Locale::zh_CN);
        h.insert(
            http::header::ACCEPT_LANGUAGE,
            "en-US,en;q=0.9".parse().unwrap(),
        );
        assert_eq!(locale_of(&h), Locale::en);
        h.insert(
            http::header::COOKIE,
            "a=b; i18n_pref_locale=zh-CN".parse().unwrap(),
        );
        assert_eq!(locale_of(&h), Locale::zh_CN);
        h.insert(http::header::COOKIE, "i18n_pref_locale=en".parse().unwrap());
        assert_eq!(locale_of(&h), Locale::en);
    }
}
