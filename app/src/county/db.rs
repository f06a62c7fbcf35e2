//! county's SQL: the tree (a node's path of ids from its root, `jurisdictions.path`), the
//! regulators of a node and the ledger entries under one.

use super::{
    FocusRisk, Industry, LedgerEntry, LedgerRow, Level, NodeView, RegulatorView, StandardGrade,
};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// A node with its place in the tree.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Node {
    pub id: Uuid,
    pub name: String,
    pub level: Level,
    pub parent_id: Option<Uuid>,
    /// Ids from its root to itself.
    pub path: Vec<Uuid>,
}

pub async fn node(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<Node>, sqlx::Error> {
    sqlx::query_as("select id, name, level, parent_id, path from jurisdictions where id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The nodes of `ids` (a path), in the path's order, each with its enterprises.
pub async fn nodes_of_path(
    db: impl PgExecutor<'_>,
    ids: &[Uuid],
) -> Result<Vec<NodeView>, sqlx::Error> {
    sqlx::query_as(
        "select j.id, j.name, j.level, (select count(*) from enterprises e
                where e.jurisdiction_id in (select * from jurisdictions_under(j.id))) as enterprises
         from unnest($1::uuid[]) with ordinality p(id, n) join jurisdictions j on j.id = p.id
         order by p.n",
    )
    .bind(ids)
    .fetch_all(db)
    .await
}

/// The children of `parent` (the roots when none), each with the enterprises at or under it,
/// counted in one pass over the enterprises.
pub async fn children(
    db: impl PgExecutor<'_>,
    parent: Option<Uuid>,
) -> Result<Vec<NodeView>, sqlx::Error> {
    sqlx::query_as(
        "select c.id, c.name, c.level, count(e.id) as enterprises
         from jurisdictions c
         left join jurisdictions d on d.path @> array[c.id]
         left join enterprises e on e.jurisdiction_id = d.id
         where c.parent_id is not distinct from $1
         group by c.id order by c.name",
    )
    .bind(parent)
    .fetch_all(db)
    .await
}

/// Inserts a node; the database makes its path and refuses a level that does not sit below
/// its parent's. A sibling with the same name fails on `jurisdictions_name_key`.
pub async fn insert_node(
    conn: &mut PgConnection,
    id: Uuid,
    parent: Option<Uuid>,
    name: &str,
    level: Level,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into jurisdictions (id, parent_id, name, level) values ($1, $2, $3, $4)")
        .bind(id)
        .bind(parent)
        .bind(name)
        .bind(level)
        .execute(conn)
        .await?;
    Ok(())
}

/// Renames a node; returns the name it had.
pub async fn rename_node(
    conn: &mut PgConnection,
    id: Uuid,
    name: &str,
) -> Result<String, sqlx::Error> {
    let before: String =
        sqlx::query_scalar("select name from jurisdictions where id = $1 for update")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    sqlx::query("update jurisdictions set name = $2, updated_at = now() where id = $1")
        .bind(id)
        .bind(name)
        .execute(conn)
        .await?;
    Ok(before)
}

/// The regulators of `node` and of the nodes under it.
pub async fn regulators_under(
    db: impl PgExecutor<'_>,
    node: Uuid,
) -> Result<Vec<RegulatorView>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.name, coalesce(u.mobile, '') as mobile, j.name as node_name, u.active
         from users u join jurisdictions j on j.id = u.jurisdiction_id
         where u.role = 'regulator' and j.path @> array[$1::uuid]
         order by cardinality(j.path), j.name, u.name",
    )
    .bind(node)
    .fetch_all(db)
    .await
}

/// The nodes under `top` (all when none) an enterprise may belong to: townships and parks,
/// and counties (an enterprise the county keeps itself).
pub async fn enterprise_nodes(
    db: impl PgExecutor<'_>,
    top: Option<Uuid>,
) -> Result<Vec<NodeView>, sqlx::Error> {
    sqlx::query_as(
        "select j.id, j.name, j.level, 0::bigint as enterprises from jurisdictions j
         where ($1::uuid is null or j.path @> array[$1]) and j.level in ('county', 'township', 'park')
         order by j.path",
    )
    .bind(top)
    .fetch_all(db)
    .await
}

