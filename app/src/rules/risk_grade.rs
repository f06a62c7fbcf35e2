//! Grading the risks of the risk register (安全风险分级管控, the first half of 双重预防).
//!
//! Sources (see `docs/research.md` §E and §E1; tags: [V] verified in the primary text, [S]
//! secondary source, [R] reconstructed):
//! - LEC (作业条件危险性分析法): D = L × E × C with the factor tables below [S: the tables
//!   repeated by enterprise LEC procedures]. The class edges (> 320 极其危险, 160–320 高度危险,
//!   70–160 显著危险, 20–70 一般危险, < 20 稍有危险) [S]; how those classes map to 重大 / 较大 /
//!   一般 / 低 (红 / 橙 / 黄 / 蓝) varies by province and procedure [R]: an enterprise policy
//!   setting (`RiskPolicy`), by default > 320 红, > 160 橙, > 70 黄, the rest 蓝 — an edge
//!   value belongs to the lower grade (320 is 橙, 321 is 红).
//! - LS (风险矩阵): R = L × S, each 1–5 [S]; its bands differ between procedures [R]: policy,
//!   by default R ≥ 20 红, ≥ 15 橙, ≥ 9 黄, the rest 蓝.
//! - Grades forced whatever the score (`Forced`) [S: the "直接判定为重大风险" cases of the
//!   provincial 双重预防 通则, e.g. 山东 DB37/T 2882-2016, not read in full]: a situation that
//!   is a 重大事故隐患 under the 《工贸企业重大事故隐患判定标准》(2023, §A3); an accident with
//!   deaths or serious injuries whose conditions remain; ten or more people working where
//!   poisoning, explosion or fire threaten. A confined space with a poisoning or asphyxiation
//!   hazard at least 较大 [R: common practice, not found in a primary text]: a policy
//!   setting, on by default.
//! - A risk point's grade is its worst hazard's [S].
//! - The level that owns a grade's measures (重大 公司, 较大 车间, 一般 班组, 低 岗位) and
//!   how often a level's checks run (班组 and 岗位 daily, 车间 weekly, 公司 monthly) [S]: the
//!   defaults of `RiskPolicy`.
//! - 全面辨识 every year for 重点规上 enterprises, at least every three years for the others
//!   (seed item 15) [V]; 重点 read as a 重点监管 focus risk of item 17 [R].

use serde::{Deserialize, Serialize};
use time::{Date, Month};

crate::text_enum! {
    /// The four grades, worst first (重大 / 较大 / 一般 / 低).
    pub enum RiskGrade {
        Major = "major",
        Large = "large",
        General = "general",
        Low = "low",
    }
}

impl RiskGrade {
    /// How bad: 3 for 重大 down to 0 for 低.
    pub fn severity(self) -> u8 {
        match self {
            RiskGrade::Major => 3,
            RiskGrade::Large => 2,
            RiskGrade::General => 1,
            RiskGrade::Low => 0,
        }
    }

    /// The worse of two grades.
    pub fn worse(self, other: RiskGrade) -> RiskGrade {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }

    /// The colour of the four-colour map (红 / 橙 / 黄 / 蓝), as CSS.
    pub fn colour(self) -> &'static str {
        match self {
            RiskGrade::Major => "#d32f2f",
            RiskGrade::Large => "#f57c00",
            RiskGrade::General => "#fbc02d",
            RiskGrade::Low => "#1976d2",
        }
    }
}

crate::text_enum! {
    /// How an enterprise evaluates its hazards.
    pub enum RiskMethod {
        /// 作业条件危险性分析 (L × E × C).
        Lec = "lec",
        /// 风险矩阵 (L × S).
        Ls = "ls",
    }
}

/// LEC's L (事故发生的可能性), in tenths: 10 完全可以预料 … 0.1 实际不可能.
pub const LEC_L_TENTHS: [u32; 7] = [100, 60, 30, 10, 5, 2, 1];
/// LEC's E (暴露于危险环境的频繁程度), in tenths: 10 连续暴露 … 0.5 非常罕见.
pub const LEC_E_TENTHS: [u32; 6] = [100, 60, 30, 20, 10, 5];
/// LEC's C (发生事故可能造成的后果), whole: 100 大灾难、许多人死亡 … 1 引人注目、需要救护.
pub const LEC_C: [u32; 6] = [100, 40, 15, 7, 3, 1];
/// LS's L and S: 1 (极不可能 / 无伤害) to 5.
pub const LS_RANGE: std::ops::RangeInclusive<u32> = 1..=5;

