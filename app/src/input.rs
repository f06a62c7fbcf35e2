//! Input helpers every form's `validate()` uses: trimmed, bounded text without control
//! characters, ids, numbers, China-time dates from `<input type=date|datetime-local>`, and the
//! page asked of a long list.
//! Each returns the typed value or an error naming the field, never a panic or a 500.

use crate::{
    error::{AnyField, AppError, Field, Problem},
    time_fmt::CHINA,
};
use time::{macros::format_description, Date, OffsetDateTime, PrimitiveDateTime};
use uuid::Uuid;

/// Trimmed text of at most `max` characters. Control characters (NUL included) are refused:
/// they have no business in a record a person reads, and PostgreSQL rejects NUL in `text`.
/// Line breaks are allowed only where `multiline`.
pub fn text(
    value: &str,
    field: impl Into<AnyField>,
    max: u16,
    required: bool,
    multiline: bool,
) -> Result<String, AppError> {
    let field: AnyField = field.into();
    let t = value.trim();
    if required && t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    let allowed = |c: char| multiline && (c == '\n' || c == '\r' || c == '\t');
    if t.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(AppError::invalid(field, Problem::Invalid));
    }
    if t.chars().count() > max as usize {
        return Err(AppError::invalid(field, Problem::TooLong { max }));
    }
    Ok(t.to_owned())
}

/// A one-line text field.
pub fn line(
    value: &str,
    field: impl Into<AnyField>,
    max: u16,
    required: bool,
) -> Result<String, AppError> {
    let field: AnyField = field.into();
    text(value, field, max, required, false)
}

/// A UUID form value (a hidden id, a chosen person).
pub fn uuid(value: &str, field: impl Into<AnyField>) -> Result<Uuid, AppError> {
    let field: AnyField = field.into();
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    Uuid::parse_str(t).map_err(|_| AppError::invalid(field, Problem::Invalid))
}

/// An optional UUID (an empty filter means "all").
pub fn optional_uuid(value: &str, field: impl Into<AnyField>) -> Result<Option<Uuid>, AppError> {
    let field: AnyField = field.into();
    if value.trim().is_empty() {
        Ok(None)
    } else {
        uuid(value, field).map(Some)
    }
}

/// A finite decimal number (refuses "abc", "NaN", "inf", 1e309).
pub fn number(value: &str, field: impl Into<AnyField>) -> Result<f64, AppError> {
    let field: AnyField = field.into();
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(AppError::invalid(field, Problem::Invalid)),
    }
}

/// A whole number within `range`.
pub fn whole(
    value: &str,
    field: impl Into<AnyField>,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, AppError> {
    let field: AnyField = field.into();
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    match t.parse::<u32>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(AppError::invalid(field, Problem::Invalid)),
    }
}

/// Years no date typed into a form lies outside (a filter's, a record's, a plan's): anything
/// else is a typo or a probe (9999-12-31), refused as no valid date. Each field that keeps a
/// date bounds it more closely (`date_within`).
pub const YEARS_TYPED: std::ops::RangeInclusive<i32> = 1950..=2199;

/// How far ahead a deadline or a due date a person types may lie: a hazard's rectification
/// deadline, a detector's calibration due date. Further is a typo (2062 for 2026), not a plan.
pub const DEADLINE_YEARS_AHEAD: i32 = 2;

/// How far back a person may date something already done (a 重大 hazard's report to the
/// regulator): the same two years a late-recorded training session may go back.
pub const RECORD_YEARS_BACK: i32 = 2;

/// How far ahead a confined-space permit may be planned: a permit is written for work about to
/// be done, and a start months away is a mistyped month.
pub const PERMIT_PLAN_DAYS_AHEAD: i64 = 92;

/// `<input type=datetime-local>` gives China local time without an offset.
pub fn local_datetime(value: &str, field: impl Into<AnyField>) -> Result<OffsetDateTime, AppError> {
    let field: AnyField = field.into();
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    let with_seconds = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let without = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    PrimitiveDateTime::parse(t, without)
        .or_else(|_| PrimitiveDateTime::parse(t, with_seconds))
        .ok()
        .filter(|dt| YEARS_TYPED.contains(&dt.year()))
        .map(|dt| dt.assume_offset(CHINA))
        .ok_or(AppError::invalid(field, Problem::Invalid))
}

/// A date given as `YYYY-MM-DD`, in `YEARS_TYPED`.
pub fn date(value: &str, field: impl Into<AnyField>) -> Result<Date, AppError> {
    let field: AnyField = field.into();
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    Date::parse(t, format_description!("[year]-[month]-[day]"))
        .ok()
        .filter(|d| YEARS_TYPED.contains(&d.year()))
        .ok_or(AppError::invalid(field, Problem::Invalid))
}

/// `day` moved by whole years; 29 February becomes the 28th in a common year.
pub fn years_from(day: Date, years: i32) -> Date {
    let year = day.year() + years;
    Date::from_calendar_date(year, day.month(), day.day())
        .or_else(|_| Date::from_calendar_date(year, day.month(), day.day() - 1))
        .unwrap_or(day)
}

