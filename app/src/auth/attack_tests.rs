//! Logins under attack, against a real PostgreSQL: parallel guesses, unknown accounts, the
//! audit of sign-in events and the rate limit of the login route.

use super::{
    server::{
        lockout::LoginPolicy,
        login::{authenticate, LoginInput},
    },
    Role,
};
use crate::{
    error::AppError,
    state::AppState,
    testing::{self, PASSWORD},
};
use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{header, Request, StatusCode},
};
use sqlx::PgPool;
use std::{net::SocketAddr, time::Duration};
use tower::ServiceExt;

const POLICY: LoginPolicy = LoginPolicy {
    slow_after: 100,
    delay_step: Duration::ZERO,
    max_delay: Duration::ZERO,
    lock_after: 5,
    lock_for: Duration::from_secs(900),
};

fn attempt(account: &str, password: &str) -> LoginInput {
    LoginInput {
        account: account.into(),
        password: password.into(),
        enterprise_code: None,
        from: None,
    }
}

/// Runs every attempt at once and returns the answers.
async fn burst(pool: &PgPool, attempts: Vec<LoginInput>) -> Vec<Result<uuid::Uuid, AppError>> {
    let tasks: Vec<_> = attempts
        .into_iter()
        .map(|input| {
            let pool = pool.clone();
            tokio::spawn(async move { authenticate(&pool, &POLICY, &input).await })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

fn checked(answers: &[Result<uuid::Uuid, AppError>]) -> usize {
    answers
        .iter()
        .filter(|a| !matches!(a, Err(AppError::Locked { .. })))
        .count()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_parallel_burst_of_guesses_gets_no_more_checks_than_the_limit(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    testing::user(&pool, orgs.a, Role::Worker, "13900000101").await;
    let answers = burst(&pool, vec![attempt("13900000101", "guess"); 40]).await;
    // Four wrong answers, the fifth reaches the limit and is answered "locked" like the rest.
    let wrong = answers
        .iter()
        .filter(|a| **a == Err(AppError::BadCredentials))
        .count();
    assert_eq!(wrong, 4, "{answers:?}");
    assert_eq!(answers.len() - wrong, 36);
    assert!(matches!(
        authenticate(&pool, &POLICY, &attempt("13900000101", PASSWORD)).await,
        Err(AppError::Locked { .. })
    ));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_right_password_inside_a_burst_does_not_clear_the_lock(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    testing::user(&pool, orgs.a, Role::Worker, "13900000102").await;
    let mut attempts = vec![attempt("13900000102", "guess"); 39];
    attempts.insert(20, attempt("13900000102", PASSWORD));
    let answers = burst(&pool, attempts).await;
    assert!(checked(&answers) <= 6, "{answers:?}");
    // Whether or not the right one was among the checked, the burst leaves the account locked.
    assert!(matches!(
        authenticate(&pool, &POLICY, &attempt("13900000102", PASSWORD)).await,
        Err(AppError::Locked { .. })
    ));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_unknown_account_is_answered_and_locked_exactly_like_a_real_one(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    testing::user(&pool, orgs.a, Role::Worker, "13900000103").await;
    let mut real = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..7 {
        real.push(authenticate(&pool, &POLICY, &attempt("13900000103", "guess")).await);
        unknown.push(authenticate(&pool, &POLICY, &attempt("13999999999", "guess")).await);
    }
    assert_eq!(real, unknown);
    assert_eq!(real[3], Err(AppError::BadCredentials));
    assert!(matches!(real[4], Err(AppError::Locked { .. })), "{real:?}");
    // Both counts are stored the same way: one row each, both locked.
    assert_eq!(
        testing::count(
            &pool,
            "select count(*) from login_attempts where locked_until > now()"
        )
        .await,
        2
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn logins_failures_and_locks_are_audited(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13900000104").await;
    authenticate(&pool, &POLICY, &attempt("13900000104", PASSWORD))
        .await
        .unwrap();
    for _ in 0..5 {
        let _ = authenticate(&pool, &POLICY, &attempt("13900000104", "guess")).await;
    }
    let rows = |action: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "select count(*) from audit_log
                 where action = $1 and actor_id = $2 and subject_id = $2 and enterprise_id = $3",
            )
            .bind(action)
            .bind(worker.id)
            .bind(orgs.a)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    // Failures are written after answering: give them a moment.
    for _ in 0..50 {
        if rows("auth.login_failed").await == 4 && rows("auth.lock").await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(rows("auth.login").await, 1);
    assert_eq!(rows("auth.login_failed").await, 4);
    assert_eq!(rows("auth.lock").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_admin_reset_clears_the_lock(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13900000105").await;
    for _ in 0..6 {
        let _ = authenticate(&pool, &POLICY, &attempt("13900000105", "guess")).await;
    }
    let mut conn = pool.acquire().await.unwrap();
    let hash = super::server::password::hash("new-password-1".into())
        .await
        .unwrap();
    assert!(
        crate::users::db::set_password(&mut conn, orgs.a, worker.id, &hash, worker.id)
            .await
            .unwrap()
    );
    drop(conn);
    assert_eq!(
        authenticate(&pool, &POLICY, &attempt("13900000105", "new-password-1")).await,
        Ok(worker.id)
    );
}

/// Posts the login form from `from` and returns the redirect's target.
async fn post_login(state: &AppState, from: &str, account: &str) -> String {
    let mut req = Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("account={account}&password=guess")))
        .unwrap();
    let addr: SocketAddr = format!("{from}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    let res = super::server::routes()
        .with_state(state.clone())
        .oneshot(req)
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    res.headers()[header::LOCATION].to_str().unwrap().to_owned()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_login_route_limits_attempts_per_address_and_per_account(pool: PgPool) {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    use crate::auth::server::throttle::{Limit, LoginThrottle, ThrottleLimits};
    // Small allowances that refill slowly, so the test does not race the clock.
    let limits = ThrottleLimits {
        per_address: Limit {
            burst: 6,
            per_minute: 1,
        },
        per_account: Limit {
            burst: 4,
            per_minute: 1,
        },
    };
    let mut state = AppState::new(options, pool, crate::photos::PhotoStore::in_memory());
    state.login_throttle = std::sync::Arc::new(LoginThrottle::new(limits));
    // One address: its burst of attempts on different accounts is looked at, then refused.
    for i in 0..limits.per_address.burst {
        let to = post_login(&state, "10.1.0.1", &format!("1370000{i:04}")).await;
        assert!(to.contains("error=bad_credentials"), "{i}: {to}");
    }
    // Refused, and held a while first: a flood that resends at once cannot take every core.
    let started = std::time::Instant::now();
    let to = post_login(&state, "10.1.0.1", "13712345678").await;
    assert!(to.contains("error=too_many"), "{to}");
    assert!(started.elapsed() >= crate::auth::server::throttle::REFUSED_WAIT);
    assert!(post_login(&state, "10.1.0.2", "13712345678")
        .await
        .contains("error=bad_credentials"));
    // One account from many addresses: its own allowance.
    for i in 0..limits.per_account.burst - 1 {
        let to = post_login(&state, &format!("10.2.0.{i}"), "13712345678").await;
        assert!(!to.contains("too_many"), "{i}: {to}");
    }
    let to = post_login(&state, "10.3.0.1", "13712345678").await;
    assert!(to.contains("error=too_many"), "{to}");
}
