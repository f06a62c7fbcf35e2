//! Who sees what: invited rosters, another enterprise, the sheet's and the records' words,
//! and the files.

use super::*;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_invited_roster_lists_the_invited_and_refuses_others(pool: PgPool) {
    let p = people(&pool).await;
    let now = OffsetDateTime::now_utc();
    sqlx::query("update users set department = '二车间' where id = $1")
        .bind(p.worker2.id)
        .execute(&pool)
        .await
        .unwrap();
    let f = SessionForm {
        audience: "invited".into(),
        departments: vec!["二车间".into()],
        people: vec![p.worker.id.to_string()],
        assessment: "score".into(),
        ..today_form()
    };
    let id = service::create(&pool, &p.trainer, Uuid::now_v7(), &f, now)
        .await
        .unwrap();
    let page = service::page(&pool, &p.trainer, id).await.unwrap();
    let mut on_roster: Vec<Uuid> = page.roster.iter().map(|r| r.user_id).collect();
    on_roster.sort();
    let mut expected = vec![p.worker.id, p.worker2.id];
    expected.sort();
    assert_eq!(on_roster, expected);
    let tick = PresenceForm {
        user_id: p.officer.id.to_string(),
        time: String::new(),
    };
    assert_eq!(
        roster::sign_in(&pool, &p.trainer, Uuid::now_v7(), id, &tick).await,
        Err(AppError::refused(TrainingRefusal::NotInvitedToSession))
    );
    // The list: invited 2, signed in 0; the worker sees it among their upcoming sessions.
    let home = service::home(&pool, &p.trainer, now - Duration::days(1))
        .await
        .unwrap();
    let line = home.upcoming.iter().find(|l| l.id == id).unwrap();
    assert_eq!((line.invited, line.signed_in), (Some(2), 0));
    let mine = service::home(&pool, &p.worker, now - Duration::days(1))
        .await
        .unwrap();
    assert!(!mine.staff && mine.upcoming.is_empty());
    assert_eq!(
        mine.my_upcoming.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![id]
    );
    let not_invited = service::home(&pool, &p.officer, now - Duration::days(1))
        .await
        .unwrap();
    assert!(not_invited.my_upcoming.is_empty());
    // Cancelled: no more ticks; a second cancel changes nothing.
    service::cancel(&pool, &p.trainer, Uuid::now_v7(), id, now)
        .await
        .unwrap();
    service::cancel(&pool, &p.trainer, Uuid::now_v7(), id, now)
        .await
        .unwrap();
    assert_eq!(audit_rows(&pool, "training.session_cancel").await, 1);
    let worker_tick = PresenceForm {
        user_id: p.worker.id.to_string(),
        time: String::new(),
    };
    assert_eq!(
        roster::sign_in(&pool, &p.trainer, Uuid::now_v7(), id, &worker_tick).await,
        Err(AppError::refused(TrainingRefusal::SessionCancelled))
    );
}

