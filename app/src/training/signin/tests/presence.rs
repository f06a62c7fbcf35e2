//! Presence proven, not claimed (issue 20 §4): a ticket is the scanner's, an offline
//! sign-in arrives within 30 minutes of the end and waits for the trainer's review before it
//! counts for hours, the sheet, qualifications and clearance.

use super::{refused, World, START};
use crate::{
    auth::SessionUser,
    error::AppError,
    offline::{with_act, Act},
    testing::{audit_rows, count},
    training::{
        clearance,
        results::{self, Outcome},
        sessions::{self, PresenceForm},
        signin::{code::Mode, service, Signed},
        AssessedBy, Review,
        TrainingRefusal::*,
    },
};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_ticket_scanned_by_one_person_signs_in_nobody_else(pool: PgPool) {
    let w = World::new(&pool).await;
    let now = START + Duration::minutes(5);
    // The worker scans (signed in) and sends the sign-in page's link to a colleague at home.
    let ticket = w.scan(Some(&w.worker), Mode::In, now, now).await.unwrap();
    let forwarded = w.input(&ticket);
    assert_eq!(
        service::sign_in(&pool, &w.other_worker, Uuid::now_v7(), &forwarded, now).await,
        Err(refused(CodeExpired))
    );
    let view = service::view(&pool, &w.other_worker, &forwarded, now)
        .await
        .unwrap();
    assert_eq!((view.refusal, view.can_sign_in), (Some(CodeExpired), false));
    assert_eq!(
        service::sign_out(&pool, &w.other_worker, Uuid::now_v7(), &forwarded, now).await,
        Err(refused(NotSignedIn))
    );
    assert_eq!(w.rows().await, 0);
    // The scanner's own ticket still signs the scanner in.
    service::sign_in(&pool, &w.worker, Uuid::now_v7(), &forwarded, now)
        .await
        .unwrap();
    assert_eq!(w.rows().await, 1);
    // Scanned before logging in: the ticket is the browser's; from another browser (no or
    // another scan cookie) it is nobody's.
    let anonymous = w.scan(None, Mode::In, now, now).await.unwrap();
    let mut elsewhere = w.input(&anonymous);
    for browser in [None, Some([9u8; 16])] {
        elsewhere.browser = browser;
        assert_eq!(
            service::sign_in(&pool, &w.other_worker, Uuid::now_v7(), &elsewhere, now).await,
            Err(refused(CodeExpired))
        );
    }
    assert_eq!(w.rows().await, 1);
}

