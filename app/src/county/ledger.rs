//! Checking a ledger entry (企业基础信息台账) as the form or a roster row gives it: every
//! field named when it is wrong, the credit code by GB 32100-2015 (`rules::credit_code`).

use super::{CountyField, FocusRisk, Industry, LedgerEntry, LedgerForm, StandardGrade};
use crate::{
    error::{AppError, Problem},
    input,
    rules::credit_code::{self, CodeProblem},
};

pub const MAX_NAME_CHARS: u16 = 60;
pub const MAX_ADDRESS_CHARS: u16 = 120;
pub const MAX_PERSON_CHARS: u16 = 40;
/// How far back a standardisation grade's date may lie.
const STANDARD_DATE_YEARS_BACK: i32 = 30;
/// A login code is typed on a phone with the employee number: short.
pub const MAX_LOGIN_CODE_CHARS: usize = 12;

/// The credit code as kept (no spaces, capitals), or what is wrong with it.
pub fn credit_code(text: &str) -> Result<String, AppError> {
    let code = credit_code::normalize(text);
    let problem = match credit_code::check(&code) {
        Ok(()) => return Ok(code),
        Err(_) if code.is_empty() => Problem::Required,
        Err(CodeProblem::Length) if code.chars().count() < 18 => Problem::TooShort { min: 18 },
        Err(CodeProblem::Length) => Problem::TooLong { max: 18 },
        Err(CodeProblem::Character { .. }) => Problem::Invalid,
        Err(CodeProblem::CheckCharacter) => Problem::CheckCharacter,
    };
    Err(AppError::invalid(CountyField::CreditCode, problem))
}

/// The login code people type: given, or the credit code's organisation part (its 9th to
/// 17th characters, which identify the organisation nationally).
pub fn login_code(text: &str, credit_code: &str) -> Result<String, AppError> {
    let code = text.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(credit_code.chars().skip(8).take(9).collect());
    }
    let ok = code.len() <= MAX_LOGIN_CODE_CHARS
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        Ok(code)
    } else {
        Err(AppError::invalid(CountyField::LoginCode, Problem::Invalid))
    }
}

fn choice<T>(
    text: &str,
    parse: fn(&str) -> Option<T>,
    field: CountyField,
) -> Result<Option<T>, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    parse(t)
        .map(Some)
        .ok_or(AppError::invalid(field, Problem::Invalid))
}

