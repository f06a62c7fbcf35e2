//! Who keeps the question bank and who takes a quiz, and the steps: installing the starter
//! bank, adding and deactivating a question, drawing a session's quiz once, and submitting.

use super::{
    db::{self, Drawn, StoredAnswer},
    grade::{self, Key},
    starter::STARTER,
    AttemptResult, BankQuestion, QuestionInput, QuizView,
};
use crate::training::TrainingAction;
use crate::{
    audit::step::{AuditedTx, StepSpec},
    auth::{Role, SessionUser},
    error::AppError,
    fresh_or,
    training::{
        results::{self, Outcome},
        session_db::{self, Session},
        sessions::service::not_cancelled,
        AssessedBy, Assessment, Category, TrainingRefusal,
    },
};
use serde_json::json;
use sqlx::PgPool;
use std::collections::{BTreeMap, BTreeSet};
use time::OffsetDateTime;
use uuid::Uuid;

/// Who keeps the bank: trainers, safety officers and enterprise admins.
pub const KEEPERS: &[Role] = &[Role::Trainer, Role::SafetyOfficer, Role::EnterpriseAdmin];
/// Who may take a quiz: anyone of the enterprise who signed in to the session.
pub const TAKERS: &[Role] = &[
    Role::Worker,
    Role::SafetyOfficer,
    Role::Trainer,
    Role::EnterpriseAdmin,
];

pub async fn bank(
    pool: &PgPool,
    actor: &SessionUser,
    category: Option<Category>,
) -> Result<Vec<BankQuestion>, AppError> {
    actor.require_role(KEEPERS)?;
    Ok(db::active_questions(pool, actor.enterprise()?, category).await?)
}

/// The audit detail of `training.question_install`: what a retry answers.
#[derive(serde::Serialize, serde::Deserialize)]
struct InstallDetail {
    added: u64,
    starter: usize,
}

/// Installs the starter bank; returns how many questions it added (0 the second time, with
/// no audit row: nothing changed).
pub async fn install_starter(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
) -> Result<u64, AppError> {
    let spec = StepSpec {
        action: TrainingAction::QuestionInstall.into(),
        roles: KEEPERS,
        client_id,
        subject: None,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| prior
        .detail_as::<InstallDetail>()
        .map(|d| d.added));
    let enterprise_id = tx.enterprise_id;
    let added = db::install_starter(tx.conn(), enterprise_id, actor.id, STARTER).await?;
    if added == 0 {
        tx.unchanged().await?;
        return Ok(0);
    }
    let detail = InstallDetail {
        added,
        starter: STARTER.len(),
    };
    tx.commit(serde_json::to_value(detail).map_err(|_| AppError::Internal)?)
        .await?;
    Ok(added)
}

