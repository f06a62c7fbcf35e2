//! What the clearance pages show, the forms they post, and the short name a refusal carries.

#[cfg(feature = "ssr")]
use crate::error::AnyField;
#[cfg(feature = "ssr")]
use crate::training::TrainingField;
use crate::{
    rules::clearance::Reason,
    training::{Category, MoveKind, PresenceBy},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    error::{AppError, Field, Problem},
    input,
};
#[cfg(feature = "ssr")]
use time::Date;

/// A person's name inside a refusal. Refusals are `Copy` (every feature's reasons are plain
/// values), so the name is kept in a fixed buffer, cut at 20 characters.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ShortName {
    bytes: [u8; 80],
    len: u8,
}

impl ShortName {
    pub const MAX_CHARS: usize = 20;

    pub fn new(name: &str) -> ShortName {
        let mut bytes = [0u8; 80];
        let mut len = 0;
        for c in name.chars().take(Self::MAX_CHARS) {
            let n = c.len_utf8();
            c.encode_utf8(&mut bytes[len..len + n]);
            len += n;
        }
        ShortName {
            bytes,
            len: len as u8,
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl std::fmt::Debug for ShortName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl Serialize for ShortName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ShortName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|s| ShortName::new(&s))
    }
}

/// One person's clearance, as the lists and the home card show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClearanceView {
    pub user_id: Uuid,
    pub name: String,
    pub department: Option<String>,
    pub cleared: bool,
    pub reasons: Vec<Reason>,
}

/// Cleared and not cleared people of one department (`None`: 未分部门).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentCount {
    pub department: Option<String>,
    pub cleared: u32,
    pub not_cleared: u32,
}

/// A qualification that ends within the next 30 days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expiring {
    pub user_id: Uuid,
    pub name: String,
    pub kind: crate::training::QualificationKind,
    pub document_ref: Option<String>,
    /// The last valid day (China time), `YYYY-MM-DD`.
    pub last_day: String,
}

/// The enterprise's training coverage (`/training/people`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub departments: Vec<DepartmentCount>,
    /// Credited hours of this calendar year (China time), in half hours.
    pub half_hours_this_year: i32,
    pub not_cleared: Vec<ClearanceView>,
    pub expiring: Vec<Expiring>,
    /// Everyone, for the links to their files.
    pub people: Vec<(Uuid, String)>,
}

/// One session in a person's training file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRow {
    pub session_id: Uuid,
    pub day: String,
    pub title: String,
    pub category: Category,
    pub summary: String,
    pub trainer: String,
    pub half_hours: i32,
    /// `Some(true)` passed, `Some(false)` failed, `None` not assessed or no result yet.
    pub passed: Option<bool>,
    pub score: Option<i32>,
    /// Whether the session is assessed at all (a `None` result then means "pending").
    pub assessed: bool,
    pub presence: PresenceBy,
    /// The trainer who ticked the roster, when presence was shown by the trainer.
    pub ticked_by: Option<String>,
}

/// One row of the 三级教育卡: a level with its counted sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InductionLevel {
    pub category: Category,
    pub half_hours: i32,
    pub days: Vec<String>,
    pub content: Vec<String>,
    pub trainers: Vec<String>,
    /// Some counted (passed or not assessed) record at this level.
    pub passed: bool,
}

/// A qualification in the file: kind, source, document, last valid day, valid now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileQualification {
    pub kind: crate::training::QualificationKind,
    pub from_session: bool,
    pub document_ref: Option<String>,
    pub last_day: String,
    pub valid: bool,
}

/// A person's training file (培训档案) with their 三级教育卡 and clearance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingFile {
    pub user_id: Uuid,
    pub name: String,
    pub employee_no: Option<String>,
    pub department: Option<String>,
    pub hired_on: Option<String>,
    pub rows: Vec<FileRow>,
    /// (year, half hours), newest first.
    pub hours_by_year: Vec<(i32, i32)>,
    pub induction: Vec<InductionLevel>,
    /// The 三级教育 is complete and long enough.
    pub induction_passed: bool,
    pub induction_need_half_hours: i32,
    pub clearance: ClearanceView,
    pub qualifications: Vec<FileQualification>,
    pub moves: Vec<MoveRow>,
    /// Whether the reader may record moves (officers and admins).
    pub may_record_moves: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveRow {
    pub kind: MoveKind,
    pub on_date: String,
    pub away_since: Option<String>,
    pub note: String,
}

