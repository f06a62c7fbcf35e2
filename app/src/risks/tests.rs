//! The risk register's database tests: grading by the enterprise's policy at its edges and
//! with the forcing situations, a point as bad as its worst hazard, retries that store once,
//! links only to the enterprise's own records, roles, and tenant isolation.

use super::{
    service, ControlLevel, HazardForm, MeasureForm, MeasureKind, PointForm, PolicyForm, RiskField,
    RiskGrade, RiskMethod,
};
use crate::{
    actor::{Role, SessionUser},
    error::{AppError, Problem},
    testing,
};
use sqlx::PgPool;
use uuid::Uuid;

struct Fixture {
    officer: SessionUser,
    admin: SessionUser,
    worker: SessionUser,
    other_officer: SessionUser,
}

async fn fixture(pool: &PgPool) -> Fixture {
    let o = testing::orgs(pool).await;
    Fixture {
        officer: testing::user(pool, o.a, Role::SafetyOfficer, "13600000001").await,
        admin: testing::user(pool, o.a, Role::EnterpriseAdmin, "13600000002").await,
        worker: testing::user(pool, o.a, Role::Worker, "13600000003").await,
        other_officer: testing::user(pool, o.b, Role::SafetyOfficer, "13600000004").await,
    }
}

fn point_form(name: &str) -> PointForm {
    PointForm {
        kind: "place".into(),
        name: name.into(),
        area: "一车间".into(),
        ..Default::default()
    }
}

