//! `GET /export/visits.xlsx?lookback=`: the visits the regulator reaches with their findings,
//! one row per finding (a visit without findings one row of its own), each cell text.
//! `lookback=1` (回头看): only the findings not yet closed.

use super::{pages::kind_label, VisitKind};
use crate::{
    actor::{Role, SessionUser},
    auth::server::RequestUser,
    error::AppError,
    hazards::{grade_text, HazardGrade, HazardState},
    i18n::{td_string, Locale},
    lang::locale_of,
    time_fmt::china_day,
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
use time::Date;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExportQuery {
    pub lookback: String,
}

#[derive(sqlx::FromRow)]
struct Line {
    visited_on: Date,
    enterprise: String,
    place: String,
    kind: VisitKind,
    experts: String,
    number: Option<String>,
    location: Option<String>,
    description: Option<String>,
    grade: Option<HazardGrade>,
    state: Option<HazardState>,
    basis: Option<String>,
    deadline: Option<Date>,
    days_overdue: Option<i64>,
}

async fn lines(
    pool: &PgPool,
    node: uuid::Uuid,
    today: Date,
    lookback: bool,
) -> Result<Vec<Line>, sqlx::Error> {
    let only_open = if lookback {
        "and h.id is not null and h.state <> 'closed'"
    } else {
        ""
    };
    sqlx::query_as(&format!(
        "select v.visited_on, e.name as enterprise, j.name as place, v.kind,
                coalesce((select string_agg(u.name, '、' order by u.name)
                          from visit_experts x join users u on u.id = x.user_id
                          where x.visit_id = v.id), '') as experts,
                h.number, h.location, h.description, h.grade, h.state, f.basis, f.deadline,
                case when h.state <> 'closed' then greatest($2 - f.deadline, 0) end::int8
                    as days_overdue
         from visits v
         join enterprises e on e.id = v.enterprise_id
         join jurisdictions j on j.id = e.jurisdiction_id
         left join visit_findings f on f.visit_id = v.id
         left join hazards h on h.id = f.hazard_id
         where e.jurisdiction_id in (select * from jurisdictions_under($1)) {only_open}
         order by v.visited_on desc, v.id, h.found_at
         limit 20000"
    ))
    .bind(node)
    .bind(today)
    .fetch_all(pool)
    .await
}

/// The workbook of the regulator's visits and findings.
pub async fn workbook(
    pool: &PgPool,
    actor: &SessionUser,
    locale: Locale,
    lookback: bool,
) -> Result<Vec<u8>, AppError> {
    actor.require_role(&[Role::Regulator])?;
    let node = actor.jurisdiction_id.ok_or(AppError::Forbidden)?;
    let today = china_day(time::OffsetDateTime::now_utc());
    let rows: Vec<Vec<String>> = lines(pool, node, today, lookback)
        .await?
        .into_iter()
        .map(|l| {
            vec![
                l.visited_on.to_string(),
                l.enterprise,
                l.place,
                kind_label(locale, l.kind).to_owned(),
                l.experts,
                l.number.unwrap_or_default(),
                l.location.unwrap_or_default(),
                l.description.unwrap_or_default(),
                l.grade.map(|g| grade_text(locale, g)).unwrap_or_default(),
                l.state
                    .map(|s| crate::hazards::state_text(locale, s))
                    .unwrap_or_default(),
                l.basis.unwrap_or_default(),
                l.deadline.map(|d| d.to_string()).unwrap_or_default(),
                l.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let headers = [
        td_string!(locale, visits.field_visited_on),
        td_string!(locale, visits.field_enterprise),
        td_string!(locale, visits.col_place),
        td_string!(locale, visits.field_kind),
        td_string!(locale, visits.field_experts),
        td_string!(locale, visits.col_number),
        td_string!(locale, visits.field_location),
        td_string!(locale, visits.field_description),
        td_string!(locale, visits.field_grade),
        td_string!(locale, visits.col_state),
        td_string!(locale, visits.field_basis),
        td_string!(locale, visits.field_deadline),
        td_string!(locale, visits.col_days_overdue),
    ];
    let mut wb = Workbook::new();
    sheet(&mut wb, td_string!(locale, visits.title), &headers, &rows).map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

pub async fn download(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    Query(query): Query<ExportQuery>,
    request_headers: HeaderMap,
) -> Response {
    let locale = locale_of(&request_headers);
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        workbook(&pool, &actor, locale, query.lookback == "1").await
    }
    .await;
    crate::shell::file_answer(locale, result, "visits.xlsx")
}
