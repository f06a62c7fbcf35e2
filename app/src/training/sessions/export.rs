//! XLSX files of training, headers and words in the user's language:
//! - `GET /export/training/sessions/<id>/sheet.xlsx`: one session's sign-in sheet (the print
//!   sheet's lines, `pages::sheet_rows`);
//! - `GET /export/training.xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD`: every training record of the
//!   enterprise for sessions starting in a range of China-time days (both included; by
//!   default the last 30 days, at most 366), one row per person per session.
//!
//! Trainers, officers and admins only; every row is of their enterprise.

use super::{
    db,
    model::hours_text,
    pages::{category_text, presence_text, result_text, sheet::sheet_headers, sheet::sheet_rows},
    service::CREATORS,
};
use crate::training::TrainingField;
use crate::{
    auth::server::RequestUser,
    error::AppError,
    i18n::*,
    lang::locale_of,
    rules::training::recorded_half_hours,
    time_fmt::{china_day, local_minutes, CHINA},
    xlsx::{day_bounds, day_range, sheet, xlsx_error, DayRangeFilter},
};
use axum::{
    extract::{rejection::QueryRejection, Path, Query, State},
    http::HeaderMap,
    response::Response,
    Extension,
};
use rust_xlsxwriter::Workbook;
use sqlx::PgPool;
use time::OffsetDateTime;

pub const RECORDS_PATH: &str = "/export/training.xlsx";
pub const SHEET_PATH: &str = "/export/training/sessions/{id}/sheet.xlsx";

fn answer(locale: Locale, result: Result<Vec<u8>, AppError>, filename: &str) -> Response {
    crate::shell::file_answer(locale, result, filename)
}

fn workbook(title: &str, headers: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut wb = Workbook::new();
    sheet(&mut wb, title, &refs, rows).map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

pub async fn session_sheet(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    Path(id): Path<String>,
    request_headers: HeaderMap,
) -> Response {
    let locale = locale_of(&request_headers);
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        actor.require_role(CREATORS)?;
        let id = crate::error::parse_uuid(&id, TrainingField::TrainingSession)?;
        let page = super::service::page(&pool, &actor, id).await?;
        let title = td_string!(locale, sessions.sheet_title).to_string();
        workbook(&title, &sheet_headers(locale), &sheet_rows(locale, &page))
    }
    .await;
    answer(locale, result, "training-sign-in-sheet.xlsx")
}

pub fn record_headers(locale: Locale) -> Vec<String> {
    [
        td_string!(locale, sessions.col_date),
        td_string!(locale, sessions.col_session),
        td_string!(locale, sessions.field_category),
        td_string!(locale, sessions.col_name),
        td_string!(locale, sessions.col_employee_no),
        td_string!(locale, sessions.col_department),
        td_string!(locale, sessions.col_sign_in),
        td_string!(locale, sessions.col_sign_out),
        td_string!(locale, sessions.col_how),
        td_string!(locale, sessions.col_hours),
        td_string!(locale, sessions.col_score),
        td_string!(locale, sessions.col_result),
    ]
    .into_iter()
    .map(|h| h.to_string())
    .collect()
}

/// The records' rows in `locale`: pure, so its words are tested without a file.
pub fn record_rows(locale: Locale, records: Vec<db::RecordRow>) -> Vec<Vec<String>> {
    records
        .into_iter()
        .map(|r| {
            let half_hours = recorded_half_hours(
                r.credited_half_hours,
                (r.starts_at, r.ends_at),
                r.signed_in_at,
                r.signed_out_at,
                r.override_half_hours,
            );
            vec![
                r.starts_at.to_offset(CHINA).date().to_string(),
                r.title,
                category_text(locale, r.category),
                r.name,
                r.employee_no.unwrap_or_default(),
                r.department.unwrap_or_default(),
                match r.sign_in_uploaded {
                    Some(up) => crate::offline::both_times(
                        locale,
                        &local_minutes(r.signed_in_at),
                        &local_minutes(up),
                    ),
                    None => local_minutes(r.signed_in_at),
                },
                r.signed_out_at.map(local_minutes).unwrap_or_default(),
                presence_text(locale, r.sign_in_by, None),
                hours_text(half_hours),
                r.score.map(|s| s.to_string()).unwrap_or_default(),
                result_text(locale, None, r.passed),
            ]
        })
        .collect()
}

pub async fn records(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    filter: Result<Query<DayRangeFilter>, QueryRejection>,
    request_headers: HeaderMap,
) -> Response {
    let locale = locale_of(&request_headers);
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        actor.require_role(CREATORS)?;
        let enterprise_id = actor.enterprise()?;
        let Query(filter) = filter.map_err(|_| AppError::Malformed)?;
        let (from, to) = day_range(
            &filter.from,
            &filter.to,
            china_day(OffsetDateTime::now_utc()),
        )?;
        let (start, end) = day_bounds(from, to)?;
        let rows = db::records(&pool, enterprise_id, start, end).await?;
        let title = td_string!(locale, sessions.records_sheet).to_string();
        workbook(&title, &record_headers(locale), &record_rows(locale, rows))
    }
    .await;
    answer(locale, result, "training-records.xlsx")
}

/// The training files' plain GET routes.
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
{
    axum::Router::new()
        .route(RECORDS_PATH, axum::routing::get(records))
        .route(SHEET_PATH, axum::routing::get(session_sheet))
}
