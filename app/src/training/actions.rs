//! training's audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a change of training was, stored in `audit_log.action`.
    pub enum TrainingAction {
        QualificationGrant = "qualification.grant",
        SignIn = "training.sign_in",
        SignOut = "training.sign_out",
        SessionCreate = "training.session_create",
        SessionCancel = "training.session_cancel",
        /// The trainer ticked a person present on the roster (no phone).
        RosterSignIn = "training.roster_sign_in",
        RosterSignOut = "training.roster_sign_out",
        HoursOverride = "training.hours_override",
        Scores = "training.scores",
        QuestionInstall = "training.question_install",
        QuestionCreate = "training.question_create",
        QuestionDeactivate = "training.question_deactivate",
        QuizSubmit = "training.quiz_submit",
        /// A 转岗 or 复岗 recorded on a person (clearance).
        Move = "training.move",
        /// The trainer accepted or rejected a sign-in the offline outbox brought (issue 20).
        SignInAccept = "training.sign_in_accept",
        SignInReject = "training.sign_in_reject",
        /// A second person confirmed a back-entry (补录) session (issue 20).
        BackEntryConfirm = "training.back_entry_confirm",
    }
}
