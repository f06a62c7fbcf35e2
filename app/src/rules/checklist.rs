//! Checklists as typed catalogues: the items a form may tick, each with its basis. A ticked
//! key that is not in the catalogue is refused, never shown as some other item. The
//! pre-entry confirmation lives here now; the patrol checklists (the 25 key items) join it.
//!
//! Source of the pre-entry items: `docs/research.md` §C2 (有限空间作业前安全确认表,
//! after 工贸企业有限空间作业安全规定, 应急管理部令第13号, 2023) [S]; the gas items of §C2 are
//! entered as readings (rules::gas), not ticked.

crate::text_enum! {
    /// 有限空间作业前安全确认: what the permit's requester confirms is done.
    pub enum PreEntryCheck {
        /// 危险物料、能量已隔断（关阀、加盲板、断电并上锁挂牌）. §C2 item 5.
        Isolation = "isolation",
        /// 残留物料已清空、清洗或置换. §C2 item 6.
        Cleaning = "cleaning",
        /// 出入口已打开，通风设备完好可用. §C2 item 7.
        VentilationEquipment = "ventilation_equipment",
        /// 气体检测仪在校验有效期内. §C2 item 8.
        Detector = "detector",
        /// 呼吸防护用品、全身式安全带、安全绳. §C2 item 15.
        Ppe = "ppe",
        /// 现场配备应急救援装备（三脚架、正压式空气呼吸器等）. §C2 item 16.
        Rescue = "rescue",
        /// 监护人员到位，通讯畅通. §C2 item 17.
        Communication = "communication",
        /// 作业区域已封闭，警示标志和告知牌已设置. §C2 item 4.
        Signage = "signage",
    }
}

/// The ticked items of a form, in catalogue order, each once; `None` when a key is not in
/// the catalogue (the form refuses it, naming its own field).
pub fn ticked(keys: &[String]) -> Option<Vec<PreEntryCheck>> {
    let mut items = Vec::with_capacity(keys.len());
    for key in keys {
        let item = PreEntryCheck::parse(key.trim())?;
        if !items.contains(&item) {
            items.push(item);
        }
    }
    items.sort_by_key(|i| PreEntryCheck::ALL.iter().position(|a| a == i));
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_items_are_kept_once_in_catalogue_order() {
        let keys = ["ppe", "isolation", "ppe"].map(String::from);
        assert_eq!(
            ticked(&keys).unwrap(),
            vec![PreEntryCheck::Isolation, PreEntryCheck::Ppe]
        );
    }

    #[test]
    fn an_unknown_item_is_refused() {
        let keys = ["isolation", "prayer"].map(String::from);
        assert_eq!(ticked(&keys), None);
    }
}
