//! The scan, the sign-in page and the two steps against the database.

use super::{refused, step, World, START};
use crate::{
    error::AppError,
    testing::{audit_rows, count},
    training::{
        fixtures::SessionSpec,
        signin::{code::Mode, service},
        TrainingRefusal::*,
    },
};
use sqlx::PgPool;
use time::Duration;
use uuid::Uuid;

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_current_and_previous_codes_are_accepted_two_steps_old_refused(pool: PgPool) {
    let w = World::new(&pool).await;
    let shown = START + Duration::minutes(10);
    for who in [None, Some(&w.worker)] {
        // Scanned at once, and one step later (the QR changed while the phone opened it).
        assert!(w.scan(who, Mode::In, shown, shown).await.is_ok());
        let late = shown + step() + step() - Duration::seconds(1);
        assert!(w.scan(who, Mode::In, shown, late).await.is_ok());
        // Two steps old: a photo forwarded a minute later.
        assert_eq!(
            w.scan(who, Mode::In, shown, shown + step() + step()).await,
            Err(refused(CodeExpired))
        );
        // A code of the future (a clock gone wrong) or of the sign-out QR is no sign-in code.
        assert_eq!(
            w.scan(who, Mode::In, shown + step(), shown).await,
            Err(refused(CodeExpired))
        );
        let out_code = w.code(Mode::Out, shown);
        assert_eq!(
            service::arrive(&pool, who, &w.session.token, &out_code, Mode::In, shown).await,
            Err(refused(CodeExpired))
        );
    }
    // Unknown tokens and codes of no shape.
    for (token, code) in [
        ("nosuchtoken", "aaaaaaaaaaaaaaaa"),
        ("../etc", "x"),
        ("", ""),
    ] {
        assert_eq!(
            service::arrive(&pool, None, token, code, Mode::In, shown).await,
            Err(AppError::NotFound),
            "{token}"
        );
    }
    for code in ["", "x", "aaaaaaaaaaaaaaaa", "<script>alert(1)</script>"] {
        assert_eq!(
            service::arrive(&pool, None, &w.session.token, code, Mode::In, shown).await,
            Err(refused(CodeExpired)),
            "{code}"
        );
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_code_of_another_session_is_refused(pool: PgPool) {
    let w = World::new(&pool).await;
    let other = crate::training::fixtures::session(
        &pool,
        w.enterprise,
        w.trainer.id,
        SessionSpec {
            starts_at: START,
            ..Default::default()
        },
    )
    .await;
    // Each session has its own key (the fixtures share one).
    sqlx::query("update training_sessions set qr_secret = $1 where id = $2")
        .bind(vec![9u8; 32])
        .bind(other.id)
        .execute(&pool)
        .await
        .unwrap();
    let now = START + Duration::minutes(5);
    let theirs = crate::training::signin::code::code_at(
        &[9u8; 32],
        Mode::In,
        now,
        crate::training::signin::code::step_seconds(),
    );
    assert_eq!(
        service::arrive(
            &pool,
            Some(&w.worker),
            &w.session.token,
            &theirs,
            Mode::In,
            now
        )
        .await,
        Err(refused(CodeExpired))
    );
    assert!(
        service::arrive(&pool, Some(&w.worker), &other.token, &theirs, Mode::In, now)
            .await
            .is_ok()
    );
    // A ticket of one session does not sign in to another.
    let ticket = service::arrive(&pool, Some(&w.worker), &other.token, &theirs, Mode::In, now)
        .await
        .unwrap()
        .ticket;
    assert_eq!(
        service::sign_in(&pool, &w.worker, Uuid::now_v7(), &w.input(&ticket), now).await,
        Err(refused(CodeExpired))
    );
    assert_eq!(w.rows().await, 0);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn another_enterprises_session_is_refused_as_such_and_nothing_stored(pool: PgPool) {
    let w = World::new(&pool).await;
    let now = START + Duration::minutes(5);
    assert_eq!(
        w.scan(Some(&w.foreign), Mode::In, now, now).await,
        Err(refused(OtherEnterprise))
    );
    // Not signed in yet, the same scan is let through: the sign-in page refuses after the
    // login, with the same reason, and says nothing of the session.
    let ticket = w.scan(None, Mode::In, now, now).await.unwrap();
    let input = w.input(&ticket);
    assert_eq!(
        service::view(&pool, &w.foreign, &input, now).await,
        Err(refused(OtherEnterprise))
    );
    assert_eq!(
        service::sign_in(&pool, &w.foreign, Uuid::now_v7(), &input, now).await,
        Err(refused(OtherEnterprise))
    );
    assert_eq!(
        service::sign_out(&pool, &w.foreign, Uuid::now_v7(), &input, now).await,
        Err(refused(OtherEnterprise))
    );
    assert_eq!(w.rows().await, 0);
    assert_eq!(audit_rows(&pool, "training.sign_in").await, 0);
    // Their projector page: not found (no session of theirs has this id).
    assert_eq!(
        service::projector(&pool, &w.foreign, w.session.id, Mode::In, now).await,
        Err(AppError::NotFound)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_ticket_lasts_ten_minutes_after_its_step(pool: PgPool) {
    let w = World::new(&pool).await;
    let scanned = START + Duration::minutes(5);
    let ticket = w.scan(None, Mode::In, scanned, scanned).await.unwrap();
    let input = w.input(&ticket);
    // The worker logged in and tapped 签到 ten minutes later: still good.
    let later = scanned + Duration::minutes(10);
    let signed = service::sign_in(&pool, &w.worker, Uuid::now_v7(), &input, later)
        .await
        .unwrap();
    assert_eq!(signed.at, "2026-12-01 09:15");
    assert!(!signed.already);
    // Ten minutes after the end of the scan's step: too old, scan again.
    let too_late = scanned + step() + Duration::minutes(10);
    assert_eq!(
        service::sign_in(&pool, &w.other_worker, Uuid::now_v7(), &input, too_late).await,
        Err(refused(CodeExpired))
    );
    let view = service::view(&pool, &w.other_worker, &input, too_late)
        .await
        .unwrap();
    assert_eq!(view.refusal, Some(CodeExpired));
    assert!(!view.can_sign_in);
    // A forged or edited ticket is no better.
    let edited = ticket.replacen('i', "o", 1);
    for bad in ["", "i1-aaaaaaaaaaaaaaaa", edited.as_str()] {
        assert_eq!(
            service::sign_in(&pool, &w.other_worker, Uuid::now_v7(), &w.input(bad), later).await,
            Err(refused(CodeExpired)),
            "{bad}"
        );
    }
    assert_eq!(w.rows().await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn too_early_over_cancelled_and_not_invited_are_refused(pool: PgPool) {
    let w = World::with(
        &pool,
        SessionSpec {
            open_to_all: false,
            ..Default::default()
        },
    )
    .await;
    sqlx::query(
        "insert into training_invitations (session_id, enterprise_id, kind, value)
         select id, enterprise_id, 'person', $2 from training_sessions where id = $1",
    )
    .bind(w.session.id)
    .bind(w.worker.id.to_string())
    .execute(&pool)
    .await
    .unwrap();
    // Sign-in opens 30 minutes before the start and closes 30 minutes after the end.
    let early = START - Duration::minutes(31);
    assert_eq!(
        w.scan(Some(&w.worker), Mode::In, early, early).await,
        Err(refused(NotOpenYet))
    );
    let over = START + Duration::minutes(120 + 30) + Duration::seconds(1);
    assert_eq!(
        w.scan(Some(&w.worker), Mode::In, over, over).await,
        Err(refused(SessionOver))
    );
    let (first, last) = (
        START - Duration::minutes(30),
        START + Duration::minutes(150),
    );
    assert!(w
        .scan(Some(&w.worker), Mode::In, first, first)
        .await
        .is_ok());
    assert!(w.scan(Some(&w.worker), Mode::In, last, last).await.is_ok());
    // A ticket earned in time does not sign in after the end.
    let ticket = w.scan(None, Mode::In, last, last).await.unwrap();
    assert_eq!(
        service::sign_in(&pool, &w.worker, Uuid::now_v7(), &w.input(&ticket), over).await,
        Err(refused(SessionOver))
    );
    // Not invited: refused at the scan (signed in) and at the sign-in (after a login).
    let now = START + Duration::minutes(1);
    assert_eq!(
        w.scan(Some(&w.other_worker), Mode::In, now, now).await,
        Err(refused(NotInvited))
    );
    let ticket = w.scan(None, Mode::In, now, now).await.unwrap();
    let input = w.input(&ticket);
    assert_eq!(
        service::sign_in(&pool, &w.other_worker, Uuid::now_v7(), &input, now).await,
        Err(refused(NotInvited))
    );
    let view = service::view(&pool, &w.other_worker, &input, now)
        .await
        .unwrap();
    assert_eq!((view.refusal, view.can_sign_in), (Some(NotInvited), false));
    // Invited by department.
    sqlx::query("update users set department = '维修班' where id = $1")
        .bind(w.other_worker.id)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into training_invitations (session_id, enterprise_id, kind, value)
         select id, enterprise_id, 'department', '维修班' from training_sessions where id = $1",
    )
    .bind(w.session.id)
    .execute(&pool)
    .await
    .unwrap();
    assert!(w.sign_in(&w.other_worker, now).await.is_ok());
    // Cancelled: said before anything else.
    sqlx::query("update training_sessions set cancelled_at = $1 where id = $2")
        .bind(now)
        .bind(w.session.id)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        w.scan(Some(&w.worker), Mode::In, now, now).await,
        Err(refused(SessionCancelled))
    );
    assert_eq!(
        service::sign_in(&pool, &w.worker, Uuid::now_v7(), &input, now).await,
        Err(refused(SessionCancelled))
    );
    let view = service::view(&pool, &w.worker, &input, now).await.unwrap();
    assert_eq!(view.refusal, Some(SessionCancelled));
    assert_eq!(w.rows().await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn one_sign_in_per_person_however_often_retried_or_rescanned(pool: PgPool) {
    let w = World::new(&pool).await;
    let now = START + Duration::minutes(3);
    let ticket = w.scan(Some(&w.worker), Mode::In, now, now).await.unwrap();
    let input = w.input(&ticket);
    let client = Uuid::now_v7();
    let first = service::sign_in(&pool, &w.worker, client, &input, now)
        .await
        .unwrap();
    assert_eq!(
        (first.at.as_str(), first.already),
        ("2026-12-01 09:03", false)
    );
    // The same submission again (a double tap, a retry): the same answer, nothing more.
    let later = now + Duration::minutes(2);
    let retried = service::sign_in(&pool, &w.worker, client, &input, later)
        .await
        .unwrap();
    assert_eq!(retried, first);
    // Another scan, another client id: 已签到 with the first time, nothing changed.
    let again = w.sign_in(&w.worker, later).await.unwrap();
    assert_eq!(
        (again.at.as_str(), again.already),
        ("2026-12-01 09:03", true)
    );
    // Even with an expired ticket (the page re-posted long after).
    let much_later = now + Duration::minutes(40);
    let stale = service::sign_in(&pool, &w.worker, Uuid::now_v7(), &input, much_later)
        .await
        .unwrap();
    assert!(stale.already);
    // Many at once with different client ids: still one row.
    let theirs = w
        .scan(Some(&w.other_worker), Mode::In, later, later)
        .await
        .unwrap();
    let theirs = w.input(&theirs);
    let tries =
        (0..6).map(|_| service::sign_in(&pool, &w.other_worker, Uuid::now_v7(), &theirs, later));
    let answers = futures::future::join_all(tries).await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    assert_eq!(
        answers
            .iter()
            .filter(|a| !a.as_ref().unwrap().already)
            .count(),
        1
    );
    assert_eq!(w.rows().await, 2);
    assert_eq!(audit_rows(&pool, "training.sign_in").await, 2);
    // The row: by scan, recorded by the person.
    let (by, recorded_by, at): (String, Uuid, time::OffsetDateTime) = sqlx::query_as(
        "select sign_in_by, sign_in_recorded_by, signed_in_at from training_attendance
         where session_id = $1 and user_id = $2",
    )
    .bind(w.session.id)
    .bind(w.worker.id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((by.as_str(), recorded_by, at), ("scan", w.worker.id, now));
    // A client id is one submission: not another person's, not a sign-out.
    assert_eq!(
        service::sign_in(&pool, &w.other_worker, client, &input, now).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(
        service::sign_out(&pool, &w.worker, client, &input, now).await,
        Err(AppError::ClientIdReused)
    );
    // The page says so.
    let view = service::view(&pool, &w.worker, &input, later)
        .await
        .unwrap();
    assert_eq!(view.signed_in_at.as_deref(), Some("2026-12-01 09:03"));
    assert!(!view.can_sign_in);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn signing_out_once_with_the_sign_out_code_or_near_the_end(pool: PgPool) {
    let w = World::new(&pool).await;
    let now = START + Duration::minutes(1);
    let ticket = w.scan(Some(&w.worker), Mode::In, now, now).await.unwrap();
    let input = w.input(&ticket);
    // Not signed in: nothing to sign out of.
    assert_eq!(
        service::sign_out(&pool, &w.worker, Uuid::now_v7(), &input, now).await,
        Err(refused(NotSignedIn))
    );
    w.sign_in(&w.worker, now).await.unwrap();
    w.sign_in(&w.other_worker, now).await.unwrap();
    w.sign_in(&w.officer, now).await.unwrap();
    // The sign-in QR's ticket does not sign out in the middle of the session.
    let middle = START + Duration::minutes(60);
    let in_ticket = w
        .scan(Some(&w.worker), Mode::In, middle, middle)
        .await
        .unwrap();
    assert_eq!(
        service::sign_out(
            &pool,
            &w.worker,
            Uuid::now_v7(),
            &w.input(&in_ticket),
            middle
        )
        .await,
        Err(refused(SignOutNotYet))
    );
    let view = service::view(&pool, &w.worker, &w.input(&in_ticket), middle)
        .await
        .unwrap();
    assert!(!view.can_sign_out && !view.can_sign_in && view.refusal.is_none());
    // The sign-out QR does (leaving early, flagged on the roster).
    let out_ticket = w
        .scan(Some(&w.worker), Mode::Out, middle, middle)
        .await
        .unwrap();
    let out_input = w.input(&out_ticket);
    assert!(
        service::view(&pool, &w.worker, &out_input, middle)
            .await
            .unwrap()
            .can_sign_out
    );
    let client = Uuid::now_v7();
    let out = service::sign_out(&pool, &w.worker, client, &out_input, middle)
        .await
        .unwrap();
    assert_eq!((out.at.as_str(), out.already), ("2026-12-01 10:00", false));
    // Retried, and again with another id: once.
    assert_eq!(
        service::sign_out(
            &pool,
            &w.worker,
            client,
            &out_input,
            middle + Duration::minutes(1)
        )
        .await
        .unwrap(),
        out
    );
    let again = service::sign_out(&pool, &w.worker, Uuid::now_v7(), &out_input, middle)
        .await
        .unwrap();
    assert_eq!(
        (again.at.as_str(), again.already),
        ("2026-12-01 10:00", true)
    );
    // In the last quarter the sign-in QR's ticket signs out too.
    let end_part = START + Duration::minutes(95);
    assert_eq!(
        service::sign_out_opens(START, START + Duration::minutes(120)),
        START + Duration::minutes(90)
    );
    let ticket = w
        .scan(Some(&w.other_worker), Mode::In, end_part, end_part)
        .await
        .unwrap();
    let view = service::view(&pool, &w.other_worker, &w.input(&ticket), end_part)
        .await
        .unwrap();
    assert!(view.can_sign_out);
    service::sign_out(
        &pool,
        &w.other_worker,
        Uuid::now_v7(),
        &w.input(&ticket),
        end_part,
    )
    .await
    .unwrap();
    let rows: Vec<(Uuid, String, Uuid)> = sqlx::query_as(
        "select user_id, sign_out_by, sign_out_recorded_by from training_attendance
         where signed_out_at is not null order by signed_out_at",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![
            (w.worker.id, "scan".into(), w.worker.id),
            (w.other_worker.id, "scan".into(), w.other_worker.id)
        ]
    );
    assert_eq!(audit_rows(&pool, "training.sign_out").await, 2);
    // After the end and its grace: closed.
    let over = START + Duration::minutes(150) + Duration::seconds(1);
    let late = w
        .scan(
            None,
            Mode::Out,
            START + Duration::minutes(150),
            START + Duration::minutes(150),
        )
        .await
        .unwrap();
    assert_eq!(
        service::sign_out(&pool, &w.officer, Uuid::now_v7(), &w.input(&late), over).await,
        Err(refused(SessionOver))
    );
    assert!(service::sign_out(
        &pool,
        &w.officer,
        Uuid::now_v7(),
        &w.input(&late),
        over - Duration::seconds(1)
    )
    .await
    .is_ok());
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_projector_shows_the_code_the_count_and_only_to_its_people(pool: PgPool) {
    let w = World::new(&pool).await;
    let now = START + Duration::minutes(2) + Duration::seconds(7);
    w.sign_in(&w.worker, now).await.unwrap();
    let p = service::projector(&pool, &w.trainer, w.session.id, Mode::In, now)
        .await
        .unwrap();
    let code = w.code(Mode::In, now);
    assert_eq!(p.path, format!("/t/{}/{code}", w.session.token));
    // Open to all: everyone active of the enterprise but the trainer.
    assert_eq!((p.signed_in, p.signed_out, p.expected), (1, 0, 3));
    assert_eq!(p.latest, vec![w.worker.name.clone()]);
    let step = crate::training::signin::code::step_seconds();
    assert_eq!(p.seconds_to_next, step - 7 % step);
    // The sign-out QR carries the sign-out code.
    let out = service::projector(&pool, &w.officer, w.session.id, Mode::Out, now)
        .await
        .unwrap();
    assert_eq!(
        out.path,
        format!("/t/{}/{}/out", w.session.token, w.code(Mode::Out, now))
    );
    // A worker is not shown the code, nor anyone of another enterprise.
    assert_eq!(
        service::projector(&pool, &w.worker, w.session.id, Mode::In, now).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        service::projector(&pool, &w.foreign, w.session.id, Mode::In, now).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        count(&pool, "select count(*) from training_attendance").await,
        1
    );
}
