//! A patrol started and submitted offline from the point's kept page (issue 21 item 3): one
//! step, once whatever the retries, at the phone's times within what the server saw.

use super::{answers_for, World};
use crate::{
    error::AppError,
    offline::{with_act, Act, OfflineRefusal},
    patrols::{
        offline_start::{form_of, start_and_submit, OfflineStart},
        records::{self, Submitted},
        service, PatrolRefusal,
    },
    testing,
};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

impl World {
    /// The kept page's form of the world's checklist, from `token`, started `took` before
    /// the submission.
    async fn offline<'a>(&self, token: &'a str, took: Duration) -> OfflineStart<'a> {
        let version_id: Uuid = sqlx::query_scalar(
            "select v.id from checklist_versions v join checklists c on c.id = v.checklist_id
             where c.id = $1 and v.version = c.current_version",
        )
        .bind(self.checklist)
        .fetch_one(&self.pool)
        .await
        .unwrap();
        OfflineStart {
            token,
            checklist_id: self.checklist,
            version_id,
            took,
        }
    }

    /// The outbox's delivery of the world's worker's offline patrol, made at `at`.
    async fn deliver(
        &self,
        client: Uuid,
        s: OfflineStart<'_>,
        fail: &[usize],
        at: OffsetDateTime,
    ) -> Result<Submitted, AppError> {
        let checklist = form_of(&self.pool, &self.worker, &s).await?;
        let answers = answers_for(&checklist, fail);
        let act = Act::delivered(at, OffsetDateTime::now_utc());
        with_act(
            act,
            start_and_submit(&self.pool, &self.worker, client, s, &answers, at),
        )
        .await
    }
}

async fn record_count(pool: &PgPool) -> i64 {
    testing::count(pool, "select count(*) from patrol_records").await
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_patrol_arrives_once_with_its_start_and_its_answers(pool: PgPool) {
    let w = World::new(&pool).await;
    // The point's QR was posted this morning.
    sqlx::query("update checkpoints set created_at = now() - interval '3 hours'")
        .execute(&pool)
        .await
        .unwrap();
    // Made 10 minutes ago on the phone, started 25 minutes before that.
    let made = OffsetDateTime::now_utc() - Duration::minutes(10);
    let s = w.offline(&w.token, Duration::minutes(25)).await;
    let client = Uuid::now_v7();
    let done = w.deliver(client, s, &[2], made).await.unwrap();
    assert_eq!(done, Submitted { hazards: 1 });
    // The outbox sends it again (its answer was lost): the same answer, nothing added.
    assert_eq!(w.deliver(client, s, &[2], made).await, Ok(done));
    assert_eq!(record_count(&pool).await, 1);
    let (id, started, submitted, presence, patroller): (
        Uuid,
        OffsetDateTime,
        Option<OffsetDateTime>,
        String,
        Uuid,
    ) = sqlx::query_as(
        "select id, started_at, submitted_at, presence, patroller_id from patrol_records",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(presence, "qr");
    assert_eq!(patroller, w.worker.id);
    let ms = |t: OffsetDateTime| t.unix_timestamp_nanos() / 1_000_000;
    assert_eq!(ms(started), ms(made - Duration::minutes(25)));
    assert_eq!(submitted.map(ms), Some(ms(made)));
    let (_, checklist) = records::form(&pool, &w.worker, id).await.unwrap();
    let answers = testing::count(
        &pool,
        &format!("select count(*) from patrol_answers where record_id = '{id}'"),
    )
    .await;
    assert_eq!(answers, checklist.items.len() as i64);
    assert_eq!(
        testing::count(
            &pool,
            &format!("select count(*) from hazards where patrol_record_id = '{id}'")
        )
        .await,
        1
    );
    // Its trail: started and submitted, once each, both marked as made on the phone.
    let rows: Vec<(String, Option<OffsetDateTime>)> = sqlx::query_as(
        "select action, acted_at from audit_log where subject_id = $1
           and action in ('patrol.start', 'patrol.submit') order by action",
    )
    .bind(id)
    .fetch_all(&pool)
    .await
    .unwrap();
    let actions: Vec<&str> = rows.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(actions, ["patrol.start", "patrol.submit"]);
    assert!(rows
        .iter()
        .all(|(_, acted)| acted.map(ms) == Some(ms(made))));
    // The record's form says it was submitted (never filled twice).
    assert_eq!(
        records::submit(&pool, &w.worker, Uuid::now_v7(), id, &[], made).await,
        Err(AppError::refused(PatrolRefusal::AlreadySubmitted))
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_start_is_believed_only_within_what_the_server_saw(pool: PgPool) {
    let w = World::new(&pool).await;
    let now = OffsetDateTime::now_utc();
    // The phone's clock went back between start and submission.
    let s = w.offline(&w.token, Duration::minutes(-3)).await;
    assert_eq!(
        w.deliver(Uuid::now_v7(), s, &[], now).await,
        Err(AppError::refused(OfflineRefusal::ClockMovedBack))
    );
    // Longer from start to submission than the enterprise's upload bound (24 h by default).
    let s = w.offline(&w.token, Duration::hours(25)).await;
    assert_eq!(
        w.deliver(Uuid::now_v7(), s, &[], now).await,
        Err(AppError::refused(PatrolRefusal::OfflineStartTooLong))
    );
    // Started before the QR shown was issued.
    sqlx::query("update checkpoints set created_at = $1 where token = $2")
        .bind(now - Duration::minutes(30))
        .bind(&w.token)
        .execute(&pool)
        .await
        .unwrap();
    let s = w.offline(&w.token, Duration::minutes(40)).await;
    assert_eq!(
        w.deliver(Uuid::now_v7(), s, &[], now).await,
        Err(AppError::refused(OfflineRefusal::BeforeItsCause))
    );
    // Another enterprise's people cannot use the token; a code of nothing is nothing.
    let s = w.offline(&w.token, Duration::minutes(5)).await;
    assert_eq!(
        form_of(&pool, &w.foreign, &s).await,
        Err(AppError::NotFound)
    );
    let bad = w.offline("<b>x</b>", Duration::minutes(5)).await;
    assert_eq!(
        form_of(&pool, &w.worker, &bad).await,
        Err(AppError::NotFound)
    );
    assert_eq!(record_count(&pool).await, 0);
    // The QR is replaced 10 minutes ago: a start before that was made with the current
    // one and counts; a start after it was made with an old poster and is refused.
    service::regenerate_token(&pool, &w.officer, Uuid::now_v7(), w.point.id)
        .await
        .unwrap();
    sqlx::query("update checkpoints set replaced_at = $1 where token = $2")
        .bind(now - Duration::minutes(10))
        .bind(&w.token)
        .execute(&pool)
        .await
        .unwrap();
    let after = w.offline(&w.token, Duration::minutes(5)).await;
    assert_eq!(
        w.deliver(Uuid::now_v7(), after, &[], now).await,
        Err(AppError::refused(PatrolRefusal::TokenReplaced))
    );
    assert_eq!(record_count(&pool).await, 0);
    let before = w.offline(&w.token, Duration::minutes(15)).await;
    assert_eq!(
        w.deliver(Uuid::now_v7(), before, &[], now).await,
        Ok(Submitted { hazards: 0 })
    );
    assert_eq!(record_count(&pool).await, 1);
    // A refused delivery wrote no audit row but the one accepted's two.
    assert_eq!(
        testing::count(
            &pool,
            "select count(*) from audit_log where action in ('patrol.start', 'patrol.submit')"
        )
        .await,
        2
    );
}
