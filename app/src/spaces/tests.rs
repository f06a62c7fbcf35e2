//! Database tests of the ledger and its checkpoints.

use super::{service, SpaceForm, SpaceType};
use crate::spaces::SpaceField;
use crate::{
    auth::Role,
    checkpoint::{db as checkpoints, CheckpointKind, Resolved},
    error::{AppError, Problem},
    testing::{self, count},
};
use sqlx::PgPool;
use uuid::Uuid;

fn form(code: &str) -> SpaceForm {
    SpaceForm {
        code: code.into(),
        name: "1号污水池".into(),
        location: "污水处理站".into(),
        space_type: "pit".into(),
        hazards: vec!["toxic".into(), "drowning".into()],
        required_gases: vec!["hydrogen_sulfide".into()],
        toxic_asphyxiation_risk: Some("on".into()),
        ..SpaceForm::default()
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn officers_register_spaces_with_a_qr_token_and_workers_only_read(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000001").await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13500000002").await;
    let regulator = testing::user(&pool, orgs.township, Role::Regulator, "13500000003").await;

    let space = service::create(&pool, &officer, Uuid::now_v7(), &form("YX-01"))
        .await
        .unwrap();
    assert_eq!(space.space_type, SpaceType::Pit);
    assert_eq!(space.version, 1);
    let issued = checkpoints::current(&pool, orgs.a, CheckpointKind::ConfinedSpace, space.id)
        .await
        .unwrap()
        .expect("a token is issued with the space");
    assert_eq!(issued.token.len(), 26);
    assert!(!issued.token.contains(&space.id.to_string()));

    assert_eq!(
        service::get(&pool, &worker, space.id).await.unwrap().id,
        space.id
    );
    assert_eq!(
        service::create(&pool, &worker, Uuid::now_v7(), &form("YX-02")).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        service::set_active(&pool, &worker, Uuid::now_v7(), space.id, false).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        service::list(&pool, &regulator, "", None).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn another_enterprise_sees_nothing_of_the_ledger(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer_a = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000011").await;
    let officer_b = testing::user(&pool, orgs.b, Role::SafetyOfficer, "13500000012").await;
    let space = service::create(&pool, &officer_a, Uuid::now_v7(), &form("YX-01"))
        .await
        .unwrap();

    assert!(service::list(&pool, &officer_b, "", None)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        service::get(&pool, &officer_b, space.id).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::update(
            &pool,
            &officer_b,
            Uuid::now_v7(),
            space.id,
            1,
            &form("HACK")
        )
        .await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::set_active(&pool, &officer_b, Uuid::now_v7(), space.id, false).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::regenerate_token(&pool, &officer_b, Uuid::now_v7(), space.id).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::history(&pool, &officer_b, space.id).await.unwrap(),
        vec![]
    );
    assert!(service::posters(&pool, &officer_b, &[space.id], "http://x")
        .await
        .is_err());
    // A's QR token means nothing to B.
    let token = checkpoints::current(&pool, orgs.a, CheckpointKind::ConfinedSpace, space.id)
        .await
        .unwrap()
        .unwrap()
        .token;
    assert_eq!(
        checkpoints::resolve(&pool, orgs.b, &token).await.unwrap(),
        None
    );
    // The same code is free in B.
    assert!(
        service::create(&pool, &officer_b, Uuid::now_v7(), &form("YX-01"))
            .await
            .is_ok()
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_retried_registration_is_stored_once(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000021").await;
    let client_id = Uuid::now_v7();
    let first = service::create(&pool, &officer, client_id, &form("YX-01"))
        .await
        .unwrap();
    let retry = service::create(&pool, &officer, client_id, &form("YX-01"))
        .await
        .unwrap();
    assert_eq!(first.id, retry.id);
    assert_eq!(
        count(&pool, "select count(*) from confined_spaces").await,
        1
    );
    assert_eq!(count(&pool, "select count(*) from checkpoints").await, 1);
    assert_eq!(
        service::create(&pool, &officer, Uuid::now_v7(), &form("yx-01")).await,
        Err(AppError::invalid(SpaceField::SpaceCode, Problem::Taken))
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn edits_keep_history_and_a_stale_edit_is_refused(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000031").await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13500000032").await;
    let space = service::create(&pool, &officer, Uuid::now_v7(), &form("YX-01"))
        .await
        .unwrap();

    let mut renamed = form("YX-01");
    renamed.name = "1号污水调节池".into();
    let edit_id = Uuid::now_v7();
    let v2 = service::update(&pool, &officer, edit_id, space.id, 1, &renamed)
        .await
        .unwrap();
    assert_eq!((v2.version, v2.name.as_str()), (2, "1号污水调节池"));
    // The same edit retried (a lost answer) is not an error.
    let again = service::update(&pool, &officer, edit_id, space.id, 1, &renamed)
        .await
        .unwrap();
    assert_eq!(again.version, 2);
    // An admin editing the version-1 page they opened earlier is told the record moved on.
    assert_eq!(
        service::update(&pool, &admin, Uuid::now_v7(), space.id, 1, &form("YX-09")).await,
        Err(AppError::invalid(SpaceField::Space, Problem::Stale))
    );
    let off = service::set_active(&pool, &admin, Uuid::now_v7(), space.id, false)
        .await
        .unwrap();
    assert!(!off.active);

    let history = service::history(&pool, &officer, space.id).await.unwrap();
    let versions: Vec<(i32, bool)> = history.iter().map(|v| (v.version, v.active)).collect();
    assert_eq!(versions, vec![(3, false), (2, true), (1, true)]);
    assert_eq!(history[1].name, "1号污水调节池");
    assert_eq!(history[2].name, "1号污水池");
    // Deactivated, never deleted.
    assert_eq!(
        count(&pool, "select count(*) from confined_spaces").await,
        1
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from audit_log where action like 'space.%'"
        )
        .await,
        3
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_regenerated_token_marks_old_posters_replaced(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000041").await;
    let space = service::create(&pool, &officer, Uuid::now_v7(), &form("YX-01"))
        .await
        .unwrap();
    let old = checkpoints::current(&pool, orgs.a, CheckpointKind::ConfinedSpace, space.id)
        .await
        .unwrap()
        .unwrap();
    service::regenerate_token(&pool, &officer, Uuid::now_v7(), space.id)
        .await
        .unwrap();
    let new = checkpoints::current(&pool, orgs.a, CheckpointKind::ConfinedSpace, space.id)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(old.token, new.token);
    assert_eq!(
        checkpoints::resolve(&pool, orgs.a, &old.token)
            .await
            .unwrap(),
        Some(Resolved::Replaced)
    );
    assert_eq!(
        checkpoints::resolve(&pool, orgs.a, &new.token)
            .await
            .unwrap(),
        Some(Resolved::Current {
            kind: CheckpointKind::ConfinedSpace,
            subject_id: space.id
        })
    );
    assert_eq!(
        checkpoints::token_for_short_code(&pool, orgs.a, &old.short_code)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        checkpoints::token_for_short_code(&pool, orgs.a, &new.short_code)
            .await
            .unwrap(),
        Some(new.token.clone())
    );

    let posters = service::posters(&pool, &officer, &[], "https://anxun.example/")
        .await
        .unwrap();
    assert_eq!(posters.len(), 1);
    assert_eq!(
        posters[0].url,
        format!("https://anxun.example/c/{}", new.token)
    );
    assert!(posters[0].svg.starts_with("<svg"));
    assert_eq!(posters[0].hazards, vec!["toxic", "drowning"]);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn search_and_type_filter(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000051").await;
    service::create(&pool, &officer, Uuid::now_v7(), &form("YX-01"))
        .await
        .unwrap();
    let mut tank = form("GC-01");
    tank.name = "酸洗储罐".into();
    tank.space_type = "tank".into();
    tank.location = "酸洗车间".into();
    service::create(&pool, &officer, Uuid::now_v7(), &tank)
        .await
        .unwrap();

    let codes = |list: Vec<super::Space>| list.into_iter().map(|s| s.code).collect::<Vec<_>>();
    assert_eq!(
        codes(service::list(&pool, &officer, "", None).await.unwrap()),
        ["GC-01", "YX-01"]
    );
    assert_eq!(
        codes(service::list(&pool, &officer, "酸洗", None).await.unwrap()),
        ["GC-01"]
    );
    assert_eq!(
        codes(
            service::list(&pool, &officer, "", Some(SpaceType::Pit))
                .await
                .unwrap()
        ),
        ["YX-01"]
    );
    // Search text is data, never a pattern: % and _ match nothing special.
    assert!(
        service::list(&pool, &officer, "%", None)
            .await
            .unwrap()
            .len()
            == 2
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_client_id_reused_for_another_space_or_step_is_refused(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000091").await;
    let id = Uuid::now_v7();
    let space = service::create(&pool, &officer, id, &form("YX-91"))
        .await
        .unwrap();
    // The same submission again answers the same space; another form under its id does not.
    assert_eq!(
        service::create(&pool, &officer, id, &form("YX-91"))
            .await
            .unwrap()
            .id,
        space.id
    );
    assert_eq!(
        service::create(&pool, &officer, id, &form("YX-92")).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(
        service::set_active(&pool, &officer, id, space.id, false).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(testing::audit_rows(&pool, "space.create").await, 1);
    assert_eq!(
        count(&pool, "select count(*) from confined_spaces").await,
        1
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_ledger_write_leaves_exactly_one_audit_row(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000093").await;
    let space = service::create(&pool, &officer, Uuid::now_v7(), &form("YX-93"))
        .await
        .unwrap();
    service::update(&pool, &officer, Uuid::now_v7(), space.id, 1, &form("YX-94"))
        .await
        .unwrap();
    service::set_active(&pool, &officer, Uuid::now_v7(), space.id, false)
        .await
        .unwrap();
    service::set_active(&pool, &officer, Uuid::now_v7(), space.id, true)
        .await
        .unwrap();
    service::regenerate_token(&pool, &officer, Uuid::now_v7(), space.id)
        .await
        .unwrap();
    for action in [
        "space.create",
        "space.edit",
        "space.deactivate",
        "space.activate",
        "space.token_regenerate",
    ] {
        assert_eq!(testing::audit_rows(&pool, action).await, 1, "{action}");
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_client_id_another_enterprise_used_is_free_in_this_one(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer_a = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000095").await;
    let officer_b = testing::user(&pool, orgs.b, Role::SafetyOfficer, "13500000096").await;
    let id = Uuid::now_v7();
    let a = service::create(&pool, &officer_a, id, &form("YX-95"))
        .await
        .unwrap();
    // Client ids are unique per enterprise: B's ledger takes its own space under A's id.
    let b = service::create(&pool, &officer_b, id, &form("YX-95"))
        .await
        .unwrap();
    assert_ne!(a.id, b.id);
    assert_eq!(
        count(&pool, "select count(*) from confined_spaces").await,
        2
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn concurrent_qr_regenerations_leave_one_current_code(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000051").await;
    let space = service::create(&pool, &officer, Uuid::now_v7(), &form("YX-01"))
        .await
        .unwrap();
    // Two officers' phones at the same instant, eight times over: each waits for the other
    // on the space's row, none fails.
    let runs: Vec<_> = (0..8)
        .map(|_| {
            let (pool, officer) = (pool.clone(), officer.clone());
            tokio::spawn(async move {
                service::regenerate_token(&pool, &officer, Uuid::now_v7(), space.id).await
            })
        })
        .collect();
    for run in runs {
        run.await.unwrap().unwrap();
    }
    let current = count(
        &pool,
        "select count(*) from checkpoints where replaced_at is null",
    )
    .await;
    assert_eq!(current, 1);
    assert_eq!(count(&pool, "select count(*) from checkpoints").await, 9);
}

/// The scan page's first read: a current token opens its space (one query), a replaced one
/// opens nothing, another enterprise's token is unknown, and a regulator is refused.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_scanned_token_lands_on_its_space_in_its_enterprise_only(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000051").await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13500000052").await;
    let worker_b = testing::user(&pool, orgs.b, Role::Worker, "13500000053").await;
    let regulator = testing::user(&pool, orgs.township, Role::Regulator, "13500000054").await;
    let space = service::create(&pool, &officer, Uuid::now_v7(), &form("YX-09"))
        .await
        .unwrap();
    let old = checkpoints::current(&pool, orgs.a, CheckpointKind::ConfinedSpace, space.id)
        .await
        .unwrap()
        .unwrap();

    let landed = crate::scan::db::landing(&pool, &worker, &old.token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        landed.resolved,
        Resolved::Current {
            kind: CheckpointKind::ConfinedSpace,
            subject_id: space.id
        }
    );
    assert_eq!(landed.space, Some(space.clone()));
    assert_eq!(landed.open_operation, None, "no operation was requested");
    assert_eq!(
        crate::scan::db::landing(&pool, &worker_b, &old.token)
            .await
            .unwrap(),
        None
    );
    assert!(matches!(
        crate::scan::db::landing(&pool, &regulator, &old.token).await,
        Err(AppError::Forbidden)
    ));

    service::regenerate_token(&pool, &officer, Uuid::now_v7(), space.id)
        .await
        .unwrap();
    assert_eq!(
        crate::scan::db::landing(&pool, &worker, &old.token)
            .await
            .unwrap()
            .map(|l| l.resolved),
        Some(Resolved::Replaced)
    );
}
