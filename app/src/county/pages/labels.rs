//! How the county's vocabularies read.

use crate::{
    county::{FocusRisk, Industry, Level, StandardGrade},
    i18n::*,
};

pub fn level_label(locale: Locale, level: Level) -> &'static str {
    match level {
        Level::Province => td_string!(locale, county.level_province),
        Level::City => td_string!(locale, county.level_city),
        Level::County => td_string!(locale, county.level_county),
        Level::Township => td_string!(locale, county.level_township),
        Level::Park => td_string!(locale, county.level_park),
    }
}

pub fn industry_label(locale: Locale, industry: Industry) -> &'static str {
    match industry {
        Industry::Metallurgy => td_string!(locale, county.industry_metallurgy),
        Industry::Nonferrous => td_string!(locale, county.industry_nonferrous),
        Industry::BuildingMaterials => td_string!(locale, county.industry_building_materials),
        Industry::Machinery => td_string!(locale, county.industry_machinery),
        Industry::LightIndustry => td_string!(locale, county.industry_light_industry),
        Industry::Textile => td_string!(locale, county.industry_textile),
        Industry::Tobacco => td_string!(locale, county.industry_tobacco),
        Industry::Commerce => td_string!(locale, county.industry_commerce),
    }
}

pub fn risk_label(locale: Locale, risk: FocusRisk) -> &'static str {
    match risk {
        FocusRisk::MoltenMetal => td_string!(locale, county.risk_molten_metal),
        FocusRisk::CoalGas => td_string!(locale, county.risk_coal_gas),
        FocusRisk::HazardousChemicals => td_string!(locale, county.risk_hazardous_chemicals),
        FocusRisk::ConfinedSpace => td_string!(locale, county.risk_confined_space),
        FocusRisk::CombustibleDust => td_string!(locale, county.risk_combustible_dust),
        FocusRisk::Steel => td_string!(locale, county.risk_steel),
        FocusRisk::Aluminium => td_string!(locale, county.risk_aluminium),
    }
}

pub fn grade_label(locale: Locale, grade: StandardGrade) -> &'static str {
    match grade {
        StandardGrade::Level1 => td_string!(locale, county.grade_level1),
        StandardGrade::Level2 => td_string!(locale, county.grade_level2),
        StandardGrade::Level3 => td_string!(locale, county.grade_level3),
        StandardGrade::SmallMicro => td_string!(locale, county.grade_small_micro),
    }
}
