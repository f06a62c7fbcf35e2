//! Gas test acceptance for confined-space entry (先通风、再检测、后作业).
//!
//! Sources (see `docs/research.md` §A1–A2; tags: [S] secondary source, [M] unverified):
//! - O₂ 19.5–23.5 % vol: GB 8958-2006 (缺氧 below 19.5 %) [S]; upper 23.5 % from GB 30871-2022
//!   §6.4 a) and the 工贸 有限空间作业安全指导手册 (2020) [S]. Hard rule.
//! - Toxic gases ≤ GBZ 2.1-2019 limits (GB 30871-2022 §6.4 b) [S]; values [M]. Where a gas has a
//!   MAC we use it; otherwise the 8-hour PC-TWA, the stricter of its two limits.
//! - Flammable gas < 10 % LEL, ≥ 10 % LEL is 1级 (严禁作业), 工贸 指导手册 grading [S]/[M]:
//!   an enterprise policy setting.
//! - Test freshness (30 min before entry): repealed 59号令 and GB 30871 [S]/[M]; 13号令 requires
//!   continuous monitoring and a re-test after any interruption. An enterprise policy setting.
//! - Units: mg/m³ = ppm × M / 24.04 (20 °C, 101.3 kPa) [S].

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// Molar volume of an ideal gas at 20 °C and 101.3 kPa, in litres (GBZ 2.1 reference state).
pub const MOLAR_VOLUME_L: f64 = 24.04;

/// Values this close to a limit count as on it (floating-point unit conversions).
const EPSILON: f64 = 1e-9;

crate::text_enum! {
    pub enum Gas {
        Oxygen = "oxygen",
        Flammable = "flammable",
        HydrogenSulfide = "hydrogen_sulfide",
        CarbonMonoxide = "carbon_monoxide",
        CarbonDioxide = "carbon_dioxide",
        Ammonia = "ammonia",
        Chlorine = "chlorine",
        SulfurDioxide = "sulfur_dioxide",
    }
}

crate::text_enum! {
    pub enum Unit {
        /// % by volume (oxygen).
        PercentVolume = "percent_volume",
        /// % of the lower explosive limit (flammable gas).
        PercentLel = "percent_lel",
        Ppm = "ppm",
        MgPerM3 = "mg_per_m3",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// 最高容许浓度.
    Mac,
    /// 时间加权平均容许浓度 (8 h).
    PcTwa,
}

/// A toxic gas's acceptance ceiling, in mg/m³ (GBZ 2.1-2019, values [M]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ToxicLimit {
    pub mg_m3: f64,
    pub kind: LimitKind,
    /// g/mol, for ppm conversion.
    pub molar_mass: f64,
}

impl Gas {
    /// The chemical formula shown on detectors.
    pub fn formula(self) -> &'static str {
        match self {
            Gas::Oxygen => "O₂",
            Gas::Flammable => "LEL",
            Gas::HydrogenSulfide => "H₂S",
            Gas::CarbonMonoxide => "CO",
            Gas::CarbonDioxide => "CO₂",
            Gas::Ammonia => "NH₃",
            Gas::Chlorine => "Cl₂",
            Gas::SulfurDioxide => "SO₂",
        }
    }

    /// GBZ 2.1-2019 limits [M]: H₂S MAC 10; CO PC-TWA 20 (non-plateau); CO₂ PC-TWA 9000;
    /// NH₃ PC-TWA 20; Cl₂ MAC 1; SO₂ PC-TWA 5 (all mg/m³).
    pub fn toxic_limit(self) -> Option<ToxicLimit> {
        let (mg_m3, kind, molar_mass) = match self {
            Gas::HydrogenSulfide => (10.0, LimitKind::Mac, 34.08),
            Gas::CarbonMonoxide => (20.0, LimitKind::PcTwa, 28.01),
            Gas::CarbonDioxide => (9000.0, LimitKind::PcTwa, 44.01),
            Gas::Ammonia => (20.0, LimitKind::PcTwa, 17.03),
            Gas::Chlorine => (1.0, LimitKind::Mac, 70.90),
            Gas::SulfurDioxide => (5.0, LimitKind::PcTwa, 64.07),
            Gas::Oxygen | Gas::Flammable => return None,
        };
        Some(ToxicLimit {
            mg_m3,
            kind,
            molar_mass,
        })
    }

    /// Units a reading of this gas may be entered in.
    pub fn units(self) -> &'static [Unit] {
        match self {
            Gas::Oxygen => &[Unit::PercentVolume],
            Gas::Flammable => &[Unit::PercentLel],
            _ => &[Unit::Ppm, Unit::MgPerM3],
        }
    }
}

