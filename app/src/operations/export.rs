//! The operation history (有限空间作业记录) as an XLSX file, with the page's filters.

use super::EntryLine;
use crate::operations::OperationField;
use crate::{
    auth::server::RequestUser,
    error::{AppError, Field},
    input,
    xlsx::{download, sheet, xlsx_error},
};
use axum::{
    extract::{Query, State},
    response::Response,
    Extension,
};
use rust_xlsxwriter::Workbook;
use serde::Deserialize;
use sqlx::PgPool;

/// The history page's filters; empty means all (a link with empty filters keeps working).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HistoryFilter {
    pub space: String,
    pub person: String,
}

pub async fn operations(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    Query(filter): Query<HistoryFilter>,
) -> Response {
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        let space = input::optional_uuid(&filter.space, OperationField::Space)?;
        let person = input::optional_uuid(&filter.person, Field::User)?;
        // Every matching operation: a record for an inspector is never silently cut short.
        let history = super::board::history(&pool, &actor, space, person, None).await?;
        let rows: Vec<Vec<String>> = history
            .into_iter()
            .map(|h| {
                vec![
                    h.space_code,
                    h.space_name,
                    h.status.as_str().to_owned(),
                    h.work_content,
                    h.planned,
                    h.requested_by,
                    h.decided_by,
                    h.attendant,
                    EntryLine::join(&h.entries, crate::i18n::Locale::zh_CN),
                    h.gas_tests.to_string(),
                    h.failed_tests.to_string(),
                    h.closed_at,
                ]
            })
            .collect();
        let mut wb = Workbook::new();
        sheet(
            &mut wb,
            "有限空间作业记录",
            &[
                "编号",
                "名称",
                "状态",
                "作业内容",
                "计划时间",
                "申请人",
                "审批人",
                "监护人",
                "进出记录",
                "检测次数",
                "不合格次数",
                "结束时间",
            ],
            &rows,
        )
        .map_err(xlsx_error)?;
        wb.save_to_buffer().map_err(xlsx_error)
    }
    .await;
    download(result, "confined-space-operations.xlsx")
}

/// The operation history's plain GET routes.
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
{
    axum::Router::new().route("/export/operations.xlsx", axum::routing::get(operations))
}
