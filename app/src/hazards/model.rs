//! A hazard's vocabularies and the forms of its moves, with their validation (shared by browser
//! and server; `validate` runs on the server). A move's photo is not a field of its form: it is
//! a file of the multipart post (`http.rs`) or the id of a photo uploaded ahead (`photo_id`).

use crate::auth::Role;
#[cfg(feature = "ssr")]
use crate::error::AnyField;
#[cfg(feature = "ssr")]
use crate::hazards::HazardField;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::{
        error::{AppError, Field, Problem},
        input,
    },
    time::Date,
    uuid::Uuid,
};

crate::text_enum! {
    /// Where a hazard's state is in the closed loop (research §A5).
    pub enum HazardState {
        /// 待确认: reported, not yet assigned.
        Reported = "reported",
        /// 已立即整改: a 一般 hazard fixed on the spot, waiting for its re-check.
        FixedOnSpot = "fixed_on_spot",
        /// 整改中: 五落实 in place, the rectifier at work.
        Rectifying = "rectifying",
        /// 待复查: the rectifier says it is done.
        AwaitingRecheck = "awaiting_recheck",
        /// 已销号: re-checked and closed.
        Closed = "closed",
    }
}

crate::text_enum! {
    /// 一般 or 重大 (16号令 第三条; since 2023 重大 by the 判定标准, 令第10号).
    pub enum HazardGrade {
        General = "general",
        Major = "major",
    }
}

crate::text_enum! {
    /// 隐患类别.
    pub enum HazardCategory {
        DustExplosion = "dust_explosion",
        ConfinedSpace = "confined_space",
        Electrical = "electrical",
        Mechanical = "mechanical",
        Fire = "fire",
        SpecialEquipment = "special_equipment",
        HazardousChemicals = "hazardous_chemicals",
        Management = "management",
        Other = "other",
    }
}

crate::text_enum! {
    /// 来源: 日常巡查/专项检查/25项自查/执法检查/员工报告.
    pub enum HazardSource {
        DailyPatrol = "daily_patrol",
        SpecialCheck = "special_check",
        SelfCheck25 = "self_check_25",
        Enforcement = "enforcement",
        EmployeeReport = "employee_report",
        /// 专家指导服务: found by a regulator's guidance visit.
        ExpertGuidance = "expert_guidance",
    }
}

crate::text_enum! {
    /// When a hazard's photo was taken: 整改前 (the report) or 整改后 (the fix).
    pub enum PhotoStage {
        Before = "before",
        After = "after",
    }
}

/// Who confirms, assigns (五落实), re-checks and closes, and sees the whole ledger.
pub const OFFICERS: &[Role] = &[Role::SafetyOfficer, Role::EnterpriseAdmin];

pub fn is_officer_role(role: Role) -> bool {
    OFFICERS.contains(&role)
}

/// Longest texts a hazard keeps (the database checks location and description too).
pub const LOCATION_MAX: u16 = 120;
pub const DESCRIPTION_MAX: u16 = 2000;
pub const TEXT_MAX: u16 = 2000;
/// Funds are at most 9,999,999,999.99 yuan (numeric(12,2) in fen).
pub const FUNDS_MAX_FEN: i64 = 999_999_999_999;

/// 随手拍: what a person reports on the spot. Officers may also say where it came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportForm {
    pub location: String,
    pub description: String,
    /// Required, no default (the form's first option is 请选择, empty): absent reads as empty.
    #[serde(default)]
    pub category: String,
    /// The reporter's suggestion; the officer confirms the grade.
    #[serde(default)]
    pub grade: String,
    /// Empty for 员工报告.
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportInput {
    pub location: String,
    pub description: String,
    pub category: HazardCategory,
    pub grade: HazardGrade,
    pub source: HazardSource,
}

/// 已立即整改: what was done on the spot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OnSpotForm {
    pub note: String,
}