/// A hazard's evaluation as the form gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Score {
    /// L and E in tenths, C whole (values of the tables above).
    Lec {
        l: u32,
        e: u32,
        c: u32,
    },
    Ls {
        l: u32,
        s: u32,
    },
}

/// Which factor of a score is not one of its table's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadFactor {
    L,
    E,
    C,
    S,
}

impl Score {
    pub fn method(self) -> RiskMethod {
        match self {
            Score::Lec { .. } => RiskMethod::Lec,
            Score::Ls { .. } => RiskMethod::Ls,
        }
    }

    /// The factors checked against their tables.
    pub fn check(self) -> Result<Score, BadFactor> {
        match self {
            Score::Lec { l, e, c } => {
                if !LEC_L_TENTHS.contains(&l) {
                    Err(BadFactor::L)
                } else if !LEC_E_TENTHS.contains(&e) {
                    Err(BadFactor::E)
                } else if !LEC_C.contains(&c) {
                    Err(BadFactor::C)
                } else {
                    Ok(self)
                }
            }
            Score::Ls { l, s } => {
                if !LS_RANGE.contains(&l) {
                    Err(BadFactor::L)
                } else if !LS_RANGE.contains(&s) {
                    Err(BadFactor::S)
                } else {
                    Ok(self)
                }
            }
        }
    }

    /// The score's value in hundredths (LEC's D can be fractional: 0.5 × 0.5 × 1 = 0.25).
    pub fn value_hundredths(self) -> u32 {
        match self {
            Score::Lec { l, e, c } => l * e * c,
            Score::Ls { l, s } => l * s * 100,
        }
    }
}

/// An enterprise's grading policy: the class edges and defaults the sources leave open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskPolicy {
    pub method: RiskMethod,
    /// LEC: D above these is 红, 橙, 黄 (whole numbers, descending).
    pub lec_red_above: u32,
    pub lec_orange_above: u32,
    pub lec_yellow_above: u32,
    /// LS: R at or above these is 红, 橙, 黄 (descending).
    pub ls_red_from: u32,
    pub ls_orange_from: u32,
    pub ls_yellow_from: u32,
    /// A confined space with a poisoning or asphyxiation hazard is at least 较大.
    pub confined_toxic_at_least_large: bool,
}

impl Default for RiskPolicy {
    fn default() -> Self {
        RiskPolicy {
            method: RiskMethod::Lec,
            lec_red_above: 320,
            lec_orange_above: 160,
            lec_yellow_above: 70,
            ls_red_from: 20,
            ls_orange_from: 15,
            ls_yellow_from: 9,
            confined_toxic_at_least_large: true,
        }
    }
}

impl RiskPolicy {
    /// Whether the edges descend (红 above 橙 above 黄) and LS's lie within 1–25.
    pub fn is_consistent(&self) -> bool {
        self.lec_red_above > self.lec_orange_above
            && self.lec_orange_above > self.lec_yellow_above
            && self.ls_red_from > self.ls_orange_from
            && self.ls_orange_from > self.ls_yellow_from
            && self.ls_yellow_from >= 1
            && self.ls_red_from <= 25
    }

    /// The grade a (checked) score earns by this policy's edges.
    pub fn grade_of(&self, score: Score) -> RiskGrade {
        self.grade_of_value(score.method(), score.value_hundredths())
    }

    /// The grade of a score's value (in hundredths) by `method`'s edges: LEC's D above an
    /// edge, LS's R at or above one.
    pub fn grade_of_value(&self, method: RiskMethod, hundredths: u32) -> RiskGrade {
        let over = |edge: u32| match method {
            RiskMethod::Lec => hundredths > edge * 100,
            RiskMethod::Ls => hundredths >= edge * 100,
        };
        let edges = match method {
            RiskMethod::Lec => [
                self.lec_red_above,
                self.lec_orange_above,
                self.lec_yellow_above,
            ],
            RiskMethod::Ls => [self.ls_red_from, self.ls_orange_from, self.ls_yellow_from],
        };
        let grades = [RiskGrade::Major, RiskGrade::Large, RiskGrade::General];
        edges
            .into_iter()
            .zip(grades)
            .find_map(|(edge, g)| over(edge).then_some(g))
            .unwrap_or(RiskGrade::Low)
    }

