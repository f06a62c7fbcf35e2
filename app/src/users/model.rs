//! What a person record looks like on the wire, and the validation shared by the form, the
//! CSV import and the server.

use crate::users::UserField;
use crate::{
    auth::{password_rules::password_problem, Role},
    error::{AnyField, AppError, Field, Problem},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const MAX_NAME_CHARS: u16 = 40;
pub const MAX_EMPLOYEE_NO_CHARS: u16 = 32;
/// The database checks it too (`users.department`).
pub const MAX_DEPARTMENT_CHARS: u16 = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: Uuid,
    pub name: String,
    pub mobile: Option<String>,
    pub employee_no: Option<String>,
    /// 部门: training invitations and coverage go by it.
    #[serde(default)]
    pub department: Option<String>,
    pub role: Role,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub imported: u32,
}

/// A person to create, already trimmed and checked by `NewUser::parse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub name: String,
    pub mobile: Option<String>,
    pub employee_no: Option<String>,
    pub role: Role,
    pub password: String,
    /// Set with `with_department` (optional in the form and the file).
    pub department: Option<String>,
    /// 入厂日期, set with `with_hired_on` (optional): the 三级教育卡 shows it.
    pub hired_on: Option<time::Date>,
}

/// Mainland China mobile numbers: 11 digits starting with 1 and a second digit 3–9.
/// Spaces and dashes people type are ignored; a leading +86 is accepted.
pub fn normalize_mobile(text: &str) -> Result<Option<String>, Problem> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
        .collect();
    let digits = digits.strip_prefix("+86").unwrap_or(&digits);
    if digits.is_empty() {
        return Ok(None);
    }
    let bytes = digits.as_bytes();
    let ok = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    if ok {
        Ok(Some(digits.to_owned()))
    } else {
        Err(Problem::Invalid)
    }
}

fn normalize_employee_no(text: &str) -> Result<Option<String>, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.chars().count() > MAX_EMPLOYEE_NO_CHARS as usize {
        return Err(Problem::TooLong {
            max: MAX_EMPLOYEE_NO_CHARS,
        });
    }
    if t.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(Some(t.to_owned()))
    } else {
        Err(Problem::Invalid)
    }
}

impl NewUser {
    /// Checks raw form or CSV values. Returns every problem found, field by field, in form order.
    pub fn parse(
        name: &str,
        mobile: &str,
        employee_no: &str,
        role: &str,
        password: &str,
    ) -> Result<NewUser, Vec<(AnyField, Problem)>> {
        let mut problems: Vec<(AnyField, Problem)> = Vec::new();
        let name = name.trim();
        if name.is_empty() {
            problems.push((UserField::Name.into(), Problem::Required));
        } else if name.chars().any(char::is_control) {
            problems.push((UserField::Name.into(), Problem::Invalid));
        } else if name.chars().count() > MAX_NAME_CHARS as usize {
            problems.push((
                UserField::Name.into(),
                Problem::TooLong {
                    max: MAX_NAME_CHARS,
                },
            ));
        }
        let mobile = normalize_mobile(mobile).unwrap_or_else(|p| {
            problems.push((UserField::Mobile.into(), p));
            None
        });
        let employee_no = normalize_employee_no(employee_no).unwrap_or_else(|p| {
            problems.push((UserField::EmployeeNo.into(), p));
            None
        });
        if mobile.is_none()
            && employee_no.is_none()
            && !problems
                .iter()
                .any(|(f, _)| *f == UserField::Mobile || *f == UserField::EmployeeNo)
        {
            // One of the two is needed to sign in.
            problems.push((UserField::Mobile.into(), Problem::Required));
        }
        let role = match Role::parse_label(role) {
            Some(r) if Role::ENTERPRISE_ROLES.contains(&r) => Some(r),
            _ if role.trim().is_empty() => {
                problems.push((UserField::Role.into(), Problem::Required));
                None
            }
            _ => {
                problems.push((UserField::Role.into(), Problem::Invalid));
                None
            }
        };
        if let Some(p) = password_problem(password) {
            problems.push((Field::Password.into(), p));
        }
        match (problems.is_empty(), role) {
            (true, Some(role)) => Ok(NewUser {
                name: name.to_owned(),
                mobile,
                employee_no,
                role,
                password: password.to_owned(),
                department: None,
                hired_on: None,
            }),
            _ => Err(problems),
        }
    }

    /// The person with their department (optional: empty is none); a department too long
    /// or with control characters is a problem of `UserField::Department`.
    pub fn with_department(self, text: &str) -> Result<NewUser, (AnyField, Problem)> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(self);
        }
        if t.chars().any(char::is_control) {
            return Err((UserField::Department.into(), Problem::Invalid));
        }
        if t.chars().count() > MAX_DEPARTMENT_CHARS as usize {
            return Err((
                UserField::Department.into(),
                Problem::TooLong {
                    max: MAX_DEPARTMENT_CHARS,
                },
            ));
        }
        Ok(NewUser {
            department: Some(t.to_owned()),
            ..self
        })
    }

    /// The person with their hiring date (`YYYY-MM-DD`, optional: empty is none). Parsed by
    /// hand: this runs in the browser too, where `time` has no parser.
    pub fn with_hired_on(self, text: &str) -> Result<NewUser, (AnyField, Problem)> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(self);
        }
        let day = calendar_day(t).ok_or((UserField::HiredOn.into(), Problem::Invalid))?;
        Ok(NewUser {
            hired_on: Some(day),
            ..self
        })
    }

    /// The first problem as an application error (for single-record forms).
    pub fn first_error(problems: &[(AnyField, Problem)]) -> AppError {
        problems
            .first()
            .map(|(f, p)| AppError::invalid(*f, *p))
            .unwrap_or(AppError::Malformed)
    }
}

