//! SQL of patrol points and checklists (schedules: `schedule_db`). Every query names the
//! enterprise.

use super::{
    model::{ItemInput, PointInput},
    Checklist, ChecklistItem, ChecklistKind, ChecklistSummary, Point,
};
use crate::error::{AppError, Problem, ResultExt};
use crate::patrols::PatrolField;
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

fn name_taken() -> AppError {
    AppError::invalid(PatrolField::Name, Problem::Taken)
}

#[derive(sqlx::FromRow)]
struct PointRow {
    id: Uuid,
    name: String,
    area: String,
    equipment: String,
    space_id: Option<Uuid>,
    active: bool,
    version: i32,
    checklists: Vec<Uuid>,
}

impl From<PointRow> for Point {
    fn from(r: PointRow) -> Self {
        Point {
            id: r.id,
            name: r.name,
            area: r.area,
            equipment: r.equipment,
            space_id: r.space_id,
            active: r.active,
            version: r.version,
            checklists: r.checklists,
        }
    }
}

const POINT_SELECT: &str = "select p.id, p.name, p.area, p.equipment, p.space_id, p.active,
        p.version,
        coalesce(array(select c.checklist_id from patrol_point_checklists c
                       where c.point_id = p.id order by c.checklist_id), '{}') as checklists
    from patrol_points p";

pub async fn points(db: impl PgExecutor<'_>, enterprise_id: Uuid) -> Result<Vec<Point>, AppError> {
    let rows: Vec<PointRow> = sqlx::query_as(&format!(
        "{POINT_SELECT} where p.enterprise_id = $1 order by p.active desc, p.name"
    ))
    .bind(enterprise_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Point::from).collect())
}

