//! users's audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a change of users was, stored in `audit_log.action`.
    pub enum UserAction {
        Create = "user.create",
        Activate = "user.activate",
        Deactivate = "user.deactivate",
        ResetPassword = "user.reset_password",
        Import = "user.import",
    }
}
