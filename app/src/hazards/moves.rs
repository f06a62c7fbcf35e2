//! The closed loop's transition table, in one place: which move leads from which state to
//! which (research §A5). Who may make a move, and what it needs besides the state (the 重大
//! plan, a rectifier who is not the re-checker), are the steps' rules (`steps.rs`,
//! `rules::hazard`).
//!
//! ```text
//!             fix on the spot (一般)           re-check passes
//!   待确认 ───────────────────────► 已立即整改 ─────────────────────► 已销号
//!     │  ▲                              │ re-check fails                ▲
//!     │  └──────────────────────────────┘ (no 五落实 yet: 待确认)       │
//!     │ confirm (五落实)     rectify                re-check passes     │
//!     └────────────► 整改中 ─────────► 待复查 ─────────────────────────┘
//!                      ▲                 │ re-check fails
//!                      └─────────────────┘
//! ```

use super::HazardState;
use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// A move of a hazard once reported.
    pub enum Move {
        /// 已立即整改: fixed on the spot, with a note.
        FixOnSpot = "fix_on_spot",
        /// 确认 and 五落实 (and for 重大 the 治理方案).
        Confirm = "confirm",
        /// The rectifier says it is done.
        Rectify = "rectify",
        /// 复查 passed: 销号.
        RecheckPass = "recheck_pass",
        /// 复查 failed: back to work.
        RecheckFail = "recheck_fail",
    }
}

/// Where `mv` leads from `state`, or `None` when the move is not possible there.
pub fn next(state: HazardState, mv: Move) -> Option<HazardState> {
    use HazardState::*;
    use Move::*;
    match (state, mv) {
        (Reported, FixOnSpot) => Some(FixedOnSpot),
        (Reported, Confirm) => Some(Rectifying),
        (Rectifying, Rectify) => Some(AwaitingRecheck),
        (AwaitingRecheck | FixedOnSpot, RecheckPass) => Some(Closed),
        (AwaitingRecheck, RecheckFail) => Some(Rectifying),
        // An on-the-spot fix has no 五落实: when it fails, an officer assigns it first.
        (FixedOnSpot, RecheckFail) => Some(Reported),
        (Reported | FixedOnSpot | Rectifying | AwaitingRecheck | Closed, _) => None,
    }
}

/// The moves possible from `state` (for the pages: which forms to show, before the actor's
/// own rules).
pub fn possible(state: HazardState) -> Vec<Move> {
    Move::ALL
        .into_iter()
        .filter(|m| next(state, *m).is_some())
        .collect()
}

/// Whether the hazard still waits for its 销号 (an open hazard can be overdue).
pub fn is_open(state: HazardState) -> bool {
    state != HazardState::Closed
}

/// The re-check form's choice, as a move.
pub fn recheck_move(passed: bool) -> Move {
    if passed {
        Move::RecheckPass
    } else {
        Move::RecheckFail
    }
}

/// A move the viewer may make now, shown as a form on the hazard's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowed {
    pub fix_on_spot: bool,
    pub confirm: bool,
    pub rectify: bool,
    pub recheck: bool,
    /// It awaits its re-check by the visit that found it (专家 or 监管), not by the viewer.
    pub recheck_by_visit: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use HazardState::*;
    use Move::*;

    /// Every (state, move) pair: the legal ones with where they lead, all others refused.
    #[test]
    fn every_state_and_move() {
        let legal = [
            (Reported, FixOnSpot, FixedOnSpot),
            (Reported, Confirm, Rectifying),
            (Rectifying, Rectify, AwaitingRecheck),
            (AwaitingRecheck, RecheckPass, Closed),
            (AwaitingRecheck, RecheckFail, Rectifying),
            (FixedOnSpot, RecheckPass, Closed),
            (FixedOnSpot, RecheckFail, Reported),
        ];
        let mut checked = 0;
        for state in HazardState::ALL {
            for mv in Move::ALL {
                let expected = legal
                    .iter()
                    .find(|(s, m, _)| *s == state && *m == mv)
                    .map(|(_, _, to)| *to);
                assert_eq!(next(state, mv), expected, "{state} {mv}");
                checked += 1;
            }
        }
        assert_eq!(checked, 25);
    }

    #[test]
    fn a_closed_hazard_moves_no_more() {
        assert!(possible(Closed).is_empty());
        assert!(!is_open(Closed));
        assert!(HazardState::ALL
            .into_iter()
            .filter(|s| *s != Closed)
            .all(|s| !possible(s).is_empty() && is_open(s)));
    }

    #[test]
    fn a_failed_recheck_goes_back_to_work() {
        assert_eq!(next(AwaitingRecheck, recheck_move(false)), Some(Rectifying));
        assert_eq!(next(AwaitingRecheck, recheck_move(true)), Some(Closed));
    }
}