    /// The hazard's grade: its score's, raised by the situations that force one.
    pub fn final_grade(&self, score: Score, forced: &[Forced]) -> RiskGrade {
        forced
            .iter()
            .filter_map(|f| f.floor(self))
            .fold(self.grade_of(score), RiskGrade::worse)
    }
}

crate::text_enum! {
    /// A situation that sets a hazard's grade whatever its score.
    pub enum Forced {
        /// A 重大事故隐患 under the 判定标准 → 重大.
        MajorAccidentHazard = "major_accident_hazard",
        /// An accident with deaths or serious injuries happened and its conditions remain → 重大.
        AccidentConditionsRemain = "accident_conditions_remain",
        /// Ten or more people work where poisoning, explosion or fire threaten → 重大.
        TenOrMoreExposed = "ten_or_more_exposed",
        /// A confined space with a poisoning or asphyxiation hazard → at least 较大 (policy).
        ConfinedToxic = "confined_toxic",
    }
}

impl Forced {
    /// The grade the situation sets at least, under `policy` (none when the policy turns the
    /// rule off).
    pub fn floor(self, policy: &RiskPolicy) -> Option<RiskGrade> {
        match self {
            Forced::MajorAccidentHazard
            | Forced::AccidentConditionsRemain
            | Forced::TenOrMoreExposed => Some(RiskGrade::Major),
            Forced::ConfinedToxic => policy
                .confined_toxic_at_least_large
                .then_some(RiskGrade::Large),
        }
    }
}

/// A risk point's grade: its worst hazard's (none without hazards).
pub fn point_grade(hazards: impl IntoIterator<Item = RiskGrade>) -> Option<RiskGrade> {
    hazards.into_iter().reduce(RiskGrade::worse)
}

crate::text_enum! {
    /// The level that owns a measure (管控层级), top first.
    pub enum ControlLevel {
        Company = "company",
        Workshop = "workshop",
        Team = "team",
        Post = "post",
    }
}

impl ControlLevel {
    /// The level that owns a grade's measures by default.
    pub fn default_for(grade: RiskGrade) -> ControlLevel {
        match grade {
            RiskGrade::Major => ControlLevel::Company,
            RiskGrade::Large => ControlLevel::Workshop,
            RiskGrade::General => ControlLevel::Team,
            RiskGrade::Low => ControlLevel::Post,
        }
    }
}

/// Months between two 全面辨识: 12 for a 规上 enterprise with a 重点监管 focus risk, else 36.
pub fn full_identification_months(above_scale: bool, watched: bool) -> u8 {
    if above_scale && watched {
        12
    } else {
        36
    }
}

/// The day the next 全面辨识 is due after one closed on `last` (the same day `months` later,
/// or that month's last day).
pub fn next_full_identification(last: Date, months: u8) -> Date {
    let index = last.month() as i32 - 1 + i32::from(months);
    let year = last.year() + index.div_euclid(12);
    let month = Month::try_from((index.rem_euclid(12) + 1) as u8).unwrap_or(Month::January);
    let day = last.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(last)
}

