//! Database tests of the operation workflow: every refusal, the approver rules, idempotent
//! retries, concurrent entries and tenant isolation.

use super::{service::*, PointReading, Refusal, SamplePoint};
use crate::{
    auth::{Role, SessionUser},
    error::AppError,
    rules::gas::{Gas, GasPolicy, Reading, Unit},
    spaces::{self, SpaceForm},
    testing::{self, count},
};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

struct World {
    officer: SessionUser,
    principal: SessionUser,
    attendant: SessionUser,
    entrant: SessionUser,
    second: SessionUser,
    outsider: SessionUser,
    space: Uuid,
    orgs: testing::Orgs,
}

async fn space(pool: &PgPool, officer: &SessionUser, code: &str, toxic: bool) -> Uuid {
    let form = SpaceForm {
        code: code.into(),
        name: "污水池".into(),
        space_type: "pit".into(),
        required_gases: vec!["flammable".into(), "hydrogen_sulfide".into()],
        toxic_asphyxiation_risk: toxic.then(|| "on".into()),
        ..SpaceForm::default()
    };
    spaces::service::create(pool, officer, Uuid::now_v7(), &form)
        .await
        .unwrap()
        .id
}

async fn train(pool: &PgPool, by: &SessionUser, who: &SessionUser) {
    grant_qualification(
        pool,
        by,
        Uuid::now_v7(),
        who.id,
        OffsetDateTime::now_utc() + Duration::days(365),
    )
    .await
    .unwrap();
}

async fn world(pool: &PgPool, toxic: bool) -> World {
    let orgs = testing::orgs(pool).await;
    let officer = testing::user(pool, orgs.a, Role::SafetyOfficer, "13300000001").await;
    let principal = testing::user(pool, orgs.a, Role::EnterpriseAdmin, "13300000002").await;
    let attendant = testing::user(pool, orgs.a, Role::Worker, "13300000003").await;
    let entrant = testing::user(pool, orgs.a, Role::Worker, "13300000004").await;
    let second = testing::user(pool, orgs.a, Role::Worker, "13300000005").await;
    let outsider = testing::user(pool, orgs.b, Role::SafetyOfficer, "13300000006").await;
    sqlx::query("update enterprises set principal_id = $1 where id = $2")
        .bind(principal.id)
        .bind(orgs.a)
        .execute(pool)
        .await
        .unwrap();
    let space = space(pool, &officer, "YX-01", toxic).await;
    World {
        officer,
        principal,
        attendant,
        entrant,
        second,
        outsider,
        space,
        orgs,
    }
}

fn permit(w: &World) -> PermitInput {
    let now = OffsetDateTime::now_utc();
    PermitInput {
        space_id: w.space,
        work_content: "清淤".into(),
        planned_start: now,
        planned_end: now + Duration::hours(4),
        entrants: vec![w.entrant.id, w.second.id],
        attendant_id: w.attendant.id,
        person_in_charge_id: w.officer.id,
        contractor: String::new(),
        measures: "隔断进水管".into(),
        checklist: vec!["isolation".into()],
        rescue_equipment: "三脚架、安全绳".into(),
    }
}

fn test_input(o2: f64) -> GasTestInput {
    let mut readings = Vec::new();
    for point in SamplePoint::ALL {
        for (gas, value, unit) in [
            (Gas::Oxygen, o2, Unit::PercentVolume),
            (Gas::Flammable, 0.0, Unit::PercentLel),
            (Gas::HydrogenSulfide, 1.0, Unit::Ppm),
        ] {
            readings.push(PointReading {
                point,
                reading: Reading { gas, value, unit },
            });
        }
    }
    GasTestInput {
        detector_id: "MX4-0012".into(),
        calibration_due: OffsetDateTime::now_utc().date() + Duration::days(30),
        readings,
    }
}

fn refused<T: std::fmt::Debug>(result: Result<T, AppError>, reason: Refusal) {
    match result {
        Err(AppError::Refused(r)) => assert_eq!(r, reason),
        other => panic!("expected {reason:?}, got {other:?}"),
    }
}

const P: GasPolicy = GasPolicy {
    test_max_age_minutes: 30,
    retest_interval_minutes: 30,
    lel_max_percent: 10.0,
    grade2_lel_from_percent: 5.0,
    grade2_toxic_fraction: 0.3,
};

