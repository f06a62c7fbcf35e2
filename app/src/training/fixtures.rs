//! Fixtures of the training database tests: a session and an attendance row written
//! directly, so each part's tests start from the state they need.

use super::{session_db, Assessment, Category, PresenceBy};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// What a fixture session looks like; `Default` is an open 2-hour confined-space session
/// that started an hour ago, assessed by the trainer's score with pass mark 60.
#[derive(Debug, Clone)]
pub struct SessionSpec {
    pub category: Category,
    pub starts_at: OffsetDateTime,
    pub minutes: i64,
    pub credited_half_hours: i32,
    pub open_to_all: bool,
    pub assessment: Assessment,
    pub pass_mark: Option<i32>,
    pub quiz_size: Option<i32>,
}

impl Default for SessionSpec {
    fn default() -> Self {
        SessionSpec {
            category: Category::ConfinedSpace,
            starts_at: OffsetDateTime::now_utc() - Duration::hours(1),
            minutes: 120,
            credited_half_hours: 4,
            open_to_all: true,
            assessment: Assessment::Score,
            pass_mark: Some(60),
            quiz_size: None,
        }
    }
}

/// Inserts a session of `enterprise_id` taught by `trainer_id`, with a fixed QR key of 32
/// bytes of `secret_byte`.
pub async fn session(
    pool: &PgPool,
    enterprise_id: Uuid,
    trainer_id: Uuid,
    spec: SessionSpec,
) -> session_db::Session {
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into training_sessions (id, enterprise_id, title, category, starts_at, ends_at,
            credited_half_hours, location, trainer_id, open_to_all, assessment, pass_mark,
            quiz_size, token, qr_secret, created_by, client_id)
         values ($1, $2, $3, $4, $5, $6, $7, '三楼会议室', $8, $9, $10, $11, $12, $13, $14, $8,
            $15)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(format!("培训{}", &id.to_string()[..8]))
    .bind(spec.category)
    .bind(spec.starts_at)
    .bind(spec.starts_at + Duration::minutes(spec.minutes))
    .bind(spec.credited_half_hours)
    .bind(trainer_id)
    .bind(spec.open_to_all)
    .bind(spec.assessment)
    .bind(spec.pass_mark)
    .bind(spec.quiz_size)
    .bind(crate::checkpoint::token::new_token().unwrap())
    .bind(vec![7u8; 32])
    .bind(Uuid::now_v7())
    .execute(pool)
    .await
    .unwrap();
    session_db::session(pool, enterprise_id, id, false)
        .await
        .unwrap()
        .unwrap()
}

/// `user_id` signed in to `session` at `at` (by scan), not signed out.
pub async fn attend(
    pool: &PgPool,
    session: &session_db::Session,
    user_id: Uuid,
    at: OffsetDateTime,
) {
    sqlx::query(
        "insert into training_attendance (session_id, user_id, enterprise_id, signed_in_at,
            sign_in_by, sign_in_recorded_by)
         values ($1, $2, $3, $4, $5, $2)",
    )
    .bind(session.id)
    .bind(user_id)
    .bind(session.enterprise_id)
    .bind(at)
    .bind(PresenceBy::Scan)
    .execute(pool)
    .await
    .unwrap();
}

/// Makes `people` of `enterprise_id` cleared for work: the three levels of 三级教育
/// (厂级, 车间级, 班组级), 8 学时 each (24 in all, the default policy), not assessed, taught by
/// `trainer_id` thirty days ago, with everyone present throughout.
pub async fn clear(pool: &PgPool, enterprise_id: Uuid, trainer_id: Uuid, people: &[Uuid]) {
    let starts_at = OffsetDateTime::now_utc() - Duration::days(30);
    for category in Category::INDUCTION {
        let spec = SessionSpec {
            category,
            starts_at,
            minutes: 8 * 60,
            credited_half_hours: 16,
            assessment: Assessment::None,
            pass_mark: None,
            ..SessionSpec::default()
        };
        let session = session(pool, enterprise_id, trainer_id, spec).await;
        for person in people {
            attend(pool, &session, *person, starts_at).await;
        }
    }
}
