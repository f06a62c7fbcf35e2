//! No self-certification (issue 20 §5): nobody ticks, times, scores or changes the hours of
//! themselves, nor signs in to or takes the quiz of a session they teach; a back-entry (补录)
//! counts once a second person who took no part confirms it.

use super::*;
use crate::training::{
    clearance, quiz,
    sessions::{back_entry, model::ScoreRow},
    signin::{self, code::Mode},
};
use std::collections::BTreeMap;

fn tick(who: &SessionUser) -> PresenceForm {
    PresenceForm {
        user_id: who.id.to_string(),
        time: String::new(),
    }
}

fn score(who: &SessionUser, score: &str) -> ScoresForm {
    ScoresForm {
        rows: vec![ScoreRow {
            user_id: who.id.to_string(),
            score: score.into(),
        }],
    }
}

async fn qualified(pool: &PgPool, who: &SessionUser) -> i64 {
    count(
        pool,
        &format!(
            "select count(*) from qualifications where user_id = '{}' and kind = 'confined_space'",
            who.id
        ),
    )
    .await
}

fn self_record() -> AppError {
    AppError::refused(TrainingRefusal::SelfRecord)
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_trainer_cannot_qualify_themselves_by_ticking_and_scoring(pool: PgPool) {
    let p = people(&pool).await;
    let a = p.trainer.enterprise_id.unwrap();
    let now = OffsetDateTime::now_utc();
    // The trainer's own confined-space session, assessed by their score.
    let s = fixtures::session(&pool, a, p.trainer.id, Default::default()).await;
    assert_eq!(
        roster::sign_in(&pool, &p.trainer, Uuid::now_v7(), s.id, &tick(&p.trainer)).await,
        Err(self_record())
    );
    // Nor an officer on their own row (an officer runs every session).
    assert_eq!(
        roster::sign_in(&pool, &p.officer, Uuid::now_v7(), s.id, &tick(&p.officer)).await,
        Err(self_record())
    );
    assert_eq!(
        count(&pool, "select count(*) from training_attendance").await,
        0
    );
    // Present somehow (a row written by hand): still no score, sign-out or hours of their own.
    fixtures::attend(&pool, &s, p.trainer.id, s.starts_at).await;
    assert_eq!(
        roster::scores(
            &pool,
            &p.trainer,
            Uuid::now_v7(),
            s.id,
            &score(&p.trainer, "100"),
            now
        )
        .await,
        Err(self_record())
    );
    assert_eq!(
        roster::sign_out(
            &pool,
            &p.trainer,
            Uuid::now_v7(),
            s.id,
            &tick(&p.trainer),
            now
        )
        .await,
        Err(self_record())
    );
    let hours = OverrideForm {
        user_id: p.trainer.id.to_string(),
        hours: "2".into(),
        reason: "我自己".into(),
    };
    assert_eq!(
        roster::override_hours(&pool, &p.trainer, Uuid::now_v7(), s.id, &hours).await,
        Err(self_record())
    );
    assert_eq!(qualified(&pool, &p.trainer).await, 0);
    assert_eq!(audit_rows(&pool, "training.scores").await, 0);
    // The trainer does not scan in to their own session either.
    let at = s.starts_at + Duration::minutes(5);
    let code = signin::code::code_at(&[7; 32], Mode::In, at, signin::code::step_seconds());
    assert_eq!(
        signin::service::arrive(&pool, Some(&p.trainer), &s.token, &code, Mode::In, at).await,
        Err(AppError::refused(TrainingRefusal::OwnSession))
    );
    // As a trainee of someone else's session, an officer is ticked and scored by its trainer.
    fixtures::attend(&pool, &s, p.officer.id, s.starts_at).await;
    roster::scores(
        &pool,
        &p.trainer,
        Uuid::now_v7(),
        s.id,
        &score(&p.officer, "90"),
        now,
    )
    .await
    .unwrap();
    assert_eq!(qualified(&pool, &p.officer).await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_trainer_cannot_take_the_quiz_of_their_own_session(pool: PgPool) {
    let p = people(&pool).await;
    let a = p.trainer.enterprise_id.unwrap();
    let spec = fixtures::SessionSpec {
        assessment: Assessment::Quiz,
        pass_mark: Some(80),
        quiz_size: Some(10),
        ..Default::default()
    };
    let s = fixtures::session(&pool, a, p.trainer.id, spec).await;
    fixtures::attend(&pool, &s, p.trainer.id, s.starts_at).await;
    let now = OffsetDateTime::now_utc();
    let answers = BTreeMap::new();
    assert_eq!(
        quiz::service::submit(&pool, &p.trainer, Uuid::now_v7(), s.id, &answers, now).await,
        Err(AppError::refused(TrainingRefusal::OwnSession))
    );
    assert_eq!(audit_rows(&pool, "training.quiz_submit").await, 0);
}

/// A 2-hour confined-space session `days_ago`, assessed by score (pass 60), created by the
/// trainer through the service, with the worker ticked and scored 90.
async fn session_days_ago(pool: &PgPool, p: &People, days_ago: i64) -> Uuid {
    let now = OffsetDateTime::now_utc();
    let day = crate::time_fmt::china_day(now) - Duration::days(days_ago);
    let form = SessionForm {
        date: day.to_string(),
        assessment: "score".into(),
        pass_mark: "60".into(),
        ..form()
    };
    let id = service::create(pool, &p.trainer, Uuid::now_v7(), &form, now)
        .await
        .unwrap();
    roster::sign_in(pool, &p.trainer, Uuid::now_v7(), id, &tick(&p.worker))
        .await
        .unwrap();
    roster::scores(
        pool,
        &p.trainer,
        Uuid::now_v7(),
        id,
        &score(&p.worker, "90"),
        now,
    )
    .await
    .unwrap();
    id
}

/// (the worker's hours on the roster, clearance rows of the worker, qualifications).
async fn counted(pool: &PgPool, p: &People, id: Uuid) -> (Option<i32>, usize, i64) {
    let page = service::page(pool, &p.officer, id).await.unwrap();
    let a = p.trainer.enterprise_id.unwrap();
    let attended = clearance::db::attended(pool, &[a], Some(&[p.worker.id]))
        .await
        .unwrap();
    (
        page.roster[0].half_hours,
        attended.len(),
        qualified(pool, &p.worker).await,
    )
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_back_entry_counts_once_a_second_person_confirms_it(pool: PgPool) {
    let p = people(&pool).await;
    // Recorded six days after: counts at once.
    let recent = session_days_ago(&pool, &p, 6).await;
    assert_eq!(counted(&pool, &p, recent).await, (Some(4), 1, 1));
    sqlx::query("delete from qualifications")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("delete from training_attendance")
        .execute(&pool)
        .await
        .unwrap();
    // Recorded ten days after: nothing counts until confirmed.
    let id = session_days_ago(&pool, &p, 10).await;
    assert_eq!(counted(&pool, &p, id).await, (None, 0, 0));
    let page = service::page(&pool, &p.officer, id).await.unwrap();
    assert_eq!(
        (page.back_entry, page.confirmed, page.can_confirm),
        (true, false, true)
    );
    let confirm = |who: &SessionUser| {
        let (pool, who) = (pool.clone(), who.clone());
        async move {
            let now = OffsetDateTime::now_utc();
            back_entry::confirm(&pool, &who, Uuid::now_v7(), id, now).await
        }
    };
    // Not by whoever recorded it, nor by the trainee, nor by a worker.
    let self_confirm = Err(AppError::refused(TrainingRefusal::SelfConfirm));
    assert_eq!(confirm(&p.trainer).await, self_confirm);
    assert_eq!(confirm(&p.worker).await, Err(AppError::Forbidden));
    assert!(
        !service::page(&pool, &p.trainer, id)
            .await
            .unwrap()
            .can_confirm
    );
    // Another trainer of the enterprise, who took no part: from then it counts.
    confirm(&p.other_trainer).await.unwrap();
    assert_eq!(audit_rows(&pool, "training.back_entry_confirm").await, 1);
    assert_eq!(counted(&pool, &p, id).await, (Some(4), 1, 1));
    confirm(&p.officer).await.unwrap();
    assert_eq!(audit_rows(&pool, "training.back_entry_confirm").await, 1);
    // A later back-entry (hours changed) needs confirming again.
    let hours = OverrideForm {
        user_id: p.worker.id.to_string(),
        hours: "1".into(),
        reason: "迟到".into(),
    };
    roster::override_hours(&pool, &p.trainer, Uuid::now_v7(), id, &hours)
        .await
        .unwrap();
    assert_eq!(counted(&pool, &p, id).await, (None, 0, 0));
    confirm(&p.officer).await.unwrap();
    assert_eq!(counted(&pool, &p, id).await, (Some(2), 1, 1));
}
