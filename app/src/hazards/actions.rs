//! hazards's audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a change of hazards was, stored in `audit_log.action`.
    pub enum HazardAction {
        Report = "hazard.report" => hazards.trail_report,
        /// Raised by a failed patrol item, inside the patrol's submission (`patrol.submit`).
        Raise = "hazard.raise" => hazards.trail_raise,
        FixOnSpot = "hazard.fix_on_spot" => hazards.trail_fix_on_spot,
        Confirm = "hazard.confirm" => hazards.trail_confirm,
        Rectify = "hazard.rectify" => hazards.trail_rectify,
        RecheckPass = "hazard.recheck_pass" => hazards.trail_recheck_pass,
        RecheckFail = "hazard.recheck_fail" => hazards.trail_recheck_fail,
    }
}
