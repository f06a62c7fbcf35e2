//! Qualifications: their kinds, the list row and the hand-entry form.

#[cfg(feature = "ssr")]
use crate::training::TrainingField;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    error::{AppError, Field, Problem},
    input,
};

crate::text_enum! {
    /// What a qualification allows. Stored in `qualifications.kind`.
    pub enum QualificationKind {
        /// 有限空间作业专题培训: entrants, attendants and approvers of confined-space work.
        ConfinedSpace = "confined_space",
        /// 特种作业操作证 (电工、焊接、高处…): an outside certificate with its expiry. Working
        /// without one is a 重大事故隐患 (2023 判定标准 第三条(二); research §A4).
        SpecialOperation = "special_operation",
    }
}

/// Why a training record was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingRefusal {
    /// Nobody records their own qualification (未经培训合格不得上岗 needs a second person).
    SelfGrant,
    // Signing in and out by scan (`signin`), in a worker's words (`signin::refusal_words`).
    /// The QR code or the scan's ticket is too old (or was never ours): scan the QR again.
    CodeExpired,
    /// More than `EARLY_SIGN_IN` before the start.
    NotOpenYet,
    /// After the end and `SCAN_GRACE`.
    SessionOver,
    /// Not open to all and the person is not among the invited.
    NotInvited,
    SessionCancelled,
    /// The token is another enterprise's session (its name is not said).
    OtherEnterprise,
    /// Signing out without having signed in.
    NotSignedIn,
    /// Signing out before the session's last part with the sign-in QR's ticket.
    SignOutNotYet,
    /// An offline sign-in that reached the server after the session's end and
    /// `rules::training::OFFLINE_SIGN_IN_ARRIVAL`.
    OfflineTooLate,
    /// The same for an offline sign-out (its scan or its button).
    OfflineSignOutTooLate,
    /// An offline sign-in whose (phone's) time is before the session opens to sign-ins.
    ScannedBeforeOpen,
    /// The session's trainer signing in to it or taking its quiz.
    OwnSession,
    // The trainer's roster (`sessions`).
    /// A person ticked on the roster who is not invited to the session.
    NotInvitedToSession,
    /// Scores are entered only for a session assessed by the trainer's score.
    ScoresNotAsked,
    /// A sign-out or an hours override for someone who has not signed in.
    PersonNotSignedIn,
    /// A trainer, officer or admin ticking, scoring, reviewing or changing the hours of
    /// themselves (no self-certification, issue 20 §5).
    SelfRecord,
    /// Confirming a back-entry (补录) one took part in.
    SelfConfirm,
    /// Accepting or rejecting a sign-in that is not waiting for review.
    NotPendingReview,
    /// The quiz is for those who signed in to the session.
    QuizNotSignedIn,
    /// The session is assessed otherwise (no quiz, or the trainer's score).
    QuizNotAQuiz,
    /// One attempt per person per session; a retake is in a later session.
    QuizAlreadySubmitted,
    /// The bank has no question of the session's category yet.
    QuizNoQuestions,
    /// A person not cleared for work (未经培训合格不得上岗) is put on a permit in no role:
    /// who, and their first reason (`rules::clearance`).
    NotCleared {
        person: super::clearance::ShortName,
        reason: crate::rules::clearance::Reason,
    },
}

/// `refusal_text_in` in the page's language.
pub fn refusal_text(
    i18n: leptos_i18n::I18nContext<crate::i18n::Locale>,
    r: TrainingRefusal,
) -> String {
    refusal_text_in(i18n.get_locale(), r)
}

/// The kernel's error carries the refusal as `{"training": <reason>}` (`error::Refusal`).
impl crate::error::FeatureRefusal for TrainingRefusal {
    const FEATURE: &'static str = "training";
    fn text_in(&self, locale: crate::i18n::Locale) -> String {
        refusal_text_in(locale, *self)
    }
}

