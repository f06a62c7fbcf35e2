//! Expected rounds and their states: a pure function of the schedules, the submitted records
//! and the clock (injected, never read here), so every edge is tested without a database.
//!
//! The rules, in one place:
//! - Windows are China time (UTC+8, no daylight saving: `time_fmt::CHINA`). A window whose
//!   end is not after its start crosses midnight and ends the next day.
//! - A day's rounds are the windows that *start* on that China-time day: daily once, each
//!   shift `shifts_per_day` times (every 24 h / n from the start), weekly on its weekday,
//!   monthly on its day of the month.
//! - A window is half-open, `[start, end)`: a record submitted at the last second before the
//!   end is done, one at the end itself is late.
//! - done: a record of the point submitted inside the window, online or brought by the outbox
//!   within the enterprise's upload bound (`PatrolPolicy`, default 24 h); late (offline): one
//!   inside the window by the phone's clock that the outbox brought later than that, so the
//!   server cannot vouch it was made then; late: none inside, one after it and before the next
//!   window of the same schedule starts; missed: the window is over and nothing counts;
//!   pending: the window is open or to come.
//! - Any record of the point counts, whoever submitted it (it shows who).

use super::{Frequency, RoundState};
use crate::time_fmt::{china_day, CHINA};
use time::{Date, Duration, Month, OffsetDateTime, Time};
use uuid::Uuid;

/// A schedule as the computation needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleSpec {
    pub id: Uuid,
    pub frequency: Frequency,
    pub window_start: Time,
    pub window_end: Time,
    pub shifts_per_day: u8,
    /// ISO weekday, 1 = Monday (weekly).
    pub weekday: Option<u8>,
    /// Day of the month, 1–28 (monthly).
    pub month_day: Option<u8>,
    pub points: Vec<Uuid>,
    /// When the schedule was made: a window that had ended by then was never expected.
    pub since: OffsetDateTime,
    /// When it was ended, if it was: a window not begun by then is not expected.
    pub until: Option<OffsetDateTime>,
}

/// A submitted record: where, when, by whom.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub point_id: Uuid,
    pub at: OffsetDateTime,
    pub by: String,
    /// When the offline outbox uploaded it, if it did (`at` is then when it was made).
    pub uploaded: Option<OffsetDateTime>,
}

/// One expected round.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub schedule_id: Uuid,
    pub point_id: Uuid,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    /// When the next window of the schedule starts: the end of "late".
    pub next_starts_at: OffsetDateTime,
    pub state: RoundState,
    /// The record that decided the state (done or late).
    pub submission: Option<Submission>,
}

/// How long a window lasts; an end not after the start crosses midnight.
pub fn window_length(start: Time, end: Time) -> Duration {
    let length = end - start;
    if length <= Duration::ZERO {
        length + Duration::DAY
    } else {
        length
    }
}

/// The same day of the next month (monthly days are 1–28, so it always exists).
fn next_month(day: Date) -> Date {
    let (year, month) = match day.month() {
        Month::December => (day.year() + 1, Month::January),
        m => (day.year(), m.next()),
    };
    Date::from_calendar_date(year, month, day.day()).unwrap_or(day)
}

/// The windows of `schedule` that start on `day`: (start, end, next start), those that overlap
/// the schedule's life. A window that ended before the schedule was made is not one (a new
/// daily schedule must not read as a week of missed rounds), nor one not begun when it was
/// ended; one open when it was made or ended is expected (its duty was running).
pub fn windows(
    schedule: &ScheduleSpec,
    day: Date,
) -> Vec<(OffsetDateTime, OffsetDateTime, OffsetDateTime)> {
    let mut all = every_window(schedule, day);
    all.retain(|w| w.1 > schedule.since && schedule.until.is_none_or(|until| w.0 < until));
    all
}

