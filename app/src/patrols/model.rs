//! Patrol vocabularies, what pages show, and the forms with their validation (shared by
//! browser and server; `validate` runs on the server).

#[cfg(feature = "ssr")]
use crate::error::AnyField;
#[cfg(feature = "ssr")]
use crate::patrols::PatrolField;
use crate::{
    auth::Role,
    hazards::{HazardCategory, HazardGrade},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    error::{AppError, Problem},
    input,
};

crate::text_enum! {
    /// What kind of check a checklist is: the source of the hazards its failed items raise.
    pub enum ChecklistKind {
        /// 日常巡查 (research §C1).
        DailyPatrol = "daily_patrol",
        /// 25项执法检查重点事项自查 (research §C3).
        SelfCheck25 = "self_check_25",
    }
}

crate::text_enum! {
    /// How an item is answered.
    pub enum AnswerType {
        /// 合格 / 不合格.
        PassFail = "pass_fail",
        /// A reading; outside its acceptable range it fails.
        Number = "number",
        /// A written observation.
        Text = "text",
    }
}

crate::text_enum! {
    /// How often a schedule expects a round.
    pub enum Frequency {
        /// 每班: the window repeats every 24 h / shifts per day.
        Shift = "shift",
        Daily = "daily",
        Weekly = "weekly",
        Monthly = "monthly",
    }
}

crate::text_enum! {
    /// How the patroller showed they were at the point.
    pub enum Presence {
        /// Scanned the posted QR code.
        Qr = "qr",
        /// Typed the short code printed under it.
        ShortCode = "short_code",
    }
}

crate::text_enum! {
    pub enum AnswerResult {
        Pass = "pass",
        Fail = "fail",
    }
}

crate::text_enum! {
    /// Where an expected round stands (computed, never stored: `rounds::state`).
    pub enum RoundState {
        /// Submitted inside its window (online, or brought by the outbox in time).
        Done = "done",
        /// Inside its window by the phone's clock, but the outbox brought it later than the
        /// enterprise's upload bound: late (offline).
        LateUpload = "late_upload",
        /// Submitted after its window, before the next one began.
        Late = "late",
        /// The window is over and nothing was submitted.
        Missed = "missed",
        /// The window is open or still to come.
        Pending = "pending",
    }
}

/// One item of a checklist version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: Uuid,
    /// The item's key, the same on every version of its checklist (`<pack>:<n>` for a ready
    /// pack's item): answers on an old version count for the same item on the new one.
    pub key: String,
    pub position: i32,
    pub text: String,
    pub category: HazardCategory,
    pub basis: String,
    pub verified: bool,
    pub answer_type: AnswerType,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub unit: String,
    pub photo_on_fail: bool,
    pub fail_grade: HazardGrade,
}

/// A checklist at one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checklist {
    pub id: Uuid,
    pub name: String,
    pub kind: ChecklistKind,
    pub pack: Option<String>,
    pub version: i32,
    pub version_id: Uuid,
    pub items: Vec<ChecklistItem>,
}

/// A checklist's line in a list (no items).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistSummary {
    pub id: Uuid,
    pub name: String,
    pub kind: ChecklistKind,
    pub pack: Option<String>,
    pub version: i32,
    pub items: i64,
}

/// A patrol point as pages see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub id: Uuid,
    pub name: String,
    pub area: String,
    pub equipment: String,
    pub space_id: Option<Uuid>,
    pub active: bool,
    pub version: i32,
    pub checklists: Vec<Uuid>,
}

/// One expected round of a day, with its state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundView {
    pub schedule: String,
    pub point_id: Uuid,
    pub point: String,
    /// `08:00–10:00` in China time.
    pub window: String,
    pub state: RoundState,
    pub by: Option<String>,
    /// When it was submitted, China time: for answers the offline outbox brought, when they
    /// were made (the round is judged by it).
    pub at: Option<String>,
    /// When the outbox uploaded them, if it did.
    pub uploaded: Option<String>,
    /// How many whole hours after they were made the outbox uploaded them, if it did.
    pub upload_delay_hours: Option<i64>,
}

/// A schedule as the officers' list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleView {
    pub id: Uuid,
    pub name: String,
    pub frequency: Frequency,
    /// `08:00–10:00` in China time.
    pub window: String,
    pub shifts_per_day: u8,
    pub weekday: Option<u8>,
    pub month_day: Option<u8>,
    /// Everyone of this role patrols; `None`: the `people` listed.
    pub role: Option<Role>,
    pub people: Vec<String>,
    pub points: Vec<String>,
    /// When it was made and, if it was, ended (China time, to the minute).
    pub made: String,
    pub ended: Option<String>,
}

