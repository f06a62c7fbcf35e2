//! auth's audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a change of auth was, stored in `audit_log.action`.
    pub enum AuthAction {
        Login = "auth.login",
        LoginFailed = "auth.login_failed",
        Lock = "auth.lock",
        PasswordChange = "auth.password_change",
        SessionsEnd = "auth.sessions_end",
    }
}
