//! Logins under attack, against a real PostgreSQL: parallel guesses, unknown accounts, the
//! audit of sign-in events, the rate limit of the login route, and the flood suite: accounts of
//! megabytes, distinct accounts, IPv6 clients, what the redirect after a failure carries.

use super::{
    server::{
        lockout::LoginPolicy,
        login::{authenticate, LoginInput},
        throttle::{Limit, LoginThrottle, ThrottleLimits},
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

/// Posts `body` to the login route from `from` (an IPv4 or IPv6 address) and returns the
/// redirect's target.
async fn post_body(state: &AppState, from: &str, body: String) -> String {
    let mut req = Request::post("/auth/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let addr = SocketAddr::new(from.parse().unwrap(), 40000);
    req.extensions_mut().insert(ConnectInfo(addr));
    let res = super::server::routes()
        .with_state(state.clone())
        .oneshot(req)
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    res.headers()[header::LOCATION].to_str().unwrap().to_owned()
}

/// Posts the login form from `from` and returns the redirect's target.
async fn post_login(state: &AppState, from: &str, account: &str) -> String {
    post_body(state, from, format!("account={account}&password=guess")).await
}

/// The app's state with login allowances of `limits`.
fn state_with(pool: PgPool, limits: ThrottleLimits) -> AppState {
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    let mut state = AppState::new(options, pool, crate::photos::PhotoStore::in_memory());
    state.login_throttle = std::sync::Arc::new(LoginThrottle::new(limits));
    state
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_login_route_limits_attempts_per_address_and_per_account(pool: PgPool) {
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
    let state = state_with(pool, limits);
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

/// 600 logins with distinct 1.9 MB accounts (what grew the server by 1.15 GB): each is refused
/// before the rate limit sees it, leaves no limiter key and no attempt row, and its redirect
/// does not carry it back. An account just over the longest allowed is named as too long,
/// also before the limit.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn accounts_of_megabytes_are_refused_before_they_cost_anything(pool: PgPool) {
    let state = state_with(pool.clone(), ThrottleLimits::DEFAULT);
    for i in 0..600 {
        let account = format!("{i:06}{}", "1".repeat(1_900_000));
        let from = format!("10.9.{}.{}", i / 250, i % 250 + 1);
        let to = post_login(&state, &from, &account).await;
        assert!(to.len() < 200, "{} bytes", to.len());
        assert!(to.contains("error=bad_credentials"), "{to}");
    }
    assert_eq!(state.login_throttle.key_count(), 0);
    let just_over = "1".repeat(65);
    let to = post_login(&state, "10.9.9.9", &just_over).await;
    assert!(to.contains("error=account_too_long"), "{to}");
    assert!(!to.contains(&just_over), "{to}");
    assert_eq!(state.login_throttle.key_count(), 0);
    assert_eq!(
        testing::count(&pool, "select count(*) from login_attempts").await,
        0
    );
    // The longest account allowed is looked at as usual, under one small key per limit.
    let longest = "1".repeat(64);
    let to = post_login(&state, "10.9.9.9", &longest).await;
    assert!(to.contains("error=bad_credentials"), "{to}");
    assert_eq!(state.login_throttle.key_count(), 2);
}

/// The redirect after a failed login names the reason and keeps `next` and the enterprise code,
/// never the account, whatever the failure.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_redirect_after_a_failed_login_never_carries_the_account(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    testing::user(&pool, orgs.a, Role::Worker, "13900000106").await;
    let limits = ThrottleLimits {
        per_address: Limit {
            burst: 2,
            per_minute: 1,
        },
        per_account: Limit {
            burst: 100,
            per_minute: 1,
        },
    };
    let state = state_with(pool, limits);
    let wrong = "account=13900000106&password=guess&next=%2Fhazards";
    let to = post_body(&state, "10.8.0.1", wrong.into()).await;
    assert!(to.starts_with("/login?error=bad_credentials"), "{to}");
    assert!(to.contains("next=%2Fhazards"), "{to}");
    assert!(!to.contains("13900000106"), "{to}");
    let by_number = "account=E-0042&password=guess&enterprise_code=ACME";
    let to = post_body(&state, "10.8.0.1", by_number.into()).await;
    assert!(to.contains("enterprise_code=ACME"), "{to}");
    assert!(!to.contains("E-0042"), "{to}");
    // Refused by the rate limit, and with no password.
    let to = post_body(&state, "10.8.0.1", wrong.into()).await;
    assert!(
        to.contains("error=too_many") && !to.contains("13900000106"),
        "{to}"
    );
    let to = post_body(&state, "10.8.0.2", "account=13900000106".into()).await;
    assert!(
        to.contains("error=password_required") && !to.contains("13900000106"),
        "{to}"
    );
}

/// Two addresses of one IPv6 /64 are one client to the rate limit; the next /64 is another.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn ipv6_clients_are_limited_per_64(pool: PgPool) {
    let limits = ThrottleLimits {
        per_address: Limit {
            burst: 3,
            per_minute: 1,
        },
        per_account: Limit {
            burst: 100,
            per_minute: 1,
        },
    };
    let state = state_with(pool, limits);
    for (i, from) in ["2001:db8:7:1::1", "2001:db8:7:1::2", "2001:db8:7:1:abcd::9"]
        .into_iter()
        .enumerate()
    {
        let to = post_login(&state, from, &format!("1370000{i:04}")).await;
        assert!(to.contains("error=bad_credentials"), "{from}: {to}");
    }
    let to = post_login(&state, "2001:db8:7:1:ffff:ffff:ffff:ffff", "13700009999").await;
    assert!(to.contains("error=too_many"), "{to}");
    let to = post_login(&state, "2001:db8:7:2::1", "13700009999").await;
    assert!(to.contains("error=bad_credentials"), "{to}");
}
