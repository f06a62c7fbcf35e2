//! What the 25-item pages show, and the rules behind it: an item's state from its latest
//! answer and that answer's hazard, and the period a page asks for.

use crate::hazards::{HazardCategory, HazardState};
#[cfg(feature = "ssr")]
use crate::patrols::PatrolField;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    error::{AppError, Problem},
    patrols::AnswerResult,
};

crate::text_enum! {
    /// Where one of the 25 items stands (computed, never stored: `item_state`).
    pub enum ItemState {
        /// 未自查: never answered.
        NotChecked = "not_checked",
        /// 符合: the latest answer passed.
        Compliant = "compliant",
        /// 不符合-整改中: the latest answer failed and its hazard is not closed yet.
        Rectifying = "rectifying",
        /// 已销号: the latest answer failed and its hazard was re-checked and closed.
        Closed = "closed",
        /// 不涉及: the item does not concern the enterprise (its ledger entry lacks the pack's
        /// focus risk, or it was marked so with a reason); not counted.
        NotApplicable = "not_applicable",
    }
}

/// The state of an item from its latest answer (None: never answered) and, for a failed
/// answer, the state of the hazard it raised (research §A5: a finding is cleared only by
/// 销号; the seed's "逐企逐项销号" counts an item cleared once its hazard is closed). A re-check
/// that fails sends the hazard back to 整改中, so the item stays 不符合-整改中.
#[cfg(feature = "ssr")]
pub fn item_state(latest: Option<(AnswerResult, Option<HazardState>)>) -> ItemState {
    match latest {
        None => ItemState::NotChecked,
        Some((AnswerResult::Pass, _)) => ItemState::Compliant,
        Some((AnswerResult::Fail, Some(HazardState::Closed))) => ItemState::Closed,
        // A failed item always raised a hazard; without one it is still not cleared.
        Some((AnswerResult::Fail, _)) => ItemState::Rectifying,
    }
}

/// The hazard a failed item raised, with its rectification (五落实) for the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemHazard {
    pub id: Uuid,
    pub number: String,
    pub state: HazardState,
    pub measures: Option<String>,
    pub rectifier: Option<String>,
    /// In yuan, `1200.50`.
    pub funds: Option<String>,
    /// `YYYY-MM-DD`.
    pub deadline: Option<String>,
    /// China time, `YYYY-MM-DD HH:MM`.
    pub closed_at: Option<String>,
}

/// One item of the enterprise's 25-item checklist(s), at their current version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemProgress {
    pub checklist: String,
    pub key: String,
    pub position: i32,
    pub text: String,
    pub category: HazardCategory,
    pub basis: String,
    pub state: ItemState,
    /// The latest check: when (China time) and by whom.
    pub checked_at: Option<String>,
    pub checked_by: Option<String>,
    /// What the latest answer said beyond pass/fail (a note, a reading, a text).
    pub finding: String,
    pub hazard: Option<ItemHazard>,
    /// Why it is 不涉及 when it was marked so by hand (the ledger's reason is its focus risks).
    #[serde(default)]
    pub not_applicable_reason: Option<String>,
}

/// Applicable items cleared (符合 or 已销号) and applicable items: 不涉及 ones count in
/// neither (the plan's 清零 is of the items that concern the enterprise).
pub fn cleared_of_applicable(items: &[ItemProgress]) -> (usize, usize) {
    let applicable = items
        .iter()
        .filter(|i| i.state != ItemState::NotApplicable);
    let cleared = applicable
        .clone()
        .filter(|i| matches!(i.state, ItemState::Compliant | ItemState::Closed))
        .count();
    (cleared, applicable.count())
}

/// Marking an item 不涉及 (with its reason), or taking the mark back (`applies`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicabilityForm {
    pub item_key: String,
    #[serde(default)]
    pub reason: String,
    /// A checkbox-like flag: present when the item concerns the enterprise after all.
    #[serde(default)]
    pub applies: Option<String>,
    /// The enterprise, when its regulator marks the item (officers mark their own: empty).
    #[serde(default)]
    pub enterprise: String,
}

/// How many items are in each state.
pub fn state_counts(items: &[ItemProgress]) -> Vec<(ItemState, usize)> {
    ItemState::ALL
        .into_iter()
        .map(|s| (s, items.iter().filter(|i| i.state == s).count()))
        .collect()
}

/// Per category (in the order of `HazardCategory::ALL`), how many items are in each state
/// (in the order of `ItemState::ALL`); categories without items are left out.
pub fn category_counts(items: &[ItemProgress]) -> Vec<(HazardCategory, [usize; 5])> {
    HazardCategory::ALL
        .into_iter()
        .filter_map(|c| {
            let mine: Vec<&ItemProgress> = items.iter().filter(|i| i.category == c).collect();
            if mine.is_empty() {
                return None;
            }
            let mut counts = [0; 5];
            for (n, s) in ItemState::ALL.into_iter().enumerate() {
                counts[n] = mine.iter().filter(|i| i.state == s).count();
            }
            Some((c, counts))
        })
        .collect()
}

/// The printable 专项自查报告: the enterprise, the period, every item with its finding and
/// rectification, and whom the signature block names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfCheckReport {
    pub enterprise: String,
    /// The enterprise's 主要负责人, when named (else the name line is left blank).
    pub principal: Option<String>,
    pub from: String,
    pub to: String,
    pub items: Vec<ItemProgress>,
}

/// One column of the regulator's matrix: one of the 25 items (a ready pack's item).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixColumn {
    pub key: String,
    /// Its number in the 25 (research §C3: 粉尘 1–6, 有限空间 7–10, 铝 11–17, 钢 18–25).
    pub number: u32,
    pub text: String,
    pub category: HazardCategory,
}

