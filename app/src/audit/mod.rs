//! The append-only audit log: who changed what, when, from which client submission.
//!
//! Every state change goes through one step guard (`step::AuditedTx`, server only): it checks
//! the actor's role and enterprise, recognises a retried submission by its client id, and can
//! only commit by writing one typed audit row. `AuditAction` is the closed list of what can be
//! written; each feature's pages translate the actions they show (the operation trail).

#[cfg(feature = "ssr")]
pub mod step;
mod trail;

pub use trail::TrailEntry;

crate::text_enum! {
    /// What a state change was. Stored in `audit_log.action` as `<feature>.<verb>`.
    pub enum AuditAction {
        AuthLogin = "auth.login",
        AuthLoginFailed = "auth.login_failed",
        AuthLock = "auth.lock",
        AuthPasswordChange = "auth.password_change",
        AuthSessionsEnd = "auth.sessions_end",
        EnterpriseSettings = "enterprise.settings",
        UserCreate = "user.create",
        UserActivate = "user.activate",
        UserDeactivate = "user.deactivate",
        UserResetPassword = "user.reset_password",
        UserImport = "user.import",
        SpaceCreate = "space.create",
        SpaceEdit = "space.edit",
        SpaceActivate = "space.activate",
        SpaceDeactivate = "space.deactivate",
        SpaceTokenRegenerate = "space.token_regenerate",
        OpRequest = "operation.request",
        OpApprove = "operation.approve",
        OpReject = "operation.reject",
        OpVentilate = "operation.ventilate",
        OpGasTest = "operation.gas_test",
        OpAttendantIn = "operation.attendant_in",
        OpAttendantOut = "operation.attendant_out",
        OpEnter = "operation.enter",
        OpExit = "operation.exit",
        OpEvacuate = "operation.evacuate",
        OpClose = "operation.close",
        OpHandover = "operation.handover",
        OpCloseByOfficer = "operation.close_by_officer",
        GasPolicySet = "policy.gas",
        DelegationGrant = "delegation.grant",
        DelegationRevoke = "delegation.revoke",
        QualificationGrant = "qualification.grant",
        PhotoUpload = "photo.upload",
        HazardReport = "hazard.report",
        /// Raised by a failed patrol item, inside the patrol's submission (`patrol.submit`).
        HazardRaise = "hazard.raise",
        HazardFixOnSpot = "hazard.fix_on_spot",
        HazardConfirm = "hazard.confirm",
        HazardRectify = "hazard.rectify",
        HazardRecheckPass = "hazard.recheck_pass",
        HazardRecheckFail = "hazard.recheck_fail",
        PatrolPointCreate = "patrol_point.create",
        PatrolPointEdit = "patrol_point.edit",
        PatrolPointTokenRegenerate = "patrol_point.token_regenerate",
        ChecklistInstall = "checklist.install",
        ChecklistEdit = "checklist.edit",
        PatrolScheduleCreate = "patrol_schedule.create",
        PatrolScheduleEnd = "patrol_schedule.end",
        PatrolStart = "patrol.start",
        PatrolSubmit = "patrol.submit",
        TrainingSignIn = "training.sign_in",
        TrainingSignOut = "training.sign_out",
        TrainingSessionCreate = "training.session_create",
        TrainingSessionCancel = "training.session_cancel",
        /// The trainer ticked a person present on the roster (no phone).
        TrainingRosterSignIn = "training.roster_sign_in",
        TrainingRosterSignOut = "training.roster_sign_out",
        TrainingHoursOverride = "training.hours_override",
        TrainingScores = "training.scores",
        TrainingQuestionInstall = "training.question_install",
        TrainingQuestionCreate = "training.question_create",
        TrainingQuestionDeactivate = "training.question_deactivate",
        TrainingQuizSubmit = "training.quiz_submit",
        /// A 转岗 or 复岗 recorded on a person (clearance).
        TrainingMove = "training.move",
        /// The trainer accepted or rejected a sign-in the offline outbox brought (issue 20).
        TrainingSignInAccept = "training.sign_in_accept",
        TrainingSignInReject = "training.sign_in_reject",
        /// A second person confirmed a back-entry (补录) session (issue 20).
        TrainingBackEntryConfirm = "training.back_entry_confirm",
    }
}

impl AuditAction {
    /// The feature an action belongs to (the part before the dot), for logs and spans.
    pub fn feature(self) -> &'static str {
        let name = self.as_str();
        name.split_once('.').map_or(name, |(feature, _)| feature)
    }
}

#[cfg(test)]
mod tests {
    use super::AuditAction;

    #[test]
    fn every_action_is_feature_dot_verb() {
        for action in AuditAction::ALL {
            let (feature, verb) = action.as_str().split_once('.').expect("a dot");
            assert_eq!(action.feature(), feature);
            assert!(!verb.is_empty() && !verb.contains('.'), "{action}");
        }
    }
}