/// 确认 and 五落实, with the 重大 治理方案 when the grade is 重大.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfirmForm {
    pub grade: String,
    #[serde(default)]
    pub criterion: String,
    pub rectifier_id: String,
    pub measures: String,
    /// Yuan, e.g. `1200.50`.
    pub funds: String,
    /// `YYYY-MM-DD`, the last day (China time).
    pub deadline: String,
    pub interim_control: String,
    #[serde(default)]
    pub plan_goal: String,
    #[serde(default)]
    pub plan_methods: String,
    #[serde(default)]
    pub plan_funds: String,
    #[serde(default)]
    pub plan_organisation: String,
    #[serde(default)]
    pub plan_schedule: String,
    #[serde(default)]
    pub plan_safety: String,
    #[serde(default)]
    pub reported_on: String,
}

/// 重大隐患治理方案 (16号令 第十五条): (一)目标和任务 (二)方法和措施 (三)经费和物资
/// (四)机构和人员 (五)时限和要求 (六)安全措施和应急预案.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MajorPlan {
    pub goal: String,
    pub methods: String,
    pub funds: String,
    pub organisation: String,
    pub schedule: String,
    pub safety: String,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmInput {
    pub grade: HazardGrade,
    pub criterion: String,
    pub rectifier_id: Uuid,
    pub measures: String,
    pub funds_fen: i64,
    pub deadline: Date,
    pub interim_control: String,
    /// Every part given, or `None` (the step refuses a 重大 hazard without it).
    pub plan: Option<MajorPlan>,
    pub reported_on: Option<Date>,
}

/// The rectifier's account of what was done.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RectifyForm {
    pub rectification: String,
}

/// 复查: passed (销号) or not (back to 整改中), with a note (required when it fails).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecheckForm {
    pub passed: bool,
    #[serde(default)]
    pub note: String,
}

#[cfg(feature = "ssr")]
fn long_text(value: &str, field: impl Into<AnyField>, required: bool) -> Result<String, AppError> {
    let field: AnyField = field.into();
    input::text(value, field, TEXT_MAX, required, true)
}

/// The id of a photo uploaded ahead (`POST /api/v1/photos/upload`): empty is none, anything
/// but a UUID an invalid photo. Whether one is required is the step's rule.
#[cfg(feature = "ssr")]
pub fn parse_photo_id(value: &str) -> Result<Option<Uuid>, AppError> {
    match value.trim() {
        "" => Ok(None),
        v => Uuid::parse_str(v)
            .map(Some)
            .map_err(|_| AppError::invalid(Field::Photo, Problem::Invalid)),
    }
}

/// Yuan with at most two decimals, not negative, within `FUNDS_MAX_FEN`, as fen. "abc", "-5",
/// "1e309", "NaN", "1,000" and "1.005" are refused: money is never rounded or guessed.
#[cfg(feature = "ssr")]
pub fn parse_funds(value: &str) -> Result<i64, AppError> {
    let t = value.trim();
    let invalid = || AppError::invalid(HazardField::Funds, Problem::Invalid);
    if t.is_empty() {
        return Err(AppError::invalid(HazardField::Funds, Problem::Required));
    }
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) || frac.len() > 2 || whole.len() > 10 {
        return Err(invalid());
    }
    let yuan: i64 = whole.parse().map_err(|_| invalid())?;
    let fen: i64 = format!("{frac:0<2}").parse().map_err(|_| invalid())?;
    let total = yuan * 100 + fen;
    if total > FUNDS_MAX_FEN {
        return Err(invalid());
    }
    Ok(total)
}

/// Fen as yuan, `1200.50`.
pub fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