/// The regulator's row: one enterprise's share of people cleared and of confined-space people
/// with valid training.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegulatorRow {
    pub enterprise_id: Uuid,
    pub name: String,
    pub people: u32,
    pub cleared: u32,
    /// People who were on a permit (entrant, attendant, person in charge, approver) in the
    /// last 12 months.
    pub confined_space_people: u32,
    /// Of those, how many hold a valid confined-space qualification today.
    pub confined_space_trained: u32,
}

/// The move form (转岗 or 复岗), posted by an officer or admin on the person's page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MoveForm {
    pub user_id: String,
    pub kind: String,
    /// 转岗: the day of the new post; 复岗: the day back.
    pub on_date: String,
    /// 复岗 only: away since.
    #[serde(default)]
    pub away_since: String,
    /// The new post, or any note.
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg(feature = "ssr")]
pub struct MoveInput {
    pub user_id: Uuid,
    pub kind: MoveKind,
    pub on_date: Date,
    pub away_since: Option<Date>,
    pub note: String,
}

/// How far ahead a move may be dated (a transfer planned for next week is fine).
#[cfg(feature = "ssr")]
const MOVE_DAYS_AHEAD: i64 = 31;

#[cfg(feature = "ssr")]
impl MoveForm {
    pub fn validate(&self, today: Date) -> Result<MoveInput, AppError> {
        let user_id = input::uuid(&self.user_id, Field::User)?;
        let kind = match self.kind.trim() {
            "" => {
                return Err(AppError::invalid(
                    TrainingField::MoveKind,
                    Problem::Required,
                ))
            }
            k => MoveKind::parse(k)
                .ok_or(AppError::invalid(TrainingField::MoveKind, Problem::Invalid))?,
        };
        let on_date = input::date(&self.on_date, TrainingField::MoveDate)?;
        if on_date > today + time::Duration::days(MOVE_DAYS_AHEAD) {
            return Err(AppError::invalid(TrainingField::MoveDate, Problem::TooLate));
        }
        let away_since = match kind {
            MoveKind::Transfer => None,
            MoveKind::ReturnToPost => {
                let since = input::date(&self.away_since, TrainingField::AwaySince)?;
                if since >= on_date {
                    return Err(AppError::invalid(
                        TrainingField::AwaySince,
                        Problem::TooLate,
                    ));
                }
                Some(since)
            }
        };
        let note = input::line(&self.note, Field::Note, 200, false)?;
        Ok(MoveInput {
            user_id,
            kind,
            on_date,
            away_since,
            note,
        })
    }
}

/// The enterprise's training policy form on /admin/enterprise: 三级教育 hours (whole or half
/// hours) and the yearly re-training hours (empty: off).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PolicyForm {
    pub induction_hours: String,
    #[serde(default)]
    pub annual_hours: String,
}

#[cfg(feature = "ssr")]
impl PolicyForm {
    pub fn validate(&self) -> Result<crate::rules::clearance::Policy, AppError> {
        // The schema's bounds: 三级教育 at least 1 学时, yearly hours at least half of one.
        let induction_half_hours =
            half_hours(&self.induction_hours, TrainingField::InductionHours, 2)?.ok_or(
                AppError::invalid(TrainingField::InductionHours, Problem::Required),
            )?;
        let annual_half_hours = half_hours(&self.annual_hours, TrainingField::AnnualHours, 1)?;
        Ok(crate::rules::clearance::Policy {
            induction_half_hours,
            annual_half_hours,
        })
    }
}

/// Hours in half-hour steps ("24", "7.5") within the schema's bounds; empty is `None`.
#[cfg(feature = "ssr")]
fn half_hours(value: &str, field: impl Into<AnyField>, min: i32) -> Result<Option<i32>, AppError> {
    let field: AnyField = field.into();
    if value.trim().is_empty() {
        return Ok(None);
    }
    let hours = input::number(value, field)?;
    let halves = hours * 2.0;
    let max = crate::rules::clearance::MAX_POLICY_HALF_HOURS;
    if halves.fract() != 0.0 || halves < f64::from(min) || halves > f64::from(max) {
        return Err(AppError::invalid(field, Problem::Invalid));
    }
    Ok(Some(halves as i32))
}

