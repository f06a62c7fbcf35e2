//! Cleared for work (未经培训合格不得上岗): from one person's facts, whether they may work and,
//! if not, every reason. Pure: the caller loads the facts (training::clearance::db) and passes
//! today's date. Sources and how sure each rule is (research §A4, §C4; tags as there:
//! [V] verified, [S] secondary source, [M] own knowledge, to check):
//!
//! - 安全生产法 (2021) 第二十八条: "未经安全生产教育和培训合格的从业人员，不得上岗作业" [S]
//!   (article number [M]);
//! - 三级安全教育 厂级 → 车间级 → 班组级 before taking up the post (3号令 第十二条) [S];
//!   at least 24 学时 (72 for 煤矿、非煤矿山、危化、烟花爆竹、金属冶炼) (3号令 第十三条) [S]:
//!   an enterprise setting, `Policy::induction_half_hours`;
//! - "调整工作岗位或离岗一年以上重新上岗时，应当重新接受车间（工段、区、队）和班组级的安全培训"
//!   (3号令 第十七条) [S] (article number [M]);
//! - yearly re-training: no national minimum for front-line workers in 3号令 [S]; 20 学时 for
//!   the high-risk sectors (3号令 第十三条) [S]; "8学时" only in local rules: an enterprise
//!   setting, off by default (`Policy::annual_half_hours`).
//!
//! 主要负责人 and 安全管理人员 have their own hours (32/12, 48/16; 3号令 第九条 [M]); they are not
//! enforced here: everyone of the enterprise needs the same 三级教育 before working.

use super::training_kinds::{Category, MoveKind};
use serde::{Deserialize, Serialize};
use time::Date;

/// 学时 are counted in half hours (the storage unit of training hours).
pub const HALF_HOURS_PER_HOUR: i32 = 2;
/// 三级教育 of a new hire, general industries: ≥ 24 学时 (3号令 第十三条) [S]. The default of
/// `enterprises.induction_half_hours`.
pub const INDUCTION_HALF_HOURS_DEFAULT: i32 = 24 * HALF_HOURS_PER_HOUR;
/// 三级教育 in 煤矿、非煤矿山、危化、烟花爆竹、金属冶炼: ≥ 72 学时 (3号令 第十三条) [S].
pub const INDUCTION_HALF_HOURS_HIGH_RISK: i32 = 72 * HALF_HOURS_PER_HOUR;
/// Yearly re-training in the same high-risk sectors: ≥ 20 学时 (3号令 第十三条) [S]; shown as
/// the basis on the enterprise settings page.
pub const ANNUAL_HALF_HOURS_HIGH_RISK: i32 = 20 * HALF_HOURS_PER_HOUR;
/// "离岗一年以上": an absence of 365 days or more calls for re-training (3号令 第十七条) [S].
/// Our reading of "一年以上" as "a year or more", counted in days [M].
pub const AWAY_DAYS_FOR_RETRAINING: i64 = 365;
/// The largest enterprise setting of either hours (the schema's check: 200 学时).
pub const MAX_POLICY_HALF_HOURS: i32 = 400;

/// The enterprise's training policy (`enterprises.induction_half_hours`,
/// `enterprises.annual_half_hours`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub induction_half_hours: i32,
    /// `None`: no yearly minimum (the default).
    pub annual_half_hours: Option<i32>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            induction_half_hours: INDUCTION_HALF_HOURS_DEFAULT,
            annual_half_hours: None,
        }
    }
}

/// How a training record ended for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    /// Assessed, but no result yet.
    Pending,
    /// The session has no assessment (assessment 'none'): presence is the record.
    NotAssessed,
}

impl Outcome {
    /// A record counts when the person attended (the caller loads attendance rows only) and
    /// passed, or the session was not assessed.
    pub fn counts(self) -> bool {
        matches!(self, Outcome::Passed | Outcome::NotAssessed)
    }
}

/// One session the person attended: its category, its day (China time), the credited hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub category: Category,
    pub day: Date,
    pub half_hours: i32,
    pub outcome: Outcome,
}

/// A move recorded in `person_moves`: 转岗 on `on`, or 复岗 on `on` after being away since
/// `away_since`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move {
    pub kind: MoveKind,
    pub on: Date,
    pub away_since: Option<Date>,
}

/// Everything the rules read about one person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub records: Vec<Record>,
    pub moves: Vec<Move>,
}

