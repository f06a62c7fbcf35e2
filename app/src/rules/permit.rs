//! Bounds of a confined-space permit (作业审批单). 13号令 requires approval before every
//! operation but sets no validity; GB 30871-2022 limits special-work permits to one operation
//! and, for 受限空间, to the planned work (research §D.3: not verified). These are therefore
//! enterprise policy settings with conservative defaults, not facts.

use time::Duration;

/// How long a permit's planned window may be by default: one working day, so a permit is
/// never a standing licence for a space.
pub const DEFAULT_MAX_WINDOW_HOURS: i32 = 24;
/// The most an enterprise may set.
pub const MAX_WINDOW_HOURS_LIMIT: i32 = 72;
/// A planned start may lie this far in the past (filling the form on site takes time).
pub const START_GRACE: Duration = Duration::minutes(30);
/// By default the approver is independent of the operation: not its attendant, person in
/// charge or an entrant (13号令 keeps approval, supervision and entry as separate duties).
pub const DEFAULT_INDEPENDENT_APPROVAL: bool = true;

const _: () = assert!(DEFAULT_MAX_WINDOW_HOURS <= MAX_WINDOW_HOURS_LIMIT);

/// An enterprise's permit settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PermitPolicy {
    pub independent_approval: bool,
    pub max_window_hours: i32,
}

impl Default for PermitPolicy {
    fn default() -> Self {
        PermitPolicy {
            independent_approval: DEFAULT_INDEPENDENT_APPROVAL,
            max_window_hours: DEFAULT_MAX_WINDOW_HOURS,
        }
    }
}

impl PermitPolicy {
    pub fn max_window(&self) -> Duration {
        Duration::hours(self.max_window_hours.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_default_a_permit_covers_at_most_a_day_and_its_approver_is_independent() {
        let p = PermitPolicy::default();
        assert_eq!(p.max_window(), Duration::hours(24));
        assert!(p.independent_approval);
        assert_eq!(START_GRACE, Duration::minutes(30));
    }
}
