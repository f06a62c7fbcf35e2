//! Qualifications: their kinds, the list row and the hand-entry form.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    error::{AppError, Field, Problem},
    input,
};

crate::text_enum! {
    /// What a qualification allows. Stored in `qualifications.kind`.
    pub enum QualificationKind {
        /// 有限空间作业专题培训: entrants, attendants and approvers of confined-space work.
        ConfinedSpace = "confined_space",
    }
}

/// A person's confined-space training, as the qualification page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationRow {
    pub user_id: Uuid,
    pub name: String,
    /// The latest expiry, if any training was ever recorded.
    pub valid_until: Option<String>,
    pub valid: bool,
}

/// A training recorded by hand: who, valid until the end of which day (China time).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QualificationForm {
    pub user_id: String,
    pub valid_until: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QualificationInput {
    pub user_id: Uuid,
    pub valid_until: OffsetDateTime,
}

#[cfg(feature = "ssr")]
impl QualificationForm {
    pub fn validate(&self, now: OffsetDateTime) -> Result<QualificationInput, AppError> {
        let valid_until = input::end_of_day(&self.valid_until, Field::ValidUntil)?;
        if valid_until <= now {
            return Err(AppError::invalid(Field::ValidUntil, Problem::Invalid));
        }
        Ok(QualificationInput {
            user_id: input::uuid(&self.user_id, Field::User)?,
            valid_until,
        })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod form_tests {
    use super::*;

    #[test]
    fn a_qualification_names_a_person_and_a_future_day() {
        let now = OffsetDateTime::now_utc();
        let form = QualificationForm {
            user_id: Uuid::now_v7().to_string(),
            valid_until: "2099-12-31".into(),
        };
        assert!(form.validate(now).is_ok());
        let past = QualificationForm {
            valid_until: "2001-01-01".into(),
            ..form.clone()
        };
        assert_eq!(
            past.validate(now),
            Err(AppError::invalid(Field::ValidUntil, Problem::Invalid))
        );
        let nobody = QualificationForm {
            user_id: "x".into(),
            ..form
        };
        assert_eq!(
            nobody.validate(now),
            Err(AppError::invalid(Field::User, Problem::Invalid))
        );
    }
}
