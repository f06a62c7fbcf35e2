//! How long a recorded training counts.

use time::Date;

/// 有限空间专题培训 at least once a year: "每年至少组织一次有限空间作业专题安全培训"
/// (工贸企业有限空间作业安全规定, 应急管理部令第13号; research §A1 #10). A confined-space
/// qualification is therefore valid at most 12 months from the day it is recorded.
pub const CONFINED_SPACE_VALID_MONTHS: u8 = 12;

/// The last day a qualification recorded on `day` may run to: the same day a year later (the
/// 28th of February for a 29th).
pub fn confined_space_last_day(day: Date) -> Date {
    let year = day.year() + i32::from(CONFINED_SPACE_VALID_MONTHS / 12);
    Date::from_calendar_date(year, day.month(), day.day())
        .or_else(|_| Date::from_calendar_date(year, day.month(), day.day() - 1))
        .unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_confined_space_training_counts_for_twelve_months() {
        assert_eq!(
            confined_space_last_day(date!(2026 - 11 - 30)),
            date!(2027 - 11 - 30)
        );
        assert_eq!(
            confined_space_last_day(date!(2028 - 02 - 29)),
            date!(2029 - 02 - 28)
        );
    }
}
