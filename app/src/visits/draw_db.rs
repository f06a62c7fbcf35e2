//! 抽查's SQL: the candidates, the draw and its picks.

use super::{DrawView, PickView};
use sqlx::{PgConnection, PgExecutor};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// The enterprises at or under `node` visited for guidance from `from` to `to`, each with
/// the path of the node it is at.
pub async fn candidates(
    db: impl PgExecutor<'_>,
    node: Uuid,
    (from, to): (Date, Date),
) -> Result<Vec<(Uuid, Vec<Uuid>)>, sqlx::Error> {
    sqlx::query_as(
        "select e.id, j.path from enterprises e join jurisdictions j on j.id = e.jurisdiction_id
         where e.jurisdiction_id in (select * from jurisdictions_under($1))
           and exists (select 1 from visits v where v.enterprise_id = e.id
                         and v.kind = 'guidance' and v.visited_on between $2 and $3)",
    )
    .bind(node)
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await
}

pub struct NewDraw<'a> {
    pub id: Uuid,
    pub node_id: Uuid,
    pub seed: u64,
    pub per_township: i32,
    pub from: Date,
    pub to: Date,
    pub drawn_by: Uuid,
    pub drawn_at: OffsetDateTime,
    /// (township, enterprise)
    pub picks: &'a [(Uuid, Uuid)],
}

pub async fn insert(conn: &mut PgConnection, d: NewDraw<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into spot_draws (id, node_id, seed, per_township, visited_from, visited_to,
                                 drawn_by, drawn_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(d.id)
    .bind(d.node_id)
    // The seed's 64 bits, kept as they are in a bigint (`seed_text` reads them back).
    .bind(d.seed as i64)
    .bind(d.per_township)
    .bind(d.from)
    .bind(d.to)
    .bind(d.drawn_by)
    .bind(d.drawn_at)
    .execute(&mut *conn)
    .await?;
    let townships: Vec<Uuid> = d.picks.iter().map(|p| p.0).collect();
    let enterprises: Vec<Uuid> = d.picks.iter().map(|p| p.1).collect();
    sqlx::query(
        "insert into spot_picks (enterprise_id, draw_id, township_id)
         select e, $1, t from unnest($2::uuid[], $3::uuid[]) as p(e, t)",
    )
    .bind(d.id)
    .bind(&enterprises)
    .bind(&townships)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct DrawRow {
    pub id: Uuid,
    pub node_id: Uuid,
    pub seed: i64,
    pub per_township: i32,
    pub visited_from: Date,
    pub visited_to: Date,
    pub drawn_by: String,
    pub picks: i64,
    pub checked: i64,
}

impl From<DrawRow> for DrawView {
    fn from(r: DrawRow) -> DrawView {
        DrawView {
            id: r.id,
            seed: (r.seed as u64).to_string(),
            per_township: r.per_township,
            visited_from: r.visited_from.to_string(),
            visited_to: r.visited_to.to_string(),
            drawn_by: r.drawn_by,
            picks: r.picks,
            checked: r.checked,
        }
    }
}

const DRAW: &str = "select d.id, d.node_id, d.seed, d.per_township, d.visited_from, d.visited_to,
        u.name as drawn_by,
        (select count(*) from spot_picks p where p.draw_id = d.id) as picks,
        (select count(*) from spot_picks p where p.draw_id = d.id and p.visit_id is not null)
            as checked
     from spot_draws d join users u on u.id = d.drawn_by";

/// The draws made at or under `node`, latest first.
pub async fn draws_under(db: impl PgExecutor<'_>, node: Uuid) -> Result<Vec<DrawRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{DRAW} where d.node_id in (select * from jurisdictions_under($1))
         order by d.drawn_at desc limit 200"
    ))
    .bind(node)
    .fetch_all(db)
    .await
}

pub async fn draw(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<DrawRow>, sqlx::Error> {
    sqlx::query_as(&format!("{DRAW} where d.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn picks(db: impl PgExecutor<'_>, draw: Uuid) -> Result<Vec<PickView>, sqlx::Error> {
    sqlx::query_as(
        "select p.enterprise_id, e.name as enterprise, j.name as township, p.visit_id
         from spot_picks p join enterprises e on e.id = p.enterprise_id
         join jurisdictions j on j.id = p.township_id
         where p.draw_id = $1 order by j.name, e.name",
    )
    .bind(draw)
    .fetch_all(db)
    .await
}

/// Records `visit` as the check of the draw's pick of `enterprise` (false: no such pick, or
/// it was checked already).
pub async fn check_pick(
    conn: &mut PgConnection,
    draw: Uuid,
    enterprise: Uuid,
    visit: Uuid,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update spot_picks set visit_id = $3
         where draw_id = $1 and enterprise_id = $2 and visit_id is null",
    )
    .bind(draw)
    .bind(enterprise)
    .bind(visit)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether `node` is at or under `top` (a draw's node, the regulator's).
pub async fn under(db: impl PgExecutor<'_>, node: Uuid, top: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select $1 in (select * from jurisdictions_under($2))")
        .bind(node)
        .bind(top)
        .fetch_one(db)
        .await
}