fn every_window(
    schedule: &ScheduleSpec,
    day: Date,
) -> Vec<(OffsetDateTime, OffsetDateTime, OffsetDateTime)> {
    let length = window_length(schedule.window_start, schedule.window_end);
    let first = day.with_time(schedule.window_start).assume_offset(CHINA);
    let one = |start: OffsetDateTime, next: OffsetDateTime| (start, start + length, next);
    match schedule.frequency {
        Frequency::Daily => vec![one(first, first + Duration::DAY)],
        Frequency::Shift => {
            let n = i64::from(schedule.shifts_per_day.max(1));
            let every = Duration::DAY / n as i32;
            (0..n)
                .map(|k| first + every * k as i32)
                // A shift starting after midnight belongs to the next day's list.
                .filter(|start| china_day(*start) == day)
                .map(|start| one(start, start + every))
                .collect()
        }
        Frequency::Weekly => {
            let today = day.weekday().number_from_monday();
            if schedule.weekday == Some(today) {
                vec![one(first, first + Duration::WEEK)]
            } else {
                vec![]
            }
        }
        Frequency::Monthly => {
            if schedule.month_day == Some(day.day()) {
                let next = next_month(day)
                    .with_time(schedule.window_start)
                    .assume_offset(CHINA);
                vec![one(first, next)]
            } else {
                vec![]
            }
        }
    }
}

impl Submission {
    /// How long after it was made the outbox brought it (none when made online).
    pub fn upload_delay(&self) -> Option<Duration> {
        self.uploaded.map(|up| up - self.at)
    }

    /// Online, or brought by the outbox within `bound` of its making.
    fn in_time(&self, bound: Duration) -> bool {
        self.upload_delay().is_none_or(|delay| delay <= bound)
    }
}

/// The state of one window given the point's submissions, the time now and how long after
/// its making an outbox submission may arrive and still count as done (`upload_bound`).
pub fn state(
    (start, end, next): (OffsetDateTime, OffsetDateTime, OffsetDateTime),
    submissions: &[&Submission],
    now: OffsetDateTime,
    upload_bound: Duration,
) -> (RoundState, Option<Submission>) {
    let first_in = |from: OffsetDateTime, to: OffsetDateTime, in_time_only: bool| {
        submissions
            .iter()
            .filter(|s| s.at >= from && s.at < to && s.at <= now)
            .filter(|s| !in_time_only || s.in_time(upload_bound))
            .min_by_key(|s| s.at)
            .map(|s| (*s).clone())
    };
    if let Some(s) = first_in(start, end, true) {
        return (RoundState::Done, Some(s));
    }
    if let Some(s) = first_in(start, end, false) {
        return (RoundState::LateUpload, Some(s));
    }
    if let Some(s) = first_in(end, next, false) {
        return (RoundState::Late, Some(s));
    }
    if now >= end {
        (RoundState::Missed, None)
    } else {
        (RoundState::Pending, None)
    }
}

/// Every expected round of `day` (China time), in window then schedule order.
pub fn rounds(
    schedules: &[ScheduleSpec],
    submissions: &[Submission],
    day: Date,
    now: OffsetDateTime,
    upload_bound: Duration,
) -> Vec<Round> {
    let mut out = Vec::new();
    for schedule in schedules {
        for window in windows(schedule, day) {
            for point_id in &schedule.points {
                let at_point: Vec<&Submission> = submissions
                    .iter()
                    .filter(|s| s.point_id == *point_id)
                    .collect();
                let (state, submission) = state(window, &at_point, now, upload_bound);
                out.push(Round {
                    schedule_id: schedule.id,
                    point_id: *point_id,
                    starts_at: window.0,
                    ends_at: window.1,
                    next_starts_at: window.2,
                    state,
                    submission,
                });
            }
        }
    }
    out.sort_by_key(|r| r.starts_at);
    out
}

/// The span of time whose submissions can decide `day`'s rounds.
pub fn span(schedules: &[ScheduleSpec], day: Date) -> Option<(OffsetDateTime, OffsetDateTime)> {
    let all: Vec<_> = schedules.iter().flat_map(|s| windows(s, day)).collect();
    let from = all.iter().map(|w| w.0).min()?;
    let to = all.iter().map(|w| w.2).max()?;
    Some((from, to))
}

