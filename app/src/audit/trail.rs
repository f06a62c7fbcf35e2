//! One line of a record's audit trail as pages show it: when, who, what, and when the outbox
//! uploaded it if later than it was done.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrailEntry {
    /// When it was done (China time): for a record the offline outbox brought, the act's time.
    pub at: String,
    pub who: String,
    pub action: super::AuditAction,
    /// When the outbox uploaded it, if that was later than it was done.
    pub uploaded: Option<String>,
}

impl TrailEntry {
    /// An audit row that arrived at `arrived` and was made at `acted` (`audit_log.acted_at`).
    #[cfg(feature = "ssr")]
    pub fn new(
        arrived: time::OffsetDateTime,
        acted: Option<time::OffsetDateTime>,
        who: String,
        action: super::AuditAction,
    ) -> TrailEntry {
        use crate::time_fmt::local_minutes;
        let uploaded = local_minutes(arrived);
        match acted {
            Some(at) => TrailEntry {
                at: local_minutes(at),
                who,
                action,
                uploaded: Some(uploaded),
            },
            None => TrailEntry {
                at: uploaded,
                who,
                action,
                uploaded: None,
            },
        }
    }

    /// Its time as the trail shows it: "手机记录 09:12 · 上传 10:40" when the two differ.
    pub fn when(&self, locale: crate::i18n::Locale) -> String {
        match &self.uploaded {
            Some(up) => crate::time_fmt::both_times(locale, &self.at, up),
            None => self.at.clone(),
        }
    }
}
