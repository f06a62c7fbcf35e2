//! The county's steps and reads, checked here: who reaches which node (the operator the whole
//! tree, a regulator their node and everything under it), then the audited step.

use super::{
    db, CountyAction, CountyField, EnterpriseEntry, LedgerForm, LedgerRow, Level,
    NewEnterpriseForm, NodeForm, RegulatorForm, RenameForm, TreeView,
};
use crate::{
    actor::{Role, SessionUser},
    audit::step::{AuditedTx, StepSpec},
    error::{AppError, Problem},
    fresh_or, input,
    users::accounts::{self, Opening},
};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

/// The people of the oversight side who keep the tree and the ledger.
pub(super) const KEEPERS: &[Role] = &[Role::Operator, Role::Regulator];
const MAX_NODE_NAME_CHARS: u16 = 40;

/// What an actor reaches in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The platform operator: every node.
    All,
    /// A regulator: their node and everything under it.
    Under(Uuid),
}

impl Reach {
    pub fn of(actor: &SessionUser) -> Result<Reach, AppError> {
        match actor.role {
            Role::Operator => Ok(Reach::All),
            Role::Regulator => actor
                .jurisdiction_id
                .map(Reach::Under)
                .ok_or(AppError::Forbidden),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The node the actor sees from (none: above every root).
    pub fn top(self) -> Option<Uuid> {
        match self {
            Reach::All => None,
            Reach::Under(node) => Some(node),
        }
    }

    /// Whether the node of `path` is at or under the actor's.
    pub fn sees(self, path: &[Uuid]) -> bool {
        match self {
            Reach::All => true,
            Reach::Under(node) => path.contains(&node),
        }
    }

    /// Whether the node of `path` is below the actor's own (a node is renamed, and its
    /// regulators named, by the level above it).
    pub fn manages(self, path: &[Uuid]) -> bool {
        match self {
            Reach::All => true,
            Reach::Under(node) => path.contains(&node) && path.last() != Some(&node),
        }
    }
}

fn spec(action: CountyAction, client_id: Uuid, subject: Option<Uuid>) -> StepSpec {
    StepSpec {
        action: action.into(),
        roles: KEEPERS,
        client_id,
        subject,
    }
}

/// The node `id` as the actor may see it; another's is "not found" (its existence is not
/// theirs to learn).
async fn seen_node(pool: &PgPool, reach: Reach, id: Uuid) -> Result<db::Node, AppError> {
    db::node(pool, id)
        .await?
        .filter(|n| reach.sees(&n.path))
        .ok_or(AppError::NotFound)
}

/// One place of the tree: the node (the actor's own when none is asked; the operator's top
/// is above the roots), the way up, its children and its regulators.
pub async fn tree(
    pool: &PgPool,
    actor: &SessionUser,
    node: Option<Uuid>,
) -> Result<TreeView, AppError> {
    let reach = Reach::of(actor)?;
    let Some(id) = node.or(reach.top()) else {
        return Ok(TreeView {
            node: None,
            ancestors: vec![],
            children: db::children(pool, None).await?,
            regulators: vec![],
            may_edit: false,
            child_levels: Level::children(None).to_vec(),
        });
    };
    let node = seen_node(pool, reach, id).await?;
    // The way up, from the actor's top.
    let from = match reach {
        Reach::All => 0,
        Reach::Under(top) => node.path.iter().position(|n| *n == top).unwrap_or(0),
    };
    let up = &node.path[from..node.path.len() - 1];
    let mut shown = db::nodes_of_path(pool, &node.path[node.path.len() - 1..]).await?;
    Ok(TreeView {
        node: shown.pop(),
        ancestors: db::nodes_of_path(pool, up).await?,
        children: db::children(pool, Some(node.id)).await?,
        regulators: db::regulators_under(pool, node.id).await?,
        may_edit: reach.manages(&node.path),
        child_levels: Level::children(Some(node.level)).to_vec(),
    })
}

fn node_name(text: &str) -> Result<String, AppError> {
    input::line(text, CountyField::NodeName, MAX_NODE_NAME_CHARS, true)
}

/// Makes a node: a root (the operator's only) or a child of a node the actor sees, at a
/// level that fits below its parent's.
pub async fn create_node(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &NodeForm,
) -> Result<Uuid, AppError> {
    let reach = Reach::of(actor)?;
    let parent = input::optional_uuid(&form.parent_id, CountyField::Node)?;
    let name = node_name(&form.name)?;
    let level = Level::parse(form.level.trim())
        .ok_or(AppError::invalid(CountyField::Level, Problem::Invalid))?;
    let begun = AuditedTx::begin_oversight(
        pool,
        actor,
        spec(CountyAction::NodeCreate, client_id, None),
        None,
    );
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("name", &name)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    let parent_level = match parent {
        None if reach == Reach::All => None,
        None => return Err(AppError::Forbidden),
        Some(id) => Some(seen_node(pool, reach, id).await?.level),
    };
    if !Level::children(parent_level).contains(&level) {
        return Err(AppError::invalid(CountyField::Level, Problem::Invalid));
    }
    let id = Uuid::now_v7();
    db::insert_node(tx.conn(), id, parent, &name, level)
        .await
        .map_err(taken)?;
    let detail = json!({ "name": name, "level": level, "parent": parent });
    tx.created(id, detail).await?;
    Ok(id)
}

/// Renames a node below the actor's own.
pub async fn rename_node(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    form: &RenameForm,
) -> Result<(), AppError> {
    let reach = Reach::of(actor)?;
    let name = node_name(&form.name)?;
    let begun = AuditedTx::begin_oversight(
        pool,
        actor,
        spec(CountyAction::NodeRename, client_id, Some(id)),
        None,
    );
    let mut tx = fresh_or!(begun.await?, |_prior| Ok(()));
    let node = seen_node(pool, reach, id).await?;
    if !reach.manages(&node.path) {
        return Err(AppError::Forbidden);
    }
    if node.name == name {
        return tx.unchanged().await;
    }
    let before = db::rename_node(tx.conn(), id, &name).await.map_err(taken)?;
    tx.commit(json!({ "from": before, "to": name })).await
}

/// Opens a regulator's account at a node below the actor's own.
pub async fn create_regulator(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &RegulatorForm,
) -> Result<Uuid, AppError> {
    let reach = Reach::of(actor)?;
    let node_id = input::uuid(&form.node_id, CountyField::Node)?;
    let (name, mobile) = accounts::check(
        &form.name,
        &form.mobile,
        crate::error::Field::User,
        crate::users::UserField::Mobile,
    )?;
    let hash = accounts::first_password_hash(&form.password).await?;
    let begun = AuditedTx::begin_oversight(
        pool,
        actor,
        spec(CountyAction::RegulatorCreate, client_id, None),
        None,
    );
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("mobile", &mobile)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    let node = seen_node(pool, reach, node_id).await?;
    if !reach.manages(&node.path) {
        return Err(AppError::Forbidden);
    }
    let id = Uuid::now_v7();
    let opening = Opening {
        role: Role::Regulator,
        enterprise_id: None,
        jurisdiction_id: Some(node.id),
        name,
        mobile: mobile.clone(),
    };
    accounts::open(
        tx.conn(),
        id,
        &opening,
        Some(actor.id),
        &hash,
        crate::users::UserField::Mobile,
    )
    .await?;
    let detail = json!({ "mobile": mobile, "node": node.id });
    tx.created(id, detail).await?;
    Ok(id)
}

/// The ledger at or under `node` (the actor's top when none).
pub async fn ledger(
    pool: &PgPool,
    actor: &SessionUser,
    node: Option<Uuid>,
) -> Result<Vec<LedgerRow>, AppError> {
    let reach = Reach::of(actor)?;
    let top = top_of(pool, reach, node).await?;
    Ok(db::ledger_under(pool, top).await?)
}

/// The node a ledger read starts from: `node` when the actor sees it (another's is not
/// found), else the actor's own top (none: the operator's whole tree).
pub(super) async fn top_of(
    pool: &PgPool,
    reach: Reach,
    node: Option<Uuid>,
) -> Result<Option<Uuid>, AppError> {
    match node {
        Some(id) => Ok(Some(seen_node(pool, reach, id).await?.id)),
        None => Ok(reach.top()),
    }
}

/// One enterprise's entry, for its edit page.
pub async fn entry(
    pool: &PgPool,
    actor: &SessionUser,
    id: Uuid,
) -> Result<EnterpriseEntry, AppError> {
    let reach = Reach::of(actor)?;
    let (entry, version, _) = db::entry(pool, id, false)
        .await?
        .filter(|(_, _, path)| reach.sees(path))
        .ok_or(AppError::NotFound)?;
    Ok(EnterpriseEntry {
        id,
        version,
        entry,
        townships: db::enterprise_nodes(pool, reach.top()).await?,
    })
}

/// The nodes the actor may put an enterprise under.
pub async fn enterprise_nodes(
    pool: &PgPool,
    actor: &SessionUser,
) -> Result<Vec<super::NodeView>, AppError> {
    let reach = Reach::of(actor)?;
    Ok(db::enterprise_nodes(pool, reach.top()).await?)
}

/// The node an enterprise goes under: one the actor sees, of a level that holds enterprises.
async fn enterprise_node(pool: &PgPool, reach: Reach, id: Uuid) -> Result<db::Node, AppError> {
    let node = db::node(pool, id)
        .await?
        .filter(|n| reach.sees(&n.path))
        .ok_or(AppError::invalid(CountyField::Township, Problem::Invalid))?;
    if matches!(node.level, Level::Province | Level::City) {
        return Err(AppError::invalid(CountyField::Township, Problem::Invalid));
    }
    Ok(node)
}

/// Today, China time: what a ledger entry's dates are checked against.
pub(super) fn today() -> time::Date {
    crate::time_fmt::china_day(time::OffsetDateTime::now_utc())
}

/// Creates an enterprise with its ledger entry and its first enterprise admin (who changes
/// the password at the first login).
pub async fn create_enterprise(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    form: &NewEnterpriseForm,
) -> Result<Uuid, AppError> {
    let reach = Reach::of(actor)?;
    let mut entry = form.ledger.validate(today())?;
    // A new entry is in business whatever the box says.
    entry.active = true;
    let (admin_name, admin_mobile) = accounts::check(
        &form.admin_name,
        &form.admin_mobile,
        CountyField::AdminName,
        CountyField::AdminMobile,
    )?;
    let hash = accounts::first_password_hash(&form.admin_password).await?;
    let id = Uuid::now_v7();
    let begun = AuditedTx::begin_oversight(
        pool,
        actor,
        spec(CountyAction::EnterpriseCreate, client_id, None),
        Some(id),
    );
    let mut tx = fresh_or!(begun.await?, |prior| {
        prior.require("credit_code", &entry.credit_code)?;
        prior.subject_id.ok_or(AppError::Internal)
    });
    enterprise_node(pool, reach, entry.township_id).await?;
    if db::credit_code_taken(tx.conn(), &entry.credit_code, None).await? {
        return Err(AppError::invalid(CountyField::CreditCode, Problem::Taken));
    }
    db::insert_enterprise(tx.conn(), id, &entry)
        .await
        .map_err(taken)?;
    let opening = Opening {
        role: Role::EnterpriseAdmin,
        enterprise_id: Some(id),
        jurisdiction_id: None,
        name: admin_name,
        mobile: admin_mobile.clone(),
    };
    let admin = Uuid::now_v7();
    accounts::open(
        tx.conn(),
        admin,
        &opening,
        Some(actor.id),
        &hash,
        CountyField::AdminMobile,
    )
    .await?;
    let detail = json!({
        "credit_code": entry.credit_code,
        "name": entry.name,
        "node": entry.township_id,
        "admin": admin,
    });
    tx.created(id, detail).await?;
    Ok(id)
}

/// Saves an enterprise's ledger entry as of `version`; a new township moves it (both
/// townships' regulators see the change at once: reach is read from the row).
pub async fn update_enterprise(
    pool: &PgPool,
    actor: &SessionUser,
    client_id: Uuid,
    id: Uuid,
    version: i32,
    form: &LedgerForm,
) -> Result<(), AppError> {
    let reach = Reach::of(actor)?;
    let entry = form.validate(today())?;
    let begun = AuditedTx::begin_oversight(
        pool,
        actor,
        spec(CountyAction::EnterpriseUpdate, client_id, Some(id)),
        Some(id),
    );
    let mut tx = fresh_or!(begun.await?, |_prior| Ok(()));
    let (before, current, _) = db::entry(tx.conn(), id, true)
        .await?
        .filter(|(_, _, path)| reach.sees(path))
        .ok_or(AppError::NotFound)?;
    if current != version {
        return Err(AppError::invalid(CountyField::EnterpriseName, Problem::Stale));
    }
    if before == entry {
        return tx.unchanged().await;
    }
    if before.township_id != entry.township_id {
        enterprise_node(pool, reach, entry.township_id).await?;
    }
    if before.credit_code != entry.credit_code
        && db::credit_code_taken(tx.conn(), &entry.credit_code, Some(id)).await?
    {
        return Err(AppError::invalid(CountyField::CreditCode, Problem::Taken));
    }
    db::update_enterprise(tx.conn(), id, &entry)
        .await
        .map_err(taken)?;
    let moved = (before.township_id != entry.township_id)
        .then(|| json!({ "from": before.township_id, "to": entry.township_id }));
    let detail = json!({
        "before": before,
        "after": entry,
        "moved": moved,
    });
    tx.commit(detail).await
}

/// Whether a regulator oversees the enterprise `id` (it is at or under their node): the
/// check every oversight step about one enterprise makes first. Another's, or none, is "not
/// found". The operator oversees none: they keep the ledger, not the safety records.
pub async fn overseen_enterprise(
    pool: &PgPool,
    actor: &SessionUser,
    id: Uuid,
) -> Result<(), AppError> {
    actor.require_role(&[Role::Regulator])?;
    let reach = Reach::of(actor)?;
    match db::enterprise_path(pool, id).await? {
        Some(path) if reach.sees(&path) => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

/// One enterprise as the regulators' figures start from it: its ledger facts and where it is.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EnterpriseFacts {
    pub id: Uuid,
    pub name: String,
    pub credit_code: Option<String>,
    /// The node it is at.
    pub place: String,
    /// That node's path of ids, from its root.
    pub path: Vec<Uuid>,
    pub active: bool,
    pub focus_risks: Vec<super::FocusRisk>,
    pub major_hazard_source: bool,
    pub standard_grade: Option<super::StandardGrade>,
    /// The ledger entry's version: it changes with every edit (and import) of the entry.
    pub version: i32,
    pub has_admin: bool,
    /// Someone of it signed in since the time asked.
    pub signed_in: bool,
}

/// The enterprises at or under `node` (seen by the regulator: another's is not found) with
/// their ledger facts. Regulators only: the operator keeps the ledger, and the figures these
/// start are safety records. The same read is published to SQL as the function
/// `enterprise_facts_under(node, signed_in_since)` (migration 20261217), for queries that sum
/// over it in the database; they check the node's reach themselves (`tree`).
pub async fn enterprise_facts(
    pool: &PgPool,
    actor: &SessionUser,
    node: Uuid,
    signed_in_since: time::OffsetDateTime,
) -> Result<Vec<EnterpriseFacts>, AppError> {
    actor.require_role(&[Role::Regulator])?;
    let node = seen_node(pool, Reach::of(actor)?, node).await?;
    Ok(db::facts_under(pool, node.id, signed_in_since).await?)
}

/// The focus risks of these enterprises' ledger entries (what the 25 items' applicability
/// follows, `patrols::selfcheck`). The caller has checked that the actor may read them.
pub async fn focus_risks(
    pool: &PgPool,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Vec<super::FocusRisk>>, AppError> {
    Ok(db::focus_risks(pool, ids).await?.into_iter().collect())
}

/// A unique index's refusal as the field to fix.
fn taken(err: sqlx::Error) -> AppError {
    match db::taken_field(&err) {
        Some(field) => AppError::invalid(field, Problem::Taken),
        None => err.into(),
    }
}
