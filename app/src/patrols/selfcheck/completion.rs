//! The patrol completion rate over a period (issue 8 part 7): of the expected rounds whose
//! window has ended by `now`, how many were done or late. The rounds and their states are
//! those of the board (`patrols::rounds`), computed day by day; nothing is re-derived here.

use super::Completion;
use crate::patrols::{
    rounds::{self, ScheduleSpec, Submission},
    RoundState,
};
use time::{Date, Duration, OffsetDateTime};

/// The span of time whose submissions can decide the rounds of `from..=to`.
pub fn span(
    schedules: &[ScheduleSpec],
    from: Date,
    to: Date,
) -> Option<(OffsetDateTime, OffsetDateTime)> {
    days(from, to)
        .filter_map(|d| rounds::span(schedules, d))
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
}

fn days(from: Date, to: Date) -> impl Iterator<Item = Date> {
    let n = (to - from).whole_days().max(-1);
    (0..=n).map(move |k| from + Duration::days(k))
}

/// Counts the rounds of every day `from..=to` (China days) whose window ended by `now`.
/// `submissions` are sorted by time (as `record_db::submissions` returns them). A round still
/// open or to come is not counted, whatever its state: it has not been missed yet.
pub fn completion(
    schedules: &[ScheduleSpec],
    submissions: &[Submission],
    from: Date,
    to: Date,
    now: OffsetDateTime,
    upload_bound: Duration,
) -> Completion {
    let mut out = Completion::default();
    for day in days(from, to) {
        let Some((lo, hi)) = rounds::span(schedules, day) else {
            continue;
        };
        // Only the submissions that can decide this day's rounds.
        let a = submissions.partition_point(|s| s.at < lo);
        let b = submissions.partition_point(|s| s.at < hi);
        for round in rounds::rounds(schedules, &submissions[a..b], day, now, upload_bound) {
            if round.ends_at > now {
                continue;
            }
            match round.state {
                RoundState::Done => out.done += 1,
                RoundState::Late => out.late += 1,
                RoundState::LateUpload => out.late_upload += 1,
                RoundState::Missed => out.missed += 1,
                RoundState::Pending => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patrols::Frequency;
    use time::macros::{date, datetime, time};
    use uuid::Uuid;

    const B: Duration = Duration::hours(24);

    #[test]
    fn a_round_brought_late_by_the_outbox_is_counted_apart() {
        let s = [daily()];
        let made = datetime!(2026-12-01 09:00 +8);
        let brought = |hours| Submission {
            uploaded: Some(made + Duration::hours(hours)),
            ..at(made)
        };
        let now = datetime!(2026-12-04 12:00 +8);
        let day = date!(2026 - 12 - 01);
        let c = completion(&s, &[brought(30)], day, day, now, B);
        assert_eq!((c.done, c.late_upload, c.expected()), (0, 1, 1));
        let c = completion(&s, &[brought(2)], day, day, now, B);
        assert_eq!((c.done, c.late_upload), (1, 0));
    }

    fn daily() -> ScheduleSpec {
        ScheduleSpec {
            id: Uuid::nil(),
            frequency: Frequency::Daily,
            window_start: time!(08:00),
            window_end: time!(10:00),
            shifts_per_day: 1,
            weekday: None,
            month_day: None,
            points: vec![Uuid::from_u128(1)],
            since: datetime!(2000-01-01 0:00 UTC),
            until: None,
        }
    }

    fn at(t: OffsetDateTime) -> Submission {
        Submission {
            point_id: Uuid::from_u128(1),
            at: t,
            uploaded: None,
            by: "张三".into(),
        }
    }

    #[test]
    fn only_ended_windows_count_and_late_is_done_late() {
        let s = [daily()];
        let subs = [
            at(datetime!(2026-12-01 09:59:59 +8)), // the 1st: done, its last second
            at(datetime!(2026-12-02 10:00:00 +8)), // the 2nd: late, the end itself
            at(datetime!(2026-12-04 09:00 +8)),    // the 4th: done but still open at `now`
        ];
        // The 3rd is missed; the 4th's window is open at `now`: not counted.
        let now = datetime!(2026-12-04 09:30 +8);
        let c = completion(
            &s,
            &subs,
            date!(2026 - 12 - 01),
            date!(2026 - 12 - 04),
            now,
            B,
        );
        assert_eq!(
            c,
            Completion {
                done: 1,
                late: 1,
                late_upload: 0,
                missed: 1
            }
        );
        assert_eq!(c.percent(), Some(67));
        // One second after the 4th's window ends it counts (done).
        let later = datetime!(2026-12-04 10:00 +8);
        let c = completion(
            &s,
            &subs,
            date!(2026 - 12 - 01),
            date!(2026 - 12 - 04),
            later,
            B,
        );
        assert_eq!((c.done, c.expected()), (2, 4));
    }

    #[test]
    fn nothing_expected_has_no_rate() {
        let now = datetime!(2026-12-01 07:00 +8);
        let c = completion(
            &[daily()],
            &[],
            date!(2026 - 12 - 01),
            date!(2026 - 12 - 01),
            now,
            B,
        );
        assert_eq!((c.expected(), c.percent()), (0, None));
        assert_eq!(
            span(&[], date!(2026 - 12 - 01), date!(2026 - 12 - 07)),
            None
        );
    }
}