pub fn refusal_text_in(locale: crate::i18n::Locale, r: TrainingRefusal) -> String {
    use crate::i18n::*;
    match r {
        TrainingRefusal::SelfGrant => td_string!(locale, training.refused_self_grant).to_string(),
        TrainingRefusal::CodeExpired
        | TrainingRefusal::NotOpenYet
        | TrainingRefusal::SessionOver
        | TrainingRefusal::NotInvited
        | TrainingRefusal::SessionCancelled
        | TrainingRefusal::OtherEnterprise
        | TrainingRefusal::NotSignedIn
        | TrainingRefusal::SignOutNotYet
        | TrainingRefusal::OfflineTooLate
        | TrainingRefusal::OfflineSignOutTooLate
        | TrainingRefusal::ScannedBeforeOpen
        | TrainingRefusal::OwnSession => super::signin::refusal_words(locale, r)
            .unwrap_or_default()
            .to_owned(),
        TrainingRefusal::NotInvitedToSession => {
            td_string!(locale, sessions.refused_not_invited).to_string()
        }
        TrainingRefusal::ScoresNotAsked => {
            td_string!(locale, sessions.refused_scores_not_asked).to_string()
        }
        TrainingRefusal::PersonNotSignedIn => {
            td_string!(locale, sessions.refused_not_signed_in).to_string()
        }
        TrainingRefusal::SelfRecord => td_string!(locale, sessions.refused_self_record).to_string(),
        TrainingRefusal::SelfConfirm => {
            td_string!(locale, sessions.refused_self_confirm).to_string()
        }
        TrainingRefusal::NotPendingReview => {
            td_string!(locale, sessions.refused_not_pending_review).to_string()
        }
        TrainingRefusal::QuizNotSignedIn => {
            td_string!(locale, quiz.refused_not_signed_in).to_string()
        }
        TrainingRefusal::QuizNotAQuiz => td_string!(locale, quiz.refused_not_a_quiz).to_string(),
        TrainingRefusal::QuizAlreadySubmitted => {
            td_string!(locale, quiz.refused_already_submitted).to_string()
        }
        TrainingRefusal::QuizNoQuestions => {
            td_string!(locale, quiz.refused_no_questions).to_string()
        }
        TrainingRefusal::NotCleared { person, reason } => {
            super::clearance::labels::not_cleared_text_in(locale, person.as_str(), &reason)
        }
    }
}

/// A person's confined-space training, as the qualification page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationRow {
    pub user_id: Uuid,
    pub name: String,
    /// The latest expiry, if any training was ever recorded.
    pub valid_until: Option<String>,
    pub valid: bool,
}

/// An outside certificate recorded by hand: who, which kind, its document number, valid until
/// the end of which day (China time). Passed confined-space sessions record themselves.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QualificationForm {
    pub user_id: String,
    pub valid_until: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub document_ref: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QualificationInput {
    pub user_id: Uuid,
    pub valid_until: OffsetDateTime,
    pub kind: QualificationKind,
    pub document_ref: String,
}

/// 特种作业操作证 are valid six years (reviewed every three): the furthest expiry accepted
/// (特种作业人员安全技术培训考核管理规定 [M]).
pub const SPECIAL_OPERATION_VALID_YEARS: i32 = 6;

