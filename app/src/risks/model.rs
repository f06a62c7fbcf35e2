//! What the risk register carries: its forms as a phone sends them, their checked inputs, and
//! the register as people read it.

pub use crate::rules::{
    risk_classes::{AccidentClass, FactorClass},
    risk_grade::{ControlLevel, Forced, RiskGrade, RiskMethod, RiskPolicy},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
#[cfg(feature = "ssr")]
use {
    super::RiskField,
    crate::{
        error::{AppError, Problem},
        input,
        rules::risk_grade::{BadFactor, Score},
    },
};

crate::text_enum! {
    /// What a risk point is (风险点): a place, a piece of equipment or a facility, or a work
    /// activity (作业活动: the confined-space operation, 动火, 吊装, 检维修 …).
    pub enum PointKind {
        Place = "place",
        Equipment = "equipment",
        Activity = "activity",
    }
}

crate::text_enum! {
    /// The types of control measures (管控措施): 工程技术、管理、培训教育、个体防护、应急处置.
    pub enum MeasureKind {
        Engineering = "engineering",
        Management = "management",
        Training = "training",
        Ppe = "ppe",
        Emergency = "emergency",
    }
}

/// Who records the register: the enterprise's safety officers and admins.
pub const EDITORS: &[crate::actor::Role] =
    &[crate::actor::Role::SafetyOfficer, crate::actor::Role::EnterpriseAdmin];
/// Who reads it: everyone of the enterprise (a worker is told the risks of their post).
pub const READERS: &[crate::actor::Role] = &crate::actor::Role::ENTERPRISE_ROLES;
/// The grading policy is an enterprise setting: its admin's.
pub const POLICY_EDITORS: &[crate::actor::Role] = &[crate::actor::Role::EnterpriseAdmin];

/// Lengths the forms keep, in characters.
pub const NAME_MAX: u16 = 60;
pub const TEXT_MAX: u16 = 500;

/// A risk point as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PointForm {
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub department: String,
    /// A confined space of the enterprise (empty: none).
    #[serde(default)]
    pub space_id: String,
    /// A patrol point of the enterprise (empty: none).
    #[serde(default)]
    pub patrol_point_id: String,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq)]
pub struct PointInput {
    pub kind: PointKind,
    pub name: String,
    pub area: String,
    pub department: String,
    pub space_id: Option<Uuid>,
    pub patrol_point_id: Option<Uuid>,
}

#[cfg(feature = "ssr")]
impl PointForm {
    pub fn validate(&self) -> Result<PointInput, AppError> {
        Ok(PointInput {
            kind: PointKind::parse(self.kind.trim())
                .ok_or(AppError::invalid(RiskField::Kind, Problem::Invalid))?,
            name: input::line(&self.name, RiskField::Name, NAME_MAX, true)?,
            area: input::line(&self.area, RiskField::Area, NAME_MAX, false)?,
            department: input::line(&self.department, RiskField::Department, NAME_MAX, false)?,
            space_id: input::optional_uuid(&self.space_id, RiskField::Space)?,
            patrol_point_id: input::optional_uuid(&self.patrol_point_id, RiskField::PatrolPoint)?,
        })
    }
}

/// A hazard of a risk point as the form sends it: the factors of the enterprise's method
/// (LEC: L, E, C as the tables print them, e.g. `0.5`; LS: L and S, 1–5).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HazardForm {
    pub point_id: String,
    pub description: String,
    #[serde(default)]
    pub consequence: String,
    pub accident_class: String,
    pub factor_class: String,
    pub factor_l: String,
    #[serde(default)]
    pub factor_e: String,
    #[serde(default)]
    pub factor_c: String,
    #[serde(default)]
    pub factor_s: String,
    /// The situations that force a grade, by name.
    #[serde(default)]
    pub forced: Vec<String>,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq)]
