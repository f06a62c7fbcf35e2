//! Taking a quiz: a pass, a fail, unanswered questions, who may take it, a cancelled
//! session, the plain form post.

use super::*;

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
    // The session's trainer never takes its quiz (issue 20 §5: no self-certification).
    assert_eq!(
        service::submit(&pool, &w.trainer, Uuid::now_v7(), session.id, &chosen, now)
            .await
            .map(|r| r.score),
        Err(refused(TrainingRefusal::OwnSession))
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
async fn a_cancelled_sessions_quiz_is_not_taken_but_a_given_result_still_shows(pool: PgPool) {
    let w = World::new(&pool).await;
    let session = w.quiz(&pool, Category::ConfinedSpace, 5).await;
    let now = OffsetDateTime::now_utc();
    // The worker opens the quiz and submits; the other worker signs in, never submits.
    let enterprise = w.trainer.enterprise_id.unwrap();
    fixtures::attend(&pool, &session, w.other.id, session.starts_at).await;
    service::quiz(&pool, &w.worker, session.id).await.unwrap();
    let chosen = answer_first_right(&pool, &session, 5).await;
    let given = service::submit(&pool, &w.worker, Uuid::now_v7(), session.id, &chosen, now)
        .await
        .unwrap();
    crate::training::sessions::service::cancel(&pool, &w.trainer, Uuid::now_v7(), session.id, now)
        .await
        .unwrap();
    let cancelled = AppError::refused(TrainingRefusal::SessionCancelled);
    assert_eq!(
        service::quiz(&pool, &w.other, session.id)
            .await
            .map(|v| v.session_id),
        Err(cancelled.clone())
    );
    assert_eq!(
        service::submit(&pool, &w.other, Uuid::now_v7(), session.id, &chosen, now)
            .await
            .map(|r| r.score),
        Err(cancelled.clone())
    );
    assert!(!holds_valid(&pool, w.other.id).await);
    assert_eq!(
        count(&pool, "select count(*) from training_quiz_attempts").await,
        1
    );
    // The result given before the cancel stays on the worker's page.
    let view = service::quiz(&pool, &w.worker, session.id).await.unwrap();
    assert_eq!(view.attempt, Some(given));
    // A session cancelled before anyone opened its quiz draws none.
    let spec = SessionSpec {
        assessment: Assessment::Quiz,
        pass_mark: Some(60),
        quiz_size: Some(5),
        ..Default::default()
    };
    let unopened = fixtures::session(&pool, enterprise, w.trainer.id, spec).await;
    fixtures::attend(&pool, &unopened, w.worker.id, unopened.starts_at).await;
    crate::training::sessions::service::cancel(&pool, &w.trainer, Uuid::now_v7(), unopened.id, now)
        .await
        .unwrap();
    assert_eq!(
        service::quiz(&pool, &w.worker, unopened.id)
            .await
            .map(|v| v.session_id),
        Err(cancelled.clone())
    );
    assert_eq!(db::drawn(&pool, unopened.id).await.unwrap().len(), 0);
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
    let result: super::super::AttemptResult = serde_json::from_str(&text).unwrap();
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
