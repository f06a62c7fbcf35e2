//! SQL of the demo data.

use super::DEMO_USERS;
use crate::auth::Role;
use sqlx::PgPool;
use uuid::Uuid;

/// The demo worker who has yet to take the confined-space training.
pub const NO_CONFINED_SPACE_TRAINING: &str = "吴师傅";

pub async fn has_any_enterprise(pool: &PgPool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select exists (select 1 from enterprises)")
        .fetch_one(pool)
        .await
}

/// Inserts the demo township, enterprises, people and their induction training in one
/// transaction. (Set-up data, not a person's change: no audit row.)
pub async fn seed(pool: &PgPool, hash: &str) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let township = Uuid::now_v7();
    sqlx::query("insert into jurisdictions (id, name) values ($1, '赵县范庄镇')")
        .bind(township)
        .execute(&mut *tx)
        .await?;
    // Each with its ledger entry: its credit code (GB 32100-2015) and the focus risks its 25
    // items follow (the machinery works has dust and confined spaces, the paper mill its pits).
    let enterprises = [
        (
            "DEMO",
            "赵县示范机械制造有限公司",
            "91130133MA0000001U",
            &["combustible_dust", "confined_space"][..],
        ),
        (
            "PAPER",
            "赵县示范纸业有限公司",
            "91130133MA0000002Y",
            &["confined_space"][..],
        ),
    ];
    let mut ids = Vec::new();
    for (code, name, credit_code, risks) in enterprises {
        let id = Uuid::now_v7();
        sqlx::query(
            "insert into enterprises (id, code, name, jurisdiction_id, credit_code, focus_risks,
                                      industry, principal_name)
             values ($1, $2, $3, $4, $5, $6, 'machinery', '')",
        )
        .bind(id)
        .bind(code)
        .bind(name)
        .bind(township)
        .bind(credit_code)
        .bind(risks)
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
        .bind(role)
        .bind(name)
        .bind(mobile)
        .bind(employee_no)
        .bind(hash)
        .execute(&mut *tx)
        .await?;
        if let Some(enterprise_id) = enterprise_id {
            // The admins are their enterprises' principals (主要负责人); everyone but 吴师傅
            // holds a year of confined-space training, so the demo can run a whole operation.
            if role == Role::EnterpriseAdmin {
                sqlx::query("update enterprises set principal_id = $1 where id = $2")
                    .bind(user_id)
                    .bind(enterprise_id)
                    .execute(&mut *tx)
                    .await?;
            }
            if name == NO_CONFINED_SPACE_TRAINING {
                continue;
            }
            sqlx::query(
                "insert into qualifications (id, enterprise_id, user_id, kind, valid_from,
                    valid_until, source, document_ref, recorded_by)
                 values ($1, $2, $3, 'confined_space', now(), now() + interval '1 year',
                         'manual', '演示数据', $3)",
            )
            .bind(Uuid::now_v7())
            .bind(enterprise_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        }
    }
    super::training::seed(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}