pub struct HazardInput {
    pub point_id: Uuid,
    pub description: String,
    pub consequence: String,
    pub accident_class: AccidentClass,
    pub factor_class: FactorClass,
    pub score: Score,
    pub forced: Vec<Forced>,
}

/// A factor as printed (`10`, `0.5`) in tenths; None unless it has at most one decimal.
#[cfg(feature = "ssr")]
fn tenths(value: &str) -> Option<u32> {
    let (whole, tenth) = match value.split_once('.') {
        Some((w, t)) if t.len() == 1 => (w, t),
        Some(_) => return None,
        None => (value, "0"),
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(tenth) {
        return None;
    }
    Some(whole.parse::<u32>().ok()? * 10 + tenth.parse::<u32>().ok()?)
}

#[cfg(feature = "ssr")]
impl HazardForm {
    /// The hazard, scored by `method` (the enterprise's, when it is recorded).
    pub fn validate(&self, method: RiskMethod) -> Result<HazardInput, AppError> {
        let bad = |field: RiskField| AppError::invalid(field, Problem::Invalid);
        let factor = |value: &str, field: RiskField| {
            let v = value.trim();
            if v.is_empty() {
                return Err(AppError::invalid(field, Problem::Required));
            }
            tenths(v).ok_or(bad(field))
        };
        let score = match method {
            RiskMethod::Lec => Score::Lec {
                l: factor(&self.factor_l, RiskField::FactorL)?,
                e: factor(&self.factor_e, RiskField::FactorE)?,
                // C is whole in the table: tenths of it, back to whole when exact.
                c: factor(&self.factor_c, RiskField::FactorC)
                    .and_then(|c| c.is_multiple_of(10).then_some(c / 10).ok_or(bad(RiskField::FactorC)))?,
            },
            RiskMethod::Ls => {
                let whole = |value: &str, field| input::whole(value, field, 1..=5);
                Score::Ls {
                    l: whole(&self.factor_l, RiskField::FactorL)?,
                    s: whole(&self.factor_s, RiskField::FactorS)?,
                }
            }
        };
        let score = score.check().map_err(|f| {
            bad(match f {
                BadFactor::L => RiskField::FactorL,
                BadFactor::E => RiskField::FactorE,
                BadFactor::C => RiskField::FactorC,
                BadFactor::S => RiskField::FactorS,
            })
        })?;
        let mut forced = Vec::new();
        for name in &self.forced {
            let f = Forced::parse(name.trim()).ok_or(bad(RiskField::Forced))?;
            if !forced.contains(&f) {
                forced.push(f);
            }
        }
        Ok(HazardInput {
            point_id: input::uuid(&self.point_id, RiskField::Point)?,
            description: input::text(&self.description, RiskField::Description, TEXT_MAX, true, true)?,
            consequence: input::text(&self.consequence, RiskField::Consequence, TEXT_MAX, false, true)?,
            accident_class: AccidentClass::parse(self.accident_class.trim())
                .ok_or(bad(RiskField::AccidentClass))?,
            factor_class: FactorClass::parse(self.factor_class.trim())
                .ok_or(bad(RiskField::FactorClass))?,
            score,
            forced,
        })
    }
}

/// A control measure of a hazard as the form sends it (`level` empty: the hazard's grade's).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureForm {
    pub hazard_id: String,
    pub kind: String,
    pub text: String,
    #[serde(default)]
    pub level: String,
    pub responsible_id: String,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureInput {
    pub hazard_id: Uuid,
    pub kind: MeasureKind,
    pub text: String,
    /// None: the hazard's grade's level.
    pub level: Option<ControlLevel>,
    pub responsible_id: Uuid,
}

#[cfg(feature = "ssr")]
impl MeasureForm {
    pub fn validate(&self) -> Result<MeasureInput, AppError> {
        let bad = |field: RiskField| AppError::invalid(field, Problem::Invalid);
        let level = match self.level.trim() {
            "" => None,
            l => Some(ControlLevel::parse(l).ok_or(bad(RiskField::Level))?),
        };
        Ok(MeasureInput {
            hazard_id: input::uuid(&self.hazard_id, RiskField::Hazard)?,
            kind: MeasureKind::parse(self.kind.trim()).ok_or(bad(RiskField::MeasureKind))?,
            text: input::text(&self.text, RiskField::MeasureText, TEXT_MAX, true, true)?,
            level,
            responsible_id: input::uuid(&self.responsible_id, RiskField::Responsible)?,
        })
    }
}

/// The grading policy as the admin's form sends it (checkbox: `Some("on")`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PolicyForm {
    pub method: String,
    pub lec_red_above: String,
    pub lec_orange_above: String,
    pub lec_yellow_above: String,
    pub ls_red_from: String,
    pub ls_orange_from: String,
    pub ls_yellow_from: String,
    #[serde(default)]
    pub confined_toxic_at_least_large: Option<String>,
}

