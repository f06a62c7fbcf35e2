//! visits' audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a step of a guidance visit was, stored in `audit_log.action`; every one is an
    /// oversight step filed under the visited enterprise (an expert's account under none).
    pub enum VisitAction {
        ExpertCreate = "visits.expert_create" => visits.action_expert_create,
        Open = "visits.open" => visits.action_open,
        /// A finding recorded: its hazard's own row (`hazard.raise`) is written beside it.
        Finding = "visits.finding" => visits.action_finding,
        /// 复核 of a finding by the visit's side.
        Recheck = "visits.recheck" => visits.action_recheck,
        Close = "visits.close" => visits.action_close,
        /// A 抽查 draw: its seed, rule and picks.
        Draw = "visits.draw" => visits.action_draw,
    }
}
