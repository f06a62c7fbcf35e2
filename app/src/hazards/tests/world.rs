//! The test world of hazards: one enterprise with its officers and workers, another
//! enterprise's officer, a regulator, a fixed clock, and a driver so a test reads as its
//! scenario: `w.confirm(&w.officer, id, w.five()).await`.

use crate::{
    auth::{Role, SessionUser},
    error::AppError,
    hazards::{
        model::{ConfirmInput, ReportInput},
        steps::{self, Cmd},
        HazardCategory, HazardGrade, HazardSource, HazardState, MajorPlan,
    },
    photos::{self, PhotoStore},
    testing,
};
use sqlx::PgPool;
use time::{macros::datetime, Date, Duration, OffsetDateTime};
use uuid::Uuid;

pub struct World {
    pub pool: PgPool,
    pub officer: SessionUser,
    /// A second officer (the enterprise admin), for independent re-checks.
    pub admin: SessionUser,
    /// The worker who reports.
    pub reporter: SessionUser,
    /// The worker assigned to fix.
    pub rectifier: SessionUser,
    /// Another worker, neither reporter nor rectifier.
    pub bystander: SessionUser,
    /// A safety officer of another enterprise.
    pub outsider: SessionUser,
    pub regulator: SessionUser,
    /// The clock every step of the world is given: 2026-12-01 10:00 Beijing time.
    pub now: OffsetDateTime,
    /// Where the world's photos are kept (in memory).
    pub photos: PhotoStore,
}

impl World {
    pub async fn new(pool: &PgPool) -> World {
        let orgs = testing::orgs(pool).await;
        let person = |role, mobile| testing::user(pool, orgs.a, role, mobile);
        World {
            pool: pool.clone(),
            officer: person(Role::SafetyOfficer, "13400000001").await,
            admin: person(Role::EnterpriseAdmin, "13400000002").await,
            reporter: person(Role::Worker, "13400000003").await,
            rectifier: person(Role::Worker, "13400000004").await,
            bystander: person(Role::Worker, "13400000005").await,
            outsider: testing::user(pool, orgs.b, Role::SafetyOfficer, "13400000006").await,
            regulator: testing::user(pool, orgs.township, Role::Regulator, "13400000007").await,
            now: datetime!(2026-12-01 02:00 UTC),
            photos: PhotoStore::in_memory(),
        }
    }

    pub fn report_input(&self, grade: HazardGrade) -> ReportInput {
        ReportInput {
            location: "2号车间除尘器".into(),
            description: "泄爆片缺失".into(),
            category: HazardCategory::DustExplosion,
            grade,
            source: HazardSource::EmployeeReport,
        }
    }

    /// `who` reports a 一般 hazard; its id.
    pub async fn report(&self, who: &SessionUser) -> Uuid {
        self.report_graded(who, HazardGrade::General).await
    }

    pub async fn report_graded(&self, who: &SessionUser, grade: HazardGrade) -> Uuid {
        steps::report(
            &self.pool,
            who,
            Uuid::now_v7(),
            &self.report_input(grade),
            None,
            self.now,
        )
        .await
        .unwrap()
    }

    /// 五落实 for the world's rectifier, due in a week.
    pub fn five(&self) -> ConfirmInput {
        ConfirmInput {
            grade: HazardGrade::General,
            criterion: String::new(),
            rectifier_id: self.rectifier.id,
            measures: "加装泄爆片".into(),
            funds_fen: 120_050,
            deadline: self.today() + Duration::days(7),
            interim_control: "停用该除尘器".into(),
            plan: None,
            reported_on: None,
        }
    }

    /// 五落实 of a 重大 hazard, with its plan and report date.
    pub fn major_five(&self) -> ConfirmInput {
        ConfirmInput {
            grade: HazardGrade::Major,
            criterion: "第十一条（三）".into(),
            plan: Some(MajorPlan {
                goal: "目标".into(),
                methods: "方法".into(),
                funds: "经费".into(),
                organisation: "机构".into(),
                schedule: "时限".into(),
                safety: "预案".into(),
            }),
            reported_on: Some(self.today()),
            ..self.five()
        }
    }

    pub fn today(&self) -> Date {
        crate::time_fmt::china_day(self.now)
    }

    /// A move's command as `who` on the hazard's current version, with a fresh client id.
    pub async fn cmd<'a>(&self, who: &'a SessionUser, id: Uuid) -> Cmd<'a> {
        Cmd {
            actor: who,
            client_id: Uuid::now_v7(),
            id,
            version: self.version(id).await,
            now: self.now,
        }
    }

    /// A photo `who` takes (a small JPEG, stored as an upload of theirs); its id.
    pub async fn photo(&self, who: &SessionUser) -> Result<Uuid, AppError> {
        let file = photos::tests::jpeg(32, 24);
        let stored =
            photos::service::store_in(&self.pool, &self.photos, who, Uuid::now_v7(), &file);
        Ok(stored.await?.id)
    }

    /// `who` fixes it on the spot, with a note and an after-photo of theirs.
    pub async fn fix_on_spot(&self, who: &SessionUser, id: Uuid) -> Result<(), AppError> {
        let photo = self.photo(who).await?;
        steps::fix_on_spot(
            &self.pool,
            self.cmd(who, id).await,
            "已当场更换",
            Some(photo),
        )
        .await
    }

    pub async fn confirm(
        &self,
        who: &SessionUser,
        id: Uuid,
        input: ConfirmInput,
    ) -> Result<(), AppError> {
        steps::confirm(&self.pool, self.cmd(who, id).await, &input).await
    }

    /// `who` reports the rectification, with an after-photo of theirs.
    pub async fn rectify(&self, who: &SessionUser, id: Uuid) -> Result<(), AppError> {
        let photo = self.photo(who).await?;
        steps::rectify(
            &self.pool,
            self.cmd(who, id).await,
            "已加装泄爆片",
            Some(photo),
        )
        .await
    }

    pub async fn recheck(&self, who: &SessionUser, id: Uuid, passed: bool) -> Result<(), AppError> {
        steps::recheck(&self.pool, self.cmd(who, id).await, passed, "复查意见").await
    }

    /// A hazard in `state`, reached by the usual moves.
    pub async fn hazard_in(&self, state: HazardState) -> Uuid {
        let id = self.report(&self.reporter).await;
        match state {
            HazardState::Reported => {}
            HazardState::FixedOnSpot => self.fix_on_spot(&self.reporter, id).await.unwrap(),
            HazardState::Rectifying => self.confirm(&self.officer, id, self.five()).await.unwrap(),
            HazardState::AwaitingRecheck | HazardState::Closed => {
                self.confirm(&self.officer, id, self.five()).await.unwrap();
                self.rectify(&self.rectifier, id).await.unwrap();
                if state == HazardState::Closed {
                    self.recheck(&self.officer, id, true).await.unwrap();
                }
            }
        }
        assert_eq!(self.state(id).await, state);
        id
    }

    pub async fn state(&self, id: Uuid) -> HazardState {
        sqlx::query_scalar("select state from hazards where id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    pub async fn version(&self, id: Uuid) -> i32 {
        sqlx::query_scalar("select version from hazards where id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .unwrap()
            .unwrap_or(1)
    }

    /// Audit rows written about this hazard.
    pub async fn trail_len(&self, id: Uuid) -> i64 {
        sqlx::query_scalar("select count(*) from audit_log where subject_id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

/// The refusal of `reason`.
pub fn refused(reason: crate::hazards::HazardRefusal) -> Result<(), AppError> {
    Err(AppError::refused(reason))
}
