//! The server functions as a phone's plain form posts them.

use super::World;
use crate::authz_tests::call_with;
use sqlx::PgPool;
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_checklist_edit_posts_its_items_as_a_form(pool: PgPool) {
    let w = World::new(&pool).await;
    let body = format!(
        "client_id={}&id={}&version=1&form[name]=%E9%85%8D%E7%94%B5&form[items][0][text]=a&form[items][0][category]=fire&form[items][0][answer_type]=pass_fail&form[items][1][text]=b&form[items][1][category]=electrical&form[items][1][answer_type]=number&form[items][1][min_value]=1&form[items][1][max_value]=2&form[items][1][major]=on",
        Uuid::now_v7(),
        w.checklist
    );
    let (status, text) =
        call_with(&pool, "v1/patrols/checklists/edit", Some(&w.officer), body).await;
    assert_eq!((status, text.as_str()), (200, "2"));
    let c = crate::patrols::service::checklist(&pool, &w.officer, w.checklist)
        .await
        .unwrap();
    assert_eq!(c.items.len(), 2);
    assert_eq!(
        (c.items[1].min_value, c.items[1].max_value),
        (Some(1.0), Some(2.0))
    );
    assert_eq!(c.items[1].fail_grade, crate::hazards::HazardGrade::Major);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_patrol_started_by_form_records_a_typed_short_code(pool: PgPool) {
    let w = World::new(&pool).await;
    let body = format!(
        "client_id={}&token={}&checklist_id={}&presence=short_code",
        Uuid::now_v7(),
        w.token,
        w.checklist
    );
    let (status, _) = call_with(&pool, "v1/patrols/start", Some(&w.worker), body).await;
    assert_eq!(status, 200);
    let how: String = sqlx::query_scalar("select presence from patrol_records")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(how, "short_code");
}
