//! A sign-in scanned without signal and delivered by the outbox (`GET /t/<token>/<code>`
//! with its headers): the person is signed in directly, as of the scan, once, for the
//! trainer's review; arriving over 30 minutes after the session, or dated before sign-in
//! opens, it is refused with the reason. A sign-out scan (`/t/<token>/<code>/out`) is kept
//! and delivered the same way, under the same rules.

use super::{code::Mode, World, SECRET};
use crate::{
    offline::tests::{deliver, refused, router, stored_at, Send},
    testing,
    training::fixtures::{self, SessionSpec},
};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

fn scan<'a>(w: &'a World, token: &str, made_ago: Duration) -> Send<'a> {
    scan_of(w, token, made_ago, Mode::In)
}

/// The sign-in (or sign-out) QR's scan made `made_ago`, as the outbox delivers it.
fn scan_of<'a>(w: &'a World, token: &str, made_ago: Duration, mode: Mode) -> Send<'a> {
    let now = OffsetDateTime::now_utc();
    let made = now - made_ago;
    let code = super::code::code_at(&SECRET, mode, made, super::code::step_seconds());
    let out = if mode == Mode::Out { "/out" } else { "" };
    let mut send = Send::form(
        &w.worker,
        &format!("/t/{token}/{code}{out}"),
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
    // The roster keeps both times: the scan's and the upload's.
    let roster =
        crate::training::sessions::db::roster(&pool, w.enterprise, session.id, Some(w.worker.id))
            .await
            .unwrap();
    let uploaded = roster[0].sign_in_uploaded.expect("the upload's time");
    assert!((uploaded - send.sent_at).abs() < Duration::seconds(5));
    // Waiting for the trainer's review (issue 20 §4): no hours yet.
    assert_eq!(
        review_of(&pool, session.id).await.as_deref(),
        Some("pending")
    );
    assert_eq!(roster[0].counts, Some(false));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_sign_in_arriving_over_30_minutes_after_the_session_is_refused_with_why(pool: PgPool) {
    let w = World::new(&pool).await;
    // Ended 40 minutes ago; scanned 10 minutes before its end (a day was taken before).
    let spec = SessionSpec {
        starts_at: OffsetDateTime::now_utc() - Duration::minutes(160),
        ..SessionSpec::default()
    };
    let session = fixtures::session(&pool, w.enterprise, w.trainer.id, spec).await;
    let app = router(&pool);
    let send = scan(&w, &session.token, Duration::minutes(50));
    let answer = deliver(&app, &send).await;
    let (code, reason) = refused(&answer);
    assert_eq!(code, "offline_too_late");
    assert!(reason.contains("30 分钟"), "{reason}");
    assert_eq!(
        testing::count(&pool, "select count(*) from training_attendance").await,
        0
    );
    // Ended 20 minutes ago, scanned 10 minutes before the end: taken, for review.
    let spec = SessionSpec {
        starts_at: OffsetDateTime::now_utc() - Duration::minutes(140),
        ..SessionSpec::default()
    };
    let session = fixtures::session(&pool, w.enterprise, w.trainer.id, spec).await;
    let send = scan(&w, &session.token, Duration::minutes(30));
    let answer = deliver(&app, &send).await;
    assert_eq!(
        stored_at(&answer),
        format!("/training/signin/{}", session.token)
    );
    assert_eq!(
        review_of(&pool, session.id).await.as_deref(),
        Some("pending")
    );
}

/// A scan dated (by the phone) before the session opens to sign-ins: refused with the reason,
/// which the outbox shows.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_scan_dated_before_sign_in_opens_is_refused_with_why(pool: PgPool) {
    let w = World::new(&pool).await;
    // Starts in 35 minutes: sign-in opens in 5; the phone says it scanned 5 minutes ago.
    let spec = SessionSpec {
        starts_at: OffsetDateTime::now_utc() + Duration::minutes(35),
        ..SessionSpec::default()
    };
    let session = fixtures::session(&pool, w.enterprise, w.trainer.id, spec).await;
    let app = router(&pool);
    let answer = deliver(&app, &scan(&w, &session.token, Duration::minutes(5))).await;
    let (code, reason) = refused(&answer);
    assert_eq!(code, "scanned_before_open");
    assert!(reason.contains("早于签到开始时间"), "{reason}");
    assert_eq!(
        testing::count(&pool, "select count(*) from training_attendance").await,
        0
    );
}

