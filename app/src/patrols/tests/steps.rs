use super::{answers_for, World};
use crate::patrols::PatrolField;
use crate::{
    error::{AppError, Problem},
    hazards::{HazardGrade, HazardSource},
    patrols::{records, service, ChecklistForm, ItemForm, PatrolRefusal, PointForm},
    testing,
};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_pack_installs_once_with_its_basis_and_verified_flags(pool: PgPool) {
    let w = World::new(&pool).await;
    let client = Uuid::now_v7();
    let id = service::install_pack(&pool, &w.officer, client, "sc25_confined_space")
        .await
        .unwrap();
    // A retry answers the same checklist; another install of the pack is refused.
    let again = service::install_pack(&pool, &w.officer, client, "sc25_confined_space").await;
    assert_eq!(again, Ok(id));
    let twice = service::install_pack(&pool, &w.officer, Uuid::now_v7(), "sc25_confined_space");
    assert_eq!(
        twice.await,
        Err(AppError::invalid(PatrolField::Pack, Problem::Taken))
    );
    let unknown = service::install_pack(&pool, &w.officer, Uuid::now_v7(), "sc25_moon").await;
    assert_eq!(
        unknown,
        Err(AppError::invalid(PatrolField::Pack, Problem::Invalid))
    );
    let c = service::checklist(&pool, &w.officer, id).await.unwrap();
    assert_eq!((c.version, c.items.len()), (1, 4));
    assert!(c
        .items
        .iter()
        .all(|i| !i.verified && i.basis.contains("第十三条")));
    assert!(c.items.iter().all(|i| i.fail_grade == HazardGrade::Major));
    // Workers read checklists; only officers install them.
    let by_worker = service::install_pack(&pool, &w.worker, Uuid::now_v7(), "sc25_dust").await;
    assert_eq!(by_worker, Err(AppError::Forbidden));
    // Another enterprise sees none of it.
    assert!(service::checklists(&pool, &w.foreign)
        .await
        .unwrap()
        .is_empty());
    let foreign = service::checklist(&pool, &w.foreign, id).await;
    assert_eq!(foreign, Err(AppError::NotFound));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_edited_checklist_leaves_finished_records_on_their_version(pool: PgPool) {
    let w = World::new(&pool).await;
    let record = w.start().await;
    let answers = w.answers(record, &[]).await;
    records::submit(
        &pool,
        &w.worker,
        Uuid::now_v7(),
        record,
        &answers,
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    // A record started before the edit and submitted after it keeps its version too.
    let open = w.start().await;
    let form = ChecklistForm {
        name: "配电房巡查".into(),
        items: vec![ItemForm {
            text: "配电柜温度".into(),
            category: "electrical".into(),
            answer_type: "number".into(),
            min_value: "0".into(),
            max_value: "60".into(),
            unit: "℃".into(),
            ..Default::default()
        }],
    };
    let v = service::edit_checklist(&pool, &w.officer, Uuid::now_v7(), w.checklist, 1, &form);
    assert_eq!(v.await, Ok(2));
    // Editing on the old version again is stale.
    let stale = service::edit_checklist(&pool, &w.officer, Uuid::now_v7(), w.checklist, 1, &form);
    assert_eq!(
        stale.await,
        Err(AppError::invalid(PatrolField::Checklist, Problem::Stale))
    );
    let (_, old) = records::form(&pool, &w.worker, record).await.unwrap();
    assert_eq!((old.version, old.items.len()), (1, 11));
    let (_, still_old) = records::form(&pool, &w.worker, open).await.unwrap();
    assert_eq!(still_old.version, 1);
    let answers = answers_for(&still_old, &[]);
    records::submit(
        &pool,
        &w.worker,
        Uuid::now_v7(),
        open,
        &answers,
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    let new = w.start().await;
    let (_, current) = records::form(&pool, &w.worker, new).await.unwrap();
    assert_eq!((current.version, current.items.len()), (2, 1));
    assert!(!current.items[0].verified);
    let answered_v1 = testing::count(
        &pool,
        "select count(*) from patrol_answers a join checklist_items i on i.id = a.item_id
         join checklist_versions v on v.id = i.version_id where v.version = 1",
    )
    .await;
    assert_eq!(answered_v1, 22);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_record_starts_only_from_a_current_token_of_a_patrol_point(pool: PgPool) {
    let w = World::new(&pool).await;
    let none = w.start_as(&w.worker, "nosuchtoken", w.checklist).await;
    assert_eq!(none, Err(AppError::NotFound));
    let bad = w.start_as(&w.worker, "", w.checklist).await;
    assert_eq!(bad, Err(AppError::NotFound));
    let html = w.start_as(&w.worker, "<b>", w.checklist).await;
    assert_eq!(html, Err(AppError::NotFound));
    // Another enterprise's people cannot use the token.
    let foreign = w.start_as(&w.foreign, &w.token, w.checklist).await;
    assert_eq!(foreign, Err(AppError::NotFound));
    // A checklist the point does not carry.
    let other = service::install_pack(&pool, &w.officer, Uuid::now_v7(), "daily_dust")
        .await
        .unwrap();
    let not_here = w.start_as(&w.worker, &w.token, other).await;
    assert_eq!(
        not_here,
        Err(AppError::invalid(PatrolField::Checklist, Problem::Invalid))
    );
    // A confined space's token starts no patrol.
    let space = crate::spaces::SpaceForm {
        code: "YX-1".into(),
        name: "污水池".into(),
        space_type: "pit".into(),
        ..Default::default()
    };
    let space = crate::spaces::service::create(&pool, &w.officer, Uuid::now_v7(), &space)
        .await
        .unwrap();
    let space_token = crate::checkpoint::db::current(
        &pool,
        w.officer.enterprise_id.unwrap(),
        crate::checkpoint::CheckpointKind::ConfinedSpace,
        space.id,
    )
    .await
    .unwrap()
    .unwrap()
    .token;
    let wrong_kind = w.start_as(&w.worker, &space_token, w.checklist).await;
    assert_eq!(
        wrong_kind,
        Err(AppError::refused(PatrolRefusal::NotAPatrolPoint))
    );
    // A replaced token opens the "replaced" page and starts nothing.
    service::regenerate_token(&pool, &w.officer, Uuid::now_v7(), w.point.id)
        .await
        .unwrap();
    let replaced = w.start_as(&w.worker, &w.token, w.checklist).await;
    assert_eq!(
        replaced,
        Err(AppError::refused(PatrolRefusal::TokenReplaced))
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from patrol_records").await,
        0
    );
    // The new token starts one, recording who, when (server time) and how: scanned.
    let enterprise = w.officer.enterprise_id.unwrap();
    let fresh = World::token_of(&pool, enterprise, w.point.id).await;
    let before = OffsetDateTime::now_utc();
    let start = records::Start {
        token: &fresh,
        checklist_id: w.checklist,
        now: OffsetDateTime::now_utc(),
    };
    let client = Uuid::now_v7();
    let id = records::start(&pool, &w.worker, client, start)
        .await
        .unwrap();
    let (who, started, how) = how_started(&pool, id).await;
    assert_eq!((who, how.as_str()), (w.worker.id, "qr"));
    assert!(started >= before - time::Duration::seconds(1));
    // A retried start answers the same record.
    let again = records::Start {
        token: &fresh,
        checklist_id: w.checklist,
        now: OffsetDateTime::now_utc(),
    };
    assert_eq!(
        records::start(&pool, &w.worker, client, again).await,
        Ok(id)
    );
    // The short code typed on the scan page starts one recorded as typed: the server says
    // so from what it was given, the phone has no say.
    let code = World::short_code_of(&pool, enterprise, w.point.id).await;
    let typed = w.start_as(&w.worker, &code, w.checklist).await.unwrap();
    assert_eq!(how_started(&pool, typed).await.2, "short_code");
    let (token,): (String,) = sqlx::query_as("select token from patrol_records where id = $1")
        .bind(typed)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(token, fresh);
}

async fn how_started(pool: &PgPool, id: Uuid) -> (Uuid, OffsetDateTime, String) {
    sqlx::query_as("select patroller_id, started_at, presence from patrol_records where id = $1")
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn hazards_of(pool: &PgPool, record: Uuid) -> Vec<(String, String, Uuid, Uuid)> {
    sqlx::query_as(
        "select source, grade, checklist_item_id, patrol_point_id from hazards
         where patrol_record_id = $1 order by number",
    )
    .bind(record)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_failed_item_raises_exactly_one_hazard(pool: PgPool) {
    let w = World::new(&pool).await;
    let record = w.start().await;
    let answers = w.answers(record, &[2, 4]).await;
    let client = Uuid::now_v7();
    let now = OffsetDateTime::now_utc();
    let done = records::submit(&pool, &w.worker, client, record, &answers, now).await;
    assert_eq!(done.map(|d| d.hazards), Ok(2));
    // A retry (same client id) raises nothing new and answers as the first time.
    let retry = records::submit(&pool, &w.worker, client, record, &answers, now).await;
    assert_eq!(retry.map(|d| d.hazards), Ok(2));
    let hazards = hazards_of(&pool, record).await;
    assert_eq!(hazards.len(), 2);
    let items: Vec<Uuid> = answers
        .iter()
        .filter(|a| a.result == crate::patrols::AnswerResult::Fail)
        .map(|a| a.item_id)
        .collect();
    for (h, item) in hazards.iter().zip(&items) {
        assert_eq!(
            (h.0.as_str(), h.1.as_str(), h.2, h.3),
            ("daily_patrol", "general", *item, w.point.id)
        );
    }
    // Submitted is final: another submission is refused.
    let again = records::submit(&pool, &w.worker, Uuid::now_v7(), record, &answers, now).await;
    assert_eq!(
        again,
        Err(AppError::refused(PatrolRefusal::AlreadySubmitted))
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from patrol_answers").await,
        11
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_25_item_finding_is_major_and_waits_for_its_plan(pool: PgPool) {
    let w = World::new(&pool).await;
    let sc = service::install_pack(&pool, &w.officer, Uuid::now_v7(), "sc25_dust")
        .await
        .unwrap();
    let form = PointForm {
        name: "除尘系统".into(),
        checklists: vec![sc.to_string()],
        ..Default::default()
    };
    let point = service::create_point(&pool, &w.officer, Uuid::now_v7(), &form)
        .await
        .unwrap();
    let token = World::token_of(&pool, w.officer.enterprise_id.unwrap(), point.id).await;
    let record = w.start_as(&w.worker, &token, sc).await.unwrap();
    let answers = w.answers(record, &[1]).await;
    records::submit(
        &pool,
        &w.worker,
        Uuid::now_v7(),
        record,
        &answers,
        OffsetDateTime::now_utc(),
    )
    .await
    .unwrap();
    let hazards = hazards_of(&pool, record).await;
    assert_eq!(hazards.len(), 1);
    assert_eq!(
        (hazards[0].0.as_str(), hazards[0].1.as_str()),
        (HazardSource::SelfCheck25.as_str(), "major")
    );
    let (state, criterion): (String, String) =
        sqlx::query_as("select state, criterion from hazards where patrol_record_id = $1")
            .bind(record)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(state, "reported");
    assert!(criterion.contains("第十一条"), "{criterion}");
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_record_is_its_patrollers_and_its_enterprises(pool: PgPool) {
    let w = World::new(&pool).await;
    let record = w.start().await;
    let answers = w.answers(record, &[0]).await;
    let now = OffsetDateTime::now_utc();
    let theirs = records::submit(
        &pool,
        &w.other_worker,
        Uuid::now_v7(),
        record,
        &answers,
        now,
    );
    assert_eq!(
        theirs.await,
        Err(AppError::refused(PatrolRefusal::NotYourRecord))
    );
    let foreign = records::submit(&pool, &w.foreign, Uuid::now_v7(), record, &answers, now);
    assert_eq!(foreign.await, Err(AppError::NotFound));
    assert_eq!(
        records::form(&pool, &w.foreign, record).await.map(|_| ()),
        Err(AppError::NotFound)
    );
    // Answers that are not exactly the version's items are refused, nothing saved.
    let short = &answers[1..];
    let partial = records::submit(&pool, &w.worker, Uuid::now_v7(), record, short, now).await;
    assert_eq!(
        partial,
        Err(AppError::invalid(PatrolField::Answer, Problem::Invalid))
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from patrol_answers").await,
        0
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        0
    );
    // Points, posters and schedules of A are invisible to B.
    assert!(service::points(&pool, &w.foreign).await.unwrap().is_empty());
    assert_eq!(
        service::point(&pool, &w.foreign, w.point.id).await,
        Err(AppError::NotFound)
    );
    let posters = service::posters(&pool, &w.foreign, &[w.point.id], "http://x").await;
    assert_eq!(posters, Err(AppError::NotFound));
    // B cannot attach A's checklist to its own point.
    let form = PointForm {
        name: "乙点".into(),
        checklists: vec![w.checklist.to_string()],
        ..Default::default()
    };
    let stolen = service::create_point(&pool, &w.foreign, Uuid::now_v7(), &form).await;
    assert_eq!(
        stolen,
        Err(AppError::invalid(PatrolField::Checklist, Problem::Invalid))
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn points_are_edited_on_their_version_and_print_their_posters(pool: PgPool) {
    let w = World::new(&pool).await;
    let form = PointForm {
        name: "1号车间配电房（东）".into(),
        checklists: vec![],
        ..Default::default()
    };
    let p = service::update_point(&pool, &w.officer, Uuid::now_v7(), w.point.id, 1, &form)
        .await
        .unwrap();
    assert_eq!((p.version, p.checklists.len()), (2, 0));
    let stale = service::update_point(&pool, &w.officer, Uuid::now_v7(), w.point.id, 1, &form);
    assert_eq!(
        stale.await,
        Err(AppError::invalid(PatrolField::PatrolPoint, Problem::Stale))
    );
    // Names are unique in the enterprise.
    let dup = PointForm {
        name: "1号车间配电房（东）".into(),
        ..Default::default()
    };
    let taken = service::create_point(&pool, &w.officer, Uuid::now_v7(), &dup).await;
    assert_eq!(
        taken,
        Err(AppError::invalid(PatrolField::Name, Problem::Taken))
    );
    let all = service::posters(&pool, &w.officer, &[], "https://anxun.example.com/")
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert!(all[0].url.starts_with("https://anxun.example.com/c/"));
    assert!(all[0].svg.contains("<svg"));
}
