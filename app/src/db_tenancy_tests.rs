//! Tenancy of the schema (issue 22, item 4): every table holding an enterprise's data carries
//! `enterprise_id`, so the schema can be distributed by it and every query can filter by it,
//! and the ids phones make are unique per enterprise, not across all of them. Read from the
//! migrated schema itself, so a table added without `enterprise_id` fails here by name.

use crate::{
    auth::Role,
    error::AppError,
    spaces::{service, SpaceForm},
    testing::{self, count},
};
use sqlx::PgPool;
use uuid::Uuid;

/// The tables of no enterprise, each with why.
const WITHOUT_ENTERPRISE: &[(&str, &str)] = &[
    (
        "_sqlx_migrations",
        "sqlx's record of the applied migrations",
    ),
    (
        "jurisdictions",
        "the townships regulators belong to; above every enterprise",
    ),
    ("enterprises", "the tenants themselves: their id is the key"),
    (
        "roster_imports",
        "a county's roster file, uploaded by the operator or a regulator: its rows name many \
         enterprises, some not in the ledger yet (county::roster)",
    ),
    (
        "spot_draws",
        "a county's 抽查 draw: its seed and rule span the enterprises of every township under \
         the node; each pick (spot_picks) carries its enterprise (visits)",
    ),
    (
        "login_attempts",
        "failed sign-ins counted per typed account key before anyone is known, for accounts \
         that do not exist too (auth::server::attempts)",
    ),
];

/// The `enterprise_id` columns that may be null, each with why.
const NULLABLE_ENTERPRISE: &[(&str, &str)] = &[
    (
        "users",
        "a regulator belongs to a jurisdiction, not to an enterprise",
    ),
    (
        "sessions",
        "a regulator's sign-in session, like its person, has no enterprise",
    ),
    (
        "audit_log",
        "a regulator's account events (sign-in, password) are of no enterprise",
    ),
];

