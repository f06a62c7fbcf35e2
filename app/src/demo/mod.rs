//! Demo data for `make run` on an empty database: one township, two enterprises and a user of
//! each role. The logins are listed in the README.

mod db;
mod training;

use crate::auth::{server::password, Role};
use sqlx::PgPool;

pub const DEMO_PASSWORD: &str = "Anxun@2026";

/// (mobile, employee number, name, role, enterprise code or None for the regulator)
pub const DEMO_USERS: [(&str, &str, &str, Role, Option<&str>); 8] = [
    ("13800000001", "W001", "王师傅", Role::Worker, Some("DEMO")),
    ("13800000007", "W002", "周师傅", Role::Worker, Some("DEMO")),
    // Cleared for work (三级教育 done) but without confined-space training: the training demo.
    ("13800000008", "W003", "吴师傅", Role::Worker, Some("DEMO")),
    (
        "13800000002",
        "S001",
        "李安全",
        Role::SafetyOfficer,
        Some("DEMO"),
    ),
    ("13800000003", "T001", "张培训", Role::Trainer, Some("DEMO")),
    (
        "13800000004",
        "A001",
        "赵管理",
        Role::EnterpriseAdmin,
        Some("DEMO"),
    ),
    ("13800000005", "", "刘监管", Role::Regulator, None),
    (
        "13800000006",
        "A001",
        "孙厂长",
        Role::EnterpriseAdmin,
        Some("PAPER"),
    ),
];

/// Loads the demo data when the database has no enterprise yet. Returns whether it did.
pub async fn seed_if_empty(pool: &PgPool) -> Result<bool, sqlx::Error> {
    if db::has_any_enterprise(pool).await? {
        return Ok(false);
    }
    let hash = password::hash(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("hashing demo password: {e}")))?;
    db::seed(pool, &hash).await?;
    Ok(true)
}