/// Signs `who` in as the offline outbox would: scanned at `at`, arrived at `arrived`.
async fn offline_sign_in(
    w: &World,
    who: &SessionUser,
    at: OffsetDateTime,
    arrived: OffsetDateTime,
) -> Result<Signed, AppError> {
    with_act(Act::delivered(at, arrived), async {
        let ticket = w.scan(Some(who), Mode::In, at, at).await?;
        service::sign_in(&w.pool, who, Uuid::now_v7(), &w.input(&ticket), at).await
    })
    .await
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_sign_in_counts_only_if_it_arrives_within_30_minutes_of_the_end(pool: PgPool) {
    let w = World::new(&pool).await;
    let end = w.session.ends_at;
    let scanned = START + Duration::minutes(10);
    let late = end + Duration::minutes(30) + Duration::seconds(1);
    assert_eq!(
        offline_sign_in(&w, &w.worker, scanned, late).await,
        Err(refused(OfflineTooLate))
    );
    assert_eq!(w.rows().await, 0);
    offline_sign_in(&w, &w.worker, scanned, end + Duration::minutes(30))
        .await
        .unwrap();
    assert_eq!(w.rows().await, 1);
    // A scan the phone dates before sign-in opens: said so.
    let early = START - Duration::minutes(31);
    assert_eq!(
        offline_sign_in(&w, &w.other_worker, early, START).await,
        Err(refused(ScannedBeforeOpen))
    );
    // Online, a code two steps old on arrival is refused as ever.
    let shown = START + Duration::minutes(20);
    let step = Duration::seconds(crate::training::signin::code::step_seconds());
    assert_eq!(
        w.scan(Some(&w.other_worker), Mode::In, shown, shown + step + step)
            .await,
        Err(refused(CodeExpired))
    );
}

async fn review_of(w: &World, who: &SessionUser) -> Option<Review> {
    sqlx::query_scalar(
        "select review from training_attendance where session_id = $1 and user_id = $2",
    )
    .bind(w.session.id)
    .bind(who.id)
    .fetch_one(&w.pool)
    .await
    .unwrap()
}

/// What counts of `who`'s attendance: (hours on the roster, rows clearance reads, held a
/// confined-space qualification from the session).
async fn counted(w: &World, who: &SessionUser) -> (Option<i32>, usize, i64) {
    let page = sessions::service::page(&w.pool, &w.trainer, w.session.id)
        .await
        .unwrap();
    let row = page.roster.iter().find(|r| r.user_id == who.id).unwrap();
    let attended = clearance::db::attended(&w.pool, &[w.enterprise], Some(&[who.id]))
        .await
        .unwrap();
    let qualified = count(
        &w.pool,
        &format!(
            "select count(*) from qualifications where session_id = '{}' and user_id = '{}'",
            w.session.id, who.id
        ),
    )
    .await;
    (row.half_hours, attended.len(), qualified)
}

/// The trainer's score of `who`: a pass (the fixture's confined-space session).
async fn pass(w: &World, who: &SessionUser) {
    let mut conn = w.pool.acquire().await.unwrap();
    let outcome = Outcome {
        user_id: who.id,
        score: Some(90),
        passed: true,
        by: AssessedBy::Trainer,
        at: START,
        recorded_by: w.trainer.id,
    };
    results::record(&mut conn, &w.session, &outcome)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_offline_sign_in_waits_for_review_and_counts_once_accepted(pool: PgPool) {
    let w = World::new(&pool).await;
    let scanned = START;
    for who in [&w.worker, &w.other_worker] {
        offline_sign_in(&w, who, scanned, scanned + Duration::minutes(40))
            .await
            .unwrap();
        assert_eq!(review_of(&w, who).await, Some(Review::Pending));
        pass(&w, who).await;
        // Pending: no hours, not in clearance, no qualification, though passed.
        assert_eq!(counted(&w, who).await, (None, 0, 0));
    }
    // The person's sign-in page says it waits for the trainer.
    let opened_again = w.input("");
    let view = service::view(&pool, &w.worker, &opened_again, scanned)
        .await
        .unwrap();
    assert!(view.pending_review && view.signed_in_at.is_some());
    let page = sessions::service::page(&pool, &w.trainer, w.session.id)
        .await
        .unwrap();
    let sheet = sessions::pages::sheet::sheet_rows(crate::i18n::Locale::zh_CN, &page);
    assert!(
        sheet
            .iter()
            .all(|r| r[6].contains("待审核") && r[7].is_empty()),
        "{sheet:?}"
    );
    let decide = |who: &SessionUser, accept: bool, by: &SessionUser| {
        let form = PresenceForm {
            user_id: who.id.to_string(),
            time: String::new(),
        };
        let (pool, by, id) = (pool.clone(), by.clone(), w.session.id);
        async move {
            let now = OffsetDateTime::now_utc();
            sessions::review::review(&pool, &by, Uuid::now_v7(), id, &form, accept, now).await
        }
    };
    // Nobody else decides: a worker, or the person on their own row.
    assert_eq!(
        decide(&w.worker, true, &w.other_worker).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        decide(&w.officer, true, &w.officer).await,
        Err(refused(SelfRecord))
    );
    decide(&w.worker, true, &w.trainer).await.unwrap();
    decide(&w.other_worker, false, &w.officer).await.unwrap();
    assert_eq!(audit_rows(&pool, "training.sign_in_accept").await, 1);
    assert_eq!(audit_rows(&pool, "training.sign_in_reject").await, 1);
    assert_eq!(counted(&w, &w.worker).await, (Some(4), 1, 1));
    let view = service::view(&pool, &w.worker, &opened_again, scanned)
        .await
        .unwrap();
    assert!(!view.pending_review);
    assert_eq!(counted(&w, &w.other_worker).await, (None, 0, 0));
    // The same decision again changes nothing; the other one is refused.
    decide(&w.worker, true, &w.officer).await.unwrap();
    assert_eq!(audit_rows(&pool, "training.sign_in_accept").await, 1);
    assert_eq!(
        decide(&w.other_worker, true, &w.trainer).await,
        Err(refused(NotPendingReview))
    );
}
