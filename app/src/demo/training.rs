//! The demo's training records: everyone of an enterprise took the three levels of 三级教育
//! (8 学时 each, passed) in the spring, and has a department and a hiring date, so the demo's
//! people are cleared for work and can be named on permits. (Set-up data: no audit rows.)

use crate::{auth::Role, checkpoint::token::new_token, time_fmt::CHINA, training::Category};
use sqlx::PgConnection;
use time::{
    macros::{date, time},
    Date, Duration, Time,
};
use uuid::Uuid;

/// (category, title, day): the three levels, a week apart.
const INDUCTION: [(Category, &str, Date); 3] = [
    (
        Category::InductionCompany,
        "公司级安全教育（安全生产法律法规、厂规厂纪）",
        date!(2026 - 03 - 02),
    ),
    (
        Category::InductionWorkshop,
        "车间级安全教育（车间危险源、有限空间分布）",
        date!(2026 - 03 - 09),
    ),
    (
        Category::InductionTeam,
        "班组级安全教育（岗位操作规程、劳保用品）",
        date!(2026 - 03 - 16),
    ),
];

/// A department per role in the demo.
fn department(role: Role) -> &'static str {
    match role {
        Role::Worker => "维修车间",
        Role::SafetyOfficer => "安全环保部",
        Role::Trainer => "人力资源部",
        _ => "综合办公室",
    }
}

/// Inside the demo's one transaction (`db::seed`).
pub async fn seed(tx: &mut PgConnection) -> Result<(), sqlx::Error> {
    let enterprises: Vec<(Uuid,)> = sqlx::query_as("select id from enterprises")
        .fetch_all(&mut *tx)
        .await?;
    for (enterprise_id,) in enterprises {
        let people: Vec<(Uuid, Role)> = sqlx::query_as(
            "select id, role from users where enterprise_id = $1 order by employee_no",
        )
        .bind(enterprise_id)
        .fetch_all(&mut *tx)
        .await?;
        // The trainer teaches, or else whoever of the staff there is.
        let Some(trainer) = [Role::Trainer, Role::SafetyOfficer, Role::EnterpriseAdmin]
            .iter()
            .find_map(|role| people.iter().find(|(_, r)| r == role))
            .map(|(id, _)| *id)
        else {
            continue;
        };
        for (id, role) in &people {
            sqlx::query("update users set department = $2, hired_on = '2026-03-02' where id = $1")
                .bind(id)
                .bind(department(*role))
                .execute(&mut *tx)
                .await?;
        }
        for (category, title, day) in INDUCTION {
            let session =
                induction_session(tx, enterprise_id, trainer, category, title, day).await?;
            for (id, _) in &people {
                attend_and_pass(tx, enterprise_id, session, *id, trainer, day).await?;
            }
        }
    }
    Ok(())
}

async fn induction_session(
    tx: &mut PgConnection,
    enterprise_id: Uuid,
    trainer: Uuid,
    category: Category,
    title: &str,
    day: Date,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    let starts = day.with_time(time!(8:30)).assume_offset(CHINA);
    let token = new_token().map_err(|_| sqlx::Error::Protocol("no randomness".into()))?;
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|_| sqlx::Error::Protocol("no randomness".into()))?;
    sqlx::query(
        "insert into training_sessions (id, enterprise_id, title, category, starts_at, ends_at,
            credited_half_hours, location, trainer_id, summary, open_to_all, assessment,
            pass_mark, token, qr_secret, created_by, client_id)
         values ($1, $2, $3, $4, $5, $6, 16, '培训室', $7, $3, true, 'score', 60, $8, $9, $7,
            $10)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(title)
    .bind(category)
    .bind(starts)
    .bind(starts + Duration::hours(9))
    .bind(trainer)
    .bind(token)
    .bind(secret.to_vec())
    .bind(Uuid::now_v7())
    .execute(&mut *tx)
    .await?;
    Ok(id)
}

/// Present for the whole day (ticked by the trainer, as paper records are), scored 90.
async fn attend_and_pass(
    tx: &mut PgConnection,
    enterprise_id: Uuid,
    session: Uuid,
    user_id: Uuid,
    trainer: Uuid,
    day: Date,
) -> Result<(), sqlx::Error> {
    let at = |t: Time| day.with_time(t).assume_offset(CHINA);
    sqlx::query(
        "insert into training_attendance (session_id, user_id, enterprise_id, signed_in_at,
            sign_in_by, sign_in_recorded_by, signed_out_at, sign_out_by, sign_out_recorded_by,
            score, passed, assessed_by, assessed_at)
         values ($1, $2, $3, $4, 'trainer', $5, $6, 'trainer', $5, 90, true, 'trainer', $6)",
    )
    .bind(session)
    .bind(user_id)
    .bind(enterprise_id)
    .bind(at(time!(8:20)))
    .bind(trainer)
    .bind(at(time!(17:40)))
    .execute(&mut *tx)
    .await?;
    Ok(())
}
