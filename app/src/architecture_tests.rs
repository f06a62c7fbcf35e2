//! The architecture test (`ARCHITECTURE.md`): reads every `crate::…` path of the production
//! code in `app/src` (use trees, paths in code and in macro bodies, `super::` resolved) and
//! checks each against the layer table of `ARCHITECTURE.md`, which it parses: the table there
//! is the one source, so the document and the test cannot disagree.
//!
//! Test code (files and folders named `*test*`, inline `#[cfg(test)]` modules) may reach into
//! any module to set a case up, and is not read.
use proc_macro2::{TokenStream, TokenTree};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    Kernel,
    Rules,
    Service,
    Feature,
    Root,
}

#[derive(Debug, Clone)]
struct Module {
    layer: Layer,
    /// Services: a service may use only services of a lower rank.
    rank: u32,
    /// Kernel modules `rules/` may use (no database, no app error type).
    pure: bool,
}

/// The table and the debt list of `ARCHITECTURE.md`.
#[derive(Debug, Default)]
struct Table {
    modules: BTreeMap<String, Module>,
    /// Module pairs that break the table today, each to be removed (issue 22).
    debt: BTreeSet<(String, String)>,
}

/// One `crate::<to>::<next>` reference in a production file.
#[derive(Debug, Clone)]
struct Use {
    file: String,
    line: usize,
    from: String,
    to: String,
    next: Option<String>,
}

fn cell(s: &str) -> String {
    s.trim().trim_matches('`').to_string()
}

fn parse_table(md: &str) -> Table {
    let mut table = Table::default();
    for line in md.lines() {
        let cols: Vec<&str> = line.split('|').collect();
        // | `module` | layer | rank | pure | what it is |
        if cols.len() >= 6 {
            let layer = match cols[2].trim() {
                "kernel" => Some(Layer::Kernel),
                "rules" => Some(Layer::Rules),
                "service" => Some(Layer::Service),
                "feature" => Some(Layer::Feature),
                "root" => Some(Layer::Root),
                _ => None,
            };
            if let Some(layer) = layer {
                let module = Module {
                    layer,
                    rank: cols[3].trim().parse().unwrap_or(0),
                    pure: cols[4].trim() == "yes",
                };
                table.modules.insert(cell(cols[1]), module);
                continue;
            }
        }
        // | `from` → `to` | why |
        if cols.len() >= 3 && cols[1].contains('→') {
            let (from, to) = cols[1].split_once('→').expect("an arrow");
            table.debt.insert((cell(from), cell(to)));
        }
    }
    table
}

/// The module path of a file under `src` (`hazards/pages/mod.rs` → `[hazards, pages]`).
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

fn is_test_path(rel: &str) -> bool {
    rel.split('/').any(|part| part.contains("test"))
}

/// Collects the crate-level paths a file names, with their lines.
struct Collector {
    module: Vec<String>,
    found: Vec<(usize, Vec<String>)>,
}

impl Collector {
    /// An absolute path (below the crate root) for `segments` as written in this module, if
    /// it starts at the crate (`crate::`, `super::`, `self::`).
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let first = segments.first()?;
        match first.as_str() {
            "crate" => Some(segments[1..].to_vec()),
            "super" | "self" => {
                let mut base = self.module.clone();
                let mut rest = segments;
                while let Some(head) = rest.first() {
                    match head.as_str() {
                        "super" => {
                            base.pop()?;
                        }
                        "self" => {}
                        _ => break,
                    }
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                Some(base)
            }
            _ => None,
        }
    }

