//! spaces's audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a change of spaces was, stored in `audit_log.action`.
    pub enum SpaceAction {
        Create = "space.create",
        Edit = "space.edit",
        Activate = "space.activate",
        Deactivate = "space.deactivate",
        TokenRegenerate = "space.token_regenerate",
    }
}
