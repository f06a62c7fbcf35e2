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

/// How the point was shown is the server's to say: the typed short code is recorded as typed
/// even when the form claims a scan, the QR's token as scanned.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_patrol_started_by_form_records_how_the_server_saw_the_point(pool: PgPool) {
    let w = World::new(&pool).await;
    let code = World::short_code_of(&pool, w.worker.enterprise_id.unwrap(), w.point.id).await;
    let start = |given: &str, claim: &str| {
        format!(
            "client_id={}&token={given}&checklist_id={}{claim}",
            Uuid::now_v7(),
            w.checklist
        )
    };
    for (given, claim, recorded) in [
        (code.as_str(), "&presence=qr", "short_code"),
        (w.token.as_str(), "", "qr"),
    ] {
        let (status, id) = call_with(
            &pool,
            "v1/patrols/start",
            Some(&w.worker),
            start(given, claim),
        )
        .await;
        assert_eq!(status, 200, "{id}");
        let id: Uuid = serde_json::from_str(&id).unwrap();
        let how: String = sqlx::query_scalar("select presence from patrol_records where id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(how, recorded);
    }
}
