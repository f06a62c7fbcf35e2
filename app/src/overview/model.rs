//! What the overview and its lists carry.

use crate::county::{FocusRisk, Level, StandardGrade};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The focus risks of the plan's item 17 (重点监管): an enterprise with any of them is on the
/// 重点监管 list. (涉钢 / 涉铝 decide item packs, not the list.)
pub const WATCHED: [FocusRisk; 5] = [
    FocusRisk::MoltenMetal,
    FocusRisk::CoalGas,
    FocusRisk::HazardousChemicals,
    FocusRisk::ConfinedSpace,
    FocusRisk::CombustibleDust,
];

/// The figures of one row (a node: the sum over its enterprises; an enterprise: its own).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub enterprises: u32,
    pub active: u32,
    pub with_admin: u32,
    /// Enterprises of which someone signed in during the period.
    pub signed_in: u32,
    /// Enterprises with any of the item-17 focus risks (重点监管).
    pub watched: u32,
    /// Per focus risk (in `FocusRisk::ALL`'s order), enterprises that have it.
    pub by_risk: Vec<u32>,
    pub major_hazard_source: u32,
    /// The 25 items: applicable items cleared (合格 or 销号), of the applicable ones.
    pub items_cleared: u32,
    pub items_applicable: u32,
    /// Patrol rounds over the period: made (on time, late or uploaded late) of expected.
    pub rounds_made: u32,
    pub rounds_expected: u32,
    pub rounds_missed: u32,
    pub hazards_open: u32,
    pub hazards_overdue: u32,
    pub hazards_major: u32,
    /// Active people, and of them those cleared for work today (未经培训合格不得上岗).
    pub people: u32,
    pub people_cleared: u32,
    /// Confined-space operations planned to start in the period (not rejected).
    pub operations: u32,
    /// Per standardisation grade (in `StandardGrade::ALL`'s order), then none.
    pub grades: Vec<u32>,
}

impl Figures {
    /// `part` of `whole` in whole percent; None when there is nothing to count.
    pub fn percent(part: u32, whole: u32) -> Option<u32> {
        (whole > 0).then(|| (part * 100 + whole / 2) / whole)
    }

    pub fn add(&mut self, other: &Figures) {
        let sum = |a: &mut Vec<u32>, b: &[u32]| {
            a.resize(a.len().max(b.len()), 0);
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        };
        self.enterprises += other.enterprises;
        self.active += other.active;
        self.with_admin += other.with_admin;
        self.signed_in += other.signed_in;
        self.watched += other.watched;
        sum(&mut self.by_risk, &other.by_risk);
        self.major_hazard_source += other.major_hazard_source;
        self.items_cleared += other.items_cleared;
        self.items_applicable += other.items_applicable;
        self.rounds_made += other.rounds_made;
        self.rounds_expected += other.rounds_expected;
        self.rounds_missed += other.rounds_missed;
        self.hazards_open += other.hazards_open;
        self.hazards_overdue += other.hazards_overdue;
        self.hazards_major += other.hazards_major;
        self.people += other.people;
        self.people_cleared += other.people_cleared;
        self.operations += other.operations;
        sum(&mut self.grades, &other.grades);
    }
}

/// What a row of the overview stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowKind {
    /// A child node: its row opens its own overview.
    Node(Level),
    /// An enterprise directly at the node: its row opens its ledger entry.
    Enterprise,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub id: Uuid,
    pub name: String,
    pub kind: RowKind,
    pub figures: Figures,
}

/// The overview of one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub node: Uuid,
    pub name: String,
    /// From the actor's own node down to this node's parent (their way back up).
    pub trail: Vec<(Uuid, String)>,
    pub from: String,
    pub to: String,
    pub total: Figures,
    pub rows: Vec<OverviewRow>,
}

/// Which enterprises a list shows: every figure of the overview names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Filter {
    All,
    /// 重点监管: any item-17 focus risk.
    Watched,
    Risk(FocusRisk),
    Inactive,
    NoAdmin,
    NotSignedIn,
    MajorHazardSource,
    /// Applicable 25 items not all cleared.
    ItemsOpen,
    /// A patrol round missed in the period.
    RoundsMissed,
    HazardsOpen,
    HazardsOverdue,
    HazardsMajor,
    /// Someone active not cleared for work.
    NotCleared,
    /// Confined-space operations in the period.
    Operations,
    Grade(Option<StandardGrade>),
}

impl Filter {
    /// The filters that name no risk or grade.
    pub const SIMPLE: [Filter; 13] = [
        Filter::All,
        Filter::Watched,
        Filter::Inactive,
        Filter::NoAdmin,
        Filter::NotSignedIn,
        Filter::MajorHazardSource,
        Filter::ItemsOpen,
        Filter::RoundsMissed,
        Filter::HazardsOpen,
        Filter::HazardsOverdue,
        Filter::HazardsMajor,
        Filter::NotCleared,
        Filter::Operations,
    ];

    /// The filter's name in a link (`?filter=`).
    pub fn key(self) -> String {
        match self {
            Filter::All => "all".into(),
            Filter::Watched => "watched".into(),
            Filter::Risk(r) => format!("risk:{}", r.as_str()),
            Filter::Inactive => "inactive".into(),
            Filter::NoAdmin => "no_admin".into(),
            Filter::NotSignedIn => "not_signed_in".into(),
            Filter::MajorHazardSource => "major_hazard_source".into(),
            Filter::ItemsOpen => "items_open".into(),
            Filter::RoundsMissed => "rounds_missed".into(),
            Filter::HazardsOpen => "hazards_open".into(),
            Filter::HazardsOverdue => "hazards_overdue".into(),
            Filter::HazardsMajor => "hazards_major".into(),
            Filter::NotCleared => "not_cleared".into(),
            Filter::Operations => "operations".into(),
            Filter::Grade(Some(g)) => format!("grade:{}", g.as_str()),
            Filter::Grade(None) => "grade:none".into(),
        }
    }

