//! Ready checklist packs an officer installs into the enterprise as templates. Every item
//! carries its `basis` (the standard or 判定标准 article) and whether the research verified it.
//!
//! Sources (`docs/research.md`):
//! - §C1 日常安全巡查表: general 1–11, dust 12–19, confined space 20–23. The template is seed
//!   data [S]; where an item matches a 2023 判定标准 article (应急管理部令第10号) the article is
//!   its basis, and items whose article wording is only [M] in §A3 are marked unverified.
//! - §C3 25项执法检查重点事项: 粉尘6条 verbatim from a secondary source [S] (verified, matching
//!   第十一条); 有限空间4项 reconstructed from 第十三条 (unverified, see §A3); 铝7条 and 钢8条
//!   optional packs, unverified (§A3: "Ship 钢8/铝7 as optional packs flagged unverified").
//! - §A5: a finding that matches one of the 25 focus items is 重大 by default; daily patrol
//!   findings start 一般 (the officer decides the grade on confirming).

use super::ChecklistKind;
use crate::county::FocusRisk;
use crate::hazards::{HazardCategory as C, HazardGrade};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PackItem {
    pub text: &'static str,
    pub category: C,
    pub basis: &'static str,
    pub verified: bool,
    pub fail_grade: HazardGrade,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pack {
    /// Stable key (`checklists.pack`): a pack installs once per enterprise.
    pub key: &'static str,
    pub name: &'static str,
    pub kind: ChecklistKind,
    /// Not for this county's trades (铝/钢): offered, not suggested.
    pub optional: bool,
    /// The focus risk of the enterprise's ledger entry the pack concerns (粉尘涉爆, 有限空间,
    /// 涉铝, 涉钢): without it, its items do not apply (不涉及). None: every enterprise.
    pub concerns: Option<FocusRisk>,
    pub items: &'static [PackItem],
}

const fn daily(text: &'static str, category: C, basis: &'static str, verified: bool) -> PackItem {
    PackItem {
        text,
        category,
        basis,
        verified,
        fail_grade: HazardGrade::General,
    }
}

const fn key(text: &'static str, category: C, basis: &'static str, verified: bool) -> PackItem {
    PackItem {
        text,
        category,
        basis,
        verified,
        fail_grade: HazardGrade::Major,
    }
}

const C1: &str = "日常安全巡查表（研究 §C1）";

const DAILY_GENERAL: &[PackItem] = &[
    daily("安全出口、疏散通道畅通，未锁闭、未堵塞", C::Fire, C1, true),
    daily("应急照明、疏散指示标志完好", C::Fire, C1, true),
    daily("灭火器、消火栓在位，压力正常，未过期", C::Fire, C1, true),
    daily(
        "配电箱（柜）门关闭，无裸露带电部位，漏电保护有效",
        C::Electrical,
        C1,
        true,
    ),
    daily("无私拉乱接临时用电", C::Electrical, C1, true),
    daily(
        "设备防护罩、防护栏齐全，急停装置有效",
        C::Mechanical,
        C1,
        true,
    ),
    daily(
        "特种设备在检验有效期内，操作人员持证上岗",
        C::SpecialEquipment,
        C1,
        true,
    ),
    daily("作业人员按规定佩戴劳动防护用品", C::Management, C1, true),
    daily(
        "无违章指挥、违章作业、违反劳动纪律（“三违”）",
        C::Management,
        C1,
        true,
    ),
    daily(
        "危险化学品分类存放，标签、安全技术说明书齐全",
        C::HazardousChemicals,
        C1,
        true,
    ),
    daily("安全警示标志、风险告知牌齐全清晰", C::Management, C1, true),
];

const DAILY_DUST: &[PackItem] = &[
    daily(
        "作业场所、设备表面无明显积尘，清扫记录已填写",
        C::DustExplosion,
        "令第10号 第十一条（十）",
        false,
    ),
    daily(
        "除尘器运行正常，压差正常，灰斗无堵塞",
        C::DustExplosion,
        C1,
        true,
    ),
    daily(
        "泄爆、隔爆、抑爆等控爆装置完好",
        C::DustExplosion,
        "令第10号 第十一条（三）",
        true,
    ),
    daily(
        "锁气卸灰装置运行正常",
        C::DustExplosion,
        "令第10号 第十一条（六）",
        false,
    ),
    daily(
        "粉尘爆炸危险区域电气设备防爆完好",
        C::DustExplosion,
        "令第10号 第十一条（七）",
        false,
    ),
    daily(
        "除杂（除铁石）装置、火花探测熄灭装置正常",
        C::DustExplosion,
        "令第10号 第十一条（八）",
        false,
    ),
    daily("粉尘区域无明火、无未审批动火", C::DustExplosion, C1, true),
    daily(
        "铝镁等金属粉尘收集贮存防水防潮、通风良好",
        C::DustExplosion,
        "令第10号 第十一条（九）",
        false,
    ),
];

const DAILY_CONFINED: &[PackItem] = &[
    daily(
        "有限空间警示标志、告知牌完好",
        C::ConfinedSpace,
        "令第10号 第十三条（一）",
        true,
    ),
    daily(
        "有限空间出入口已封闭或上锁，无擅自进入",
        C::ConfinedSpace,
        C1,
        true,
    ),
    daily(
        "当日有限空间作业均已审批",
        C::ConfinedSpace,
        "令第10号 第十三条（二）",
        true,
    ),
    daily(
        "气体检测仪、通风机、呼吸器、安全带、三脚架等完好在位，检测仪在校验期内",
        C::ConfinedSpace,
        "应急管理部令第13号",
        true,
    ),
];

const SC_DUST: &[PackItem] = &[
    key(
        "不同种类可燃性粉尘、粉尘与可燃气体共用一套除尘系统，或不同防火分区除尘系统互联互通",
        C::DustExplosion,
        "粉尘6条 第1条；令第10号 第十一条（二）",
        true,
    ),
    key(
        "干式除尘系统未采取泄爆、隔爆、惰化、抑爆、抗爆等控爆措施",
        C::DustExplosion,
        "粉尘6条 第2条；令第10号 第十一条（三）",
        true,
    ),
    key(
        "采用重力沉降室除尘，或干式巷道式构筑物作除尘风道",
        C::DustExplosion,
        "粉尘6条 第3条；令第10号 第十一条（五）",
        true,
    ),
    key(
        "铝镁等金属粉尘未采用负压除尘；其他粉尘正压吹送未采取火花探测消除措施",
        C::DustExplosion,
        "粉尘6条 第4条；令第10号 第十一条（四）",
        true,
    ),
    key(
        "粉碎、研磨、造粒、砂光等工艺未采取杂物去除或火花探测消除措施",
        C::DustExplosion,
        "粉尘6条 第5条；令第10号 第十一条（八）",
        true,
    ),
    key(
        "未建立粉尘清理制度、积尘未及时清扫；铝镁粉尘收集贮存未防水防潮、通风、氢气监测",
        C::DustExplosion,
        "粉尘6条 第6条；令第10号 第十一条（九）（十）",
        true,
    ),
];

const SC_CONFINED: &[PackItem] = &[
    key(
        "未辨识有限空间、未建立管理台账、未设置明显安全警示标志",
        C::ConfinedSpace,
        "令第10号 第十三条（一）（有限空间4项，重构）",
        false,
    ),
    key(
        "未落实有限空间作业审批，擅自进入作业",
        C::ConfinedSpace,
        "令第10号 第十三条（二）（有限空间4项，重构）",
        false,
    ),
    key(
        "未执行“先通风、再检测、后作业”",
        C::ConfinedSpace,
        "令第10号 第十三条（二）（有限空间4项，重构）",
        false,
    ),
    key(
        "作业现场未设置监护人员（或监护人员未履职）",
        C::ConfinedSpace,
        "令第10号 第十三条（二）（有限空间4项，重构）",
        false,
    ),
];

const ALU: &str = "铝7条（未核实；令第10号 有色条款）";

const SC_ALUMINIUM: &[PackItem] = &[
    key("冶炼炉窑、铸造机、加热炉未设置应急水源", C::Other, ALU, false),
    key("水冷元件未设置出水温度、流量（差）、压力监测报警", C::Other, ALU, false),
    key("结晶器冷却水进水压力、流量监测报警未与快速切断阀、紧急排放阀、流槽断开装置、倾动炉控制联锁", C::Other, ALU, false),
    key("浇铸炉出口流槽、流槽与模盘入口未设液位监测报警，固定炉出口无机械锁紧", C::Other, ALU, false),
    key("固定式浇铸炉流槽无紧急排放阀，模盘入口无快速切断阀或未联锁", C::Other, ALU, false),
    key("倾动式浇铸炉模盘入口无快速切断阀或未与倾动控制联锁", C::Other, ALU, false),
    key("铸造机卷扬用非钢芯钢丝绳，或未定期检查更换", C::SpecialEquipment, ALU, false),
];

const STEEL: &str = "钢8条（未核实；令第10号 冶金条款）";

const SC_STEEL: &[PackItem] = &[
    key(
        "人员聚集场所、钢铁水罐冷热修工位设在铁水、钢水、液渣吊运跨地坪区域内",
        C::Other,
        STEEL,
        false,
    ),
    key(
        "冶炼、精炼、铸造区域事故坑、渣坑及熔融金属喷溅影响范围内有积水",
        C::Other,
        STEEL,
        false,
    ),
    key(
        "吊运铁水、钢水、液渣的起重机不符合冶金起重机要求（铸造起重机未用固定式龙门钩等）",
        C::SpecialEquipment,
        STEEL,
        false,
    ),
    key(
        "炼钢炉水冷元件未设出水温度、进出水流量差监测报警，或未与倾动、氧枪提升等联锁",
        C::Other,
        STEEL,
        false,
    ),
    key(
        "高炉炉顶压力超设计值，或炉顶压力监测未与放散阀联锁",
        C::Other,
        STEEL,
        false,
    ),
    key(
        "煤气区域人员聚集场所及易泄漏积聚部位未设固定式CO监测报警，或数据未接入有人值守场所",
        C::HazardousChemicals,
        STEEL,
        false,
    ),
    key(
        "加热炉、煤气柜、除尘器、加压机等设施及进车间前的煤气管道未设隔断装置",
        C::HazardousChemicals,
        STEEL,
        false,
    ),
    key(
        "煤气排水器封堵压力不足、共用排水器或排水管连通",
        C::HazardousChemicals,
        STEEL,
        false,
    ),
];

/// Every ready pack, suggested ones first.
pub const PACKS: &[Pack] = &[
    Pack {
        key: "daily_general",
        name: "日常巡查·通用",
        kind: ChecklistKind::DailyPatrol,
        optional: false,
        concerns: None,
        items: DAILY_GENERAL,
    },
    Pack {
        key: "daily_dust",
        name: "日常巡查·粉尘涉爆",
        kind: ChecklistKind::DailyPatrol,
        optional: false,
        concerns: Some(FocusRisk::CombustibleDust),
        items: DAILY_DUST,
    },
    Pack {
        key: "daily_confined_space",
        name: "日常巡查·有限空间",
        kind: ChecklistKind::DailyPatrol,
        optional: false,
        concerns: Some(FocusRisk::ConfinedSpace),
        items: DAILY_CONFINED,
    },
    Pack {
        key: "sc25_dust",
        name: "25项自查·粉尘涉爆6项",
        kind: ChecklistKind::SelfCheck25,
        optional: false,
        concerns: Some(FocusRisk::CombustibleDust),
        items: SC_DUST,
    },
    Pack {
        key: "sc25_confined_space",
        name: "25项自查·有限空间4项",
        kind: ChecklistKind::SelfCheck25,
        optional: false,
        concerns: Some(FocusRisk::ConfinedSpace),
        items: SC_CONFINED,
    },
    Pack {
        key: "sc25_aluminium",
        name: "25项自查·铝加工7项",
        kind: ChecklistKind::SelfCheck25,
        optional: true,
        concerns: Some(FocusRisk::Aluminium),
        items: SC_ALUMINIUM,
    },
    Pack {
        key: "sc25_steel",
        name: "25项自查·钢铁8项",
        kind: ChecklistKind::SelfCheck25,
        optional: true,
        concerns: Some(FocusRisk::Steel),
        items: SC_STEEL,
    },
];

/// The stable key of a pack's `index`th item (0-based): `<pack>:<n>`, the same in every
/// enterprise and on every version (`checklist_items.item_key`).
pub fn item_key(pack: &str, index: usize) -> String {
    format!("{pack}:{}", index + 1)
}

pub fn find(key: &str) -> Option<&'static Pack> {
    PACKS.iter().find(|p| p.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packs_hold_the_research_lists() {
        let count = |key| find(key).unwrap().items.len();
        // §C1: 11 general, 8 dust, 4 confined space.
        assert_eq!(
            (
                count("daily_general"),
                count("daily_dust"),
                count("daily_confined_space")
            ),
            (11, 8, 4)
        );
        // §C3: 6 + 4 + 7 + 8 = 25.
        let sc: usize = PACKS
            .iter()
            .filter(|p| p.kind == ChecklistKind::SelfCheck25)
            .map(|p| p.items.len())
            .sum();
        assert_eq!(sc, 25);
    }

    #[test]
    fn verified_flags_follow_the_research() {
        let all_verified = |key| find(key).unwrap().items.iter().all(|i| i.verified);
        let none_verified = |key| find(key).unwrap().items.iter().all(|i| !i.verified);
        assert!(all_verified("sc25_dust"));
        assert!(none_verified("sc25_confined_space"));
        assert!(none_verified("sc25_aluminium") && find("sc25_aluminium").unwrap().optional);
        assert!(none_verified("sc25_steel") && find("sc25_steel").unwrap().optional);
        for pack in PACKS {
            for item in pack.items {
                assert!(!item.basis.is_empty() && item.text.chars().count() <= 200);
                // A 25-item finding is 重大 by default (§A5); a daily one starts 一般.
                let major = pack.kind == ChecklistKind::SelfCheck25;
                assert_eq!(
                    item.fail_grade == HazardGrade::Major,
                    major,
                    "{}",
                    item.text
                );
            }
        }
    }

    #[test]
    fn pack_keys_are_unique() {
        for p in PACKS {
            assert_eq!(PACKS.iter().filter(|q| q.key == p.key).count(), 1);
        }
    }
}
