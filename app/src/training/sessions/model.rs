//! What the session pages show, and the forms with their validation (shared by browser and
//! server; `validate` runs on the server).

#[cfg(feature = "ssr")]
use crate::error::AnyField;
#[cfg(feature = "ssr")]
use crate::training::TrainingField;
use crate::training::{Assessment, Category, InviteKind, PresenceBy};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    auth::Role,
    error::{AppError, Field, Problem},
    input,
    time_fmt::CHINA,
};
#[cfg(feature = "ssr")]
use time::{Date, OffsetDateTime, Time};

/// Longest texts a session keeps (the database checks them too).
pub const TITLE_MAX: u16 = 80;
pub const LOCATION_MAX: u16 = 80;
pub const SUMMARY_MAX: u16 = 2000;
pub const DEPARTMENT_MAX: u16 = 40;
pub const REASON_MAX: u16 = 200;
/// Most invitations of one kind on one session.
pub const INVITES_MAX: usize = 500;
/// Questions a quiz draws when the form leaves it empty.
pub const DEFAULT_QUIZ_SIZE: u32 = 10;
/// A paper session may be entered afterwards (补录) up to two years back; planning reaches one
/// year ahead. Our policy.
pub const PAST_YEARS: i32 = 2;
pub const AHEAD_YEARS: i32 = 1;

/// The session form, as strings from a phone. Times are China time, on one day. A field
/// missing from the post is empty (and named by `validate`), not a malformed request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    pub title: String,
    pub category: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub start: String,
    pub end: String,
    /// 学时: "2" or "1.5" (half-hour steps).
    pub hours: String,
    pub location: String,
    /// The trainer; empty: the person creating it.
    #[serde(default)]
    pub trainer_id: String,
    #[serde(default)]
    pub summary: String,
    /// `all`: open to the whole enterprise; `invited`: the people, departments, roles below.
    pub audience: String,
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub departments: Vec<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    pub assessment: String,
    #[serde(default)]
    pub pass_mark: String,
    #[serde(default)]
    pub quiz_size: String,
}

/// A checked session form.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInput {
    pub title: String,
    pub category: Category,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub credited_half_hours: i32,
    pub location: String,
    pub trainer_id: Option<Uuid>,
    pub summary: String,
    pub open_to_all: bool,
    pub invitations: Vec<(InviteKind, String)>,
    pub assessment: Assessment,
    pub pass_mark: Option<i32>,
    pub quiz_size: Option<i32>,
}

/// `HH:MM` (China time).
#[cfg(feature = "ssr")]
pub fn clock(value: &str, field: impl Into<AnyField>) -> Result<Time, AppError> {
    let field: AnyField = field.into();
    let t = value.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    Time::parse(t, time::macros::format_description!("[hour]:[minute]"))
        .map_err(|_| AppError::invalid(field, Problem::Invalid))
}

/// Hours in half-hour steps ("2", "1.5", "0.5") as half hours, within `range` (half hours).
#[cfg(feature = "ssr")]
pub fn half_hours(
    value: &str,
    field: impl Into<AnyField>,
    range: std::ops::RangeInclusive<i32>,
) -> Result<i32, AppError> {
    let field: AnyField = field.into();
    let n = input::number(value, field)?;
    let halves = n * 2.0;
    if halves.fract() != 0.0
        || !(f64::from(*range.start())..=f64::from(*range.end())).contains(&halves)
    {
        return Err(AppError::invalid(field, Problem::Invalid));
    }
    Ok(halves as i32)
}

/// `day` moved by whole years (the 28th of February for a 29th).
#[cfg(feature = "ssr")]
fn years_from(day: Date, years: i32) -> Date {
    let year = day.year() + years;
    Date::from_calendar_date(year, day.month(), day.day())
        .or_else(|_| Date::from_calendar_date(year, day.month(), day.day() - 1))
        .unwrap_or(day)
}

