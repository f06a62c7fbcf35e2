//! Database tests of logins, lockout and sessions, against a real PostgreSQL.

use super::{
    server::{
        lockout::LoginPolicy,
        login::{authenticate, LoginInput},
        session,
    },
    Role,
};
use crate::{
    error::AppError,
    testing::{self, PASSWORD},
};
use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    PgPool,
};
use std::time::{Duration, Instant};

const FAST: LoginPolicy = LoginPolicy {
    slow_after: 100,
    delay_step: Duration::ZERO,
    max_delay: Duration::ZERO,
    lock_after: 3,
    lock_for: Duration::from_secs(600),
};

fn by_mobile(mobile: &str, password: &str) -> LoginInput {
    LoginInput {
        account: mobile.into(),
        password: password.into(),
        enterprise_code: None,
        from: None,
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn right_password_signs_in_and_wrong_ones_do_not(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13900000001").await;

    let id = authenticate(&pool, &FAST, &by_mobile("13900000001", PASSWORD)).await;
    assert_eq!(id, Ok(worker.id));
    assert_eq!(
        authenticate(&pool, &FAST, &by_mobile("13900000001", "wrong-password")).await,
        Err(AppError::BadCredentials)
    );
    // An unknown account gets the same answer as a wrong password.
    assert_eq!(
        authenticate(&pool, &FAST, &by_mobile("13900009999", PASSWORD)).await,
        Err(AppError::BadCredentials)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn employee_number_needs_the_enterprise_code(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13900000002").await;
    let mut input = LoginInput {
        account: "E0002".into(),
        password: PASSWORD.into(),
        enterprise_code: Some("a".into()),
        from: None,
    };
    assert_eq!(authenticate(&pool, &FAST, &input).await, Ok(worker.id));
    input.enterprise_code = Some("B".into());
    assert_eq!(
        authenticate(&pool, &FAST, &input).await,
        Err(AppError::BadCredentials)
    );
    input.enterprise_code = None;
    assert_eq!(
        authenticate(&pool, &FAST, &input).await,
        Err(AppError::BadCredentials)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn repeated_failures_lock_the_account_even_for_the_right_password(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    testing::user(&pool, orgs.a, Role::Worker, "13900000003").await;
    let wrong = by_mobile("13900000003", "wrong-password");
    assert_eq!(
        authenticate(&pool, &FAST, &wrong).await,
        Err(AppError::BadCredentials)
    );
    assert_eq!(
        authenticate(&pool, &FAST, &wrong).await,
        Err(AppError::BadCredentials)
    );
    // The third failure locks for `lock_for` (10 minutes, rounded up).
    assert!(matches!(
        authenticate(&pool, &FAST, &wrong).await,
        Err(AppError::Locked { minutes: 10 | 11 })
    ));
    assert!(matches!(
        authenticate(&pool, &FAST, &by_mobile("13900000003", PASSWORD)).await,
        Err(AppError::Locked { .. })
    ));

    // When the lock has run out the right password works and the count starts again.
    sqlx::query("update login_attempts set locked_until = now() - interval '1 second'")
        .execute(&pool)
        .await
        .unwrap();
    assert!(
        authenticate(&pool, &FAST, &by_mobile("13900000003", PASSWORD))
            .await
            .is_ok()
    );
    assert_eq!(
        testing::count(&pool, "select failures::bigint from login_attempts").await,
        0
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn failures_beyond_the_threshold_are_answered_slowly(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    testing::user(&pool, orgs.a, Role::Worker, "13900000004").await;
    let policy = LoginPolicy {
        slow_after: 1,
        delay_step: Duration::from_millis(300),
        max_delay: Duration::from_secs(1),
        lock_after: 10,
        lock_for: Duration::from_secs(60),
    };
    let wrong = by_mobile("13900000004", "wrong-password");
    let _ = authenticate(&pool, &policy, &wrong).await;
    let started = Instant::now();
    let _ = authenticate(&pool, &policy, &wrong).await;
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn deactivated_people_cannot_sign_in(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    testing::user(&pool, orgs.a, Role::Worker, "13900000005").await;
    sqlx::query("update users set active = false where mobile = '13900000005'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        authenticate(&pool, &FAST, &by_mobile("13900000005", PASSWORD)).await,
        Err(AppError::BadCredentials)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn sessions_survive_a_restart_and_are_shared_between_processes(
    pool_options: PgPoolOptions,
    connect_options: PgConnectOptions,
) {
    // "Process one" signs in and goes away.
    let first = pool_options
        .clone()
        .connect_with(connect_options.clone())
        .await
        .unwrap();
    let orgs = testing::orgs(&first).await;
    let admin = testing::user(&first, orgs.a, Role::EnterpriseAdmin, "13900000006").await;
    let token = session::create(&first, admin.id).await.unwrap();
    first.close().await;

    // "Process two" starts with nothing in memory and still knows the session.
    let second = pool_options.connect_with(connect_options).await.unwrap();
    let user = session::resolve(&second, &token)
        .await
        .unwrap()
        .expect("session survives")
        .user;
    assert_eq!(user.id, admin.id);
    assert_eq!(user.role, Role::EnterpriseAdmin);
    assert_eq!(user.enterprise_id, Some(orgs.a));
    assert_eq!(user.org_name, "企业A");

    session::delete(&second, &token).await.unwrap();
    assert_eq!(session::resolve(&second, &token).await.unwrap(), None);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn expired_or_unknown_sessions_do_not_resolve(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13900000007").await;
    let token = session::create(&pool, worker.id).await.unwrap();
    assert!(session::resolve(&pool, "not-a-token")
        .await
        .unwrap()
        .is_none());
    sqlx::query("update sessions set expires_at = now() - interval '1 minute'")
        .execute(&pool)
        .await
        .unwrap();
    assert!(session::resolve(&pool, &token).await.unwrap().is_none());
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_session_table_holds_no_usable_token(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13900000008").await;
    let token = session::create(&pool, worker.id).await.unwrap();
    let stored: Vec<u8> = sqlx::query_scalar("select token_hash from sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 32);
    assert_ne!(stored, token.as_bytes());
}