    /// The filter named `key` (empty: all).
    pub fn parse(key: &str) -> Option<Filter> {
        let simple = Filter::SIMPLE;
        match key.trim() {
            "" => Some(Filter::All),
            "grade:none" => Some(Filter::Grade(None)),
            k => simple.into_iter().find(|f| f.key() == k).or_else(|| {
                let (kind, value) = k.split_once(':')?;
                match kind {
                    "risk" => FocusRisk::parse(value).map(Filter::Risk),
                    "grade" => StandardGrade::parse(value).map(|g| Filter::Grade(Some(g))),
                    _ => None,
                }
            }),
        }
    }

    /// Whether an enterprise of these figures is on the list.
    pub fn keeps(self, e: &EnterpriseFigures) -> bool {
        let f = &e.figures;
        match self {
            Filter::All => true,
            Filter::Watched => f.watched > 0,
            Filter::Risk(r) => e.focus_risks.contains(&r),
            Filter::Inactive => f.active == 0,
            Filter::NoAdmin => f.with_admin == 0,
            Filter::NotSignedIn => f.signed_in == 0,
            Filter::MajorHazardSource => f.major_hazard_source > 0,
            Filter::ItemsOpen => f.items_cleared < f.items_applicable,
            Filter::RoundsMissed => f.rounds_missed > 0,
            Filter::HazardsOpen => f.hazards_open > 0,
            Filter::HazardsOverdue => f.hazards_overdue > 0,
            Filter::HazardsMajor => f.hazards_major > 0,
            Filter::NotCleared => f.people_cleared < f.people,
            Filter::Operations => f.operations > 0,
            Filter::Grade(g) => e.grade == g,
        }
    }
}

/// One enterprise with its figures, as the lists behind the overview show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseFigures {
    pub id: Uuid,
    pub name: String,
    pub credit_code: Option<String>,
    /// The node it is at (a township or park).
    pub place: String,
    pub focus_risks: Vec<FocusRisk>,
    pub grade: Option<StandardGrade>,
    pub figures: Figures,
}

/// A list behind the overview: its node, period and filter, and the enterprises it keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureList {
    pub node: Uuid,
    pub name: String,
    pub from: String,
    pub to: String,
    pub filter: Filter,
    /// The rows of the page shown (all of them from `service::list`, as the XLSX takes them).
    pub rows: Vec<EnterpriseFigures>,
    /// Enterprises in the whole list, and the page shown of how many (from 1).
    pub total: usize,
    pub page: u32,
    pub pages: u32,
}

impl Filter {
    /// Whether the filter reads the features' figures (`kept::Measured`'s), or the ledger's
    /// facts alone (so a list may take its page before reading the figures).
    pub fn needs_measured(self) -> bool {
        matches!(
            self,
            Filter::ItemsOpen
                | Filter::RoundsMissed
                | Filter::HazardsOpen
                | Filter::HazardsOverdue
                | Filter::HazardsMajor
                | Filter::NotCleared
                | Filter::Operations
        )
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    #[test]
    fn every_filter_reads_back_from_its_key() {
        let mut all = Filter::SIMPLE.to_vec();
        all.push(Filter::Grade(None));
        all.extend(FocusRisk::ALL.map(Filter::Risk));
        all.extend(StandardGrade::ALL.map(|g| Filter::Grade(Some(g))));
        for f in all {
            assert_eq!(Filter::parse(&f.key()), Some(f), "{f:?}");
        }
        assert_eq!(Filter::parse(""), Some(Filter::All));
        for bad in ["x", "risk:", "risk:gold", "grade:level9", "all:"] {
            assert_eq!(Filter::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_filter_of_facts_alone_keeps_the_same_whatever_the_features_figures() {
        let mut all = Filter::SIMPLE.to_vec();
        all.push(Filter::Grade(None));
        all.extend(FocusRisk::ALL.map(Filter::Risk));
        all.extend(StandardGrade::ALL.map(|g| Filter::Grade(Some(g))));
        let facts = |watched| EnterpriseFigures {
            id: Uuid::nil(),
            name: String::new(),
            credit_code: None,
            place: String::new(),
            focus_risks: vec![FocusRisk::ConfinedSpace],
            grade: None,
            figures: Figures {
                enterprises: 1,
                active: 1,
                watched,
                ..Figures::default()
            },
        };
        // Every feature's figure at none, and at some with items and people not all cleared.
        let measured = |mut e: EnterpriseFigures| {
            let f = &mut e.figures;
            (f.items_applicable, f.rounds_expected, f.rounds_missed) = (25, 10, 2);
            (f.hazards_open, f.hazards_overdue, f.hazards_major) = (3, 1, 1);
            (f.people, f.operations) = (9, 1);
            e
        };
        for filter in all {
            for watched in [0, 1] {
                let (bare, full) = (facts(watched), measured(facts(watched)));
                if filter.needs_measured() {
                    assert!(!filter.keeps(&bare) && filter.keeps(&full), "{filter:?}");
                } else {
                    assert_eq!(filter.keeps(&bare), filter.keeps(&full), "{filter:?}");
                }
            }
        }
    }

    #[test]
    fn percent_rounds_half_up_and_is_none_of_nothing() {
        assert_eq!(Figures::percent(1, 3), Some(33));
        assert_eq!(Figures::percent(2, 3), Some(67));
        assert_eq!(Figures::percent(0, 0), None);
    }

}
