//! Database tests of patrols: packs and versions, starting from a token, submitting with
//! hazards, the day's rounds, the multipart handler, and tenant isolation.

mod api;
mod board;
mod export;
mod http;
mod offline_start;
mod schedules;
mod steps;
mod trail;

use super::{
    answers::{answer_key, AnswerInput},
    records::{self, Start},
    service, AnswerResult, Checklist, Point, PointForm,
};
use crate::{
    auth::{Role, SessionUser},
    checkpoint::{db as checkpoints, CheckpointKind},
    testing,
};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

/// Enterprise A with an officer, two workers, a point carrying the installed daily general
/// pack; and an officer of enterprise B.
pub struct World {
    pub pool: PgPool,
    pub officer: SessionUser,
    pub worker: SessionUser,
    pub other_worker: SessionUser,
    pub foreign: SessionUser,
    pub checklist: Uuid,
    pub point: Point,
    pub token: String,
}

impl World {
    pub async fn new(pool: &PgPool) -> World {
        let orgs = testing::orgs(pool).await;
        let officer = testing::user(pool, orgs.a, Role::SafetyOfficer, "13300000001").await;
        let worker = testing::user(pool, orgs.a, Role::Worker, "13300000002").await;
        let other_worker = testing::user(pool, orgs.a, Role::Worker, "13300000003").await;
        let foreign = testing::user(pool, orgs.b, Role::SafetyOfficer, "13300000004").await;
        let checklist = service::install_pack(pool, &officer, Uuid::now_v7(), "daily_general")
            .await
            .unwrap();
        let form = PointForm {
            name: "1号车间配电房".into(),
            area: "一车间".into(),
            checklists: vec![checklist.to_string()],
            ..Default::default()
        };
        let point = service::create_point(pool, &officer, Uuid::now_v7(), &form)
            .await
            .unwrap();
        let token = World::token_of(pool, orgs.a, point.id).await;
        World {
            pool: pool.clone(),
            officer,
            worker,
            other_worker,
            foreign,
            checklist,
            point,
            token,
        }
    }

    pub async fn token_of(pool: &PgPool, enterprise: Uuid, point: Uuid) -> String {
        checkpoints::current(pool, enterprise, CheckpointKind::PatrolPoint, point)
            .await
            .unwrap()
            .unwrap()
            .token
    }

    /// The short code printed under the point's current QR (typed when the camera fails).
    pub async fn short_code_of(pool: &PgPool, enterprise: Uuid, point: Uuid) -> String {
        checkpoints::current(pool, enterprise, CheckpointKind::PatrolPoint, point)
            .await
            .unwrap()
            .unwrap()
            .short_code
    }

    /// Starts a patrol as `who` from `token` against `checklist`.
    pub async fn start_as(
        &self,
        who: &SessionUser,
        token: &str,
        checklist: Uuid,
    ) -> Result<Uuid, crate::error::AppError> {
        self.start_as_at(who, token, checklist, OffsetDateTime::now_utc())
            .await
    }

    /// Starts a patrol as `who` at `now` (server time): a submission of a fixed day is
    /// started before it, as on a phone (answers are never dated before their start).
    pub async fn start_as_at(
        &self,
        who: &SessionUser,
        token: &str,
        checklist: Uuid,
        now: OffsetDateTime,
    ) -> Result<Uuid, crate::error::AppError> {
        let start = Start {
            token,
            checklist_id: checklist,
            now,
        };
        records::start(&self.pool, who, Uuid::now_v7(), start).await
    }

    /// The world's worker starts a patrol of its point a minute before `at`.
    pub async fn start_before(&self, at: OffsetDateTime) -> Uuid {
        let now = at - time::Duration::minutes(1);
        self.start_as_at(&self.worker, &self.token, self.checklist, now)
            .await
            .unwrap()
    }

    pub async fn start(&self) -> Uuid {
        self.start_as(&self.worker, &self.token, self.checklist)
            .await
            .unwrap()
    }

    /// Dates every schedule of the test as made at `at`: rounds are only expected from a
    /// schedule's making on, so tests of fixed days must not depend on the wall clock.
    pub async fn schedules_made_at(&self, at: OffsetDateTime) {
        sqlx::query("update patrol_schedules set created_at = $1")
            .bind(at)
            .execute(&self.pool)
            .await
            .unwrap();
    }

    /// The checked answers of `record`: every item passes except those at `fail` (0-based).
    pub async fn answers(&self, record: Uuid, fail: &[usize]) -> Vec<AnswerInput> {
        let (_, checklist) = records::form(&self.pool, &self.worker, record)
            .await
            .unwrap();
        answers_for(&checklist, fail)
    }
}

pub fn answers_for(checklist: &Checklist, fail: &[usize]) -> Vec<AnswerInput> {
    let fields: std::collections::HashMap<String, String> = checklist
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let v = if fail.contains(&i) { "fail" } else { "pass" };
            (answer_key(item.id), v.to_owned())
        })
        .collect();
    let checked = super::answers::validate(
        &checklist.items,
        |k| fields.get(k).cloned().unwrap_or_default(),
        |_| true,
    )
    .unwrap();
    assert_eq!(
        checked
            .iter()
            .filter(|a| a.result == AnswerResult::Fail)
            .count(),
        fail.len()
    );
    checked
}
