//! A hazard a patrol raised has its own trail: its creation, by the patroller, written by the
//! submission's step (`hazard.raise`), with the failed item's photo at that entry; a retried
//! submission adds nothing.

use super::World;
use crate::hazards::HazardAction;
use crate::{
    audit::{step::derived_client_id, AuditAction},
    hazards::reads,
    patrols::records,
    photos::PhotoStore,
    testing,
};
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_patrol_hazards_trail_starts_with_its_creation_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let record = w.start().await;
    let mut answers = w.answers(record, &[2]).await;
    let store = PhotoStore::in_memory();
    let photo = crate::photos::service::store_in(
        &pool,
        &store,
        &w.worker,
        Uuid::now_v7(),
        &crate::photos::tests::jpeg(64, 48),
    )
    .await
    .unwrap();
    answers[2].photo_id = Some(photo.id);
    let (submission, now) = (Uuid::now_v7(), OffsetDateTime::now_utc());
    let done = records::submit(&pool, &w.worker, submission, record, &answers, now).await;
    assert_eq!(done.map(|d| d.hazards), Ok(1));
    let (hazard, hazard_client): (Uuid, Uuid) =
        sqlx::query_as("select id, client_id from hazards where patrol_record_id = $1")
            .bind(record)
            .fetch_one(&pool)
            .await
            .unwrap();

    let trail = |who| {
        let pool = pool.clone();
        async move {
            reads::detail(&pool, who, hazard, OffsetDateTime::now_utc())
                .await
                .unwrap()
                .trail
        }
    };
    let first = trail(&w.officer).await;
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(first[0].entry.action, HazardAction::Raise);
    assert_eq!(first[0].entry.who, w.worker.name);
    // The before-photo shows at the creation: its link carries the creation's client id.
    assert_eq!(first[0].photos.len(), 1);
    // The row's client id is derived from the submission's and the item, and the hazard
    // carries the same.
    let item = answers[2].item_id;
    let (actor, client): (Uuid, Uuid) = sqlx::query_as(
        "select actor_id, client_id from audit_log where subject_id = $1 and action = 'hazard.raise'",
    )
    .bind(hazard)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(actor, w.worker.id);
    assert_eq!(client, derived_client_id(submission, item));
    assert_eq!(hazard_client, client);
    // The patroller (who reported it) sees the same trail.
    assert_eq!(trail(&w.worker).await.len(), 1);

    // The same submission again: the first answer, nothing added.
    let audit = || testing::count(&pool, "select count(*) from audit_log");
    let before = audit().await;
    let again = records::submit(&pool, &w.worker, submission, record, &answers, now).await;
    assert_eq!(again.map(|d| d.hazards), Ok(1));
    assert_eq!(audit().await, before);
    assert_eq!(trail(&w.officer).await.len(), 1);
    assert_eq!(testing::audit_rows(&pool, "hazard.raise").await, 1);
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        1
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn each_failed_item_gets_its_own_creation_entry(pool: PgPool) {
    let w = World::new(&pool).await;
    let record = w.start().await;
    let answers = w.answers(record, &[0, 4]).await;
    let now = OffsetDateTime::now_utc();
    records::submit(&pool, &w.worker, Uuid::now_v7(), record, &answers, now)
        .await
        .unwrap();
    let hazards: Vec<Uuid> = sqlx::query_scalar("select id from hazards order by number")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(hazards.len(), 2);
    for h in hazards {
        let d = reads::detail(&pool, &w.officer, h, now).await.unwrap();
        let actions: Vec<AuditAction> = d.trail.iter().map(|t| t.entry.action).collect();
        assert_eq!(actions, [HazardAction::Raise]);
    }
    // Another enterprise's officer still finds none of it.
    let foreign = reads::detail(&pool, &w.foreign, Uuid::now_v7(), now).await;
    assert_eq!(foreign.err(), Some(crate::error::AppError::NotFound));
}