fn names(list: &[(&str, &str)]) -> Vec<String> {
    let mut names: Vec<String> = list.iter().map(|(t, _)| t.to_string()).collect();
    names.sort();
    names
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_table_but_the_listed_ones_carries_enterprise_id(pool: PgPool) {
    let without: Vec<String> = sqlx::query_scalar(
        "select t.table_name::text from information_schema.tables t
         where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
           and not exists (select 1 from information_schema.columns c
                           where c.table_schema = t.table_schema
                             and c.table_name = t.table_name
                             and c.column_name = 'enterprise_id')
         order by 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let allowed = names(WITHOUT_ENTERPRISE);
    let missing: Vec<&String> = without.iter().filter(|t| !allowed.contains(t)).collect();
    assert!(
        missing.is_empty(),
        "tables without enterprise_id (add it, filled from the parent row, or list the table \
         in WITHOUT_ENTERPRISE with why it holds no enterprise's data): {missing:?}"
    );
    // The list stays true: each listed table exists and still has no enterprise_id.
    assert_eq!(
        without, allowed,
        "WITHOUT_ENTERPRISE names a table that has one now"
    );
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_enterprise_id_but_the_listed_ones_is_not_null(pool: PgPool) {
    let nullable: Vec<String> = sqlx::query_scalar(
        "select c.table_name::text from information_schema.columns c
         join information_schema.tables t
           on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
           and c.column_name = 'enterprise_id' and c.is_nullable = 'YES'
         order by 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        nullable,
        names(NULLABLE_ENTERPRISE),
        "nullable enterprise_id columns (set not null, or list the table in \
         NULLABLE_ENTERPRISE with why)"
    );
}

/// Every unique key over a `*client_id` column is per enterprise, and named so that a reuse
/// reads as `ClientIdReused` (error.rs matches names ending in `client_id_key`).
#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_unique_client_id_is_per_enterprise(pool: PgPool) {
    let keys: Vec<(String, String, Vec<String>)> = sqlx::query_as(
        "select t.relname::text, i.relname::text,
                array_agg(a.attname::text order by a.attnum)
         from pg_index x
         join pg_class i on i.oid = x.indexrelid
         join pg_class t on t.oid = x.indrelid
         join pg_namespace n on n.oid = t.relnamespace
         join pg_attribute a on a.attrelid = t.oid and a.attnum = any(x.indkey)
         where n.nspname = 'public' and x.indisunique
         group by 1, 2
         having bool_or(a.attname like '%client_id')
         order by 1, 2",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(keys.len() >= 17, "{keys:?}");
    for (table, key, columns) in &keys {
        assert!(
            columns.iter().any(|c| c == "enterprise_id"),
            "{table}.{key} is unique across enterprises: {columns:?}"
        );
        // The import's claim is a primary key, answered by `on conflict` (users::db).
        if table != "user_imports" {
            assert!(key.ends_with("client_id_key"), "{table}.{key}");
        }
    }
}

fn form(code: &str) -> SpaceForm {
    SpaceForm {
        code: code.into(),
        name: "1号污水池".into(),
        location: "污水处理站".into(),
        space_type: "pit".into(),
        ..SpaceForm::default()
    }
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn two_enterprises_may_use_one_client_id_and_one_may_not_reuse_it(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer_a = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000201").await;
    let officer_b = testing::user(&pool, orgs.b, Role::SafetyOfficer, "13500000202").await;
    let id = Uuid::now_v7();
    let a = service::create(&pool, &officer_a, id, &form("YX-01"))
        .await
        .unwrap();
    let b = service::create(&pool, &officer_b, id, &form("YX-01"))
        .await
        .unwrap();
    assert_ne!(a.id, b.id);
    let stored: Vec<Uuid> = sqlx::query_scalar(
        "select enterprise_id from confined_spaces where client_id = $1 order by enterprise_id",
    )
    .bind(id)
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut both = vec![orgs.a, orgs.b];
    both.sort();
    assert_eq!(stored, both);
    // Within one enterprise: a retry answers the first space, another form is refused.
    let again = service::create(&pool, &officer_b, id, &form("YX-01"))
        .await
        .unwrap();
    assert_eq!(again.id, b.id);
    assert_eq!(
        service::create(&pool, &officer_b, id, &form("YX-02")).await,
        Err(AppError::ClientIdReused)
    );
    assert_eq!(
        count(&pool, "select count(*) from confined_spaces").await,
        2
    );
    // A row written past the step with an id its enterprise used hits the per-enterprise
    // key, which reads as a reuse too.
    let err = sqlx::query(
        "insert into confined_spaces (id, enterprise_id, code, name, space_type, client_id,
            created_by)
         values ($1, $2, 'YX-03', '池', 'pit', $3, $4)",
    )
    .bind(Uuid::now_v7())
    .bind(orgs.a)
    .bind(id)
    .bind(officer_a.id)
    .execute(&pool)
    .await
    .unwrap_err();
    assert_eq!(AppError::from(err), AppError::ClientIdReused);
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn a_child_row_cannot_name_another_enterprise_than_its_parent(pool: PgPool) {
    let orgs = testing::orgs(&pool).await;
    let officer = testing::user(&pool, orgs.a, Role::SafetyOfficer, "13500000211").await;
    let space = service::create(&pool, &officer, Uuid::now_v7(), &form("YX-11"))
        .await
        .unwrap();
    // The space's history row was written with its enterprise.
    assert_eq!(
        count(
            &pool,
            &format!(
                "select count(*) from confined_space_versions
                 where space_id = '{}' and enterprise_id = '{}'",
                space.id, orgs.a
            )
        )
        .await,
        1
    );
    let err = sqlx::query(
        "insert into confined_space_versions (enterprise_id, space_id, version, snapshot,
            edited_by)
         values ($1, $2, 2, '{}', $3)",
    )
    .bind(orgs.b)
    .bind(space.id)
    .bind(officer.id)
    .execute(&pool)
    .await
    .unwrap_err();
    assert_eq!(
        err.as_database_error().and_then(|e| e.constraint()),
        Some("confined_space_versions_space_fkey")
    );
}