/// A list of ids from checkboxes, each once.
#[cfg(feature = "ssr")]
fn ids(values: &[String], field: impl Into<AnyField>) -> Result<Vec<Uuid>, AppError> {
    let field: AnyField = field.into();
    if values.len() > INVITES_MAX {
        return Err(AppError::invalid(field, Problem::Invalid));
    }
    let mut out = Vec::new();
    for v in values.iter().filter(|v| !v.trim().is_empty()) {
        let id = input::uuid(v, field)?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

#[cfg(feature = "ssr")]
impl SessionForm {
    /// Checks every field in the form's order; `now` bounds the date (two years back, one
    /// ahead, China days).
    pub fn validate(&self, now: OffsetDateTime) -> Result<SessionInput, AppError> {
        let title = input::line(&self.title, TrainingField::SessionTitle, TITLE_MAX, true)?;
        let category = match self.category.trim() {
            "" => {
                return Err(AppError::invalid(
                    TrainingField::Category,
                    Problem::Required,
                ))
            }
            c => Category::parse(c)
                .ok_or(AppError::invalid(TrainingField::Category, Problem::Invalid))?,
        };
        let day = input::date(&self.date, TrainingField::SessionDate)?;
        let today = now.to_offset(CHINA).date();
        if day < years_from(today, -PAST_YEARS) {
            return Err(AppError::invalid(
                TrainingField::SessionDate,
                Problem::InPast,
            ));
        }
        if day > years_from(today, AHEAD_YEARS) {
            return Err(AppError::invalid(
                TrainingField::SessionDate,
                Problem::TooLate,
            ));
        }
        let start = clock(&self.start, TrainingField::StartTime)?;
        let end = clock(&self.end, TrainingField::EndTime)?;
        if end <= start {
            return Err(AppError::invalid(
                TrainingField::EndTime,
                Problem::BeforeStart,
            ));
        }
        let credited_half_hours = half_hours(&self.hours, TrainingField::CreditedHours, 1..=48)?;
        let location = input::line(&self.location, Field::Location, LOCATION_MAX, true)?;
        let trainer_id = input::optional_uuid(&self.trainer_id, TrainingField::Trainer)?;
        let summary = input::text(
            &self.summary,
            TrainingField::Summary,
            SUMMARY_MAX,
            false,
            true,
        )?;
        let (open_to_all, invitations) = self.audience()?;
        let assessment = match self.assessment.trim() {
            "" => {
                return Err(AppError::invalid(
                    TrainingField::Assessment,
                    Problem::Required,
                ))
            }
            a => Assessment::parse(a).ok_or(AppError::invalid(
                TrainingField::Assessment,
                Problem::Invalid,
            ))?,
        };
        let pass_mark = match assessment {
            Assessment::None => None,
            _ => Some(input::whole(&self.pass_mark, TrainingField::PassMark, 0..=100)? as i32),
        };
        let quiz_size = match (assessment, self.quiz_size.trim()) {
            (Assessment::Quiz, "") => Some(DEFAULT_QUIZ_SIZE as i32),
            (Assessment::Quiz, size) => {
                Some(input::whole(size, TrainingField::QuizSize, 1..=50)? as i32)
            }
            _ => None,
        };
        Ok(SessionInput {
            title,
            category,
            starts_at: day.with_time(start).assume_offset(CHINA),
            ends_at: day.with_time(end).assume_offset(CHINA),
            credited_half_hours,
            location,
            trainer_id,
            summary,
            open_to_all,
            invitations,
            assessment,
            pass_mark,
            quiz_size,
        })
    }

    /// Open to all, or the invited people, departments and roles (at least one).
    fn audience(&self) -> Result<(bool, Vec<(InviteKind, String)>), AppError> {
        match self.audience.trim() {
            "all" => return Ok((true, vec![])),
            "invited" => {}
            "" => {
                return Err(AppError::invalid(
                    TrainingField::Audience,
                    Problem::Required,
                ))
            }
            _ => return Err(AppError::invalid(TrainingField::Audience, Problem::Invalid)),
        }
        let mut invitations: Vec<(InviteKind, String)> =
            ids(&self.people, TrainingField::Audience)?
                .into_iter()
                .map(|id| (InviteKind::Person, id.to_string()))
                .collect();
        if self.departments.len() > INVITES_MAX {
            return Err(AppError::invalid(
                TrainingField::Department,
                Problem::Invalid,
            ));
        }
        for d in &self.departments {
            let d = input::line(d, TrainingField::Department, DEPARTMENT_MAX, false)?;
            let invite = (InviteKind::Department, d);
            if !invite.1.is_empty() && !invitations.contains(&invite) {
                invitations.push(invite);
            }
        }
        for r in self.roles.iter().filter(|r| !r.trim().is_empty()) {
            let role = Role::parse(r.trim())
                .filter(|r| Role::ENTERPRISE_ROLES.contains(r))
                .ok_or(AppError::invalid(TrainingField::Audience, Problem::Invalid))?;
            let invite = (InviteKind::Role, role.as_str().to_owned());
            if !invitations.contains(&invite) {
                invitations.push(invite);
            }
        }
        if invitations.is_empty() {
            return Err(AppError::invalid(
                TrainingField::Audience,
                Problem::Required,
            ));
        }
        Ok((false, invitations))
    }
}

/// The trainer's tick of a person present (no phone), or their sign-out. An empty time means
/// the start of the session for a sign-in (the trainer vouches the person was there from the
/// start) and now, inside the session, for a sign-out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PresenceForm {
    pub user_id: String,
    /// `HH:MM` on the session's day, China time; empty: see above.
    #[serde(default)]
    pub time: String,
}

/// One person's credited hours, set by the trainer with a reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OverrideForm {
    pub user_id: String,
    pub hours: String,
    #[serde(default)]
    pub reason: String,
}