pub async fn add_question(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    input: &QuestionInput,
) -> Result<Uuid, AppError> {
    let spec = StepSpec {
        action: TrainingAction::QuestionCreate.into(),
        roles: KEEPERS,
        client_id,
        subject: None,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| {
        prior.require("prompt", &input.prompt)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    let id = Uuid::now_v7();
    let enterprise_id = tx.enterprise_id;
    db::insert_question(tx.conn(), id, enterprise_id, actor.id, input).await?;
    let detail = json!({ "prompt": input.prompt, "category": input.category, "kind": input.kind });
    tx.created(id, detail).await?;
    Ok(id)
}

/// Takes the question out of the bank: future quizzes no longer draw it; quizzes that drew
/// it keep it (their attempts are graded against it).
pub async fn deactivate_question(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
) -> Result<(), AppError> {
    let spec = StepSpec {
        action: TrainingAction::QuestionDeactivate.into(),
        roles: KEEPERS,
        client_id,
        subject: Some(id),
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |_prior| Ok(()));
    let enterprise_id = tx.enterprise_id;
    match db::lock_question(tx.conn(), enterprise_id, id).await? {
        None => Err(AppError::NotFound),
        Some(false) => tx.unchanged().await,
        Some(true) => {
            db::deactivate(tx.conn(), id).await?;
            tx.commit(json!({})).await
        }
    }
}

/// The enterprise's quiz session `id`: `NotFound` for another enterprise's, refused when the
/// session is assessed otherwise.
async fn quiz_session(pool: &PgPool, actor: &SessionUser, id: Uuid) -> Result<Session, AppError> {
    let session = session_db::session(pool, actor.enterprise()?, id, false)
        .await?
        .ok_or(AppError::NotFound)?;
    if session.assessment != Assessment::Quiz {
        return Err(AppError::refused(TrainingRefusal::QuizNotAQuiz));
    }
    Ok(session)
}

/// The session's drawn questions, drawing them the first time (`draw_if_none`).
pub async fn ensure_drawn(pool: &PgPool, session: &Session) -> Result<Vec<Drawn>, AppError> {
    if db::drawn_count(pool, session.id).await? == 0 {
        draw_if_none(pool, session).await?;
    }
    Ok(db::drawn(pool, session.id).await?)
}

/// Draws the session's quiz unless it was drawn: at random, `quiz_size` of the active
/// questions of its bank (all when the bank has fewer; none when it is empty, and the next
/// opening tries again). Two first openings at once draw once: the second waits for the
/// session row's lock and then finds the first's draw.
pub async fn draw_if_none(pool: &PgPool, session: &Session) -> Result<(), AppError> {
    let categories = db::bank_categories(session.category);
    let size = session.quiz_size.unwrap_or(1);
    let n = db::draw_once(pool, session.enterprise_id, session.id, &categories, size).await?;
    if n > 0 {
        tracing::info!(session = %session.id, drawn = n, "quiz drawn");
    }
    Ok(())
}

/// The quiz page: the questions (without their answers) and the person's result if they
/// submitted. A keeper of the bank who did not sign in sees a preview; anyone else who did
/// not sign in is refused.
pub async fn quiz(pool: &PgPool, actor: &SessionUser, id: Uuid) -> Result<QuizView, AppError> {
    actor.require_role(TAKERS)?;
    let session = quiz_session(pool, actor, id).await?;
    // The session's trainer sees a preview, never a quiz to take (no self-certification).
    let attended =
        session.trainer_id != actor.id && db::attended(pool, session.id, actor.id).await?;
    if !attended && !KEEPERS.contains(&actor.role) {
        return Err(AppError::refused(TrainingRefusal::QuizNotSignedIn));
    }
    let attempt = db::attempt(pool, session.id, actor.id)
        .await?
        .map(attempt_result);
    // A cancelled session's quiz is not taken (nor drawn); a result already given still shows.
    if attempt.is_none() {
        not_cancelled(&session)?;
    }
    let drawn = ensure_drawn(pool, &session).await?;
    Ok(QuizView {
        session_id: session.id,
        title: session.title,
        category: session.category,
        pass_mark: session.pass_mark.unwrap_or(0),
        questions: drawn.into_iter().map(|d| d.question).collect(),
        attempt,
        preview: !attended,
    })
}

fn attempt_result(row: db::AttemptRow) -> AttemptResult {
    AttemptResult {
        attempt_id: row.id,
        score: row.score,
        passed: row.passed,
        correct_count: row.correct_count,
        question_count: row.question_count,
        wrong: row
            .answers
            .0
            .iter()
            .filter(|a| !a.right)
            .map(|a| a.position)
            .collect(),
    }
}

/// Grades and stores the person's one attempt, and records the result (which fills the
/// confined-space qualification on a pass). A retry of the same submission answers as the
/// first did; another submission for the same session is refused.
pub async fn submit(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    session_id: Uuid,
    chosen: &BTreeMap<u32, BTreeSet<u8>>,
    now: OffsetDateTime,
) -> Result<AttemptResult, AppError> {
    let spec = StepSpec {
        action: TrainingAction::QuizSubmit.into(),
        roles: TAKERS,
        client_id,
        subject: None,
    };
    let mut tx = fresh_or!(AuditedTx::begin(pool, actor, spec).await?, |prior| {
        prior.require("session", session_id)?;
        let attempt_id = prior.subject_id.ok_or(AppError::Internal)?;
        let row = db::attempt_by_id(pool, actor.enterprise()?, attempt_id)
            .await?
            .ok_or(AppError::Internal)?;
        Ok(attempt_result(row))
    });
    let enterprise_id = tx.enterprise_id;
    let session = session_db::session(tx.conn(), enterprise_id, session_id, false)
        .await?
        .ok_or(AppError::NotFound)?;
    if session.assessment != Assessment::Quiz {
        return Err(AppError::refused(TrainingRefusal::QuizNotAQuiz));
    }
    // Read without a lock: a submission racing the cancel reads as one made just before it.
    not_cancelled(&session)?;
    // Whoever runs the session as its trainer does not grade themselves (issue 20 §5).
    if session.trainer_id == actor.id {
        return Err(AppError::refused(TrainingRefusal::OwnSession));
    }
    if !db::lock_attendance(tx.conn(), session.id, actor.id).await? {
        return Err(AppError::refused(TrainingRefusal::QuizNotSignedIn));
    }
    if db::attempt(tx.conn(), session.id, actor.id)
        .await?
        .is_some()
    {
        return Err(AppError::refused(TrainingRefusal::QuizAlreadySubmitted));
    }
    let drawn = db::drawn(tx.conn(), session.id).await?;
    if drawn.is_empty() {
        return Err(AppError::refused(TrainingRefusal::QuizNoQuestions));
    }
    let keys: Vec<Key> = drawn
        .iter()
        .map(|d| Key {
            options: d.question.options.len(),
            correct: d.correct.iter().map(|&c| c as u8).collect(),
        })
        .collect();
    // Answers for positions the quiz does not have are no answers of this quiz.
    let last = drawn.len() as u32;
    if chosen.keys().any(|&p| p > last) {
        return Err(AppError::invalid(
            crate::training::TrainingField::QuizAnswers,
            crate::error::Problem::Invalid,
        ));
    }
    let answers: Vec<BTreeSet<u8>> = drawn
        .iter()
        .map(|d| {
            chosen
                .get(&(d.question.position as u32))
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    let graded = grade::grade(&keys, &answers)?;
    let pass_mark = session.pass_mark.unwrap_or(0);
    let passed = graded.passed(pass_mark);
    let attempt = db::NewAttempt {
        id: Uuid::now_v7(),
        session_id: session.id,
        user_id: actor.id,
        enterprise_id,
        answers: drawn
            .iter()
            .zip(&answers)
            .zip(&graded.right)
            .map(|((d, a), right)| StoredAnswer {
                position: d.question.position,
                chosen: a.iter().copied().collect(),
                right: *right,
            })
            .collect(),
        correct_count: graded.correct_count,
        question_count: graded.question_count,
        score: graded.score,
        passed,
        client_id,
    };
    db::insert_attempt(tx.conn(), &attempt).await?;
    let outcome = Outcome {
        user_id: actor.id,
        score: Some(graded.score),
        passed,
        by: AssessedBy::Quiz,
        at: now,
        recorded_by: actor.id,
    };
    results::record(tx.conn(), &session, &outcome).await?;
    let result = AttemptResult {
        attempt_id: attempt.id,
        score: graded.score,
        passed,
        correct_count: graded.correct_count,
        question_count: graded.question_count,
        wrong: attempt
            .answers
            .iter()
            .filter(|a| !a.right)
            .map(|a| a.position)
            .collect(),
    };
    let detail = json!({
        "session": session.id,
        "score": graded.score,
        "passed": passed,
        "correct": graded.correct_count,
        "total": graded.question_count,
    });
    tx.created(attempt.id, detail).await?;
    Ok(result)
}
