//! When an act made offline on a phone counts, and at what time (issue 10; docs/research.md §B2:
//! an outbox keeps every record until the server takes it, so the server must judge records
//! that arrive hours late, made by a clock it does not control).
//!
//! The phone sends two of its own clock's readings: when the act was made (`made_at`) and when
//! this send started (`sent_at`). Their difference does not depend on how wrong the phone's
//! clock is, so the act's time on the server's clock is `made_at + (received_at - sent_at)`:
//! the phone's clock corrected by its offset measured at sending (the transfer time, seconds,
//! counts as offset, which is harmless at the minute precision the records show).

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// The largest offset between the phone's clock and the server's that is still trusted.
/// Phones set to automatic time are within seconds; 10 minutes allows a clock set by hand
/// from a wall clock, and keeps a round window (hours) or a sign-in code step (minutes of
/// grace) from being moved by a wrong clock. Beyond it, the person is told to fix the clock.
pub const MAX_CLOCK_SKEW: Duration = Duration::minutes(10);

/// The oldest act the outbox may still deliver. A week covers a phone left in a locker over
/// a holiday; anything older is no longer a record of the current work (a gas test, a round,
/// a report) and must be made again by hand, with a reason the person reads.
pub const MAX_OUTBOX_AGE: Duration = Duration::days(7);

/// Why a delivery's times are not trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeProblem {
    /// The phone's clock differs from the server's by about this many minutes.
    ClockSkew { minutes: u32 },
    /// The act is later than the send on the phone's own clock: the clock was set back
    /// between the two, so neither reading can be trusted.
    ClockMovedBack,
    /// The act is older than `MAX_OUTBOX_AGE`.
    TooOld,
}

/// The time of an act on the server's clock, or why the phone's times are not trusted.
pub fn act_time(
    made_at: OffsetDateTime,
    sent_at: OffsetDateTime,
    received_at: OffsetDateTime,
) -> Result<OffsetDateTime, TimeProblem> {
    if made_at > sent_at {
        return Err(TimeProblem::ClockMovedBack);
    }
    let offset = received_at - sent_at;
    if offset.abs() > MAX_CLOCK_SKEW {
        let minutes = offset.abs().whole_minutes().min(i64::from(u32::MAX));
        return Err(TimeProblem::ClockSkew {
            minutes: minutes as u32,
        });
    }
    let act = made_at + offset;
    if received_at - act > MAX_OUTBOX_AGE {
        return Err(TimeProblem::TooOld);
    }
    Ok(act)
}

/// The time an exit is recorded at. Leaving a confined space is always recorded (a person
/// shown inside who is out would start a rescue, and one shown out who is inside is worse):
/// at the act's time when the phone's times are sound, else at arrival.
pub fn exit_time(
    made_at: Option<OffsetDateTime>,
    sent_at: Option<OffsetDateTime>,
    received_at: OffsetDateTime,
) -> OffsetDateTime {
    match (made_at, sent_at) {
        (Some(made), Some(sent)) => act_time(made, sent, received_at).unwrap_or(received_at),
        _ => received_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-05 08:00 UTC);

    #[test]
    fn the_act_is_the_phones_time_corrected_by_its_offset_at_sending() {
        // The phone runs 3 minutes fast; the act was an hour before the send.
        let sent = NOW + Duration::minutes(3);
        let made = sent - Duration::hours(1);
        assert_eq!(act_time(made, sent, NOW), Ok(NOW - Duration::hours(1)));
        // A correct clock: the act is its own reading.
        assert_eq!(
            act_time(NOW - Duration::minutes(5), NOW, NOW),
            Ok(NOW - Duration::minutes(5))
        );
    }

    #[test]
    fn a_clock_more_than_ten_minutes_off_is_refused_with_the_minutes() {
        let ok = NOW - MAX_CLOCK_SKEW;
        assert!(act_time(ok, ok, NOW).is_ok());
        let slow = NOW - Duration::minutes(47);
        assert_eq!(
            act_time(slow, slow, NOW),
            Err(TimeProblem::ClockSkew { minutes: 47 })
        );
        let fast = NOW + Duration::minutes(11);
        assert_eq!(
            act_time(fast, fast, NOW),
            Err(TimeProblem::ClockSkew { minutes: 11 })
        );
    }

    #[test]
    fn an_act_after_its_send_means_the_clock_moved_back() {
        assert_eq!(
            act_time(NOW + Duration::seconds(1), NOW, NOW),
            Err(TimeProblem::ClockMovedBack)
        );
    }

    #[test]
    fn an_act_older_than_seven_days_is_refused() {
        let week = NOW - MAX_OUTBOX_AGE;
        assert_eq!(act_time(week, NOW, NOW), Ok(week));
        assert_eq!(
            act_time(week - Duration::minutes(1), NOW, NOW),
            Err(TimeProblem::TooOld)
        );
    }

    #[test]
    fn an_exit_is_always_recorded_at_the_act_if_sound_else_at_arrival() {
        let made = NOW - Duration::minutes(30);
        assert_eq!(exit_time(Some(made), Some(NOW), NOW), made);
        // A clock far off, moved back, an act too old, or no times at all: arrival.
        let off = NOW - Duration::hours(2);
        assert_eq!(exit_time(Some(off), Some(off), NOW), NOW);
        assert_eq!(
            exit_time(Some(NOW + Duration::minutes(1)), Some(NOW), NOW),
            NOW
        );
        assert_eq!(
            exit_time(Some(NOW - Duration::days(8)), Some(NOW), NOW),
            NOW
        );
        assert_eq!(exit_time(None, None, NOW), NOW);
    }
}