/// `day` if it lies from `earliest` to `latest` (both included), else an error naming the
/// field and the bound it crossed, in words a person understands ("不能晚于 2028-12-06").
pub fn date_within(
    day: Date,
    field: impl Into<AnyField>,
    earliest: Date,
    latest: Date,
) -> Result<Date, AppError> {
    let field: AnyField = field.into();
    if day < earliest {
        return Err(AppError::invalid(field, Problem::NotBefore { earliest }));
    }
    if day > latest {
        return Err(AppError::invalid(field, Problem::NotAfter { latest }));
    }
    Ok(day)
}

/// A deadline or due date: not before `today` (it would already be missed: `InPast`), at most
/// `DEADLINE_YEARS_AHEAD` years after it.
pub fn deadline(day: Date, field: impl Into<AnyField>, today: Date) -> Result<Date, AppError> {
    let field: AnyField = field.into();
    if day < today {
        return Err(AppError::invalid(field, Problem::InPast));
    }
    date_within(day, field, today, years_from(today, DEADLINE_YEARS_AHEAD))
}

/// The day something was done: not after `today`, at most `RECORD_YEARS_BACK` years before it.
pub fn day_done(day: Date, field: impl Into<AnyField>, today: Date) -> Result<Date, AppError> {
    let field: AnyField = field.into();
    date_within(day, field, years_from(today, -RECORD_YEARS_BACK), today)
}

/// The end of a China-time day given as `YYYY-MM-DD` (validity "until" that day).
pub fn end_of_day(value: &str, field: impl Into<AnyField>) -> Result<OffsetDateTime, AppError> {
    let field: AnyField = field.into();
    date(value, field)?
        .next_day()
        .map(|d| d.midnight().assume_offset(CHINA))
        .ok_or(AppError::invalid(field, Problem::Invalid))
}

/// A checkbox: present (any value) when ticked.
pub fn ticked(value: &Option<String>) -> bool {
    value.is_some()
}

/// Rows on a page of a long list.
pub const PAGE_SIZE: usize = 50;

