//! Connecting to PostgreSQL and applying the embedded migrations.

use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    PgPool,
};
use std::{str::FromStr, time::Duration};

/// The schema, embedded in the binary and applied at start (and by `#[sqlx::test]`).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

pub async fn connect(url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    // No JIT: PostgreSQL compiles a query whose estimated cost passes `jit_above_cost`, which
    // at county scale (the regulators' reads over 3,000 enterprises) took 470 ms of a 580 ms
    // query in `bench/county.sh` (t), for queries that run in milliseconds without it.
    let options = PgConnectOptions::from_str(url)?.options([("jit", "off")]);
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        // No ping before each use: it doubled the round trips of every page (a page runs
        // two to four short queries). A connection that broke while idle fails its next
        // query, which the caller sees as a database error, and the pool drops it.
        .test_before_acquire(false)
        .connect_with(options)
        .await
}

pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}
