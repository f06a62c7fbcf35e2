//! Fixtures for the database tests (compiled for tests only).

use crate::auth::{server::password, Role, SessionUser};
use sqlx::PgPool;
use uuid::Uuid;

pub const PASSWORD: &str = "password-1";

pub struct Orgs {
    pub township: Uuid,
    pub other_township: Uuid,
    pub a: Uuid,
    pub b: Uuid,
    pub elsewhere: Uuid,
}

/// Two enterprises in one township and a third in another.
pub async fn orgs(pool: &PgPool) -> Orgs {
    let township = Uuid::now_v7();
    let other_township = Uuid::now_v7();
    for (id, name) in [(township, "甲镇"), (other_township, "乙镇")] {
        sqlx::query("insert into jurisdictions (id, name) values ($1, $2)")
            .bind(id)
            .bind(name)
            .execute(pool)
            .await
            .unwrap();
    }
    let (a, b, elsewhere) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    for (id, code, j) in [
        (a, "A", township),
        (b, "B", township),
        (elsewhere, "C", other_township),
    ] {
        sqlx::query(
            "insert into enterprises (id, code, name, jurisdiction_id) values ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(code)
        .bind(format!("企业{code}"))
        .bind(j)
        .execute(pool)
        .await
        .unwrap();
    }
    Orgs {
        township,
        other_township,
        a,
        b,
        elsewhere,
    }
}

/// A user with password `PASSWORD`; regulators get `org` as their jurisdiction, the platform
/// operator neither (`org` is ignored).
pub async fn user(pool: &PgPool, org: Uuid, role: Role, mobile: &str) -> SessionUser {
    let id = Uuid::now_v7();
    let hash = password::hash(PASSWORD.into()).await.unwrap();
    let (enterprise_id, jurisdiction_id) = match role {
        Role::Regulator | Role::Expert => (None, Some(org)),
        Role::Operator => (None, None),
        _ => (Some(org), None),
    };
    sqlx::query(
        "insert into users (id, enterprise_id, jurisdiction_id, role, name, mobile,
                            employee_no, password_hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(jurisdiction_id)
    .bind(role)
    .bind(format!("用户{mobile}"))
    .bind(mobile)
    .bind(format!("E{}", &mobile[mobile.len() - 4..]))
    .bind(hash)
    .execute(pool)
    .await
    .unwrap();
    SessionUser {
        id,
        name: format!("用户{mobile}"),
        role,
        enterprise_id,
        jurisdiction_id,
        org_name: String::new(),
    }
}

pub async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// Names the principal (主要负责人) of an enterprise.
pub async fn set_principal(pool: &PgPool, enterprise_id: Uuid, user_id: Uuid) {
    sqlx::query("update enterprises set principal_id = $1 where id = $2")
        .bind(user_id)
        .bind(enterprise_id)
        .execute(pool)
        .await
        .unwrap();
}

/// Audit rows of `action` (e.g. `operation.enter`).
pub async fn audit_rows(pool: &PgPool, action: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_log where action = $1")
        .bind(action)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Counts the SQL statements sqlx runs on this thread while `f` runs (sqlx reports each one
/// as a tracing event with target `sqlx::query`; `#[sqlx::test]` polls on one thread).
///
/// The counter is the process's one global subscriber, counting per thread: a per-test
/// (thread-default) subscriber raced with the tests running beside it, whose lack of one
/// could leave sqlx's callsite cached as "nobody listens" and count 0 queries.
pub async fn count_queries<T>(f: impl std::future::Future<Output = T>) -> (T, usize) {
    use std::cell::Cell;
    thread_local! {
        static QUERIES: Cell<usize> = const { Cell::new(0) };
    }
    struct Counter;
    impl tracing::Subscriber for Counter {
        fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
            true
        }
        fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
            Some(tracing::level_filters::LevelFilter::TRACE)
        }
        fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
            tracing::span::Id::from_u64(1)
        }
        fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
        fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
        fn event(&self, event: &tracing::Event<'_>) {
            if event.metadata().target() == "sqlx::query" {
                QUERIES.with(|q| q.set(q.get() + 1));
            }
        }
        fn enter(&self, _: &tracing::span::Id) {}
        fn exit(&self, _: &tracing::span::Id) {}
    }
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        tracing::subscriber::set_global_default(Counter).expect("no other global subscriber");
    });
    let before = QUERIES.with(Cell::get);
    let out = f.await;
    (out, QUERIES.with(Cell::get) - before)
}
