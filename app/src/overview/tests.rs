//! The overview's database tests: rows per child node and per enterprise at the node, the
//! sums, the reach (a township regulator never another township, the operator nothing), the
//! lists behind the figures, the XLSX, and the reads not growing with the enterprises.

use super::{service, Filter, OverviewField, RowKind};
use crate::{
    actor::{Role, SessionUser},
    county::tests::{code, county},
    error::{AppError, Field},
    hazards::{HazardCategory, HazardGrade, HazardSource, ReportInput},
    testing,
};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

/// Enterprise `n` with this ledger entry (its credit code and name made from `n`) and its
/// first admin, made by the operator.
async fn enterprise_with(
    pool: &PgPool,
    operator: &SessionUser,
    n: u32,
    ledger: crate::county::LedgerForm,
) -> Uuid {
    let form = crate::county::NewEnterpriseForm {
        ledger: crate::county::LedgerForm {
            credit_code: code(n),
            name: format!("企业{n}"),
            ..ledger
        },
        admin_name: format!("管理员{n}"),
        admin_mobile: format!("1390000{n:04}"),
        admin_password: "first-pass-1".into(),
    };
    crate::county::service::create_enterprise(pool, operator, Uuid::now_v7(), &form)
        .await
        .unwrap()
}

/// An enterprise directly at `node`, without focus risks, made by the operator.
async fn enterprise_at(pool: &PgPool, operator: &SessionUser, node: Uuid, n: u32) -> Uuid {
    let ledger = crate::county::LedgerForm {
        township_id: node.to_string(),
        industry: "commerce".into(),
        ..Default::default()
    };
    enterprise_with(pool, operator, n, ledger).await
}

