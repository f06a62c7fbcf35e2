//! Tests of the quiz: the forms' checks, and database tests of the bank, the draw (once,
//! however many open it at once), submitting (result, qualification, one attempt, retries),
//! refusals and tenant isolation, partly as a phone's plain form posts.

use super::{db, service, starter::STARTER, QuestionForm, QuestionInput, QuizAnswersForm};
use crate::error::AnyField;
use crate::{
    auth::{Role, SessionUser},
    authz_tests::call_with,
    error::{AppError, Problem},
    testing::{self, audit_rows, count},
    training::{
        fixtures::{self, SessionSpec},
        session_db::Session,
        Assessment, Category, QualificationKind, QuestionKind, TrainingRefusal,
    },
};
use sqlx::PgPool;
use std::collections::{BTreeMap, BTreeSet};
use time::OffsetDateTime;
use uuid::Uuid;

fn form(kind: &str, options: &[&str], correct: &[&str]) -> QuestionForm {
    QuestionForm {
        category: "confined_space".into(),
        kind: kind.into(),
        prompt: "进入有限空间前应当先做什么？".into(),
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        correct: correct.iter().map(|c| (*c).to_owned()).collect(),
        basis: "应急管理部令第13号".into(),
    }
}

fn invalid(field: impl Into<AnyField>, problem: Problem) -> Result<QuestionInput, AppError> {
    let field: AnyField = field.into();
    Err(AppError::invalid(field, problem))
}

mod bank;
mod forms;
mod pass_mark;
mod taking;

fn answers(pairs: &[(&str, &[&str])]) -> QuizAnswersForm {
    QuizAnswersForm {
        answers: pairs
            .iter()
            .map(|(p, o)| ((*p).to_owned(), o.iter().map(|s| (*s).to_owned()).collect()))
            .collect(),
    }
}

/// Enterprise A with its starter bank, a trainer, two workers, and B's officer.
struct World {
    trainer: SessionUser,
    worker: SessionUser,
    other: SessionUser,
    foreign: SessionUser,
}

impl World {
    async fn new(pool: &PgPool) -> World {
        let orgs = testing::orgs(pool).await;
        let trainer = testing::user(pool, orgs.a, Role::Trainer, "13500000001").await;
        let worker = testing::user(pool, orgs.a, Role::Worker, "13500000002").await;
        let other = testing::user(pool, orgs.a, Role::Worker, "13500000003").await;
        let foreign = testing::user(pool, orgs.b, Role::SafetyOfficer, "13500000004").await;
        service::install_starter(pool, &trainer, Uuid::now_v7())
            .await
            .unwrap();
        World {
            trainer,
            worker,
            other,
            foreign,
        }
    }

    /// A quiz session of A (pass mark 60, `size` questions) with the worker signed in.
    async fn quiz(&self, pool: &PgPool, category: Category, size: i32) -> Session {
        let spec = SessionSpec {
            category,
            assessment: Assessment::Quiz,
            pass_mark: Some(60),
            quiz_size: Some(size),
            ..Default::default()
        };
        let enterprise = self.trainer.enterprise_id.unwrap();
        let session = fixtures::session(pool, enterprise, self.trainer.id, spec).await;
        fixtures::attend(pool, &session, self.worker.id, session.starts_at).await;
        session
    }
}

/// Answers to the drawn quiz: the right options for the first `right` questions, a wrong
/// (or partial) choice for the rest.
async fn answer_first_right(
    pool: &PgPool,
    session: &Session,
    right: usize,
) -> BTreeMap<u32, BTreeSet<u8>> {
    let drawn = db::drawn(pool, session.id).await.unwrap();
    drawn
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let correct: BTreeSet<u8> = d.correct.iter().map(|&c| c as u8).collect();
            let chosen = if i < right {
                correct
            } else if d.question.kind == QuestionKind::Multiple {
                // Partial: all but one of the right options.
                correct.iter().skip(1).copied().collect()
            } else {
                let wrong = (0..d.question.options.len() as u8)
                    .find(|o| !correct.contains(o))
                    .unwrap();
                BTreeSet::from([wrong])
            };
            (d.question.position as u32, chosen)
        })
        .collect()
}

async fn holds_valid(pool: &PgPool, user: Uuid) -> bool {
    let mut conn = pool.acquire().await.unwrap();
    crate::training::db::holds_valid(
        &mut conn,
        user,
        QualificationKind::ConfinedSpace,
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap()
}
