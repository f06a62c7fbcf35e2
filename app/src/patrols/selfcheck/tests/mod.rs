//! Database tests of the 25-item pages: the four item states, answers across checklist
//! versions, the report, the completion rate at window edges (clock injected), tenant and
//! jurisdiction isolation, and bad periods.

mod period;
mod states;

use crate::{
    auth::{Role, SessionUser},
    hazards::{
        steps::{self, Cmd},
        ConfirmInput, HazardGrade, MajorPlan,
    },
    patrols::{
        records, service,
        tests::{answers_for, World},
        Checklist, PointForm,
    },
    photos::{self, PhotoStore},
    testing,
};
use sqlx::PgPool;
use time::{macros::datetime, OffsetDateTime};
use uuid::Uuid;

/// The patrols world, plus enterprise A's 25-item packs (粉尘6, 有限空间4) on a point of
/// their own, a regulator of A's township and one of another township.
pub struct SelfWorld {
    pub w: World,
    pub dust: Uuid,
    pub confined: Uuid,
    pub token: String,
    pub regulator: SessionUser,
    pub far_regulator: SessionUser,
    pub photos: PhotoStore,
    /// The clock steps are given: 2026-12-01 10:00 China time.
    pub now: OffsetDateTime,
}

impl SelfWorld {
    pub async fn new(pool: &PgPool) -> SelfWorld {
        let w = World::new(pool).await;
        // Its ledger entry has the focus risks of both packs (涉及 by the ledger).
        sqlx::query(
            "update enterprises set focus_risks = '{combustible_dust,confined_space}' where id = $1",
        )
        .bind(w.officer.enterprise_id.unwrap())
        .execute(pool)
        .await
        .unwrap();
        let install =
            |pack: &'static str| service::install_pack(pool, &w.officer, Uuid::now_v7(), pack);
        let dust = install("sc25_dust").await.unwrap();
        let confined = install("sc25_confined_space").await.unwrap();
        let form = PointForm {
            name: "25项自查".into(),
            checklists: vec![dust.to_string(), confined.to_string()],
            ..Default::default()
        };
        let point = service::create_point(pool, &w.officer, Uuid::now_v7(), &form)
            .await
            .unwrap();
        let enterprise = w.officer.enterprise_id.unwrap();
        let token = World::token_of(pool, enterprise, point.id).await;
        let township: Uuid =
            sqlx::query_scalar("select jurisdiction_id from enterprises where id = $1")
                .bind(enterprise)
                .fetch_one(pool)
                .await
                .unwrap();
        let far: Uuid = sqlx::query_scalar("select id from jurisdictions where id <> $1 limit 1")
            .bind(township)
            .fetch_one(pool)
            .await
            .unwrap();
        SelfWorld {
            regulator: testing::user(pool, township, Role::Regulator, "13300000011").await,
            far_regulator: testing::user(pool, far, Role::Regulator, "13300000012").await,
            w,
            dust,
            confined,
            token,
            photos: PhotoStore::in_memory(),
            now: datetime!(2026-12-01 02:00 UTC),
        }
    }

    pub fn pool(&self) -> &PgPool {
        &self.w.pool
    }

    /// The worker self-checks `checklist` at `at`: every item passes but those at `fail`.
    /// The hazards raised, in item order.
    pub async fn check(&self, checklist: Uuid, fail: &[usize], at: OffsetDateTime) -> Vec<Uuid> {
        let start = at - time::Duration::minutes(1);
        let record = self
            .w
            .start_as_at(&self.w.worker, &self.token, checklist, start)
            .await
            .unwrap();
        let (_, version): (_, Checklist) = records::form(self.pool(), &self.w.worker, record)
            .await
            .unwrap();
        let answers = answers_for(&version, fail);
        records::submit(
            self.pool(),
            &self.w.worker,
            Uuid::now_v7(),
            record,
            &answers,
            at,
        )
        .await
        .unwrap();
        sqlx::query_scalar(
            "select h.id from hazards h join checklist_items i on i.id = h.checklist_item_id
             where h.patrol_record_id = $1 order by i.position",
        )
        .bind(record)
        .fetch_all(self.pool())
        .await
        .unwrap()
    }

    async fn cmd<'a>(&self, who: &'a SessionUser, id: Uuid) -> Cmd<'a> {
        let version: i32 = sqlx::query_scalar("select version from hazards where id = $1")
            .bind(id)
            .fetch_one(self.pool())
            .await
            .unwrap();
        Cmd {
            actor: who,
            client_id: Uuid::now_v7(),
            id,
            version,
            now: self.now,
        }
    }

    /// 确认 with 五落实 (a 25-item finding is 重大: with its plan), the other worker to fix.
    pub async fn confirm(&self, id: Uuid) {
        let input = ConfirmInput {
            grade: HazardGrade::Major,
            criterion: "第十一条（三）".into(),
            rectifier_id: self.w.other_worker.id,
            measures: "加装泄爆片".into(),
            funds_fen: 120_050,
            deadline: time::macros::date!(2026 - 12 - 08),
            interim_control: "停用该除尘器".into(),
            plan: Some(MajorPlan {
                goal: "目标".into(),
                methods: "方法".into(),
                funds: "经费".into(),
                organisation: "机构".into(),
                schedule: "时限".into(),
                safety: "预案".into(),
            }),
            reported_on: Some(time::macros::date!(2026 - 12 - 01)),
        };
        let cmd = self.cmd(&self.w.officer, id).await;
        steps::confirm(self.pool(), cmd, &input).await.unwrap();
    }

    /// The rectifier reports the fix with an after-photo: 待复查.
    pub async fn rectify(&self, id: Uuid) {
        let who = &self.w.other_worker;
        let file = photos::tests::jpeg(32, 24);
        let photo =
            photos::service::store_in(self.pool(), &self.photos, who, Uuid::now_v7(), &file)
                .await
                .unwrap()
                .id;
        let cmd = self.cmd(who, id).await;
        steps::rectify(self.pool(), cmd, "已加装泄爆片", Some(photo))
            .await
            .unwrap();
    }

    /// The officer re-checks it: passed (已销号) or sent back (整改中).
    pub async fn recheck(&self, id: Uuid, passed: bool) {
        let cmd = self.cmd(&self.w.officer, id).await;
        steps::recheck(self.pool(), cmd, passed, "复查意见")
            .await
            .unwrap();
    }
}
