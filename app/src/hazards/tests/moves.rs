//! Every move from every state, against the database: the legal ones land where the table
//! says, with one audit row each; the others are refused and change nothing.

use super::world::{refused, World};
use crate::hazards::HazardField;
use crate::{
    error::{AppError, Problem},
    hazards::{
        moves::{self, Move},
        HazardGrade, HazardRefusal, HazardState,
    },
};
use sqlx::PgPool;

/// Makes `mv` on `id` as someone who may (so only the state decides).
async fn make(w: &World, id: uuid::Uuid, mv: Move) -> Result<(), AppError> {
    match mv {
        Move::FixOnSpot => w.fix_on_spot(&w.reporter, id).await,
        Move::Confirm => w.confirm(&w.officer, id, w.five()).await,
        Move::Rectify => w.rectify(&w.rectifier, id).await,
        // The admin re-checks: never the one who fixed it in these scenarios.
        Move::RecheckPass => w.recheck(&w.admin, id, true).await,
        Move::RecheckFail => w.recheck(&w.admin, id, false).await,
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_state_and_move(pool: PgPool) {
    let w = World::new(&pool).await;
    let mut checked = 0;
    for state in HazardState::ALL {
        for mv in Move::ALL {
            let id = w.hazard_in(state).await;
            let (version, rows) = (w.version(id).await, w.trail_len(id).await);
            let result = make(&w, id, mv).await;
            match moves::next(state, mv) {
                Some(to) => {
                    assert_eq!(result, Ok(()), "{state} {mv}");
                    assert_eq!(w.state(id).await, to, "{state} {mv}");
                    assert_eq!(w.version(id).await, version + 1);
                    assert_eq!(w.trail_len(id).await, rows + 1);
                }
                None => {
                    assert_eq!(result, refused(HazardRefusal::WrongState), "{state} {mv}");
                    assert_eq!(w.state(id).await, state);
                    assert_eq!(w.version(id).await, version);
                    assert_eq!(w.trail_len(id).await, rows);
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 25);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_whole_loop_with_a_failed_recheck(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.hazard_in(HazardState::AwaitingRecheck).await;
    w.recheck(&w.officer, id, false).await.unwrap();
    assert_eq!(w.state(id).await, HazardState::Rectifying);
    // The rectifier tries again; the officer who failed it may pass it now.
    w.rectify(&w.rectifier, id).await.unwrap();
    w.recheck(&w.officer, id, true).await.unwrap();
    assert_eq!(w.state(id).await, HazardState::Closed);
    let (closed_by, passed): (Option<uuid::Uuid>, Option<bool>) =
        sqlx::query_as("select closed_by, recheck_passed from hazards where id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((closed_by, passed), (Some(w.officer.id), Some(true)));
    // report, confirm, rectify, fail, rectify, pass.
    assert_eq!(w.trail_len(id).await, 6);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_failed_on_the_spot_fix_goes_back_to_be_assigned(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.hazard_in(HazardState::FixedOnSpot).await;
    w.recheck(&w.officer, id, false).await.unwrap();
    assert_eq!(w.state(id).await, HazardState::Reported);
    // Now it gets 五落实 like any other, even as 重大 (the fix is no longer one).
    w.confirm(&w.officer, id, w.major_five()).await.unwrap();
    w.rectify(&w.rectifier, id).await.unwrap();
    w.recheck(&w.reporter_free_officer(), id, true)
        .await
        .unwrap();
    assert_eq!(w.state(id).await, HazardState::Closed);
}

impl World {
    /// An officer who neither reported nor fixed anything here.
    fn reporter_free_officer(&self) -> crate::auth::SessionUser {
        self.admin.clone()
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_rechecker_is_never_the_rectifier_nor_the_fixer(pool: PgPool) {
    let w = World::new(&pool).await;
    // The officer assigns themselves and fixes it: someone else re-checks.
    let id = w.report(&w.reporter).await;
    let mut five = w.five();
    five.rectifier_id = w.officer.id;
    w.confirm(&w.officer, id, five).await.unwrap();
    w.rectify(&w.officer, id).await.unwrap();
    for passed in [true, false] {
        assert_eq!(
            w.recheck(&w.officer, id, passed).await,
            refused(HazardRefusal::RecheckerIsRectifier)
        );
    }
    w.recheck(&w.admin, id, true).await.unwrap();

    // An officer who fixed it for the assigned worker cannot re-check it either.
    let id = w.hazard_in(HazardState::Rectifying).await;
    w.rectify(&w.admin, id).await.unwrap();
    assert_eq!(
        w.recheck(&w.admin, id, true).await,
        refused(HazardRefusal::RecheckerIsRectifier)
    );

    // Nor whoever fixed it on the spot.
    let id = w.report(&w.officer).await;
    w.fix_on_spot(&w.officer, id).await.unwrap();
    assert_eq!(
        w.recheck(&w.officer, id, true).await,
        refused(HazardRefusal::RecheckerIsRectifier)
    );
    w.recheck(&w.admin, id, true).await.unwrap();
    assert_eq!(w.state(id).await, HazardState::Closed);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_major_hazard_needs_its_plan_and_the_report_date(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report_graded(&w.reporter, HazardGrade::Major).await;
    // Confirmed as 重大 without the plan, or without the date it was reported.
    let mut no_plan = w.major_five();
    no_plan.plan = None;
    assert_eq!(
        w.confirm(&w.officer, id, no_plan).await,
        refused(HazardRefusal::MajorPlanMissing)
    );
    let mut not_reported = w.major_five();
    not_reported.reported_on = None;
    assert_eq!(
        w.confirm(&w.officer, id, not_reported).await,
        refused(HazardRefusal::MajorPlanMissing)
    );
    // A 一般 hazard graded up on confirmation needs it as much.
    let general = w.report(&w.reporter).await;
    let mut upgraded = w.five();
    upgraded.grade = HazardGrade::Major;
    assert_eq!(
        w.confirm(&w.officer, general, upgraded).await,
        refused(HazardRefusal::MajorPlanMissing)
    );
    assert_eq!(w.state(id).await, HazardState::Reported);
    // It is never fixed on the spot.
    assert_eq!(
        w.fix_on_spot(&w.reporter, id).await,
        refused(HazardRefusal::MajorNotOnSpot)
    );
    w.confirm(&w.officer, id, w.major_five()).await.unwrap();
    assert_eq!(w.state(id).await, HazardState::Rectifying);
    let goal: Option<String> = sqlx::query_scalar("select plan_goal from hazards where id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(goal.as_deref(), Some("目标"));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_the_rectifier_or_an_officer_reports_the_fix(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.hazard_in(HazardState::Rectifying).await;
    for who in [&w.reporter, &w.bystander] {
        assert_eq!(
            w.rectify(who, id).await,
            refused(HazardRefusal::NotRectifier)
        );
    }
    // Only the reporter or an officer records an on-the-spot fix.
    let other = w.report(&w.reporter).await;
    assert_eq!(
        w.fix_on_spot(&w.bystander, other).await,
        refused(HazardRefusal::NotReporter)
    );
    w.fix_on_spot(&w.officer, other).await.unwrap();
    // Workers neither confirm nor re-check.
    let fresh = w.report(&w.reporter).await;
    assert_eq!(
        w.confirm(&w.reporter, fresh, w.five()).await,
        Err(AppError::Forbidden)
    );
    let waiting = w.hazard_in(HazardState::AwaitingRecheck).await;
    assert_eq!(
        w.recheck(&w.bystander, waiting, true).await,
        Err(AppError::Forbidden)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_move_on_a_stale_page_is_refused(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    let stale = w.cmd(&w.officer, id).await;
    w.fix_on_spot(&w.reporter, id).await.unwrap();
    assert_eq!(
        crate::hazards::steps::confirm(&pool, stale, &w.five()).await,
        Err(AppError::invalid(HazardField::Hazard, Problem::Stale))
    );
    assert_eq!(w.state(id).await, HazardState::FixedOnSpot);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_rectifier_is_a_person_of_the_enterprise_and_the_deadline_not_past(pool: PgPool) {
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    let mut foreign = w.five();
    foreign.rectifier_id = w.outsider.id;
    assert_eq!(
        w.confirm(&w.officer, id, foreign).await,
        Err(AppError::invalid(HazardField::Rectifier, Problem::Invalid))
    );
    let mut past = w.five();
    past.deadline = w.today() - time::Duration::days(1);
    assert_eq!(
        w.confirm(&w.officer, id, past).await,
        Err(AppError::invalid(HazardField::Deadline, Problem::InPast))
    );
    // Today is still fine: the deadline is the last day.
    let mut today = w.five();
    today.deadline = w.today();
    w.confirm(&w.officer, id, today).await.unwrap();
}

/// The counters the database keeps for the ledger (`hazard_counts`, moved by a trigger) equal
/// the hazards themselves after reports, moves both ways and a 重大 one, and the officer's
/// counts read from them equal a count of the rows.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_ledgers_counts_follow_every_move(pool: PgPool) {
    let w = World::new(&pool).await;
    for state in HazardState::ALL {
        w.hazard_in(state).await;
    }
    let back = w.hazard_in(HazardState::AwaitingRecheck).await;
    w.recheck(&w.admin, back, false).await.unwrap();
    w.report_graded(&w.reporter, HazardGrade::Major).await;
    let kept: Vec<(String, String, i64)> = sqlx::query_as(
        "select state, grade, n from hazard_counts where n > 0 order by state, grade",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let counted: Vec<(String, String, i64)> = sqlx::query_as(
        "select state, grade, count(*) from hazards group by state, grade order by state, grade",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(kept, counted);
    let now = time::OffsetDateTime::now_utc();
    let filter = crate::hazards::LedgerFilter::default();
    let ledger = crate::hazards::reads::ledger(&pool, &w.officer, &filter, now)
        .await
        .unwrap();
    assert_eq!(ledger.counts.total, 7);
    assert_eq!(ledger.counts.major_open, 1);
    let rectifying = ledger
        .counts
        .by_state
        .iter()
        .find(|(s, _)| *s == HazardState::Rectifying);
    assert_eq!(rectifying, Some(&(HazardState::Rectifying, 2)));
}

/// A move is never dated before the report or the move it follows: an act claimed two days
/// before the hazard was reported (the outbox's time reaching a 确认) is refused, nothing moves;
/// the same move at its real time goes.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_move_dated_before_what_it_follows_is_refused(pool: PgPool) {
    use crate::offline::{with_act, Act, OfflineRefusal};
    let w = World::new(&pool).await;
    let id = w.report(&w.reporter).await;
    // Reported at the world's time (`w.now`); the act claims two days before it.
    let now = w.now;
    let early = Act::delivered(now - time::Duration::days(2), now);
    let result = with_act(early, w.confirm(&w.officer, id, w.five())).await;
    assert_eq!(
        result,
        Err(AppError::refused(OfflineRefusal::BeforeItsCause))
    );
    assert_eq!(w.state(id).await, HazardState::Reported);
    assert_eq!(w.trail_len(id).await, 1);
    let later = Act::delivered(now, now);
    with_act(later, w.confirm(&w.officer, id, w.five()))
        .await
        .unwrap();
    assert_eq!(w.state(id).await, HazardState::Rectifying);
}