/// What a day's board shows: the rounds of the day before that still run now (a 23:00–01:00
/// window patrolled at 00:30 is seen after midnight, until 01:00), then the day's own. A
/// schedule's point is listed once: while the day before's window runs, the same point's
/// window that opens tonight is left off (shown twice, once 已完成 and once 待巡查 under the
/// same times, it read as a round still owed). Per-day counts (the completion rate) use
/// `rounds`, so no round is counted twice or dropped.
pub fn board(
    schedules: &[ScheduleSpec],
    submissions: &[Submission],
    day: Date,
    now: OffsetDateTime,
    upload_bound: Duration,
) -> Vec<Round> {
    let midnight = day.midnight().assume_offset(CHINA);
    let mut out: Vec<Round> = day
        .previous_day()
        .map(|before| rounds(schedules, submissions, before, now, upload_bound))
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.ends_at > midnight && r.ends_at > now)
        .collect();
    let running: Vec<(Uuid, Uuid)> = out.iter().map(|r| (r.schedule_id, r.point_id)).collect();
    out.extend(
        rounds(schedules, submissions, day, now, upload_bound)
            .into_iter()
            .filter(|r| r.starts_at <= now || !running.contains(&(r.schedule_id, r.point_id))),
    );
    out
}

/// The span of submissions `board` needs: the day's and the day before's.
pub fn board_span(
    schedules: &[ScheduleSpec],
    day: Date,
) -> Option<(OffsetDateTime, OffsetDateTime)> {
    let spans = [day.previous_day(), Some(day)]
        .into_iter()
        .flatten()
        .filter_map(|d| span(schedules, d));
    spans.reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, time};

    /// The default upload bound (`PatrolPolicy`).
    const B: Duration = Duration::hours(24);

    fn daily(start: Time, end: Time) -> ScheduleSpec {
        ScheduleSpec {
            id: Uuid::nil(),
            frequency: Frequency::Daily,
            window_start: start,
            window_end: end,
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

    fn one(s: &ScheduleSpec, subs: &[Submission], day: Date, now: OffsetDateTime) -> RoundState {
        let r = rounds(std::slice::from_ref(s), subs, day, now, B);
        assert_eq!(r.len(), 1);
        r[0].state
    }

    const DAY: Date = date!(2026 - 12 - 01);

    #[test]
    fn a_window_over_midnight_is_on_the_next_days_board_while_it_runs() {
        let s = daily(time!(23:00), time!(01:00));
        let done_at = datetime!(2026-12-01 00:30 +8);
        let before = DAY.previous_day().unwrap();
        // Patrolled at 00:30 in the window that opened at 23:00 the day before.
        // Listed once: the running window (done), not also tonight's under the same times.
        let board_rounds = board(std::slice::from_ref(&s), &[at(done_at)], DAY, done_at, B);
        assert_eq!(board_rounds.len(), 1);
        assert_eq!(board_rounds[0].state, RoundState::Done);
        assert_eq!(board_rounds[0].starts_at, datetime!(2026-11-30 23:00 +8));
        // The day's own list (the completion rate's) has only the window opening that day.
        assert_eq!(one(&s, &[at(done_at)], before, done_at), RoundState::Done);
        assert_eq!(one(&s, &[at(done_at)], DAY, done_at), RoundState::Pending);
        // Once it has ended, it stays on the day before's board only; tonight's is listed.
        let after = datetime!(2026-12-01 01:00 +8);
        let later = board(std::slice::from_ref(&s), &[at(done_at)], DAY, after, B);
        assert_eq!(later.len(), 1);
        assert_eq!(later[0].starts_at, datetime!(2026-12-01 23:00 +8));
        assert_eq!(later[0].state, RoundState::Pending);
        // Another schedule's round opening tonight is still listed beside it.
        let mut other = daily(time!(22:00), time!(23:30));
        other.id = Uuid::from_u128(9);
        assert_eq!(
            board(&[s.clone(), other], &[at(done_at)], DAY, done_at, B).len(),
            2
        );
        // A window ended before midnight is not carried over.
        let evening = daily(time!(20:00), time!(22:00));
        assert_eq!(
            board(std::slice::from_ref(&evening), &[], DAY, done_at, B).len(),
            1
        );
        assert_eq!(
            board_span(&[s], DAY),
            Some((
                datetime!(2026-11-30 23:00 +8),
                datetime!(2026-12-02 23:00 +8)
            ))
        );
    }

    #[test]
    fn the_last_second_of_the_window_is_done_and_the_next_one_late() {
        let s = daily(time!(08:00), time!(10:00));
        let later = datetime!(2026-12-01 23:00 +8);
        let last = datetime!(2026-12-01 09:59:59 +8);
        assert_eq!(one(&s, &[at(last)], DAY, later), RoundState::Done);
        let end = datetime!(2026-12-01 10:00:00 +8);
        assert_eq!(one(&s, &[at(end)], DAY, later), RoundState::Late);
        // Before the window opened does not count.
        let early = datetime!(2026-12-01 07:59:59 +8);
        assert_eq!(one(&s, &[at(early)], DAY, later), RoundState::Missed);
        // The first second counts.
        let first = datetime!(2026-12-01 08:00:00 +8);
        assert_eq!(one(&s, &[at(first)], DAY, later), RoundState::Done);
    }

    #[test]
    fn a_window_that_ended_before_the_schedule_was_made_is_not_expected() {
        let made = |at| ScheduleSpec {
            since: at,
            ..daily(time!(08:00), time!(10:00))
        };
        let now = datetime!(2026-12-01 23:00 +8);
        // Made during the window: that window is expected (and missed by evening).
        let during = made(datetime!(2026-12-01 09:59:59 +8));
        assert_eq!(one(&during, &[], DAY, now), RoundState::Missed);
        // Made at its end or later: nothing that day, nor the days before; the next day is.
        let after = made(datetime!(2026-12-01 10:00 +8));
        assert!(rounds(std::slice::from_ref(&after), &[], DAY, now, B).is_empty());
        assert!(rounds(
            std::slice::from_ref(&after),
            &[],
            date!(2026 - 11 - 30),
            now,
            B
        )
        .is_empty());
        assert_eq!(
            rounds(
                std::slice::from_ref(&after),
                &[],
                date!(2026 - 12 - 02),
                now,
                B
            )
            .len(),
            1
        );
    }

    #[test]
    fn an_ended_schedule_expects_the_windows_begun_before_its_end_only() {
        let ended = |at| ScheduleSpec {
            until: Some(at),
            ..daily(time!(08:00), time!(10:00))
        };
        let now = datetime!(2026-12-03 23:00 +8);
        // Ended during the window: that window is still expected (and missed), and kept when
        // patrolled; the next day's is not.
        let during = ended(datetime!(2026-12-01 08:00:01 +8));
        assert_eq!(one(&during, &[], DAY, now), RoundState::Missed);
        let patrolled = at(datetime!(2026-12-01 09:00 +8));
        assert_eq!(one(&during, &[patrolled], DAY, now), RoundState::Done);
        let next_day = date!(2026 - 12 - 02);
        assert!(rounds(std::slice::from_ref(&during), &[], next_day, now, B).is_empty());
        // Ended at the window's first second: not expected; the day before still is.
        let at_start = ended(datetime!(2026-12-01 08:00 +8));
        assert!(rounds(std::slice::from_ref(&at_start), &[], DAY, now, B).is_empty());
        let day_before = date!(2026 - 11 - 30);
        assert_eq!(one(&at_start, &[], day_before, now), RoundState::Missed);
    }

    #[test]
    fn missed_once_the_window_closes_and_pending_before() {
        let s = daily(time!(08:00), time!(10:00));
        assert_eq!(
            one(&s, &[], DAY, datetime!(2026-12-01 09:59:59 +8)),
            RoundState::Pending
        );
        assert_eq!(
            one(&s, &[], DAY, datetime!(2026-12-01 10:00:00 +8)),
            RoundState::Missed
        );
        assert_eq!(
            one(&s, &[], DAY, datetime!(2026-12-01 07:00 +8)),
            RoundState::Pending
        );
        // A late record turns a missed round late, until the next window starts.
        let late = at(datetime!(2026-12-02 07:59:59 +8));
        let now = datetime!(2026-12-02 12:00 +8);
        assert_eq!(one(&s, &[late], DAY, now), RoundState::Late);
        let next_day = at(datetime!(2026-12-02 08:00 +8));
        assert_eq!(one(&s, &[next_day], DAY, now), RoundState::Missed);
    }

    #[test]
    fn a_window_crossing_midnight_ends_the_next_day() {
        let s = daily(time!(22:00), time!(06:00));
        let now = datetime!(2026-12-02 12:00 +8);
        let after_midnight = at(datetime!(2026-12-02 05:59:59 +8));
        assert_eq!(one(&s, &[after_midnight], DAY, now), RoundState::Done);
        let at_end = at(datetime!(2026-12-02 06:00 +8));
        assert_eq!(one(&s, &[at_end], DAY, now), RoundState::Late);
        assert_eq!(
            one(&s, &[], DAY, datetime!(2026-12-02 05:00 +8)),
            RoundState::Pending
        );
        assert_eq!(
            one(&s, &[], DAY, datetime!(2026-12-02 06:00 +8)),
            RoundState::Missed
        );
        // The window is the 1st's, in UTC it starts on the 1st at 14:00.
        let r = rounds(&[s], &[], DAY, now, B);
        assert_eq!(r[0].starts_at, datetime!(2026-12-01 14:00 UTC));
    }

    #[test]
    fn the_clock_is_china_time_whatever_the_offset_given() {
        let s = daily(time!(08:00), time!(10:00));
        // 01:30 UTC is 09:30 in China: inside the window.
        let sub = at(datetime!(2026-12-01 01:30 UTC));
        assert_eq!(
            one(&s, &[sub], DAY, datetime!(2026-12-01 02:00 UTC)),
            RoundState::Done
        );
        assert_eq!(china_day(datetime!(2026-11-30 16:00 UTC)), DAY);
    }

    #[test]
    fn a_future_submission_does_not_count_yet() {
        let s = daily(time!(08:00), time!(10:00));
        let sub = at(datetime!(2026-12-01 09:00 +8));
        assert_eq!(
            one(&s, &[sub], DAY, datetime!(2026-12-01 08:30 +8)),
            RoundState::Pending
        );
    }

    #[test]
    fn shifts_weeks_and_months() {
        let mut s = daily(time!(06:00), time!(08:00));
        s.frequency = Frequency::Shift;
        s.shifts_per_day = 3;
        let w = windows(&s, DAY);
        assert_eq!(w.len(), 3);
        assert_eq!(w[2].0, datetime!(2026-12-01 22:00 +8));
        assert_eq!(w[2].1, datetime!(2026-12-02 00:00 +8));
        assert_eq!(w[0].2, datetime!(2026-12-01 14:00 +8));
        // 2026-12-01 is a Tuesday.
        s.frequency = Frequency::Weekly;
        s.weekday = Some(2);
        assert_eq!(windows(&s, DAY).len(), 1);
        assert_eq!(windows(&s, date!(2026 - 12 - 02)).len(), 0);
        s.frequency = Frequency::Monthly;
        s.month_day = Some(1);
        let w = windows(&s, DAY);
        assert_eq!(w[0].2, datetime!(2027-01-01 06:00 +8));
        assert_eq!(windows(&s, date!(2026 - 12 - 15)).len(), 0);
    }

    #[test]
    fn each_point_of_a_schedule_is_its_own_round() {
        let mut s = daily(time!(08:00), time!(10:00));
        s.points.push(Uuid::from_u128(2));
        let r = rounds(
            &[s],
            &[at(datetime!(2026-12-01 09:00 +8))],
            DAY,
            datetime!(2026-12-01 11:00 +8),
            B,
        );
        let states: Vec<_> = r.iter().map(|r| (r.point_id.as_u128(), r.state)).collect();
        assert_eq!(states, vec![(1, RoundState::Done), (2, RoundState::Missed)]);
    }

    #[test]
    fn a_round_the_outbox_brought_after_the_bound_is_late_offline() {
        let s = daily(time!(08:00), time!(10:00));
        let made = datetime!(2026-12-01 09:00 +8);
        let now = datetime!(2026-12-03 12:00 +8);
        let brought = |after: Duration| Submission {
            uploaded: Some(made + after),
            ..at(made)
        };
        // Within the bound (to the second): done, as if made online.
        assert_eq!(one(&s, &[brought(B)], DAY, now), RoundState::Done);
        // A second later: late (offline), whatever the phone's clock said.
        let late = brought(B + Duration::seconds(1));
        assert_eq!(
            one(&s, std::slice::from_ref(&late), DAY, now),
            RoundState::LateUpload
        );
        assert_eq!(late.upload_delay(), Some(B + Duration::seconds(1)));
        // One made online in the window as well: done.
        assert_eq!(
            one(
                &s,
                &[late.clone(), at(datetime!(2026-12-01 09:30 +8))],
                DAY,
                now
            ),
            RoundState::Done
        );
        // A smaller bound the enterprise set.
        let r = rounds(
            &[s],
            &[brought(Duration::hours(3))],
            DAY,
            now,
            Duration::hours(2),
        );
        assert_eq!(r[0].state, RoundState::LateUpload);
        assert_eq!(
            r[0].submission.as_ref().unwrap().uploaded,
            Some(made + Duration::hours(3))
        );
    }
}
