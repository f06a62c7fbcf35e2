//! How failed logins slow down and then lock an account. Not a regulation: a security
//! policy in one place, so it can be tuned and tested.

use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct LoginPolicy {
    /// Failures after which each further failed attempt is answered more slowly.
    pub slow_after: i32,
    /// Added delay per failure beyond `slow_after`.
    pub delay_step: Duration,
    /// The delay never exceeds this.
    pub max_delay: Duration,
    /// Consecutive failures that lock the account.
    pub lock_after: i32,
    /// How long a lock lasts.
    pub lock_for: Duration,
}

impl LoginPolicy {
    pub const DEFAULT: LoginPolicy = LoginPolicy {
        slow_after: 3,
        delay_step: Duration::from_millis(500),
        max_delay: Duration::from_secs(2),
        lock_after: 5,
        lock_for: Duration::from_secs(15 * 60),
    };

    /// The pause before answering the `failures`-th consecutive failure.
    pub fn delay_for(&self, failures: i32) -> Duration {
        let extra = failures.saturating_sub(self.slow_after).max(0) as u32;
        (self.delay_step * extra).min(self.max_delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_failures_are_answered_at_once_then_slower() {
        let p = LoginPolicy::DEFAULT;
        assert_eq!(p.delay_for(1), Duration::ZERO);
        assert_eq!(p.delay_for(3), Duration::ZERO);
        assert_eq!(p.delay_for(4), Duration::from_millis(500));
        assert_eq!(p.delay_for(5), Duration::from_millis(1000));
        assert_eq!(p.delay_for(50), Duration::from_secs(2));
    }
}