#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq)]
pub struct OverrideInput {
    pub user_id: Uuid,
    pub half_hours: i32,
    pub reason: String,
}

#[cfg(feature = "ssr")]
impl OverrideForm {
    /// `full`: the session's credited half hours, the most an override may give.
    pub fn validate(&self, full: i32) -> Result<OverrideInput, AppError> {
        Ok(OverrideInput {
            user_id: input::uuid(&self.user_id, Field::User)?,
            half_hours: half_hours(&self.hours, TrainingField::HoursOverride, 0..=full)?,
            reason: input::line(&self.reason, Field::Reason, REASON_MAX, true)?,
        })
    }
}

/// One row of the score list; an empty score leaves the person as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreRow {
    pub user_id: String,
    #[serde(default)]
    pub score: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoresForm {
    #[serde(default)]
    pub rows: Vec<ScoreRow>,
}

#[cfg(feature = "ssr")]
impl ScoresForm {
    /// The scores given, each person once (the last one counts).
    pub fn validate(&self) -> Result<Vec<(Uuid, i32)>, AppError> {
        if self.rows.len() > INVITES_MAX {
            return Err(AppError::invalid(TrainingField::Score, Problem::Invalid));
        }
        let mut out: Vec<(Uuid, i32)> = Vec::new();
        for row in self.rows.iter().filter(|r| !r.score.trim().is_empty()) {
            let user = input::uuid(&row.user_id, Field::User)?;
            let score = input::whole(&row.score, TrainingField::Score, 0..=100)? as i32;
            out.retain(|(u, _)| *u != user);
            out.push((user, score));
        }
        if out.is_empty() {
            return Err(AppError::invalid(TrainingField::Score, Problem::Required));
        }
        Ok(out)
    }
}

/// A person in a picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChoice {
    pub id: Uuid,
    pub name: String,
    pub department: Option<String>,
    pub role: crate::auth::Role,
}

/// What the new-session form needs: the values to show (empty, or copied from a session),
/// the people, departments and trainers to choose from, and who is creating it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSessionForm {
    pub form: SessionForm,
    pub people: Vec<PersonChoice>,
    pub departments: Vec<String>,
    pub trainers: Vec<PersonChoice>,
    pub me: Uuid,
}

