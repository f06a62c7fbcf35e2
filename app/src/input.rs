//! Input helpers every form's `validate()` uses: trimmed, bounded text without control
//! characters, ids, numbers, and China-time dates from `<input type=date|datetime-local>`.
//! Each returns the typed value or an error naming the field, never a panic or a 500.

use crate::{
    error::{AppError, Field, Problem},
    time_fmt::CHINA,
};
use time::{macros::format_description, Date, OffsetDateTime, PrimitiveDateTime};
use uuid::Uuid;

/// Trimmed text of at most `max` characters. Control characters (NUL included) are refused:
/// they have no business in a record a person reads, and PostgreSQL rejects NUL in `text`.
/// Line breaks are allowed only where `multiline`.
pub fn text(
    value: &str,
    field: Field,
    max: u16,
    required: bool,
    multiline: bool,
) -> Result<String, AppError> {
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
pub fn line(value: &str, field: Field, max: u16, required: bool) -> Result<String, AppError> {
    text(value, field, max, required, false)
}

/// A UUID form value (a hidden id, a chosen person).
pub fn uuid(value: &str, field: Field) -> Result<Uuid, AppError> {
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    Uuid::parse_str(t).map_err(|_| AppError::invalid(field, Problem::Invalid))
}

/// An optional UUID (an empty filter means "all").
pub fn optional_uuid(value: &str, field: Field) -> Result<Option<Uuid>, AppError> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        uuid(value, field).map(Some)
    }
}

/// A finite decimal number (refuses "abc", "NaN", "inf", 1e309).
pub fn number(value: &str, field: Field) -> Result<f64, AppError> {
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
    field: Field,
    range: std::ops::RangeInclusive<u32>,
) -> Result<u32, AppError> {
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    match t.parse::<u32>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(AppError::invalid(field, Problem::Invalid)),
    }
}

/// `<input type=datetime-local>` gives China local time without an offset.
pub fn local_datetime(value: &str, field: Field) -> Result<OffsetDateTime, AppError> {
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    let with_seconds = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let without = format_description!("[year]-[month]-[day]T[hour]:[minute]");
    PrimitiveDateTime::parse(t, without)
        .or_else(|_| PrimitiveDateTime::parse(t, with_seconds))
        .map(|dt| dt.assume_offset(CHINA))
        .map_err(|_| AppError::invalid(field, Problem::Invalid))
}

/// A date given as `YYYY-MM-DD`.
pub fn date(value: &str, field: Field) -> Result<Date, AppError> {
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    Date::parse(t, format_description!("[year]-[month]-[day]"))
        .map_err(|_| AppError::invalid(field, Problem::Invalid))
}

/// The end of a China-time day given as `YYYY-MM-DD` (validity "until" that day).
pub fn end_of_day(value: &str, field: Field) -> Result<OffsetDateTime, AppError> {
    date(value, field)?
        .next_day()
        .map(|d| d.midnight().assume_offset(CHINA))
        .ok_or(AppError::invalid(field, Problem::Invalid))
}

/// A checkbox: present (any value) when ticked.
pub fn ticked(value: &Option<String>) -> bool {
    value.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid(field: Field) -> AppError {
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
        assert_eq!(number(" 20.9 ", Field::Gases).unwrap(), 20.9);
        for bad in ["abc", "NaN", "inf", "1e309", "-inf"] {
            assert_eq!(
                number(bad, Field::Gases),
                Err(invalid(Field::Gases)),
                "{bad}"
            );
        }
        assert_eq!(whole("30", Field::Policy, 5..=120).unwrap(), 30);
        for bad in ["-5", "4", "121", "abc", "1.5"] {
            assert_eq!(
                whole(bad, Field::Policy, 5..=120),
                Err(invalid(Field::Policy)),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_are_china_time() {
        let t = local_datetime("2026-03-01T08:30", Field::PlannedStart).unwrap();
        assert_eq!(t.offset(), CHINA);
        assert_eq!(t.hour(), 8);
        assert!(local_datetime("2026-03-01T08:30:15", Field::PlannedStart).is_ok());
        assert_eq!(
            local_datetime("tomorrow", Field::PlannedStart),
            Err(invalid(Field::PlannedStart))
        );
        let end = end_of_day("2026-03-01", Field::ValidUntil).unwrap();
        assert_eq!((end.day(), end.hour(), end.offset()), (2, 0, CHINA));
        assert_eq!(
            date("2026-02-30", Field::CalibrationDue),
            Err(invalid(Field::CalibrationDue))
        );
    }

    #[test]
    fn ids_are_required_and_checked() {
        assert!(uuid(&Uuid::now_v7().to_string(), Field::User).is_ok());
        assert_eq!(uuid("12", Field::User), Err(invalid(Field::User)));
        assert_eq!(optional_uuid(" ", Field::User), Ok(None));
    }
}
