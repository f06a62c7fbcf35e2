//! XLSX exports for officers and regulators' files: the ledger and the operation history.
//! Plain GET routes (`/export/*.xlsx`) so a phone or PC downloads them like any file.

use crate::{auth::server::RequestUser, error::AppError};
use axum::{
    extract::{Query, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn xlsx_error(err: XlsxError) -> AppError {
    tracing::error!(error = %err, "xlsx");
    AppError::Internal
}

fn download(result: Result<Vec<u8>, AppError>, filename: &str) -> Response {
    match result {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, XLSX.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{filename}\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(err) => {
            let status =
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, err.to_string()).into_response()
        }
    }
}

/// Writes a sheet: a bold header row, then the rows, then column widths to fit.
fn sheet(
    workbook: &mut Workbook,
    name: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let ws = workbook.add_worksheet();
    ws.set_name(name)?;
    for (col, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (col, value) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, col as u16, value)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    Ok(())
}

pub async fn ledger(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
) -> Response {
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        actor.require_role(&[
            crate::auth::Role::SafetyOfficer,
            crate::auth::Role::EnterpriseAdmin,
        ])?;
        let spaces = crate::spaces::service::list(&pool, &actor, "", None).await?;
        let rows: Vec<Vec<String>> = spaces
            .into_iter()
            .map(|s| {
                vec![
                    s.code,
                    s.name,
                    s.location,
                    s.space_type.as_str().to_owned(),
                    s.hazards
                        .iter()
                        .map(|h| h.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    s.required_gases
                        .iter()
                        .map(|g| g.formula())
                        .collect::<Vec<_>>()
                        .join(", "),
                    s.protective_equipment,
                    s.rescue_equipment,
                    s.responsible_person,
                    if s.usually_contracted { "是" } else { "否" }.to_owned(),
                    if s.toxic_asphyxiation_risk {
                        "是"
                    } else {
                        "否"
                    }
                    .to_owned(),
                    if s.active { "在用" } else { "停用" }.to_owned(),
                    s.version.to_string(),
                ]
            })
            .collect();
        let mut wb = Workbook::new();
        sheet(
            &mut wb,
            "有限空间台账",
            &[
                "编号",
                "名称",
                "位置",
                "类型",
                "危险因素",
                "检测气体",
                "防护装备",
                "救援装备",
                "负责人",
                "通常外包",
                "中毒窒息风险",
                "状态",
                "版本",
            ],
            &rows,
        )
        .map_err(xlsx_error)?;
        wb.save_to_buffer().map_err(xlsx_error)
    }
    .await;
    download(result, "confined-spaces.xlsx")
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HistoryFilter {
    pub space: Option<Uuid>,
    pub person: Option<Uuid>,
}

pub async fn operations(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    Query(filter): Query<HistoryFilter>,
) -> Response {
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        let history = super::service::history(&pool, &actor, filter.space, filter.person).await?;
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
                    h.entries.join("; "),
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