/// An approved operation with ventilation, a passing test and the attendant in place.
async fn ready(pool: &PgPool, w: &World) -> Uuid {
    for u in [&w.attendant, &w.entrant, &w.second] {
        train(pool, &w.officer, u).await;
    }
    let op = request_permit(pool, &w.entrant, Uuid::now_v7(), &permit(w))
        .await
        .unwrap();
    decide(pool, &w.officer, Uuid::now_v7(), op, true, "")
        .await
        .unwrap();
    record_ventilation(pool, &w.attendant, Uuid::now_v7(), op)
        .await
        .unwrap();
    assert!(record_gas_test(
        pool,
        &w.attendant,
        Uuid::now_v7(),
        op,
        &test_input(20.9),
        &P
    )
    .await
    .unwrap());
    attendant_check_in(pool, &w.attendant, Uuid::now_v7(), op)
        .await
        .unwrap();
    op
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn approver_rules(pool: PgPool) {
    let w = world(&pool, true).await;
    let op = request_permit(&pool, &w.officer, Uuid::now_v7(), &permit(&w))
        .await
        .unwrap();
    // Never one's own request.
    refused(
        decide(&pool, &w.officer, Uuid::now_v7(), op, true, "").await,
        Refusal::ApproverIsRequester,
    );
    // Workers do not approve at all.
    assert_eq!(
        decide(&pool, &w.entrant, Uuid::now_v7(), op, true, "").await,
        Err(AppError::Forbidden)
    );
    // A toxic-risk space: another officer without a delegation may not approve.
    let other_officer = testing::user(&pool, w.orgs.a, Role::SafetyOfficer, "13300000011").await;
    refused(
        decide(&pool, &other_officer, Uuid::now_v7(), op, true, "").await,
        Refusal::ApproverNotAuthorized,
    );
    // With an expired or revoked delegation still not; with a valid one, yes.
    let insert_delegation = |from: i64, until: i64, revoked: bool| {
        sqlx::query(
            "insert into approval_delegations (id, enterprise_id, delegate_id, granted_by, document_ref,
                valid_from, valid_until, revoked_at)
             values ($1, $2, $3, $4, '委托书', now() + make_interval(hours => $5::int),
                     now() + make_interval(hours => $6::int), case when $7 then now() end)",
        )
        .bind(Uuid::now_v7())
        .bind(w.orgs.a)
        .bind(other_officer.id)
        .bind(w.principal.id)
        .bind(from as i32)
        .bind(until as i32)
        .bind(revoked)
    };
    insert_delegation(-48, -24, false)
        .execute(&pool)
        .await
        .unwrap();
    insert_delegation(-1, 24, true)
        .execute(&pool)
        .await
        .unwrap();
    refused(
        decide(&pool, &other_officer, Uuid::now_v7(), op, true, "").await,
        Refusal::ApproverNotAuthorized,
    );
    insert_delegation(-1, 24, false)
        .execute(&pool)
        .await
        .unwrap();
    decide(&pool, &other_officer, Uuid::now_v7(), op, true, "")
        .await
        .unwrap();

    // The principal may approve without a delegation; a rejection needs a reason.
    let w2_space = space(&pool, &w.officer, "YX-02", true).await;
    let mut p2 = permit(&w);
    p2.space_id = w2_space;
    let op2 = request_permit(&pool, &w.officer, Uuid::now_v7(), &p2)
        .await
        .unwrap();
    assert!(matches!(
        decide(&pool, &w.principal, Uuid::now_v7(), op2, false, " ").await,
        Err(AppError::Invalid { .. })
    ));
    decide(&pool, &w.principal, Uuid::now_v7(), op2, true, "")
        .await
        .unwrap();

    // Without the toxic flag any officer other than the requester may approve.
    let plain = space(&pool, &w.officer, "YX-03", false).await;
    let mut p3 = permit(&w);
    p3.space_id = plain;
    let op3 = request_permit(&pool, &w.entrant, Uuid::now_v7(), &p3)
        .await
        .unwrap();
    decide(&pool, &other_officer, Uuid::now_v7(), op3, true, "")
        .await
        .unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_refusal_before_and_during_entry(pool: PgPool) {
    let w = world(&pool, false).await;
    let mut bad = permit(&w);
    bad.entrants.push(w.attendant.id);
    refused(
        request_permit(&pool, &w.entrant, Uuid::now_v7(), &bad).await,
        Refusal::AttendantCannotEnter,
    );

    let op = request_permit(&pool, &w.entrant, Uuid::now_v7(), &permit(&w))
        .await
        .unwrap();
    refused(
        request_permit(&pool, &w.second, Uuid::now_v7(), &permit(&w)).await,
        Refusal::SpaceBusy,
    );
    let enter_as = |who: &SessionUser, briefed: bool| {
        let who = who.clone();
        let pool = pool.clone();
        async move { enter(&pool, &who, Uuid::now_v7(), op, briefed, "手电", &P).await }
    };
    refused(enter_as(&w.entrant, true).await, Refusal::PermitNotApproved);
    decide(&pool, &w.officer, Uuid::now_v7(), op, true, "")
        .await
        .unwrap();
    refused(enter_as(&w.officer, true).await, Refusal::NotListed);
    refused(enter_as(&w.entrant, true).await, Refusal::NoValidTraining);
    train(&pool, &w.officer, &w.entrant).await;
    refused(enter_as(&w.entrant, true).await, Refusal::NoAttendant);
    refused(
        attendant_check_in(&pool, &w.entrant, Uuid::now_v7(), op).await,
        Refusal::NotAttendant,
    );
    refused(
        attendant_check_in(&pool, &w.attendant, Uuid::now_v7(), op).await,
        Refusal::NoValidTraining,
    );
    train(&pool, &w.officer, &w.attendant).await;
    attendant_check_in(&pool, &w.attendant, Uuid::now_v7(), op)
        .await
        .unwrap();
    refused(enter_as(&w.entrant, true).await, Refusal::NoGasTest);

    refused(
        record_gas_test(
            &pool,
            &w.attendant,
            Uuid::now_v7(),
            op,
            &test_input(20.9),
            &P,
        )
        .await,
        Refusal::NotVentilated,
    );
    record_ventilation(&pool, &w.attendant, Uuid::now_v7(), op)
        .await
        .unwrap();
    let mut overdue = test_input(20.9);
    overdue.calibration_due = OffsetDateTime::now_utc().date() - Duration::days(2);
    refused(
        record_gas_test(&pool, &w.attendant, Uuid::now_v7(), op, &overdue, &P).await,
        Refusal::DetectorOverdue,
    );
    let mut missing = test_input(20.9);
    missing.readings.retain(|r| r.point != SamplePoint::Lower);
    assert!(matches!(
        record_gas_test(&pool, &w.attendant, Uuid::now_v7(), op, &missing, &P).await,
        Err(AppError::Invalid { .. })
    ));

    // A failing test is stored, and blocks entry.
    assert!(!record_gas_test(
        &pool,
        &w.attendant,
        Uuid::now_v7(),
        op,
        &test_input(18.0),
        &P
    )
    .await
    .unwrap());
    assert_eq!(
        count(&pool, "select count(*) from gas_tests where not passed").await,
        1
    );
    refused(enter_as(&w.entrant, true).await, Refusal::GasTestFailed);
    assert!(record_gas_test(
        &pool,
        &w.attendant,
        Uuid::now_v7(),
        op,
        &test_input(20.9),
        &P
    )
    .await
    .unwrap());

    refused(enter_as(&w.entrant, false).await, Refusal::NotBriefed);
    enter_as(&w.entrant, true).await.unwrap();
    refused(enter_as(&w.entrant, true).await, Refusal::AlreadyInside);

    // A test older than the policy's window no longer lets anyone else in.
    train(&pool, &w.officer, &w.second).await;
    sqlx::query("update gas_tests set tested_at = tested_at - interval '31 minutes'")
        .execute(&pool)
        .await
        .unwrap();
    refused(enter_as(&w.second, true).await, Refusal::GasTestStale);
    assert!(record_gas_test(
        &pool,
        &w.attendant,
        Uuid::now_v7(),
        op,
        &test_input(20.9),
        &P
    )
    .await
    .unwrap());
    enter_as(&w.second, true).await.unwrap();

    // Nobody leaves the attendant alone with people inside, or closes over them.
    refused(
        attendant_check_out(&pool, &w.attendant, Uuid::now_v7(), op).await,
        Refusal::PeopleInside,
    );
    refused(
        close(&pool, &w.attendant, Uuid::now_v7(), op).await,
        Refusal::PeopleInside,
    );
    // Only the attendant records someone else's exit.
    refused(
        exit(&pool, &w.second, Uuid::now_v7(), op, w.entrant.id, "").await,
        Refusal::NotAttendant,
    );
    exit(
        &pool,
        &w.attendant,
        Uuid::now_v7(),
        op,
        w.entrant.id,
        "手电",
    )
    .await
    .unwrap();
    exit(&pool, &w.second, Uuid::now_v7(), op, w.second.id, "")
        .await
        .unwrap();
    refused(
        exit(&pool, &w.second, Uuid::now_v7(), op, w.second.id, "").await,
        Refusal::NotInside,
    );

    // Everyone left: an interruption. The earlier (still fresh) test no longer counts.
    refused(enter_as(&w.entrant, true).await, Refusal::GasTestStale);
    assert!(record_gas_test(
        &pool,
        &w.attendant,
        Uuid::now_v7(),
        op,
        &test_input(20.9),
        &P
    )
    .await
    .unwrap());
    enter_as(&w.entrant, true).await.unwrap();

    evacuate(&pool, &w.attendant, Uuid::now_v7(), op)
        .await
        .unwrap();
    refused(enter_as(&w.second, true).await, Refusal::Evacuating);
    exit(&pool, &w.entrant, Uuid::now_v7(), op, w.entrant.id, "")
        .await
        .unwrap();
    refused(
        close(&pool, &w.entrant, Uuid::now_v7(), op).await,
        Refusal::NotAttendant,
    );
    close(&pool, &w.attendant, Uuid::now_v7(), op)
        .await
        .unwrap();
    refused(enter_as(&w.entrant, true).await, Refusal::PermitNotApproved);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_expired_permit_refuses_entry(pool: PgPool) {
    let w = world(&pool, false).await;
    let op = ready(&pool, &w).await;
    sqlx::query("update operations set planned_start = now() - interval '2 hours', planned_end = now() - interval '1 minute'")
        .execute(&pool)
        .await
        .unwrap();
    refused(
        enter(&pool, &w.entrant, Uuid::now_v7(), op, true, "", &P).await,
        Refusal::PermitExpired,
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn retried_tests_entries_and_exits_are_stored_once(pool: PgPool) {
    let w = world(&pool, false).await;
    let op = ready(&pool, &w).await;
    let test_id = Uuid::now_v7();
    for _ in 0..2 {
        assert!(
            record_gas_test(&pool, &w.attendant, test_id, op, &test_input(20.9), &P)
                .await
                .unwrap()
        );
    }
    assert_eq!(count(&pool, "select count(*) from gas_tests").await, 2); // ready()'s and this one
    let entry_id = Uuid::now_v7();
    enter(&pool, &w.entrant, entry_id, op, true, "", &P)
        .await
        .unwrap();
    enter(&pool, &w.entrant, entry_id, op, true, "", &P)
        .await
        .unwrap();
    assert_eq!(count(&pool, "select count(*) from entries").await, 1);
    let exit_id = Uuid::now_v7();
    exit(&pool, &w.entrant, exit_id, op, w.entrant.id, "")
        .await
        .unwrap();
    exit(&pool, &w.entrant, exit_id, op, w.entrant.id, "")
        .await
        .unwrap();
    assert_eq!(
        count(
            &pool,
            "select count(*) from entries where exited_at is not null"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from audit_log where action = 'operation.exit'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn simultaneous_entries_keep_the_headcount_right(pool: PgPool) {
    let w = world(&pool, false).await;
    let op = ready(&pool, &w).await;
    let (a, b) = tokio::join!(
        enter(&pool, &w.entrant, Uuid::now_v7(), op, true, "", &P),
        enter(&pool, &w.second, Uuid::now_v7(), op, true, "", &P),
    );
    a.unwrap();
    b.unwrap();
    // The same person from two phones at once: one entry, one refusal.
    let (c, d) = tokio::join!(
        exit(&pool, &w.entrant, Uuid::now_v7(), op, w.entrant.id, ""),
        exit(&pool, &w.entrant, Uuid::now_v7(), op, w.entrant.id, ""),
    );
    assert!(c.is_ok() != d.is_ok(), "{c:?} {d:?}");
    let views = open_operations(&pool, &w.officer, None, &P).await.unwrap();
    assert_eq!(views.len(), 1);
    let names: Vec<_> = views[0].inside.iter().map(|i| i.user_id).collect();
    assert_eq!(names, vec![w.second.id]);
    assert!(views[0].attendant_present);
    assert!(views[0].last_test.as_ref().unwrap().passed);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn another_enterprise_cannot_touch_an_operation(pool: PgPool) {
    let w = world(&pool, false).await;
    let op = ready(&pool, &w).await;
    let o = &w.outsider;
    assert_eq!(
        decide(&pool, o, Uuid::now_v7(), op, false, "x").await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        record_ventilation(&pool, o, Uuid::now_v7(), op).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        record_gas_test(&pool, o, Uuid::now_v7(), op, &test_input(20.9), &P).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        enter(&pool, o, Uuid::now_v7(), op, true, "", &P).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        exit(&pool, o, Uuid::now_v7(), op, w.entrant.id, "").await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        evacuate(&pool, o, Uuid::now_v7(), op).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        close(&pool, o, Uuid::now_v7(), op).await,
        Err(AppError::NotFound)
    );
    assert!(open_operations(&pool, o, None, &P)
        .await
        .unwrap()
        .is_empty());
    let mut foreign = permit(&w);
    foreign.entrants = vec![w.entrant.id];
    assert_eq!(
        request_permit(&pool, o, Uuid::now_v7(), &foreign).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        grant_qualification(
            &pool,
            o,
            Uuid::now_v7(),
            w.entrant.id,
            OffsetDateTime::now_utc() + Duration::days(1)
        )
        .await,
        Err(AppError::NotFound)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn history_per_space_and_person_stays_in_the_enterprise(pool: PgPool) {
    let w = world(&pool, false).await;
    let op = ready(&pool, &w).await;
    enter(&pool, &w.entrant, Uuid::now_v7(), op, true, "", &P)
        .await
        .unwrap();
    exit(&pool, &w.entrant, Uuid::now_v7(), op, w.entrant.id, "")
        .await
        .unwrap();
    close(&pool, &w.attendant, Uuid::now_v7(), op)
        .await
        .unwrap();

    let all = history(&pool, &w.officer, None, None).await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].entries.len(), 1);
    assert!(all[0].entries[0].starts_with("用户13300000004"));
    assert_eq!((all[0].gas_tests, all[0].failed_tests), (1, 0));
    assert_eq!(
        history(&pool, &w.officer, Some(w.space), Some(w.entrant.id))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        history(&pool, &w.officer, None, Some(w.principal.id))
            .await
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        history(&pool, &w.officer, Some(Uuid::now_v7()), None)
            .await
            .unwrap()
            .len(),
        0
    );
    assert!(history(&pool, &w.outsider, None, None)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        history(&pool, &w.entrant, None, None).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_enterprise_policy_tightens_freshness_and_is_bounded(pool: PgPool) {
    let w = world(&pool, false).await;
    assert_eq!(
        policy_for(&pool, w.orgs.a).await.unwrap(),
        GasPolicy::default()
    );
    let strict = GasPolicy {
        test_max_age_minutes: 10,
        ..GasPolicy::default()
    };
    assert_eq!(
        set_policy(&pool, &w.entrant, &strict).await,
        Err(AppError::Forbidden)
    );
    set_policy(&pool, &w.officer, &strict).await.unwrap();
    assert_eq!(policy_for(&pool, w.orgs.a).await.unwrap(), strict);
    // Another enterprise keeps the defaults.
    assert_eq!(
        policy_for(&pool, w.orgs.b).await.unwrap(),
        GasPolicy::default()
    );
    // Never looser than what is certain: flammable gas stays below 10 % LEL at most.
    let loose = GasPolicy {
        lel_max_percent: 12.0,
        ..GasPolicy::default()
    };
    assert!(matches!(
        set_policy(&pool, &w.officer, &loose).await,
        Err(AppError::Invalid { .. })
    ));

    let op = ready(&pool, &w).await;
    sqlx::query("update gas_tests set tested_at = tested_at - interval '15 minutes'")
        .execute(&pool)
        .await
        .unwrap();
    let policy = policy_for(&pool, w.orgs.a).await.unwrap();
    refused(
        enter(&pool, &w.entrant, Uuid::now_v7(), op, true, "", &policy).await,
        Refusal::GasTestStale,
    );
    enter(
        &pool,
        &w.entrant,
        Uuid::now_v7(),
        op,
        true,
        "",
        &GasPolicy::default(),
    )
    .await
    .unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_the_principal_delegates_and_a_delegate_then_approves(pool: PgPool) {
    let w = world(&pool, true).await;
    let until = OffsetDateTime::now_utc() + Duration::days(30);
    let other = testing::user(&pool, w.orgs.a, Role::SafetyOfficer, "13300000021").await;
    // Not the principal: refused. A worker cannot be a delegate.
    assert_eq!(
        grant_delegation(
            &pool,
            &w.officer,
            Uuid::now_v7(),
            other.id,
            until,
            "委托书1"
        )
        .await,
        Err(AppError::Forbidden)
    );
    assert!(matches!(
        grant_delegation(
            &pool,
            &w.principal,
            Uuid::now_v7(),
            w.entrant.id,
            until,
            "委托书1"
        )
        .await,
        Err(AppError::Invalid { .. })
    ));
    assert_eq!(
        grant_delegation(
            &pool,
            &w.principal,
            Uuid::now_v7(),
            w.outsider.id,
            until,
            "委托书1"
        )
        .await,
        Err(AppError::NotFound)
    );

    let op = request_permit(&pool, &w.officer, Uuid::now_v7(), &permit(&w))
        .await
        .unwrap();
    refused(
        decide(&pool, &other, Uuid::now_v7(), op, true, "").await,
        Refusal::ApproverNotAuthorized,
    );
    grant_delegation(
        &pool,
        &w.principal,
        Uuid::now_v7(),
        other.id,
        until,
        "委托书1",
    )
    .await
    .unwrap();
    let listed = delegations(&pool, &w.officer).await.unwrap();
    assert!(!listed.i_am_principal);
    assert_eq!(listed.rows.len(), 1);
    assert!(listed.rows[0].valid);
    // Revoked: no longer enough.
    revoke_delegation(&pool, &w.principal, Uuid::now_v7(), listed.rows[0].id)
        .await
        .unwrap();
    refused(
        decide(&pool, &other, Uuid::now_v7(), op, true, "").await,
        Refusal::ApproverNotAuthorized,
    );
    grant_delegation(
        &pool,
        &w.principal,
        Uuid::now_v7(),
        other.id,
        until,
        "委托书2",
    )
    .await
    .unwrap();
    decide(&pool, &other, Uuid::now_v7(), op, true, "")
        .await
        .unwrap();
    assert!(delegations(&pool, &w.outsider)
        .await
        .unwrap()
        .rows
        .is_empty());
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_remaining_reads_and_steps_stay_in_the_enterprise(pool: PgPool) {
    let w = world(&pool, false).await;
    let op = ready(&pool, &w).await;
    let o = &w.outsider;
    // Reads: nothing of A shows up for B.
    assert!(detail_at_space(&pool, o, w.space).await.unwrap().is_none());
    let names: Vec<String> = people(&pool, o)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, vec![o.name.clone()]);
    let quals = qualifications(&pool, o).await.unwrap();
    assert!(quals.iter().all(|q| q.user_id == o.id));
    assert!(delegations(&pool, o).await.unwrap().rows.is_empty());
    // Steps on A's operation by B's people are unknown operations.
    assert_eq!(
        attendant_check_in(&pool, o, Uuid::now_v7(), op).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        attendant_check_out(&pool, o, Uuid::now_v7(), op).await,
        Err(AppError::NotFound)
    );
    let until = OffsetDateTime::now_utc() + Duration::days(1);
    grant_delegation(
        &pool,
        &w.principal,
        Uuid::now_v7(),
        w.officer.id,
        until,
        "委托书",
    )
    .await
    .unwrap();
    let id = delegations(&pool, &w.officer).await.unwrap().rows[0].id;
    assert_eq!(
        revoke_delegation(&pool, o, Uuid::now_v7(), id).await,
        Err(AppError::Forbidden)
    );
    // And A's own view of the same things is complete.
    let mine = detail_at_space(&pool, &w.entrant, w.space)
        .await
        .unwrap()
        .unwrap();
    assert!(mine.i_am_entrant && !mine.i_am_attendant);
    assert_eq!(
        mine.trail.first().map(|t| t.action.as_str()),
        Some("operation.request")
    );
    // The attendant may leave only when nobody is inside.
    enter(&pool, &w.entrant, Uuid::now_v7(), op, true, "", &P)
        .await
        .unwrap();
    refused(
        attendant_check_out(&pool, &w.attendant, Uuid::now_v7(), op).await,
        Refusal::PeopleInside,
    );
    exit(&pool, &w.entrant, Uuid::now_v7(), op, w.entrant.id, "")
        .await
        .unwrap();
    attendant_check_out(&pool, &w.attendant, Uuid::now_v7(), op)
        .await
        .unwrap();
    refused(
        enter(&pool, &w.second, Uuid::now_v7(), op, true, "", &P).await,
        Refusal::NoAttendant,
    );
}
