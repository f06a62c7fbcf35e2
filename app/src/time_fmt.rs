//! Times as people on a Chinese shop floor read them: China Standard Time (UTC+8, no DST).

use time::{macros::format_description, OffsetDateTime, UtcOffset};

pub const CHINA: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(offset) => offset,
    Err(_) => UtcOffset::UTC,
};

/// The calendar day in China at `now`: a hazard's deadline day, a patrol round's day.
pub fn china_day(now: OffsetDateTime) -> time::Date {
    now.to_offset(CHINA).date()
}

/// `2026-11-29 21:05` in China Standard Time.
pub fn local_minutes(at: OffsetDateTime) -> String {
    at.to_offset(CHINA)
        .format(format_description!("[year]-[month]-[day] [hour]:[minute]"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn shows_beijing_time() {
        let t = time::macros::datetime!(2026-11-29 13:05 UTC);
        assert_eq!(super::local_minutes(t), "2026-11-29 21:05");
    }
}
