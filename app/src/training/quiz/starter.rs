//! The starter bank: questions written from the rules the app enforces (research §A1, §A2,
//! §A4; `rules::gas`, `rules::permit`, `rules::training`), each with its basis. Installing it
//! copies every question into the enterprise's bank under its stable `key`, so installing it
//! again adds nothing. Induction questions are stored under 厂级 (`InductionCompany`): the
//! quiz of any induction level draws from all three induction categories.

use crate::training::{Category, QuestionKind};

/// One starter question. `correct` holds the indexes (from 0) of the right options.
#[derive(Debug, Clone, Copy)]
pub struct StarterQuestion {
    pub key: &'static str,
    pub category: Category,
    pub kind: QuestionKind,
    pub prompt: &'static str,
    pub options: &'static [&'static str],
    pub correct: &'static [i16],
    pub basis: &'static str,
}

const TRUE_FALSE: &[&str] = &["正确", "错误"];
const RIGHT: &[i16] = &[0];
const WRONG: &[i16] = &[1];

const CS: Category = Category::ConfinedSpace;
const IND: Category = Category::InductionCompany;
const SINGLE: QuestionKind = QuestionKind::Single;
const MULTIPLE: QuestionKind = QuestionKind::Multiple;
const TF: QuestionKind = QuestionKind::TrueFalse;

const ORDER_13: &str = "应急管理部令第13号";
const GAS: &str = "GB 30871-2022 §6.4；工贸企业有限空间作业安全指导手册 / rules::gas";
const LAW_28: &str = "《安全生产法》（2021）第二十八条";
const ORDER_3: &str = "原国家安监总局令第3号（生产经营单位安全培训规定）";

macro_rules! q {
    ($key:literal, $cat:expr, $kind:expr, $prompt:literal, $options:expr, $correct:expr, $basis:expr) => {
        StarterQuestion {
            key: $key,
            category: $cat,
            kind: $kind,
            prompt: $prompt,
            options: $options,
            correct: $correct,
            basis: $basis,
        }
    };
}

