//! The county's records as the pages and the server functions carry them: the tree's nodes,
//! regulators, and an enterprise's ledger entry (企业基础信息台账) with its form.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::text_enum! {
    /// A node's level in the tree (省 / 市 / 县 / 乡镇·街道 / 园区). Stored in
    /// `jurisdictions.level`.
    pub enum Level {
        Province = "province",
        City = "city",
        County = "county",
        Township = "township",
        /// 园区: under a county or a township.
        Park = "park",
    }
}

impl Level {
    /// The levels a child of a node of this level may have (`None`: a root may be any).
    pub fn children(parent: Option<Level>) -> &'static [Level] {
        match parent {
            None => &Level::ALL,
            Some(Level::Province) => &[Level::City, Level::County],
            Some(Level::City) => &[Level::County],
            Some(Level::County) => &[Level::Township, Level::Park],
            Some(Level::Township) => &[Level::Park],
            Some(Level::Park) => &[],
        }
    }
}

crate::text_enum! {
    /// 行业: the industry-and-trade sectors (工贸行业) the plan covers. `enterprises.industry`.
    pub enum Industry {
        Metallurgy = "metallurgy",
        Nonferrous = "nonferrous",
        BuildingMaterials = "building_materials",
        Machinery = "machinery",
        LightIndustry = "light_industry",
        Textile = "textile",
        Tobacco = "tobacco",
        Commerce = "commerce",
    }
}

crate::text_enum! {
    /// The focus risks of the plan's item 17 (重点监管), and the steel and aluminium trades
    /// (涉钢 / 涉铝) whose item packs apply. `enterprises.focus_risks`.
    pub enum FocusRisk {
        MoltenMetal = "molten_metal",
        CoalGas = "coal_gas",
        HazardousChemicals = "hazardous_chemicals",
        ConfinedSpace = "confined_space",
        CombustibleDust = "combustible_dust",
        Steel = "steel",
        Aluminium = "aluminium",
    }
}

crate::text_enum! {
    /// 安全生产标准化 grade. `enterprises.standard_grade` (none: null).
    pub enum StandardGrade {
        Level1 = "level1",
        Level2 = "level2",
        Level3 = "level3",
        SmallMicro = "small_micro",
    }
}

/// A node of the tree as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NodeView {
    pub id: Uuid,
    pub name: String,
    pub level: Level,
    /// Enterprises at or under it.
    pub enterprises: i64,
}

/// A regulator as the tree page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RegulatorView {
    pub id: Uuid,
    pub name: String,
    pub mobile: String,
    pub node_name: String,
    pub active: bool,
}

/// One place of the tree with what the actor may do there: the node (none: the operator's
/// top, above the roots), the way up, its children and its regulators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeView {
    pub node: Option<NodeView>,
    /// From the actor's top down to the node's parent.
    pub ancestors: Vec<NodeView>,
    pub children: Vec<NodeView>,
    pub regulators: Vec<RegulatorView>,
    /// The node is below the actor's own (or the actor is the operator): rename it, name
    /// regulators of it.
    pub may_edit: bool,
    /// Levels a new child may have (empty: none may be made here).
    pub child_levels: Vec<Level>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NodeForm {
    /// Empty: a root (the operator's only).
    #[serde(default)]
    pub parent_id: String,
    pub name: String,
    pub level: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RenameForm {
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegulatorForm {
    pub node_id: String,
    pub name: String,
    pub mobile: String,
    /// The first password, to be changed at the first login (as every password someone
    /// else set).
    pub password: String,
}

/// An enterprise's ledger entry as the form and the roster file give it: text, checked by
/// `validate` (`county::ledger`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LedgerForm {
    pub credit_code: String,
    pub name: String,
    /// The short code people type with their employee number to sign in; empty: made from
    /// the credit code.
    #[serde(default)]
    pub login_code: String,
    #[serde(default)]
    pub address: String,
    pub township_id: String,
    #[serde(default)]
    pub industry: String,
    /// 规上 (a checkbox).
    #[serde(default)]
    pub above_scale: Option<String>,
    /// 小微 (a checkbox).
    #[serde(default)]
    pub small_micro: Option<String>,
    #[serde(default)]
    pub focus_risks: Vec<String>,
    /// 重大危险源 (a checkbox).
    #[serde(default)]
    pub major_hazard_source: Option<String>,
    #[serde(default)]
    pub standard_grade: String,
    #[serde(default)]
    pub standard_date: String,
    #[serde(default)]
    pub principal_name: String,
    #[serde(default)]
    pub contact_mobile: String,
    /// In business (a checkbox; a new entry is active).
    #[serde(default)]
    pub active: Option<String>,
}

/// A new enterprise: its ledger entry and its first admin.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewEnterpriseForm {
    pub ledger: LedgerForm,
    pub admin_name: String,
    pub admin_mobile: String,
    pub admin_password: String,
}

/// A checked ledger entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub credit_code: String,
    pub name: String,
    pub login_code: String,
    pub address: String,
    pub township_id: Uuid,
    pub industry: Option<Industry>,
    pub above_scale: bool,
    pub small_micro: bool,
    pub focus_risks: Vec<FocusRisk>,
    pub major_hazard_source: bool,
    pub standard_grade: Option<StandardGrade>,
    pub standard_date: Option<time::Date>,
    pub principal_name: String,
    pub contact_mobile: String,
    pub active: bool,
}

/// An enterprise of the ledger as its list shows it, with what the ledger still lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LedgerRow {
    pub id: Uuid,
    pub name: String,
    pub credit_code: Option<String>,
    pub township: String,
    pub industry: Option<Industry>,
    pub focus_risks: Vec<FocusRisk>,
    pub active: bool,
    /// No active enterprise admin.
    pub no_admin: bool,
    /// Neither a principal named in the ledger nor one named by the enterprise.
    pub no_principal: bool,
    /// Nobody of the enterprise ever signed in.
    pub never_signed_in: bool,
}

/// One enterprise's entry for its edit page: the entry, its version, and the nodes it may be
/// moved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseEntry {
    pub id: Uuid,
    pub version: i32,
    pub entry: LedgerEntry,
    pub townships: Vec<NodeView>,
}