/// Why a person is not cleared. Flags name what is missing (`true` = missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// 三级教育 incomplete: these levels have no counted record.
    InductionMissing {
        company: bool,
        workshop: bool,
        team: bool,
    },
    /// 三级教育 below the enterprise's hours.
    InductionHours { have: i32, need: i32 },
    /// 转岗 on `on` without the 车间 + 班组 re-training since.
    TransferNotRetrained {
        on: Date,
        workshop: bool,
        team: bool,
    },
    /// 复岗 on `on` after `away_days` away, without the 车间 + 班组 re-training since.
    ReturnNotRetrained {
        on: Date,
        away_days: i64,
        workshop: bool,
        team: bool,
    },
    /// Re-training in the last 12 months below the enterprise's yearly hours.
    AnnualHours { have: i32, need: i32 },
}

/// Cleared, or every reason why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Clearance {
    Cleared,
    NotCleared(Vec<Reason>),
}

impl Clearance {
    pub fn is_cleared(&self) -> bool {
        matches!(self, Clearance::Cleared)
    }

    /// The first reason (what a refusal names), if any.
    pub fn first(&self) -> Option<Reason> {
        match self {
            Clearance::Cleared => None,
            Clearance::NotCleared(reasons) => reasons.first().copied(),
        }
    }

    pub fn reasons(&self) -> &[Reason] {
        match self {
            Clearance::Cleared => &[],
            Clearance::NotCleared(reasons) => reasons,
        }
    }
}

/// Whether a record made on `day` still counts on `today` for a 12-month rule: through the same
/// day a year later (`rules::training::confined_space_last_day`, the one 12-month expiry of
/// the app: 有限空间专题培训 "每年至少一次", 13号令 [S], and the yearly re-training window).
pub fn within_twelve_months(day: Date, today: Date) -> bool {
    day <= today && super::training::confined_space_last_day(day) >= today
}

/// The person's clearance on `today`. Records and moves dated after `today` are ignored.
pub fn clearance(facts: &Facts, policy: &Policy, today: Date) -> Clearance {
    let counted: Vec<&Record> = facts
        .records
        .iter()
        .filter(|r| r.outcome.counts() && r.day <= today)
        .collect();
    let mut reasons = Vec::new();
    induction(&counted, policy, &mut reasons);
    if let Some(reason) = transfer(&counted, &facts.moves, today) {
        reasons.push(reason);
    }
    if let Some(reason) = return_to_post(&counted, &facts.moves, today) {
        reasons.push(reason);
    }
    if let Some(need) = policy.annual_half_hours {
        let have = counted
            .iter()
            .filter(|r| within_twelve_months(r.day, today))
            .map(|r| r.half_hours)
            .sum();
        if have < need {
            reasons.push(Reason::AnnualHours { have, need });
        }
    }
    if reasons.is_empty() {
        Clearance::Cleared
    } else {
        Clearance::NotCleared(reasons)
    }
}

/// 三级教育: each level at least once, and their hours together at least the policy's
/// (3号令 第十二条, 第十三条 [S]). Both reasons are given when both apply: the hours say how
/// much is still missing.
fn induction(counted: &[&Record], policy: &Policy, reasons: &mut Vec<Reason>) {
    let has = |c: Category| counted.iter().any(|r| r.category == c);
    let (company, workshop, team) = (
        !has(Category::InductionCompany),
        !has(Category::InductionWorkshop),
        !has(Category::InductionTeam),
    );
    if company || workshop || team {
        reasons.push(Reason::InductionMissing {
            company,
            workshop,
            team,
        });
    }
    let have: i32 = counted
        .iter()
        .filter(|r| r.category.is_induction())
        .map(|r| r.half_hours)
        .sum();
    if have < policy.induction_half_hours {
        reasons.push(Reason::InductionHours {
            have,
            need: policy.induction_half_hours,
        });
    }
}

/// Which of the 车间 + 班组 re-training is missing on or after `since`, a session of `stands_in`
/// (转岗 or 复岗 training) counting as both. `None` when nothing is missing.
fn retraining_missing(
    counted: &[&Record],
    since: Date,
    stands_in: Category,
) -> Option<(bool, bool)> {
    let has = |c: Category| {
        counted
            .iter()
            .any(|r| r.day >= since && (r.category == c || r.category == stands_in))
    };
    let workshop = !has(Category::InductionWorkshop);
    let team = !has(Category::InductionTeam);
    (workshop || team).then_some((workshop, team))
}

/// 转岗 (3号令 第十七条 [S]): after the latest move to a new post, 车间 + 班组 re-training
/// dated on or after that day. A passed 转岗 session (category `transfer`) is that
/// re-training too: it is the enterprise's 车间/班组 course for the new post. Only the latest
/// move matters: training after it is after every earlier one.
fn transfer(counted: &[&Record], moves: &[Move], today: Date) -> Option<Reason> {
    let on = moves
        .iter()
        .filter(|m| m.kind == MoveKind::Transfer && m.on <= today)
        .map(|m| m.on)
        .max()?;
    let (workshop, team) = retraining_missing(counted, on, Category::Transfer)?;
    Some(Reason::TransferNotRetrained { on, workshop, team })
}