/// Expected rounds whose window has ended, in a period, and how they went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completion {
    pub done: u32,
    pub late: u32,
    /// In the window by the phone's clock, brought by the outbox after the upload bound.
    pub late_upload: u32,
    pub missed: u32,
}

impl Completion {
    pub fn expected(&self) -> u32 {
        self.done + self.late + self.late_upload + self.missed
    }

    /// Done or late (either way), in whole percent; None when no round was expected.
    pub fn percent(&self) -> Option<u32> {
        let expected = self.expected();
        let made = self.done + self.late + self.late_upload;
        (expected > 0).then(|| (made * 100 + expected / 2) / expected)
    }
}

/// One enterprise's line of the matrix: a state per column (None: it does not carry that
/// item), and its patrol completion over the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixRow {
    pub enterprise_id: Uuid,
    pub name: String,
    pub code: String,
    pub cells: Vec<Option<ItemState>>,
    pub completion: Completion,
}

/// The regulator's 逐企逐项销号 matrix over a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfCheckMatrix {
    pub from: String,
    pub to: String,
    pub columns: Vec<MatrixColumn>,
    /// The enterprises of the page shown.
    pub rows: Vec<MatrixRow>,
    /// Enterprises of the jurisdiction, and the page shown of how many (from 1).
    pub total: usize,
    pub page: u32,
    pub pages: u32,
}

/// The longest period a page computes (a year, leap day included).
pub const PERIOD_MAX_DAYS: i64 = 366;
/// The default start of the completion rate's period: the last 7 days, the end included.
#[cfg(feature = "ssr")]
pub fn last_week(to: time::Date) -> time::Date {
    to - time::Duration::days(6)
}

/// The default start of the report's period: the first of January of the end's year.
#[cfg(feature = "ssr")]
pub fn year_start(to: time::Date) -> time::Date {
    to.replace_ordinal(1).unwrap_or(to)
}

/// The period `from`–`to` (`YYYY-MM-DD`, China days, both included) a page asks for; an empty
/// end defaults to today, an empty start to `default_from(end)`. Refused with a
/// field error: a date that is none (or outside 2000–2099), an end before the start, a period
/// longer than `PERIOD_MAX_DAYS`.
#[cfg(feature = "ssr")]
pub fn period(
    from: &str,
    to: &str,
    today: time::Date,
    default_from: impl Fn(time::Date) -> time::Date,
) -> Result<(time::Date, time::Date), AppError> {
    let day = |value: &str, field: PatrolField| -> Result<time::Date, AppError> {
        let d = crate::input::date(value, field)?;
        if !(2000..=2099).contains(&d.year()) {
            return Err(AppError::invalid(field, Problem::Invalid));
        }
        Ok(d)
    };
    let to = if to.trim().is_empty() {
        today
    } else {
        day(to, PatrolField::PeriodTo)?
    };
    let from = if from.trim().is_empty() {
        default_from(to)
    } else {
        day(from, PatrolField::PeriodFrom)?
    };
    if from > to {
        return Err(AppError::invalid(
            PatrolField::PeriodTo,
            Problem::BeforeStart,
        ));
    }
    if (to - from).whole_days() + 1 > PERIOD_MAX_DAYS {
        return Err(AppError::invalid(PatrolField::PeriodTo, Problem::TooLate));
    }
    Ok((from, to))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn an_item_is_cleared_only_when_its_hazard_is_closed() {
        use AnswerResult::{Fail, Pass};
        assert_eq!(item_state(None), ItemState::NotChecked);
        assert_eq!(item_state(Some((Pass, None))), ItemState::Compliant);
        for open in [
            HazardState::Reported,
            HazardState::FixedOnSpot,
            HazardState::Rectifying,
            HazardState::AwaitingRecheck,
        ] {
            assert_eq!(item_state(Some((Fail, Some(open)))), ItemState::Rectifying);
        }
        assert_eq!(item_state(Some((Fail, None))), ItemState::Rectifying);
        let closed = Some((Fail, Some(HazardState::Closed)));
        assert_eq!(item_state(closed), ItemState::Closed);
    }

    #[test]
    fn periods_default_and_refuse_with_the_field() {
        let today = date!(2026 - 12 - 01);
        assert_eq!(
            period("", "", today, last_week),
            Ok((date!(2026 - 11 - 25), today))
        );
        assert_eq!(
            period("", "2026-06-30", today, year_start),
            Ok((date!(2026 - 01 - 01), date!(2026 - 06 - 30)))
        );
        assert_eq!(
            period(" 2026-12-01 ", "2026-12-01", today, last_week),
            Ok((today, today))
        );
        let bad = |f: PatrolField, p: Problem| Err(AppError::invalid(f, p));
        assert_eq!(
            period("2026-12-02", "2026-12-01", today, last_week),
            bad(PatrolField::PeriodTo, Problem::BeforeStart)
        );
        assert_eq!(
            period("NaN", "", today, last_week),
            bad(PatrolField::PeriodFrom, Problem::Invalid)
        );
        assert_eq!(
            period("2025-12-01", "2026-12-01", today, last_week).map(|p| p.0),
            Ok(date!(2025 - 12 - 01))
        );
        assert_eq!(
            period("2025-11-30", "2026-12-01", today, last_week),
            bad(PatrolField::PeriodTo, Problem::TooLate)
        );
    }

    #[test]
    fn a_rate_rounds_to_whole_percent() {
        let c = |done, late, missed| Completion {
            done,
            late,
            late_upload: 0,
            missed,
        };
        assert_eq!(c(1, 1, 1).percent(), Some(67));
        assert_eq!(c(0, 0, 3).percent(), Some(0));
        assert_eq!(c(2, 0, 0).percent(), Some(100));
        assert_eq!(c(0, 0, 0).percent(), None);
    }
}
