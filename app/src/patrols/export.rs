//! `GET /export/patrols.xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD`: the patrol records (巡查记录) of a
//! date range as an XLSX file, one row per answered item, headers and words in the user's
//! language (as the hazard ledger's export: `hazards::export::locale_of`). Officers only; every
//! row is of their enterprise. The range is China-time days, both included: by default the last
//! 30 days up to today, at most 366 days. A bad date is a translated 422, never a 500.

use super::{
    record_db::{self, ExportAnswer},
    service::EDITORS,
    AnswerResult, AnswerType, Presence,
};
use crate::{
    auth::server::RequestUser,
    error::{AppError, Field, Problem},
    hazards::export::locale_of,
    i18n::*,
    input,
    time_fmt::{china_day, local_minutes, CHINA},
    xlsx::{download, sheet, xlsx_error},
};
use axum::{
    extract::{rejection::QueryRejection, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use rust_xlsxwriter::Workbook;
use serde::Deserialize;
use sqlx::PgPool;
use time::{Date, Duration, OffsetDateTime};

pub const PATH: &str = "/export/patrols.xlsx";
/// The range when none is given: today and the 29 days before it.
pub const DEFAULT_DAYS: i64 = 30;
/// The longest range one file covers (a leap year), so one request cannot read years of rows.
pub const MAX_DAYS: i64 = 366;

/// The board's export form; empty means the default.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Filter {
    pub from: String,
    pub to: String,
}

/// The first and last China-time day of the export, checked.
pub fn range(from: &str, to: &str, today: Date) -> Result<(Date, Date), AppError> {
    let to = match to.trim() {
        "" => today,
        t => input::date(t, Field::DateTo)?,
    };
    let from = match from.trim() {
        "" => to
            .checked_sub(Duration::days(DEFAULT_DAYS - 1))
            .ok_or(AppError::invalid(Field::DateTo, Problem::Invalid))?,
        f => input::date(f, Field::DateFrom)?,
    };
    if from > to {
        return Err(AppError::invalid(Field::DateFrom, Problem::Invalid));
    }
    if (to - from).whole_days() + 1 > MAX_DAYS {
        return Err(AppError::invalid(Field::DateTo, Problem::TooLate));
    }
    Ok((from, to))
}

/// `[from 00:00, the day after to 00:00)` in China time.
fn bounds(from: Date, to: Date) -> Result<(OffsetDateTime, OffsetDateTime), AppError> {
    let end = to
        .next_day()
        .ok_or(AppError::invalid(Field::DateTo, Problem::Invalid))?;
    Ok((
        from.midnight().assume_offset(CHINA),
        end.midnight().assume_offset(CHINA),
    ))
}

pub fn headers(locale: Locale) -> Vec<String> {
    [
        td_string!(locale, patrols.col_time),
        td_string!(locale, patrols.col_point),
        td_string!(locale, patrols.col_checklist),
        td_string!(locale, patrols.col_patroller),
        td_string!(locale, patrols.col_presence),
        td_string!(locale, patrols.col_item),
        td_string!(locale, patrols.col_answer),
        td_string!(locale, patrols.col_in_range),
        td_string!(locale, patrols.col_note),
        td_string!(locale, patrols.col_hazard),
    ]
    .into_iter()
    .map(|h| h.to_string())
    .collect()
}

/// The file's rows, in `locale`: pure, so its words are tested without a file.
pub fn rows(locale: Locale, answers: Vec<ExportAnswer>) -> Vec<Vec<String>> {
    let pass = td_string!(locale, patrols.pass).to_string();
    let fail = td_string!(locale, patrols.fail).to_string();
    let yes = td_string!(locale, patrols.yes).to_string();
    let no = td_string!(locale, patrols.no).to_string();
    answers
        .into_iter()
        .map(|a| {
            let passed = a.result == AnswerResult::Pass;
            let answer = match (a.answer_type, a.number, a.text_value) {
                (AnswerType::Number, Some(n), _) => format!("{n} {}", a.unit).trim().to_owned(),
                (AnswerType::Text, _, Some(t)) => t,
                _ if passed => pass.clone(),
                _ => fail.clone(),
            };
            let presence = match a.presence {
                Presence::Qr => td_string!(locale, patrols.presence_qr),
                Presence::ShortCode => td_string!(locale, patrols.presence_short_code),
            };
            let submitted = local_minutes(a.submitted_at);
            let when = match a.uploaded {
                Some(up) => crate::offline::both_times(locale, &submitted, &local_minutes(up)),
                None => submitted,
            };
            vec![
                when,
                a.point,
                format!("{} v{}", a.checklist, a.version),
                a.patroller,
                presence.to_string(),
                a.item,
                answer,
                if passed { yes.clone() } else { no.clone() },
                a.note.unwrap_or_default(),
                a.hazard.unwrap_or_default(),
            ]
        })
        .collect()
}

/// The errors this export can answer, in `locale` (a plain GET has no page to show them on).
pub fn error_text(locale: Locale, err: &AppError) -> String {
    match err {
        AppError::Invalid { field, problem } => {
            let field = match field {
                Field::DateFrom => td_string!(locale, patrols.field_date_from),
                _ => td_string!(locale, patrols.field_date_to),
            }
            .to_string();
            match problem {
                Problem::TooLate => td_string!(locale, common.err_too_late, field).to_string(),
                _ => td_string!(locale, common.err_invalid, field).to_string(),
            }
        }
        AppError::Unauthenticated => td_string!(locale, common.err_unauthenticated).to_string(),
        AppError::Forbidden => td_string!(locale, common.err_forbidden).to_string(),
        AppError::NotFound => td_string!(locale, common.err_not_found).to_string(),
        AppError::Malformed => td_string!(locale, common.err_malformed).to_string(),
        _ => td_string!(locale, common.err_internal).to_string(),
    }
}

pub async fn records(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    filter: Result<Query<Filter>, QueryRejection>,
    request_headers: HeaderMap,
) -> Response {
    let locale = locale_of(&request_headers);
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        actor.require_role(EDITORS)?;
        let enterprise_id = actor.enterprise()?;
        // A repeated or nested parameter is no form of ours.
        let Query(filter) = filter.map_err(|_| AppError::Malformed)?;
        let today = china_day(OffsetDateTime::now_utc());
        let (from, to) = range(&filter.from, &filter.to, today)?;
        let (start, end) = bounds(from, to)?;
        let answers = record_db::export_answers(&pool, enterprise_id, start, end).await?;
        let headers = headers(locale);
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut wb = Workbook::new();
        let title = td_string!(locale, patrols.export_sheet).to_string();
        sheet(&mut wb, &title, &header_refs, &rows(locale, answers)).map_err(xlsx_error)?;
        wb.save_to_buffer().map_err(xlsx_error)
    }
    .await;
    match result {
        Ok(bytes) => download(Ok(bytes), "patrol-records.xlsx"),
        Err(err) => {
            let status =
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let content_type = (header::CONTENT_TYPE, "text/plain; charset=utf-8");
            (status, [content_type], error_text(locale, &err)).into_response()
        }
    }
}

