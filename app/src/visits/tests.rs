//! visits' database tests: the closed loop (a finding raised as the enterprise's hazard, run
//! by the enterprise, re-checked by the visit's side only), the expert's access ending with
//! the visit, 回头看's days overdue, who reaches a visit, retries and bad input.

use super::{service, ExpertForm, FindingForm, RecheckForm, VisitField, VisitForm};
use crate::{
    actor::{Role, SessionUser},
    error::{AppError, Problem},
    hazards::{
        steps::{self, Cmd},
        tests::world::World,
        ConfirmInput, HazardGrade, HazardRefusal, HazardSource, HazardState,
    },
    testing,
};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

fn today() -> time::Date {
    crate::time_fmt::china_day(OffsetDateTime::now_utc())
}

async fn expert(pool: &PgPool, regulator: &SessionUser, mobile: &str) -> SessionUser {
    let form = ExpertForm {
        name: format!("专家{mobile}"),
        mobile: mobile.into(),
        password: "first-pass-1".into(),
    };
    let id = service::create_expert(pool, regulator, Uuid::now_v7(), &form).await.unwrap();
    SessionUser {
        id,
        name: form.name,
        role: Role::Expert,
        enterprise_id: None,
        jurisdiction_id: regulator.jurisdiction_id,
        org_name: String::new(),
    }
}

fn visit_form(enterprise: Uuid, experts: &[&SessionUser]) -> VisitForm {
    VisitForm {
        enterprise_id: enterprise.to_string(),
        kind: "guidance".into(),
        checklist: "confined_space".into(),
        visited_on: today().to_string(),
        experts: experts.iter().map(|e| e.id.to_string()).collect(),
        note: "汛期前有限空间专项指导".into(),
        draw_id: String::new(),
    }
}

fn finding_form() -> FindingForm {
    FindingForm {
        location: "污水池".into(),
        description: "未设置安全警示标志".into(),
        category: "confined_space".into(),
        grade: "general".into(),
        basis: "工贸企业有限空间作业安全规定 第十条".into(),
        deadline: (today() + Duration::days(7)).to_string(),
    }
}

async fn cmd<'a>(pool: &PgPool, who: &'a SessionUser, id: Uuid) -> Cmd<'a> {
    let version: i32 = sqlx::query_scalar("select version from hazards where id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap();
    Cmd {
        actor: who,
        client_id: Uuid::now_v7(),
        id,
        version,
        now: OffsetDateTime::now_utc(),
    }
}

