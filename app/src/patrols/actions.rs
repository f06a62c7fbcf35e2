//! patrols's audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a change of patrols was, stored in `audit_log.action`.
    pub enum PatrolAction {
        PointCreate = "patrol_point.create",
        PointEdit = "patrol_point.edit",
        PointTokenRegenerate = "patrol_point.token_regenerate",
        ChecklistInstall = "checklist.install",
        ChecklistEdit = "checklist.edit",
        ScheduleCreate = "patrol_schedule.create",
        ScheduleEnd = "patrol_schedule.end",
        Start = "patrol.start",
        Submit = "patrol.submit",
        /// An item of the 25 marked 不涉及 (or back to 涉及).
        ItemApplicability = "selfcheck.applicability",
    }
}
