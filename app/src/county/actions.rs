//! county's audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a change of the county's tree, regulators or ledger was, stored in
    /// `audit_log.action`.
    pub enum CountyAction {
        NodeCreate = "county.node_create" => county.action_node_create,
        NodeRename = "county.node_rename" => county.action_node_rename,
        RegulatorCreate = "county.regulator_create" => county.action_regulator_create,
        EnterpriseCreate = "county.enterprise_create" => county.action_enterprise_create,
        /// A change of the ledger entry; a move to another township is one too (its detail
        /// names both).
        EnterpriseUpdate = "county.enterprise_update" => county.action_enterprise_update,
        /// A roster file kept for its dry run.
        RosterUpload = "county.roster_upload" => county.action_roster_upload,
        /// A roster applied: every accepted row in one step.
        RosterImport = "county.roster_import" => county.action_roster_import,
    }
}
