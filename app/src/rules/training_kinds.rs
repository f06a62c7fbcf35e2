//! The kinds of training and of moves the clearance rules judge (research §A4, §C4): stored
//! by training (`training_sessions.category`, `person_moves.kind`), read by `clearance`.

crate::text_enum! {
    /// What a session is (research §A4, §C4). Stored in `training_sessions.category` and
    /// `training_questions.category` (a question bank per category).
    pub enum Category {
        /// 三级安全教育: 厂（公司）级.
        InductionCompany = "induction_company",
        /// 三级安全教育: 车间（部门）级.
        InductionWorkshop = "induction_workshop",
        /// 三级安全教育: 班组级.
        InductionTeam = "induction_team",
        /// 转岗培训 (调整工作岗位).
        Transfer = "transfer",
        /// 复岗培训 (离岗一年以上重新上岗).
        ReturnToPost = "return_to_post",
        /// 复工复产前全员安全教育培训 (seed item 1).
        Restart = "restart",
        /// 有限空间作业专题安全培训 (13号令, at least once a year).
        ConfinedSpace = "confined_space",
        /// 四新培训 (新工艺、新技术、新材料、新设备).
        FourNew = "four_new",
        /// 班前会 / 日常教育.
        Daily = "daily",
        Other = "other",
    }
}

impl Category {
    /// The three levels of 三级安全教育, in the order they are taken.
    pub const INDUCTION: [Category; 3] = [
        Category::InductionCompany,
        Category::InductionWorkshop,
        Category::InductionTeam,
    ];

    pub fn is_induction(self) -> bool {
        Category::INDUCTION.contains(&self)
    }
}

crate::text_enum! {
    /// A move that calls for re-training. Stored in `person_moves.kind`.
    pub enum MoveKind {
        /// 转岗: a new post.
        Transfer = "transfer",
        /// 复岗: back at work after an absence.
        ReturnToPost = "return_to_post",
    }
}
