//! The dry run: what the import would do with each row, as the ledger stands now. A row is
//! new (its credit code is not in the ledger), changed, unchanged, or refused with the field
//! and the reason; the import applies exactly the rows this plan accepts.

use super::{
    columns::{grade_of, industry_of, risk_of, yes_no, Column, COLUMNS},
    RosterRow, RowOutcome, RowResult,
};
use crate::{
    county::{db, service::Reach, CountyField, LedgerEntry, LedgerForm},
    error::{AnyField, AppError, Problem},
    users::accounts,
};
use sqlx::PgConnection;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A new enterprise and its first admin (name, mobile), when the row names one.
pub struct Creation {
    pub line: u32,
    pub entry: LedgerEntry,
    pub admin: Option<(String, String)>,
}

/// An enterprise whose entry the row changes.
pub struct Change {
    pub id: Uuid,
    pub before: LedgerEntry,
    pub after: LedgerEntry,
}

pub struct Plan {
    pub results: Vec<RowResult>,
    pub creations: Vec<Creation>,
    pub changes: Vec<Change>,
}

fn cell(row: &RosterRow, column: Column) -> &str {
    let at = COLUMNS.iter().position(|(c, _, _)| *c == column).unwrap_or(0);
    row.cells.get(at).map_or("", String::as_str)
}

type RowError = (AnyField, Problem);

/// A row checked alone: its entry, whether it gave a login code, and its admin (name, mobile).
type CheckedRow = Result<(LedgerEntry, bool, Option<(String, String)>), RowError>;

fn refuse(field: CountyField, problem: Problem) -> RowError {
    (field.into(), problem)
}

fn of_app(err: AppError) -> RowError {
    match err {
        AppError::Invalid { field, problem } => (field, problem),
        _ => refuse(CountyField::Import, Problem::Invalid),
    }
}

/// A roster's day `2021-6-3`, `2021/06/03` or `2021.6.3` as `2021-06-03`.
fn day_text(text: &str) -> String {
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    match parts.as_slice() {
        [y, m, d] if !y.is_empty() => format!("{y}-{m:0>2}-{d:0>2}"),
        _ => text.to_owned(),
    }
}

/// The row as the ledger form would carry it, its node found by name.
fn form_of(
    row: &RosterRow,
    nodes: &HashMap<String, Vec<Uuid>>,
) -> Result<LedgerForm, RowError> {
    let township = cell(row, Column::Township);
    let township_id = match nodes.get(township).map(Vec::as_slice) {
        Some([one]) => one.to_string(),
        // Two nodes of that name: say which is meant is unclear.
        Some([_, _, ..]) => return Err(refuse(CountyField::Township, Problem::Invalid)),
        // Unknown, or out of reach.
        _ => return Err(refuse(CountyField::Township, Problem::Unknown)),
    };
    let flag = |column: Column, field: CountyField| -> Result<Option<String>, RowError> {
        yes_no(cell(row, column))
            .map(|on| on.then(|| "on".to_owned()))
            .ok_or(refuse(field, Problem::Invalid))
    };
    let industry = match cell(row, Column::Industry) {
        "" => String::new(),
        text => industry_of(text)
            .ok_or(refuse(CountyField::Industry, Problem::Invalid))?
            .as_str()
            .to_owned(),
    };
    let mut focus_risks = Vec::new();
    for word in cell(row, Column::FocusRisks)
        .split(['、', ',', '，', ';', '；', '/', ' '])
        .filter(|w| !w.trim().is_empty())
    {
        let risk = risk_of(word.trim()).ok_or(refuse(CountyField::FocusRisks, Problem::Invalid))?;
        focus_risks.push(risk.as_str().to_owned());
    }
    let standard_grade = match cell(row, Column::StandardGrade) {
        "" | "无" | "未评定" => String::new(),
        text => grade_of(text)
            .ok_or(refuse(CountyField::StandardGrade, Problem::Invalid))?
            .as_str()
            .to_owned(),
    };
    let active = match cell(row, Column::Active) {
        // A roster lists enterprises in business unless it says otherwise.
        "" => Some("on".to_owned()),
        _ => flag(Column::Active, CountyField::Import)?,
    };
    Ok(LedgerForm {
        credit_code: cell(row, Column::CreditCode).into(),
        name: cell(row, Column::Name).into(),
        login_code: cell(row, Column::LoginCode).into(),
        address: cell(row, Column::Address).into(),
        township_id,
        industry,
        above_scale: flag(Column::Scale, CountyField::Import)?,
        small_micro: flag(Column::SmallMicro, CountyField::Import)?,
        focus_risks,
        major_hazard_source: flag(Column::MajorHazardSource, CountyField::Import)?,
        standard_grade,
        standard_date: day_text(cell(row, Column::StandardDate)),
        principal_name: cell(row, Column::Principal).into(),
        contact_mobile: cell(row, Column::ContactMobile).into(),
        active,
    })
}

