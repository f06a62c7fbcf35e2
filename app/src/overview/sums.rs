//! The overview's rows summed by the database: the ledger's facts of every enterprise under
//! the node (`enterprise_facts_under`, county's published read) with its kept figures, one
//! row per child node and per enterprise directly at the node. A county's view so sends 20
//! rows, not 3,000 (read into the server one by one, they took 50 ms). The figures of an
//! enterprise are the same as a list's row of it (`service::facts_figures` with
//! `kept::Measured::apply`); `tests.rs` holds the two to each other.

use super::{
    kept::{self, n, Measured},
    Figures, WATCHED,
};
use crate::county::{FocusRisk, StandardGrade};
use sqlx::PgPool;
use std::sync::LazyLock;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// One row of sums: a child node of the node asked, or an enterprise directly at it.
pub struct Sum {
    pub id: Uuid,
    pub enterprise: bool,
    /// The enterprise's name (a node's comes from the tree).
    pub name: String,
    pub figures: Figures,
}

#[derive(sqlx::FromRow)]
struct SumRow {
    key: Uuid,
    enterprise: bool,
    name: String,
    enterprises: i32,
    active: i32,
    with_admin: i32,
    signed_in: i32,
    watched: i32,
    by_risk: Vec<i32>,
    major_hazard_source: i32,
    grades: Vec<i32>,
    #[sqlx(flatten)]
    measured: Measured,
    /// The enterprises whose figures neither were kept nor came fresh, with their versions.
    missing: Option<Vec<Uuid>>,
    missing_versions: Option<Vec<i32>>,
}

static SQL: LazyLock<String> = LazyLock::new(|| {
    let count = |condition: String| format!("(count(*) filter (where {condition}))::int");
    let risks: Vec<String> = FocusRisk::ALL
        .iter()
        .map(|r| count(format!("e.focus_risks @> array['{}']", r.as_str())))
        .collect();
    let grades: Vec<String> = StandardGrade::ALL
        .iter()
        .map(|g| count(format!("e.standard_grade = '{}'", g.as_str())))
        .chain([count("e.standard_grade is null".into())])
        .collect();
    let fresh: Vec<String> = (0..kept::COLUMNS.len())
        .map(|i| format!("${}::int[]", i + 8))
        .collect();
    let measured: Vec<String> = kept::COLUMNS
        .iter()
        .map(|c| format!("coalesce(sum(coalesce(x.{c}, k.{c})), 0)::int as {c}"))
        .collect();
    // The child of $1 on the enterprise's path (none: the enterprise is at $1 itself).
    let child = "e.path[array_position(e.path, $1) + 1]";
    format!(
        "select coalesce({child}, e.id) as key, bool_and({child} is null) as enterprise,
                min(e.name) as name, count(*)::int as enterprises,
                {active} as active, {with_admin} as with_admin, {signed_in} as signed_in,
                {watched} as watched, array[{risks}] as by_risk,
                {major} as major_hazard_source, array[{grades}] as grades, {measured},
                array_agg(e.id) filter (where x.id is null and k.enterprise_id is null)
                    as missing,
                array_agg(e.version) filter (where x.id is null and k.enterprise_id is null)
                    as missing_versions
         from enterprise_facts_under($1, $2) e
         left join unnest($7::uuid[], {fresh}) as x (id, {columns}) on x.id = e.id
         left join overview_figures k on x.id is null and {serves}
         group by 1
         order by 3",
        active = count("e.active".into()),
        with_admin = count("e.has_admin".into()),
        signed_in = count("e.signed_in".into()),
        watched = count("e.focus_risks && $6::text[]".into()),
        major = count("e.major_hazard_source".into()),
        risks = risks.join(", "),
        grades = grades.join(", "),
        measured = measured.join(",\n"),
        fresh = fresh.join(", "),
        columns = kept::COLUMNS.join(", "),
        serves = kept::SERVES,
    )
});

/// The rows of `node`'s overview over the period (`since`: its first moment, for who signed
/// in) with the figures kept or in `fresh`; and the enterprises whose figures are neither
/// (to be computed, and given again in `fresh`).
pub async fn read(
    pool: &PgPool,
    node: Uuid,
    since: OffsetDateTime,
    (from, to): (Date, Date),
    now: OffsetDateTime,
    fresh: &[(Uuid, Measured)],
) -> Result<(Vec<Sum>, Vec<(Uuid, i32)>), sqlx::Error> {
    let watched: Vec<&str> = WATCHED.iter().map(|r| r.as_str()).collect();
    let ids: Vec<Uuid> = fresh.iter().map(|f| f.0).collect();
    let mut query = sqlx::query_as::<_, SumRow>(&SQL)
        .bind(node)
        .bind(since)
        .bind(from)
        .bind(to)
        .bind(now - kept::MAX_AGE)
        .bind(&watched)
        .bind(&ids);
    for column in Measured::column_arrays(fresh.iter().map(|f| &f.1)) {
        query = query.bind(column);
    }
    let rows = query.fetch_all(pool).await?;
    let mut missing = vec![];
    let sums = rows
        .into_iter()
        .map(|r| {
            let ids = r.missing.unwrap_or_default();
            missing.extend(ids.into_iter().zip(r.missing_versions.unwrap_or_default()));
            let mut figures = Figures {
                enterprises: n(r.enterprises),
                active: n(r.active),
                with_admin: n(r.with_admin),
                signed_in: n(r.signed_in),
                watched: n(r.watched),
                by_risk: r.by_risk.into_iter().map(n).collect(),
                major_hazard_source: n(r.major_hazard_source),
                grades: r.grades.into_iter().map(n).collect(),
                ..Figures::default()
            };
            r.measured.apply(&mut figures);
            Sum {
                id: r.key,
                enterprise: r.enterprise,
                name: r.name,
                figures,
            }
        })
        .collect();
    Ok((sums, missing))
}
