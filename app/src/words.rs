//! The words a module lends the kernel, so that the kernel can show them without naming the
//! module: the sentence of each of its refusals (`error::FeatureRefusal`), the label of each
//! of its fields (`error::FieldNames`) and of each of its audit actions (`audit::Actions`).
//!
//! A module declares its words once, beside them:
//! `pub const WORDS: Words = Words::of("hazards").refusals::<HazardRefusal>()
//! .fields::<HazardField>().actions::<HazardAction>();` (the builders live with the traits,
//! in `error` and `audit`). The composition root lists every module's `WORDS`
//! (`crate::WORDS`) and installs the list at start; unit tests read the root's list directly.

use crate::i18n::Locale;

/// One module's words: each part is looked up by the name the kernel carries (a refusal's
/// tag and reason, a field's or an action's stored name).
#[derive(Clone, Copy)]
pub struct Words {
    /// The module's name, for messages and tests (`hazards`).
    pub owner: &'static str,
    pub refusals: Option<RefusalLookup>,
    pub fields: Option<NameLookup>,
    pub actions: Option<NameLookup>,
}

/// A module's refusals: its tag in the JSON and the sentence of a reason.
#[derive(Clone, Copy)]
pub struct RefusalLookup {
    pub tag: &'static str,
    pub text: fn(&serde_json::Value, Locale) -> Option<String>,
}

/// A closed list of names (fields, actions): the name as the list keeps it (so a name read
/// from a request or a row becomes the list's own `&'static str`), and its label.
#[derive(Clone, Copy)]
pub struct NameLookup {
    /// The list's owner (a field's owner on the wire).
    pub owner: &'static str,
    /// Every name of the list, in its order.
    pub names: fn() -> Vec<&'static str>,
    pub find: fn(&str) -> Option<&'static str>,
    pub label: fn(&str, Locale) -> Option<String>,
}

/// A module's closed list of names (its fields, its audit actions), as `field_names!` and
/// `audit_actions!` declare them.
pub trait Names: Copy + 'static {
    /// Every name, in declaration order.
    const ALL: &'static [Self];
    /// The stable name (on the wire, in the database).
    fn name(self) -> &'static str;
    /// The label a person reads, if the module gives one.
    fn label(self, locale: Locale) -> Option<String>;
}

/// The member of `N` called `name`.
pub fn named<N: Names>(name: &str) -> Option<N> {
    N::ALL.iter().copied().find(|n| n.name() == name)
}

impl NameLookup {
    /// The lookup of `N`, listed under `owner`.
    pub const fn of<N: Names>(owner: &'static str) -> NameLookup {
        NameLookup {
            owner,
            names: names_of::<N>,
            find: find_name::<N>,
            label: label_of::<N>,
        }
    }
}

fn names_of<N: Names>() -> Vec<&'static str> {
    N::ALL.iter().map(|n| n.name()).collect()
}

fn find_name<N: Names>(name: &str) -> Option<&'static str> {
    named::<N>(name).map(N::name)
}

fn label_of<N: Names>(name: &str, locale: Locale) -> Option<String> {
    named::<N>(name).and_then(|n| n.label(locale))
}

impl Words {
    /// A module's words, empty until the builders add its parts.
    pub const fn of(owner: &'static str) -> Words {
        Words {
            owner,
            refusals: None,
            fields: None,
            actions: None,
        }
    }
}

static INSTALLED: std::sync::OnceLock<&'static [&'static [Words]]> = std::sync::OnceLock::new();

/// Installs every module's words; called once at start by the server and by the WASM entry
/// (`crate::install_vocabularies`). A second call changes nothing.
pub fn install(lists: &'static [&'static [Words]]) {
    let _ = INSTALLED.set(lists);
}

/// Every installed module's words.
pub fn installed() -> impl Iterator<Item = &'static Words> {
    INSTALLED
        .get()
        .copied()
        .unwrap_or_else(without_install)
        .iter()
        .flat_map(|list| list.iter())
}

// Unit tests have no start to install from: they read the root's list directly.
#[cfg(test)]
fn without_install() -> &'static [&'static [Words]] {
    crate::WORDS
}

#[cfg(not(test))]
fn without_install() -> &'static [&'static [Words]] {
    &[]
}
