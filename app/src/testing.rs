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

/// A user with password `PASSWORD`; regulators get `org` as their jurisdiction.
pub async fn user(pool: &PgPool, org: Uuid, role: Role, mobile: &str) -> SessionUser {
    let id = Uuid::now_v7();
    let hash = password::hash(PASSWORD.into()).await.unwrap();
    let (enterprise_id, jurisdiction_id) = if role == Role::Regulator {
        (None, Some(org))
    } else {
        (Some(org), None)
    };
    sqlx::query(
        "insert into users (id, enterprise_id, jurisdiction_id, role, name, mobile,
                            employee_no, password_hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(jurisdiction_id)
    .bind(role.as_str())
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