/// A running session the worker has signed in to is no longer "to attend": it moves to the
/// attended list at once; the one he has not signed in to stays where it was.
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_session_signed_in_to_leaves_the_list_to_attend(pool: PgPool) {
    let p = people(&pool).await;
    let a = p.trainer.enterprise_id.unwrap();
    let attended = fixtures::session(&pool, a, p.trainer.id, Default::default()).await;
    let other = fixtures::session(&pool, a, p.trainer.id, Default::default()).await;
    fixtures::attend(&pool, &attended, p.worker.id, attended.starts_at).await;
    let home = service::home(&pool, &p.worker, OffsetDateTime::now_utc())
        .await
        .unwrap();
    let ids = |list: &[crate::training::sessions::MySession]| {
        list.iter().map(|m| m.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(&home.my_upcoming), vec![other.id]);
    assert_eq!(ids(&home.my_past), vec![attended.id]);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn another_enterprise_sees_and_changes_nothing(pool: PgPool) {
    let p = people(&pool).await;
    let a = p.trainer.enterprise_id.unwrap();
    let s = fixtures::session(&pool, a, p.trainer.id, Default::default()).await;
    fixtures::attend(&pool, &s, p.worker.id, s.starts_at).await;
    let now = OffsetDateTime::now_utc();
    let f = &p.foreign;
    assert_eq!(service::page(&pool, f, s.id).await, Err(AppError::NotFound));
    assert_eq!(
        service::draft(&pool, f, Some(s.id)).await,
        Err(AppError::NotFound)
    );
    let home = service::home(&pool, f, now).await.unwrap();
    assert!(home.upcoming.is_empty() && home.past.is_empty() && home.my_past.is_empty());
    let draft = service::draft(&pool, f, None).await.unwrap();
    assert!(draft.people.iter().all(|x| x.id == f.id));
    let tick = PresenceForm {
        user_id: p.worker2.id.to_string(),
        time: String::new(),
    };
    assert_eq!(
        roster::sign_in(&pool, f, Uuid::now_v7(), s.id, &tick).await,
        Err(AppError::NotFound)
    );
    let out = PresenceForm {
        user_id: p.worker.id.to_string(),
        time: String::new(),
    };
    assert_eq!(
        roster::sign_out(&pool, f, Uuid::now_v7(), s.id, &out, now).await,
        Err(AppError::NotFound)
    );
    let hours = OverrideForm {
        user_id: p.worker.id.to_string(),
        hours: "0".into(),
        reason: "x".into(),
    };
    assert_eq!(
        roster::override_hours(&pool, f, Uuid::now_v7(), s.id, &hours).await,
        Err(AppError::NotFound)
    );
    let scores = ScoresForm {
        rows: vec![ScoreRow {
            user_id: p.worker.id.to_string(),
            score: "100".into(),
        }],
    };
    assert_eq!(
        roster::scores(&pool, f, Uuid::now_v7(), s.id, &scores, now).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::cancel(&pool, f, Uuid::now_v7(), s.id, now).await,
        Err(AppError::NotFound)
    );
    // Their records file holds none of A's rows.
    let b = f.enterprise_id.unwrap();
    let rows =
        super::super::db::records(&pool, b, now - Duration::days(2), now + Duration::days(1))
            .await
            .unwrap();
    assert!(rows.is_empty());
    let ours =
        super::super::db::records(&pool, a, now - Duration::days(2), now + Duration::days(1))
            .await
            .unwrap();
    assert_eq!(ours.len(), 1);
    // A's attendance row is as it was.
    let mut conn = pool.acquire().await.unwrap();
    let untouched: i64 = sqlx::query_scalar(
        "select count(*) from training_attendance where signed_out_at is null and override_half_hours is null and score is null",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    assert_eq!(untouched, 1);
    assert_eq!(
        count(
            &pool,
            "select count(*) from training_sessions where cancelled_at is not null"
        )
        .await,
        0
    );
}

#[test]
fn the_sheet_says_how_presence_was_shown_in_the_users_words() {
    use super::super::{
        model::RosterRow,
        pages::sheet::{sheet_headers, sheet_rows},
    };
    use crate::i18n::Locale;
    let page = super::super::model::SessionPage {
        id: Uuid::now_v7(),
        title: "有限空间专题".into(),
        category: Category::ConfinedSpace,
        date: "2026-12-01".into(),
        start: "09:00".into(),
        end: "11:00".into(),
        half_hours: 4,
        location: "三楼".into(),
        trainer: "王培训".into(),
        summary: String::new(),
        open_to_all: true,
        invitations: vec![],
        assessment: Assessment::Score,
        pass_mark: Some(60),
        quiz_size: None,
        cancelled: false,
        can_manage: true,
        back_entry: false,
        confirmed: false,
        can_confirm: false,
        roster: vec![RosterRow {
            user_id: Uuid::now_v7(),
            name: "张三".into(),
            employee_no: Some("W01".into()),
            department: Some("二车间".into()),
            signed_in: Some("09:01".into()),
            sign_in_uploaded: None,
            sign_in_by: Some(crate::training::PresenceBy::Trainer),
            ticked_by: Some("王培训".into()),
            signed_out: None,
            sign_out_by: None,
            late: true,
            left_early: false,
            half_hours: Some(3),
            override_reason: None,
            score: Some(85),
            passed: Some(true),
            review: None,
        }],
        others: vec![],
    };
    assert_eq!(sheet_headers(Locale::zh_CN)[0], "序号");
    assert_eq!(sheet_headers(Locale::en)[2], "Employee no.");
    assert_eq!(
        sheet_rows(Locale::zh_CN, &page)[0],
        [
            "1",
            "张三",
            "W01",
            "二车间",
            "09:01 迟到",
            "",
            "培训人代签（王培训）",
            "1.5",
            "85 分 · 合格"
        ]
    );
    assert_eq!(sheet_rows(Locale::en, &page)[0][6], "By trainer（王培训）");
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_files_admit_trainers_officers_and_admins_of_the_enterprise(pool: PgPool) {
    use crate::auth::server::RequestUser;
    use axum::extract::{Path, Query, State};
    let p = people(&pool).await;
    let a = p.trainer.enterprise_id.unwrap();
    let s = fixtures::session(&pool, a, p.trainer.id, Default::default()).await;
    fixtures::attend(&pool, &s, p.worker.id, s.starts_at).await;
    let as_ = |who: Option<SessionUser>| axum::Extension(RequestUser(who));
    let callers = [
        (Some(p.trainer.clone()), 200),
        (Some(p.officer.clone()), 200),
        (Some(p.worker.clone()), 403),
        // Another enterprise's officer: no such session there; their records file is empty.
        (Some(p.foreign.clone()), 404),
        (None, 401),
    ];
    for (who, status) in callers {
        let sheet = super::super::export::session_sheet(
            State(pool.clone()),
            as_(who.clone()),
            Path(s.id.to_string()),
            Default::default(),
        )
        .await;
        assert_eq!(sheet.status().as_u16(), status, "{who:?}");
        let records = super::super::export::records(
            State(pool.clone()),
            as_(who.clone()),
            Ok(Query(Default::default())),
            Default::default(),
        )
        .await;
        let expected = if status == 404 { 200 } else { status };
        assert_eq!(records.status().as_u16(), expected, "{who:?}");
    }
    let bad = super::super::export::session_sheet(
        State(pool.clone()),
        as_(Some(p.officer.clone())),
        Path("x".into()),
        Default::default(),
    )
    .await;
    assert_eq!(bad.status().as_u16(), 422);
}

#[test]
fn a_records_row_is_one_person_on_one_session_in_the_users_words() {
    use crate::i18n::Locale;
    let start = datetime!(2026-12-01 09:00 +8);
    let row = super::super::db::RecordRow {
        starts_at: start,
        ends_at: start + Duration::hours(2),
        title: "有限空间专题".into(),
        category: Category::ConfinedSpace,
        credited_half_hours: 4,
        name: "张三".into(),
        employee_no: None,
        department: Some("二车间".into()),
        signed_in_at: start + Duration::minutes(1),
        sign_in_uploaded: None,
        signed_out_at: None,
        sign_in_by: crate::training::PresenceBy::Scan,
        override_half_hours: None,
        score: Some(90),
        passed: Some(true),
    };
    let rows = super::super::export::record_rows(Locale::zh_CN, vec![row]);
    assert_eq!(
        rows[0],
        [
            "2026-12-01",
            "有限空间专题",
            "有限空间专题",
            "张三",
            "",
            "二车间",
            "2026-12-01 09:01",
            "",
            "扫码",
            "1.5",
            "90",
            "合格"
        ]
    );
    assert_eq!(super::super::export::record_headers(Locale::en)[9], "Hours");
}
