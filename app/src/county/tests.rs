//! county's database tests: the tree and who reaches what, the ledger's entries, moving an
//! enterprise, and the accounts opened from above.

use super::{
    service::{self, Reach},
    CountyField, LedgerForm, NewEnterpriseForm, NodeForm, RegulatorForm, RenameForm,
};
use crate::{
    actor::{Role, SessionUser},
    error::{AppError, Problem},
    rules::credit_code,
    testing,
};
use sqlx::PgPool;
use uuid::Uuid;

/// A valid credit code, different for each `n`.
pub fn code(n: u32) -> String {
    let first17 = format!("91130133MA{n:07}");
    let check = credit_code::check_character(&first17).unwrap();
    format!("{first17}{check}")
}

/// The county: 赵县 with 范庄镇 and 沙河店镇, each with one enterprise (made by the operator),
/// a county regulator and a regulator of each township.
pub(crate) struct County {
    pub operator: SessionUser,
    pub county: Uuid,
    pub fanzhuang: Uuid,
    pub shahe: Uuid,
    pub e1: Uuid,
    pub e2: Uuid,
    pub county_regulator: SessionUser,
    pub fanzhuang_regulator: SessionUser,
    pub shahe_regulator: SessionUser,
}

async fn node(pool: &PgPool, by: &SessionUser, parent: Option<Uuid>, name: &str, level: &str) -> Uuid {
    let form = NodeForm {
        parent_id: parent.map(|p| p.to_string()).unwrap_or_default(),
        name: name.into(),
        level: level.into(),
    };
    service::create_node(pool, by, Uuid::now_v7(), &form).await.unwrap()
}

fn enterprise_form(n: u32, township: Uuid) -> NewEnterpriseForm {
    NewEnterpriseForm {
        ledger: LedgerForm {
            credit_code: code(n),
            name: format!("企业{n}"),
            township_id: township.to_string(),
            industry: "machinery".into(),
            focus_risks: vec!["confined_space".into()],
            ..Default::default()
        },
        admin_name: format!("管理员{n}"),
        admin_mobile: format!("1390000{n:04}"),
        admin_password: "first-pass-1".into(),
    }
}

async fn regulator(pool: &PgPool, by: &SessionUser, node: Uuid, mobile: &str) -> SessionUser {
    let form = RegulatorForm {
        node_id: node.to_string(),
        name: format!("监管{mobile}"),
        mobile: mobile.into(),
        password: "first-pass-1".into(),
    };
    let id = service::create_regulator(pool, by, Uuid::now_v7(), &form).await.unwrap();
    SessionUser {
        id,
        name: form.name,
        role: Role::Regulator,
        enterprise_id: None,
        jurisdiction_id: Some(node),
        org_name: String::new(),
    }
}

pub(crate) async fn county(pool: &PgPool) -> County {
    let operator = testing::user(pool, Uuid::nil(), Role::Operator, "13500000001").await;
    let county = node(pool, &operator, None, "赵县", "county").await;
    let fanzhuang = node(pool, &operator, Some(county), "范庄镇", "township").await;
    let shahe = node(pool, &operator, Some(county), "沙河店镇", "township").await;
    let e1 = service::create_enterprise(pool, &operator, Uuid::now_v7(), &enterprise_form(1, fanzhuang))
        .await
        .unwrap();
    let e2 = service::create_enterprise(pool, &operator, Uuid::now_v7(), &enterprise_form(2, shahe))
        .await
        .unwrap();
    County {
        county_regulator: regulator(pool, &operator, county, "13500000002").await,
        fanzhuang_regulator: regulator(pool, &operator, fanzhuang, "13500000003").await,
        shahe_regulator: regulator(pool, &operator, shahe, "13500000004").await,
        operator,
        county,
        fanzhuang,
        shahe,
        e1,
        e2,
    }
}