#[cfg(feature = "ssr")]
impl ReportForm {
    pub fn validate(&self) -> Result<ReportInput, AppError> {
        let location = input::line(&self.location, Field::Location, LOCATION_MAX, true)?;
        let description = input::text(
            &self.description,
            HazardField::Description,
            DESCRIPTION_MAX,
            true,
            true,
        )?;
        // No default: a category picked for the reporter skews the figures the regulator reads.
        let category = match self.category.trim() {
            "" => return Err(AppError::invalid(HazardField::Category, Problem::Required)),
            c => HazardCategory::parse(c)
                .ok_or(AppError::invalid(HazardField::Category, Problem::Invalid))?,
        };
        let grade = match self.grade.trim() {
            "" => HazardGrade::General,
            g => HazardGrade::parse(g)
                .ok_or(AppError::invalid(HazardField::Grade, Problem::Invalid))?,
        };
        let source = match self.source.trim() {
            "" => HazardSource::EmployeeReport,
            s => HazardSource::parse(s)
                .ok_or(AppError::invalid(HazardField::Source, Problem::Invalid))?,
        };
        Ok(ReportInput {
            location,
            description,
            category,
            grade,
            source,
        })
    }
}

#[cfg(feature = "ssr")]
impl OnSpotForm {
    /// The note is required: an on-the-spot fix says what was done.
    pub fn validate(&self) -> Result<String, AppError> {
        long_text(&self.note, Field::Note, true)
    }
}

#[cfg(feature = "ssr")]
impl ConfirmForm {
    pub fn validate(&self) -> Result<ConfirmInput, AppError> {
        let grade = HazardGrade::parse(self.grade.trim())
            .ok_or(AppError::invalid(HazardField::Grade, Problem::Invalid))?;
        let criterion = input::line(&self.criterion, HazardField::Criterion, 200, false)?;
        let rectifier_id = input::uuid(&self.rectifier_id, HazardField::Rectifier)?;
        let measures = long_text(&self.measures, HazardField::Measures, true)?;
        let funds_fen = parse_funds(&self.funds)?;
        let deadline = input::date(&self.deadline, HazardField::Deadline)?;
        let interim_control = long_text(&self.interim_control, HazardField::InterimControl, true)?;
        let parts = [
            long_text(&self.plan_goal, HazardField::PlanGoal, false)?,
            long_text(&self.plan_methods, HazardField::PlanMethods, false)?,
            long_text(&self.plan_funds, HazardField::PlanFunds, false)?,
            long_text(
                &self.plan_organisation,
                HazardField::PlanOrganisation,
                false,
            )?,
            long_text(&self.plan_schedule, HazardField::PlanSchedule, false)?,
            long_text(&self.plan_safety, HazardField::PlanSafety, false)?,
        ];
        let reported_on = match self.reported_on.trim() {
            "" => None,
            d => Some(input::date(d, HazardField::ReportedOn)?),
        };
        // A 重大 hazard needs all six parts: say which one is missing.
        let plan_fields = [
            HazardField::PlanGoal,
            HazardField::PlanMethods,
            HazardField::PlanFunds,
            HazardField::PlanOrganisation,
            HazardField::PlanSchedule,
            HazardField::PlanSafety,
        ];
        if grade == HazardGrade::Major {
            if let Some((_, field)) = parts.iter().zip(plan_fields).find(|(p, _)| p.is_empty()) {
                return Err(AppError::invalid(field, Problem::Required));
            }
            if reported_on.is_none() {
                return Err(AppError::invalid(
                    HazardField::ReportedOn,
                    Problem::Required,
                ));
            }
        }
        let plan = parts.iter().all(|p| !p.is_empty()).then(|| {
            let [goal, methods, funds, organisation, schedule, safety] = parts;
            MajorPlan {
                goal,
                methods,
                funds,
                organisation,
                schedule,
                safety,
            }
        });
        Ok(ConfirmInput {
            grade,
            criterion,
            rectifier_id,
            measures,
            funds_fen,
            deadline,
            interim_control,
            plan,
            reported_on,
        })
    }
}

#[cfg(feature = "ssr")]
impl RectifyForm {
    pub fn validate(&self) -> Result<String, AppError> {
        long_text(&self.rectification, HazardField::Rectification, true)
    }
}

#[cfg(feature = "ssr")]
impl RecheckForm {
    /// A failed re-check says what is still wrong.
    pub fn validate(&self) -> Result<(bool, String), AppError> {
        Ok((
            self.passed,
            long_text(&self.note, Field::Note, !self.passed)?,
        ))
    }
}
