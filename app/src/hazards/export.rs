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
    lang::locale_of,
    xlsx::{sheet, xlsx_error},
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
    crate::shell::file_answer(locale, result, "hazards.xlsx")
}

/// The ledger's plain GET route.
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
{
    axum::Router::new().route("/export/hazards.xlsx", axum::routing::get(ledger))
}