impl LedgerForm {
    /// The checked entry. `today` bounds the standardisation date (a grade is given on a past
    /// day, within the records' reach back).
    pub fn validate(&self, today: time::Date) -> Result<LedgerEntry, AppError> {
        let credit_code = credit_code(&self.credit_code)?;
        let name = input::line(&self.name, CountyField::EnterpriseName, MAX_NAME_CHARS, true)?;
        let login_code = login_code(&self.login_code, &credit_code)?;
        let address = input::line(&self.address, CountyField::Address, MAX_ADDRESS_CHARS, false)?;
        let township_id = input::uuid(&self.township_id, CountyField::Township)?;
        let industry = choice(&self.industry, Industry::parse, CountyField::Industry)?;
        let mut focus_risks = Vec::new();
        for text in &self.focus_risks {
            let risk = FocusRisk::parse(text.trim())
                .ok_or(AppError::invalid(CountyField::FocusRisks, Problem::Invalid))?;
            if !focus_risks.contains(&risk) {
                focus_risks.push(risk);
            }
        }
        focus_risks.sort_by_key(|r| FocusRisk::ALL.iter().position(|a| a == r));
        let standard_grade = choice(
            &self.standard_grade,
            StandardGrade::parse,
            CountyField::StandardGrade,
        )?;
        let standard_date = match self.standard_date.trim() {
            "" => None,
            // Given on a past day; a grade from long ago is still the ledger's fact (it has
            // lapsed, which the date shows), so the reach back is wide.
            text => Some(input::date_within(
                input::date(text, CountyField::StandardDate)?,
                CountyField::StandardDate,
                input::years_from(today, -STANDARD_DATE_YEARS_BACK),
                today,
            )?),
        };
        if standard_grade.is_some() != standard_date.is_some() {
            // A grade is given on a day: both or neither.
            let field = if standard_grade.is_some() {
                CountyField::StandardDate
            } else {
                CountyField::StandardGrade
            };
            return Err(AppError::invalid(field, Problem::Required));
        }
        let principal_name = input::line(
            &self.principal_name,
            CountyField::PrincipalName,
            MAX_PERSON_CHARS,
            false,
        )?;
        let contact_mobile = crate::users::normalize_mobile(&self.contact_mobile)
            .map_err(|p| AppError::invalid(CountyField::ContactMobile, p))?
            .unwrap_or_default();
        Ok(LedgerEntry {
            credit_code,
            name,
            login_code,
            address,
            township_id,
            industry,
            above_scale: input::ticked(&self.above_scale),
            small_micro: input::ticked(&self.small_micro),
            focus_risks,
            major_hazard_source: input::ticked(&self.major_hazard_source),
            standard_grade,
            standard_date,
            principal_name,
            contact_mobile,
            active: input::ticked(&self.active),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// GB 32100-2015's worked example.
    pub const CODE: &str = "91350100M000100Y43";

    fn form() -> LedgerForm {
        LedgerForm {
            credit_code: CODE.into(),
            name: "范庄铸造有限公司".into(),
            township_id: uuid::Uuid::now_v7().to_string(),
            industry: "metallurgy".into(),
            focus_risks: vec!["confined_space".into(), "molten_metal".into()],
            active: Some("on".into()),
            ..Default::default()
        }
    }

    fn today() -> time::Date {
        time::macros::date!(2026 - 12 - 07)
    }

    fn problem(f: LedgerForm) -> Option<(String, Problem)> {
        match f.validate(today()) {
            Err(AppError::Invalid { field, problem }) => {
                Some((format!("{}.{}", field.owner(), field.name()), problem))
            }
            _ => None,
        }
    }

    #[test]
    fn a_credit_code_is_checked_as_the_standard_says() {
        assert_eq!(credit_code(CODE).as_deref(), Ok(CODE));
        assert_eq!(credit_code(" 91350100m000100y43 ").as_deref(), Ok(CODE));
        assert_eq!(credit_code("9135 0100 M000 100Y 43").as_deref(), Ok(CODE));
        let wrong = |text: &str| match credit_code(text) {
            Err(AppError::Invalid { problem, .. }) => problem,
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(wrong("91350100M000100Y44"), Problem::CheckCharacter);
        assert_eq!(wrong("91350100M000100Y4"), Problem::TooShort { min: 18 });
        assert_eq!(wrong("91350100M000100Y433"), Problem::TooLong { max: 18 });
        assert_eq!(wrong("91350100I000100Y43"), Problem::Invalid);
        assert_eq!(wrong(""), Problem::Required);
    }

    #[test]
    fn an_entry_names_the_field_that_is_wrong() {
        let ok = form().validate(today()).unwrap();
        assert_eq!(ok.login_code, "M000100Y4");
        assert_eq!(
            ok.focus_risks,
            [FocusRisk::MoltenMetal, FocusRisk::ConfinedSpace]
        );
        assert!(ok.active);
        let cases = [
            (
                LedgerForm {
                    name: " ".into(),
                    ..form()
                },
                "county.enterprise_name",
            ),
            (
                LedgerForm {
                    industry: "mining".into(),
                    ..form()
                },
                "county.industry",
            ),
            (
                LedgerForm {
                    focus_risks: vec!["fireworks".into()],
                    ..form()
                },
                "county.focus_risks",
            ),
            (
                LedgerForm {
                    standard_grade: "level2".into(),
                    ..form()
                },
                "county.standard_date",
            ),
            (
                LedgerForm {
                    standard_date: "2027-01-01".into(),
                    standard_grade: "level2".into(),
                    ..form()
                },
                "county.standard_date",
            ),
            (
                LedgerForm {
                    contact_mobile: "12345".into(),
                    ..form()
                },
                "county.contact_mobile",
            ),
            (
                LedgerForm {
                    township_id: "x".into(),
                    ..form()
                },
                "county.township",
            ),
            (
                LedgerForm {
                    login_code: "有 空格".into(),
                    ..form()
                },
                "county.login_code",
            ),
        ];
        for (f, field) in cases {
            assert_eq!(problem(f).map(|(f, _)| f).as_deref(), Some(field));
        }
    }
}