/// A session's line in a list, with its attendance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionLine {
    pub id: Uuid,
    pub title: String,
    pub category: Category,
    /// `2026-12-01 09:00–11:00`, China time.
    pub when: String,
    pub half_hours: i32,
    pub location: String,
    pub trainer: String,
    pub assessment: Assessment,
    pub cancelled: bool,
    pub open_to_all: bool,
    /// People invited (active); `None` when open to all.
    pub invited: Option<i64>,
    pub signed_in: i64,
    /// Present, assessed by score or quiz, with no result yet.
    pub not_assessed: i64,
}

/// A worker's own session: upcoming (invited or open), or past (attended) with the hours
/// credited and the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MySession {
    pub id: Uuid,
    pub title: String,
    pub category: Category,
    pub when: String,
    pub location: String,
    pub half_hours: Option<i32>,
    pub score: Option<i32>,
    pub passed: Option<bool>,
}

/// `/training`: the enterprise's sessions for trainers, officers and admins; a worker's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionLists {
    pub staff: bool,
    pub upcoming: Vec<SessionLine>,
    pub past: Vec<SessionLine>,
    pub my_upcoming: Vec<MySession>,
    pub my_past: Vec<MySession>,
}

/// One person on a session's roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RosterRow {
    pub user_id: Uuid,
    pub name: String,
    pub employee_no: Option<String>,
    pub department: Option<String>,
    /// `HH:MM`, China time: for a sign-in the offline outbox brought, the scan's time.
    pub signed_in: Option<String>,
    /// `HH:MM` when the outbox uploaded that sign-in (shown beside it when different).
    pub sign_in_uploaded: Option<String>,
    pub sign_in_by: Option<PresenceBy>,
    /// The trainer's name when ticked by the trainer.
    pub ticked_by: Option<String>,
    pub signed_out: Option<String>,
    pub sign_out_by: Option<PresenceBy>,
    pub late: bool,
    pub left_early: bool,
    /// Credited half hours (the override when there is one); `None` when absent.
    pub half_hours: Option<i32>,
    pub override_reason: Option<String>,
    pub score: Option<i32>,
    pub passed: Option<bool>,
    /// The review of a sign-in the offline outbox brought (pending: the 接受 / 拒绝 buttons).
    pub review: Option<crate::training::Review>,
}

impl RosterRow {
    /// The sign-in time as the roster and the sheet show it: "手机记录 09:01 · 上传 10:40" when
    /// the outbox brought it later.
    pub fn signed_in_text(&self, locale: crate::i18n::Locale) -> Option<String> {
        let at = self.signed_in.as_deref()?;
        Some(match &self.sign_in_uploaded {
            Some(up) => crate::offline::both_times(locale, at, up),
            None => at.to_owned(),
        })
    }
}

/// A session's page (and its sign-in sheet): the details and the roster. A worker sees only
/// their own row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionPage {
    pub id: Uuid,
    pub title: String,
    pub category: Category,
    /// `2026-12-01`.
    pub date: String,
    /// `09:00`, `11:00`.
    pub start: String,
    pub end: String,
    pub half_hours: i32,
    pub location: String,
    pub trainer: String,
    pub summary: String,
    pub open_to_all: bool,
    pub invitations: Vec<(InviteKind, String)>,
    pub assessment: Assessment,
    pub pass_mark: Option<i32>,
    pub quiz_size: Option<i32>,
    pub cancelled: bool,
    /// The session's trainer, an officer or an admin: ticks, hours, scores, cancel.
    pub can_manage: bool,
    pub roster: Vec<RosterRow>,
    /// For the trainer's tick of someone at an open session: people not on the roster.
    pub others: Vec<PersonChoice>,
    /// A back-entry (补录): written more than a week after the session; `confirmed` once a
    /// second person did, which `can_confirm` may (staff who took no part in its records).
    pub back_entry: bool,
    pub confirmed: bool,
    pub can_confirm: bool,
}

/// Hours from half hours: `4` → "2", `3` → "1.5" (the one formatter, crate::time_fmt).
pub use crate::time_fmt::half_hours_number as hours_text;