/// Officers are warned this many days before a 全面辨识 is due.
pub const WARN_DAYS_BEFORE: i64 = 30;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const P: RiskPolicy = RiskPolicy {
        method: RiskMethod::Lec,
        lec_red_above: 320,
        lec_orange_above: 160,
        lec_yellow_above: 70,
        ls_red_from: 20,
        ls_orange_from: 15,
        ls_yellow_from: 9,
        confined_toxic_at_least_large: true,
    };

    #[test]
    fn the_defaults_are_the_documented_ones() {
        assert_eq!(RiskPolicy::default(), P);
        assert!(P.is_consistent());
        let flat = RiskPolicy {
            lec_orange_above: 320,
            ..P
        };
        assert!(!flat.is_consistent());
        assert!(!RiskPolicy {
            ls_red_from: 26,
            ..P
        }
        .is_consistent());
    }

    #[test]
    fn lec_at_every_default_edge_the_edge_itself_is_the_lower_grade() {
        let d = |hundredths| P.grade_of_value(RiskMethod::Lec, hundredths);
        use RiskGrade::*;
        for (value, grade) in [
            (32_100, Major),
            (32_001, Major),
            (32_000, Large),
            (16_001, Large),
            (16_000, General),
            (7_001, General),
            (7_000, Low),
            (25, Low),
        ] {
            assert_eq!(d(value), grade, "D = {}", f64::from(value) / 100.0);
        }
        // Scores the tables make.
        let lec = |l, e, c| P.grade_of(Score::Lec { l, e, c }.check().unwrap());
        assert_eq!(lec(100, 60, 7), Major, "10 × 6 × 7 = 420");
        assert_eq!(lec(100, 100, 3), Large, "10 × 10 × 3 = 300");
        assert_eq!(lec(60, 30, 7), General, "6 × 3 × 7 = 126");
        assert_eq!(lec(10, 60, 7), Low, "1 × 6 × 7 = 42");
        assert_eq!(
            Score::Lec { l: 5, e: 5, c: 1 }.value_hundredths(),
            25,
            "0.25"
        );
    }

    #[test]
    fn ls_at_every_default_edge_the_edge_itself_is_the_higher_grade() {
        let r = |l, s| P.grade_of(Score::Ls { l, s }.check().unwrap());
        use RiskGrade::*;
        assert_eq!(r(5, 5), Major, "25");
        assert_eq!(r(5, 4), Major, "20");
        assert_eq!(r(4, 4), Large, "16");
        assert_eq!(r(5, 3), Large, "15");
        assert_eq!(r(4, 3), General, "12");
        assert_eq!(r(3, 3), General, "9");
        assert_eq!(r(4, 2), Low, "8");
        assert_eq!(r(1, 1), Low, "1");
    }

    #[test]
    fn a_factor_off_its_table_is_named() {
        assert_eq!(Score::Lec { l: 40, e: 60, c: 7 }.check(), Err(BadFactor::L));
        assert_eq!(Score::Lec { l: 60, e: 40, c: 7 }.check(), Err(BadFactor::E));
        assert_eq!(Score::Lec { l: 60, e: 60, c: 8 }.check(), Err(BadFactor::C));
        assert_eq!(Score::Ls { l: 0, s: 3 }.check(), Err(BadFactor::L));
        assert_eq!(Score::Ls { l: 3, s: 6 }.check(), Err(BadFactor::S));
        assert!(Score::Ls { l: 5, s: 1 }.check().is_ok());
    }

    #[test]
    fn forced_situations_raise_the_grade_never_lower_it() {
        let low = Score::Ls { l: 1, s: 1 };
        let high = Score::Ls { l: 5, s: 5 };
        use RiskGrade::*;
        for f in [
            Forced::MajorAccidentHazard,
            Forced::AccidentConditionsRemain,
            Forced::TenOrMoreExposed,
        ] {
            assert_eq!(P.final_grade(low, &[f]), Major, "{f:?}");
        }
        assert_eq!(P.final_grade(low, &[Forced::ConfinedToxic]), Large);
        assert_eq!(P.final_grade(high, &[Forced::ConfinedToxic]), Major);
        let off = RiskPolicy {
            confined_toxic_at_least_large: false,
            ..P
        };
        assert_eq!(off.final_grade(low, &[Forced::ConfinedToxic]), Low);
        assert_eq!(P.final_grade(low, &[]), Low);
    }

    #[test]
    fn a_point_is_as_bad_as_its_worst_hazard() {
        use RiskGrade::*;
        assert_eq!(point_grade([Low, General, Low]), Some(General));
        assert_eq!(point_grade([Large, Major, General]), Some(Major));
        assert_eq!(point_grade([]), None);
    }

    #[test]
    fn each_grade_has_its_owning_level() {
        use ControlLevel::*;
        let levels = RiskGrade::ALL.map(ControlLevel::default_for);
        assert_eq!(levels, [Company, Workshop, Team, Post]);
    }

    #[test]
    fn the_next_full_identification_is_due_12_or_36_months_on() {
        assert_eq!(full_identification_months(true, true), 12);
        assert_eq!(full_identification_months(true, false), 36);
        assert_eq!(full_identification_months(false, true), 36);
        assert_eq!(
            next_full_identification(date!(2026 - 03 - 15), 12),
            date!(2027 - 03 - 15)
        );
        assert_eq!(
            next_full_identification(date!(2026 - 12 - 31), 36),
            date!(2029 - 12 - 31)
        );
        // The 29th of February a year on is the 28th.
        assert_eq!(
            next_full_identification(date!(2028 - 02 - 29), 12),
            date!(2029 - 02 - 28)
        );
        assert_eq!(
            next_full_identification(date!(2027 - 01 - 31), 1),
            date!(2027 - 02 - 28)
        );
    }
}