/// Longest texts a patrol keeps (the database checks them too).
pub const NAME_MAX: u16 = 60;
pub const AREA_MAX: u16 = 120;
pub const ITEM_TEXT_MAX: u16 = 200;
pub const BASIS_MAX: u16 = 200;
pub const UNIT_MAX: u16 = 16;
/// Longest item key (the database checks it too).
pub const ITEM_KEY_MAX: usize = 64;
pub const NOTE_MAX: u16 = 500;
/// Most items in one checklist, and most points or people on one schedule.
pub const ITEMS_MAX: usize = 100;
pub const LIST_MAX: usize = 500;

/// The point form, as strings from a phone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PointForm {
    pub name: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub equipment: String,
    /// A confined space this point is at, or empty.
    #[serde(default)]
    pub space_id: String,
    #[serde(default)]
    pub checklists: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PointInput {
    pub name: String,
    pub area: String,
    pub equipment: String,
    pub space_id: Option<Uuid>,
    pub checklists: Vec<Uuid>,
}

/// Ids from a multi-select, each once; a bad one names `field`.
#[cfg(feature = "ssr")]
fn ids(values: &[String], field: impl Into<AnyField>) -> Result<Vec<Uuid>, AppError> {
    let field: AnyField = field.into();
    if values.len() > LIST_MAX {
        return Err(AppError::invalid(field, Problem::Invalid));
    }
    let mut out = Vec::with_capacity(values.len());
    for v in values.iter().filter(|v| !v.trim().is_empty()) {
        let id = input::uuid(v, field)?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

#[cfg(feature = "ssr")]
impl PointForm {
    pub fn validate(&self) -> Result<PointInput, AppError> {
        Ok(PointInput {
            name: input::line(&self.name, PatrolField::Name, NAME_MAX, true)?,
            area: input::line(&self.area, PatrolField::Area, AREA_MAX, false)?,
            equipment: input::line(&self.equipment, PatrolField::Equipment, AREA_MAX, false)?,
            space_id: input::optional_uuid(&self.space_id, PatrolField::Space)?,
            checklists: ids(&self.checklists, PatrolField::Checklist)?,
        })
    }
}

/// The schedule form, as strings from a phone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScheduleForm {
    pub name: String,
    pub frequency: String,
    /// `HH:MM`, China time.
    pub window_start: String,
    pub window_end: String,
    #[serde(default)]
    pub shifts_per_day: String,
    #[serde(default)]
    pub weekday: String,
    #[serde(default)]
    pub month_day: String,
    /// A role, or empty when people are listed.
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub points: Vec<String>,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleInput {
    pub name: String,
    pub frequency: Frequency,
    pub window_start: time::Time,
    pub window_end: time::Time,
    pub shifts_per_day: u8,
    pub weekday: Option<u8>,
    pub month_day: Option<u8>,
    pub role: Option<Role>,
    pub people: Vec<Uuid>,
    pub points: Vec<Uuid>,
}

#[cfg(feature = "ssr")]
fn clock(value: &str, field: impl Into<AnyField>) -> Result<time::Time, AppError> {
    let field: AnyField = field.into();
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    time::Time::parse(t, time::macros::format_description!("[hour]:[minute]"))
        .map_err(|_| AppError::invalid(field, Problem::Invalid))
}

#[cfg(feature = "ssr")]
impl ScheduleForm {
    pub fn validate(&self) -> Result<ScheduleInput, AppError> {
        let name = input::line(&self.name, PatrolField::Name, NAME_MAX, true)?;
        let frequency = Frequency::parse(self.frequency.trim())
            .ok_or(AppError::invalid(PatrolField::Frequency, Problem::Invalid))?;
        let window_start = clock(&self.window_start, PatrolField::WindowStart)?;
        let window_end = clock(&self.window_end, PatrolField::WindowEnd)?;
        let shifts_per_day = match frequency {
            Frequency::Shift => {
                input::whole(&self.shifts_per_day, PatrolField::ShiftsPerDay, 2..=4)?
            }
            _ => 1,
        } as u8;
        let length = super::rounds::window_length(window_start, window_end);
        if length > time::Duration::hours(24 / i64::from(shifts_per_day)) {
            // Each shift's window must end before the next shift's begins.
            return Err(AppError::invalid(PatrolField::WindowEnd, Problem::TooLate));
        }
        let weekday = match frequency {
            Frequency::Weekly => {
                Some(input::whole(&self.weekday, PatrolField::Weekday, 1..=7)? as u8)
            }
            _ => None,
        };
        let month_day = match frequency {
            Frequency::Monthly => {
                Some(input::whole(&self.month_day, PatrolField::MonthDay, 1..=28)? as u8)
            }
            _ => None,
        };
        let role = match self.role.trim() {
            "" => None,
            r => Some(
                Role::parse(r)
                    .filter(|r| Role::ENTERPRISE_ROLES.contains(r))
                    .ok_or(AppError::invalid(PatrolField::Role, Problem::Invalid))?,
            ),
        };
        let people = ids(&self.people, PatrolField::Patrollers)?;
        if role.is_none() && people.is_empty() {
            return Err(AppError::invalid(
                PatrolField::Patrollers,
                Problem::Required,
            ));
        }
        let points = ids(&self.points, PatrolField::PatrolPoint)?;
        if points.is_empty() {
            return Err(AppError::invalid(
                PatrolField::PatrolPoint,
                Problem::Required,
            ));
        }
        Ok(ScheduleInput {
            name,
            frequency,
            window_start,
            window_end,
            shifts_per_day,
            weekday,
            month_day,
            role,
            people: if role.is_some() { vec![] } else { people },
            points,
        })
    }
}

/// One item of a checklist being edited (a new version), as strings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ItemForm {
    /// The key of the item this row edits (hidden); empty on a new row.
    #[serde(default)]
    pub key: String,
    pub text: String,
    pub category: String,
    #[serde(default)]
    pub basis: String,
    pub answer_type: String,
    #[serde(default)]
    pub min_value: String,
    #[serde(default)]
    pub max_value: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub photo_on_fail: Option<String>,
    #[serde(default)]
    pub major: Option<String>,
}

/// An item as a new version stores it. Editing by hand clears `verified`: only the research
/// behind a ready pack makes an item verified.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemInput {
    /// The key it keeps from the previous version; None: a new item, given a fresh key.
    pub key: Option<String>,
    pub text: String,
    pub category: HazardCategory,
    pub basis: String,
    pub verified: bool,
    pub answer_type: AnswerType,
    pub min_value: Option<f64>,
    pub max_value: Option<f64>,
    pub unit: String,
    pub photo_on_fail: bool,
    pub fail_grade: HazardGrade,
}

