//! A roster file as rows of text: XLSX (the first sheet's values; a formula cell gives the
//! value Excel saved with it) or CSV in UTF-8 (with or without a BOM) or GBK (what Excel
//! writes as "CSV" on Chinese Windows). The header row is found among the first rows (a title
//! above it, merged across the columns, is passed over); columns are taken by their headers.

use super::columns::{column_of, Column, COLUMNS};
use super::RosterRow;
use crate::{
    county::CountyField,
    error::{AppError, Problem},
};
use std::io::Cursor;

/// The most rows one file may hold (a county has a few thousand enterprises).
pub const MAX_ROWS: usize = 10_000;
/// How far down the header row is looked for.
const HEADER_SEARCH_ROWS: usize = 10;

fn bad_file() -> AppError {
    AppError::invalid(CountyField::RosterFile, Problem::Invalid)
}

/// The file's rows under its header, each with its line in the file (1 = the first line).
pub fn rows(bytes: &[u8]) -> Result<Vec<RosterRow>, AppError> {
    let grid = if bytes.starts_with(b"PK\x03\x04") {
        xlsx_grid(bytes)?
    } else {
        csv_grid(&decode(bytes))?
    };
    let header_at = grid
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|row| row.iter().any(|c| column_of(c) == Some(Column::CreditCode)))
        .ok_or_else(bad_file)?;
    let header: Vec<Option<Column>> = grid[header_at].iter().map(|c| column_of(c)).collect();
    for required in [Column::CreditCode, Column::Name, Column::Township] {
        if !header.contains(&Some(required)) {
            return Err(bad_file());
        }
    }
    let mut rows = Vec::new();
    for (i, row) in grid.iter().enumerate().skip(header_at + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(AppError::invalid(
                CountyField::RosterFile,
                Problem::TooLong {
                    max: MAX_ROWS as u16,
                },
            ));
        }
        let mut cells = vec![String::new(); COLUMNS.len()];
        for (value, column) in row.iter().zip(&header) {
            if let Some(column) = column {
                let at = COLUMNS.iter().position(|(c, _, _)| c == column).unwrap_or(0);
                // A column given twice keeps its first.
                if cells[at].is_empty() {
                    cells[at] = value.trim().to_owned();
                }
            }
        }
        rows.push(RosterRow {
            line: u32::try_from(i + 1).unwrap_or(u32::MAX),
            cells,
        });
    }
    Ok(rows)
}

/// Text from UTF-8 (a BOM dropped) or, when it is not UTF-8, GBK (GB 18030, its superset).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

fn csv_grid(text: &str) -> Result<Vec<Vec<String>>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.map(|rec| rec.iter().map(str::to_owned).collect())
                .map_err(|_| bad_file())
        })
        .collect()
}

fn xlsx_grid(bytes: &[u8]) -> Result<Vec<Vec<String>>, AppError> {
    use calamine::{Reader, Xlsx};
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| bad_file())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(bad_file)?
        .map_err(|_| bad_file())?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

/// A cell as the person typed it: whole numbers without ".0" (a mobile number typed as a
/// number), dates as `YYYY-MM-DD`, an error cell as text that fails its field's check.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Data::DateTime(d) => excel_day(d.as_f64()).map_or_else(String::new, |d| d.to_string()),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The day of an Excel serial date (1900 system: day 1 is 1900-01-01, with Excel's fictitious
/// 1900-02-29 counted, so days from 1899-12-30).
fn excel_day(serial: f64) -> Option<time::Date> {
    let base = time::macros::date!(1899 - 12 - 30);
    base.checked_add(time::Duration::days(serial.floor() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_or_without_a_bom_and_in_gbk_read_the_same() {
        let text = "某县工贸企业名录,,\n统一社会信用代码,企业名称,所属乡镇\n91350100M000100Y43,范庄铸造,范庄镇\n,,\n";
        let plain = rows(text.as_bytes()).unwrap();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let (gbk, _, lossy) = encoding_rs::GBK.encode(text);
        assert!(!lossy);
        assert!(std::str::from_utf8(&gbk).is_err(), "the GBK bytes are not UTF-8");
        for file in [bom, gbk.into_owned()] {
            assert_eq!(rows(&file).unwrap(), plain);
        }
        assert_eq!(plain.len(), 1, "the title and the empty row are passed over");
        assert_eq!(plain[0].line, 3);
        assert_eq!(plain[0].cells[0], "91350100M000100Y43");
        assert_eq!(plain[0].cells[2], "范庄镇");
    }

    #[test]
    fn a_file_without_the_key_columns_is_refused() {
        for file in ["姓名,手机\n张三,137", "", "\u{0}\u{1}"] {
            assert_eq!(rows(file.as_bytes()), Err(bad_file()), "{file:?}");
        }
        assert_eq!(rows(b"PK\x03\x04 not a zip"), Err(bad_file()));
    }

    #[test]
    fn excel_serial_days_are_days() {
        assert_eq!(excel_day(45_000.0), Some(time::macros::date!(2023 - 03 - 15)));
    }
}
