//! Database tests of clearance: the rules on real rows (三级教育 hours, 转岗, 复岗), the
//! officers' lists, the move form's retries and isolation, the policy and the regulator.

use super::{service, MoveInput};
use crate::{
    auth::{Role, SessionUser},
    error::AppError,
    rules::clearance::{Policy, Reason},
    testing::{self, audit_rows, count},
    training::{
        fixtures::{self, SessionSpec},
        results::{self, Outcome},
        session_db::Session,
        AssessedBy, Assessment, Category, MoveKind, QualificationKind,
    },
};
use sqlx::PgPool;
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

fn today() -> Date {
    crate::time_fmt::china_day(OffsetDateTime::now_utc())
}

struct Scene {
    pool: PgPool,
    orgs: testing::Orgs,
    officer: SessionUser,
    trainer: SessionUser,
}

async fn scene(pool: &PgPool) -> Scene {
    let orgs = testing::orgs(pool).await;
    let officer = testing::user(pool, orgs.a, Role::SafetyOfficer, "13500000001").await;
    let trainer = testing::user(pool, orgs.a, Role::Trainer, "13500000002").await;
    Scene {
        pool: pool.clone(),
        orgs,
        officer,
        trainer,
    }
}

impl Scene {
    async fn worker(&self, mobile: &str) -> SessionUser {
        testing::user(&self.pool, self.orgs.a, Role::Worker, mobile).await
    }

    /// A session of `category` `days_ago`, crediting `half_hours`, attended by `who`
    /// throughout.
    async fn attended(
        &self,
        who: &SessionUser,
        category: Category,
        days_ago: i64,
        half_hours: i32,
        assessment: Assessment,
    ) -> Session {
        let starts_at = OffsetDateTime::now_utc() - Duration::days(days_ago);
        let spec = SessionSpec {
            category,
            starts_at,
            minutes: i64::from(half_hours) * 30,
            credited_half_hours: half_hours,
            assessment,
            pass_mark: (assessment != Assessment::None).then_some(60),
            ..SessionSpec::default()
        };
        let session = fixtures::session(&self.pool, self.orgs.a, self.trainer.id, spec).await;
        fixtures::attend(&self.pool, &session, who.id, starts_at).await;
        session
    }

    async fn result(&self, session: &Session, who: &SessionUser, passed: bool) {
        let mut conn = self.pool.acquire().await.unwrap();
        let outcome = Outcome {
            user_id: who.id,
            score: Some(if passed { 90 } else { 40 }),
            passed,
            by: AssessedBy::Trainer,
            at: OffsetDateTime::now_utc(),
            recorded_by: self.trainer.id,
        };
        results::record(&mut conn, session, &outcome).await.unwrap();
    }

    /// 三级教育 of these half hours per level, 40 days ago, not assessed.
    async fn induct(&self, who: &SessionUser, halves: [i32; 3]) {
        for (category, h) in Category::INDUCTION.into_iter().zip(halves) {
            self.attended(who, category, 40, h, Assessment::None).await;
        }
    }

    async fn reasons(&self, who: &SessionUser) -> Vec<Reason> {
        service::person(&self.pool, &self.officer, who.id, OffsetDateTime::now_utc())
            .await
            .unwrap()
            .reasons
    }