/// The ledger under `top` (everything when none), with what each entry lacks: an admin, a
/// principal, anyone ever signed in. One query, the lacks as aggregates over the people.
pub async fn ledger_under(
    db: impl PgExecutor<'_>,
    top: Option<Uuid>,
) -> Result<Vec<LedgerRow>, sqlx::Error> {
    sqlx::query_as(
        "select e.id, e.name, e.credit_code, j.name as township, e.industry, e.focus_risks,
                e.active,
                not coalesce(bool_or(u.role = 'enterprise_admin' and u.active), false) as no_admin,
                e.principal_id is null and e.principal_name = '' as no_principal,
                not coalesce(bool_or(u.last_login_at is not null), false) as never_signed_in
         from enterprises e
         join jurisdictions j on j.id = e.jurisdiction_id
         left join users u on u.enterprise_id = e.id
         where $1::uuid is null or j.path @> array[$1]
         group by e.id, j.name
         order by j.name, e.name",
    )
    .bind(top)
    .fetch_all(db)
    .await
}

/// What the regulators' figures take of each enterprise at or under `node`.
pub async fn facts_under(
    db: impl PgExecutor<'_>,
    node: Uuid,
    signed_in_since: time::OffsetDateTime,
) -> Result<Vec<super::service::EnterpriseFacts>, sqlx::Error> {
    // The function is published for the overview's sums too (its migration, 20261217).
    sqlx::query_as("select * from enterprise_facts_under($1, $2) order by place, name, id")
    .bind(node)
    .bind(signed_in_since)
    .fetch_all(db)
    .await
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    credit_code: Option<String>,
    name: String,
    code: String,
    address: String,
    jurisdiction_id: Uuid,
    industry: Option<Industry>,
    above_scale: bool,
    small_micro: bool,
    focus_risks: Vec<FocusRisk>,
    major_hazard_source: bool,
    standard_grade: Option<StandardGrade>,
    standard_date: Option<time::Date>,
    principal_name: String,
    contact_mobile: String,
    active: bool,
    version: i32,
}

/// The entry's columns, of `enterprises e` (jurisdictions, joined beside it, has a name too).
const ENTRY_COLUMNS: &str = "e.credit_code, e.name, e.code, e.address, e.jurisdiction_id,
    e.industry, e.above_scale, e.small_micro, e.focus_risks, e.major_hazard_source,
    e.standard_grade, e.standard_date, e.principal_name, e.contact_mobile, e.active, e.version";

impl EntryRow {
    fn into_entry(self) -> (LedgerEntry, i32) {
        let entry = LedgerEntry {
            credit_code: self.credit_code.unwrap_or_default(),
            name: self.name,
            login_code: self.code,
            address: self.address,
            township_id: self.jurisdiction_id,
            industry: self.industry,
            above_scale: self.above_scale,
            small_micro: self.small_micro,
            focus_risks: self.focus_risks,
            major_hazard_source: self.major_hazard_source,
            standard_grade: self.standard_grade,
            standard_date: self.standard_date,
            principal_name: self.principal_name,
            contact_mobile: self.contact_mobile,
            active: self.active,
        };
        (entry, self.version)
    }
}

#[derive(sqlx::FromRow)]
struct EntryRowWithPath {
    id: Uuid,
    #[sqlx(flatten)]
    entry: EntryRow,
    path: Vec<Uuid>,
}

/// An enterprise known to the ledger: id, entry, version and its node's path (for the reach
/// check).
pub type Known = (Uuid, LedgerEntry, i32, Vec<Uuid>);

