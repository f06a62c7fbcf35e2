//! risks' audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a step of the risk register was, stored in `audit_log.action`.
    pub enum RiskAction {
        PolicySet = "risks.policy_set" => risks.action_policy_set,
        PointCreate = "risks.point_create" => risks.action_point_create,
        /// A hazard of a point recorded with its evaluation and grade.
        HazardAdd = "risks.hazard_add" => risks.action_hazard_add,
        /// A control measure of a hazard, with its level and responsible person.
        MeasureAdd = "risks.measure_add" => risks.action_measure_add,
    }
}
