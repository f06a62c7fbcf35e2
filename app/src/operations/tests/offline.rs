//! Exits, gas tests and entries delivered by the offline outbox (issue 10): an exit is always
//! recorded, at the act's time when its times are sound; a gas test at the act's time; an
//! entry never. Each replayed with the same client id is stored once.

use super::world::World;
use crate::{
    offline::tests::{deliver, refused, router, stored_at, Send},
    testing,
};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

fn near(a: OffsetDateTime, b: OffsetDateTime) -> bool {
    (a - b).abs() < Duration::seconds(5)
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_exit_is_recorded_at_its_act_once_and_always(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    w.as_(&w.entrant).enter(op).briefed().await.unwrap();
    w.as_(&w.second).enter(op).briefed().await.unwrap();
    sqlx::query("update entries set entered_at = now() - interval '1 hour'")
        .execute(&pool)
        .await
        .unwrap();
    let r = router(&pool);
    let client = Uuid::now_v7();
    let body = format!(
        "client_id={client}&operation_id={op}&form[person_id]={}",
        w.entrant.id
    );
    let send = Send::form(
        &w.entrant,
        "/api/v1/operations/exit",
        body,
        Duration::minutes(20),
    );
    // Twice (the answer to the first was lost): stored both times, one exit.
    for _ in 0..2 {
        let answer = deliver(&r, &send).await;
        assert!(stored_at(&answer).contains("saved=exited"), "{}", answer.1);
    }
    assert_eq!(testing::audit_rows(&pool, "operation.exit").await, 1);
    let (exited, acted, arrived): (OffsetDateTime, Option<OffsetDateTime>, OffsetDateTime) =
        sqlx::query_as(
            "select e.exited_at, a.acted_at, a.created_at from entries e
             join audit_log a on a.client_id = e.exit_client_id where e.user_id = $1",
        )
        .bind(w.entrant.id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(near(exited, send.made_at), "{exited} vs {}", send.made_at);
    assert_eq!(acted, Some(exited));
    assert!(near(arrived, send.sent_at));
    // The history and its export show the exit's two times: on the phone, and uploaded.
    let history = crate::operations::board::history(&pool, &w.officer, Some(w.space), None, None)
        .await
        .unwrap();
    let line = history[0]
        .entries
        .iter()
        .find(|e| e.name == w.entrant.name)
        .expect("the entrant's entry")
        .clone();
    let (phone, uploaded) = (
        crate::time_fmt::local_minutes(exited),
        crate::time_fmt::local_minutes(arrived),
    );
    assert_eq!(line.exited.as_deref(), Some(phone.as_str()));
    assert_eq!(line.exit_uploaded.as_deref(), Some(uploaded.as_str()));
    assert!(line
        .text(crate::i18n::Locale::zh_CN)
        .ends_with(&format!("手机记录 {phone} · 上传 {uploaded}")));
    // A phone whose clock is 2 hours off: the exit is still taken, at arrival.
    let body = format!(
        "client_id={}&operation_id={op}&form[person_id]={}",
        Uuid::now_v7(),
        w.second.id
    );
    let mut send = Send::form(&w.second, "/api/v1/operations/exit", body, Duration::ZERO);
    send.made_at -= Duration::hours(2);
    send.sent_at -= Duration::hours(2);
    stored_at(&deliver(&r, &send).await);
    let exited: OffsetDateTime =
        sqlx::query_scalar("select exited_at from entries where user_id = $1")
            .bind(w.second.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(near(exited, OffsetDateTime::now_utc()), "{exited}");
}

fn gas_body(client: Uuid, op: Uuid) -> String {
    let due = crate::time_fmt::china_day(OffsetDateTime::now_utc()) + time::Duration::days(180);
    let mut body = format!(
        "client_id={client}&operation_id={op}&form[detector_id]=MX4-0012\
         &form[calibration_due]={due}"
    );
    for point in ["upper", "middle", "lower"] {
        for (gas, value) in [
            ("oxygen", "20.9"),
            ("flammable", "0"),
            ("hydrogen_sulfide", "1"),
        ] {
            body.push_str(&format!("&form[values][{gas}.{point}]={value}"));
        }
    }
    body
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_gas_test_is_recorded_at_its_act_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    // Approved before the reading was taken offline.
    sqlx::query("update operations set decided_at = now() - interval '1 hour'")
        .execute(&pool)
        .await
        .unwrap();
    let r = router(&pool);
    let before = testing::count(&pool, "select count(*) from gas_tests").await;
    let send = Send::form(
        &w.attendant,
        "/api/v1/operations/gas_test",
        gas_body(Uuid::now_v7(), op),
        Duration::minutes(12),
    );
    for _ in 0..2 {
        let answer = deliver(&r, &send).await;
        assert!(stored_at(&answer).contains("test_passed"), "{}", answer.1);
    }
    assert_eq!(
        testing::count(&pool, "select count(*) from gas_tests").await,
        before + 1
    );
    let tested: OffsetDateTime =
        sqlx::query_scalar("select tested_at from gas_tests order by tested_at limit 1 offset 0")
            .fetch_one(&pool)
            .await
            .unwrap();
    let latest: OffsetDateTime = sqlx::query_scalar(
        "select g.tested_at from gas_tests g join audit_log a on a.client_id = g.client_id
         where a.acted_at is not null",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(near(latest, send.made_at), "{latest} vs {}", send.made_at);
    // The online test of `ready_operation` came first, the offline one was taken after it.
    assert!(tested <= latest);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_entry_never_comes_through_the_outbox(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    let r = router(&pool);
    let body = format!(
        "client_id={}&operation_id={op}&form[briefed]=on",
        Uuid::now_v7()
    );
    let send = Send::form(
        &w.entrant,
        "/api/v1/operations/enter",
        body,
        Duration::minutes(1),
    );
    let answer = deliver(&r, &send).await;
    let (code, reason) = refused(&answer);
    // The outbox never keeps an entry (`offline::queueable`): refused before it runs.
    assert_eq!(code, "not_queueable");
    assert!(reason.contains("须联网"), "{reason}");
    assert_eq!(
        testing::count(&pool, "select count(*) from entries").await,
        0
    );
}

/// A reading the phone dates before the permit was approved is not believed: refused with the
/// reason the outbox shows, nothing recorded.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_gas_test_dated_before_the_approval_is_refused(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    let r = router(&pool);
    let before = testing::count(&pool, "select count(*) from gas_tests").await;
    let send = Send::form(
        &w.attendant,
        "/api/v1/operations/gas_test",
        gas_body(Uuid::now_v7(), op),
        Duration::minutes(30),
    );
    let answer = deliver(&r, &send).await;
    assert_eq!(refused(&answer).0, "before_its_cause");
    assert_eq!(
        testing::count(&pool, "select count(*) from gas_tests").await,
        before
    );
}

/// Records of a colleague wait on the phone for them (`wrong_user`); once their account is
/// deactivated they can never be sent, so they are refused with why, never dropped silently.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_deactivated_authors_records_are_refused_with_why(pool: PgPool) {
    let w = World::new(&pool).await;
    let r = router(&pool);
    let mut send = Send::form(
        &w.second,
        "/api/v1/operations/exit",
        format!(
            "client_id={}&operation_id={}",
            Uuid::now_v7(),
            Uuid::now_v7()
        ),
        Duration::minutes(5),
    );
    send.who = Some(&w.attendant);
    let answer = deliver(&r, &send).await;
    assert_eq!(
        (answer.0, answer.1["outcome"].as_str()),
        (409, Some("wrong_user"))
    );
    sqlx::query("update users set active = false where id = $1")
        .bind(w.second.id)
        .execute(&pool)
        .await
        .unwrap();
    let answer = deliver(&r, &send).await;
    let (code, reason) = refused(&answer);
    assert_eq!(code, "author_deactivated");
    assert!(reason.contains("停用"), "{reason}");
    // Another enterprise's phone learns nothing of this person: kept as someone else's.
    send.who = Some(&w.outsider);
    let answer = deliver(&r, &send).await;
    assert_eq!(answer.1["outcome"], "wrong_user");
}

/// A reading taken offline while the permit was live counts though it arrives after the
/// permit's planned end: the permit is judged at the act's time, not at arrival (issue 22).
/// One dated after the planned end is refused as expired.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_gas_test_is_judged_at_its_act_not_at_arrival(pool: PgPool) {
    let w = World::new(&pool).await;
    let op = w.ready_operation().await;
    // Planned from 3 hours ago, approved 2 hours ago; the permit ended 10 minutes ago.
    sqlx::query(
        "update operations set planned_start = now() - interval '3 hours',
                decided_at = now() - interval '2 hours',
                planned_end = now() - interval '10 minutes'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let r = router(&pool);
    let before = testing::count(&pool, "select count(*) from gas_tests").await;
    let taken_live = Send::form(
        &w.attendant,
        "/api/v1/operations/gas_test",
        gas_body(Uuid::now_v7(), op),
        Duration::minutes(30),
    );
    let answer = deliver(&r, &taken_live).await;
    assert!(stored_at(&answer).contains("test_passed"), "{}", answer.1);
    assert_eq!(
        testing::count(&pool, "select count(*) from gas_tests").await,
        before + 1
    );
    let taken_late = Send::form(
        &w.attendant,
        "/api/v1/operations/gas_test",
        gas_body(Uuid::now_v7(), op),
        Duration::minutes(5),
    );
    let answer = deliver(&r, &taken_late).await;
    assert_eq!(refused(&answer).0, "permit_expired", "{}", answer.1);
    assert_eq!(
        testing::count(&pool, "select count(*) from gas_tests").await,
        before + 1
    );
}
