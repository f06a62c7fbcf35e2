//! `GET /export/county/enterprises.xlsx?node=`: the ledger under a node (the actor's top when
//! none) in the roster's columns, so the file imports unchanged. Every cell is written as
//! text (`xlsx::sheet`): a name beginning with `=`, `+`, `-` or `@` is never a formula.

use super::columns::{row_of, COLUMNS};
use crate::{
    auth::server::RequestUser,
    county::{db, service::Reach, CountyField},
    error::AppError,
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
pub struct NodeQuery {
    pub node: String,
}

/// The workbook of the ledger under `node` as `actor` reaches it.
pub async fn workbook(
    pool: &PgPool,
    actor: &crate::actor::SessionUser,
    node: &str,
) -> Result<Vec<u8>, AppError> {
    let reach = Reach::of(actor)?;
    let node = crate::input::optional_uuid(node, CountyField::Node)?;
    let top = crate::county::service::top_of(pool, reach, node).await?;
    let rows: Vec<Vec<String>> = db::export_rows(pool, top)
        .await?
        .iter()
        .map(|(entry, township, admin, mobile)| row_of(entry, township, (admin, mobile)))
        .collect();
    let headers: Vec<&str> = COLUMNS.iter().map(|(_, h, _)| *h).collect();
    let mut wb = Workbook::new();
    sheet(&mut wb, "企业基础信息台账", &headers, &rows).map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

pub async fn ledger(
    State(pool): State<PgPool>,
    Extension(user): Extension<RequestUser>,
    Query(query): Query<NodeQuery>,
    request_headers: HeaderMap,
) -> Response {
    let locale = locale_of(&request_headers);
    let result = async {
        let actor = user.0.ok_or(AppError::Unauthenticated)?;
        workbook(&pool, &actor, &query.node).await
    }
    .await;
    crate::shell::file_answer(locale, result, "enterprises.xlsx")
}
