//! The enterprise's patrol policy: how long after it was made a round the offline outbox
//! brings may arrive and still count as done (`rounds::state`). The phone's clock says when an
//! answer was made; the server only sees when it arrived. A round brought within the bound is
//! taken at the phone's time (a shift without signal in a basement, sent at the end of the
//! day); one brought later is "late (offline)": the server cannot vouch it was made then.
//!
//! No regulation names this bound, so it is the enterprise's setting. Default 24 hours: a
//! round made without signal reaches the server by the next shift, and a record held longer
//! than a day is what a regulator should see as late. At most 7 days, the outbox's own limit
//! (`rules::offline::MAX_OUTBOX_AGE`).

#[cfg(feature = "ssr")]
use crate::patrols::PatrolField;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::error::AppError;

/// Hours when the enterprise set none.
pub const UPLOAD_HOURS_DEFAULT: i32 = 24;
/// The most it may be: 7 days, the outbox's own limit.
pub const UPLOAD_HOURS_MAX: i32 = 168;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatrolPolicy {
    /// A round the outbox brings counts as done when it arrives within this many hours.
    pub upload_hours: i32,
}

impl Default for PatrolPolicy {
    fn default() -> Self {
        PatrolPolicy {
            upload_hours: UPLOAD_HOURS_DEFAULT,
        }
    }
}

#[cfg(feature = "ssr")]
impl PatrolPolicy {
    pub fn upload_bound(&self) -> time::Duration {
        time::Duration::hours(i64::from(self.upload_hours))
    }
}

/// The admin's form, as posted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PatrolPolicyForm {
    pub upload_hours: String,
}

#[cfg(feature = "ssr")]
impl PatrolPolicyForm {
    pub fn validate(&self) -> Result<PatrolPolicy, AppError> {
        let hours = crate::input::whole(
            &self.upload_hours,
            PatrolField::UploadHours,
            1..=UPLOAD_HOURS_MAX as u32,
        )?;
        Ok(PatrolPolicy {
            upload_hours: hours as i32,
        })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::error::Problem;

    #[test]
    fn the_bound_is_one_hour_to_seven_days() {
        let form = |h: &str| PatrolPolicyForm {
            upload_hours: h.into(),
        };
        assert_eq!(form("1").validate().unwrap().upload_hours, 1);
        assert_eq!(form(" 168 ").validate().unwrap().upload_hours, 168);
        for bad in ["0", "169", "-1", "2.5", "abc", "99999999999"] {
            assert_eq!(
                form(bad).validate(),
                Err(AppError::invalid(
                    PatrolField::UploadHours,
                    Problem::Invalid
                )),
                "{bad}"
            );
        }
        assert_eq!(
            form("").validate(),
            Err(AppError::invalid(
                PatrolField::UploadHours,
                Problem::Required
            ))
        );
        assert_eq!(
            PatrolPolicy::default().upload_bound(),
            time::Duration::hours(24)
        );
        assert_eq!(
            i64::from(UPLOAD_HOURS_MAX),
            crate::rules::offline::MAX_OUTBOX_AGE.whole_hours()
        );
    }
}
