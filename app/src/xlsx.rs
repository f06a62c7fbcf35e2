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

/// Excel holds at most 32,767 characters in a cell; a longer text (years of entries of one
/// operation) is cut there with a visible mark instead of failing the whole file.
pub const CELL_MAX_CHARS: usize = 32_767;
const CUT_MARK: &str = "…(已截断 truncated)";

fn fit_cell(value: &str) -> std::borrow::Cow<'_, str> {
    if value.chars().count() <= CELL_MAX_CHARS {
        return value.into();
    }
    let keep = CELL_MAX_CHARS - CUT_MARK.chars().count();
    let mut cut: String = value.chars().take(keep).collect();
    cut.push_str(CUT_MARK);
    cut.into()
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
            ws.write_string(r as u32 + 1, col as u16, fit_cell(value))?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_longer_than_excel_holds_is_cut_and_the_file_is_still_written() {
        let long = "进".repeat(40_000);
        let mut wb = Workbook::new();
        sheet(&mut wb, "t", &["a"], &[vec![long.clone()]]).unwrap();
        assert!(!wb.save_to_buffer().unwrap().is_empty());
        let cut = fit_cell(&long);
        assert_eq!(cut.chars().count(), CELL_MAX_CHARS);
        assert!(cut.ends_with(CUT_MARK));
        assert_eq!(fit_cell("短"), "短");
    }
}
