//! The pass mark against the exact share right, through the database: 39 of 49 (79.59 %) at a
//! pass mark of 80 is a fail and fills no confined-space qualification; 40 of 50 passes.

use super::*;

/// A confined-space quiz of A with pass mark 80 and `size` questions (the bank topped up with
/// single-choice questions), the worker signed in and the quiz drawn.
async fn quiz_at_80(pool: &PgPool, w: &World, size: i32) -> Session {
    for i in 0..30 {
        let input = QuestionForm {
            prompt: format!("有限空间作业补充题{i}"),
            ..form("single", &["对", "错"], &["0"])
        }
        .validate()
        .unwrap();
        service::add_question(pool, &w.trainer, Uuid::now_v7(), &input)
            .await
            .unwrap();
    }
    let spec = SessionSpec {
        category: Category::ConfinedSpace,
        assessment: Assessment::Quiz,
        pass_mark: Some(80),
        quiz_size: Some(size),
        ..Default::default()
    };
    let enterprise = w.trainer.enterprise_id.unwrap();
    let session = fixtures::session(pool, enterprise, w.trainer.id, spec).await;
    fixtures::attend(pool, &session, w.worker.id, session.starts_at).await;
    service::quiz(pool, &w.worker, session.id).await.unwrap();
    assert_eq!(
        db::drawn(pool, session.id).await.unwrap().len(),
        size as usize
    );
    session
}

async fn stored_pass(pool: &PgPool, session: &Session, user: Uuid) -> (Option<i32>, Option<bool>) {
    sqlx::query_as(
        "select score, passed from training_attendance where session_id = $1 and user_id = $2",
    )
    .bind(session.id)
    .bind(user)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn thirty_nine_of_forty_nine_fails_a_pass_mark_of_80_and_clears_no_one(pool: PgPool) {
    let w = World::new(&pool).await;
    let session = quiz_at_80(&pool, &w, 49).await;
    let chosen = answer_first_right(&pool, &session, 39).await;
    let now = OffsetDateTime::now_utc();
    let result = service::submit(&pool, &w.worker, Uuid::now_v7(), session.id, &chosen, now)
        .await
        .unwrap();
    assert_eq!((result.correct_count, result.question_count), (39, 49));
    // 79.59 %: shown as 79, never as an 80 that reads like the mark.
    assert_eq!((result.score, result.passed), (79, false));
    assert_eq!(
        stored_pass(&pool, &session, w.worker.id).await,
        (Some(79), Some(false))
    );
    assert!(!holds_valid(&pool, w.worker.id).await);
    assert_eq!(count(&pool, "select count(*) from qualifications").await, 0);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn exactly_the_pass_mark_passes_and_qualifies(pool: PgPool) {
    let w = World::new(&pool).await;
    let session = quiz_at_80(&pool, &w, 50).await;
    let chosen = answer_first_right(&pool, &session, 40).await;
    let now = OffsetDateTime::now_utc();
    let result = service::submit(&pool, &w.worker, Uuid::now_v7(), session.id, &chosen, now)
        .await
        .unwrap();
    assert_eq!((result.score, result.passed), (80, true));
    assert_eq!(
        stored_pass(&pool, &session, w.worker.id).await,
        (Some(80), Some(true))
    );
    assert!(holds_valid(&pool, w.worker.id).await);
}