/// `YYYY-MM-DD` of a year from 1950 to 2100.
fn calendar_day(text: &str) -> Option<time::Date> {
    let mut parts = text.split('-');
    let year = parts.next()?.parse::<i32>().ok()?;
    let month = parts.next()?.parse::<u8>().ok()?;
    let day = parts.next()?.parse::<u8>().ok()?;
    if parts.next().is_some() || !(1950..=2100).contains(&year) {
        return None;
    }
    time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

/// The admin's form for one person, as strings from a phone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonForm {
    pub name: String,
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub employee_no: String,
    pub role: String,
    pub password: String,
    #[serde(default)]
    pub department: String,
    /// 入厂日期, `YYYY-MM-DD` or empty.
    #[serde(default)]
    pub hired_on: String,
}

impl PersonForm {
    /// The person to create, or the first problem, named by field.
    pub fn validate(&self) -> Result<NewUser, AppError> {
        NewUser::parse(
            &self.name,
            &self.mobile,
            &self.employee_no,
            &self.role,
            &self.password,
        )
        .map_err(|problems| NewUser::first_error(&problems))?
        .with_department(&self.department)
        .and_then(|person| person.with_hired_on(&self.hired_on))
        .map_err(|(f, p)| AppError::invalid(f, p))
    }
}

/// A new password set by the admin.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PasswordForm {
    pub password: String,
}

/// A CSV file's text (pasted, or read from a file by the page's island).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportForm {
    pub csv: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers() {
        assert_eq!(
            normalize_mobile("138 0013 8000"),
            Ok(Some("13800138000".into()))
        );
        assert_eq!(
            normalize_mobile("+8613800138000"),
            Ok(Some("13800138000".into()))
        );
        assert_eq!(normalize_mobile(""), Ok(None));
        assert_eq!(normalize_mobile("12800138000"), Err(Problem::Invalid));
        assert_eq!(normalize_mobile("1380013800"), Err(Problem::Invalid));
        assert_eq!(normalize_mobile("1380013800x"), Err(Problem::Invalid));
    }

    #[test]
    fn a_valid_person() {
        let u = NewUser::parse(" 张三 ", "13800138000", "A-01", "作业人员", "password1").unwrap();
        assert_eq!(u.name, "张三");
        assert_eq!(u.role, Role::Worker);
        assert_eq!(u.employee_no.as_deref(), Some("A-01"));
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let problems = NewUser::parse("", "123", "", "boss", "short").unwrap_err();
        assert_eq!(
            problems,
            vec![
                (UserField::Name.into(), Problem::Required),
                (UserField::Mobile.into(), Problem::Invalid),
                (UserField::Role.into(), Problem::Invalid),
                (Field::Password.into(), Problem::TooShort { min: 8 }),
            ]
        );
    }

    #[test]
    fn mobile_or_employee_number_is_needed_and_regulators_cannot_be_made() {
        let problems = NewUser::parse("李四", "", "", "worker", "password1").unwrap_err();
        assert_eq!(
            problems,
            vec![(UserField::Mobile.into(), Problem::Required)]
        );
        let problems =
            NewUser::parse("李四", "13800138000", "", "regulator", "password1").unwrap_err();
        assert_eq!(problems, vec![(UserField::Role.into(), Problem::Invalid)]);
    }

    #[test]
    fn a_person_form_names_its_first_problem_and_refuses_control_characters() {
        let form = PersonForm {
            name: "陈新工".into(),
            mobile: "138 0013 8000".into(),
            role: "worker".into(),
            password: "welcome-101".into(),
            ..PersonForm::default()
        };
        assert_eq!(
            form.validate().unwrap().mobile.as_deref(),
            Some("13800138000")
        );
        let nul = PersonForm {
            name: "陈\0".into(),
            ..form.clone()
        };
        assert_eq!(
            nul.validate(),
            Err(AppError::invalid(UserField::Name, Problem::Invalid))
        );
        let in_department = PersonForm {
            department: " 二车间 ".into(),
            ..form.clone()
        };
        assert_eq!(
            in_department.validate().unwrap().department.as_deref(),
            Some("二车间")
        );
        let hired = PersonForm {
            hired_on: "2026-03-02".into(),
            ..form.clone()
        };
        assert_eq!(
            hired.validate().unwrap().hired_on,
            Some(time::macros::date!(2026 - 03 - 02))
        );
        for bad in [
            "2026-02-30",
            "2026-3",
            "02/03/2026",
            "1800-01-01",
            "2026-03-02-1",
        ] {
            let form = PersonForm {
                hired_on: bad.into(),
                ..form.clone()
            };
            assert_eq!(
                form.validate(),
                Err(AppError::invalid(UserField::HiredOn, Problem::Invalid)),
                "{bad}"
            );
        }
        let long_department = PersonForm {
            department: "部".repeat(41),
            ..form.clone()
        };
        assert_eq!(
            long_department.validate(),
            Err(AppError::invalid(
                UserField::Department,
                Problem::TooLong { max: 40 }
            ))
        );
        let short = PersonForm {
            password: "short".into(),
            ..form
        };
        assert!(matches!(
            short.validate(),
            Err(AppError::Invalid {
                field,
                ..
            }) if field == Field::Password
        ));
    }
}

/// A person of the enterprise to choose in a form (an entrant, a rectifier, a patroller).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonOption {
    pub id: Uuid,
    pub name: String,
    pub role: crate::auth::Role,
}