fn known(r: EntryRowWithPath) -> Known {
    let (entry, version) = r.entry.into_entry();
    (r.id, entry, version, r.path)
}

fn entry_sql(filter: &str) -> String {
    format!(
        "select e.id, {ENTRY_COLUMNS}, j.path from enterprises e
         join jurisdictions j on j.id = e.jurisdiction_id where {filter}"
    )
}

/// An enterprise's entry and version, with the path of its node (for the reach check).
/// The path of the node an enterprise is under (none: no such enterprise).
pub async fn enterprise_path(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> Result<Option<Vec<Uuid>>, sqlx::Error> {
    sqlx::query_scalar(
        "select j.path from enterprises e join jurisdictions j on j.id = e.jurisdiction_id
         where e.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn entry(
    db: impl PgExecutor<'_>,
    id: Uuid,
    lock: bool,
) -> Result<Option<(LedgerEntry, i32, Vec<Uuid>)>, sqlx::Error> {
    let lock = if lock { " for update of e" } else { "" };
    let found: Option<EntryRowWithPath> = sqlx::query_as(&entry_sql(&format!("e.id = $1{lock}")))
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(found.map(known).map(|(_, e, v, p)| (e, v, p)))
}

/// The enterprises of these credit codes (a roster's), locked for the import's step.
pub async fn entries_with_codes(
    db: impl PgExecutor<'_>,
    codes: &[String],
) -> Result<Vec<Known>, sqlx::Error> {
    let rows: Vec<EntryRowWithPath> =
        sqlx::query_as(&entry_sql("e.credit_code = any($1) for update of e"))
            .bind(codes)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(known).collect())
}

/// Which of these login codes (upper case) an enterprise has, and whose.
pub async fn login_codes_taken(
    db: impl PgExecutor<'_>,
    codes: &[String],
) -> Result<Vec<(String, Uuid)>, sqlx::Error> {
    sqlx::query_as("select upper(code), id from enterprises where upper(code) = any($1)")
        .bind(codes)
        .fetch_all(db)
        .await
}

/// Which of these mobile numbers someone signs in with already.
pub async fn mobiles_taken(
    db: impl PgExecutor<'_>,
    mobiles: &[String],
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("select mobile from users where mobile = any($1)")
        .bind(mobiles)
        .fetch_all(db)
        .await
}

/// The ledger under `top` (all when none) for the export: each entry with its node's name
/// and its first active admin's name and mobile.
pub async fn export_rows(
    db: impl PgExecutor<'_>,
    top: Option<Uuid>,
) -> Result<Vec<(LedgerEntry, String, String, String)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        entry: EntryRow,
        township: String,
        admin_name: String,
        admin_mobile: String,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "select {ENTRY_COLUMNS}, j.name as township,
                coalesce(a.name, '') as admin_name, coalesce(a.mobile, '') as admin_mobile
         from enterprises e join jurisdictions j on j.id = e.jurisdiction_id
         left join lateral (select name, mobile from users u
                            where u.enterprise_id = e.id and u.role = 'enterprise_admin'
                              and u.active order by u.created_at, u.id limit 1) a on true
         where $1::uuid is null or j.path @> array[$1]
         order by j.name, e.name"
    ))
    .bind(top)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.entry.into_entry().0, r.township, r.admin_name, r.admin_mobile))
        .collect())
}

/// A stored roster file: who uploaded it, from which node, its name, rows and whether it was
/// applied.
#[derive(sqlx::FromRow)]
pub struct RosterImport {
    pub actor_id: Uuid,
    pub file_name: String,
    pub rows: sqlx::types::Json<Vec<super::roster::RosterRow>>,
    pub applied_at: Option<time::OffsetDateTime>,
}