#[cfg(all(test, feature = "ssr"))]
mod form_tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 30);

    fn transfer() -> MoveForm {
        MoveForm {
            user_id: Uuid::now_v7().to_string(),
            kind: "transfer".into(),
            on_date: "2026-11-20".into(),
            away_since: String::new(),
            note: "调至二车间焊工".into(),
        }
    }

    #[test]
    fn a_move_names_a_person_a_kind_and_its_days() {
        assert!(transfer().validate(TODAY).is_ok());
        let bad = |f: MoveForm| f.validate(TODAY).unwrap_err();
        assert_eq!(
            bad(MoveForm {
                kind: String::new(),
                ..transfer()
            }),
            AppError::invalid(TrainingField::MoveKind, Problem::Required)
        );
        assert_eq!(
            bad(MoveForm {
                kind: "fired".into(),
                ..transfer()
            }),
            AppError::invalid(TrainingField::MoveKind, Problem::Invalid)
        );
        assert_eq!(
            bad(MoveForm {
                on_date: "2026-02-30".into(),
                ..transfer()
            }),
            AppError::invalid(TrainingField::MoveDate, Problem::Invalid)
        );
        assert_eq!(
            bad(MoveForm {
                on_date: "2027-06-01".into(),
                ..transfer()
            }),
            AppError::invalid(TrainingField::MoveDate, Problem::TooLate)
        );
        let back = MoveForm {
            kind: "return_to_post".into(),
            ..transfer()
        };
        assert_eq!(
            bad(back.clone()),
            AppError::invalid(TrainingField::AwaySince, Problem::Required)
        );
        assert_eq!(
            bad(MoveForm {
                away_since: "2026-11-20".into(),
                ..back.clone()
            }),
            AppError::invalid(TrainingField::AwaySince, Problem::TooLate)
        );
        let ok = MoveForm {
            away_since: "2025-10-01".into(),
            ..back
        }
        .validate(TODAY)
        .unwrap();
        assert_eq!(ok.away_since, Some(date!(2025 - 10 - 01)));
        assert_eq!(
            bad(MoveForm {
                note: "长".repeat(201),
                ..transfer()
            }),
            AppError::invalid(Field::Note, Problem::TooLong { max: 200 })
        );
        assert_eq!(
            bad(MoveForm {
                note: "a\u{0}".into(),
                ..transfer()
            }),
            AppError::invalid(Field::Note, Problem::Invalid)
        );
    }

    #[test]
    fn policy_hours_are_half_hour_steps_within_bounds() {
        let form = |i: &str, a: &str| PolicyForm {
            induction_hours: i.into(),
            annual_hours: a.into(),
        };
        let p = form("72", "").validate().unwrap();
        assert_eq!((p.induction_half_hours, p.annual_half_hours), (144, None));
        let p = form("24", "7.5").validate().unwrap();
        assert_eq!(p.annual_half_hours, Some(15));
        for bad in ["0", "0.2", "0.5", "201", "abc", "-1"] {
            assert_eq!(
                form(bad, "").validate(),
                Err(AppError::invalid(
                    TrainingField::InductionHours,
                    Problem::Invalid
                )),
                "{bad}"
            );
        }
        assert_eq!(
            form("", "").validate(),
            Err(AppError::invalid(
                TrainingField::InductionHours,
                Problem::Required
            ))
        );
        assert_eq!(
            form("24", "x").validate(),
            Err(AppError::invalid(
                TrainingField::AnnualHours,
                Problem::Invalid
            ))
        );
    }

    #[test]
    fn a_short_name_keeps_twenty_characters() {
        assert_eq!(ShortName::new("王师傅").as_str(), "王师傅");
        let long = "长".repeat(30);
        assert_eq!(ShortName::new(&long).as_str().chars().count(), 20);
        let json = serde_json::to_string(&ShortName::new("李四")).unwrap();
        assert_eq!(json, "\"李四\"");
    }
}
