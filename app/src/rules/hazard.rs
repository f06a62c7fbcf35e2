//! Rules of hazard governance (隐患排查治理), from 《安全生产事故隐患排查治理暂行规定》
//! (原安监总局令第16号, 2007) as quoted in research §A5, and the 安全生产法 (2021). Article
//! numbers are shown to no one: the pages say what is needed, not where it is written.

use crate::time_fmt::china_day;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// 一般事故隐患 = "危害和整改难度较小，发现后能够立即整改排除的隐患" (16号令 第三条): only a
/// 一般 hazard can be closed as fixed on the spot (已立即整改). A 重大 one needs a plan and time.
pub fn may_fix_on_spot(major: bool) -> bool {
    !major
}

/// A 重大 hazard leaves 待确认 only with its 治理方案 of six parts (16号令 第十五条: 目标和任务、
/// 方法和措施、经费和物资、机构和人员、时限和要求、安全措施和应急预案) and the date it was
/// reported to the regulator (安全生产法 2021 第四十一条: 重大事故隐患…向负有安全生产监督管理
/// 职责的部门…报告).
pub fn major_ready(plan_complete: bool, reported_on: Option<Date>) -> bool {
    plan_complete && reported_on.is_some()
}

/// The re-check (复查/验收) is independent: the re-checker is neither the responsible
/// rectifier nor the person who did the fix (research §A5 "复查/验收人", the provincial systems'
/// 整改→确认 by another person).
pub fn recheck_is_independent(
    rechecker: Uuid,
    rectifier: Option<Uuid>,
    fixed_by: Option<Uuid>,
) -> bool {
    rectifier != Some(rechecker) && fixed_by != Some(rechecker)
}

/// Overdue = past 期限 and not 销号 (research §A5). The deadline is a China-time day: a hazard
/// due on the 1st is overdue from the 2nd, 00:00 Beijing time.
pub fn is_overdue(deadline: Option<Date>, open: bool, now: OffsetDateTime) -> bool {
    open && deadline.is_some_and(|d| china_day(now) > d)
}

/// 编号: `YH-<year>-<nnnn>`, numbered per enterprise and year (事故隐患信息档案, 16号令 第十条).
pub fn number(year: i32, n: i32) -> String {
    format!("YH-{year}-{n:04}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn only_a_general_hazard_is_fixed_on_the_spot() {
        assert!(may_fix_on_spot(false));
        assert!(!may_fix_on_spot(true));
    }

    #[test]
    fn a_major_hazard_needs_the_plan_and_the_report() {
        assert!(major_ready(true, Some(date!(2026 - 12 - 01))));
        assert!(!major_ready(true, None));
        assert!(!major_ready(false, Some(date!(2026 - 12 - 01))));
    }

    #[test]
    fn the_rechecker_is_not_the_rectifier_nor_the_fixer() {
        let (a, b, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        assert!(recheck_is_independent(a, Some(b), Some(c)));
        assert!(recheck_is_independent(a, None, Some(b)));
        assert!(!recheck_is_independent(a, Some(a), Some(b)));
        assert!(!recheck_is_independent(a, None, Some(a)));
    }

    #[test]
    fn overdue_starts_the_day_after_the_deadline_in_china_time() {
        let due = Some(date!(2026 - 03 - 01));
        // 23:59:59 on the deadline in Beijing is 15:59:59 UTC: not yet.
        assert!(!is_overdue(due, true, datetime!(2026-03-01 15:59:59 UTC)));
        // One second later it is the 2nd in Beijing (still the 1st in UTC): overdue.
        assert!(is_overdue(due, true, datetime!(2026-03-01 16:00:00 UTC)));
        // Closed, or no deadline: never.
        assert!(!is_overdue(due, false, datetime!(2026-04-01 00:00 UTC)));
        assert!(!is_overdue(None, true, datetime!(2026-04-01 00:00 UTC)));
        assert_eq!(
            china_day(datetime!(2026-03-01 16:00:00 UTC)),
            date!(2026 - 03 - 02)
        );
    }

    #[test]
    fn numbers_are_per_year_and_zero_padded() {
        assert_eq!(number(2026, 1), "YH-2026-0001");
        assert_eq!(number(2026, 12345), "YH-2026-12345");
    }
}