#[cfg(feature = "ssr")]
fn bound(value: &str, field: impl Into<AnyField>) -> Result<Option<f64>, AppError> {
    let field: AnyField = field.into();
    if value.trim().is_empty() {
        Ok(None)
    } else {
        input::number(value, field).map(Some)
    }
}

#[cfg(feature = "ssr")]
impl ItemForm {
    pub fn validate(&self) -> Result<ItemInput, AppError> {
        let answer_type = AnswerType::parse(self.answer_type.trim())
            .ok_or(AppError::invalid(PatrolField::AnswerType, Problem::Invalid))?;
        let (min_value, max_value) = match answer_type {
            AnswerType::Number => (
                bound(&self.min_value, PatrolField::MinValue)?,
                bound(&self.max_value, PatrolField::MaxValue)?,
            ),
            _ => (None, None),
        };
        if let (Some(lo), Some(hi)) = (min_value, max_value) {
            if lo > hi {
                return Err(AppError::invalid(PatrolField::MaxValue, Problem::Invalid));
            }
        }
        let key = self.key.trim();
        Ok(ItemInput {
            // Checked against the previous version's keys by the edit (`carry_keys`).
            key: (!key.is_empty() && key.len() <= ITEM_KEY_MAX).then(|| key.to_owned()),
            text: input::line(&self.text, PatrolField::ItemText, ITEM_TEXT_MAX, true)?,
            category: HazardCategory::parse(self.category.trim())
                .ok_or(AppError::invalid(PatrolField::Category, Problem::Invalid))?,
            basis: input::line(&self.basis, PatrolField::Criterion, BASIS_MAX, false)?,
            verified: false,
            answer_type,
            min_value,
            max_value,
            unit: input::line(&self.unit, PatrolField::Unit, UNIT_MAX, false)?,
            photo_on_fail: input::ticked(&self.photo_on_fail),
            fail_grade: if input::ticked(&self.major) {
                HazardGrade::Major
            } else {
                HazardGrade::General
            },
        })
    }
}

/// A checklist edit: its items in order (the new version).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChecklistForm {
    pub name: String,
    #[serde(default)]
    pub items: Vec<ItemForm>,
}

#[cfg(feature = "ssr")]
impl ChecklistForm {
    pub fn validate(&self) -> Result<(String, Vec<ItemInput>), AppError> {
        let name = input::line(&self.name, PatrolField::Name, NAME_MAX, true)?;
        // A row left without text is dropped (the form's blank "add" row, a removed item).
        let rows: Vec<&ItemForm> = self
            .items
            .iter()
            .filter(|i| !i.text.trim().is_empty())
            .collect();
        if rows.is_empty() {
            return Err(AppError::invalid(PatrolField::ItemText, Problem::Required));
        }
        if rows.len() > ITEMS_MAX {
            return Err(AppError::invalid(PatrolField::ItemText, Problem::Invalid));
        }
        let items = rows
            .into_iter()
            .map(ItemForm::validate)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((name, items))
    }
}

/// Keeps on an edited version only the keys its items had on the previous version (`previous`),
/// each once; any other key (a forged one, a row copied twice) becomes a new item's.
pub fn carry_keys(previous: &[String], items: &mut [ItemInput]) {
    let mut seen: Vec<String> = Vec::new();
    for item in items {
        if let Some(key) = item.key.take() {
            if previous.contains(&key) && !seen.contains(&key) {
                seen.push(key.clone());
                item.key = Some(key);
            }
        }
    }
}