async fn state(pool: &PgPool, id: Uuid) -> HazardState {
    sqlx::query_scalar("select state from hazards where id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

fn recheck(hazard: Uuid, passed: bool) -> RecheckForm {
    RecheckForm {
        hazard_id: hazard.to_string(),
        passed: passed.then(|| "on".into()),
        note: if passed { "已整改到位" } else { "警示标志不全" }.into(),
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_finding_runs_the_enterprises_loop_and_only_the_visits_side_rechecks_it(pool: PgPool) {
    let w = World::new(&pool).await;
    let enterprise = w.officer.enterprise_id.unwrap();
    let expert = expert(&pool, &w.regulator, "13600000001").await;
    let client = Uuid::now_v7();
    let form = visit_form(enterprise, &[&expert]);
    let visit = service::open_visit(&pool, &w.regulator, client, &form).await.unwrap();
    // A retry opens nothing new.
    assert_eq!(service::open_visit(&pool, &w.regulator, client, &form).await, Ok(visit));
    assert_eq!(testing::count(&pool, "select count(*) from visits").await, 1);

    // The expert records a finding: a hazard of the enterprise's own ledger, 专家指导.
    let hazard = service::record_finding(&pool, &expert, Uuid::now_v7(), visit, &finding_form())
        .await
        .unwrap();
    let (source, enterprise_of, criterion): (HazardSource, Uuid, String) =
        sqlx::query_as("select source, enterprise_id, criterion from hazards where id = $1")
            .bind(hazard)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(source, HazardSource::ExpertGuidance);
    assert_eq!(enterprise_of, enterprise);
    assert!(criterion.contains("第十条"));
    let filter = crate::hazards::LedgerFilter {
        source: Some(HazardSource::ExpertGuidance),
        ..Default::default()
    };
    let ledger = crate::hazards::reads::ledger(&pool, &w.officer, &filter, OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(ledger.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [hazard], "its own ledger");

    // The enterprise runs its loop: 五落实, rectification with an after-photo.
    let five = ConfirmInput {
        deadline: today() + Duration::days(5),
        ..w.five()
    };
    steps::confirm(&pool, cmd(&pool, &w.officer, hazard).await, &five).await.unwrap();
    let photo = w.photo(&w.rectifier).await.unwrap();
    steps::rectify(&pool, cmd(&pool, &w.rectifier, hazard).await, "已设置警示标志", Some(photo))
        .await
        .unwrap();
    assert_eq!(state(&pool, hazard).await, HazardState::AwaitingRecheck);
    // Its page offers the officer no re-check: it says the visit's side does it.
    let page = crate::hazards::reads::detail(&pool, &w.officer, hazard, OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert!(!page.allowed.recheck && page.allowed.recheck_by_visit);
    // The enterprise never re-checks it, not even its admin.
    for who in [&w.officer, &w.admin] {
        assert_eq!(
            steps::recheck(&pool, cmd(&pool, who, hazard).await, true, "自查合格").await,
            Err(AppError::refused(HazardRefusal::RecheckByOversight))
        );
        assert_eq!(
            service::recheck(&pool, who, Uuid::now_v7(), visit, &recheck(hazard, true)).await,
            Err(AppError::Forbidden)
        );
    }
    // The expert's failed re-check sends it back; after the second rectification, the
    // regulator's passes it: 销号.
    service::recheck(&pool, &expert, Uuid::now_v7(), visit, &recheck(hazard, false))
        .await
        .unwrap();
    assert_eq!(state(&pool, hazard).await, HazardState::Rectifying);
    let photo = w.photo(&w.rectifier).await.unwrap();
    steps::rectify(&pool, cmd(&pool, &w.rectifier, hazard).await, "已补齐", Some(photo))
        .await
        .unwrap();
    let client = Uuid::now_v7();
    service::recheck(&pool, &expert, client, visit, &recheck(hazard, true)).await.unwrap();
    // A retry moves nothing twice.
    service::recheck(&pool, &expert, client, visit, &recheck(hazard, true)).await.unwrap();
    assert_eq!(state(&pool, hazard).await, HazardState::Closed);
    assert_eq!(testing::audit_rows(&pool, "visits.recheck").await, 2);
    // A closed hazard is not re-checked again.
    assert_eq!(
        service::recheck(&pool, &w.regulator, Uuid::now_v7(), visit, &recheck(hazard, true)).await,
        Err(AppError::refused(HazardRefusal::WrongState))
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_experts_access_ends_with_the_visit_and_lookback_counts_the_days_overdue(pool: PgPool) {
    let w = World::new(&pool).await;
    let enterprise = w.officer.enterprise_id.unwrap();
    let expert = expert(&pool, &w.regulator, "13600000001").await;
    let unnamed = expert_other(&pool, &w.regulator).await;
    let visit = service::open_visit(&pool, &w.regulator, Uuid::now_v7(), &visit_form(enterprise, &[&expert]))
        .await
        .unwrap();
    let hazard = service::record_finding(&pool, &expert, Uuid::now_v7(), visit, &finding_form())
        .await
        .unwrap();
    // An expert the visit does not name never learns it.
    assert_eq!(service::detail(&pool, &unnamed, visit).await.map(|d| d.id), Err(AppError::NotFound));
    assert!(service::visits(&pool, &unnamed, false).await.unwrap().is_empty());
    // 回头看: the visit with its open finding; three days past the deadline the visit set.
    sqlx::query("update visit_findings set deadline = $2 where hazard_id = $1")
        .bind(hazard)
        .bind(today() - Duration::days(3))
        .execute(&pool)
        .await
        .unwrap();
    let back = service::visits(&pool, &w.regulator, true).await.unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!((back[0].open_findings, back[0].days_overdue), (1, 3));
    let d = service::detail(&pool, &expert, visit).await.unwrap();
    assert_eq!(d.findings[0].days_overdue, 3);

    // The regulator closes the visit: the expert reaches it no more.
    service::close_visit(&pool, &w.regulator, Uuid::now_v7(), visit).await.unwrap();
    assert_eq!(service::detail(&pool, &expert, visit).await.map(|d| d.id), Err(AppError::NotFound));
    assert_eq!(
        service::record_finding(&pool, &expert, Uuid::now_v7(), visit, &finding_form()).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::recheck(&pool, &expert, Uuid::now_v7(), visit, &recheck(hazard, true)).await,
        Err(AppError::NotFound)
    );
    assert!(service::visits(&pool, &expert, false).await.unwrap().is_empty());
    // The regulator still sees it in 回头看 until its finding is closed, but records nothing
    // more on it.
    assert_eq!(service::visits(&pool, &w.regulator, true).await.unwrap().len(), 1);
    assert_eq!(
        service::record_finding(&pool, &w.regulator, Uuid::now_v7(), visit, &finding_form()).await,
        Err(AppError::refused(super::VisitRefusal::Closed))
    );
}

async fn expert_other(pool: &PgPool, regulator: &SessionUser) -> SessionUser {
    expert(pool, regulator, "13600000002").await
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_the_enterprises_regulators_reach_a_visit_and_bad_input_names_its_field(pool: PgPool) {
    let w = World::new(&pool).await;
    let orgs_elsewhere: Uuid = sqlx::query_scalar(
        "select id from enterprises where jurisdiction_id <> $1 limit 1",
    )
    .bind(w.regulator.jurisdiction_id.unwrap())
    .fetch_one(&pool)
    .await
    .unwrap();
    let far_node: Uuid = sqlx::query_scalar("select jurisdiction_id from enterprises where id = $1")
        .bind(orgs_elsewhere)
        .fetch_one(&pool)
        .await
        .unwrap();
    let far = testing::user(&pool, far_node, Role::Regulator, "13600000009").await;
    let enterprise = w.officer.enterprise_id.unwrap();
    let expert = expert(&pool, &w.regulator, "13600000001").await;
    let visit = service::open_visit(&pool, &w.regulator, Uuid::now_v7(), &visit_form(enterprise, &[&expert]))
        .await
        .unwrap();
    // Another township's regulator: not found; they cannot open a visit of this enterprise,
    // nor appoint this township's expert.
    assert_eq!(service::detail(&pool, &far, visit).await.map(|d| d.id), Err(AppError::NotFound));
    assert_eq!(
        service::open_visit(&pool, &far, Uuid::now_v7(), &visit_form(enterprise, &[])).await,
        Err(AppError::NotFound)
    );
    assert!(matches!(
        service::open_visit(&pool, &far, Uuid::now_v7(), &visit_form(orgs_elsewhere, &[&expert])).await,
        Err(AppError::Invalid { field, .. }) if field == VisitField::Experts
    ));
    // Enterprise people and the operator: refused.
    let operator = testing::user(&pool, enterprise, Role::Operator, "13600000010").await;
    for who in [&w.officer, &w.admin, &operator] {
        assert_eq!(service::detail(&pool, who, visit).await.map(|d| d.id), Err(AppError::Forbidden));
        assert_eq!(
            service::record_finding(&pool, who, Uuid::now_v7(), visit, &finding_form()).await,
            Err(AppError::Forbidden)
        );
    }
    // Bad input names its field, and saves nothing.
    let bad_visit = |f: VisitForm| {
        let pool = pool.clone();
        let r = w.regulator.clone();
        async move { service::open_visit(&pool, &r, Uuid::now_v7(), &f).await }
    };
    let base = visit_form(enterprise, &[]);
    for (form, field) in [
        (VisitForm { kind: "party".into(), ..base.clone() }, VisitField::Kind),
        (VisitForm { checklist: "".into(), ..base.clone() }, VisitField::Checklist),
        (VisitForm { visited_on: "2020-01-01".into(), ..base.clone() }, VisitField::VisitedOn),
        (VisitForm { enterprise_id: "x".into(), ..base.clone() }, VisitField::Enterprise),
        (VisitForm { experts: vec![Uuid::now_v7().to_string()], ..base.clone() }, VisitField::Experts),
    ] {
        assert!(
            matches!(bad_visit(form.clone()).await, Err(AppError::Invalid { field: f, .. }) if f == field),
            "{form:?}"
        );
    }
    let bad_finding = |f: FindingForm| {
        let pool = pool.clone();
        let e = expert.clone();
        async move { service::record_finding(&pool, &e, Uuid::now_v7(), visit, &f).await }
    };
    let base = finding_form();
    for (form, field, problem) in [
        (FindingForm { location: " ".into(), ..base.clone() }, VisitField::Location, Problem::Required),
        (FindingForm { grade: "huge".into(), ..base.clone() }, VisitField::Grade, Problem::Invalid),
        (FindingForm { category: "".into(), ..base.clone() }, VisitField::Category, Problem::Invalid),
        (FindingForm { deadline: (today() - Duration::days(1)).to_string(), ..base.clone() }, VisitField::Deadline, Problem::InPast),
    ] {
        assert_eq!(
            bad_finding(form.clone()).await,
            Err(AppError::invalid(field, problem)),
            "{form:?}"
        );
    }
    assert_eq!(testing::count(&pool, "select count(*) from visits").await, 1);
    assert_eq!(testing::count(&pool, "select count(*) from visit_findings").await, 0);
    let _ = HazardGrade::General;
}

/// 抽查: the county's draw of visited enterprises per township, reproducible from its seed;
/// its checks are visits of the picks, one each.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_spot_check_draw_is_reproducible_from_its_seed(pool: PgPool) {
    use super::{draw, draws, DrawForm};
    let c = crate::county::tests::county(&pool).await;
    let r = &c.county_regulator;
    // Guidance visits of both townships' enterprises, and of a third one unvisited.
    for e in [c.e1, c.e2] {
        service::open_visit(&pool, r, Uuid::now_v7(), &visit_form(e, &[])).await.unwrap();
    }
    let form = DrawForm {
        per_township: "1".into(),
        from: (today() - Duration::days(30)).to_string(),
        to: today().to_string(),
        seed: "18446744073709551615".into(),
    };
    let first = draws::create_draw(&pool, r, Uuid::now_v7(), &form).await.unwrap();
    let d = draws::draw_detail(&pool, r, first).await.unwrap();
    assert_eq!(d.draw.seed, "18446744073709551615", "the seed reads back as typed");
    let picked: Vec<Uuid> = d.picks.iter().map(|p| p.enterprise_id).collect();
    assert_eq!(picked.len(), 2, "one per township");
    // Redone by hand from the seed and the candidates, and drawn again: the same picks.
    let mut by_hand: Vec<Uuid> = draw::draw(
        u64::MAX,
        &[(c.fanzhuang, vec![c.e1]), (c.shahe, vec![c.e2])],
        1,
    )
    .into_iter()
    .map(|p| p.1)
    .collect();
    let again = draws::create_draw(&pool, r, Uuid::now_v7(), &form).await.unwrap();
    let mut again: Vec<Uuid> = draws::draw_detail(&pool, r, again)
        .await
        .unwrap()
        .picks
        .iter()
        .map(|p| p.enterprise_id)
        .collect();
    let mut picked = picked;
    for list in [&mut picked, &mut by_hand, &mut again] {
        list.sort();
    }
    assert_eq!(picked, by_hand);
    assert_eq!(picked, again);
    // A township regulator never sees the county's draw.
    assert_eq!(
        draws::draw_detail(&pool, &c.fanzhuang_regulator, first).await.map(|d| d.draw.id),
        Err(AppError::NotFound)
    );
    // The county checks a pick: a 抽查 visit linked to it, once.
    let check = |draw_id: Uuid, kind: &str| VisitForm {
        kind: kind.into(),
        checklist: "selfcheck25".into(),
        draw_id: draw_id.to_string(),
        ..visit_form(c.e1, &[])
    };
    let visit = service::open_visit(&pool, r, Uuid::now_v7(), &check(first, "spot_check")).await.unwrap();
    let d = draws::draw_detail(&pool, r, first).await.unwrap();
    let pick = d.picks.iter().find(|p| p.enterprise_id == c.e1).unwrap();
    assert_eq!(pick.visit_id, Some(visit));
    assert_eq!(
        service::open_visit(&pool, r, Uuid::now_v7(), &check(first, "spot_check")).await,
        Err(AppError::invalid(VisitField::Draw, Problem::Taken))
    );
    // A spot check names its draw; no other kind does; nor a draw that is not the actor's.
    assert_eq!(
        service::open_visit(&pool, r, Uuid::now_v7(), &check(first, "guidance")).await,
        Err(AppError::invalid(VisitField::Kind, Problem::Invalid))
    );
    let none = VisitForm { draw_id: String::new(), ..check(first, "spot_check") };
    assert_eq!(
        service::open_visit(&pool, r, Uuid::now_v7(), &none).await,
        Err(AppError::invalid(VisitField::Kind, Problem::Invalid))
    );
    assert_eq!(
        service::open_visit(&pool, &c.fanzhuang_regulator, Uuid::now_v7(), &check(again_id(&pool).await, "spot_check")).await,
        Err(AppError::invalid(VisitField::Draw, Problem::Invalid))
    );
    // Bad input names its field.
    for (bad, field) in [
        (DrawForm { per_township: "0".into(), ..form.clone() }, VisitField::PerTownship),
        (DrawForm { seed: "-1".into(), ..form.clone() }, VisitField::Seed),
        (DrawForm { from: "2026-12-31".into(), to: "2026-01-01".into(), ..form.clone() }, VisitField::DrawFrom),
    ] {
        assert!(
            matches!(draws::create_draw(&pool, r, Uuid::now_v7(), &bad).await, Err(AppError::Invalid { field: f, .. }) if f == field),
            "{bad:?}"
        );
    }
}

/// The latest draw's id.
async fn again_id(pool: &PgPool) -> Uuid {
    sqlx::query_scalar("select id from spot_draws order by drawn_at desc, id desc limit 1")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// The finding form with its photo, posted multipart as the page does: the photo is kept as
/// the visited enterprise's and becomes the hazard's before-photo; a retry stores one of each;
/// another township's regulator stores nothing.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_finding_posted_with_its_photo_keeps_it_as_the_enterprises(pool: PgPool) {
    use crate::hazards::tests::http::{multipart, post, router};
    let w = World::new(&pool).await;
    let enterprise = w.officer.enterprise_id.unwrap();
    let expert = expert(&pool, &w.regulator, "13600000001").await;
    let visit = service::open_visit(&pool, &w.regulator, Uuid::now_v7(), &visit_form(enterprise, &[&expert]))
        .await
        .unwrap();
    let app = router(&w);
    let f = finding_form();
    let fields = vec![
        ("client_id", Uuid::now_v7().to_string()),
        ("photo_client_id", Uuid::now_v7().to_string()),
        ("visit_id", visit.to_string()),
        ("location", f.location.clone()),
        ("description", f.description.clone()),
        ("category", f.category.clone()),
        ("grade", f.grade.clone()),
        ("basis", f.basis.clone()),
        ("deadline", f.deadline.clone()),
    ];
    let jpeg = crate::photos::tests::jpeg(40, 30);
    let body = multipart(&fields, Some(&jpeg));
    let first = post(&app, &expert, super::FINDING_MULTIPART, body.clone(), true).await;
    assert_eq!(first.status, 303, "{}", first.body);
    assert_eq!(first.location.as_deref(), Some(format!("/visits/{visit}?saved=finding").as_str()));
    let again = post(&app, &expert, super::FINDING_MULTIPART, body.clone(), false).await;
    assert_eq!(again.status, 200, "{}", again.body);
    let (photos, links, findings): (i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from photos where enterprise_id = $1 and uploaded_by = $2),
                (select count(*) from hazard_photos where enterprise_id = $1 and stage = 'before'),
                (select count(*) from visit_findings where enterprise_id = $1)",
    )
    .bind(enterprise)
    .bind(expert.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((photos, links, findings), (1, 1, 1));
    // The enterprise sees the expert's photo on its hazard.
    let hazard: Uuid = sqlx::query_scalar("select hazard_id from visit_findings")
        .fetch_one(&pool)
        .await
        .unwrap();
    let detail = crate::hazards::reads::detail(&pool, &w.officer, hazard, OffsetDateTime::now_utc())
        .await
        .unwrap();
    assert_eq!(detail.photos.len(), 1);
    // The visit's side sees it on the visit's page and may open it.
    let token: String = sqlx::query_scalar("select token from photos").fetch_one(&pool).await.unwrap();
    let seen = service::detail(&pool, &expert, visit).await.unwrap();
    assert_eq!(seen.findings[0].photos.len(), 1);
    let open = |who: SessionUser| {
        let (pool, photos, token) = (pool.clone(), w.photos.clone(), token.clone());
        async move { crate::photos::service::open(&pool, &photos, &who, &token).await.map(|(row, _)| row.id) }
    };
    assert!(open(expert.clone()).await.is_ok());
    assert!(open(w.regulator.clone()).await.is_ok());
    assert!(open(w.officer.clone()).await.is_ok());
    // Another township's regulator: not found, and no photo stored.
    let far_node: Uuid = sqlx::query_scalar(
        "select id from jurisdictions where id <> $1 and parent_id is distinct from $1 limit 1",
    )
    .bind(w.regulator.jurisdiction_id.unwrap())
    .fetch_one(&pool)
    .await
    .unwrap();
    let far = testing::user(&pool, far_node, Role::Regulator, "13600000009").await;
    let mut other = fields.clone();
    other[0].1 = Uuid::now_v7().to_string();
    other[1].1 = Uuid::now_v7().to_string();
    let refused = post(&app, &far, super::FINDING_MULTIPART, multipart(&other, Some(&jpeg)), false).await;
    assert_eq!(refused.status, 404, "{}", refused.body);
    assert_eq!(testing::count(&pool, "select count(*) from photos").await, 1);
    // Another township's regulator never opens it; the expert no more once the visit closes.
    assert_eq!(open(far.clone()).await, Err(AppError::NotFound));
    service::close_visit(&pool, &w.regulator, Uuid::now_v7(), visit).await.unwrap();
    assert_eq!(open(expert.clone()).await, Err(AppError::NotFound));
    assert!(open(w.regulator.clone()).await.is_ok());
}

/// The XLSX of visits and findings: one row per finding, 回头看 only the open ones; the
/// township regulator's file holds none of another township's.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_visits_export_lists_each_finding(pool: PgPool) {
    use calamine::{Data, Reader, Xlsx};
    let c = crate::county::tests::county(&pool).await;
    let r = &c.fanzhuang_regulator;
    let visit = service::open_visit(&pool, r, Uuid::now_v7(), &visit_form(c.e1, &[])).await.unwrap();
    for _ in 0..2 {
        service::record_finding(&pool, r, Uuid::now_v7(), visit, &finding_form()).await.unwrap();
    }
    service::open_visit(&pool, &c.shahe_regulator, Uuid::now_v7(), &visit_form(c.e2, &[]))
        .await
        .unwrap();
    let rows = |who: SessionUser, lookback: bool| {
        let pool = pool.clone();
        async move {
            let bytes = super::export::workbook(&pool, &who, crate::i18n::Locale::zh_CN, lookback)
                .await
                .unwrap();
            let mut book: Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let range = book.worksheet_range_at(0).unwrap().unwrap();
            range
                .rows()
                .skip(1)
                .map(|row| match &row[1] {
                    Data::String(s) => s.clone(),
                    other => format!("{other:?}"),
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(rows(r.clone(), false).await, ["企业1", "企业1"]);
    assert_eq!(rows(r.clone(), true).await, ["企业1", "企业1"]);
    assert_eq!(rows(c.county_regulator.clone(), false).await.len(), 3);
    assert_eq!(
        super::export::workbook(&pool, &c.operator, crate::i18n::Locale::zh_CN, false).await,
        Err(AppError::Forbidden)
    );
}