async fn review_of(pool: &PgPool, session: uuid::Uuid) -> Option<String> {
    sqlx::query_scalar("select review from training_attendance where session_id = $1")
        .bind(session)
        .fetch_one(pool)
        .await
        .unwrap()
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
    .unwrap()
    .ticket;
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

/// The sign-out QR scanned without signal (issue 21 §3): signed out as of the scan, once;
/// arriving over 30 minutes after the session it is refused with why, as a sign-in is.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_sign_out_scan_signs_out_at_the_scan_once(pool: PgPool) {
    let w = World::new(&pool).await;
    // 2 hours from 100 minutes ago: the sign-out QR (leaving early) 10 minutes ago.
    let spec = SessionSpec {
        starts_at: OffsetDateTime::now_utc() - Duration::minutes(100),
        ..SessionSpec::default()
    };
    let session = fixtures::session(&pool, w.enterprise, w.trainer.id, spec).await;
    let app = router(&pool);
    let answer = deliver(&app, &scan(&w, &session.token, Duration::minutes(90))).await;
    assert_eq!(
        stored_at(&answer),
        format!("/training/signin/{}", session.token)
    );
    let out = scan_of(&w, &session.token, Duration::minutes(10), Mode::Out);
    for _ in 0..2 {
        let answer = deliver(&app, &out).await;
        assert_eq!(
            stored_at(&answer),
            format!("/training/signin/{}", session.token)
        );
    }
    assert_eq!(testing::audit_rows(&pool, "training.sign_out").await, 1);
    let at: OffsetDateTime =
        sqlx::query_scalar("select signed_out_at from training_attendance where session_id = $1")
            .bind(session.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!((at - out.made_at).abs() < Duration::seconds(5), "{at}");

    // Ended 40 minutes ago, the sign-out scanned 10 minutes before its end: too late.
    let spec = SessionSpec {
        starts_at: OffsetDateTime::now_utc() - Duration::minutes(160),
        ..SessionSpec::default()
    };
    let late = fixtures::session(&pool, w.enterprise, w.trainer.id, spec).await;
    // Signed in when it started (online).
    let started = OffsetDateTime::now_utc() - Duration::minutes(155);
    let code = super::code::code_at(&SECRET, Mode::In, started, super::code::step_seconds());
    let arrival = super::service::arrive(
        &pool,
        Some(&w.worker),
        &late.token,
        &code,
        Mode::In,
        started,
    )
    .await
    .unwrap();
    let input = super::SignInInput {
        token: late.token.clone(),
        ticket: arrival.ticket,
        browser: None,
    };
    super::service::sign_in(&pool, &w.worker, uuid::Uuid::now_v7(), &input, started)
        .await
        .unwrap();
    let answer = deliver(
        &app,
        &scan_of(&w, &late.token, Duration::minutes(50), Mode::Out),
    )
    .await;
    let (code, reason) = refused(&answer);
    assert_eq!(code, "offline_sign_out_too_late");
    assert!(reason.contains("30 分钟"), "{reason}");
    let out: Option<OffsetDateTime> =
        sqlx::query_scalar("select signed_out_at from training_attendance where session_id = $1")
            .bind(late.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(out, None);
}

/// The 签退 button pressed without signal (its page was open), delivered twice: judged at the
/// press, one sign-out at that time (the post is kept as the sign-in's is).
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_sign_out_button_pressed_offline_counts_at_the_press_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let spec = SessionSpec {
        starts_at: OffsetDateTime::now_utc() - Duration::minutes(60),
        ..SessionSpec::default()
    };
    let session = fixtures::session(&pool, w.enterprise, w.trainer.id, spec).await;
    let step = super::code::step_seconds();
    let ticket_at = |mode: Mode, at: OffsetDateTime| {
        let pool = pool.clone();
        let (token, worker) = (session.token.clone(), w.worker.clone());
        async move {
            let code = super::code::code_at(&SECRET, mode, at, step);
            super::service::arrive(&pool, Some(&worker), &token, &code, mode, at)
                .await
                .unwrap()
                .ticket
        }
    };
    let started = OffsetDateTime::now_utc() - Duration::minutes(55);
    let input = super::SignInInput {
        token: session.token.clone(),
        ticket: ticket_at(Mode::In, started).await,
        browser: None,
    };
    super::service::sign_in(&pool, &w.worker, uuid::Uuid::now_v7(), &input, started)
        .await
        .unwrap();
    let pressed = OffsetDateTime::now_utc() - Duration::minutes(15);
    let body = format!(
        "client_id={}&form[token]={}&form[ticket]={}",
        uuid::Uuid::now_v7(),
        session.token,
        ticket_at(Mode::Out, pressed).await
    );
    let send = Send::form(
        &w.worker,
        "/api/v1/training/sign_out",
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
    assert_eq!(testing::audit_rows(&pool, "training.sign_out").await, 1);
    let at: OffsetDateTime =
        sqlx::query_scalar("select signed_out_at from training_attendance where session_id = $1")
            .bind(session.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!((at - pressed).abs() < Duration::seconds(5), "{at}");
}
