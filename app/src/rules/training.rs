//! Training rules: how long a recorded training counts, how many hours a session credits, and
//! the time steps of the rotating sign-in QR. Who is cleared for work (未经培训合格不得上岗)
//! is in `rules::clearance`.

use time::{Date, Duration, OffsetDateTime};

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

/// The rotating sign-in QR changes every 30 seconds, so a photo of it forwarded a minute
/// later no longer signs anyone in (issue 9 §2; our policy, not a regulation). Tests and the
/// browser tests may shorten it with `ANXUN_TRAINING_QR_STEP_SECONDS`.
pub const QR_STEP_SECONDS: i64 = 30;

/// The code of the current step and of the one before are accepted: a worker who scans just
/// before the code changes still gets in; a code two steps old is refused.
pub const QR_ACCEPTED_STEPS: i64 = 2;

/// The time step of `at` (whole steps since the Unix epoch).
pub fn qr_step(at: OffsetDateTime, step_seconds: i64) -> i64 {
    at.unix_timestamp().div_euclid(step_seconds.max(1))
}

/// Credited hours (学时), in half hours. Our policy (issue 9 §2): a person present for the
/// whole session gets its full hours; anyone else the time they were present inside the
/// session, rounded down to the half hour, never more than the full hours. A missing
/// sign-out counts as present to the end (the trainer confirms the roster, and may override).
pub fn credited_half_hours(
    full_half_hours: i32,
    session: (OffsetDateTime, OffsetDateTime),
    signed_in: OffsetDateTime,
    signed_out: Option<OffsetDateTime>,
) -> i32 {
    let (start, end) = session;
    let from = signed_in.max(start);
    let to = signed_out.unwrap_or(end).min(end);
    if from <= start && to >= end {
        return full_half_hours;
    }
    if to <= from {
        return 0;
    }
    let halves = (to - from).whole_minutes() / 30;
    i32::try_from(halves)
        .unwrap_or(i32::MAX)
        .min(full_half_hours)
}

/// The hours a person's attendance counts: the trainer's override (recorded with its reason)
/// when there is one, otherwise `credited_half_hours`.
pub fn recorded_half_hours(
    full_half_hours: i32,
    session: (OffsetDateTime, OffsetDateTime),
    signed_in: OffsetDateTime,
    signed_out: Option<OffsetDateTime>,
    override_half_hours: Option<i32>,
) -> i32 {
    override_half_hours
        .unwrap_or_else(|| credited_half_hours(full_half_hours, session, signed_in, signed_out))
}

/// Late (signed in after the start) or left early (signed out before the end): flagged on
/// the roster and the sign-in sheet.
pub fn late(start: OffsetDateTime, signed_in: OffsetDateTime) -> bool {
    signed_in > start
}

pub fn left_early(end: OffsetDateTime, signed_out: Option<OffsetDateTime>) -> bool {
    signed_out.is_some_and(|out| out < end)
}

/// How long after its end a session still takes sign-ins and sign-outs by scan (people
/// linger to sign out; a later scan is not presence). Our policy.
pub const SCAN_GRACE: Duration = Duration::minutes(30);

/// How early before its start a session takes sign-ins by scan. Our policy.
pub const EARLY_SIGN_IN: Duration = Duration::minutes(30);

/// A scan made without signal and brought by the offline outbox counts only when it reaches
/// the server at most this long after the session's end (issue 20 §4; our policy, not a
/// regulation). The scan's own time is the phone's word; its arrival is what the server saw,
/// and 30 minutes is the grace the session already gives a scan made online (`SCAN_GRACE`):
/// a worker who scanned in a basement without signal is back in coverage by then, while a
/// forwarded photo of the projector replayed the next day is not presence.
pub const OFFLINE_SIGN_IN_ARRIVAL: Duration = Duration::minutes(30);

