//! A hazard's photos through the steps: the report's before-photo is optional, the fixes'
//! after-photo required; only a photo the actor took in the hazard's enterprise is linked, and
//! only once; the hazard's page shows them with their stage and at their move in the trail.

use super::world::World;
use crate::{
    error::{AppError, Field, Problem},
    hazards::{reads, steps, HazardState, PhotoStage},
    testing,
};
use sqlx::PgPool;
use uuid::Uuid;

fn photo_error(problem: Problem) -> Result<(), AppError> {
    Err(AppError::invalid(Field::Photo, problem))
}

async fn links(pool: &PgPool) -> i64 {
    testing::count(pool, "select count(*) from hazard_photos").await
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_after_photo_is_required_to_fix_on_the_spot_and_to_rectify(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    let cmd = w.cmd(&w.reporter, id).await;
    assert_eq!(
        steps::fix_on_spot(&pool, cmd, "已更换", None).await,
        photo_error(Problem::Required)
    );
    assert_eq!(w.state(id).await, HazardState::Reported);

    let id = w.hazard_in(HazardState::Rectifying).await;
    let cmd = w.cmd(&w.rectifier, id).await;
    assert_eq!(
        steps::rectify(&pool, cmd, "已加装", None).await,
        photo_error(Problem::Required)
    );
    assert_eq!(w.state(id).await, HazardState::Rectifying);
    // Nothing of either refused move was stored.
    assert_eq!(testing::audit_rows(&pool, "hazard.fix_on_spot").await, 0);
    assert_eq!(testing::audit_rows(&pool, "hazard.rectify").await, 0);
    assert_eq!(links(&pool).await, 0);
    // With the photo, the same move goes through.
    let photo = w.photo(&w.rectifier).await.unwrap();
    steps::rectify(&pool, cmd, "已加装", Some(photo))
        .await
        .unwrap();
    assert_eq!(w.state(id).await, HazardState::AwaitingRecheck);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_before_photo_is_optional_and_shown_on_the_page(pool: PgPool) {
    let w = World::new(&pool).await;
    let input = w.report_input(crate::hazards::HazardGrade::General);
    let without = steps::report(&pool, &w.reporter, Uuid::now_v7(), &input, None, w.now)
        .await
        .unwrap();
    let detail = reads::detail(&pool, &w.reporter, without, w.now)
        .await
        .unwrap();
    assert!(detail.photos.is_empty());

    let photo = w.photo(&w.reporter).await.unwrap();
    let id = steps::report(
        &pool,
        &w.reporter,
        Uuid::now_v7(),
        &input,
        Some(photo),
        w.now,
    )
    .await
    .unwrap();
    // Fixed on the spot with an after-photo: the page shows both, in order, with their stage.
    w.fix_on_spot(&w.reporter, id).await.unwrap();
    let detail = reads::detail(&pool, &w.officer, id, w.now).await.unwrap();
    let stages: Vec<PhotoStage> = detail.photos.iter().map(|p| p.stage).collect();
    assert_eq!(stages, vec![PhotoStage::Before, PhotoStage::After]);
    assert!(detail.photos.iter().all(|p| p.url.starts_with("/photos/")));
    assert!(detail
        .photos
        .iter()
        .all(|p| p.width == 32 && p.height == 24));
    // Each photo is in the trail at the move that brought it.
    let trail: Vec<(&str, usize)> = detail
        .trail
        .iter()
        .map(|t| (t.entry.action.as_str(), t.photos.len()))
        .collect();
    assert_eq!(trail, vec![("hazard.report", 1), ("hazard.fix_on_spot", 1)]);
    assert_eq!(detail.trail[0].photos[0], detail.photos[0]);
    assert_eq!(detail.trail[1].photos[0], detail.photos[1]);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_a_photo_the_actor_took_in_the_enterprise_is_linked_once(pool: PgPool) {
    let w = World::new(&pool).await;
    let input = w.report_input(crate::hazards::HazardGrade::General);
    let report = |who, photo| steps::report(&pool, who, Uuid::now_v7(), &input, photo, w.now);
    // Another enterprise's photo, someone else's, and an unknown id: refused, nothing stored.
    let foreign = w.photo(&w.outsider).await.unwrap();
    let someone_elses = w.photo(&w.bystander).await.unwrap();
    for photo in [foreign, someone_elses, Uuid::now_v7()] {
        assert_eq!(
            report(&w.reporter, Some(photo)).await.map(|_| ()),
            photo_error(Problem::Invalid)
        );
    }
    let id = w.hazard_in(HazardState::Rectifying).await;
    let cmd = w.cmd(&w.rectifier, id).await;
    let theirs = w.photo(&w.outsider).await.unwrap();
    assert_eq!(
        steps::rectify(&pool, cmd, "done", Some(theirs)).await,
        photo_error(Problem::Invalid)
    );
    assert_eq!(
        testing::count(&pool, "select count(*) from hazards").await,
        1
    );
    assert_eq!(links(&pool).await, 0);

    // A photo shows one hazard: linked once, never again (to another hazard or this one).
    let mine = w.photo(&w.reporter).await.unwrap();
    report(&w.reporter, Some(mine)).await.unwrap();
    assert_eq!(
        report(&w.reporter, Some(mine)).await.map(|_| ()),
        photo_error(Problem::Taken)
    );
    let fresh = w.report(&w.reporter).await;
    let cmd = w.cmd(&w.reporter, fresh).await;
    assert_eq!(
        steps::fix_on_spot(&pool, cmd, "已更换", Some(mine)).await,
        photo_error(Problem::Taken)
    );
    assert_eq!(links(&pool).await, 1);
    assert_eq!(w.state(fresh).await, HazardState::Reported);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_database_keeps_a_link_within_one_enterprise(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    let foreign = w.photo(&w.outsider).await.unwrap();
    // Past the step's check (written by hand): the composite foreign key refuses it.
    let linked = sqlx::query(
        "insert into hazard_photos (photo_id, hazard_id, enterprise_id, stage, linked_by,
            linked_at, client_id)
         select $1, h.id, h.enterprise_id, 'before', h.found_by, now(), $3
         from hazards h where h.id = $2",
    )
    .bind(foreign)
    .bind(id)
    .bind(Uuid::now_v7())
    .execute(&pool)
    .await;
    let err = linked.expect_err("another enterprise's photo");
    assert_eq!(
        err.as_database_error().and_then(|e| e.code()).as_deref(),
        Some("23503")
    );
}

/// A photo follows its hazard: `/photos/<token>` answers whoever may read the hazard (its
/// reporter, the officers, the rectifier once named) and 404, as for an unknown token, to a
/// worker who may not (a colleague, before and after), another enterprise and the regulator;
/// the browser keeps it five minutes, privately.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_hazards_photo_is_served_only_to_who_may_read_the_hazard(pool: PgPool) {
    use crate::auth::{server::RequestUser, SessionUser};
    use axum::{body::Body, http::Request};
    use tower::ServiceExt;
    let w = World::new(&pool).await;
    let options = leptos::config::LeptosOptions::builder()
        .output_name("anxun")
        .build();
    let state = crate::state::AppState::new(options, pool.clone(), w.photos.clone());
    let app = crate::photos::http::routes().with_state(state);
    let get = |who: &SessionUser, url: &str| {
        let mut req = Request::get(url).body(Body::empty()).unwrap();
        req.extensions_mut().insert(RequestUser(Some(who.clone())));
        let app = app.clone();
        async move { app.oneshot(req).await.unwrap() }
    };
    let photo = w.photo(&w.reporter).await.unwrap();
    let input = w.report_input(crate::hazards::HazardGrade::General);
    let id = steps::report(
        &pool,
        &w.reporter,
        Uuid::now_v7(),
        &input,
        Some(photo),
        w.now,
    )
    .await
    .unwrap();
    let url = reads::detail(&pool, &w.reporter, id, w.now)
        .await
        .unwrap()
        .photos[0]
        .url
        .clone();
    let ok = get(&w.reporter, &url).await;
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.headers()["cache-control"], "private, max-age=300");
    for (who, status) in [
        (&w.officer, 200),
        (&w.admin, 200),
        (&w.bystander, 404),
        (&w.rectifier, 404),
        (&w.outsider, 404),
        (&w.regulator, 404),
    ] {
        assert_eq!(get(who, &url).await.status(), status, "{:?}", who.role);
    }
    // The bystander cannot read the hazard either: the photo follows the hazard's own rule.
    assert_eq!(
        reads::detail(&pool, &w.bystander, id, w.now).await.err(),
        Some(AppError::NotFound)
    );
    // Named to fix it, the rectifier reads the hazard and its photo; the bystander still not.
    w.confirm(&w.officer, id, w.five()).await.unwrap();
    assert_eq!(get(&w.rectifier, &url).await.status(), 200);
    assert_eq!(get(&w.bystander, &url).await.status(), 404);
}
