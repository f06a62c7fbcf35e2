//! `GET /export/overview.xlsx?node=&filter=&from=&to=`: the list behind a figure, every
//! enterprise with all its figures, each cell text (`xlsx::sheet`).

use super::{service, EnterpriseFigures, Figures};
use crate::{
    auth::server::RequestUser,
    county::{grade_label, risk_label},
    error::AppError,
    i18n::{td_string, Locale},
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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub node: String,
    pub filter: String,
    pub from: String,
    pub to: String,
}

fn share(part: u32, whole: u32) -> String {
    Figures::percent(part, whole)
        .map(|p| format!("{p}% ({part}/{whole})"))
        .unwrap_or_default()
}

fn row(locale: Locale, e: &EnterpriseFigures) -> Vec<String> {
    let f = &e.figures;
    let yes = |on: u32| {
        if on > 0 {
            td_string!(locale, overview.yes)
        } else {
            td_string!(locale, overview.no)
        }
        .to_string()
    };
    vec![
        e.name.clone(),
        e.credit_code.clone().unwrap_or_default(),
        e.place.clone(),
        e.focus_risks
            .iter()
            .map(|r| risk_label(locale, *r))
            .collect::<Vec<_>>()
            .join("、"),
        yes(f.major_hazard_source),
        e.grade
            .map(|g| grade_label(locale, g).to_string())
            .unwrap_or_default(),
        yes(f.active),
        yes(f.with_admin),
        yes(f.signed_in),
        share(f.items_cleared, f.items_applicable),
        share(f.rounds_made, f.rounds_expected),
        f.rounds_missed.to_string(),
        f.hazards_open.to_string(),
        f.hazards_overdue.to_string(),
        f.hazards_major.to_string(),
        share(f.people_cleared, f.people),
        f.operations.to_string(),
    ]
}

/// The workbook of one list as the regulator reaches it.
pub async fn workbook(
    pool: &PgPool,
    actor: &crate::actor::SessionUser,
    locale: Locale,
    q: &ListQuery,
) -> Result<Vec<u8>, AppError> {
    let now = time::OffsetDateTime::now_utc();
    let list = service::list(pool, actor, &q.node, &q.filter, (&q.from, &q.to), None, now).await?;
    let headers = [
        td_string!(locale, overview.col_name),
        td_string!(locale, overview.col_credit_code),
        td_string!(locale, overview.col_place),
        td_string!(locale, overview.col_focus_risks),
        td_string!(locale, overview.col_major_hazard_source),
        td_string!(locale, overview.col_grade),
        td_string!(locale, overview.col_active),
        td_string!(locale, overview.col_admin),
        td_string!(locale, overview.col_signed_in),
        td_string!(locale, overview.col_items),
        td_string!(locale, overview.col_rounds),
        td_string!(locale, overview.col_missed),
        td_string!(locale, overview.col_open),
        td_string!(locale, overview.col_overdue),
        td_string!(locale, overview.col_major),
        td_string!(locale, overview.col_cleared),
        td_string!(locale, overview.col_operations),
    ];
    let rows: Vec<Vec<String>> = list.rows.iter().map(|e| row(locale, e)).collect();
    let mut wb = Workbook::new();
    let name = td_string!(locale, overview.sheet);
    sheet(&mut wb, name, &headers, &rows).map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

pub async fn download(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    Query(query): Query<ListQuery>,
    request_headers: HeaderMap,
) -> Response {
    let locale = locale_of(&request_headers);
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        workbook(&pool, &actor, locale, &query).await
    }
    .await;
    crate::shell::file_answer(locale, result, "overview.xlsx")
}
