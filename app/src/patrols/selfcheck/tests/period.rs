//! The regulator's matrix: the patrol completion rate at window edges with the clock
//! injected, the jurisdiction's enterprises only, and bad periods refused with field errors.

use super::SelfWorld;
use crate::patrols::PatrolField;
use crate::{
    error::{AppError, Problem},
    patrols::{
        records,
        selfcheck::{service, Completion, ItemState},
        service as patrols, ScheduleForm,
    },
};
use sqlx::PgPool;
use time::{macros::datetime, OffsetDateTime};
use uuid::Uuid;

/// A daily 08:00–10:00 round at the world's point, and a patrol of it submitted at `at`.
async fn patrol_at(s: &SelfWorld, at: OffsetDateTime) {
    let record = s.w.start_before(at).await;
    let answers = s.w.answers(record, &[]).await;
    records::submit(s.pool(), &s.w.worker, Uuid::now_v7(), record, &answers, at)
        .await
        .unwrap();
}

async fn schedule(s: &SelfWorld) {
    let form = ScheduleForm {
        name: "早班巡查".into(),
        frequency: "daily".into(),
        window_start: "08:00".into(),
        window_end: "10:00".into(),
        role: "worker".into(),
        points: vec![s.w.point.id.to_string()],
        ..Default::default()
    };
    patrols::create_schedule(s.pool(), &s.w.officer, Uuid::now_v7(), &form)
        .await
        .unwrap();
    s.w.schedules_made_at(datetime!(2026-11-30 12:00 +8)).await;
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_completion_rate_counts_ended_windows_done_or_late(pool: PgPool) {
    let s = SelfWorld::new(&pool).await;
    schedule(&s).await;
    patrol_at(&s, datetime!(2026-12-01 09:59:59 +8)).await; // the last second: done
    patrol_at(&s, datetime!(2026-12-02 10:00:00 +8)).await; // the end itself: late
                                                            // The 3rd: nothing (missed). The 4th: done, but its window is still open at 09:30.
    patrol_at(&s, datetime!(2026-12-04 09:00 +8)).await;
    let period = ("2026-12-01", "2026-12-04");
    let rate = |now: OffsetDateTime| {
        let pool = pool.clone();
        let regulator = s.regulator.clone();
        async move {
            let m = service::matrix(&pool, &regulator, period, "", now)
                .await
                .unwrap();
            (m.rows[0].name.clone(), m.rows[0].completion)
        }
    };
    let (name, c) = rate(datetime!(2026-12-04 09:30 +8)).await;
    assert_eq!(name, "企业A");
    assert_eq!(
        c,
        Completion {
            done: 1,
            late: 1,
            late_upload: 0,
            missed: 1
        }
    );
    assert_eq!(c.percent(), Some(67));
    // Once the 4th's window has ended (its end itself), it counts.
    let (_, c) = rate(datetime!(2026-12-04 10:00 +8)).await;
    assert_eq!((c.done, c.late, c.missed), (2, 1, 1));
    // Before any window ended nothing is expected: no rate rather than 0 %.
    let (_, c) = rate(datetime!(2026-12-01 09:59:59 +8)).await;
    assert_eq!((c.expected(), c.percent()), (0, None));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_matrix_shows_the_jurisdiction_only_item_by_item(pool: PgPool) {
    let s = SelfWorld::new(&pool).await;
    s.check(s.dust, &[0], datetime!(2026-12-01 09:30 +8)).await;
    let m = service::matrix(&pool, &s.regulator, ("", ""), "", s.now)
        .await
        .unwrap();
    // The default period: the last 7 days, today (China time) included.
    assert_eq!(
        (m.from.as_str(), m.to.as_str()),
        ("2026-11-25", "2026-12-01")
    );
    let numbers: Vec<u32> = m.columns.iter().map(|c| c.number).collect();
    assert_eq!(numbers, (1..=10).collect::<Vec<_>>());
    assert_eq!(m.columns[6].key, "sc25_confined_space:1");
    let names: Vec<&str> = m.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["企业A", "企业B"]);
    let a = &m.rows[0].cells;
    assert_eq!(a[0], Some(ItemState::Rectifying));
    assert_eq!(a[1], Some(ItemState::Compliant));
    assert_eq!(a[6], Some(ItemState::NotChecked));
    // B carries none of the items, and its ledger entry has neither focus risk: 不涉及.
    assert!(m.rows[1]
        .cells
        .iter()
        .all(|c| *c == Some(ItemState::NotApplicable)));

    // A regulator of another township sees its own enterprises only, none of A's items.
    let far = service::matrix(&pool, &s.far_regulator, ("", ""), "", s.now)
        .await
        .unwrap();
    let names: Vec<&str> = far.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, vec!["企业C"]);
    assert!(far.columns.is_empty());
    // Enterprise people are refused, A's officer and B's alike.
    for who in [&s.w.officer, &s.w.foreign, &s.w.worker] {
        let refused = service::matrix(&pool, who, ("", ""), "", s.now).await;
        assert_eq!(refused, Err(AppError::Forbidden));
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_matrix_shows_fifty_enterprises_a_page_under_the_same_columns(pool: PgPool) {
    let s = SelfWorld::new(&pool).await;
    // 50 more enterprises in A's township (52 in all), named to come after A and B.
    sqlx::query(
        "insert into enterprises (id, code, name, jurisdiction_id)
         select gen_random_uuid(), 'P' || n, '企业Z' || lpad(n::text, 2, '0'), e.jurisdiction_id
         from generate_series(1, 50) n, enterprises e where e.id = $1",
    )
    .bind(s.w.officer.enterprise_id.unwrap())
    .execute(&pool)
    .await
    .unwrap();
    let page = |p: &'static str| service::matrix(&pool, &s.regulator, ("", ""), p, s.now);
    let first = page("").await.unwrap();
    assert_eq!((first.total, first.page, first.pages, first.rows.len()), (52, 1, 2, 50));
    assert_eq!(first.rows[0].name, "企业A");
    let second = page("2").await.unwrap();
    assert_eq!((second.page, second.rows.len()), (2, 2));
    let names: Vec<&str> = second.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["企业Z49", "企业Z50"]);
    // A's items are the columns of the page without A too.
    assert_eq!(second.columns, first.columns);
    assert_eq!(second.columns.len(), 10);
    assert_eq!(page("9").await.unwrap().page, 2, "past the last: the last");
    assert_eq!(
        page("0").await,
        Err(AppError::invalid(crate::error::Field::Page, crate::error::Problem::Invalid))
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_bad_period_is_a_field_error(pool: PgPool) {
    let s = SelfWorld::new(&pool).await;
    let invalid =
        |f: PatrolField| -> Result<(), AppError> { Err(AppError::invalid(f, Problem::Invalid)) };
    let cases = [
        (
            ("2026-12-08", "2026-12-01"),
            Err(AppError::invalid(
                PatrolField::PeriodTo,
                Problem::BeforeStart,
            )),
        ),
        (("abc", ""), invalid(PatrolField::PeriodFrom)),
        (("", "abc"), invalid(PatrolField::PeriodTo)),
        (("2026-02-30", ""), invalid(PatrolField::PeriodFrom)),
        (
            ("1999-12-31", "2000-01-01"),
            invalid(PatrolField::PeriodFrom),
        ),
        (("", "9999-12-31"), invalid(PatrolField::PeriodTo)),
        (
            ("2025-11-30", "2026-12-01"),
            Err(AppError::invalid(PatrolField::PeriodTo, Problem::TooLate)),
        ),
        (
            ("2020-01-01", "2026-12-01"),
            Err(AppError::invalid(PatrolField::PeriodTo, Problem::TooLate)),
        ),
    ];
    for (period, expected) in cases {
        let got = service::matrix(&pool, &s.regulator, period, "", s.now)
            .await
            .map(|_| ());
        assert_eq!(got, expected, "matrix {period:?}");
        let got = service::report(&pool, &s.w.officer, period, s.now)
            .await
            .map(|_| ());
        assert_eq!(got, expected, "report {period:?}");
    }
    // 366 days, a leap day included, is the longest period.
    let longest = service::matrix(&pool, &s.regulator, ("2027-12-01", "2028-11-30"), "", s.now);
    assert!(longest.await.is_ok());
    let longer = service::matrix(&pool, &s.regulator, ("2027-11-30", "2028-11-30"), "", s.now);
    assert!(longer.await.is_err());

    // Through the endpoint: a field error (422) naming the field, never a 500.
    for body in [
        "from=abc&to=",
        "from=2026-12-08&to=2026-12-01",
        "from=2000-01-01&to=2026-12-01",
    ] {
        let (status, text) = crate::authz_tests::call_with(
            &pool,
            "v1/patrols/selfcheck/matrix",
            Some(&s.regulator),
            body.into(),
        )
        .await;
        assert_eq!(status, 422, "{body}: {text}");
        assert!(text.contains("period_"), "{body}: {text}");
    }
}