    fn note(&mut self, line: usize, segments: Vec<String>) {
        if let Some(abs) = self.absolute(&segments) {
            if !abs.is_empty() {
                self.found.push((line, abs));
            }
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let line = n.ident.span().start().line;
                let mut full = prefix.clone();
                if n.ident != "self" {
                    full.push(n.ident.to_string());
                }
                self.note(line, full);
            }
            syn::UseTree::Rename(r) => {
                let line = r.ident.span().start().line;
                let mut full = prefix.clone();
                if r.ident != "self" {
                    full.push(r.ident.to_string());
                }
                self.note(line, full);
            }
            syn::UseTree::Glob(g) => {
                self.note(g.star_token.spans[0].start().line, prefix.clone());
            }
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.use_tree(prefix, item);
                }
            }
        }
    }

    /// Paths inside macro bodies (`view!`, `json!`, …) are tokens: `crate :: a :: b`.
    fn tokens(&mut self, stream: TokenStream) {
        let trees: Vec<TokenTree> = stream.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                TokenTree::Group(g) => self.tokens(g.stream()),
                TokenTree::Ident(id) if id == "crate" || id == "super" => {
                    let line = id.span().start().line;
                    let mut segments = vec![id.to_string()];
                    let mut j = i + 1;
                    // `::` is two `:` puncts, then the next segment.
                    while let (
                        Some(TokenTree::Punct(a)),
                        Some(TokenTree::Punct(b)),
                        Some(TokenTree::Ident(next)),
                    ) = (trees.get(j), trees.get(j + 1), trees.get(j + 2))
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        segments.push(next.to_string());
                        j += 3;
                    }
                    if segments.len() > 1 {
                        self.note(line, segments);
                    }
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && matches!(&a.meta, syn::Meta::List(list) if list.tokens.to_string().contains("test"))
    })
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if is_cfg_test(&item.attrs) || item.ident.to_string().contains("test") {
            return;
        }
        if item.content.is_some() {
            self.module.push(item.ident.to_string());
            syn::visit::visit_item_mod(self, item);
            self.module.pop();
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_cfg_test(&item.attrs) {
            syn::visit::visit_item_fn(self, item);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if let Some(first) = path.segments.first() {
            self.note(first.ident.span().start().line, segments);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        self.tokens(mac.tokens.clone());
    }
}

/// The crate-level references of one file's source.
fn uses_of(rel: &str, source: &str) -> Vec<Use> {
    let module = module_path(Path::new(rel));
    let Some(from) = module.first().cloned() else {
        return Vec::new(); // lib.rs: the composition root
    };
    let file = syn::parse_file(source).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut c = Collector {
        module,
        found: Vec::new(),
    };
    c.visit_file(&file);
    c.found
        .into_iter()
        .filter(|(_, abs)| abs[0] != from)
        .map(|(line, abs)| Use {
            file: format!("app/src/{rel}"),
            line,
            from: from.clone(),
            to: abs[0].clone(),
            next: abs.get(1).cloned(),
        })
        .collect()
}

/// Macros exported at the crate root, by the module that defines them.
fn home_of(name: &str) -> &str {
    match name {
        "text_enum" => "vocab",
        "fresh_or" | "audit_actions" => "audit",
        "field_names" => "error",
        // Items of the crate root itself (`lib.rs`).
        "WORDS" | "PHOTO_READERS" | "feature_routes" | "install_vocabularies" => "lib",
        other => other,
    }
}

/// The submodules of each top-level module (`("hazards", "db")` for `hazards/db.rs` or
/// `hazards/db/…`), read from the files: a feature's public API is its root and its
/// `service`, never a path into another of its submodules.
fn submodules(files: &[(String, String)]) -> BTreeSet<(String, String)> {
    files
        .iter()
        .filter_map(|(rel, _)| {
            let mut parts = rel.split('/');
            let top = parts.next()?;
            let sub = parts.next()?;
            (sub != "mod.rs").then(|| (top.to_string(), sub.trim_end_matches(".rs").to_string()))
        })
        .collect()
}

/// Why a reference breaks the table, or None.
fn breaks(table: &Table, subs: &BTreeSet<(String, String)>, u: &Use) -> Option<String> {
    let to = home_of(&u.to);
    let from = &u.from;
    if to == from.as_str() {
        return None;
    }
    let Some(source) = table.modules.get(from.as_str()) else {
        return Some(format!("`{from}` is not in ARCHITECTURE.md's table"));
    };
    let Some(target) = table.modules.get(to) else {
        return Some(format!("`{to}` is not in ARCHITECTURE.md's table"));
    };
    if table.debt.contains(&(from.clone(), to.to_string())) {
        return None;
    }
    use Layer::*;
    let ok = match (source.layer, target.layer) {
        (Root, _) => true,
        (_, Root) => false,
        (Kernel, Kernel) => true,
        (Kernel, _) => false,
        (Rules, Kernel) => target.pure,
        (Rules, Rules) => true,
        (Rules, _) => false,
        (Service, Kernel | Rules) => true,
        (Service, Service) => target.rank < source.rank,
        (Service, Feature) => false,
        (Feature, Kernel | Rules | Service) => true,
        // Another feature only through its public API: what its root names (its shared
        // types, components, server functions) and its `service` module; never a submodule.
        (Feature, Feature) => match u.next.as_deref() {
            Some("service") => true,
            Some(next) => !subs.contains(&(to.to_string(), next.to_string())),
            None => false,
        },
    };
    (!ok).then(|| {
        format!(
            "a {:?} module may not use `{to}{}` ({:?})",
            source.layer,
            u.next
                .as_deref()
                .map(|n| format!("::{n}"))
                .unwrap_or_default(),
            target.layer
        )
    })
}

/// Cycles between top-level modules among the references the table allows outright (debt
/// edges are left out: they are the known tangle being undone): each strongly connected
/// group of more than one module, found by following edges forwards and backwards.
fn cycles(edges: &BTreeSet<(String, String)>) -> Vec<Vec<String>> {
    let reach = |from: &String, forward: bool| -> BTreeSet<String> {
        let mut seen = BTreeSet::from([from.clone()]);
        let mut todo = vec![from.clone()];
        while let Some(node) = todo.pop() {
            for (a, b) in edges {
                let (here, there) = if forward { (a, b) } else { (b, a) };
                if *here == node && seen.insert(there.clone()) {
                    todo.push(there.clone());
                }
            }
        }
        seen
    };
    let nodes: BTreeSet<&String> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for node in nodes {
        if groups.iter().any(|g| g.contains(node)) {
            continue;
        }
        let group: Vec<String> = reach(node, true)
            .intersection(&reach(node, false))
            .cloned()
            .collect();
        if group.len() > 1 {
            groups.push(group);
        }
    }
    groups
}

struct Report {
    broken: Vec<String>,
    paid_debt: Vec<String>,
    cycles: Vec<Vec<String>>,
}

fn check(table: &Table, files: &[(String, String)]) -> Report {
    let subs = submodules(files);
    let mut broken = Vec::new();
    let mut edges = BTreeSet::new();
    let mut debt_seen = BTreeSet::new();
    for (rel, source) in files {
        for u in uses_of(rel, source) {
            let to = home_of(&u.to).to_string();
            let pair = (u.from.clone(), to.clone());
            if table.debt.contains(&pair) {
                debt_seen.insert(pair);
            } else {
                edges.insert(pair);
            }
            if let Some(why) = breaks(table, &subs, &u) {
                broken.push(format!(
                    "{}:{}: `{}` → `{}`: {why}",
                    u.file, u.line, u.from, to
                ));
            }
        }
    }
    broken.sort();
    broken.dedup();
    let paid_debt = table
        .debt
        .difference(&debt_seen)
        .map(|(a, b)| format!("`{a}` → `{b}`"))
        .collect();
    Report {
        broken,
        paid_debt,
        cycles: cycles(&edges),
    }
}

fn production_files(src: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, src: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("read app/src")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let rel = path.strip_prefix(src).expect("under src");
            let rel = rel.to_string_lossy().replace('\\', "/");
            if is_test_path(&rel) {
                continue;
            }
            if path.is_dir() {
                walk(&path, src, out);
            } else if rel.ends_with(".rs") {
                out.push((rel, std::fs::read_to_string(&path).expect("read")));
            }
        }
    }
    let mut out = Vec::new();
    walk(src, src, &mut out);
    out
}

