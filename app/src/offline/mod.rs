//! The server side of the offline outbox (issue 10, `docs/offline-design.md` §2–3).
//!
//! A phone without signal keeps a form post in its outbox and replays it later, byte for
//! byte, with four headers: `X-Anxun-Outbox: 1`, `X-Anxun-Author` (who made it),
//! `X-Anxun-Made-At` and `X-Anxun-Sent-At` (the phone's clock, ms since the Unix epoch).
//! `delivery::outbox` (a middleware on the whole router, inside the session's) checks them,
//! works out the act's time (`rules::offline`), runs the request as the browser would, and
//! answers the outbox in JSON: stored (with where the browser would have gone), refused (with
//! the reason in the person's words), wrong user, signed out, or retry.
//!
//! The features read the act's time with `offline::act()` (the time to record and to judge
//! time rules by) and `AuditedTx` keeps it in `audit_log.acted_at` next to the arrival.

use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod delivery;
#[cfg(feature = "ssr")]
pub mod queueable;
#[cfg(feature = "ssr")]
mod reason;
#[cfg(all(test, feature = "ssr"))]
pub(crate) mod tests;

#[cfg(feature = "ssr")]
pub use crate::act::{act, with_act, Act};
#[cfg(feature = "ssr")]
pub use reason::{reason_code, reason_text};

/// Why the server will never take a record the outbox delivered (or an act that needs the
/// network). Each has its own sentence (`refusal_text_in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfflineRefusal {
    /// The phone's clock is off by about this many minutes (`rules::offline::MAX_CLOCK_SKEW`).
    ClockSkew { minutes: u32 },
    /// The phone's clock was set back between the act and its send.
    ClockMovedBack,
    /// The act is older than `rules::offline::MAX_OUTBOX_AGE`.
    TooOld,
    /// The outbox headers are missing or malformed (who made it, when).
    BadDelivery,
    /// Entering a confined space is never granted from the outbox: the permit and the gas
    /// test must be confirmed by the server at the moment of entry.
    EntryNeedsConnection,
    /// The outbox's headers on a request the outbox never keeps (`queueable`): an approval,
    /// a confirmation, a login... is made online, at the server's time.
    NotQueueable,
    /// Records of a person whose account was deactivated: they can never sign in to send them.
    AuthorDeactivated,
    /// The act's time is before what it follows on the server (the patrol's start, the
    /// permit's approval, the hazard's last move): the phone's claim is not believed.
    BeforeItsCause,
}

#[cfg(feature = "ssr")]
impl From<crate::rules::offline::TimeProblem> for OfflineRefusal {
    fn from(p: crate::rules::offline::TimeProblem) -> Self {
        use crate::rules::offline::TimeProblem;
        match p {
            TimeProblem::ClockSkew { minutes } => OfflineRefusal::ClockSkew { minutes },
            TimeProblem::ClockMovedBack => OfflineRefusal::ClockMovedBack,
            TimeProblem::TooOld => OfflineRefusal::TooOld,
        }
    }
}

pub use crate::time_fmt::both_times;

/// The kernel's error carries the refusal as `{"offline": <reason>}` (`error::Refusal`).
impl crate::error::FeatureRefusal for OfflineRefusal {
    const FEATURE: &'static str = "offline";
    fn text_in(&self, locale: crate::i18n::Locale) -> String {
        refusal_text_in(locale, *self)
    }
}

pub fn refusal_text_in(locale: crate::i18n::Locale, r: OfflineRefusal) -> String {
    use crate::i18n::*;
    match r {
        OfflineRefusal::ClockSkew { minutes } => {
            td_string!(locale, delivery.refused_clock_skew, minutes).to_string()
        }
        OfflineRefusal::ClockMovedBack => {
            td_string!(locale, delivery.refused_clock_moved_back).to_string()
        }
        OfflineRefusal::TooOld => td_string!(locale, delivery.refused_too_old).to_string(),
        OfflineRefusal::BadDelivery => {
            td_string!(locale, delivery.refused_bad_delivery).to_string()
        }
        OfflineRefusal::EntryNeedsConnection => {
            td_string!(locale, delivery.refused_entry_needs_connection).to_string()
        }
        OfflineRefusal::NotQueueable => {
            td_string!(locale, delivery.refused_not_queueable).to_string()
        }
        OfflineRefusal::AuthorDeactivated => {
            td_string!(locale, delivery.refused_author_deactivated).to_string()
        }
        OfflineRefusal::BeforeItsCause => {
            td_string!(locale, delivery.refused_before_its_cause).to_string()
        }
    }
}

/// The words offline lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words =
    crate::words::Words::of("offline").refusals::<OfflineRefusal>();

/// An act is never before what it follows (the record it fills, the permit it works under,
/// the move before it): an act at `at` (its time, `act().at` for a delivered one) earlier than
/// `cause`, a time the server recorded itself, is refused. Only the outbox can claim such a
/// time; an online act is at the server's now, after every cause.
#[cfg(feature = "ssr")]
pub fn not_before(
    at: time::OffsetDateTime,
    cause: time::OffsetDateTime,
) -> Result<(), crate::error::AppError> {
    if at < cause {
        tracing::info!(%at, %cause, "act dated before its cause");
        return Err(crate::error::AppError::refused(
            OfflineRefusal::BeforeItsCause,
        ));
    }
    Ok(())
}
