//! The confined-space ledger (有限空间台账) as an XLSX file.

use crate::{
    auth::server::RequestUser,
    error::AppError,
    xlsx::{download, sheet, xlsx_error},
};
use axum::{extract::State, response::Response, Extension};
use rust_xlsxwriter::Workbook;
use sqlx::PgPool;

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
        let spaces = super::service::list(&pool, &actor, "", None).await?;
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

/// The ledger's plain GET routes.
pub fn routes<S>() -> axum::Router<S>
where
    S: Clone + Send + Sync + 'static,
    sqlx::PgPool: axum::extract::FromRef<S>,
{
    axum::Router::new().route("/export/spaces.xlsx", axum::routing::get(ledger))
}
