//! The question bank: the starter bank, adding and taking out questions, drawing a quiz.

use super::*;

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