    async fn record_move(
        &self,
        who: &SessionUser,
        kind: MoveKind,
        on_date: Date,
        away_since: Option<Date>,
    ) {
        let input = MoveInput {
            user_id: who.id,
            kind,
            on_date,
            away_since,
            note: "调至二车间".into(),
        };
        service::record_move(&self.pool, &self.officer, Uuid::now_v7(), &input)
            .await
            .unwrap();
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn induction_of_23_and_a_half_hours_is_not_enough_24_is(pool: PgPool) {
    let s = scene(&pool).await;
    let short = s.worker("13500000011").await;
    let enough = s.worker("13500000012").await;
    s.induct(&short, [16, 16, 15]).await;
    s.induct(&enough, [16, 16, 16]).await;
    assert_eq!(
        s.reasons(&short).await,
        vec![Reason::InductionHours { have: 47, need: 48 }]
    );
    assert_eq!(s.reasons(&enough).await, vec![]);
    // A new hire with nothing yet: every level missing; a failed level does not count.
    let new = s.worker("13500000013").await;
    assert_eq!(
        s.reasons(&new).await[0],
        Reason::InductionMissing {
            company: true,
            workshop: true,
            team: true
        }
    );
    let failed = s.worker("13500000014").await;
    for category in [Category::InductionCompany, Category::InductionWorkshop] {
        s.attended(&failed, category, 40, 16, Assessment::None)
            .await;
    }
    let team = s
        .attended(&failed, Category::InductionTeam, 39, 16, Assessment::Score)
        .await;
    // Awaiting its result, then failed: still missing; passed: cleared.
    assert!(!s.reasons(&failed).await.is_empty());
    s.result(&team, &failed, false).await;
    assert!(matches!(
        s.reasons(&failed).await[0],
        Reason::InductionMissing { team: true, .. }
    ));
    s.result(&team, &failed, true).await;
    assert_eq!(s.reasons(&failed).await, vec![]);
    // A high-risk sector's 72 hours.
    service::set_policy(
        &pool,
        &testing::user(&pool, s.orgs.a, Role::EnterpriseAdmin, "13500000019").await,
        Uuid::now_v7(),
        &Policy {
            induction_half_hours: 144,
            annual_half_hours: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        s.reasons(&enough).await,
        vec![Reason::InductionHours {
            have: 48,
            need: 144
        }]
    );
    assert_eq!(audit_rows(&pool, "enterprise.settings").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_transfer_needs_retraining_after_it_and_a_transfer_session_is_that(pool: PgPool) {
    let s = scene(&pool).await;
    let worker = s.worker("13500000021").await;
    s.induct(&worker, [16, 16, 16]).await;
    let on = today() - Duration::days(5);
    s.record_move(&worker, MoveKind::Transfer, on, None).await;
    assert_eq!(
        s.reasons(&worker).await,
        vec![Reason::TransferNotRetrained {
            on,
            workshop: true,
            team: true
        }]
    );
    // The induction before the move does not count; a passed 转岗 session after it does.
    let transfer = s
        .attended(&worker, Category::Transfer, 2, 8, Assessment::Score)
        .await;
    assert_eq!(s.reasons(&worker).await.len(), 1);
    s.result(&transfer, &worker, true).await;
    assert_eq!(s.reasons(&worker).await, vec![]);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_return_after_364_days_needs_nothing_after_366_the_retraining(pool: PgPool) {
    let s = scene(&pool).await;
    let (short, long) = (s.worker("13500000031").await, s.worker("13500000032").await);
    let on = today() - Duration::days(3);
    for (who, away) in [(&short, 364), (&long, 366)] {
        s.induct(who, [16, 16, 16]).await;
        let since = on - Duration::days(away);
        s.record_move(who, MoveKind::ReturnToPost, on, Some(since))
            .await;
    }
    assert_eq!(s.reasons(&short).await, vec![]);
    assert_eq!(
        s.reasons(&long).await,
        vec![Reason::ReturnNotRetrained {
            on,
            away_days: 366,
            workshop: true,
            team: true
        }]
    );
    // 车间级 and 班组级 again, on the day of return and after it.
    s.attended(&long, Category::InductionWorkshop, 3, 8, Assessment::None)
        .await;
    assert_eq!(
        s.reasons(&long).await,
        vec![Reason::ReturnNotRetrained {
            on,
            away_days: 366,
            workshop: false,
            team: true
        }]
    );
    s.attended(&long, Category::InductionTeam, 1, 8, Assessment::None)
        .await;
    assert_eq!(s.reasons(&long).await, vec![]);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn officers_see_who_is_not_cleared_and_what_expires_within_30_days(pool: PgPool) {
    let s = scene(&pool).await;
    let cleared = s.worker("13500000041").await;
    let missing = s.worker("13500000042").await;
    s.induct(&cleared, [16, 16, 16]).await;
    s.induct(&s.officer, [16, 16, 16]).await;
    s.induct(&s.trainer, [16, 16, 16]).await;
    sqlx::query("update users set department = '二车间' where id = $1")
        .bind(cleared.id)
        .execute(&pool)
        .await
        .unwrap();
    let now = OffsetDateTime::now_utc();
    // Expiring in 10 days; in 40 days; in 10 days but renewed for a year.
    let grant = |who: Uuid, days: i64, kind: &'static str| {
        let pool = pool.clone();
        let by = s.officer.id;
        let enterprise = s.orgs.a;
        async move {
            sqlx::query(
                "insert into qualifications (id, enterprise_id, user_id, kind, valid_from,
                    valid_until, source, document_ref, recorded_by)
                 values ($1, $2, $3, $4, now() - interval '300 days', $5, 'manual', 'Z-1', $6)",
            )
            .bind(Uuid::now_v7())
            .bind(enterprise)
            .bind(who)
            .bind(kind)
            .bind(now + Duration::days(days))
            .bind(by)
            .execute(&pool)
            .await
            .unwrap();
        }
    };
    grant(cleared.id, 10, "special_operation").await;
    grant(missing.id, 40, "confined_space").await;
    grant(s.trainer.id, 10, "confined_space").await;
    grant(s.trainer.id, 365, "confined_space").await;
    let cov = service::coverage(&pool, &s.officer, now).await.unwrap();
    let names: Vec<_> = cov.not_cleared.iter().map(|p| p.user_id).collect();
    assert_eq!(names, vec![missing.id]);
    assert_eq!(cov.expiring.len(), 1);
    assert_eq!(cov.expiring[0].user_id, cleared.id);
    assert_eq!(cov.expiring[0].kind, QualificationKind::SpecialOperation);
    assert_eq!(cov.half_hours_this_year > 0, today().ordinal() > 40);
    let two = cov
        .departments
        .iter()
        .find(|d| d.department.as_deref() == Some("二车间"))
        .unwrap();
    assert_eq!((two.cleared, two.not_cleared), (1, 0));
    let none = cov.departments.iter().find(|d| d.department.is_none());
    assert_eq!(none.map(|d| (d.cleared, d.not_cleared)), Some((2, 1)));
    // The worker's file: three sessions, the 三级教育卡 complete, the hours of the year.
    let file = service::person_file(&pool, &s.officer, cleared.id, now)
        .await
        .unwrap();
    assert_eq!(file.rows.len(), 3);
    assert!(file.induction_passed);
    assert!(file
        .induction
        .iter()
        .all(|l| l.half_hours == 16 && l.passed));
    assert_eq!(file.hours_by_year.iter().map(|y| y.1).sum::<i32>(), 48);
    assert!(file.clearance.cleared);
    assert_eq!(file.qualifications.len(), 1);
    let mine = service::my_file(&pool, &missing, now).await.unwrap();
    assert!(!mine.clearance.cleared && !mine.induction_passed);
    assert!(!mine.may_record_moves);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_move_is_stored_once_per_submission_and_only_by_officers_of_the_enterprise(pool: PgPool) {
    let s = scene(&pool).await;
    let worker = s.worker("13500000051").await;
    let other = s.worker("13500000052").await;
    let input = |who: &SessionUser| MoveInput {
        user_id: who.id,
        kind: MoveKind::Transfer,
        on_date: today(),
        away_since: None,
        note: String::new(),
    };
    let id = Uuid::now_v7();
    for _ in 0..2 {
        service::record_move(&pool, &s.officer, id, &input(&worker))
            .await
            .unwrap();
    }
    assert_eq!(count(&pool, "select count(*) from person_moves").await, 1);
    assert_eq!(audit_rows(&pool, "training.move").await, 1);
    assert_eq!(
        service::record_move(&pool, &s.officer, id, &input(&other)).await,
        Err(AppError::ClientIdReused)
    );
    // A worker and a trainer do not record moves; another enterprise's officer finds nobody.
    for who in [&worker, &s.trainer] {
        assert_eq!(
            service::record_move(&pool, who, Uuid::now_v7(), &input(&other)).await,
            Err(AppError::Forbidden)
        );
    }
    let officer_b = testing::user(&pool, s.orgs.b, Role::SafetyOfficer, "13500000053").await;
    assert_eq!(
        service::record_move(&pool, &officer_b, Uuid::now_v7(), &input(&other)).await,
        Err(AppError::NotFound)
    );
    assert_eq!(count(&pool, "select count(*) from person_moves").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn nobody_reads_another_enterprises_clearance_or_files(pool: PgPool) {
    let s = scene(&pool).await;
    let worker = s.worker("13500000061").await;
    s.induct(&worker, [16, 16, 16]).await;
    let now = OffsetDateTime::now_utc();
    let officer_b = testing::user(&pool, s.orgs.b, Role::SafetyOfficer, "13500000062").await;
    let admin_b = testing::user(&pool, s.orgs.b, Role::EnterpriseAdmin, "13500000063").await;
    assert_eq!(
        service::person(&pool, &officer_b, worker.id, now).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::person_file(&pool, &officer_b, worker.id, now).await,
        Err(AppError::NotFound)
    );
    let cov_b = service::coverage(&pool, &officer_b, now).await.unwrap();
    assert!(cov_b.people.iter().all(|(id, _)| *id != worker.id));
    assert_eq!(cov_b.half_hours_this_year, 0);
    // B's policy is B's: A's stays the default.
    service::set_policy(
        &pool,
        &admin_b,
        Uuid::now_v7(),
        &Policy {
            induction_half_hours: 144,
            annual_half_hours: Some(16),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        service::person(&pool, &s.officer, worker.id, now)
            .await
            .unwrap()
            .reasons,
        vec![]
    );
    // Workers read their own only; regulators have no enterprise file.
    assert_eq!(
        service::person(&pool, &worker, s.officer.id, now).await,
        Err(AppError::Forbidden)
    );
    assert!(service::mine(&pool, &worker, now).await.unwrap().cleared);
    let regulator = testing::user(&pool, s.orgs.township, Role::Regulator, "13500000064").await;
    assert_eq!(
        service::mine(&pool, &regulator, now).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        service::policy(&pool, &s.officer).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_regulator_sees_the_shares_of_their_jurisdiction_only(pool: PgPool) {
    let s = scene(&pool).await;
    let worker = s.worker("13500000071").await;
    s.induct(&worker, [16, 16, 16]).await;
    let c_worker = testing::user(&pool, s.orgs.elsewhere, Role::Worker, "13500000072").await;
    let regulator = testing::user(&pool, s.orgs.township, Role::Regulator, "13500000073").await;
    let rows = service::regulator(&pool, &regulator, OffsetDateTime::now_utc())
        .await
        .unwrap();
    let ids: Vec<_> = rows.iter().map(|r| r.enterprise_id).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&s.orgs.a) && ids.contains(&s.orgs.b));
    assert!(!ids.contains(&c_worker.enterprise_id.unwrap()));
    let a = rows.iter().find(|r| r.enterprise_id == s.orgs.a).unwrap();
    // Officer, trainer, worker: only the worker did the 三级教育. No permits yet.
    assert_eq!((a.people, a.cleared), (3, 1));
    assert_eq!(a.confined_space_people, 0);
    assert_eq!(
        service::regulator(&pool, &s.officer, OffsetDateTime::now_utc()).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn coverage_reads_a_few_queries_however_many_people(pool: PgPool) {
    let s = scene(&pool).await;
    let now = OffsetDateTime::now_utc();
    let (_, few) = testing::count_queries(service::coverage(&pool, &s.officer, now)).await;
    for i in 0..6 {
        let w = s.worker(&format!("1350000008{i}")).await;
        s.induct(&w, [16, 16, 16]).await;
    }
    let (cov, many) = testing::count_queries(service::coverage(&pool, &s.officer, now)).await;
    assert_eq!(cov.unwrap().people.len(), 8);
    assert_eq!(few, many);
    assert!(many <= 6, "{many} queries");
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_demo_people_are_cleared_for_work(pool: PgPool) {
    assert!(crate::demo::seed_if_empty(&pool).await.unwrap());
    let enterprises: Vec<Uuid> = sqlx::query_scalar("select id from enterprises")
        .fetch_all(&pool)
        .await
        .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let loaded = service::Loaded::load(&mut conn, &enterprises, None)
        .await
        .unwrap();
    assert!(loaded.people.len() >= 6);
    for person in &loaded.people {
        assert!(
            loaded.clearance(person, today()).is_cleared(),
            "{}",
            person.name
        );
    }
}