#[cfg(feature = "ssr")]
impl PolicyForm {
    pub fn validate(&self) -> Result<RiskPolicy, AppError> {
        let lec = |v: &str| input::whole(v, RiskField::Edges, 0..=100_000);
        let ls = |v: &str| input::whole(v, RiskField::Edges, 1..=25);
        let policy = RiskPolicy {
            method: RiskMethod::parse(self.method.trim())
                .ok_or(AppError::invalid(RiskField::Method, Problem::Invalid))?,
            lec_red_above: lec(&self.lec_red_above)?,
            lec_orange_above: lec(&self.lec_orange_above)?,
            lec_yellow_above: lec(&self.lec_yellow_above)?,
            ls_red_from: ls(&self.ls_red_from)?,
            ls_orange_from: ls(&self.ls_orange_from)?,
            ls_yellow_from: ls(&self.ls_yellow_from)?,
            confined_toxic_at_least_large: input::ticked(&self.confined_toxic_at_least_large),
        };
        if policy.is_consistent() {
            Ok(policy)
        } else {
            Err(AppError::invalid(RiskField::Edges, Problem::Invalid))
        }
    }
}

/// A control measure as the register shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskMeasure {
    pub id: Uuid,
    pub kind: MeasureKind,
    pub text: String,
    pub level: ControlLevel,
    pub responsible: String,
}

/// The register page's data: the points, the policy they were graded by, and (for those who
/// record it) the enterprise's active people to name as responsible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegisterView {
    pub points: Vec<RiskPoint>,
    pub policy: RiskPolicy,
    pub people: Vec<(Uuid, String)>,
}

/// A hazard of a point as the register shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskHazard {
    pub id: Uuid,
    pub description: String,
    pub consequence: String,
    pub accident_class: AccidentClass,
    pub factor_class: FactorClass,
    pub method: RiskMethod,
    /// The score in hundredths (LEC's D, LS's R).
    pub score_hundredths: u32,
    pub forced: Vec<Forced>,
    pub grade: RiskGrade,
    pub measures: Vec<RiskMeasure>,
}

/// A risk point with its hazards and its grade (its worst hazard's; none without hazards).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskPoint {
    pub id: Uuid,
    pub kind: PointKind,
    pub name: String,
    pub area: String,
    pub department: String,
    pub space_id: Option<Uuid>,
    pub patrol_point_id: Option<Uuid>,
    pub version: i32,
    pub grade: Option<RiskGrade>,
    pub hazards: Vec<RiskHazard>,
}

#[cfg(all(test, feature = "ssr"))]
mod form_tests {
    use super::*;

    #[test]
    fn factors_read_as_the_tables_print_them() {
        assert_eq!(tenths("10"), Some(100));
        assert_eq!(tenths("0.5"), Some(5));
        assert_eq!(tenths("0.1"), Some(1));
        for bad in ["", ".5", "0.55", "1e2", "-1", "0,5", "99999"] {
            assert_eq!(tenths(bad), None, "{bad}");
        }
    }
}
