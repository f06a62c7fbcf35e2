//! Training's stored vocabularies (each checked against the migration's `check` list in
//! `db_vocab_tests`). Labels live with the pages that show them.

crate::text_enum! {
    /// What a session is (research §A4, §C4). Stored in `training_sessions.category` and
    /// `training_questions.category` (a question bank per category).
    pub enum Category {
        /// 三级安全教育: 厂（公司）级.
        InductionCompany = "induction_company",
        /// 三级安全教育: 车间（部门）级.
        InductionWorkshop = "induction_workshop",
        /// 三级安全教育: 班组级.
        InductionTeam = "induction_team",
        /// 转岗培训 (调整工作岗位).
        Transfer = "transfer",
        /// 复岗培训 (离岗一年以上重新上岗).
        ReturnToPost = "return_to_post",
        /// 复工复产前全员安全教育培训 (seed item 1).
        Restart = "restart",
        /// 有限空间作业专题安全培训 (13号令, at least once a year).
        ConfinedSpace = "confined_space",
        /// 四新培训 (新工艺、新技术、新材料、新设备).
        FourNew = "four_new",
        /// 班前会 / 日常教育.
        Daily = "daily",
        Other = "other",
    }
}

impl Category {
    /// The three levels of 三级安全教育, in the order they are taken.
    pub const INDUCTION: [Category; 3] = [
        Category::InductionCompany,
        Category::InductionWorkshop,
        Category::InductionTeam,
    ];

    pub fn is_induction(self) -> bool {
        Category::INDUCTION.contains(&self)
    }
}

crate::text_enum! {
    /// How a session's attendees are assessed. Stored in `training_sessions.assessment`.
    pub enum Assessment {
        None = "none",
        /// The trainer enters each person's score in one list.
        Score = "score",
        /// Each person takes the quiz drawn from the question bank on their phone.
        Quiz = "quiz",
    }
}

crate::text_enum! {
    /// Who may come to a session that is not open to all. Stored in `training_invitations.kind`.
    pub enum InviteKind {
        Person = "person",
        Department = "department",
        Role = "role",
    }
}

crate::text_enum! {
    /// How presence was shown. Stored in `training_attendance.sign_in_by` / `sign_out_by`.
    pub enum PresenceBy {
        /// The person scanned the session's rotating QR.
        Scan = "scan",
        /// The trainer ticked the person on the roster (no phone).
        Trainer = "trainer",
    }
}

crate::text_enum! {
    /// Where a result came from. Stored in `training_attendance.assessed_by`.
    pub enum AssessedBy {
        Trainer = "trainer",
        Quiz = "quiz",
    }
}

crate::text_enum! {
    /// A quiz question's form. Stored in `training_questions.kind`.
    pub enum QuestionKind {
        Single = "single",
        Multiple = "multiple",
        TrueFalse = "true_false",
    }
}

crate::text_enum! {
    /// A move that calls for re-training. Stored in `person_moves.kind`.
    pub enum MoveKind {
        /// 转岗: a new post.
        Transfer = "transfer",
        /// 复岗: back at work after an absence.
        ReturnToPost = "return_to_post",
    }
}

crate::text_enum! {
    /// The review of a sign-in the offline outbox brought. Stored in
    /// `training_attendance.review` (null for a sign-in made online or ticked by the trainer).
    pub enum Review {
        /// Waiting for the trainer: it does not count for hours or clearance yet.
        Pending = "pending",
        Accepted = "accepted",
        /// Not counted (the person was not seen at the session).
        Rejected = "rejected",
    }
}
