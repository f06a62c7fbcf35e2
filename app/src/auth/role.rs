use serde::{Deserialize, Serialize};

/// What a person does in Anxun. Stored as text in `users.role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Frontline worker: scans checkpoints, enters confined spaces, signs in to training.
    Worker,
    /// Safety officer (安全员): ledgers, permits, patrols, hazards.
    SafetyOfficer,
    /// Trainer: runs training sessions and records results.
    Trainer,
    /// Enterprise admin: manages the enterprise's people.
    EnterpriseAdmin,
    /// Township/county regulator: reads across the enterprises of a jurisdiction, never writes.
    Regulator,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Worker,
        Role::SafetyOfficer,
        Role::Trainer,
        Role::EnterpriseAdmin,
        Role::Regulator,
    ];

    /// Roles an enterprise admin may give to people of the enterprise.
    pub const ENTERPRISE_ROLES: [Role; 4] = [
        Role::Worker,
        Role::SafetyOfficer,
        Role::Trainer,
        Role::EnterpriseAdmin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Worker => "worker",
            Role::SafetyOfficer => "safety_officer",
            Role::Trainer => "trainer",
            Role::EnterpriseAdmin => "enterprise_admin",
            Role::Regulator => "regulator",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }

    /// Accepts the stored name or the Chinese or English label (for CSV files made by hand).
    pub fn parse_label(text: &str) -> Option<Role> {
        let t = text.trim();
        Role::parse(t).or(match t.to_lowercase().as_str() {
            "工人" | "员工" | "作业人员" | "worker" => Some(Role::Worker),
            "安全员" | "安全管理员" | "safety officer" => Some(Role::SafetyOfficer),
            "培训师" | "培训员" | "trainer" => Some(Role::Trainer),
            "管理员" | "企业管理员" | "admin" | "enterprise admin" => {
                Some(Role::EnterpriseAdmin)
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn csv_labels_in_both_languages() {
        assert_eq!(Role::parse_label(" 安全员 "), Some(Role::SafetyOfficer));
        assert_eq!(Role::parse_label("Worker"), Some(Role::Worker));
        assert_eq!(Role::parse_label("培训师"), Some(Role::Trainer));
        // A regulator is never created inside an enterprise.
        assert_eq!(Role::parse_label("监管"), None);
    }
}