pub const STARTER: &[StarterQuestion] = &[
    // 有限空间专题
    q!("cs_principle", CS, SINGLE, "有限空间作业必须遵循的原则是：",
        &["先检测、再通风、后作业", "先通风、再检测、后作业", "先作业、再通风、后检测", "边通风、边作业"],
        &[1], "应急管理部令第13号；2023 重大事故隐患判定标准 第十三条(二)"),
    q!("cs_oxygen_band", CS, SINGLE, "工贸企业有限空间内氧含量的合格范围是：",
        &["18%–21%", "19.5%–23.5%", "16%–25%", "21%–30%"],
        &[1], GAS),
    q!("cs_oxygen_low", CS, TF, "检测氧含量为 19.0%，只要可燃气体合格，就可以进入作业。",
        TRUE_FALSE, WRONG, "GB 8958-2006（低于 19.5% 为缺氧）/ rules::gas"),
    q!("cs_oxygen_high", CS, TF, "氧含量超过 23.5% 属于富氧环境，同样不得进入作业。",
        TRUE_FALSE, RIGHT, GAS),
    q!("cs_lel_limit", CS, SINGLE, "可燃气体浓度必须低于其爆炸下限（LEL）的多少，才可以进入作业？",
        &["5%", "10%", "25%", "50%"],
        &[1], "工贸企业有限空间作业安全指导手册 / rules::gas（企业可设更严）"),
    q!("cs_lel_grade1", CS, SINGLE, "可燃气体浓度达到 10% LEL 时，作业环境属于：",
        &["1级环境，严禁作业", "2级环境，个体检测和监护检测后可以作业", "3级环境，可以作业", "不分级，照常作业"],
        &[0], "工贸企业有限空间作业安全指导手册（环境分级）/ rules::gas"),
    q!("cs_h2s_limit", CS, SINGLE, "硫化氢（H₂S）的最高容许浓度（MAC）是：",
        &["10 mg/m³", "30 mg/m³", "100 mg/m³", "1000 mg/m³"],
        &[0], "GBZ 2.1-2019 / rules::gas"),
    q!("cs_approver", CS, SINGLE, "存在硫化氢、一氧化碳等中毒和窒息风险的有限空间作业，应由谁审批？",
        &["作业班组长", "监护人员", "企业主要负责人或者其书面委托的人员", "作业人员本人"],
        &[2], ORDER_13),
    q!("cs_no_approval", CS, TF, "有限空间作业未经审批，不得开始作业。",
        TRUE_FALSE, RIGHT, "应急管理部令第13号 / rules::permit"),
    q!("cs_attendant_stays", CS, SINGLE, "有限空间作业期间，监护人员应当：",
        &["可以短时离开现场去取工具", "全程在现场监护，不得离开现场，也不得进入有限空间作业", "人手不够时进入有限空间协助作业", "作业人员进入后即可离开"],
        &[1], "应急管理部令第13号；GB 30871-2022"),
    q!("cs_no_blind_rescue", CS, TF, "有人在有限空间内晕倒，监护人员应立即进入施救。",
        TRUE_FALSE, WRONG, "应急管理部令第13号（严禁盲目施救，按现场处置方案救援）"),
    q!("cs_who_trained", CS, MULTIPLE, "下列哪些人员必须经有限空间作业专题安全培训合格？",
        &["作业审批人", "监护人员", "作业人员", "应急救援人员", "厂区门卫"],
        &[0, 1, 2, 3], ORDER_13),
    q!("cs_training_yearly", CS, SINGLE, "有限空间作业专题安全培训应当多久至少组织一次？",
        &["每年至少一次", "每三年一次", "每五年一次", "只在入职时一次"],
        &[0], "应急管理部令第13号 / rules::training"),
    q!("cs_untrained", CS, TF, "未经有限空间专题培训合格的人员，不得参与有限空间作业。",
        TRUE_FALSE, RIGHT, ORDER_13),
    q!("cs_test_outside", CS, SINGLE, "有限空间作业前的气体检测应当在哪里进行？",
        &["进入有限空间后在内部检测", "在有限空间外部检测", "作业人员边作业边检测", "不需要检测"],
        &[1], "GB 30871-2022；工贸企业有限空间作业安全指导手册"),
    q!("cs_test_order", CS, SINGLE, "气体检测的顺序是：",
        &["有毒气体 → 可燃气体 → 氧气", "氧气 → 可燃气体 → 有毒气体", "可燃气体 → 氧气 → 有毒气体", "顺序无所谓"],
        &[1], "工贸企业有限空间作业安全指导手册"),
    q!("cs_test_levels", CS, MULTIPLE, "气体检测应当覆盖有限空间的哪些部位？",
        &["上部", "中部", "下部", "只测出入口一处即可"],
        &[0, 1, 2], "工贸企业有限空间作业安全指导手册"),
    q!("cs_continuous_ventilation", CS, TF, "有限空间作业期间，可以采用间断性通风。",
        TRUE_FALSE, WRONG, "应急管理部令第13号（作业期间持续通风、持续检测）"),
    q!("cs_retest_after_break", CS, TF, "作业中断后，作业人员再次进入前，应当重新通风、检测合格。",
        TRUE_FALSE, RIGHT, ORDER_13),
    q!("cs_test_freshness", CS, SINGLE, "本企业默认要求：气体检测合格后多长时间内进入作业？",
        &["10 分钟", "30 分钟", "2 小时", "当天有效"],
        &[1], "原59号令；GB 30871 / rules::gas（企业设定，默认 30 分钟）"),
    q!("cs_explosion_proof", CS, MULTIPLE, "存在爆炸风险的有限空间，下列哪些应当符合防爆要求？",
        &["电气设备", "照明设备", "应急救援装备", "作业人员的安全帽颜色"],
        &[0, 1, 2], ORDER_13),
    q!("cs_attendant_checks", CS, MULTIPLE, "作业前，监护人员应当逐项确认哪些安全措施？",
        &["通风", "检测", "必要的隔断", "清除或置换", "作业人员的学历"],
        &[0, 1, 2, 3], ORDER_13),
    q!("cs_ppe", CS, MULTIPLE, "进入有毒或缺氧的有限空间，作业人员应当佩戴：",
        &["呼吸防护用品", "全身式安全带", "安全绳", "蓝牙耳机"],
        &[0, 1, 2], "应急管理部令第13号；有限空间作业前安全确认表"),
    q!("cs_count_out", CS, TF, "作业结束后，应清点作业人员和工器具，确认无误后再关闭出入口。",
        TRUE_FALSE, RIGHT, "GB 30871-2022（监护人登记、清点）"),
    // 三级安全教育（厂级、车间级、班组级共用）
    q!("in_no_training_no_work", IND, TF, "未经安全生产教育和培训合格的从业人员，不得上岗作业。",
        TRUE_FALSE, RIGHT, LAW_28),
    q!("in_three_levels", IND, MULTIPLE, "下列哪些属于三级安全教育的级别？",
        &["厂（公司）级", "车间（部门）级", "班组级", "家庭级"],
        &[0, 1, 2], ORDER_3),
    q!("in_level_order", IND, SINGLE, "三级安全教育的顺序是：",
        &["班组级 → 车间级 → 厂级", "厂（公司）级 → 车间（部门）级 → 班组级", "车间级 → 厂级 → 班组级", "只需班组级"],
        &[1], ORDER_3),
    q!("in_24_hours", IND, SINGLE, "一般行业新上岗从业人员，岗前安全培训时间不得少于：",
        &["8 学时", "16 学时", "24 学时", "72 学时"],
        &[2], "原国家安监总局令第3号 第十三条 / rules::clearance"),
    q!("in_72_hours", IND, SINGLE, "金属冶炼等高危行业的新上岗从业人员，岗前安全培训时间不得少于：",
        &["24 学时", "32 学时", "48 学时", "72 学时"],
        &[3], "原国家安监总局令第3号 第十三条"),
    q!("in_under_24", IND, TF, "三级安全教育累计不足 24 学时的新员工，不能视为培训合格上岗。",
        TRUE_FALSE, RIGHT, "原国家安监总局令第3号 第十三条 / rules::clearance"),
    q!("in_company_only", IND, TF, "新员工只要完成了厂级安全教育，就可以直接上岗作业。",
        TRUE_FALSE, WRONG, ORDER_3),
    q!("in_away_one_year", IND, SINGLE, "离岗多长时间以上重新上岗的，应当重新接受车间级和班组级安全培训？",
        &["一个月", "三个月", "半年", "一年"],
        &[3], "原国家安监总局令第3号 第十七条"),
    q!("in_retrain_levels", IND, SINGLE, "离岗一年以上重新上岗前，应当重新接受哪些级别的安全培训？",
        &["只需厂级", "车间级和班组级", "只需班组级", "不需要培训"],
        &[1], "原国家安监总局令第3号 第十七条"),
    q!("in_retrain_cases", IND, MULTIPLE, "下列哪些情况应当重新接受车间级和班组级安全培训？",
        &["调整工作岗位（转岗）", "离岗一年以上重新上岗", "休年假一周后返岗", "更换了新工作服"],
        &[0, 1], "原国家安监总局令第3号 第十七条"),
    q!("in_four_new", IND, TF, "采用新工艺、新技术、新材料或者使用新设备时，应当对有关从业人员进行专门的安全教育和培训。",
        TRUE_FALSE, RIGHT, "《安全生产法》（2021）第二十九条"),
    q!("in_file_content", IND, MULTIPLE, "安全生产教育和培训档案应当如实记录哪些情况？",
        &["培训时间", "培训内容", "参加人员", "考核结果", "参加人员的家庭住址"],
        &[0, 1, 2, 3], LAW_28),
    q!("in_no_proxy_signing", IND, TF, "培训签到时，可以替没来的同事代签。",
        TRUE_FALSE, WRONG, "《安全生产法》（2021）第二十八条（如实记录参加人员）"),
    q!("in_who_signs", IND, SINGLE, "培训签到应当由谁本人签名或扫码？",
        &["参训人员本人", "班组长统一代签", "培训老师代签", "任何人都可以"],
        &[0], LAW_28),
    q!("in_special_certificate", IND, TF, "电工、焊工、高处作业等特种作业人员，必须取得特种作业操作证才能上岗。",
        TRUE_FALSE, RIGHT, "《安全生产法》（2021）第三十条；2023 重大事故隐患判定标准 第三条(二)"),
    q!("in_uncertified_is_major", IND, SINGLE, "特种作业人员未持证上岗，属于：",
        &["一般隐患", "重大事故隐患", "不属于隐患", "口头提醒即可"],
        &[1], "工贸行业重大事故隐患判定标准（2023）第三条(二)"),
    q!("in_dispatched_workers", IND, TF, "劳务派遣人员和实习学生不需要接受安全教育和培训。",
        TRUE_FALSE, WRONG, LAW_28),
    q!("in_restart", IND, SINGLE, "复工复产前，企业应当组织：",
        &["一次全员安全教育培训", "只培训新员工", "只培训管理人员", "不需要培训"],
        &[0], "复工复产安全要求（地方规定，seed 第1项）"),
    q!("in_principal_hours", IND, SINGLE, "一般行业主要负责人和安全生产管理人员初次安全培训时间不得少于：",
        &["12 学时", "24 学时", "32 学时", "48 学时"],
        &[2], "原国家安监总局令第3号 第九条"),
    q!("in_principal_yearly", IND, SINGLE, "一般行业主要负责人和安全生产管理人员每年再培训时间不得少于：",
        &["8 学时", "12 学时", "16 学时", "24 学时"],
        &[1], "原国家安监总局令第3号 第九条"),
    q!("in_report_hazard", IND, TF, "从业人员发现事故隐患或者其他不安全因素，应当立即向现场安全管理人员或者本单位负责人报告。",
        TRUE_FALSE, RIGHT, "《安全生产法》（2021）第五十九条"),
    q!("in_right_to_leave", IND, TF, "发现直接危及人身安全的紧急情况时，从业人员有权停止作业，或者在采取可能的应急措施后撤离作业场所。",
        TRUE_FALSE, RIGHT, "《安全生产法》（2021）第五十五条"),
    q!("in_duties", IND, MULTIPLE, "从业人员在作业中应当做到：",
        &["严格遵守本单位的安全生产规章制度和操作规程", "正确佩戴和使用劳动防护用品", "接受安全生产教育和培训", "为赶进度先干活、后补培训"],
        &[0, 1, 2], "《安全生产法》（2021）第五十七条、第五十八条"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_starter_bank_has_twenty_sound_questions_per_category() {
        let count = |c: Category| STARTER.iter().filter(|q| q.category == c).count();
        assert!(count(Category::ConfinedSpace) >= 20);
        assert!(count(Category::InductionCompany) >= 20);
        let mut keys = HashSet::new();
        for q in STARTER {
            assert!(keys.insert(q.key), "duplicate key {}", q.key);
            let n = q.options.len();
            assert!((2..=6).contains(&n), "{}: {n} options", q.key);
            if q.kind == QuestionKind::TrueFalse {
                assert_eq!(n, 2, "{}", q.key);
            }
            match q.kind {
                QuestionKind::Single | QuestionKind::TrueFalse => {
                    assert_eq!(q.correct.len(), 1, "{}", q.key)
                }
                QuestionKind::Multiple => assert!(q.correct.len() >= 2, "{}", q.key),
            }
            let distinct: HashSet<_> = q.correct.iter().collect();
            assert_eq!(distinct.len(), q.correct.len(), "{}", q.key);
            assert!(
                q.correct.iter().all(|&c| c >= 0 && (c as usize) < n),
                "{}",
                q.key
            );
            // The bank's own limits (a starter question must pass the form's checks).
            assert!((1..=300).contains(&q.prompt.chars().count()), "{}", q.key);
            assert!(q
                .options
                .iter()
                .all(|o| (1..=100).contains(&o.chars().count())));
            assert!(q.basis.chars().count() <= 200, "{}", q.key);
            assert!(!q.basis.is_empty(), "{}", q.key);
        }
    }
}
