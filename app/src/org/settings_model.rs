//! The enterprise's settings as its admin sees and edits them: the principal (主要负责人,
//! who approves toxic-risk operations or delegates it in writing) and the permit policy.

#[cfg(feature = "ssr")]
use crate::org::OrgField;
use crate::{rules::permit::PermitPolicy, users::PersonOption};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    error::{AppError, Problem},
    input,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseSettings {
    pub principal_id: Option<Uuid>,
    pub people: Vec<PersonOption>,
    pub policy: PermitPolicy,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseSettingsForm {
    pub principal_id: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub independent_approval: Option<String>,
    pub max_window_hours: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnterpriseSettingsInput {
    pub principal_id: Uuid,
    pub policy: PermitPolicy,
}

#[cfg(feature = "ssr")]
impl EnterpriseSettingsForm {
    pub fn validate(&self) -> Result<EnterpriseSettingsInput, AppError> {
        use crate::rules::permit::MAX_WINDOW_HOURS_LIMIT;
        let hours = input::whole(
            &self.max_window_hours,
            OrgField::MaxWindowHours,
            1..=MAX_WINDOW_HOURS_LIMIT as u32,
        )?;
        Ok(EnterpriseSettingsInput {
            principal_id: if self.principal_id.trim().is_empty() {
                return Err(AppError::invalid(OrgField::Principal, Problem::Required));
            } else {
                input::uuid(&self.principal_id, OrgField::Principal)?
            },
            policy: PermitPolicy {
                independent_approval: input::ticked(&self.independent_approval),
                max_window_hours: hours as i32,
            },
        })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn form() -> EnterpriseSettingsForm {
        EnterpriseSettingsForm {
            principal_id: Uuid::now_v7().to_string(),
            independent_approval: Some("on".into()),
            max_window_hours: "24".into(),
        }
    }

    #[test]
    fn settings_name_a_principal_and_a_bounded_window() {
        let ok = form().validate().unwrap();
        assert!(ok.policy.independent_approval);
        assert_eq!(ok.policy.max_window_hours, 24);
        let unticked = EnterpriseSettingsForm {
            independent_approval: None,
            ..form()
        };
        assert!(!unticked.validate().unwrap().policy.independent_approval);
        for bad in ["0", "73", "abc", "1e309", ""] {
            let f = EnterpriseSettingsForm {
                max_window_hours: bad.into(),
                ..form()
            };
            assert!(
                matches!(
                    f.validate(),
                    Err(AppError::Invalid {
                        field,
                        ..
                    }) if field == OrgField::MaxWindowHours
                ),
                "{bad}"
            );
        }
        let nobody = EnterpriseSettingsForm {
            principal_id: String::new(),
            ..form()
        };
        assert_eq!(
            nobody.validate(),
            Err(AppError::invalid(OrgField::Principal, Problem::Required))
        );
    }
}