/// The plan for `rows` as the ledger stands (read on `conn`, inside the import's step when it
/// applies, so the step writes what it checked).
pub async fn plan(
    conn: &mut PgConnection,
    reach: Reach,
    rows: &[RosterRow],
    today: time::Date,
) -> Result<Plan, AppError> {
    let mut nodes: HashMap<String, Vec<Uuid>> = HashMap::new();
    for n in db::enterprise_nodes(&mut *conn, reach.top()).await? {
        nodes.entry(n.name).or_default().push(n.id);
    }
    // Each row checked alone first.
    let mut checked: Vec<CheckedRow> = Vec::with_capacity(rows.len());
    for row in rows {
        checked.push((|| {
            let form = form_of(row, &nodes)?;
            let entry = form.validate(today).map_err(of_app)?;
            let login_given = !form.login_code.trim().is_empty();
            let (name, mobile) = (cell(row, Column::AdminName), cell(row, Column::AdminMobile));
            let admin = if name.is_empty() && mobile.is_empty() {
                None
            } else {
                Some(
                    accounts::check(name, mobile, CountyField::AdminName, CountyField::AdminMobile)
                        .map_err(of_app)?,
                )
            };
            Ok((entry, login_given, admin))
        })());
    }
    // What the ledger already holds of these codes, login codes and mobile numbers.
    let codes: Vec<String> = checked
        .iter()
        .filter_map(|c| c.as_ref().ok().map(|(e, _, _)| e.credit_code.clone()))
        .collect();
    let known: HashMap<String, db::Known> = db::entries_with_codes(&mut *conn, &codes)
        .await?
        .into_iter()
        .map(|k| (k.1.credit_code.clone(), k))
        .collect();
    let logins: Vec<String> = checked
        .iter()
        .filter_map(|c| c.as_ref().ok().map(|(e, _, _)| e.login_code.to_uppercase()))
        .collect();
    let logins_taken: HashMap<String, Uuid> =
        db::login_codes_taken(&mut *conn, &logins).await?.into_iter().collect();
    let mobiles: Vec<String> = checked
        .iter()
        .filter_map(|c| c.as_ref().ok().and_then(|(_, _, a)| a.as_ref().map(|a| a.1.clone())))
        .collect();
    let mobiles_taken: HashSet<String> =
        db::mobiles_taken(&mut *conn, &mobiles).await?.into_iter().collect();

    let mut plan = Plan {
        results: Vec::with_capacity(rows.len()),
        creations: Vec::new(),
        changes: Vec::new(),
    };
    let (mut seen_codes, mut seen_logins, mut seen_mobiles) =
        (HashSet::new(), HashSet::new(), HashSet::new());
    for (row, checked) in rows.iter().zip(checked) {
        let outcome = (|| -> Result<RowOutcome, RowError> {
            let (mut entry, login_given, admin) = checked?;
            if !seen_codes.insert(entry.credit_code.clone()) {
                return Err(refuse(CountyField::CreditCode, Problem::DuplicateInFile));
            }
            if let Some((id, before, _, path)) = known.get(&entry.credit_code) {
                if !reach.sees(path) {
                    return Err(refuse(CountyField::CreditCode, Problem::Taken));
                }
                if !login_given {
                    // An empty login code keeps the enterprise's own.
                    entry.login_code = before.login_code.clone();
                }
                let login = entry.login_code.to_uppercase();
                if logins_taken.get(&login).is_some_and(|other| other != id)
                    || !seen_logins.insert(login)
                {
                    return Err(refuse(CountyField::LoginCode, Problem::Taken));
                }
                if *before == entry {
                    return Ok(RowOutcome::Unchanged);
                }
                plan.changes.push(Change {
                    id: *id,
                    before: before.clone(),
                    after: entry,
                });
                return Ok(RowOutcome::Changed);
            }
            let login = entry.login_code.to_uppercase();
            if logins_taken.contains_key(&login) {
                return Err(refuse(CountyField::LoginCode, Problem::Taken));
            }
            if !seen_logins.insert(login) {
                return Err(refuse(CountyField::LoginCode, Problem::DuplicateInFile));
            }
            if let Some((_, mobile)) = &admin {
                if mobiles_taken.contains(mobile) {
                    return Err(refuse(CountyField::AdminMobile, Problem::Taken));
                }
                if !seen_mobiles.insert(mobile.clone()) {
                    return Err(refuse(CountyField::AdminMobile, Problem::DuplicateInFile));
                }
            }
            // A new entry is in business.
            entry.active = true;
            plan.creations.push(Creation {
                line: row.line,
                entry,
                admin,
            });
            Ok(RowOutcome::New)
        })()
        .unwrap_or_else(|(field, problem)| RowOutcome::Error { field, problem });
        plan.results.push(RowResult {
            line: row.line,
            credit_code: cell(row, Column::CreditCode).to_owned(),
            name: cell(row, Column::Name).to_owned(),
            outcome,
        });
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rosters_dates_are_days() {
        assert_eq!(day_text("2021-6-3"), "2021-06-03");
        assert_eq!(day_text("2021/06/03"), "2021-06-03");
        assert_eq!(day_text("2021.6.3"), "2021-06-03");
        assert_eq!(day_text(""), "");
        assert_eq!(day_text("不知道"), "不知道");
    }
}
