//! `GET /export/patrols.xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD`: the patrol records (巡查记录) of a
//! date range as an XLSX file, one row per answered item, headers and words in the user's
//! language (`lang::locale_of`). Officers only; every
//! row is of their enterprise. The range is China-time days, both included: by default the last
//! 30 days up to today, at most 366 days. A bad date is a translated 422, never a 500.

use super::{
    record_db::{self, ExportAnswer},
    service::EDITORS,
    AnswerResult, AnswerType, Presence,
};
use crate::{
    auth::server::RequestUser,
    error::AppError,
    i18n::*,
    lang::locale_of,
    time_fmt::{china_day, local_minutes},
    xlsx::{day_bounds, day_range, sheet, xlsx_error, DayRangeFilter},
};
use axum::{
    extract::{rejection::QueryRejection, Query, State},
    http::HeaderMap,
    response::Response,
    Extension,
};
use rust_xlsxwriter::Workbook;
use sqlx::PgPool;
use time::OffsetDateTime;

pub const PATH: &str = "/export/patrols.xlsx";
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

pub async fn records(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    filter: Result<Query<DayRangeFilter>, QueryRejection>,
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
        let (from, to) = day_range(&filter.from, &filter.to, today)?;
        let (start, end) = day_bounds(from, to)?;
        let answers = record_db::export_answers(&pool, enterprise_id, start, end).await?;
        let headers = headers(locale);
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut wb = Workbook::new();
        let title = td_string!(locale, patrols.export_sheet).to_string();
        sheet(&mut wb, &title, &header_refs, &rows(locale, answers)).map_err(xlsx_error)?;
        wb.save_to_buffer().map_err(xlsx_error)
    }
    .await;
    crate::shell::file_answer(locale, result, "patrol-records.xlsx")
}

/// The patrol records' plain GET route.
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
{
    axum::Router::new().route(PATH, axum::routing::get(records))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
