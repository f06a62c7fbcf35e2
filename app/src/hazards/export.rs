//! The hazard ledger (隐患台账) as an XLSX file, with the page's filters, headers and words in
//! the user's language (the language cookie, else the browser's first language, else Chinese).

use super::{
    pages::{category_text, grade_text, source_text, state_text},
    LedgerFilter,
};
use crate::{
    auth::server::RequestUser,
    error::AppError,
    i18n::*,
    xlsx::{download, sheet, xlsx_error},
};
use axum::{
    extract::{Query, State},
    http::HeaderMap,
    response::Response,
    Extension,
};
use rust_xlsxwriter::Workbook;
use serde::Deserialize;
use sqlx::PgPool;

/// The ledger page's filters; empty means all.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub state: String,
    pub grade: String,
    pub category: String,
    pub source: String,
    pub overdue: String,
}

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

fn headers(locale: Locale) -> Vec<String> {
    [
        td_string!(locale, hazards.number),
        td_string!(locale, hazards.state),
        td_string!(locale, hazards.grade),
        td_string!(locale, hazards.category),
        td_string!(locale, hazards.source),
        td_string!(locale, hazards.location),
        td_string!(locale, hazards.description),
        td_string!(locale, hazards.found),
        td_string!(locale, hazards.rectifier),
        td_string!(locale, hazards.deadline),
        td_string!(locale, hazards.overdue),
    ]
    .into_iter()
    .map(|h| h.to_string())
    .collect()
}

pub async fn ledger(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    Query(filter): Query<Filter>,
    request_headers: HeaderMap,
) -> Response {
    let locale = locale_of(&request_headers);
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        let filter = LedgerFilter::parse(
            &filter.state,
            &filter.grade,
            &filter.category,
            &filter.source,
            &filter.overdue,
        );
        let now = time::OffsetDateTime::now_utc();
        // Every matching hazard: a ledger for an inspector is never silently cut short.
        let hazards = super::reads::all_rows(&pool, &actor, &filter, now).await?;
        let yes = td_string!(locale, hazards.overdue).to_string();
        let rows: Vec<Vec<String>> = hazards
            .into_iter()
            .map(|h| {
                vec![
                    h.number,
                    state_text(locale, h.state),
                    grade_text(locale, h.grade),
                    category_text(locale, h.category),
                    source_text(locale, h.source),
                    h.location,
                    h.description,
                    format!("{} {}", h.found_at, h.found_by),
                    h.rectifier.unwrap_or_default(),
                    h.deadline.unwrap_or_default(),
                    if h.overdue {
                        yes.clone()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        let headers = headers(locale);
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut wb = Workbook::new();
        let title = td_string!(locale, hazards.ledger).to_string();
        sheet(&mut wb, &title, &header_refs, &rows).map_err(xlsx_error)?;
        wb.save_to_buffer().map_err(xlsx_error)
    }
    .await;
    download(result, "hazards.xlsx")
}

/// The ledger's plain GET route.
pub fn routes() -> axum::Router<crate::state::AppState> {
    axum::Router::new().route("/export/hazards.xlsx", axum::routing::get(ledger))
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
