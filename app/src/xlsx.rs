//! XLSX downloads for officers' and regulators' files (server only): plain GET routes
//! (`/export/*.xlsx`) so a phone or PC downloads them like any file.

use crate::error::AppError;
use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn xlsx_error(err: XlsxError) -> AppError {
    tracing::error!(error = %err, "xlsx");
    AppError::Internal
}

pub fn download(result: Result<Vec<u8>, AppError>, filename: &str) -> Response {
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
pub fn sheet(
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
