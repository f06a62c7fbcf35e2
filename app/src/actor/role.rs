crate::text_enum! {
    /// What a person does in Anxun. Stored as text in `users.role`.
    pub enum Role {
        /// Frontline worker: scans checkpoints, enters confined spaces, signs in to training.
        Worker = "worker",
        /// Safety officer (安全员): ledgers, permits, patrols, hazards.
        SafetyOfficer = "safety_officer",
        /// Trainer: runs training sessions and records results.
        Trainer = "trainer",
        /// Enterprise admin: manages the enterprise's people.
        EnterpriseAdmin = "enterprise_admin",
        /// Regulator (监管人员) of a node of the jurisdiction tree: reads everything under it,
        /// keeps its ledger, never writes an enterprise's own records.
        Regulator = "regulator",
        /// Platform operator (平台管理员): manages the tree, tenants and regulators; reads no
        /// enterprise's safety records. Made on the server's console (`anxun admin`).
        Operator = "operator",
        /// Expert (专家) a regulator appoints to guidance visits: reaches an enterprise only
        /// through an open visit that names them. Belongs to the appointing regulator's node.
        Expert = "expert",
    }
}

impl Role {
    /// Roles an enterprise admin may give to people of the enterprise.
    pub const ENTERPRISE_ROLES: [Role; 4] = [
        Role::Worker,
        Role::SafetyOfficer,
        Role::Trainer,
        Role::EnterpriseAdmin,
    ];

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
