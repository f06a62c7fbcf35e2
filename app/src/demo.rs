//! Demo data for `make run` on an empty database: one township, two enterprises and a user of
//! each role. The logins are listed in the README.

use crate::auth::{server::password, Role};
use sqlx::PgPool;
use uuid::Uuid;

pub const DEMO_PASSWORD: &str = "Anxun@2026";

/// (mobile, employee number, name, role, enterprise code or None for the regulator)
pub const DEMO_USERS: [(&str, &str, &str, Role, Option<&str>); 7] = [
    ("13800000001", "W001", "王师傅", Role::Worker, Some("DEMO")),
    ("13800000007", "W002", "周师傅", Role::Worker, Some("DEMO")),
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
    let has_any: bool = sqlx::query_scalar("select exists (select 1 from enterprises)")
        .fetch_one(pool)
        .await?;
    if has_any {
        return Ok(false);
    }
    let hash = password::hash(DEMO_PASSWORD.to_owned())
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("hashing demo password: {e}")))?;
    let mut tx = pool.begin().await?;
    let township = Uuid::now_v7();
    sqlx::query("insert into jurisdictions (id, name) values ($1, '赵县范庄镇')")
        .bind(township)
        .execute(&mut *tx)
        .await?;
    let enterprises = [
        ("DEMO", "赵县示范机械制造有限公司"),
        ("PAPER", "赵县示范纸业有限公司"),
    ];
    let mut ids = Vec::new();
    for (code, name) in enterprises {
        let id = Uuid::now_v7();
        sqlx::query(
            "insert into enterprises (id, code, name, jurisdiction_id) values ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(code)
        .bind(name)
        .bind(township)
        .execute(&mut *tx)
        .await?;
        ids.push((code, id));
    }
    for (mobile, employee_no, name, role, enterprise) in DEMO_USERS {
        let enterprise_id =
            enterprise.and_then(|code| ids.iter().find(|(c, _)| *c == code).map(|(_, id)| *id));
        let jurisdiction_id = (role == Role::Regulator).then_some(township);
        let user_id = Uuid::now_v7();
        sqlx::query(
            "insert into users (id, enterprise_id, jurisdiction_id, role, name, mobile,
                                employee_no, password_hash)
             values ($1, $2, $3, $4, $5, $6, nullif($7, ''), $8)",
        )
        .bind(user_id)
        .bind(enterprise_id)
        .bind(jurisdiction_id)
        .bind(role.as_str())
        .bind(name)
        .bind(mobile)
        .bind(employee_no)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
        if let Some(enterprise_id) = enterprise_id {
            // The admins are their enterprises' principals (主要负责人); everyone holds a
            // year of confined-space training, so the demo can run a whole operation.
            if role == Role::EnterpriseAdmin {
                sqlx::query("update enterprises set principal_id = $1 where id = $2")
                    .bind(user_id)
                    .bind(enterprise_id)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "insert into qualifications (id, enterprise_id, user_id, kind, valid_from,
                    valid_until, source, recorded_by)
                 values ($1, $2, $3, 'confined_space', now(), now() + interval '1 year',
                         'demo', $3)",
            )
            .bind(Uuid::now_v7())
            .bind(enterprise_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}
