//! auth's audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a change of auth was, stored in `audit_log.action`.
    pub enum AuthAction {
        Login = "auth.login",
        LoginFailed = "auth.login_failed",
        Lock = "auth.lock",
        PasswordChange = "auth.password_change",
        SessionsEnd = "auth.sessions_end",
        /// On the server's console (`anxun admin create-operator`).
        OperatorCreated = "auth.operator_created",
        /// On the server's console (`anxun admin reset-password`).
        ConsolePasswordReset = "auth.console_password_reset",
    }
}