/// The patrol records' plain GET route.
pub fn routes() -> axum::Router<crate::state::AppState> {
    axum::Router::new().route(PATH, axum::routing::get(records))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_range_defaults_to_the_last_30_days_and_is_checked() {
        let today = date!(2026 - 11 - 30);
        assert_eq!(
            range("", "", today).unwrap(),
            (date!(2026 - 11 - 01), today)
        );
        assert_eq!(
            range("2026-01-01", "2026-01-31", today).unwrap(),
            (date!(2026 - 01 - 01), date!(2026 - 01 - 31))
        );
        // 366 days (a leap year) is the longest; 367 is too long.
        assert!(range("2024-01-01", "2024-12-31", today).is_ok());
        assert_eq!(
            range("2024-01-01", "2025-01-01", today),
            Err(AppError::invalid(Field::DateTo, Problem::TooLate))
        );
        let bad_from = Err(AppError::invalid(Field::DateFrom, Problem::Invalid));
        for bad in [
            "abc",
            "2026-13-01",
            "2026-02-30",
            "1e309",
            "<b>",
            "２０２６-01-01",
        ] {
            assert_eq!(range(bad, "", today), bad_from, "{bad}");
        }
        assert_eq!(range("2026-02-01", "2026-01-01", today), bad_from);
        assert_eq!(
            range("", "2026-02-30", today),
            Err(AppError::invalid(Field::DateTo, Problem::Invalid))
        );
        // The very first and last days time can hold: refused, not a panic.
        assert!(range("", "-9999-01-01", today).is_err());
        assert!(bounds(date!(9999 - 12 - 31), date!(9999 - 12 - 31)).is_err());
    }

    fn answer(answer_type: AnswerType, result: AnswerResult) -> ExportAnswer {
        ExportAnswer {
            submitted_at: time::macros::datetime!(2026-11-29 13:05 UTC),
            uploaded: None,
            point: "1号空压机".into(),
            checklist: "日常巡查·通用".into(),
            version: 3,
            patroller: "王师傅".into(),
            presence: Presence::ShortCode,
            item: "储气罐压力".into(),
            answer_type,
            unit: "MPa".into(),
            result,
            number: None,
            text_value: None,
            note: None,
            hazard: None,
        }
    }

    #[test]
    fn a_row_says_what_was_answered_in_the_users_words() {
        let mut reading = answer(AnswerType::Number, AnswerResult::Fail);
        reading.number = Some(0.65);
        reading.note = Some("表针抖动".into());
        reading.hazard = Some("YH-2026-0007".into());
        let mut written = answer(AnswerType::Text, AnswerResult::Pass);
        written.text_value = Some("无异常".into());
        let passed = answer(AnswerType::PassFail, AnswerResult::Pass);
        let rows = rows(Locale::en, vec![reading, written, passed]);
        assert_eq!(
            rows[0],
            [
                "2026-11-29 21:05",
                "1号空压机",
                "日常巡查·通用 v3",
                "王师傅",
                "Short code",
                "储气罐压力",
                "0.65 MPa",
                "No",
                "表针抖动",
                "YH-2026-0007"
            ]
        );
        assert_eq!(rows[1][6..8], ["无异常", "Yes"]);
        assert_eq!(rows[2][6..10], ["Pass", "Yes", "", ""]);
        let zh = super::rows(
            Locale::zh_CN,
            vec![answer(AnswerType::PassFail, AnswerResult::Fail)],
        );
        assert_eq!(zh[0][4..8], ["输入短码", "储气罐压力", "不合格", "否"]);
    }

    #[test]
    fn errors_are_in_the_users_language() {
        let err = AppError::invalid(Field::DateTo, Problem::TooLate);
        assert_eq!(
            error_text(Locale::en, &err),
            "To date is later than the longest period allowed"
        );
        assert!(error_text(Locale::zh_CN, &err).starts_with("截止日期"));
    }
}
