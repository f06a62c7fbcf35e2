//! The session middleware's memory against a real PostgreSQL: it never serves a session that
//! ended or a user as they were before a change.

use super::{
    server::{session, session_cache},
    Role,
};
use crate::testing;
use sqlx::{postgres::PgListener, PgPool};
use std::time::Duration;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn ending_sessions_in_this_process_is_seen_at_once(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13900000101").await;
    let (t1, t2) = (
        session::create(&pool, worker.id).await.unwrap(),
        session::create(&pool, worker.id).await.unwrap(),
    );
    let cached = |t: String| {
        let pool = pool.clone();
        async move { session::resolve_cached(&pool, &t).await.unwrap() }
    };
    // Resolved once, then kept (again if another test's forgetting made it skip keeping).
    for t in [&t1, &t2] {
        for _ in 0..20 {
            assert_eq!(cached(t.clone()).await.unwrap().user.id, worker.id);
            if session::is_cached(t) {
                break;
            }
        }
        assert!(session::is_cached(t));
    }
    // Kept, and still every way the app ends a session is seen at once.
    session::delete(&pool, &t1).await.unwrap();
    assert_eq!(cached(t1).await, None);
    let mut conn = pool.acquire().await.unwrap();
    session::delete_all_for_user(&mut conn, worker.id)
        .await
        .unwrap();
    assert_eq!(cached(t2).await, None);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_database_announces_ended_sessions_and_changed_users(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13900000102").await;
    let token = session::create(&pool, worker.id).await.unwrap();
    let mut listener = PgListener::connect_with(&pool).await.unwrap();
    listener.listen(session_cache::CHANNEL).await.unwrap();
    // A user changed by anyone, by hand included.
    sqlx::query("update users set active = false where id = $1")
        .bind(worker.id)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(next(&mut listener).await, format!("u{}", worker.id));

    // A session deleted, announced by its token's hash (never the token).
    let hash: Vec<u8> = sqlx::query_scalar("delete from sessions returning token_hash")
        .fetch_one(&pool)
        .await
        .unwrap();
    let payload = next(&mut listener).await;
    let hex = hex::encode(&hash);
    assert_eq!(payload, format!("s{hex}"));
    assert!(!payload.contains(&token));

    // Applied to a cache, the announcement forgets that session.
    let cache = session_cache::SessionCache::new(Duration::from_secs(60));
    let resolved = session::Resolved {
        user: worker.clone(),
        must_change_password: false,
    };
    cache.put(
        hash.try_into().unwrap(),
        resolved,
        std::time::Instant::now(),
    );
    assert_eq!(cache.len(), 1);
    cache.apply(&payload);
    assert_eq!(cache.len(), 0);
}

/// The next announcement's payload, within 5 seconds.
async fn next(listener: &mut PgListener) -> String {
    tokio::time::timeout(Duration::from_secs(5), listener.recv())
        .await
        .expect("announced within 5 s")
        .unwrap()
        .payload()
        .to_owned()
}