pub fn ppm_to_mg_m3(ppm: f64, molar_mass: f64) -> f64 {
    ppm * molar_mass / MOLAR_VOLUME_L
}

pub fn mg_m3_to_ppm(mg_m3: f64, molar_mass: f64) -> f64 {
    mg_m3 * MOLAR_VOLUME_L / molar_mass
}

/// O₂ acceptance band, % vol (GB 8958-2006; GB 30871-2022 §6.4 a); 工贸 指导手册).
pub const OXYGEN_MIN_PERCENT: f64 = 19.5;
pub const OXYGEN_MAX_PERCENT: f64 = 23.5;

/// The enterprise's settings for what the research could not verify. Defaults and their
/// basis are shown to officers next to each setting.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GasPolicy {
    /// A passing test older than this no longer allows entry. Default 30 min: repealed
    /// 59号令 ("检测的时间不得早于作业开始前30分钟") and GB 30871 practice [S]/[M].
    pub test_max_age_minutes: u32,
    /// During an operation a new test is due this often. Default 30 min; 13号令 asks for
    /// continuous monitoring, GB 30871 allows intervals up to 2 h [M].
    pub retest_interval_minutes: u32,
    /// Flammable gas must stay below this % LEL. Default 10 (1级 at ≥ 10 % LEL) [M].
    pub lel_max_percent: f64,
    /// From this % LEL the environment is 2级 (personal and attendant monitoring). Default 5 [M].
    pub grade2_lel_from_percent: f64,
    /// From this fraction of a toxic limit the environment is 2级. Default 0.3 (30 %) [M].
    pub grade2_toxic_fraction: f64,
}