pub(super) async fn report_major(pool: &PgPool, enterprise: Uuid, mobile: &str) {
    let worker = testing::user(pool, enterprise, Role::Worker, mobile).await;
    let input = ReportInput {
        location: "1号池".into(),
        description: "盖板缺失".into(),
        category: HazardCategory::ConfinedSpace,
        grade: HazardGrade::Major,
        source: HazardSource::EmployeeReport,
    };
    let now = OffsetDateTime::now_utc();
    crate::hazards::steps::report(pool, &worker, Uuid::now_v7(), &input, None, now)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_county_reads_its_townships_summed_and_a_township_only_its_own(pool: PgPool) {
    let c = county(&pool).await;
    let e3 = enterprise_at(&pool, &c.operator, c.county, 3).await;
    report_major(&pool, c.e1, "13700000001").await;
    let now = OffsetDateTime::now_utc();
    let o = service::overview(&pool, &c.county_regulator, "", ("", ""), now)
        .await
        .unwrap();
    assert_eq!(o.node, c.county);
    let rows: Vec<(&str, RowKind)> = o.rows.iter().map(|r| (r.name.as_str(), r.kind)).collect();
    use crate::county::Level::Township;
    assert_eq!(
        rows,
        [
            ("沙河店镇", RowKind::Node(Township)),
            ("范庄镇", RowKind::Node(Township)),
            ("企业3", RowKind::Enterprise)
        ]
    );
    let fanzhuang = &o.rows[1].figures;
    assert_eq!(fanzhuang.enterprises, 1);
    assert_eq!((fanzhuang.with_admin, fanzhuang.watched), (1, 1));
    assert_eq!((fanzhuang.hazards_open, fanzhuang.hazards_major), (1, 1));
    // The admin and the worker, neither trained: nobody cleared for work.
    assert_eq!((fanzhuang.people, fanzhuang.people_cleared), (2, 0));
    // 有限空间 in the ledger: the general and confined-space items apply, none cleared yet.
    assert!(fanzhuang.items_applicable > 0 && fanzhuang.items_cleared == 0);
    let e3_row = &o.rows[2].figures;
    assert_eq!((e3_row.watched, e3_row.hazards_open), (0, 0));
    assert!(e3_row.items_applicable < fanzhuang.items_applicable);
    assert_eq!(o.total.enterprises, 3);
    assert_eq!(o.total.hazards_major, 1);
    assert_eq!(o.total.watched, 2);
    assert_eq!(o.total.grades.last(), Some(&3), "no grade yet");

    // Down one level: the township's enterprise, with the way back up.
    let down = service::overview(&pool, &c.county_regulator, &c.fanzhuang.to_string(), ("", ""), now)
        .await
        .unwrap();
    assert_eq!(down.trail, [(c.county, "赵县".to_string())]);
    assert_eq!(down.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [c.e1]);
    // The township regulator: their own enterprise only; the other township is not found.
    let own = service::overview(&pool, &c.fanzhuang_regulator, "", ("", ""), now)
        .await
        .unwrap();
    assert_eq!(own.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [c.e1]);
    assert!(own.trail.is_empty());
    for node in [c.shahe, c.county, e3] {
        assert_eq!(
            service::overview(&pool, &c.fanzhuang_regulator, &node.to_string(), ("", ""), now)
                .await,
            Err(AppError::NotFound),
            "{node}"
        );
    }
    // The operator keeps the ledger but reads no safety figure; enterprise people neither.
    let admin = testing::user(&pool, c.e1, Role::EnterpriseAdmin, "13700000002").await;
    for who in [&c.operator, &admin] {
        assert_eq!(
            service::overview(&pool, who, "", ("", ""), now).await,
            Err(AppError::Forbidden)
        );
    }
    // Bad input names its field.
    let bad = |node: &'static str, from: &'static str, to: &'static str| {
        let pool = pool.clone();
        let r = c.county_regulator.clone();
        async move { service::overview(&pool, &r, node, (from, to), now).await }
    };
    assert!(matches!(bad("x", "", "").await, Err(AppError::Invalid { field, .. }) if field == crate::county::CountyField::Node));
    assert!(matches!(bad("", "2026-13-01", "").await, Err(AppError::Invalid { field, .. }) if field == Field::DateFrom));
    assert!(matches!(bad("", "2026-12-02", "2026-12-01").await, Err(AppError::Invalid { field, .. }) if field == Field::DateFrom));
    assert!(matches!(bad("", "2020-01-01", "2026-12-01").await, Err(AppError::Invalid { field, .. }) if field == Field::DateTo));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn each_figure_lists_its_enterprises_and_the_list_exports(pool: PgPool) {
    let c = county(&pool).await;
    enterprise_at(&pool, &c.operator, c.county, 3).await;
    report_major(&pool, c.e1, "13700000001").await;
    let now = OffsetDateTime::now_utc();
    let r = &c.county_regulator;
    let names = |filter: &'static str| {
        let pool = pool.clone();
        let r = r.clone();
        async move {
            let l = service::list(&pool, &r, "", filter, ("", ""), None, now).await.unwrap();
            l.rows.into_iter().map(|e| e.name).collect::<Vec<_>>()
        }
    };
    assert_eq!(names("all").await, ["企业2", "企业1", "企业3"]);
    assert_eq!(names("watched").await, ["企业2", "企业1"]);
    assert_eq!(names("risk:confined_space").await, ["企业2", "企业1"]);
    assert_eq!(names("hazards_major").await, ["企业1"]);
    assert_eq!(names("hazards_open").await, ["企业1"]);
    assert!(names("hazards_overdue").await.is_empty());
    assert_eq!(names("not_cleared").await.len(), 3);
    assert_eq!(names("grade:none").await.len(), 3);
    assert!(names("grade:level1").await.is_empty());
    assert!(matches!(
        service::list(&pool, r, "", "gold", ("", ""), None, now).await,
        Err(AppError::Invalid { field, .. }) if field == OverviewField::Filter
    ));
    // The XLSX holds the same rows, every cell text.
    use calamine::{Data, Reader, Xlsx};
    let q = super::export::ListQuery {
        filter: Filter::Watched.key(),
        ..Default::default()
    };
    let bytes = super::export::workbook(&pool, r, crate::i18n::Locale::zh_CN, &q)
        .await
        .unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let firsts: Vec<&Data> = range.rows().map(|row| &row[0]).collect();
    assert_eq!(
        firsts,
        [
            &Data::String("企业名称".into()),
            &Data::String("企业2".into()),
            &Data::String("企业1".into())
        ]
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_overview_reads_as_often_for_three_enterprises_as_for_thirty(pool: PgPool) {
    let c = county(&pool).await;
    let now = OffsetDateTime::now_utc();
    let reads = |pool: PgPool, r: SessionUser| async move {
        let (o, n) = testing::count_queries(service::overview(&pool, &r, "", ("", ""), now)).await;
        (o.unwrap().total.enterprises, n)
    };
    let (few, few_reads) = reads(pool.clone(), c.county_regulator.clone()).await;
    for n in 10..37 {
        let at = if n % 2 == 0 { c.fanzhuang } else { c.shahe };
        enterprise_at(&pool, &c.operator, at, n).await;
    }
    let (many, many_reads) = reads(pool.clone(), c.county_regulator.clone()).await;
    assert_eq!((few, many), (2, 29));
    assert_eq!(few_reads, many_reads, "one read per figure, not per enterprise");
}

/// An enterprise at `node` with these focus risks and grade (and a 重大危险源 on odd `n`).
async fn tagged_at(
    pool: &PgPool,
    operator: &SessionUser,
    node: Uuid,
    n: u32,
    risks: &[&str],
    grade: &str,
) -> Uuid {
    let ledger = crate::county::LedgerForm {
        township_id: node.to_string(),
        industry: "machinery".into(),
        focus_risks: risks.iter().map(|r| r.to_string()).collect(),
        major_hazard_source: (n % 2 == 1).then(|| "on".into()),
        standard_grade: grade.into(),
        standard_date: if grade.is_empty() { "" } else { "2026-01-05" }.into(),
        ..Default::default()
    };
    enterprise_with(pool, operator, n, ledger).await
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_databases_sums_are_the_lists_enterprises_added_up(pool: PgPool) {
    let c = county(&pool).await;
    let op = &c.operator;
    tagged_at(&pool, op, c.fanzhuang, 4, &["combustible_dust", "steel"], "level2").await;
    tagged_at(&pool, op, c.shahe, 5, &["coal_gas"], "small_micro").await;
    tagged_at(&pool, op, c.shahe, 6, &["aluminium"], "").await;
    tagged_at(&pool, op, c.county, 7, &["molten_metal", "hazardous_chemicals"], "level1").await;
    report_major(&pool, c.e1, "13700000021").await;
    report_major(&pool, c.e2, "13700000022").await;
    let now = OffsetDateTime::now_utc();
    let r = &c.county_regulator;
    // Twice: computing the figures, then from the kept ones.
    for _ in 0..2 {
        let o = service::overview(&pool, r, "", ("", ""), now).await.unwrap();
        let list = service::list(&pool, r, "", "all", ("", ""), None, now).await.unwrap();
        assert_eq!(list.rows.len(), 6);
        let mut total = super::Figures::default();
        for row in &o.rows {
            let mut sum = super::Figures::default();
            let theirs = list.rows.iter().filter(|e| match row.kind {
                RowKind::Node(_) => e.place == row.name,
                RowKind::Enterprise => e.id == row.id,
            });
            theirs.for_each(|e| sum.add(&e.figures));
            assert_eq!(row.figures, sum, "{}", row.name);
            total.add(&sum);
        }
        assert_eq!(o.total, total);
        // Each fact counted where it is: risks, grades (then none), 重大危险源, hazards.
        assert_eq!(o.total.by_risk.iter().sum::<u32>(), 1 + 1 + 2 + 1 + 1 + 2);
        assert_eq!(o.total.grades, [1, 1, 0, 1, 3]);
        assert_eq!((o.total.major_hazard_source, o.total.hazards_major), (2, 2));
        assert_eq!(o.total.watched, 5);
    }
}
