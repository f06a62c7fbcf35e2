//! XLSX downloads for officers' and regulators' files (server only): plain GET routes
//! (`/export/*.xlsx`) so a phone or PC downloads them like any file.

use crate::{
    error::{AppError, Field, Problem},
    input,
    time_fmt::CHINA,
};
use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde::Deserialize;
use time::{Date, Duration, OffsetDateTime};

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

/// The range when none is given: today and the 29 days before it.
pub const DEFAULT_DAYS: i64 = 30;
/// The longest range one file covers (a leap year), so one request cannot read years of rows.
pub const MAX_DAYS: i64 = 366;

/// An export's form of days (`from`, `to`, `YYYY-MM-DD`); empty means the default.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DayRangeFilter {
    pub from: String,
    pub to: String,
}

/// The first and last China-time day of an export, checked: by default the last
/// `DEFAULT_DAYS` up to today, at most `MAX_DAYS`; a bad date names its field.
pub fn day_range(from: &str, to: &str, today: Date) -> Result<(Date, Date), AppError> {
    day_range_from(from, to, today, |to| {
        to.checked_sub(Duration::days(DEFAULT_DAYS - 1))
    })
}

/// `day_range` whose first day, when none is given, is `default_from` of the last (none: the
/// last day is refused as out of range).
pub fn day_range_from(
    from: &str,
    to: &str,
    today: Date,
    default_from: impl FnOnce(Date) -> Option<Date>,
) -> Result<(Date, Date), AppError> {
    let to = match to.trim() {
        "" => today,
        t => input::date(t, Field::DateTo)?,
    };
    let from = match from.trim() {
        "" => default_from(to).ok_or(AppError::invalid(Field::DateTo, Problem::Invalid))?,
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
pub fn day_bounds(from: Date, to: Date) -> Result<(OffsetDateTime, OffsetDateTime), AppError> {
    let end = to
        .next_day()
        .ok_or(AppError::invalid(Field::DateTo, Problem::Invalid))?;
    Ok((
        from.midnight().assume_offset(CHINA),
        end.midnight().assume_offset(CHINA),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

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

    #[test]
    fn the_range_defaults_to_the_last_30_days_and_is_checked() {
        let today = date!(2026 - 11 - 30);
        assert_eq!(
            day_range("", "", today).unwrap(),
            (date!(2026 - 11 - 01), today)
        );
        assert_eq!(
            day_range("2026-01-01", "2026-01-31", today).unwrap(),
            (date!(2026 - 01 - 01), date!(2026 - 01 - 31))
        );
        // 366 days (a leap year) is the longest; 367 is too long.
        assert!(day_range("2024-01-01", "2024-12-31", today).is_ok());
        assert_eq!(
            day_range("2024-01-01", "2025-01-01", today),
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
            assert_eq!(day_range(bad, "", today), bad_from, "{bad}");
        }
        assert_eq!(day_range("2026-02-01", "2026-01-01", today), bad_from);
        assert_eq!(
            day_range("", "2026-02-30", today),
            Err(AppError::invalid(Field::DateTo, Problem::Invalid))
        );
        // The very first and last days time can hold: refused, not a panic.
        assert!(day_range("", "-9999-01-01", today).is_err());
        assert!(day_bounds(date!(9999 - 12 - 31), date!(9999 - 12 - 31)).is_err());
    }
}
