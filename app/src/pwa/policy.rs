//! How long a phone keeps the pages it saved for use without signal: the enterprise's setting.
//! A kept page shows a person's work (the spaces, who is inside, their hazards) to whoever holds
//! the phone, so it lives no longer than the work needs: default 24 hours (a shift and the next
//! one), at most 7 days (the outbox's own limit for records, `rules::offline::MAX_OUTBOX_AGE`).
//! No regulation sets it; the basis is shown beside the setting.

#[cfg(feature = "ssr")]
use crate::pwa::PwaField;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::error::AppError;

pub const KEEP_HOURS_DEFAULT: i32 = 24;
pub const KEEP_HOURS_MAX: i32 = 168;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeepPolicy {
    /// A kept page older than this many hours is not shown and is dropped.
    pub keep_pages_hours: i32,
}

impl Default for KeepPolicy {
    fn default() -> Self {
        KeepPolicy {
            keep_pages_hours: KEEP_HOURS_DEFAULT,
        }
    }
}

/// The admin's form, as posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeepPolicyForm {
    pub keep_pages_hours: String,
}

#[cfg(feature = "ssr")]
impl KeepPolicyForm {
    pub fn validate(&self) -> Result<KeepPolicy, AppError> {
        let hours = crate::input::whole(
            &self.keep_pages_hours,
            PwaField::KeepPagesHours,
            1..=KEEP_HOURS_MAX as u32,
        )?;
        Ok(KeepPolicy {
            keep_pages_hours: hours as i32,
        })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::error::Problem;

    #[test]
    fn pages_are_kept_one_hour_to_seven_days() {
        let form = |h: &str| KeepPolicyForm {
            keep_pages_hours: h.into(),
        };
        assert_eq!(form("1").validate().unwrap().keep_pages_hours, 1);
        assert_eq!(form("168").validate().unwrap().keep_pages_hours, 168);
        for bad in ["0", "169", "24.5", "x", "-3"] {
            assert_eq!(
                form(bad).validate(),
                Err(AppError::invalid(
                    PwaField::KeepPagesHours,
                    Problem::Invalid
                )),
                "{bad}"
            );
        }
        assert_eq!(KeepPolicy::default().keep_pages_hours, 24);
        assert_eq!(
            i64::from(KEEP_HOURS_MAX),
            crate::rules::offline::MAX_OUTBOX_AGE.whole_hours()
        );
    }
}