pub async fn insert_roster(
    conn: &mut PgConnection,
    id: Uuid,
    actor_id: Uuid,
    top: Option<Uuid>,
    file_name: &str,
    rows: &[super::roster::RosterRow],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into roster_imports (id, actor_id, top_node, file_name, rows)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(actor_id)
    .bind(top)
    .bind(file_name)
    .bind(sqlx::types::Json(rows))
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn roster(
    db: impl PgExecutor<'_>,
    id: Uuid,
    lock: bool,
) -> Result<Option<RosterImport>, sqlx::Error> {
    let lock = if lock { " for update" } else { "" };
    sqlx::query_as(&format!(
        "select actor_id, file_name, rows, applied_at from roster_imports where id = $1{lock}"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn mark_roster_applied(conn: &mut PgConnection, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query("update roster_imports set applied_at = now() where id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Inserts an enterprise's entry. The credit code and the login code are unique
/// (`enterprises_credit_code_key`, `enterprises_code_key`).
pub async fn insert_enterprise(
    conn: &mut PgConnection,
    id: Uuid,
    e: &LedgerEntry,
) -> Result<(), sqlx::Error> {
    let sql = "insert into enterprises (id, credit_code, name, code, address, jurisdiction_id,
            industry, above_scale, small_micro, focus_risks, major_hazard_source, standard_grade,
            standard_date, principal_name, contact_mobile, active)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";
    write_entry(conn, sql, id, e).await
}

/// Writes an enterprise's entry and bumps its version.
pub async fn update_enterprise(
    conn: &mut PgConnection,
    id: Uuid,
    e: &LedgerEntry,
) -> Result<(), sqlx::Error> {
    let sql = "update enterprises set credit_code = $2, name = $3, code = $4, address = $5,
            jurisdiction_id = $6, industry = $7, above_scale = $8, small_micro = $9,
            focus_risks = $10, major_hazard_source = $11, standard_grade = $12,
            standard_date = $13, principal_name = $14, contact_mobile = $15, active = $16,
            version = version + 1, updated_at = now()
         where id = $1";
    write_entry(conn, sql, id, e).await
}

/// Runs `sql` with the enterprise's id as $1 and its entry as $2–$16, in the columns' order
/// of `insert_enterprise`.
async fn write_entry(
    conn: &mut PgConnection,
    sql: &str,
    id: Uuid,
    e: &LedgerEntry,
) -> Result<(), sqlx::Error> {
    sqlx::query(sql)
        .bind(id)
        .bind(&e.credit_code)
        .bind(&e.name)
        .bind(&e.login_code)
        .bind(&e.address)
        .bind(e.township_id)
        .bind(e.industry)
        .bind(e.above_scale)
        .bind(e.small_micro)
        .bind(&e.focus_risks)
        .bind(e.major_hazard_source)
        .bind(e.standard_grade)
        .bind(e.standard_date)
        .bind(&e.principal_name)
        .bind(&e.contact_mobile)
        .bind(e.active)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether another enterprise than `except` has this credit code (asked first, so a taken
/// code is named as such rather than as the login code made from it).
pub async fn credit_code_taken(
    db: impl PgExecutor<'_>,
    code: &str,
    except: Option<Uuid>,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from enterprises
                        where credit_code = $1 and id is distinct from $2)",
    )
    .bind(code)
    .bind(except)
    .fetch_one(db)
    .await
}

/// The focus risks of these enterprises' ledger entries.
pub async fn focus_risks(
    db: impl PgExecutor<'_>,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, Vec<FocusRisk>)>, sqlx::Error> {
    sqlx::query_as("select id, focus_risks from enterprises where id = any($1)")
        .bind(ids)
        .fetch_all(db)
        .await
}

/// The field a person can fix when a unique index refused the write.
pub fn taken_field(err: &sqlx::Error) -> Option<super::CountyField> {
    match err.as_database_error()?.constraint()? {
        "enterprises_credit_code_key" => Some(super::CountyField::CreditCode),
        "enterprises_code_key" => Some(super::CountyField::LoginCode),
        "jurisdictions_name_key" => Some(super::CountyField::NodeName),
        _ => None,
    }
}
