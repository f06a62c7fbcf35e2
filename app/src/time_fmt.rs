//! Times as people on a Chinese shop floor read them: China Standard Time (UTC+8, no DST),
//! and every unit and duration a page shows (minutes, 学时, scores) in the reader's language.
//! Pages write units only through this module, so a Chinese page never says "4 min".

use crate::i18n::*;
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

/// A time window, China time: "08:00–10:00"; one crossing midnight carries its dates,
/// "11-29 23:35–11-30 02:35", so the night's round is not mistaken for tonight's.
pub fn window(start: OffsetDateTime, end: OffsetDateTime) -> String {
    let (start, end) = (start.to_offset(CHINA), end.to_offset(CHINA));
    let clock = format_description!("[hour]:[minute]");
    let dated = format_description!("[month]-[day] [hour]:[minute]");
    // Ending at midnight sharp ("22:00–00:00") reads as the same evening.
    let crosses = end.date() != start.date() && end.time() != time::Time::MIDNIGHT;
    let format = if crosses { dated } else { clock };
    format!(
        "{}–{}",
        start.format(format).unwrap_or_default(),
        end.format(format).unwrap_or_default()
    )
}

/// A record's time when the outbox brought it later than it was made: "手机记录 09:12 · 上传
/// 10:40" (both China time, as the record shows times). The record shows only `phone` when
/// the two are the same minute.
pub fn both_times(locale: crate::i18n::Locale, phone: &str, uploaded: &str) -> String {
    if phone == uploaded {
        return phone.to_owned();
    }
    td_string!(locale, delivery.times_phone, phone, uploaded).to_string()
}

/// A duration in whole minutes: "4 分钟" / "4 min".
pub fn minutes(locale: Locale, n: i64) -> String {
    td_string!(locale, units.minutes, n).to_string()
}

/// How long ago, in whole minutes: "刚刚" / "4 分钟前" ("just now" / "4 min ago").
pub fn minutes_ago(locale: Locale, n: i64) -> String {
    if n <= 0 {
        td_string!(locale, units.just_now).to_string()
    } else {
        td_string!(locale, units.minutes_ago, n).to_string()
    }
}

/// `minutes_ago`'s words with `{n}` left in, for a script that counts the age on (a kept page).
pub fn minutes_ago_template(locale: Locale) -> String {
    let n = "{n}";
    td_string!(locale, units.minutes_ago, n).to_string()
}

/// Half hours as a bare number of hours, for a cell whose heading names the unit: "24", "23.5".
pub fn half_hours_number(half_hours: i32) -> String {
    if half_hours % 2 == 0 {
        (half_hours / 2).to_string()
    } else {
        format!("{}.5", half_hours / 2)
    }
}

/// Half hours as credited training hours with their unit: "1.5 学时" / "1.5 h".
pub fn credit_hours(locale: Locale, half_hours: i32) -> String {
    let n = half_hours_number(half_hours);
    td_string!(locale, units.credit_hours, n).to_string()
}

/// A quiz score out of 100: "90 分" / "90 points".
pub fn score(locale: Locale, n: i32) -> String {
    td_string!(locale, units.score, n).to_string()
}

#[cfg(test)]
mod tests {
    use crate::i18n::Locale;

    #[test]
    fn shows_beijing_time() {
        let t = time::macros::datetime!(2026-11-29 13:05 UTC);
        assert_eq!(super::local_minutes(t), "2026-11-29 21:05");
    }

    #[test]
    fn units_are_in_the_readers_language() {
        let zh = Locale::zh_CN;
        assert_eq!(super::minutes(zh, 4), "4 分钟");
        assert_eq!(super::minutes_ago(zh, 0), "刚刚");
        assert_eq!(super::minutes_ago(zh, 12), "12 分钟前");
        assert_eq!(super::minutes_ago_template(zh), "{n} 分钟前");
        assert_eq!(super::credit_hours(zh, 3), "1.5 学时");
        assert_eq!(super::score(zh, 90), "90 分");
        let english = Locale::en;
        assert_eq!(super::minutes(english, 4), "4 min");
        assert_eq!(super::minutes_ago(english, 12), "12 min ago");
        assert_eq!(super::credit_hours(english, 16), "8 h");
        assert_eq!(super::score(english, 90), "90 points");
    }

    #[test]
    fn a_window_over_midnight_carries_its_dates() {
        use time::macros::datetime;
        assert_eq!(
            super::window(
                datetime!(2026-11-29 00:00 UTC),
                datetime!(2026-11-29 02:00 UTC)
            ),
            "08:00–10:00"
        );
        assert_eq!(
            super::window(
                datetime!(2026-11-29 15:35 UTC),
                datetime!(2026-11-29 18:35 UTC)
            ),
            "11-29 23:35–11-30 02:35"
        );
        assert_eq!(
            super::window(
                datetime!(2026-11-29 14:00 UTC),
                datetime!(2026-11-29 16:00 UTC)
            ),
            "22:00–00:00"
        );
    }

    #[test]
    fn half_hours_read_as_hours() {
        assert_eq!(super::half_hours_number(48), "24");
        assert_eq!(super::half_hours_number(47), "23.5");
        assert_eq!(super::half_hours_number(1), "0.5");
    }
}