pub async fn point(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Point, AppError> {
    let row: Option<PointRow> = sqlx::query_as(&format!(
        "{POINT_SELECT} where p.enterprise_id = $1 and p.id = $2"
    ))
    .bind(enterprise_id)
    .bind(id)
    .fetch_optional(db)
    .await?;
    row.map(Point::from).ok_or(AppError::NotFound)
}

/// Checks that the linked space and checklists are the enterprise's own.
async fn check_links(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    input: &PointInput,
) -> Result<(), AppError> {
    if let Some(space) = input.space_id {
        let ours: bool = sqlx::query_scalar(
            "select exists (select 1 from confined_spaces where id = $1 and enterprise_id = $2)",
        )
        .bind(space)
        .bind(enterprise_id)
        .fetch_one(&mut *conn)
        .await?;
        if !ours {
            return Err(AppError::invalid(PatrolField::Space, Problem::Invalid));
        }
    }
    let found: i64 = sqlx::query_scalar(
        "select count(*) from checklists where enterprise_id = $1 and id = any($2)",
    )
    .bind(enterprise_id)
    .bind(&input.checklists)
    .fetch_one(&mut *conn)
    .await?;
    if found as usize != input.checklists.len() {
        return Err(AppError::invalid(PatrolField::Checklist, Problem::Invalid));
    }
    Ok(())
}

async fn set_checklists(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    point_id: Uuid,
    checklists: &[Uuid],
) -> Result<(), AppError> {
    sqlx::query("delete from patrol_point_checklists where point_id = $1")
        .bind(point_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "insert into patrol_point_checklists (point_id, enterprise_id, checklist_id)
         select $1, $2, unnest($3::uuid[])",
    )
    .bind(point_id)
    .bind(enterprise_id)
    .bind(checklists)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn insert_point(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    created_by: Uuid,
    client_id: Uuid,
    input: &PointInput,
) -> Result<Uuid, AppError> {
    check_links(conn, enterprise_id, input).await?;
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into patrol_points (id, enterprise_id, name, area, equipment, space_id,
            client_id, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(&input.name)
    .bind(&input.area)
    .bind(&input.equipment)
    .bind(input.space_id)
    .bind(client_id)
    .bind(created_by)
    .execute(&mut *conn)
    .await
    .on_constraint("patrol_points_name_key", name_taken)?;
    set_checklists(conn, enterprise_id, id, &input.checklists).await?;
    Ok(id)
}

/// Saves an edit made on `expected_version`; false when the point moved on (or is unknown).
pub async fn update_point(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
    expected_version: i32,
    input: &PointInput,
) -> Result<bool, AppError> {
    check_links(conn, enterprise_id, input).await?;
    let done = sqlx::query(
        "update patrol_points set name = $4, area = $5, equipment = $6, space_id = $7,
            version = version + 1, updated_at = now()
         where id = $1 and enterprise_id = $2 and version = $3",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(expected_version)
    .bind(&input.name)
    .bind(&input.area)
    .bind(&input.equipment)
    .bind(input.space_id)
    .execute(&mut *conn)
    .await
    .on_constraint("patrol_points_name_key", name_taken)?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    set_checklists(conn, enterprise_id, id, &input.checklists).await?;
    Ok(true)
}

/// Locks a point of the enterprise (a token regenerated twice at once is issued in turn).
pub async fn lock_point(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Option<bool>, AppError> {
    Ok(sqlx::query_scalar(
        "select active from patrol_points where id = $1 and enterprise_id = $2 for update",
    )
    .bind(id)
    .bind(enterprise_id)
    .fetch_optional(conn)
    .await?)
}

pub async fn insert_checklist(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    created_by: Uuid,
    client_id: Uuid,
    (name, kind, pack): (&str, ChecklistKind, Option<&str>),
) -> Result<Uuid, AppError> {
    let id = Uuid::now_v7();
    sqlx::query(
        "insert into checklists (id, enterprise_id, name, kind, pack, client_id, created_by)
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(name)
    .bind(kind)
    .bind(pack)
    .bind(client_id)
    .bind(created_by)
    .execute(&mut *conn)
    .await
    .on_constraints(|c| match c {
        "checklists_pack_key" => Some(AppError::invalid(PatrolField::Pack, Problem::Taken)),
        "checklists_name_key" => Some(name_taken()),
        _ => None,
    })?;
    Ok(id)
}

/// Stores version `version` of a checklist with its items, in order.
pub async fn insert_version(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    checklist_id: Uuid,
    version: i32,
    created_by: Uuid,
    items: &[ItemInput],
) -> Result<Uuid, AppError> {
    let version_id = Uuid::now_v7();
    sqlx::query(
        "insert into checklist_versions (id, enterprise_id, checklist_id, version, created_by)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(version_id)
    .bind(enterprise_id)
    .bind(checklist_id)
    .bind(version)
    .bind(created_by)
    .execute(&mut *conn)
    .await?;
    for (i, item) in items.iter().enumerate() {
        let item_id = Uuid::now_v7();
        // A new item's key is its first id: unique, and kept by later versions.
        let key = item.key.clone().unwrap_or_else(|| item_id.to_string());
        sqlx::query(
            "insert into checklist_items (id, version_id, position, text, category, basis,
                verified, answer_type, min_value, max_value, unit, photo_on_fail, fail_grade,
                item_key, enterprise_id)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
        )
        .bind(item_id)
        .bind(version_id)
        .bind(i as i32 + 1)
        .bind(&item.text)
        .bind(item.category)
        .bind(&item.basis)
        .bind(item.verified)
        .bind(item.answer_type)
        .bind(item.min_value)
        .bind(item.max_value)
        .bind(&item.unit)
        .bind(item.photo_on_fail)
        .bind(item.fail_grade)
        .bind(key)
        .bind(enterprise_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(version_id)
}

/// Moves a checklist to its next version if it still is at `expected`; false otherwise.
pub async fn bump_version(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
    expected: i32,
    name: &str,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        "update checklists set current_version = current_version + 1, name = $4
         where id = $1 and enterprise_id = $2 and current_version = $3",
    )
    .bind(id)
    .bind(enterprise_id)
    .bind(expected)
    .bind(name)
    .execute(conn)
    .await
    .on_constraint("checklists_name_key", name_taken)?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
struct HeadRow {
    id: Uuid,
    name: String,
    kind: ChecklistKind,
    pack: Option<String>,
    version: i32,
    version_id: Uuid,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: Uuid,
    item_key: String,
    position: i32,
    text: String,
    category: crate::hazards::HazardCategory,
    basis: String,
    verified: bool,
    answer_type: super::AnswerType,
    min_value: Option<f64>,
    max_value: Option<f64>,
    unit: String,
    photo_on_fail: bool,
    fail_grade: crate::hazards::HazardGrade,
}

async fn with_items(conn: &mut PgConnection, head: HeadRow) -> Result<Checklist, AppError> {
    let items: Vec<ItemRow> = sqlx::query_as(
        "select id, item_key, position, text, category, basis, verified, answer_type, min_value,
                max_value, unit, photo_on_fail, fail_grade
         from checklist_items where version_id = $1 order by position",
    )
    .bind(head.version_id)
    .fetch_all(conn)
    .await?;
    Ok(Checklist {
        id: head.id,
        name: head.name,
        kind: head.kind,
        pack: head.pack,
        version: head.version,
        version_id: head.version_id,
        items: items
            .into_iter()
            .map(|r| ChecklistItem {
                id: r.id,
                key: r.item_key,
                position: r.position,
                text: r.text,
                category: r.category,
                basis: r.basis,
                verified: r.verified,
                answer_type: r.answer_type,
                min_value: r.min_value,
                max_value: r.max_value,
                unit: r.unit,
                photo_on_fail: r.photo_on_fail,
                fail_grade: r.fail_grade,
            })
            .collect(),
    })
}

const HEAD: &str = "select c.id, c.name, c.kind, c.pack, v.version, v.id as version_id
    from checklists c join checklist_versions v on v.checklist_id = c.id";

/// A checklist at its current version.
pub async fn checklist(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    id: Uuid,
) -> Result<Checklist, AppError> {
    let head: Option<HeadRow> = sqlx::query_as(&format!(
        "{HEAD} where c.enterprise_id = $1 and c.id = $2 and v.version = c.current_version"
    ))
    .bind(enterprise_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    with_items(conn, head.ok_or(AppError::NotFound)?).await
}

/// A checklist as it was at one version (what a record was filled against).
pub async fn checklist_version(
    conn: &mut PgConnection,
    enterprise_id: Uuid,
    version_id: Uuid,
) -> Result<Checklist, AppError> {
    let head: Option<HeadRow> =
        sqlx::query_as(&format!("{HEAD} where c.enterprise_id = $1 and v.id = $2"))
            .bind(enterprise_id)
            .bind(version_id)
            .fetch_optional(&mut *conn)
            .await?;
    with_items(conn, head.ok_or(AppError::NotFound)?).await
}

pub async fn checklists(
    db: impl PgExecutor<'_>,
    enterprise_id: Uuid,
) -> Result<Vec<ChecklistSummary>, AppError> {
    Ok(
        sqlx::query_as::<_, (Uuid, String, ChecklistKind, Option<String>, i32, i64)>(
            "select c.id, c.name, c.kind, c.pack, c.current_version,
                (select count(*) from checklist_items i where i.version_id = v.id)
         from checklists c
         join checklist_versions v on v.checklist_id = c.id and v.version = c.current_version
         where c.enterprise_id = $1 order by c.kind, c.name",
        )
        .bind(enterprise_id)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(id, name, kind, pack, version, items)| ChecklistSummary {
            id,
            name,
            kind,
            pack,
            version,
            items,
        })
        .collect(),
    )
}
