//! Reading a CSV of people. Pure: no database. Finds every problem of every row so the admin
//! can fix the file in one go; the import saves nothing unless the whole file is clean.

use super::NewUser;
use crate::error::{AppError, Problem, RowProblem};
use crate::users::UserField;
use std::collections::HashMap;

/// More rows than this is not a typo to fix but a job for a migration.
pub const MAX_ROWS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Mobile,
    EmployeeNo,
    Role,
    Password,
    /// Optional: files without it stay valid.
    Department,
    /// Optional, `YYYY-MM-DD`.
    HiredOn,
}

fn column_for(header: &str) -> Option<Column> {
    match header.trim().to_lowercase().as_str() {
        "name" | "姓名" => Some(Column::Name),
        "mobile" | "phone" | "手机号" | "手机" | "手机号码" => Some(Column::Mobile),
        "employee_no" | "employee number" | "工号" => Some(Column::EmployeeNo),
        "role" | "角色" => Some(Column::Role),
        "password" | "初始密码" | "密码" => Some(Column::Password),
        "department" | "部门" => Some(Column::Department),
        "hired_on" | "入厂日期" => Some(Column::HiredOn),
        _ => None,
    }
}

/// Parses the file into people with their row numbers, or returns every row problem found.
pub fn parse(text: &str) -> Result<Vec<(u32, NewUser)>, AppError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(AppError::invalid(UserField::Csv, Problem::Required));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| AppError::invalid(UserField::Csv, Problem::Invalid))?
        .clone();
    let columns: Vec<Option<Column>> = headers.iter().map(column_for).collect();
    let has = |c: Column| columns.contains(&Some(c));
    if !(has(Column::Name) && has(Column::Role) && has(Column::Password))
        || !(has(Column::Mobile) || has(Column::EmployeeNo))
    {
        return Err(AppError::invalid(UserField::Csv, Problem::Invalid));
    }

    let mut people = Vec::new();
    let mut problems = Vec::new();
    let mut seen_mobile: HashMap<String, u32> = HashMap::new();
    let mut seen_employee_no: HashMap<String, u32> = HashMap::new();
    for (index, record) in reader.records().enumerate() {
        let row = index as u32 + 1;
        if index >= MAX_ROWS {
            return Err(AppError::invalid(
                UserField::Csv,
                Problem::TooLong {
                    max: MAX_ROWS as u16,
                },
            ));
        }
        let Ok(record) = record else {
            problems.push(RowProblem {
                row,
                field: UserField::Csv.into(),
                problem: Problem::Invalid,
            });
            continue;
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let value = |c: Column| {
            columns
                .iter()
                .position(|x| *x == Some(c))
                .and_then(|i| record.get(i))
                .unwrap_or("")
        };
        match NewUser::parse(
            value(Column::Name),
            value(Column::Mobile),
            value(Column::EmployeeNo),
            value(Column::Role),
            value(Column::Password),
        )
        .and_then(|person| {
            person
                .with_department(value(Column::Department))
                .and_then(|person| person.with_hired_on(value(Column::HiredOn)))
                .map_err(|problem| vec![problem])
        }) {
            Ok(person) => {
                let mut duplicate = false;
                if let Some(m) = &person.mobile {
                    if seen_mobile.insert(m.clone(), row).is_some() {
                        problems.push(RowProblem {
                            row,
                            field: UserField::Mobile.into(),
                            problem: Problem::DuplicateInFile,
                        });
                        duplicate = true;
                    }
                }
                if let Some(e) = &person.employee_no {
                    if seen_employee_no.insert(e.clone(), row).is_some() {
                        problems.push(RowProblem {
                            row,
                            field: UserField::EmployeeNo.into(),
                            problem: Problem::DuplicateInFile,
                        });
                        duplicate = true;
                    }
                }
                if !duplicate {
                    people.push((row, person));
                }
            }
            Err(found) => problems.extend(found.into_iter().map(|(field, problem)| RowProblem {
                row,
                field,
                problem,
            })),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::InvalidRows(problems));
    }
    if people.is_empty() {
        return Err(AppError::invalid(UserField::Csv, Problem::Required));
    }
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;

    #[test]
    fn a_department_column_is_optional_and_checked() {
        let text = "姓名,手机号,角色,初始密码,部门\n张三,13800000031,作业人员,password31,二车间\n李四,13800000032,作业人员,password32,\n";
        let people = parse(text).unwrap();
        assert_eq!(people[0].1.department.as_deref(), Some("二车间"));
        assert_eq!(people[1].1.department, None);
        let long = format!(
            "name,mobile,role,password,department\nA,13800000033,worker,password33,{}\n",
            "部".repeat(41)
        );
        assert_eq!(
            parse(&long),
            Err(AppError::InvalidRows(vec![RowProblem {
                row: 1,
                field: UserField::Department.into(),
                problem: Problem::TooLong { max: 40 },
            }]))
        );
        // A file without the column has no departments.
        let plain = "name,mobile,role,password\nA,13800000034,worker,password34\n";
        assert_eq!(parse(plain).unwrap()[0].1.department, None);
    }

    #[test]
    fn a_hiring_date_column_is_optional_and_checked() {
        let text = "姓名,手机号,角色,初始密码,入厂日期\n张三,13800000041,作业人员,password41,2026-03-02\n李四,13800000042,作业人员,password42,\n";
        let people = parse(text).unwrap();
        assert_eq!(
            people[0].1.hired_on,
            Some(time::macros::date!(2026 - 03 - 02))
        );
        assert_eq!(people[1].1.hired_on, None);
        let bad =
            "name,mobile,role,password,hired_on\nA,13800000043,worker,password43,2026/03/02\n";
        assert_eq!(
            parse(bad),
            Err(AppError::InvalidRows(vec![RowProblem {
                row: 1,
                field: UserField::HiredOn.into(),
                problem: Problem::Invalid,
            }]))
        );
    }

    #[test]
    fn chinese_headers_and_bom() {
        let text = "\u{FEFF}姓名,手机号,工号,角色,初始密码\n张三,13800000011,W011,作业人员,password11\n李四,,W012,安全员,password12\n";
        let people = parse(text).unwrap();
        assert_eq!(people.len(), 2);
        assert_eq!(people[1].0, 2);
        assert_eq!(people[1].1.role, Role::SafetyOfficer);
        assert_eq!(people[1].1.mobile, None);
    }

    #[test]
    fn every_bad_row_is_reported_and_nothing_is_returned() {
        let text = "name,mobile,employee_no,role,password\n\
                    Good,13800000021,,worker,password21\n\
                    ,13800000022,,worker,password22\n\
                    Bad phone,12345,,worker,password23\n\
                    Dup,13800000021,,worker,password24\n";
        match parse(text) {
            Err(AppError::InvalidRows(rows)) => assert_eq!(
                rows,
                vec![
                    RowProblem {
                        row: 2,
                        field: UserField::Name.into(),
                        problem: Problem::Required
                    },
                    RowProblem {
                        row: 3,
                        field: UserField::Mobile.into(),
                        problem: Problem::Invalid
                    },
                    RowProblem {
                        row: 4,
                        field: UserField::Mobile.into(),
                        problem: Problem::DuplicateInFile
                    },
                ]
            ),
            other => panic!("expected row problems, got {other:?}"),
        }
    }

    #[test]
    fn missing_columns_or_empty_file_are_refused() {
        assert_eq!(
            parse("name,role\nA,worker\n"),
            Err(AppError::invalid(UserField::Csv, Problem::Invalid))
        );
        assert_eq!(
            parse("  "),
            Err(AppError::invalid(UserField::Csv, Problem::Required))
        );
        assert_eq!(
            parse("name,mobile,role,password\n"),
            Err(AppError::invalid(UserField::Csv, Problem::Required))
        );
    }
}