/// Whether an offline sign-in that arrived at `arrived` still counts for a session ending at
/// `ends_at` (the end plus `OFFLINE_SIGN_IN_ARRIVAL`, inclusive).
pub fn offline_sign_in_arrived_in_time(arrived: OffsetDateTime, ends_at: OffsetDateTime) -> bool {
    arrived <= ends_at + OFFLINE_SIGN_IN_ARRIVAL
}

/// 补录 (back-entry): a session's records written more than this long after its end need a
/// second person's confirmation before they count for hours and clearance (issue 20 §5). Our
/// policy: 生产经营单位安全培训规定 (3号令) 第二十二条 asks for a training file recording the
/// time, content, people and results "详细、准确", without a deadline; a week covers a roster
/// filled in after a busy shift or a holiday, while a session entered weeks later is a record
/// nobody witnessed and another person vouches for.
pub const BACK_ENTRY_AFTER: Duration = Duration::days(7);

/// Whether a write at `at` on a session that ended at `ends_at` is a back-entry.
pub fn is_back_entry(ends_at: OffsetDateTime, at: OffsetDateTime) -> bool {
    at - ends_at > BACK_ENTRY_AFTER
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

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

    #[test]
    fn hours_are_full_when_present_throughout_otherwise_time_present_rounded_down() {
        let start = datetime!(2026-12-01 09:00 +8);
        let end = datetime!(2026-12-01 11:00 +8);
        let s = (start, end);
        // On time, signed out at the end or later, or never: the full 2 hours.
        assert_eq!(credited_half_hours(4, s, start, Some(end)), 4);
        assert_eq!(
            credited_half_hours(4, s, start - Duration::minutes(20), None),
            4
        );
        // Late by one minute: 119 minutes present, 3 half hours.
        assert_eq!(
            credited_half_hours(4, s, start + Duration::minutes(1), Some(end)),
            3
        );
        assert!(late(start, start + Duration::minutes(1)));
        assert!(!late(start, start));
        // Left 40 minutes early: 80 minutes, 2 half hours.
        let out = end - Duration::minutes(40);
        assert_eq!(credited_half_hours(4, s, start, Some(out)), 2);
        assert!(left_early(end, Some(out)));
        assert!(!left_early(end, None));
        // Signed in after the end: nothing.
        assert_eq!(
            credited_half_hours(4, s, end + Duration::minutes(5), None),
            0
        );
        // A session crediting less than its length never credits more than its hours.
        assert_eq!(
            credited_half_hours(2, s, start + Duration::minutes(1), None),
            2
        );
    }

    #[test]
    fn qr_steps_are_whole_periods_of_the_clock() {
        let t = datetime!(2026-12-01 09:00:00 UTC);
        assert_eq!(qr_step(t, 30) + 1, qr_step(t + Duration::seconds(30), 30));
        assert_eq!(qr_step(t, 30), qr_step(t + Duration::seconds(29), 30));
    }

    #[test]
    fn an_offline_sign_in_counts_when_it_arrives_within_30_minutes_of_the_end() {
        let end = datetime!(2026-12-01 11:00 +8);
        assert!(offline_sign_in_arrived_in_time(
            end - Duration::hours(1),
            end
        ));
        assert!(offline_sign_in_arrived_in_time(
            end + Duration::minutes(30),
            end
        ));
        assert!(!offline_sign_in_arrived_in_time(
            end + Duration::minutes(30) + Duration::seconds(1),
            end
        ));
        assert!(!offline_sign_in_arrived_in_time(
            end + Duration::hours(23),
            end
        ));
    }

    #[test]
    fn a_write_more_than_seven_days_after_the_end_is_a_back_entry() {
        let end = datetime!(2026-12-01 11:00 +8);
        assert!(!is_back_entry(end, end - Duration::days(1)));
        assert!(!is_back_entry(end, end + Duration::days(7)));
        assert!(is_back_entry(
            end,
            end + Duration::days(7) + Duration::seconds(1)
        ));
    }
}