#[cfg(feature = "ssr")]
impl QualificationForm {
    pub fn validate(&self, now: OffsetDateTime) -> Result<QualificationInput, AppError> {
        let last_day = input::date(&self.valid_until, TrainingField::ValidUntil)?;
        let valid_until = input::end_of_day(&self.valid_until, TrainingField::ValidUntil)?;
        if valid_until <= now {
            return Err(AppError::invalid(
                TrainingField::ValidUntil,
                Problem::InPast,
            ));
        }
        let user_id = input::uuid(&self.user_id, Field::User)?;
        let kind = match self.kind.trim() {
            "" => {
                return Err(AppError::invalid(
                    TrainingField::QualificationKind,
                    Problem::Required,
                ))
            }
            k => QualificationKind::parse(k).ok_or(AppError::invalid(
                TrainingField::QualificationKind,
                Problem::Invalid,
            ))?,
        };
        let today = now.to_offset(crate::time_fmt::CHINA).date();
        let furthest = match kind {
            QualificationKind::ConfinedSpace => {
                crate::rules::training::confined_space_last_day(today)
            }
            QualificationKind::SpecialOperation => today
                .replace_year(today.year() + SPECIAL_OPERATION_VALID_YEARS)
                .unwrap_or(today),
        };
        input::date_within(last_day, TrainingField::ValidUntil, today, furthest)?;
        let document_ref = input::line(&self.document_ref, TrainingField::DocumentRef, 80, true)?;
        Ok(QualificationInput {
            user_id,
            valid_until,
            kind,
            document_ref,
        })
    }
}

#[cfg(all(test, feature = "ssr"))]
mod form_tests {
    use super::*;

    #[test]
    fn a_qualification_names_a_person_and_a_day_within_twelve_months() {
        let now = time::macros::datetime!(2026-11-30 10:00 +8);
        let form = QualificationForm {
            user_id: Uuid::now_v7().to_string(),
            valid_until: "2027-11-30".into(),
            kind: "confined_space".into(),
            document_ref: "外培字2026-018".into(),
        };
        assert!(form.validate(now).is_ok());
        let too_late = QualificationForm {
            valid_until: "2027-12-01".into(),
            ..form.clone()
        };
        assert_eq!(
            too_late.validate(now),
            Err(AppError::invalid(
                TrainingField::ValidUntil,
                Problem::NotAfter {
                    latest: time::macros::date!(2027 - 11 - 30)
                }
            ))
        );
        let past = QualificationForm {
            valid_until: "2001-01-01".into(),
            ..form.clone()
        };
        assert_eq!(
            past.validate(now),
            Err(AppError::invalid(
                TrainingField::ValidUntil,
                Problem::InPast
            ))
        );
        let nobody = QualificationForm {
            user_id: "x".into(),
            ..form
        };
        assert_eq!(
            nobody.validate(now),
            Err(AppError::invalid(Field::User, Problem::Invalid))
        );
    }

    #[test]
    fn a_certificate_names_its_kind_and_document_and_special_operation_runs_six_years() {
        let now = time::macros::datetime!(2026-11-30 10:00 +8);
        let form = QualificationForm {
            user_id: Uuid::now_v7().to_string(),
            valid_until: "2032-11-30".into(),
            kind: "special_operation".into(),
            document_ref: "T130102198001011234".into(),
        };
        assert_eq!(
            form.validate(now).unwrap().kind,
            QualificationKind::SpecialOperation
        );
        let bad = |f: QualificationForm| f.validate(now).unwrap_err();
        assert_eq!(
            bad(QualificationForm {
                valid_until: "2032-12-01".into(),
                ..form.clone()
            }),
            AppError::invalid(
                TrainingField::ValidUntil,
                Problem::NotAfter {
                    latest: time::macros::date!(2032 - 11 - 30)
                }
            )
        );
        assert_eq!(
            bad(QualificationForm {
                kind: String::new(),
                ..form.clone()
            }),
            AppError::invalid(TrainingField::QualificationKind, Problem::Required)
        );
        assert_eq!(
            bad(QualificationForm {
                kind: "driver".into(),
                ..form.clone()
            }),
            AppError::invalid(TrainingField::QualificationKind, Problem::Invalid)
        );
        assert_eq!(
            bad(QualificationForm {
                document_ref: " ".into(),
                ..form.clone()
            }),
            AppError::invalid(TrainingField::DocumentRef, Problem::Required)
        );
        assert_eq!(
            bad(QualificationForm {
                document_ref: "号".repeat(81),
                ..form
            }),
            AppError::invalid(TrainingField::DocumentRef, Problem::TooLong { max: 80 })
        );
    }
}