/// Page `asked` (`1`…; empty: the first; past the last: the last) of `rows`: the page shown,
/// the number of pages and the page's rows.
pub fn page_of<T>(rows: Vec<T>, asked: &str) -> Result<(u32, u32, Vec<T>), AppError> {
    let asked = match asked.trim() {
        "" => 1,
        p => p
            .parse::<u32>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or(AppError::invalid(Field::Page, Problem::Invalid))?,
    };
    let pages = rows.len().div_ceil(PAGE_SIZE).max(1) as u32;
    let page = asked.min(pages);
    let start = (page as usize - 1) * PAGE_SIZE;
    let rows = rows.into_iter().skip(start).take(PAGE_SIZE).collect();
    Ok((page, pages, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Field;
    use crate::hazards::HazardField;
    use crate::operations::OperationField;

    fn invalid(field: impl Into<AnyField>) -> AppError {
        let field: AnyField = field.into();
        AppError::invalid(field, Problem::Invalid)
    }

    #[test]
    fn text_is_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(line("  清淤 ", Field::Reason, 10, true).unwrap(), "清淤");
        assert_eq!(
            line(" ", Field::Reason, 10, true),
            Err(AppError::invalid(Field::Reason, Problem::Required))
        );
        assert_eq!(line("", Field::Reason, 10, false).unwrap(), "");
        assert_eq!(
            line("清淤作业\0", Field::Reason, 10, true),
            Err(invalid(Field::Reason))
        );
        assert_eq!(
            line("a\nb", Field::Reason, 10, true),
            Err(invalid(Field::Reason))
        );
        assert_eq!(text("a\nb", Field::Reason, 10, true, true).unwrap(), "a\nb");
        assert_eq!(
            line(&"长".repeat(11), Field::Reason, 10, true),
            Err(AppError::invalid(
                Field::Reason,
                Problem::TooLong { max: 10 }
            ))
        );
        // Emoji and HTML are text like any other.
        assert_eq!(
            line("<b>🙂</b>", Field::Reason, 10, true).unwrap(),
            "<b>🙂</b>"
        );
    }

    #[test]
    fn numbers_are_finite_and_whole_numbers_in_range() {
        assert_eq!(number(" 20.9 ", OperationField::Gases).unwrap(), 20.9);
        for bad in ["abc", "NaN", "inf", "1e309", "-inf"] {
            assert_eq!(
                number(bad, OperationField::Gases),
                Err(invalid(OperationField::Gases)),
                "{bad}"
            );
        }
        assert_eq!(whole("30", OperationField::Policy, 5..=120).unwrap(), 30);
        for bad in ["-5", "4", "121", "abc", "1.5"] {
            assert_eq!(
                whole(bad, OperationField::Policy, 5..=120),
                Err(invalid(OperationField::Policy)),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_are_china_time() {
        let t = local_datetime("2026-03-01T08:30", OperationField::PlannedStart).unwrap();
        assert_eq!(t.offset(), CHINA);
        assert_eq!(t.hour(), 8);
        assert!(local_datetime("2026-03-01T08:30:15", OperationField::PlannedStart).is_ok());
        assert_eq!(
            local_datetime("tomorrow", OperationField::PlannedStart),
            Err(invalid(OperationField::PlannedStart))
        );
        let end = end_of_day("2026-03-01", OperationField::ValidUntil).unwrap();
        assert_eq!((end.day(), end.hour(), end.offset()), (2, 0, CHINA));
        assert_eq!(
            date("2026-02-30", OperationField::CalibrationDue),
            Err(invalid(OperationField::CalibrationDue))
        );
    }

    fn day(text: &str) -> Date {
        date(text, HazardField::Deadline).unwrap()
    }

    /// Every typed date lies in `YEARS_TYPED`: 9999-12-31 is no date anyone means.
    #[test]
    fn typed_dates_lie_in_the_years_anyone_means() {
        for bad in ["9999-12-31", "2200-01-01", "1949-12-31", "0001-01-01"] {
            assert_eq!(
                date(bad, HazardField::Deadline),
                Err(invalid(HazardField::Deadline)),
                "{bad}"
            );
        }
        assert_eq!(day("2199-12-31").year(), 2199);
        assert_eq!(day("1950-01-01").year(), 1950);
        assert_eq!(
            local_datetime("9999-12-31T23:59", OperationField::PlannedEnd),
            Err(invalid(OperationField::PlannedEnd))
        );
    }

    /// A deadline: today is the earliest, two years on the latest, each boundary included.
    #[test]
    fn a_deadline_lies_from_today_to_two_years_ahead() {
        let today = day("2026-12-06");
        let f = HazardField::Deadline;
        assert_eq!(deadline(today, f, today), Ok(today));
        assert_eq!(
            deadline(day("2026-12-05"), f, today),
            Err(AppError::invalid(f, Problem::InPast))
        );
        assert_eq!(deadline(day("2028-12-06"), f, today), Ok(day("2028-12-06")));
        let latest = day("2028-12-06");
        assert_eq!(
            deadline(day("2028-12-07"), f, today),
            Err(AppError::invalid(f, Problem::NotAfter { latest }))
        );
        assert_eq!(
            deadline(day("2199-12-31"), f, today),
            Err(AppError::invalid(f, Problem::NotAfter { latest }))
        );
        // From 29 February, two years on is the 28th.
        let leap = day("2028-02-29");
        assert_eq!(years_from(leap, 2), day("2030-02-28"));
        assert!(deadline(day("2030-02-28"), f, leap).is_ok());
        assert!(deadline(day("2030-03-01"), f, leap).is_err());
    }

    /// A day something was done: up to today, back two years.
    #[test]
    fn a_day_done_lies_from_two_years_back_to_today() {
        let today = day("2026-12-06");
        let f = HazardField::ReportedOn;
        assert_eq!(day_done(today, f, today), Ok(today));
        let tomorrow = day("2026-12-07");
        assert_eq!(
            day_done(tomorrow, f, today),
            Err(AppError::invalid(f, Problem::NotAfter { latest: today }))
        );
        let earliest = day("2024-12-06");
        assert_eq!(day_done(earliest, f, today), Ok(earliest));
        assert_eq!(
            day_done(day("2024-12-05"), f, today),
            Err(AppError::invalid(f, Problem::NotBefore { earliest }))
        );
    }

    #[test]
    fn ids_are_required_and_checked() {
        assert!(uuid(&Uuid::now_v7().to_string(), Field::User).is_ok());
        assert_eq!(uuid("12", Field::User), Err(invalid(Field::User)));
        assert_eq!(optional_uuid(" ", Field::User), Ok(None));
    }

    #[test]
    fn a_list_shows_fifty_a_page_and_a_page_past_the_last_shows_the_last() {
        let list_of = |n: usize| (0..n).map(|i| format!("企业{i}")).collect::<Vec<_>>();
        let page = |n: usize, p: &str| {
            let (page, pages, rows) = page_of(list_of(n), p).unwrap();
            (page, pages, rows.len(), rows.first().cloned())
        };
        assert_eq!(page(0, ""), (1, 1, 0, None));
        assert_eq!(page(50, ""), (1, 1, 50, Some("企业0".into())));
        assert_eq!(page(51, "2"), (2, 2, 1, Some("企业50".into())));
        assert_eq!(page(120, " 3 "), (3, 3, 20, Some("企业100".into())));
        assert_eq!(page(120, "9"), (3, 3, 20, Some("企业100".into())));
        for bad in ["0", "-1", "x", "1.5", "99999999999"] {
            let err = page_of(list_of(120), bad).unwrap_err();
            assert_eq!(
                err,
                AppError::invalid(Field::Page, Problem::Invalid),
                "{bad}"
            );
        }
    }
}
