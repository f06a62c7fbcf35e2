//! The roster's columns (企业基础信息台账), in the order the export writes them, with the
//! headers an import recognises and how each value reads as text. An exported file imports
//! unchanged.

use crate::county::{FocusRisk, Industry, LedgerEntry, StandardGrade};

/// One column of the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    CreditCode,
    Name,
    Township,
    Address,
    Industry,
    Scale,
    SmallMicro,
    FocusRisks,
    MajorHazardSource,
    StandardGrade,
    StandardDate,
    Principal,
    ContactMobile,
    Active,
    LoginCode,
    AdminName,
    AdminMobile,
}

/// The columns in the export's order, each with its header and the starts of the headers an
/// import takes for it (headers are compared without spaces).
pub const COLUMNS: [(Column, &str, &[&str]); 17] = [
    (Column::CreditCode, "统一社会信用代码", &["统一社会信用代码", "信用代码"]),
    (Column::Name, "企业名称", &["企业名称", "单位名称"]),
    (Column::Township, "所属乡镇（街道、园区）", &["所属乡镇", "乡镇", "所属街道", "街道"]),
    (Column::Address, "地址", &["地址", "企业地址"]),
    (Column::Industry, "行业", &["行业"]),
    (Column::Scale, "规上/规下", &["规上", "规模"]),
    (Column::SmallMicro, "小微企业", &["小微"]),
    (Column::FocusRisks, "重点监管", &["重点监管", "重点"]),
    (Column::MajorHazardSource, "重大危险源", &["重大危险源"]),
    (Column::StandardGrade, "标准化等级", &["标准化等级", "安全生产标准化"]),
    (Column::StandardDate, "标准化评定日期", &["标准化评定日期", "评定日期", "标准化日期"]),
    (Column::Principal, "主要负责人", &["主要负责人", "负责人"]),
    (Column::ContactMobile, "联系电话", &["联系电话", "联系手机", "电话"]),
    (Column::Active, "在营", &["在营", "状态"]),
    (Column::LoginCode, "企业登录代码", &["企业登录代码", "登录代码"]),
    (Column::AdminName, "管理员姓名", &["管理员姓名"]),
    (Column::AdminMobile, "管理员手机号", &["管理员手机号", "管理员手机", "管理员电话"]),
];

/// The column a header names, if any.
pub fn column_of(header: &str) -> Option<Column> {
    let h: String = header.chars().filter(|c| !c.is_whitespace()).collect();
    if h.is_empty() {
        return None;
    }
    // The longest matching start wins (管理员手机号 before 手机).
    COLUMNS
        .iter()
        .flat_map(|(c, _, starts)| starts.iter().map(move |s| (*c, *s)))
        .filter(|(_, s)| h.starts_with(s))
        .max_by_key(|(_, s)| s.len())
        .map(|(c, _)| c)
}

pub fn industry_text(i: Industry) -> &'static str {
    match i {
        Industry::Metallurgy => "冶金",
        Industry::Nonferrous => "有色",
        Industry::BuildingMaterials => "建材",
        Industry::Machinery => "机械",
        Industry::LightIndustry => "轻工",
        Industry::Textile => "纺织",
        Industry::Tobacco => "烟草",
        Industry::Commerce => "商贸",
    }
}

pub fn risk_text(r: FocusRisk) -> &'static str {
    match r {
        FocusRisk::MoltenMetal => "高温熔融金属",
        FocusRisk::CoalGas => "煤气",
        FocusRisk::HazardousChemicals => "危险化学品",
        FocusRisk::ConfinedSpace => "有限空间",
        FocusRisk::CombustibleDust => "可燃性粉尘",
        FocusRisk::Steel => "涉钢",
        FocusRisk::Aluminium => "涉铝",
    }
}

pub fn grade_text(g: StandardGrade) -> &'static str {
    match g {
        StandardGrade::Level1 => "一级",
        StandardGrade::Level2 => "二级",
        StandardGrade::Level3 => "三级",
        StandardGrade::SmallMicro => "小微",
    }
}

/// A cell's industry: the Chinese word or the stored name; `None` when it is neither.
pub fn industry_of(text: &str) -> Option<Industry> {
    Industry::parse(text).or_else(|| Industry::ALL.into_iter().find(|i| industry_text(*i) == text))
}

pub fn risk_of(text: &str) -> Option<FocusRisk> {
    FocusRisk::parse(text).or_else(|| FocusRisk::ALL.into_iter().find(|r| risk_text(*r) == text))
}

pub fn grade_of(text: &str) -> Option<StandardGrade> {
    StandardGrade::parse(text)
        .or_else(|| StandardGrade::ALL.into_iter().find(|g| grade_text(*g) == text))
}

/// A yes/no cell: `None` when it says neither.
pub fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "是" | "有" | "y" | "yes" | "true" | "1" | "√" | "在营" | "规上" | "规模以上" => Some(true),
        "否" | "无" | "n" | "no" | "false" | "0" | "" | "停业" | "注销" | "规下" | "规模以下" => {
            Some(false)
        }
        _ => None,
    }
}

/// An entry's row as the export writes it (`township`: its node's name; the admin's columns
/// from the enterprise's first admin).
pub fn row_of(e: &LedgerEntry, township: &str, admin: (&str, &str)) -> Vec<String> {
    let yes = |b: bool| if b { "是" } else { "否" }.to_owned();
    vec![
        e.credit_code.clone(),
        e.name.clone(),
        township.to_owned(),
        e.address.clone(),
        e.industry.map(industry_text).unwrap_or_default().to_owned(),
        if e.above_scale { "规上" } else { "规下" }.to_owned(),
        yes(e.small_micro),
        e.focus_risks.iter().map(|r| risk_text(*r)).collect::<Vec<_>>().join("、"),
        yes(e.major_hazard_source),
        e.standard_grade.map(grade_text).unwrap_or_default().to_owned(),
        e.standard_date.map(|d| d.to_string()).unwrap_or_default(),
        e.principal_name.clone(),
        e.contact_mobile.clone(),
        yes(e.active),
        e.login_code.clone(),
        admin.0.to_owned(),
        admin.1.to_owned(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_by_their_start_and_without_spaces() {
        assert_eq!(column_of(" 统一社会 信用代码 "), Some(Column::CreditCode));
        assert_eq!(column_of("所属乡镇（街道、园区）"), Some(Column::Township));
        assert_eq!(column_of("管理员手机号"), Some(Column::AdminMobile));
        assert_eq!(column_of("联系电话"), Some(Column::ContactMobile));
        assert_eq!(column_of("备注"), None);
        for (column, header, _) in COLUMNS {
            assert_eq!(column_of(header), Some(column), "{header}");
        }
    }

    #[test]
    fn words_read_back_as_what_they_wrote() {
        for i in Industry::ALL {
            assert_eq!(industry_of(industry_text(i)), Some(i));
        }
        for r in FocusRisk::ALL {
            assert_eq!(risk_of(risk_text(r)), Some(r));
        }
        for g in StandardGrade::ALL {
            assert_eq!(grade_of(grade_text(g)), Some(g));
        }
        assert_eq!(yes_no("是"), Some(true));
        assert_eq!(yes_no(""), Some(false));
        assert_eq!(yes_no("也许"), None);
    }
}