fn architecture_md() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ARCHITECTURE.md");
    std::fs::read_to_string(root).expect("ARCHITECTURE.md at the repository's root")
}

#[test]
fn the_code_keeps_the_layers_of_architecture_md() {
    let table = parse_table(&architecture_md());
    assert!(table.modules.len() > 20, "the table was not read");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let report = check(&table, &production_files(&src));
    let mut problems = report.broken;
    for paid in report.paid_debt {
        problems.push(format!(
            "{paid} no longer occurs: remove it from ARCHITECTURE.md's debt"
        ));
    }
    for cycle in report.cycles {
        problems.push(format!("a cycle among the modules {}", cycle.join(", ")));
    }
    assert!(
        problems.is_empty(),
        "ARCHITECTURE.md is not kept:\n{}",
        problems.join("\n")
    );
}

fn planted_table() -> Table {
    parse_table(
        "| `error` | kernel | | no | |\n\
         | `time_fmt` | kernel | | yes | |\n\
         | `rules` | rules | | | |\n\
         | `auth` | service | 1 | | |\n\
         | `shell` | service | 2 | | |\n\
         | `hazards` | feature | | | |\n\
         | `patrols` | feature | | | |\n\
         | `app` | root | | | |\n",
    )
}

#[test]
fn a_planted_bad_import_is_named_with_its_file_and_line() {
    let table = planted_table();
    let files = vec![
        (
            "rules/gas.rs".to_string(),
            "use crate::time_fmt::CHINA;\n\nuse crate::{error::AppError, hazards::db};\n"
                .to_string(),
        ),
        (
            "patrols/records.rs".to_string(),
            "use crate::hazards::service::raise_in;\nfn f() { crate::hazards::db::insert(); }\n\
             use crate::hazards::HazardGrade;\n"
                .to_string(),
        ),
        ("hazards/db.rs".to_string(), String::new()),
        (
            "auth/mod.rs".to_string(),
            "fn g() { let _ = serde_json::json!({ \"a\": crate::shell::x() }); }\n".to_string(),
        ),
        (
            "shell/layout.rs".to_string(),
            "use super::super::auth::Role;\n".to_string(),
        ),
    ];
    let report = check(&table, &files);
    let text = report.broken.join("\n");
    // The grouped import: both names, on line 3 (the pure kernel module is allowed).
    assert!(
        text.contains("app/src/rules/gas.rs:3: `rules` → `error`"),
        "{text}"
    );
    assert!(
        text.contains("app/src/rules/gas.rs:3: `rules` → `hazards`"),
        "{text}"
    );
    assert!(!text.contains("`rules` → `time_fmt`"), "{text}");
    // Another feature's internals in code; its service API and its root's names are allowed.
    assert!(
        text.contains("app/src/patrols/records.rs:2: `patrols` → `hazards`"),
        "{text}"
    );
    assert!(!text.contains("records.rs:1:"), "{text}");
    assert!(!text.contains("records.rs:3:"), "{text}");
    // Inside a macro body: a lower service may not use a higher one.
    assert!(
        text.contains("app/src/auth/mod.rs:1: `auth` → `shell`"),
        "{text}"
    );
    // `super::super::` resolved to the crate root: a higher service using a lower one is fine.
    assert!(!text.contains("shell/layout.rs"), "{text}");
    assert_eq!(report.broken.len(), 4, "{text}");
}

#[test]
fn a_cycle_and_a_paid_debt_are_named() {
    let mut table = planted_table();
    table.debt.insert(("auth".into(), "hazards".into()));
    let files = vec![
        (
            "hazards/a.rs".to_string(),
            "use crate::patrols::service::x;\n".to_string(),
        ),
        (
            "patrols/b.rs".to_string(),
            "use crate::hazards::service::y;\n".to_string(),
        ),
    ];
    let report = check(&table, &files);
    assert!(report.broken.is_empty(), "{:?}", report.broken);
    assert_eq!(report.cycles.len(), 1, "{:?}", report.cycles);
    assert_eq!(report.paid_debt, vec!["`auth` → `hazards`".to_string()]);
}

#[test]
fn an_unknown_module_is_named() {
    let table = planted_table();
    let files = vec![(
        "reports/x.rs".to_string(),
        "use crate::auth::Role;\n".to_string(),
    )];
    let report = check(&table, &files);
    assert!(
        report.broken[0].contains("`reports` is not in ARCHITECTURE.md's table"),
        "{:?}",
        report.broken
    );
}