/// A hazard of `point` scored LEC `l`, `e`, `c` as printed (e.g. "0.5").
fn lec(point: Uuid, l: &str, e: &str, c: &str) -> HazardForm {
    HazardForm {
        point_id: point.to_string(),
        description: "除尘器积尘".into(),
        accident_class: "other_explosion".into(),
        factor_class: "material".into(),
        factor_l: l.into(),
        factor_e: e.into(),
        factor_c: c.into(),
        ..Default::default()
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn hazards_are_graded_by_the_default_lec_edges_and_a_point_by_its_worst(pool: PgPool) {
    let f = fixture(&pool).await;
    let p = service::create_point(&pool, &f.officer, Uuid::now_v7(), &point_form("除尘系统"))
        .await
        .unwrap();
    assert_eq!(p.grade, None, "no hazards yet");
    let add = |form: HazardForm| {
        let (pool, officer) = (pool.clone(), f.officer.clone());
        async move { service::add_hazard(&pool, &officer, Uuid::now_v7(), &form).await }
    };
    // 10 × 10 × 3 = 300: 较大; 10 × 6 × 7 = 420: 重大; 6 × 3 × 7 = 126: 一般; 1 × 6 × 7 = 42: 低.
    let h = add(lec(p.id, "10", "10", "3")).await.unwrap();
    assert_eq!((h.score_hundredths, h.grade), (30_000, RiskGrade::Large));
    let low = add(lec(p.id, "1", "6", "7")).await.unwrap();
    assert_eq!(low.grade, RiskGrade::Low);
    let point = service::point(&pool, &f.officer, p.id).await.unwrap();
    assert_eq!(point.grade, Some(RiskGrade::Large));
    assert_eq!(point.version, 3, "each hazard bumps the point");
    add(lec(p.id, "10", "6", "7")).await.unwrap();
    let point = service::point(&pool, &f.officer, p.id).await.unwrap();
    assert_eq!(point.grade, Some(RiskGrade::Major));
    assert_eq!(point.hazards.len(), 3);
    assert_eq!(point.hazards[0].score_hundredths, 42_000, "worst first");
    // A fractional D is kept exactly: 0.5 × 0.5 × 1 = 0.25.
    let tiny = add(lec(p.id, "0.5", "0.5", "1")).await.unwrap();
    assert_eq!((tiny.score_hundredths, tiny.grade), (25, RiskGrade::Low));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_forcing_situation_raises_the_grade_and_the_policy_sets_the_edges(pool: PgPool) {
    let f = fixture(&pool).await;
    let p = service::create_point(&pool, &f.officer, Uuid::now_v7(), &point_form("污水池"))
        .await
        .unwrap();
    let add = |form: HazardForm| {
        let (pool, officer) = (pool.clone(), f.officer.clone());
        async move { service::add_hazard(&pool, &officer, Uuid::now_v7(), &form).await }
    };
    let forced = |forced: &[&str]| HazardForm {
        forced: forced.iter().map(|s| s.to_string()).collect(),
        ..lec(p.id, "1", "6", "7")
    };
    assert_eq!(add(forced(&["confined_toxic"])).await.unwrap().grade, RiskGrade::Large);
    let both = add(forced(&["confined_toxic", "major_accident_hazard", "confined_toxic"]));
    let both = both.await.unwrap();
    assert_eq!(both.grade, RiskGrade::Major);
    assert_eq!(both.forced.len(), 2, "each situation once");
    // The admin moves to LS with its own edges: 3 × 4 = 12 is 较大 at 12.
    let policy = PolicyForm {
        method: "ls".into(),
        lec_red_above: "320".into(),
        lec_orange_above: "160".into(),
        lec_yellow_above: "70".into(),
        ls_red_from: "16".into(),
        ls_orange_from: "12".into(),
        ls_yellow_from: "6".into(),
        confined_toxic_at_least_large: None,
    };
    let client = Uuid::now_v7();
    let set = service::set_policy(&pool, &f.admin, client, &policy).await.unwrap();
    assert_eq!(set.method, RiskMethod::Ls);
    service::set_policy(&pool, &f.admin, client, &policy).await.unwrap();
    assert_eq!(testing::audit_rows(&pool, "risks.policy_set").await, 1);
    let ls = |l: &str, s: &str| HazardForm {
        factor_s: s.into(),
        factor_e: String::new(),
        factor_c: String::new(),
        ..lec(p.id, l, "", "")
    };
    assert_eq!(add(ls("3", "4")).await.unwrap().grade, RiskGrade::Large);
    assert_eq!(add(ls("2", "5")).await.unwrap().grade, RiskGrade::General, "10");
    // The confined-space rule turned off: 1 × 1 stays 低.
    let off = HazardForm {
        forced: vec!["confined_toxic".into()],
        ..ls("1", "1")
    };
    assert_eq!(add(off).await.unwrap().grade, RiskGrade::Low);
    // Edges that do not descend are refused by their field; the officer may not set them.
    let flat = PolicyForm {
        ls_orange_from: "16".into(),
        ..policy.clone()
    };
    let refused = service::set_policy(&pool, &f.admin, Uuid::now_v7(), &flat).await;
    assert_eq!(refused, Err(AppError::invalid(RiskField::Edges, Problem::Invalid)));
    let refused = service::set_policy(&pool, &f.officer, Uuid::now_v7(), &policy).await;
    assert_eq!(refused, Err(AppError::Forbidden));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn bad_factors_name_their_field_and_nothing_is_saved(pool: PgPool) {
    let f = fixture(&pool).await;
    let p = service::create_point(&pool, &f.officer, Uuid::now_v7(), &point_form("行车"))
        .await
        .unwrap();
    let refused = |form: HazardForm| {
        let pool = pool.clone();
        let officer = f.officer.clone();
        async move { service::add_hazard(&pool, &officer, Uuid::now_v7(), &form).await }
    };
    let invalid = |field| Err(AppError::invalid(field, Problem::Invalid));
    assert_eq!(refused(lec(p.id, "4", "6", "7")).await, invalid(RiskField::FactorL));
    assert_eq!(refused(lec(p.id, "1", "0.3", "7")).await, invalid(RiskField::FactorE));
    assert_eq!(refused(lec(p.id, "1", "6", "7.5")).await, invalid(RiskField::FactorC));
    assert_eq!(refused(lec(p.id, "1", "6", "abc")).await, invalid(RiskField::FactorC));
    assert_eq!(
        refused(lec(p.id, "", "6", "7")).await,
        Err(AppError::invalid(RiskField::FactorL, Problem::Required))
    );
    let bad_class = HazardForm {
        accident_class: "meteor".into(),
        ..lec(p.id, "1", "6", "7")
    };
    assert_eq!(refused(bad_class).await, invalid(RiskField::AccidentClass));
    let bad_forced = HazardForm {
        forced: vec!["bad_luck".into()],
        ..lec(p.id, "1", "6", "7")
    };
    assert_eq!(refused(bad_forced).await, invalid(RiskField::Forced));
    assert_eq!(
        refused(lec(Uuid::now_v7(), "1", "6", "7")).await,
        invalid(RiskField::Point)
    );
    assert_eq!(testing::count(&pool, "select count(*) from risk_hazards").await, 0);
    assert_eq!(testing::audit_rows(&pool, "risks.hazard_add").await, 0);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_retry_stores_once_and_another_enterprise_sees_and_touches_nothing(pool: PgPool) {
    let f = fixture(&pool).await;
    let client = Uuid::now_v7();
    let form = point_form("酸洗槽");
    let p = service::create_point(&pool, &f.officer, client, &form).await.unwrap();
    let again = service::create_point(&pool, &f.officer, client, &form).await.unwrap();
    assert_eq!(again.id, p.id);
    let hazard_client = Uuid::now_v7();
    let h = lec(p.id, "3", "6", "15");
    let first = service::add_hazard(&pool, &f.officer, hazard_client, &h).await.unwrap();
    let retried = service::add_hazard(&pool, &f.officer, hazard_client, &h).await.unwrap();
    assert_eq!(first, retried);
    assert_eq!(testing::count(&pool, "select count(*) from risk_points").await, 1);
    assert_eq!(testing::count(&pool, "select count(*) from risk_hazards").await, 1);
    // Enterprise B: an empty register, A's point not found, no hazard added to it.
    let b = &f.other_officer;
    assert!(service::register(&pool, b).await.unwrap().points.is_empty());
    assert_eq!(service::point(&pool, b, p.id).await, Err(AppError::NotFound));
    let refused = service::add_hazard(&pool, b, Uuid::now_v7(), &h).await;
    assert_eq!(refused, Err(AppError::invalid(RiskField::Point, Problem::Invalid)));
    // A's worker reads the register, records nothing.
    let seen = service::register(&pool, &f.worker).await.unwrap();
    assert_eq!((seen.points.len(), seen.people.len()), (1, 0), "no people to name");
    let refused = service::create_point(&pool, &f.worker, Uuid::now_v7(), &form).await;
    assert_eq!(refused, Err(AppError::Forbidden));
    // A link to another enterprise's patrol point is refused by its field.
    let foreign_point: Uuid = sqlx::query_scalar(
        "insert into patrol_points (id, enterprise_id, name, created_by, client_id)
         values (gen_random_uuid(), $1, '乙巡查点', $2, gen_random_uuid()) returning id",
    )
    .bind(b.enterprise_id.unwrap())
    .bind(b.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    let linked = PointForm {
        patrol_point_id: foreign_point.to_string(),
        ..point_form("乙的点")
    };
    let refused = service::create_point(&pool, &f.officer, Uuid::now_v7(), &linked).await;
    assert_eq!(refused, Err(AppError::invalid(RiskField::PatrolPoint, Problem::Invalid)));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_measure_is_owned_at_its_grades_level_by_a_person_of_the_enterprise(pool: PgPool) {
    let f = fixture(&pool).await;
    let p = service::create_point(&pool, &f.officer, Uuid::now_v7(), &point_form("煤气柜"))
        .await
        .unwrap();
    let add = |form: HazardForm| {
        let (pool, officer) = (pool.clone(), f.officer.clone());
        async move { service::add_hazard(&pool, &officer, Uuid::now_v7(), &form).await }
    };
    let major = add(lec(p.id, "10", "6", "7")).await.unwrap();
    let general = add(lec(p.id, "6", "3", "7")).await.unwrap();
    let measure = |hazard: Uuid, level: &str, who: Uuid| MeasureForm {
        hazard_id: hazard.to_string(),
        kind: "engineering".into(),
        text: "安装一氧化碳报警仪并联锁".into(),
        level: level.into(),
        responsible_id: who.to_string(),
    };
    let client = Uuid::now_v7();
    let m = service::add_measure(&pool, &f.officer, client, &measure(major.id, "", f.worker.id))
        .await
        .unwrap();
    assert_eq!((m.level, m.kind), (ControlLevel::Company, MeasureKind::Engineering));
    let first = measure(major.id, "", f.worker.id);
    let again = service::add_measure(&pool, &f.officer, client, &first).await;
    assert_eq!(again.unwrap(), m, "a retry answers as the first time");
    let team = measure(general.id, "", f.admin.id);
    let team = service::add_measure(&pool, &f.officer, Uuid::now_v7(), &team).await;
    assert_eq!(team.unwrap().level, ControlLevel::Team, "一般: 班组");
    let chosen = measure(general.id, "workshop", f.admin.id);
    let chosen = service::add_measure(&pool, &f.officer, Uuid::now_v7(), &chosen).await.unwrap();
    assert_eq!(chosen.level, ControlLevel::Workshop);
    let point = service::point(&pool, &f.officer, p.id).await.unwrap();
    let shown: Vec<usize> = point.hazards.iter().map(|h| h.measures.len()).collect();
    assert_eq!(shown, [1, 2]);
    assert_eq!(point.hazards[1].measures[0].level, ControlLevel::Workshop, "top level first");
    assert_eq!(testing::audit_rows(&pool, "risks.measure_add").await, 3);
    // Another enterprise's person, another enterprise's hazard, a bad level: by their field.
    let refused = |form: MeasureForm, who: SessionUser| {
        let pool = pool.clone();
        async move { service::add_measure(&pool, &who, Uuid::now_v7(), &form).await }
    };
    let invalid = |field| Err(AppError::invalid(field, Problem::Invalid));
    let foreign = measure(major.id, "", f.other_officer.id);
    assert_eq!(refused(foreign, f.officer.clone()).await, invalid(RiskField::Responsible));
    let theirs = measure(major.id, "", f.other_officer.id);
    assert_eq!(refused(theirs, f.other_officer.clone()).await, invalid(RiskField::Hazard));
    let bad_level = measure(major.id, "board", f.worker.id);
    assert_eq!(refused(bad_level, f.officer.clone()).await, invalid(RiskField::Level));
    let by_worker = measure(major.id, "", f.worker.id);
    assert_eq!(refused(by_worker, f.worker.clone()).await, Err(AppError::Forbidden));
    assert_eq!(testing::count(&pool, "select count(*) from risk_measures").await, 3);
}
