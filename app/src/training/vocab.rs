//! Training's stored vocabularies (each checked against the migration's `check` list in
//! `db_vocab_tests`). Labels live with the pages that show them. The categories and the moves
//! are the clearance rules' own words (`rules::training_kinds`), named here as training's.

pub use crate::rules::training_kinds::{Category, MoveKind};

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
