//! The overview's pages: `/overview` (a node's rows) and `/overview/list` (the enterprises
//! behind a figure, with its XLSX).

mod figures;
mod list;
mod overview;

pub use list::ListPage;
pub use overview::OverviewPage;

/// The query of both pages: node, period, and (the list) the filter.
fn query() -> (String, String, String, String) {
    use leptos::prelude::WithUntracked;
    leptos_router::hooks::use_query_map().with_untracked(|q| {
        (
            q.get("node").unwrap_or_default(),
            q.get("from").unwrap_or_default(),
            q.get("to").unwrap_or_default(),
            q.get("filter").unwrap_or_default(),
        )
    })
}

/// The address of the list behind a figure.
fn list_href(node: uuid::Uuid, filter: super::Filter, from: &str, to: &str) -> String {
    format!(
        "/overview/list?node={node}&filter={}&from={from}&to={to}",
        filter.key()
    )
}

/// `part` of `whole` as the pages show it: a percentage, or "—" when there is nothing to count.
fn share(part: u32, whole: u32) -> String {
    match super::Figures::percent(part, whole) {
        Some(p) => format!("{p}%"),
        None => "—".into(),
    }
}