/// 复岗 (3号令 第十七条 [S]): back after an absence of a year or more (365 days or more:
/// 364 days away needs nothing), 车间 + 班组 re-training on or after the return. A passed 复岗
/// session (category `return_to_post`) counts as that re-training.
fn return_to_post(counted: &[&Record], moves: &[Move], today: Date) -> Option<Reason> {
    let (on, away_days) = moves
        .iter()
        .filter(|m| m.kind == MoveKind::ReturnToPost && m.on <= today)
        .filter_map(|m| {
            let away = (m.on - m.away_since?).whole_days();
            (away >= AWAY_DAYS_FOR_RETRAINING).then_some((m.on, away))
        })
        .max()?;
    let (workshop, team) = retraining_missing(counted, on, Category::ReturnToPost)?;
    Some(Reason::ReturnNotRetrained {
        on,
        away_days,
        workshop,
        team,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::{macros::date, Duration};

    const TODAY: Date = date!(2026 - 12 - 01);

    fn rec(category: Category, day: Date, half_hours: i32) -> Record {
        Record {
            category,
            day,
            half_hours,
            outcome: Outcome::Passed,
        }
    }

    /// 三级教育 of `total` half hours, spread over the three levels, a month ago.
    fn inducted(total: i32) -> Vec<Record> {
        let day = TODAY - Duration::days(30);
        let third = total / 3;
        vec![
            rec(Category::InductionCompany, day, third),
            rec(Category::InductionWorkshop, day, third),
            rec(Category::InductionTeam, day, total - 2 * third),
        ]
    }

    fn with(records: Vec<Record>, moves: Vec<Move>) -> Facts {
        Facts { records, moves }
    }

    #[test]
    fn induction_needs_every_level_and_the_policy_hours() {
        let policy = Policy::default();
        // 24 学时 exactly: cleared; 23.5: not.
        assert_eq!(
            clearance(&with(inducted(48), vec![]), &policy, TODAY),
            Clearance::Cleared
        );
        assert_eq!(
            clearance(&with(inducted(47), vec![]), &policy, TODAY),
            Clearance::NotCleared(vec![Reason::InductionHours { have: 47, need: 48 }])
        );
        // Nothing yet: every level missing, and the hours.
        assert_eq!(
            clearance(&Facts::default(), &policy, TODAY).reasons(),
            &[
                Reason::InductionMissing {
                    company: true,
                    workshop: true,
                    team: true
                },
                Reason::InductionHours { have: 0, need: 48 }
            ]
        );
        // 班组级 missing, hours met by the other two.
        let mut two = inducted(48);
        two[2].category = Category::InductionCompany;
        assert_eq!(
            clearance(&with(two, vec![]), &policy, TODAY).first(),
            Some(Reason::InductionMissing {
                company: false,
                workshop: false,
                team: true
            })
        );
        // 72 学时 for high-risk sectors.
        let high = Policy {
            induction_half_hours: INDUCTION_HALF_HOURS_HIGH_RISK,
            annual_half_hours: None,
        };
        assert!(!clearance(&with(inducted(143), vec![]), &high, TODAY).is_cleared());
        assert!(clearance(&with(inducted(144), vec![]), &high, TODAY).is_cleared());
    }

    #[test]
    fn a_failed_or_pending_record_does_not_count_one_not_assessed_does() {
        let policy = Policy::default();
        let mut records = inducted(48);
        records[0].outcome = Outcome::Failed;
        assert!(!clearance(&with(records.clone(), vec![]), &policy, TODAY).is_cleared());
        records[0].outcome = Outcome::Pending;
        assert!(!clearance(&with(records.clone(), vec![]), &policy, TODAY).is_cleared());
        records[0].outcome = Outcome::NotAssessed;
        assert!(clearance(&with(records, vec![]), &policy, TODAY).is_cleared());
    }

    #[test]
    fn a_transfer_needs_workshop_and_team_training_on_or_after_its_day() {
        let policy = Policy::default();
        let on = TODAY - Duration::days(10);
        let moved = vec![Move {
            kind: MoveKind::Transfer,
            on,
            away_since: None,
        }];
        assert_eq!(
            clearance(&with(inducted(48), moved.clone()), &policy, TODAY),
            Clearance::NotCleared(vec![Reason::TransferNotRetrained {
                on,
                workshop: true,
                team: true
            }])
        );
        // The day before the move is not after it; the day itself is.
        let mut records = inducted(48);
        records.push(rec(Category::InductionWorkshop, on - Duration::days(1), 4));
        records.push(rec(Category::InductionTeam, on, 4));
        assert_eq!(
            clearance(&with(records.clone(), moved.clone()), &policy, TODAY).first(),
            Some(Reason::TransferNotRetrained {
                on,
                workshop: true,
                team: false
            })
        );
        records.push(rec(Category::InductionWorkshop, on, 4));
        assert!(clearance(&with(records, moved.clone()), &policy, TODAY).is_cleared());
        // One passed 转岗 session stands for both.
        let mut records = inducted(48);
        records.push(rec(Category::Transfer, on + Duration::days(1), 4));
        assert!(clearance(&with(records, moved.clone()), &policy, TODAY).is_cleared());
        // A move dated after today does not count yet.
        let later = vec![Move {
            on: TODAY + Duration::days(1),
            ..moved[0]
        }];
        assert!(clearance(&with(inducted(48), later), &policy, TODAY).is_cleared());
    }

    #[test]
    fn a_return_after_a_year_or_more_away_needs_retraining_364_days_does_not() {
        let policy = Policy::default();
        let on = TODAY - Duration::days(5);
        let back = |away: i64| {
            vec![Move {
                kind: MoveKind::ReturnToPost,
                on,
                away_since: Some(on - Duration::days(away)),
            }]
        };
        assert!(clearance(&with(inducted(48), back(364)), &policy, TODAY).is_cleared());
        assert_eq!(
            clearance(&with(inducted(48), back(365)), &policy, TODAY).first(),
            Some(Reason::ReturnNotRetrained {
                on,
                away_days: 365,
                workshop: true,
                team: true
            })
        );
        assert_eq!(
            clearance(&with(inducted(48), back(366)), &policy, TODAY),
            Clearance::NotCleared(vec![Reason::ReturnNotRetrained {
                on,
                away_days: 366,
                workshop: true,
                team: true
            }])
        );
        // A passed 复岗 session on the day of return counts for both levels.
        let mut records = inducted(48);
        records.push(rec(Category::ReturnToPost, on, 4));
        assert!(clearance(&with(records, back(366)), &policy, TODAY).is_cleared());
        // A 转岗 session does not stand for the 复岗 re-training.
        let mut records = inducted(48);
        records.push(rec(Category::Transfer, on, 4));
        assert!(!clearance(&with(records, back(366)), &policy, TODAY).is_cleared());
    }

    #[test]
    fn yearly_hours_count_the_last_twelve_months_when_the_enterprise_sets_them() {
        let policy = Policy {
            annual_half_hours: Some(16),
            ..Policy::default()
        };
        let year_ago = date!(2025 - 12 - 01);
        // The induction itself (a month ago) gives 48 half hours this year.
        assert!(clearance(&with(inducted(48), vec![]), &policy, TODAY).is_cleared());
        // An induction of a year and a day ago and 7.5 h this year: below 8 h.
        let mut records: Vec<Record> = inducted(48)
            .into_iter()
            .map(|r| Record {
                day: year_ago - Duration::days(1),
                ..r
            })
            .collect();
        records.push(rec(Category::Daily, TODAY, 15));
        assert_eq!(
            clearance(&with(records.clone(), vec![]), &policy, TODAY),
            Clearance::NotCleared(vec![Reason::AnnualHours { have: 15, need: 16 }])
        );
        // Half an hour on the same day a year ago still counts (the 12-month expiry day).
        records.push(rec(Category::Other, year_ago, 1));
        assert!(clearance(&with(records, vec![]), &policy, TODAY).is_cleared());
        // Off by default.
        assert!(clearance(
            &with(inducted(48), vec![]),
            &Policy::default(),
            TODAY + Duration::days(800)
        )
        .is_cleared());
    }

    #[test]
    fn twelve_months_run_through_the_same_day_a_year_later() {
        let day = date!(2026 - 03 - 15);
        assert!(within_twelve_months(day, date!(2027 - 03 - 15)));
        assert!(!within_twelve_months(day, date!(2027 - 03 - 16)));
        assert!(!within_twelve_months(day, date!(2026 - 03 - 14)));
        // 29 February: through 28 February a year later.
        assert!(within_twelve_months(
            date!(2028 - 02 - 29),
            date!(2029 - 02 - 28)
        ));
        assert!(!within_twelve_months(
            date!(2028 - 02 - 29),
            date!(2029 - 03 - 01)
        ));
    }
}
