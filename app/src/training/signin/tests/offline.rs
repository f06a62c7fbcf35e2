//! A sign-in scanned without signal and delivered by the outbox (`GET /t/<token>/<code>`
//! with its headers): the person is signed in directly, as of the scan, once; a day after
//! the session it is refused with the reason.

use super::{code::Mode, World, SECRET};
use crate::{
    offline::tests::{deliver, refused, router, stored_at, Send},
    testing,
    training::fixtures::{self, SessionSpec},
};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

fn scan<'a>(w: &'a World, token: &str, made_ago: Duration) -> Send<'a> {
    let now = OffsetDateTime::now_utc();
    let made = now - made_ago;
    let code = super::code::code_at(&SECRET, Mode::In, made, super::code::step_seconds());
    let mut send = Send::form(
        &w.worker,
        &format!("/t/{token}/{code}"),
        String::new(),
        made_ago,
    );
    send.method = "GET";
    send
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_scan_signs_in_at_the_scan_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let spec = SessionSpec {
        starts_at: OffsetDateTime::now_utc() - Duration::minutes(90),
        ..SessionSpec::default()
    };
    let session = fixtures::session(&pool, w.enterprise, w.trainer.id, spec).await;
    let app = router(&pool);
    // The QR shown 20 minutes ago, scanned then; the code has changed many times since.
    let send = scan(&w, &session.token, Duration::minutes(20));
    for _ in 0..2 {
        let answer = deliver(&app, &send).await;
        assert_eq!(
            stored_at(&answer),
            format!("/training/signin/{}", session.token)
        );
    }
    assert_eq!(testing::audit_rows(&pool, "training.sign_in").await, 1);
    let (at, acted): (OffsetDateTime, Option<OffsetDateTime>) = sqlx::query_as(
        "select t.signed_in_at, a.acted_at from training_attendance t
         join audit_log a on a.subject_id = t.session_id and a.action = 'training.sign_in'
         where t.session_id = $1 and t.user_id = $2",
    )
    .bind(session.id)
    .bind(w.worker.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!((at - send.made_at).abs() < Duration::seconds(5), "{at}");
    assert_eq!(acted, Some(at));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_sign_in_arriving_a_day_after_the_session_is_refused_with_why(pool: PgPool) {
    let w = World::new(&pool).await;
    // Ended 30 hours ago; scanned 10 minutes before its end.
    let spec = SessionSpec {
        starts_at: OffsetDateTime::now_utc() - Duration::hours(32),
        ..SessionSpec::default()
    };
    let session = fixtures::session(&pool, w.enterprise, w.trainer.id, spec).await;
    let app = router(&pool);
    let send = scan(
        &w,
        &session.token,
        Duration::hours(30) + Duration::minutes(10),
    );
    let answer = deliver(&app, &send).await;
    let (code, reason) = refused(&answer);
    assert_eq!(code, "sign_in_too_late");
    assert!(reason.contains("24 小时"), "{reason}");
    assert_eq!(
        testing::count(&pool, "select count(*) from training_attendance").await,
        0
    );
}

/// The sign-in button pressed without signal (its page was open), delivered twice: judged
/// at the press (the ticket was good then), one sign-in at that time.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_sign_in_button_pressed_offline_counts_at_the_press_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let spec = SessionSpec {
        starts_at: OffsetDateTime::now_utc() - Duration::minutes(30),
        ..SessionSpec::default()
    };
    let session = fixtures::session(&pool, w.enterprise, w.trainer.id, spec).await;
    let pressed = OffsetDateTime::now_utc() - Duration::minutes(15);
    let code = super::code::code_at(&SECRET, Mode::In, pressed, super::code::step_seconds());
    let ticket = super::service::arrive(
        &pool,
        Some(&w.worker),
        &session.token,
        &code,
        Mode::In,
        pressed,
    )
    .await
    .unwrap();
    let body = format!(
        "client_id={}&form[token]={}&form[ticket]={ticket}",
        uuid::Uuid::now_v7(),
        session.token
    );
    let send = Send::form(
        &w.worker,
        "/api/v1/training/sign_in",
        body,
        Duration::minutes(15),
    );
    let app = router(&pool);
    for _ in 0..2 {
        let answer = deliver(&app, &send).await;
        assert!(
            stored_at(&answer).starts_with(&format!("/training/signin/{}", session.token)),
            "{}",
            answer.1
        );
    }
    assert_eq!(testing::audit_rows(&pool, "training.sign_in").await, 1);
    let at: OffsetDateTime =
        sqlx::query_scalar("select signed_in_at from training_attendance where session_id = $1")
            .bind(session.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!((at - pressed).abs() < Duration::seconds(5), "{at}");
}
