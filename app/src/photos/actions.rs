//! photos's audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a change of photos was, stored in `audit_log.action`.
    pub enum PhotoAction {
        Upload = "photo.upload",
    }
}