impl Default for GasPolicy {
    fn default() -> Self {
        GasPolicy {
            test_max_age_minutes: 30,
            retest_interval_minutes: 30,
            lel_max_percent: 10.0,
            grade2_lel_from_percent: 5.0,
            grade2_toxic_fraction: 0.3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub gas: Gas,
    pub value: f64,
    pub unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadingError {
    /// Not a finite number, or below zero.
    NotANumber,
    /// Above 100 % where a percentage is measured.
    Impossible,
    /// This gas is not measured in this unit.
    WrongUnit,
}

/// What a reading is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Acceptance {
    /// min ≤ value ≤ max, in the reading's unit.
    Between { min: f64, max: f64 },
    /// value < max.
    Below { max: f64 },
    /// value ≤ max, in the unit of the reading (converted from mg/m³ for ppm).
    AtMost { max: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Judged {
    pub reading: Reading,
    pub acceptance: Acceptance,
    pub ok: bool,
    /// For toxic gases: the value as a fraction of its limit (1.0 = at the limit).
    pub fraction_of_limit: Option<f64>,
}

/// Judges one reading against its acceptance value.
pub fn judge(reading: Reading, policy: &GasPolicy) -> Result<Judged, ReadingError> {
    if !reading.value.is_finite() || reading.value < 0.0 {
        return Err(ReadingError::NotANumber);
    }
    if !reading.gas.units().contains(&reading.unit) {
        return Err(ReadingError::WrongUnit);
    }
    if matches!(reading.unit, Unit::PercentVolume | Unit::PercentLel) && reading.value > 100.0 {
        return Err(ReadingError::Impossible);
    }
    let v = reading.value;
    let (acceptance, ok, fraction_of_limit) = match reading.gas {
        Gas::Oxygen => (
            Acceptance::Between {
                min: OXYGEN_MIN_PERCENT,
                max: OXYGEN_MAX_PERCENT,
            },
            (OXYGEN_MIN_PERCENT - EPSILON..=OXYGEN_MAX_PERCENT + EPSILON).contains(&v),
            None,
        ),
        Gas::Flammable => (
            Acceptance::Below {
                max: policy.lel_max_percent,
            },
            v < policy.lel_max_percent - EPSILON,
            None,
        ),
        gas => {
            let limit = gas.toxic_limit().ok_or(ReadingError::WrongUnit)?;
            let (mg_m3, max_in_unit) = match reading.unit {
                Unit::Ppm => (
                    ppm_to_mg_m3(v, limit.molar_mass),
                    mg_m3_to_ppm(limit.mg_m3, limit.molar_mass),
                ),
                _ => (v, limit.mg_m3),
            };
            let fraction = mg_m3 / limit.mg_m3;
            (
                Acceptance::AtMost { max: max_in_unit },
                fraction <= 1.0 + EPSILON,
                Some(fraction),
            )
        }
    };
    Ok(Judged {
        reading,
        acceptance,
        ok,
        fraction_of_limit,
    })
}

/// Environment grade (工贸 指导手册 grading, thresholds are policy [M]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grade {
    /// 1级: any reading out of range. Work is forbidden.
    One,
    /// 2级: in range but near a limit. Personal and attendant monitoring both needed.
    Two,
    /// 3级: well within limits.
    Three,
}

pub fn grade(judged: &[Judged], policy: &GasPolicy) -> Grade {
    if judged.iter().any(|j| !j.ok) {
        return Grade::One;
    }
    let near = judged.iter().any(|j| match j.reading.gas {
        Gas::Flammable => j.reading.value >= policy.grade2_lel_from_percent - EPSILON,
        Gas::Oxygen => false,
        _ => j
            .fraction_of_limit
            .is_some_and(|f| f >= policy.grade2_toxic_fraction - EPSILON),
    });
    if near {
        Grade::Two
    } else {
        Grade::Three
    }
}

/// Whether a test taken at `tested_at` still allows entry at `now`.
pub fn test_is_fresh(tested_at: OffsetDateTime, now: OffsetDateTime, policy: &GasPolicy) -> bool {
    now >= tested_at && now - tested_at <= Duration::minutes(policy.test_max_age_minutes.into())
}

/// Whether a re-test is due during an operation whose last test was at `last_test_at`.
pub fn retest_due(last_test_at: OffsetDateTime, now: OffsetDateTime, policy: &GasPolicy) -> bool {
    now - last_test_at > Duration::minutes(policy.retest_interval_minutes.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(gas: Gas, value: f64, unit: Unit) -> bool {
        judge(Reading { gas, value, unit }, &GasPolicy::default())
            .expect("valid reading")
            .ok
    }

    #[test]
    fn oxygen_band_19_5_to_23_5_percent() {
        assert!(!ok(Gas::Oxygen, 19.4, Unit::PercentVolume));
        assert!(ok(Gas::Oxygen, 19.5, Unit::PercentVolume));
        assert!(ok(Gas::Oxygen, 19.6, Unit::PercentVolume));
        assert!(ok(Gas::Oxygen, 20.9, Unit::PercentVolume));
        assert!(ok(Gas::Oxygen, 23.4, Unit::PercentVolume));
        assert!(ok(Gas::Oxygen, 23.5, Unit::PercentVolume));
        assert!(!ok(Gas::Oxygen, 23.6, Unit::PercentVolume));
    }

    #[test]
    fn flammable_must_stay_below_ten_percent_lel() {
        assert!(ok(Gas::Flammable, 0.0, Unit::PercentLel));
        assert!(ok(Gas::Flammable, 9.9, Unit::PercentLel));
        assert!(!ok(Gas::Flammable, 10.0, Unit::PercentLel));
        assert!(!ok(Gas::Flammable, 10.1, Unit::PercentLel));
        let strict = GasPolicy {
            lel_max_percent: 5.0,
            ..GasPolicy::default()
        };
        let r = Reading {
            gas: Gas::Flammable,
            value: 5.0,
            unit: Unit::PercentLel,
        };
        assert!(!judge(r, &strict).unwrap().ok);
    }

    /// Every toxic limit at, just inside and just outside its boundary, in both units.
    #[test]
    fn toxic_limits_in_mg_per_m3_and_ppm() {
        for gas in Gas::ALL {
            let Some(limit) = gas.toxic_limit() else {
                continue;
            };
            let mg = limit.mg_m3;
            assert!(ok(gas, mg, Unit::MgPerM3), "{gas:?} at limit");
            assert!(ok(gas, mg * 0.999, Unit::MgPerM3), "{gas:?} inside");
            assert!(!ok(gas, mg * 1.001, Unit::MgPerM3), "{gas:?} outside");
            let ppm = mg_m3_to_ppm(mg, limit.molar_mass);
            assert!(ok(gas, ppm, Unit::Ppm), "{gas:?} at limit in ppm");
            assert!(ok(gas, ppm * 0.999, Unit::Ppm), "{gas:?} inside in ppm");
            assert!(!ok(gas, ppm * 1.001, Unit::Ppm), "{gas:?} outside in ppm");
        }
    }

    #[test]
    fn hydrogen_sulfide_10_mg_is_about_7_ppm() {
        let limit = Gas::HydrogenSulfide.toxic_limit().unwrap();
        assert_eq!(limit.kind, LimitKind::Mac);
        let ppm = mg_m3_to_ppm(10.0, limit.molar_mass);
        assert!((ppm - 7.054).abs() < 0.001, "{ppm}");
        assert!(ok(Gas::HydrogenSulfide, 7.0, Unit::Ppm));
        assert!(!ok(Gas::HydrogenSulfide, 7.1, Unit::Ppm));
        // CO: PC-TWA 20 mg/m³ ≈ 17.2 ppm.
        assert!(ok(Gas::CarbonMonoxide, 17.0, Unit::Ppm));
        assert!(!ok(Gas::CarbonMonoxide, 17.5, Unit::Ppm));
    }

    #[test]
    fn impossible_or_mismatched_readings_are_refused() {
        let p = GasPolicy::default();
        let r = |gas, value, unit| judge(Reading { gas, value, unit }, &p);
        assert_eq!(
            r(Gas::Oxygen, -1.0, Unit::PercentVolume),
            Err(ReadingError::NotANumber)
        );
        assert_eq!(
            r(Gas::Oxygen, f64::NAN, Unit::PercentVolume),
            Err(ReadingError::NotANumber)
        );
        assert_eq!(
            r(Gas::Oxygen, 101.0, Unit::PercentVolume),
            Err(ReadingError::Impossible)
        );
        assert_eq!(
            r(Gas::Oxygen, 20.9, Unit::Ppm),
            Err(ReadingError::WrongUnit)
        );
        assert_eq!(
            r(Gas::CarbonMonoxide, 5.0, Unit::PercentLel),
            Err(ReadingError::WrongUnit)
        );
    }

    #[test]
    fn grading_one_two_three() {
        let p = GasPolicy::default();
        let j = |gas, value, unit| judge(Reading { gas, value, unit }, &p).unwrap();
        let clean = [
            j(Gas::Oxygen, 20.9, Unit::PercentVolume),
            j(Gas::Flammable, 0.0, Unit::PercentLel),
        ];
        assert_eq!(grade(&clean, &p), Grade::Three);
        let near_lel = [
            j(Gas::Oxygen, 20.9, Unit::PercentVolume),
            j(Gas::Flammable, 5.0, Unit::PercentLel),
        ];
        assert_eq!(grade(&near_lel, &p), Grade::Two);
        let near_toxic = [j(Gas::HydrogenSulfide, 3.0, Unit::MgPerM3)];
        assert_eq!(grade(&near_toxic, &p), Grade::Two);
        let below_30_percent = [j(Gas::HydrogenSulfide, 2.9, Unit::MgPerM3)];
        assert_eq!(grade(&below_30_percent, &p), Grade::Three);
        let bad = [j(Gas::Oxygen, 18.0, Unit::PercentVolume)];
        assert_eq!(grade(&bad, &p), Grade::One);
    }

    #[test]
    fn a_test_is_fresh_for_30_minutes_by_default() {
        let p = GasPolicy::default();
        let t = OffsetDateTime::UNIX_EPOCH;
        assert!(test_is_fresh(t, t, &p));
        assert!(test_is_fresh(t, t + Duration::minutes(29), &p));
        assert!(test_is_fresh(t, t + Duration::minutes(30), &p));
        assert!(!test_is_fresh(
            t,
            t + Duration::minutes(30) + Duration::seconds(1),
            &p
        ));
        // A test "from the future" (a wrong phone clock) never counts.
        assert!(!test_is_fresh(t + Duration::minutes(1), t, &p));
    }

    #[test]
    fn a_retest_is_due_after_the_interval() {
        let p = GasPolicy {
            retest_interval_minutes: 20,
            ..GasPolicy::default()
        };
        let t = OffsetDateTime::UNIX_EPOCH;
        assert!(!retest_due(t, t + Duration::minutes(20), &p));
        assert!(retest_due(t, t + Duration::minutes(21), &p));
    }
}