fn names(rows: &[super::LedgerRow]) -> Vec<&str> {
    rows.iter().map(|r| r.name.as_str()).collect()
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_county_regulator_reads_its_townships_and_a_township_regulator_only_its_own(
    pool: PgPool,
) {
    let c = county(&pool).await;
    let ledger = |who: SessionUser| {
        let pool = pool.clone();
        async move { service::ledger(&pool, &who, None).await.unwrap() }
    };
    assert_eq!(names(&ledger(c.county_regulator.clone()).await), ["企业2", "企业1"]);
    assert_eq!(names(&ledger(c.fanzhuang_regulator.clone()).await), ["企业1"]);
    assert_eq!(names(&ledger(c.shahe_regulator.clone()).await), ["企业2"]);
    // The features' regulator reads follow the same tree (jurisdictions_under).
    let seen = crate::org::service::enterprises_in_jurisdiction(&pool, &c.county_regulator)
        .await
        .unwrap();
    assert_eq!(seen.len(), 2);
    let seen = crate::org::service::enterprises_in_jurisdiction(&pool, &c.fanzhuang_regulator)
        .await
        .unwrap();
    assert_eq!(seen.iter().map(|e| e.id).collect::<Vec<_>>(), [c.e1]);
    // Another township's node, ledger and entries are not found, not refused.
    let shahe = Some(c.shahe);
    assert_eq!(
        service::tree(&pool, &c.fanzhuang_regulator, shahe).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::ledger(&pool, &c.fanzhuang_regulator, shahe).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        service::entry(&pool, &c.fanzhuang_regulator, c.e2).await.map(|e| e.id),
        Err(AppError::NotFound)
    );
    assert_eq!(service::entry(&pool, &c.county_regulator, c.e2).await.unwrap().id, c.e2);
    // The county regulator's tree starts at the county; the way down shows both townships.
    let tree = service::tree(&pool, &c.county_regulator, None).await.unwrap();
    assert_eq!(tree.node.as_ref().map(|n| n.enterprises), Some(2));
    assert_eq!(tree.children.len(), 2);
    assert!(!tree.may_edit, "a regulator's own node is the level above's to edit");
    let below = service::tree(&pool, &c.county_regulator, Some(c.fanzhuang)).await.unwrap();
    assert!(below.may_edit);
    assert_eq!(below.ancestors.iter().map(|n| n.id).collect::<Vec<_>>(), [c.county]);
    // Enterprise people have no part in it.
    let admin = testing::user(&pool, c.e1, Role::EnterpriseAdmin, "13500000009").await;
    assert_eq!(service::ledger(&pool, &admin, None).await, Err(AppError::Forbidden));
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn moving_an_enterprise_takes_effect_at_once_for_both_townships(pool: PgPool) {
    let c = county(&pool).await;
    let entry = service::entry(&pool, &c.county_regulator, c.e1).await.unwrap();
    let mut form = LedgerForm {
        credit_code: entry.entry.credit_code.clone(),
        name: entry.entry.name.clone(),
        login_code: entry.entry.login_code.clone(),
        township_id: c.shahe.to_string(),
        industry: "machinery".into(),
        focus_risks: vec!["confined_space".into()],
        active: Some("on".into()),
        ..Default::default()
    };
    // A township regulator cannot move it out of reach into another township.
    assert!(matches!(
        service::update_enterprise(&pool, &c.fanzhuang_regulator, Uuid::now_v7(), c.e1, entry.version, &form).await,
        Err(AppError::Invalid { field, .. }) if field == CountyField::Township
    ));
    service::update_enterprise(&pool, &c.county_regulator, Uuid::now_v7(), c.e1, entry.version, &form)
        .await
        .unwrap();
    let ledger = |who: SessionUser| {
        let pool = pool.clone();
        async move { service::ledger(&pool, &who, None).await.unwrap() }
    };
    assert!(ledger(c.fanzhuang_regulator.clone()).await.is_empty());
    assert_eq!(names(&ledger(c.shahe_regulator.clone()).await), ["企业1", "企业2"]);
    let moved: serde_json::Value = sqlx::query_scalar(
        "select detail->'moved' from audit_log where action = 'county.enterprise_update'
           and enterprise_id = $1",
    )
    .bind(c.e1)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(moved["from"], c.fanzhuang.to_string());
    assert_eq!(moved["to"], c.shahe.to_string());
    // The same form again, as of the old version: stale; as of the new one: nothing changes.
    assert!(matches!(
        service::update_enterprise(&pool, &c.county_regulator, Uuid::now_v7(), c.e1, entry.version, &form).await,
        Err(AppError::Invalid { problem: Problem::Stale, .. })
    ));
    form.name = "企业1".into();
    service::update_enterprise(&pool, &c.county_regulator, Uuid::now_v7(), c.e1, entry.version + 1, &form)
        .await
        .unwrap();
    assert_eq!(testing::audit_rows(&pool, "county.enterprise_update").await, 1);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_regulator_keeps_only_the_levels_below_their_own(pool: PgPool) {
    let c = county(&pool).await;
    let township = &c.fanzhuang_regulator;
    let form = |parent: Option<Uuid>, name: &str, level: &str| NodeForm {
        parent_id: parent.map(|p| p.to_string()).unwrap_or_default(),
        name: name.into(),
        level: level.into(),
    };
    let make = |who: SessionUser, f: NodeForm| {
        let pool = pool.clone();
        async move { service::create_node(&pool, &who, Uuid::now_v7(), &f).await }
    };
    // No root, nothing in another township, no level that does not fit.
    assert_eq!(make(township.clone(), form(None, "新县", "county")).await, Err(AppError::Forbidden));
    assert_eq!(
        make(township.clone(), form(Some(c.shahe), "园区", "park")).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        make(township.clone(), form(Some(c.fanzhuang), "某镇", "township")).await,
        Err(AppError::invalid(CountyField::Level, Problem::Invalid))
    );
    let park = make(township.clone(), form(Some(c.fanzhuang), "范庄工业园", "park")).await.unwrap();
    assert_eq!(
        make(township.clone(), form(Some(c.fanzhuang), "范庄工业园", "park")).await,
        Err(AppError::invalid(CountyField::NodeName, Problem::Taken))
    );
    // Its own node is renamed by the county, a node below it by itself.
    let rename = |who: SessionUser, id: Uuid, name: &str| {
        let pool = pool.clone();
        let f = RenameForm { name: name.into() };
        async move { service::rename_node(&pool, &who, Uuid::now_v7(), id, &f).await }
    };
    assert_eq!(rename(township.clone(), c.fanzhuang, "范庄").await, Err(AppError::Forbidden));
    rename(township.clone(), park, "范庄经济开发区").await.unwrap();
    rename(c.county_regulator.clone(), c.fanzhuang, "范庄").await.unwrap();
    // Regulators of a node are named from above it.
    let f = RegulatorForm {
        node_id: c.fanzhuang.to_string(),
        name: "新人".into(),
        mobile: "13500000020".into(),
        password: "first-pass-1".into(),
    };
    assert_eq!(
        service::create_regulator(&pool, township, Uuid::now_v7(), &f).await,
        Err(AppError::Forbidden)
    );
    assert!(service::create_regulator(&pool, &c.county_regulator, Uuid::now_v7(), &f).await.is_ok());
    // The database keeps the tree whatever the app asks: a child above its parent is refused.
    let bad = sqlx::query("insert into jurisdictions (id, parent_id, name, level) values ($1, $2, 'x', 'city')")
        .bind(Uuid::now_v7())
        .bind(c.fanzhuang)
        .execute(&pool)
        .await;
    assert!(bad.is_err());
    assert_eq!(testing::audit_rows(&pool, "county.node_create").await, 4);
    assert_eq!(testing::audit_rows(&pool, "county.node_rename").await, 2);
    let _ = c.operator;
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_credit_code_is_valid_and_unique_and_a_retry_creates_nothing_new(pool: PgPool) {
    let c = county(&pool).await;
    let create = |f: NewEnterpriseForm, client_id: Uuid| {
        let pool = pool.clone();
        let op = c.operator.clone();
        async move { service::create_enterprise(&pool, &op, client_id, &f).await }
    };
    let problem = |r: Result<Uuid, AppError>| match r {
        Err(AppError::Invalid { field, problem }) => Some((field, problem)),
        _ => None,
    };
    let mut f = enterprise_form(3, c.fanzhuang);
    let good = f.ledger.credit_code.clone();
    // A wrong check character, a wrong length.
    let last = if good.ends_with('0') { '1' } else { '0' };
    f.ledger.credit_code = format!("{}{last}", &good[..17]);
    assert_eq!(
        problem(create(f.clone(), Uuid::now_v7()).await),
        Some((CountyField::CreditCode.into(), Problem::CheckCharacter))
    );
    f.ledger.credit_code = good[..17].into();
    assert_eq!(
        problem(create(f.clone(), Uuid::now_v7()).await),
        Some((CountyField::CreditCode.into(), Problem::TooShort { min: 18 }))
    );
    // Lower case, with spaces: kept as the code.
    f.ledger.credit_code = format!(" {} {} ", good[..9].to_lowercase(), &good[9..]);
    let client = Uuid::now_v7();
    let id = create(f.clone(), client).await.unwrap();
    let kept: String = sqlx::query_scalar("select credit_code from enterprises where id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(kept, good);
    // The same submission again: the same enterprise, nothing new.
    assert_eq!(create(f.clone(), client).await, Ok(id));
    // The same code in another submission: taken.
    f.admin_mobile = "13900009999".into();
    assert_eq!(
        problem(create(f.clone(), Uuid::now_v7()).await),
        Some((CountyField::CreditCode.into(), Problem::Taken))
    );
    assert_eq!(testing::count(&pool, "select count(*) from enterprises").await, 3);
    // Its first admin signs in with the first password and must change it.
    let (role, must): (String, bool) = sqlx::query_as(
        "select role, must_change_password from users where enterprise_id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((role.as_str(), must), ("enterprise_admin", true));
    let rows = service::ledger(&pool, &c.fanzhuang_regulator, None).await.unwrap();
    let new = rows.iter().find(|r| r.id == id).unwrap();
    assert!(!new.no_admin && new.no_principal && new.never_signed_in);
    let _ = (c.county, c.e1, c.e2);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn the_console_opens_an_operator_who_must_change_the_password(pool: PgPool) {
    let secret = crate::users::console::create_operator(&pool, "13500000100", "平台管理员")
        .await
        .unwrap();
    assert_eq!(secret.len(), 12);
    let (role, must): (String, bool) = sqlx::query_as(
        "select role, must_change_password from users where mobile = '13500000100'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((role.as_str(), must), ("operator", true));
    assert_eq!(testing::audit_rows(&pool, "auth.operator_created").await, 1);
    // A mobile in use is refused; a reset gives a new password, only to an operator.
    assert!(matches!(
        crate::users::console::create_operator(&pool, "13500000100", "又一个").await,
        Err(AppError::Invalid { problem: Problem::Taken, .. })
    ));
    let again = crate::users::console::reset_operator_password(&pool, "13500000100")
        .await
        .unwrap();
    assert_ne!(again, secret);
    let orgs = testing::orgs(&pool).await;
    testing::user(&pool, orgs.a, Role::EnterpriseAdmin, "13500000101").await;
    assert_eq!(
        crate::users::console::reset_operator_password(&pool, "13500000101").await,
        Err(AppError::NotFound)
    );
    assert_eq!(testing::audit_rows(&pool, "auth.console_password_reset").await, 1);
    // The operator reaches the whole tree; nobody else reaches it from an enterprise.
    let operator = testing::user(&pool, Uuid::nil(), Role::Operator, "13500000102").await;
    assert_eq!(Reach::of(&operator), Ok(Reach::All));
}
