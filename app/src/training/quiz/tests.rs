//! Tests of the quiz: the forms' checks, and database tests of the bank, the draw (once,
//! however many open it at once), submitting (result, qualification, one attempt, retries),
//! refusals and tenant isolation, partly as a phone's plain form posts.

use super::{db, service, starter::STARTER, QuestionForm, QuestionInput, QuizAnswersForm};
use crate::{
    auth::{Role, SessionUser},
    authz_tests::call_with,
    error::{AppError, Field, Problem},
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

fn invalid(field: Field, problem: Problem) -> Result<QuestionInput, AppError> {
    Err(AppError::invalid(field, problem))
}

#[test]
fn a_question_form_names_the_field_it_gets_wrong() {
    let ok = form("single", &["检测", "通风", "", ""], &["1"])
        .validate()
        .unwrap();
    assert_eq!(ok.options, vec!["检测", "通风"]);
    assert_eq!(ok.correct, vec![1]);
    // A blank option between two is dropped and the tick follows its option.
    let gap = form("multiple", &["通风", "", "检测", "作业"], &["0", "2"]).validate();
    assert_eq!(gap.unwrap().correct, vec![0, 1]);

    let bad = |f: QuestionForm| f.validate();
    let mut f = form("single", &["a", "b"], &["0"]);
    f.category = "cooking".into();
    assert_eq!(bad(f), invalid(Field::Category, Problem::Invalid));
    assert_eq!(
        bad(form("essay", &["a", "b"], &["0"])),
        invalid(Field::QuestionKind, Problem::Invalid)
    );
    let mut f = form("single", &["a", "b"], &["0"]);
    f.prompt = " ".into();
    assert_eq!(bad(f), invalid(Field::QuestionPrompt, Problem::Required));
    let mut f = form("single", &["a", "b"], &["0"]);
    f.prompt = "题".repeat(301);
    assert_eq!(
        bad(f),
        invalid(Field::QuestionPrompt, Problem::TooLong { max: 300 })
    );
    let mut f = form("single", &["a", "b"], &["0"]);
    f.prompt = "先通风\u{0}".into();
    assert_eq!(bad(f), invalid(Field::QuestionPrompt, Problem::Invalid));
    assert_eq!(
        bad(form("single", &["a", "", ""], &["0"])),
        invalid(Field::QuestionOptions, Problem::Invalid)
    );
    assert_eq!(
        bad(form("single", &["a", "b", "c", "d", "e", "f", "g"], &["0"])),
        invalid(Field::QuestionOptions, Problem::Invalid)
    );
    assert_eq!(
        bad(form("single", &["a", &"长".repeat(101)], &["0"])),
        invalid(Field::QuestionOptions, Problem::TooLong { max: 100 })
    );
    assert_eq!(
        bad(form("single", &["a", "b\u{7}"], &["0"])),
        invalid(Field::QuestionOptions, Problem::Invalid)
    );
    assert_eq!(
        bad(form("true_false", &["正确", "错误", "不知道"], &["0"])),
        invalid(Field::QuestionOptions, Problem::Invalid)
    );
    assert_eq!(
        bad(form("single", &["a", "b"], &[])),
        invalid(Field::QuestionCorrect, Problem::Required)
    );
    assert_eq!(
        bad(form("single", &["a", "b"], &["0", "1"])),
        invalid(Field::QuestionCorrect, Problem::Invalid)
    );
    assert_eq!(
        bad(form("true_false", &["正确", "错误"], &["0", "1"])),
        invalid(Field::QuestionCorrect, Problem::Invalid)
    );
    assert_eq!(
        bad(form("multiple", &["a", "b", "c"], &["1"])),
        invalid(Field::QuestionCorrect, Problem::Invalid)
    );
    // A tick next to a blank option, or beyond the form.
    assert_eq!(
        bad(form("single", &["a", "b", ""], &["2"])),
        invalid(Field::QuestionCorrect, Problem::Invalid)
    );
    assert_eq!(
        bad(form("single", &["a", "b"], &["x"])),
        invalid(Field::QuestionCorrect, Problem::Invalid)
    );
    let mut f = form("single", &["a", "b"], &["0"]);
    f.basis = "据".repeat(201);
    assert_eq!(
        bad(f),
        invalid(Field::QuestionBasis, Problem::TooLong { max: 200 })
    );
}

fn answers(pairs: &[(&str, &[&str])]) -> QuizAnswersForm {
    QuizAnswersForm {
        answers: pairs
            .iter()
            .map(|(p, o)| ((*p).to_owned(), o.iter().map(|s| (*s).to_owned()).collect()))
            .collect(),
    }
}

#[test]
fn a_quiz_form_refuses_nothing_chosen_and_foreign_values() {
    let chosen = answers(&[("1", &["0"]), ("2", &["1", "3"]), ("3", &[])])
        .validate()
        .unwrap();
    assert_eq!(chosen.len(), 2);
    assert_eq!(chosen[&2], BTreeSet::from([1, 3]));
    let required = Err(AppError::invalid(Field::QuizAnswers, Problem::Required));
    assert_eq!(answers(&[]).validate(), required);
    assert_eq!(answers(&[("1", &[])]).validate(), required);
    let invalid = Err(AppError::invalid(Field::QuizAnswers, Problem::Invalid));
    for bad in [
        answers(&[("x", &["0"])]),
        answers(&[("0", &["0"])]),
        answers(&[("51", &["0"])]),
        answers(&[("1", &["6"])]),
        answers(&[("1", &["-1"])]),
        answers(&[("1", &["a"])]),
    ] {
        assert_eq!(bad.validate(), invalid, "{bad:?}");
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

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_starter_bank_installs_once_and_only_for_keepers(pool: PgPool) {
    let w = World::new(&pool).await;
    let total = STARTER.len() as i64;
    assert_eq!(
        count(&pool, "select count(*) from training_questions").await,
        total
    );
    let again = service::install_starter(&pool, &w.trainer, Uuid::now_v7()).await;
    assert_eq!(again, Ok(0));
    assert_eq!(
        count(&pool, "select count(*) from training_questions").await,
        total
    );
    assert_eq!(audit_rows(&pool, "training.question_install").await, 1);
    assert_eq!(
        service::install_starter(&pool, &w.worker, Uuid::now_v7()).await,
        Err(AppError::Forbidden)
    );
    let bank = service::bank(&pool, &w.trainer, Some(Category::ConfinedSpace))
        .await
        .unwrap();
    assert!(bank.len() >= 20);
    assert!(bank.iter().all(|q| q.category == Category::ConfinedSpace));
    assert_eq!(
        service::bank(&pool, &w.worker, None).await,
        Err(AppError::Forbidden)
    );
    // B's bank is its own: empty until B installs it.
    assert_eq!(service::bank(&pool, &w.foreign, None).await, Ok(vec![]));
    service::install_starter(&pool, &w.foreign, Uuid::now_v7())
        .await
        .unwrap();
    assert_eq!(
        count(&pool, "select count(*) from training_questions").await,
        2 * total
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn questions_are_added_once_per_submission_and_taken_out(pool: PgPool) {
    let w = World::new(&pool).await;
    let input = form("multiple", &["通风", "检测", "喝水"], &["0", "1"])
        .validate()
        .unwrap();
    let client = Uuid::now_v7();
    let id = service::add_question(&pool, &w.trainer, client, &input)
        .await
        .unwrap();
    assert_eq!(
        service::add_question(&pool, &w.trainer, client, &input).await,
        Ok(id)
    );
    let other = QuestionInput {
        prompt: "另一道题".into(),
        ..input.clone()
    };
    assert_eq!(
        service::add_question(&pool, &w.trainer, client, &other).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(audit_rows(&pool, "training.question_create").await, 1);
    let bank = service::bank(&pool, &w.trainer, None).await.unwrap();
    let added = bank.iter().find(|q| q.id == id).unwrap();
    assert_eq!(added.correct, vec![0, 1]);
    assert_eq!(added.options, vec!["通风", "检测", "喝水"]);

    // Another enterprise cannot take it out; its keeper can, once.
    assert_eq!(
        service::deactivate_question(&pool, &w.foreign, Uuid::now_v7(), id).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::deactivate_question(&pool, &w.worker, Uuid::now_v7(), id).await,
        Err(AppError::Forbidden)
    );
    for _ in 0..2 {
        service::deactivate_question(&pool, &w.trainer, Uuid::now_v7(), id)
            .await
            .unwrap();
    }
    assert_eq!(audit_rows(&pool, "training.question_deactivate").await, 1);
    let bank = service::bank(&pool, &w.trainer, None).await.unwrap();
    assert!(bank.iter().all(|q| q.id != id));
    // A quiz drawing the whole bank no longer draws it.
    let session = w.quiz(&pool, Category::ConfinedSpace, 50).await;
    service::quiz(&pool, &w.worker, session.id).await.unwrap();
    let drawn_it: bool = sqlx::query_scalar(
        "select exists (select 1 from training_quiz_questions where question_id = $1)",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(!drawn_it);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn bad_question_forms_answer_field_errors_and_save_nothing(pool: PgPool) {
    let w = World::new(&pool).await;
    let before = count(&pool, "select count(*) from training_questions").await;
    let c = Uuid::now_v7();
    let bodies = [
        (format!("client_id={c}&form[category]=confined_space&form[kind]=single&form[prompt]=&form[options][0]=a&form[options][1]=b&form[correct][]=0"), "question_prompt"),
        (format!("client_id={c}&form[category]=confined_space&form[kind]=single&form[prompt]=q&form[options][0]=a&form[correct][]=0"), "question_options"),
        (format!("client_id={c}&form[category]=confined_space&form[kind]=single&form[prompt]=q&form[options][0]=a&form[options][1]=b"), "question_correct"),
        (format!("client_id={c}&form[category]=confined_space&form[kind]=single&form[prompt]=q%00&form[options][0]=a&form[options][1]=b&form[correct][]=0"), "question_prompt"),
        (format!("client_id={c}&form[category]=nope&form[kind]=single&form[prompt]=q&form[options][0]=a&form[options][1]=b&form[correct][]=0"), "category"),
        (format!("client_id={c}&form[category]=confined_space&form[kind]=single&form[prompt]=q&form[options][0]=a&form[options][1]=b&form[correct][]=5"), "question_correct"),
    ];
    for (body, field) in bodies {
        let (status, text) = call_with(
            &pool,
            "v1/training/questions/create",
            Some(&w.trainer),
            body,
        )
        .await;
        assert_eq!(status, 422, "{text}");
        assert!(text.contains(field), "{field}: {text}");
    }
    assert_eq!(
        count(&pool, "select count(*) from training_questions").await,
        before
    );
    assert_eq!(audit_rows(&pool, "training.question_create").await, 0);
    // The same form, filled in, is stored with its ticks.
    let body = format!("client_id={c}&form[category]=confined_space&form[kind]=true_false&form[prompt]=%E7%9B%91%E6%8A%A4%E4%BA%BA%E5%8F%AF%E4%BB%A5%E7%A6%BB%E5%BC%80&form[options][0]=%E6%AD%A3%E7%A1%AE&form[options][1]=%E9%94%99%E8%AF%AF&form[correct][]=1&form[basis]=13");
    let (status, text) = call_with(
        &pool,
        "v1/training/questions/create",
        Some(&w.trainer),
        body,
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let correct: Vec<i16> = sqlx::query_scalar(
        "select correct from training_questions where prompt = '监护人可以离开'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(correct, vec![1]);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn two_first_openings_at_once_draw_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let session = w.quiz(&pool, Category::ConfinedSpace, 10).await;
    fixtures::attend(&pool, &session, w.other.id, session.starts_at).await;
    let (a, b) = tokio::join!(
        service::quiz(&pool, &w.worker, session.id),
        service::quiz(&pool, &w.other, session.id)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.questions.len(), 10);
    assert_eq!(a.questions, b.questions);
    assert_eq!(
        count(&pool, "select count(*) from training_quiz_questions").await,
        10
    );
    // Two more openings at once (drawn already) change nothing.
    let (c, d) = tokio::join!(
        service::ensure_drawn(&pool, &session),
        service::ensure_drawn(&pool, &session)
    );
    assert_eq!(c.unwrap().len(), 10);
    assert_eq!(d.unwrap().len(), 10);
    // Both openings of another session saw nothing drawn and draw at once: the second waits
    // for the first's lock and finds its draw.
    let second = w.quiz(&pool, Category::ConfinedSpace, 10).await;
    let (e, f) = tokio::join!(
        service::draw_if_none(&pool, &second),
        service::draw_if_none(&pool, &second)
    );
    assert_eq!((e, f), (Ok(()), Ok(())));
    assert_eq!(
        count(&pool, "select count(*) from training_quiz_questions").await,
        20
    );
    // The drawn questions are active confined-space ones, each once.
    let distinct_cs: i64 = sqlx::query_scalar(
        "select count(distinct q.id) from training_quiz_questions d
         join training_questions q on q.id = d.question_id
         where d.session_id = $1 and q.category = 'confined_space'",
    )
    .bind(session.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(distinct_cs, 10);
    // The view carries no right answers.
    let json = serde_json::to_string(&a).unwrap();
    assert!(!json.contains("correct\""), "{json}");
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_small_bank_gives_all_it_has_and_an_empty_one_says_so(pool: PgPool) {
    let w = World::new(&pool).await;
    let induction = STARTER.iter().filter(|q| q.category.is_induction()).count();
    // A 班组级 session draws from the induction banks (stored under 厂级).
    let team = w.quiz(&pool, Category::InductionTeam, 50).await;
    let view = service::quiz(&pool, &w.worker, team.id).await.unwrap();
    assert_eq!(view.questions.len(), induction);
    // No daily questions: nothing drawn, the page says so, a submission is refused.
    let daily = w.quiz(&pool, Category::Daily, 5).await;
    let view = service::quiz(&pool, &w.worker, daily.id).await.unwrap();
    assert!(view.questions.is_empty());
    let chosen = BTreeMap::from([(1, BTreeSet::from([0]))]);
    let now = OffsetDateTime::now_utc();
    assert_eq!(
        service::submit(&pool, &w.worker, Uuid::now_v7(), daily.id, &chosen, now).await,
        Err(AppError::refused(TrainingRefusal::QuizNoQuestions))
    );
    // Once the bank has a daily question, the next opening draws it.
    let mut f = form("single", &["a", "b"], &["0"]);
    f.category = "daily".into();
    service::add_question(&pool, &w.trainer, Uuid::now_v7(), &f.validate().unwrap())
        .await
        .unwrap();
    let view = service::quiz(&pool, &w.worker, daily.id).await.unwrap();
    assert_eq!(view.questions.len(), 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_pass_stores_the_attempt_the_result_and_the_qualification(pool: PgPool) {
    let w = World::new(&pool).await;
    let session = w.quiz(&pool, Category::ConfinedSpace, 10).await;
    service::quiz(&pool, &w.worker, session.id).await.unwrap();
    assert!(!holds_valid(&pool, w.worker.id).await);
    let chosen = answer_first_right(&pool, &session, 10).await;
    let client = Uuid::now_v7();
    let now = OffsetDateTime::now_utc();
    let result = service::submit(&pool, &w.worker, client, session.id, &chosen, now)
        .await
        .unwrap();
    assert_eq!((result.score, result.passed), (100, true));
    assert_eq!((result.correct_count, result.question_count), (10, 10));
    assert!(result.wrong.is_empty());
    assert!(holds_valid(&pool, w.worker.id).await);
    let (score, passed, by): (Option<i32>, Option<bool>, Option<String>) = sqlx::query_as(
        "select score, passed, assessed_by from training_attendance
         where session_id = $1 and user_id = $2",
    )
    .bind(session.id)
    .bind(w.worker.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        (score, passed, by.as_deref()),
        (Some(100), Some(true), Some("quiz"))
    );

    // The same submission again answers as the first and stores nothing more.
    let retried = service::submit(&pool, &w.worker, client, session.id, &chosen, now).await;
    assert_eq!(retried, Ok(result.clone()));
    assert_eq!(
        count(&pool, "select count(*) from training_quiz_attempts").await,
        1
    );
    assert_eq!(audit_rows(&pool, "training.quiz_submit").await, 1);
    // A second attempt is refused, whatever its answers.
    let wrong = answer_first_right(&pool, &session, 0).await;
    assert_eq!(
        service::submit(&pool, &w.worker, Uuid::now_v7(), session.id, &wrong, now).await,
        Err(AppError::refused(TrainingRefusal::QuizAlreadySubmitted))
    );
    assert_eq!(
        count(&pool, "select count(*) from training_quiz_attempts").await,
        1
    );
    assert!(holds_valid(&pool, w.worker.id).await);
    // The page now shows the result.
    let view = service::quiz(&pool, &w.worker, session.id).await.unwrap();
    assert_eq!(view.attempt, Some(result));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_fail_records_the_score_and_no_qualification(pool: PgPool) {
    let w = World::new(&pool).await;
    let session = w.quiz(&pool, Category::ConfinedSpace, 10).await;
    service::quiz(&pool, &w.worker, session.id).await.unwrap();
    // Five right, five wrong (a multiple-choice question answered in part counts wrong).
    let chosen = answer_first_right(&pool, &session, 5).await;
    let now = OffsetDateTime::now_utc();
    let result = service::submit(&pool, &w.worker, Uuid::now_v7(), session.id, &chosen, now)
        .await
        .unwrap();
    assert_eq!((result.score, result.passed), (50, false));
    assert_eq!(result.wrong, vec![6, 7, 8, 9, 10]);
    assert!(!holds_valid(&pool, w.worker.id).await);
    let passed: Option<bool> = sqlx::query_scalar(
        "select passed from training_attendance where session_id = $1 and user_id = $2",
    )
    .bind(session.id)
    .bind(w.worker.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(passed, Some(false));
    assert_eq!(count(&pool, "select count(*) from qualifications").await, 0);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn unanswered_questions_count_wrong(pool: PgPool) {
    let w = World::new(&pool).await;
    let session = w.quiz(&pool, Category::ConfinedSpace, 4).await;
    service::quiz(&pool, &w.worker, session.id).await.unwrap();
    let mut chosen = answer_first_right(&pool, &session, 4).await;
    chosen.remove(&4);
    let now = OffsetDateTime::now_utc();
    let result = service::submit(&pool, &w.worker, Uuid::now_v7(), session.id, &chosen, now)
        .await
        .unwrap();
    assert_eq!(
        (result.score, result.passed, result.wrong),
        (75, true, vec![4])
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_those_signed_in_take_the_quiz_of_their_own_enterprise(pool: PgPool) {
    let w = World::new(&pool).await;
    let session = w.quiz(&pool, Category::ConfinedSpace, 5).await;
    let refused = |r: TrainingRefusal| AppError::refused(r);
    assert_eq!(
        service::quiz(&pool, &w.other, session.id).await,
        Err(refused(TrainingRefusal::QuizNotSignedIn))
    );
    // The trainer, not signed in, previews the questions.
    let preview = service::quiz(&pool, &w.trainer, session.id).await.unwrap();
    assert!(preview.preview && preview.questions.len() == 5);
    let chosen = answer_first_right(&pool, &session, 5).await;
    let now = OffsetDateTime::now_utc();
    assert_eq!(
        service::submit(&pool, &w.other, Uuid::now_v7(), session.id, &chosen, now)
            .await
            .map(|r| r.score),
        Err(refused(TrainingRefusal::QuizNotSignedIn))
    );
    assert_eq!(
        service::submit(&pool, &w.trainer, Uuid::now_v7(), session.id, &chosen, now)
            .await
            .map(|r| r.score),
        Err(refused(TrainingRefusal::QuizNotSignedIn))
    );
    // Another enterprise's officer: no such session.
    assert_eq!(
        service::quiz(&pool, &w.foreign, session.id).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::submit(&pool, &w.foreign, Uuid::now_v7(), session.id, &chosen, now)
            .await
            .map(|r| r.score),
        Err(AppError::NotFound)
    );
    // A session assessed by the trainer's score has no quiz.
    let enterprise = w.trainer.enterprise_id.unwrap();
    let scored = fixtures::session(&pool, enterprise, w.trainer.id, SessionSpec::default()).await;
    fixtures::attend(&pool, &scored, w.worker.id, scored.starts_at).await;
    assert_eq!(
        service::quiz(&pool, &w.worker, scored.id).await,
        Err(refused(TrainingRefusal::QuizNotAQuiz))
    );
    assert_eq!(
        service::submit(&pool, &w.worker, Uuid::now_v7(), scored.id, &chosen, now)
            .await
            .map(|r| r.score),
        Err(refused(TrainingRefusal::QuizNotAQuiz))
    );
    assert_eq!(
        count(&pool, "select count(*) from training_quiz_attempts").await,
        0
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_quiz_is_answered_by_a_plain_form_post(pool: PgPool) {
    let w = World::new(&pool).await;
    let session = w.quiz(&pool, Category::ConfinedSpace, 3).await;
    // Nothing chosen: a field error, nothing stored.
    let body = format!("client_id={}&session_id={}", Uuid::now_v7(), session.id);
    let (status, text) = call_with(&pool, "v1/training/quiz_submit", Some(&w.worker), body).await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("quiz_answers"), "{text}");
    service::quiz(&pool, &w.worker, session.id).await.unwrap();
    let chosen = answer_first_right(&pool, &session, 3).await;
    let mut body = format!("client_id={}&session_id={}", Uuid::now_v7(), session.id);
    for (position, options) in &chosen {
        for o in options {
            body.push_str(&format!("&form[answers][{position}][]={o}"));
        }
    }
    let (status, text) = call_with(&pool, "v1/training/quiz_submit", Some(&w.worker), body).await;
    assert_eq!(status, 200, "{text}");
    let result: super::AttemptResult = serde_json::from_str(&text).unwrap();
    assert_eq!((result.score, result.passed), (100, true));
    let stored: serde_json::Value =
        sqlx::query_scalar("select answers from training_quiz_attempts")
            .fetch_one(&pool)
            .await
            .unwrap();
    let stored: Vec<db::StoredAnswer> = serde_json::from_value(stored).unwrap();
    for a in stored {
        let posted: Vec<u8> = chosen[&(a.position as u32)].iter().copied().collect();
        assert_eq!(a.chosen, posted);
        assert!(a.right);
    }
}
