//! Database tests of people management: role guard, tenant isolation, idempotent retries,
//! CSV import all-or-nothing.

use super::{service, NewUser};
use crate::users::UserField;
use crate::{
    auth::{server::session, Role},
    error::{AppError, Field, Problem, RowProblem},
    testing::{self, count},
};
use sqlx::PgPool;
use uuid::Uuid;

fn person(name: &str, mobile: &str) -> NewUser {
    NewUser::parse(name, mobile, "", "worker", "password-9").unwrap()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn only_enterprise_admins_may_manage_people(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13700000001").await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13700000002").await;
    let regulator = testing::user(&pool, orgs.township, Role::Regulator, "13700000003").await;
    for actor in [&worker, &officer, &regulator] {
        assert_eq!(service::list(&pool, actor).await, Err(AppError::Forbidden));
        assert_eq!(
            service::create(&pool, actor, Uuid::now_v7(), person("新人", "13700000009")).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            service::set_active(&pool, actor, Uuid::now_v7(), worker.id, false).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            service::reset_password(
                &pool,
                actor,
                Uuid::now_v7(),
                worker.id,
                "new-password".into()
            )
            .await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            service::import(
                &pool,
                actor,
                Uuid::now_v7(),
                "name,mobile,role,password\nX,13700000010,worker,password-1\n"
            )
            .await,
            Err(AppError::Forbidden)
        );
    }
    assert_eq!(count(&pool, "select count(*) from users").await, 3);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn an_admin_never_sees_or_changes_another_enterprise(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin_a = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13700000011").await;
    let worker_a = testing::user(&pool, orgs.a, Role::Worker, "13700000012").await;
    let worker_b = testing::user(&pool, orgs.b, Role::Worker, "13700000013").await;

    let listed: Vec<Uuid> = service::list(&pool, &admin_a)
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    assert!(listed.contains(&admin_a.id) && listed.contains(&worker_a.id));
    assert!(!listed.contains(&worker_b.id));

    assert_eq!(
        service::set_active(&pool, &admin_a, Uuid::now_v7(), worker_b.id, false).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::reset_password(
            &pool,
            &admin_a,
            Uuid::now_v7(),
            worker_b.id,
            "taken-over-1".into()
        )
        .await,
        Err(AppError::NotFound)
    );
    let b_untouched: (bool, i64) =
        sqlx::query_as("select active, (select count(*) from audit_log) from users where id = $1")
            .bind(worker_b.id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(b_untouched, (true, 0));
    // B's worker still signs in with the old password.
    use crate::auth::server::{
        lockout::LoginPolicy,
        login::{authenticate, LoginInput},
    };
    let login = LoginInput {
        account: "13700000013".into(),
        password: testing::PASSWORD.into(),
        enterprise_code: None,
        from: None,
    };
    assert_eq!(
        authenticate(&pool, &LoginPolicy::DEFAULT, &login).await,
        Ok(worker_b.id)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_retried_create_is_stored_once(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13700000021").await;
    let client_id = Uuid::now_v7();
    let first = service::create(&pool, &admin, client_id, person("周一", "13700000022"))
        .await
        .unwrap();
    let retry = service::create(&pool, &admin, client_id, person("周一", "13700000022"))
        .await
        .unwrap();
    assert_eq!(first, retry);
    assert_eq!(
        count(
            &pool,
            "select count(*) from users where mobile = '13700000022'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from audit_log where action = 'user.create'"
        )
        .await,
        1
    );

    // A new submission (new client id) with the same mobile is a real conflict, named by field.
    assert_eq!(
        service::create(&pool, &admin, Uuid::now_v7(), person("周二", "13700000022")).await,
        Err(AppError::invalid(UserField::Mobile, Problem::Taken))
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_client_id_from_another_enterprise_is_free_in_this_one(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin_a = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13700000031").await;
    let admin_b = testing::user(&pool, orgs.b, Role::EnterpriseAdmin, "13700000032").await;
    let client_id = Uuid::now_v7();
    let a = service::create(&pool, &admin_a, client_id, person("吴一", "13700000033"))
        .await
        .unwrap();
    // Client ids are unique per enterprise: B adds its own person under A's id.
    let b = service::create(&pool, &admin_b, client_id, person("吴二", "13700000034"))
        .await
        .unwrap();
    assert_ne!(a.id, b.id);
    // Within B the id is taken: another person under it is refused.
    assert_eq!(
        service::create(&pool, &admin_b, client_id, person("吴三", "13700000035")).await,
        Err(AppError::ClientIdReused)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn deactivating_ends_sessions_but_not_for_oneself(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13700000041").await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13700000042").await;
    let token = session::create(&pool, worker.id).await.unwrap();
    service::set_active(&pool, &admin, Uuid::now_v7(), worker.id, false)
        .await
        .unwrap();
    assert_eq!(session::resolve(&pool, &token).await.unwrap(), None);
    assert_eq!(
        service::set_active(&pool, &admin, Uuid::now_v7(), admin.id, false).await,
        Err(AppError::invalid(Field::User, Problem::Invalid))
    );
    service::set_active(&pool, &admin, Uuid::now_v7(), worker.id, true)
        .await
        .unwrap();
    assert_eq!(
        count(&pool, "select count(*) from users where active").await,
        2
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_password_reset_works_and_signs_out_everywhere(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13700000051").await;
    let worker = testing::user(&pool, orgs.a, Role::Worker, "13700000052").await;
    let token = session::create(&pool, worker.id).await.unwrap();
    assert_eq!(
        service::reset_password(&pool, &admin, Uuid::now_v7(), worker.id, "short".into()).await,
        Err(AppError::invalid(
            Field::Password,
            Problem::TooShort { min: 8 }
        ))
    );
    service::reset_password(
        &pool,
        &admin,
        Uuid::now_v7(),
        worker.id,
        "brand-new-1".into(),
    )
    .await
    .unwrap();
    assert_eq!(session::resolve(&pool, &token).await.unwrap(), None);
    use crate::auth::server::{
        lockout::LoginPolicy,
        login::{authenticate, LoginInput},
    };
    let login = LoginInput {
        account: "13700000052".into(),
        password: "brand-new-1".into(),
        enterprise_code: None,
        from: None,
    };
    assert_eq!(
        authenticate(&pool, &LoginPolicy::DEFAULT, &login).await,
        Ok(worker.id)
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_csv_with_bad_rows_imports_nobody(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13700000061").await;
    testing::user(&pool, orgs.b, Role::Worker, "13700000062").await;
    let before = count(&pool, "select count(*) from users").await;

    // Row 2 has a bad mobile; row 3's mobile belongs to someone in another enterprise.
    let csv = "姓名,手机号,工号,角色,初始密码\n\
               郑一,13700000063,W63,作业人员,password-63\n\
               郑二,1370000006,W64,作业人员,password-64\n\
               郑三,13700000062,W65,安全员,password-65\n";
    match service::import(&pool, &admin, Uuid::now_v7(), csv).await {
        Err(AppError::InvalidRows(rows)) => assert_eq!(
            rows,
            vec![RowProblem {
                row: 2,
                field: UserField::Mobile.into(),
                problem: Problem::Invalid
            }]
        ),
        other => panic!("expected row problems, got {other:?}"),
    }
    let fixed = csv.replace("1370000006,", "13700000064,");
    match service::import(&pool, &admin, Uuid::now_v7(), &fixed).await {
        Err(AppError::InvalidRows(rows)) => assert_eq!(
            rows,
            vec![RowProblem {
                row: 3,
                field: UserField::Mobile.into(),
                problem: Problem::Taken
            }]
        ),
        other => panic!("expected a taken mobile, got {other:?}"),
    }
    assert_eq!(count(&pool, "select count(*) from users").await, before);
    assert_eq!(count(&pool, "select count(*) from user_imports").await, 0);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_clean_csv_imports_everyone_once_even_when_retried(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13700000071").await;
    let csv = "name,mobile,employee_no,role,password\n\
               Ann,13700000072,,worker,password-72\n\
               Bo,,W73,trainer,password-73\n\
               Cy,13700000074,W74,safety officer,password-74\n";
    let client_id = Uuid::now_v7();
    let first = service::import(&pool, &admin, client_id, csv)
        .await
        .unwrap();
    assert_eq!(first.imported, 3);
    let retry = service::import(&pool, &admin, client_id, csv)
        .await
        .unwrap();
    assert_eq!(retry.imported, 3);
    assert_eq!(
        count(
            &pool,
            &format!(
                "select count(*) from users where enterprise_id = '{}'",
                orgs.a
            )
        )
        .await,
        4
    );
    let roles: Vec<String> =
        sqlx::query_scalar("select role from users where created_by is not null order by name")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(roles, ["worker", "trainer", "safety_officer"]);
    // The passwords in the file were chosen by the admin: each is changed at the first login.
    assert_eq!(
        count(
            &pool,
            "select count(*) from users
             where created_by is not null and must_change_password and password_set_by is not null"
        )
        .await,
        3
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_client_id_reused_for_another_person_or_step_is_refused(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13700000091").await;
    let id = Uuid::now_v7();
    let first = service::create(&pool, &admin, id, person("郑一", "13700000092"))
        .await
        .unwrap();
    assert_eq!(
        service::create(&pool, &admin, id, person("郑二", "13700000093")).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(
        service::set_active(&pool, &admin, id, first.id, false).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(testing::audit_rows(&pool, "user.create").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_people_write_leaves_exactly_one_audit_row(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let admin = testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13700000094").await;
    let row = service::create(&pool, &admin, Uuid::now_v7(), person("钱一", "13700000095"))
        .await
        .unwrap();
    service::set_active(&pool, &admin, Uuid::now_v7(), row.id, false)
        .await
        .unwrap();
    service::set_active(&pool, &admin, Uuid::now_v7(), row.id, true)
        .await
        .unwrap();
    service::reset_password(
        &pool,
        &admin,
        Uuid::now_v7(),
        row.id,
        "new-password-1".into(),
    )
    .await
    .unwrap();
    let csv = "姓名,手机号,工号,角色,初始密码\n孙二,13700000096,,worker,welcome-101\n";
    service::import(&pool, &admin, Uuid::now_v7(), csv)
        .await
        .unwrap();
    for action in [
        "user.create",
        "user.deactivate",
        "user.activate",
        "user.reset_password",
        "user.import",
    ] {
        assert_eq!(testing::audit_rows(&pool, action).await, 1, "{action}");
    }
}
