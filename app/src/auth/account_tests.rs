//! A person's own account, against a real PostgreSQL: a password set by an admin must be
//! changed (and the person is told by whom), idle sessions end, other sessions can be ended.

use super::{
    server::{
        account,
        lockout::LoginPolicy,
        login::{authenticate, LoginInput},
        session,
    },
    Role,
};
use crate::auth::AuthField;
use crate::{
    error::{AppError, Field, Problem},
    testing,
};
use sqlx::PgPool;
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_password_an_admin_set_must_be_changed_and_says_who_set_it(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13400000001").await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13400000002").await;
    crate::users::service::reset_password(
        &pool,
        &admin,
        Uuid::now_v7(),
        worker.id,
        "set-by-admin-1".into(),
    )
    .await
    .unwrap();
    let token = session::create(&pool, worker.id).await.unwrap();
    let resolved = session::resolve(&pool, &token).await.unwrap().unwrap();
    assert!(resolved.must_change_password);
    let (by, _at) = account::password_notice(&pool, &worker)
        .await
        .unwrap()
        .expect("told who set it");
    assert_eq!(by, admin.name);

    // A wrong current password, or the same one again, changes nothing.
    let change = |current: &'static str, new: &'static str, client: Uuid| {
        let (pool, worker, token) = (pool.clone(), worker.clone(), token.clone());
        async move { account::change_password(&pool, &worker, client, &token, current, new).await }
    };
    assert_eq!(
        change("wrong-password", "my-own-pass-1", Uuid::now_v7()).await,
        Err(AppError::invalid(Field::Password, Problem::Invalid))
    );
    assert_eq!(
        change("set-by-admin-1", "set-by-admin-1", Uuid::now_v7()).await,
        Err(AppError::invalid(AuthField::NewPassword, Problem::Invalid))
    );
    let other = session::create(&pool, worker.id).await.unwrap();
    let client = Uuid::now_v7();
    change("set-by-admin-1", "my-own-pass-1", client)
        .await
        .unwrap();
    // A retry of the same submission is answered as the first.
    change("set-by-admin-1", "my-own-pass-1", client)
        .await
        .unwrap();
    let resolved = session::resolve(&pool, &token).await.unwrap().unwrap();
    assert!(!resolved.must_change_password);
    assert_eq!(account::password_notice(&pool, &worker).await, Ok(None));
    assert_eq!(session::resolve(&pool, &other).await.unwrap(), None);
    assert_eq!(testing::audit_rows(&pool, "auth.password_change").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_session_unused_for_the_idle_time_ends_and_is_purged(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13400000003").await;
    let idle = session::create(&pool, worker.id).await.unwrap();
    let also_idle = session::create(&pool, worker.id).await.unwrap();
    let used = session::create(&pool, worker.id).await.unwrap();
    // Two were last used 13 hours ago, one an hour ago.
    sqlx::query("update sessions set last_seen_at = now() - interval '13 hours'")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "update sessions set last_seen_at = now() - interval '1 hour'
         where token_hash = sha256($1::bytea)",
    )
    .bind(used.as_bytes())
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(session::resolve(&pool, &idle).await.unwrap(), None);
    assert_eq!(session::resolve(&pool, &also_idle).await.unwrap(), None);
    // Using a session moves its idle end on.
    assert!(session::resolve(&pool, &used).await.unwrap().is_some());
    let seen: bool = sqlx::query_scalar(
        "select last_seen_at > now() - interval '1 minute' from sessions
         where token_hash = sha256($1::bytea)",
    )
    .bind(used.as_bytes())
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(seen, "the use was recorded");
    assert_eq!(session::purge_expired(&pool).await.unwrap(), 2);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_person_ends_their_other_sessions(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13400000004").await;
    let here = session::create(&pool, worker.id).await.unwrap();
    let lost_phone = session::create(&pool, worker.id).await.unwrap();
    let ended = account::end_other_sessions(&pool, &worker, Uuid::now_v7(), &here)
        .await
        .unwrap();
    assert_eq!(ended, 1);
    assert!(session::resolve(&pool, &here).await.unwrap().is_some());
    assert_eq!(session::resolve(&pool, &lost_phone).await.unwrap(), None);
    assert_eq!(testing::audit_rows(&pool, "auth.sessions_end").await, 1);
}

/// Wrong current passwords on /me/password count toward the same lock as logins: after the
/// limit, the right one is refused here and at login (it used to take 12 wrong answers and
/// then the right one).
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn wrong_current_passwords_lock_the_account_like_failed_logins(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13400000005").await;
    let token = session::create(&pool, worker.id).await.unwrap();
    let change = |current: &'static str| {
        let (pool, worker, token) = (pool.clone(), worker.clone(), token.clone());
        async move {
            account::change_password(
                &pool,
                &worker,
                Uuid::now_v7(),
                &token,
                current,
                "new-pass-99",
            )
            .await
        }
    };
    let limit = LoginPolicy::DEFAULT.lock_after;
    for i in 1..limit {
        assert_eq!(
            change("wrong-password").await,
            Err(AppError::invalid(Field::Password, Problem::Invalid)),
            "{i}"
        );
    }
    // The answer that reaches the limit says so.
    assert!(matches!(
        change("wrong-password").await,
        Err(AppError::Locked { .. })
    ));
    assert!(matches!(
        change(testing::PASSWORD).await,
        Err(AppError::Locked { .. })
    ));
    let login = LoginInput {
        account: "13400000005".into(),
        password: testing::PASSWORD.into(),
        ..Default::default()
    };
    assert!(matches!(
        authenticate(&pool, &LoginPolicy::DEFAULT, &login).await,
        Err(AppError::Locked { .. })
    ));
    assert_eq!(testing::audit_rows(&pool, "auth.password_change").await, 0);
}

/// The same count runs the other way: failed logins and wrong current passwords add up, and
/// a right current password before the limit starts the count again.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn failed_logins_and_wrong_current_passwords_share_one_count(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13400000006").await;
    let token = session::create(&pool, worker.id).await.unwrap();
    let guess = LoginInput {
        account: "13400000006".into(),
        password: "guess".into(),
        ..Default::default()
    };
    let policy = LoginPolicy::DEFAULT;
    for _ in 0..policy.lock_after - 1 {
        assert_eq!(
            authenticate(&pool, &policy, &guess).await,
            Err(AppError::BadCredentials)
        );
    }
    let wrong = account::change_password(
        &pool,
        &worker,
        Uuid::now_v7(),
        &token,
        "guess",
        "new-pass-99",
    )
    .await;
    assert!(matches!(wrong, Err(AppError::Locked { .. })), "{wrong:?}");
    let right = account::change_password(
        &pool,
        &worker,
        Uuid::now_v7(),
        &token,
        testing::PASSWORD,
        "new-pass-99",
    )
    .await;
    assert!(matches!(right, Err(AppError::Locked { .. })), "{right:?}");
}
