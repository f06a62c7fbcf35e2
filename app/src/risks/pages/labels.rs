//! How the register's words read: grades, kinds, classes, the situations that force a grade,
//! and the meanings of the factors' values (shown on the form, as the methods print them).

use crate::{
    i18n::*,
    risks::{AccidentClass, ControlLevel, FactorClass, Forced, MeasureKind, PointKind, RiskGrade},
};
use leptos_i18n::I18nContext;

pub fn grade_label(i18n: I18nContext<Locale>, g: RiskGrade) -> String {
    match g {
        RiskGrade::Major => t_string!(i18n, risks.grade_major),
        RiskGrade::Large => t_string!(i18n, risks.grade_large),
        RiskGrade::General => t_string!(i18n, risks.grade_general),
        RiskGrade::Low => t_string!(i18n, risks.grade_low),
    }
    .to_string()
}

pub fn kind_label(i18n: I18nContext<Locale>, k: PointKind) -> String {
    match k {
        PointKind::Place => t_string!(i18n, risks.kind_place),
        PointKind::Equipment => t_string!(i18n, risks.kind_equipment),
        PointKind::Activity => t_string!(i18n, risks.kind_activity),
    }
    .to_string()
}

pub fn measure_kind_label(i18n: I18nContext<Locale>, k: MeasureKind) -> String {
    match k {
        MeasureKind::Engineering => t_string!(i18n, risks.measure_engineering),
        MeasureKind::Management => t_string!(i18n, risks.measure_management),
        MeasureKind::Training => t_string!(i18n, risks.measure_training),
        MeasureKind::Ppe => t_string!(i18n, risks.measure_ppe),
        MeasureKind::Emergency => t_string!(i18n, risks.measure_emergency),
    }
    .to_string()
}

pub fn level_label(i18n: I18nContext<Locale>, l: ControlLevel) -> String {
    match l {
        ControlLevel::Company => t_string!(i18n, risks.level_company),
        ControlLevel::Workshop => t_string!(i18n, risks.level_workshop),
        ControlLevel::Team => t_string!(i18n, risks.level_team),
        ControlLevel::Post => t_string!(i18n, risks.level_post),
    }
    .to_string()
}

pub fn factor_class_label(i18n: I18nContext<Locale>, c: FactorClass) -> String {
    match c {
        FactorClass::Human => t_string!(i18n, risks.factor_human),
        FactorClass::Material => t_string!(i18n, risks.factor_material),
        FactorClass::Environment => t_string!(i18n, risks.factor_environment),
        FactorClass::Management => t_string!(i18n, risks.factor_management),
    }
    .to_string()
}

pub fn forced_label(i18n: I18nContext<Locale>, f: Forced) -> String {
    match f {
        Forced::MajorAccidentHazard => t_string!(i18n, risks.forced_major_accident_hazard),
        Forced::AccidentConditionsRemain => t_string!(i18n, risks.forced_accident_conditions_remain),
        Forced::TenOrMoreExposed => t_string!(i18n, risks.forced_ten_or_more_exposed),
        Forced::ConfinedToxic => t_string!(i18n, risks.forced_confined_toxic),
    }
    .to_string()
}

/// GB 6441's class names are the standard's own, in Chinese in both languages, with its
/// number: a register is read against the standard.
pub fn accident_class_label(c: AccidentClass) -> String {
    const NAMES: [&str; 20] = [
        "物体打击", "车辆伤害", "机械伤害", "起重伤害", "触电", "淹溺", "灼烫", "火灾", "高处坠落",
        "坍塌", "冒顶片帮", "透水", "放炮", "火药爆炸", "瓦斯爆炸", "锅炉爆炸", "容器爆炸",
        "其他爆炸", "中毒和窒息", "其他伤害",
    ];
    let n = c.number();
    format!("{n:02} {}", NAMES[usize::from(n.max(1)) - 1])
}

/// The meaning of LEC's L at `tenths` (the table's values only).
pub fn lec_l_meaning(i18n: I18nContext<Locale>, tenths: u32) -> String {
    match tenths {
        100 => t_string!(i18n, risks.lec_l_100),
        60 => t_string!(i18n, risks.lec_l_60),
        30 => t_string!(i18n, risks.lec_l_30),
        10 => t_string!(i18n, risks.lec_l_10),
        5 => t_string!(i18n, risks.lec_l_5),
        2 => t_string!(i18n, risks.lec_l_2),
        _ => t_string!(i18n, risks.lec_l_1),
    }
    .to_string()
}

pub fn lec_e_meaning(i18n: I18nContext<Locale>, tenths: u32) -> String {
    match tenths {
        100 => t_string!(i18n, risks.lec_e_100),
        60 => t_string!(i18n, risks.lec_e_60),
        30 => t_string!(i18n, risks.lec_e_30),
        20 => t_string!(i18n, risks.lec_e_20),
        10 => t_string!(i18n, risks.lec_e_10),
        _ => t_string!(i18n, risks.lec_e_5),
    }
    .to_string()
}

pub fn lec_c_meaning(i18n: I18nContext<Locale>, c: u32) -> String {
    match c {
        100 => t_string!(i18n, risks.lec_c_100),
        40 => t_string!(i18n, risks.lec_c_40),
        15 => t_string!(i18n, risks.lec_c_15),
        7 => t_string!(i18n, risks.lec_c_7),
        3 => t_string!(i18n, risks.lec_c_3),
        _ => t_string!(i18n, risks.lec_c_1),
    }
    .to_string()
}

pub fn ls_l_meaning(i18n: I18nContext<Locale>, v: u32) -> String {
    match v {
        5 => t_string!(i18n, risks.ls_l_5),
        4 => t_string!(i18n, risks.ls_l_4),
        3 => t_string!(i18n, risks.ls_l_3),
        2 => t_string!(i18n, risks.ls_l_2),
        _ => t_string!(i18n, risks.ls_l_1),
    }
    .to_string()
}

pub fn ls_s_meaning(i18n: I18nContext<Locale>, v: u32) -> String {
    match v {
        5 => t_string!(i18n, risks.ls_s_5),
        4 => t_string!(i18n, risks.ls_s_4),
        3 => t_string!(i18n, risks.ls_s_3),
        2 => t_string!(i18n, risks.ls_s_2),
        _ => t_string!(i18n, risks.ls_s_1),
    }
    .to_string()
}

/// A tenths value as the tables print it (`10`, `0.5`).
pub fn tenths_text(tenths: u32) -> String {
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// A score in hundredths as a number (`300`, `0.25`).
pub fn score_text(hundredths: u32) -> String {
    let whole = hundredths / 100;
    match hundredths % 100 {
        0 => whole.to_string(),
        r if r.is_multiple_of(10) => format!("{whole}.{}", r / 10),
        r => format!("{whole}.{r:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_printed() {
        assert_eq!(tenths_text(100), "10");
        assert_eq!(tenths_text(5), "0.5");
        assert_eq!(score_text(30_000), "300");
        assert_eq!(score_text(25), "0.25");
        assert_eq!(score_text(150), "1.5");
        assert_eq!(accident_class_label(AccidentClass::PoisoningAsphyxiation), "19 中毒和窒息");
    }
}
