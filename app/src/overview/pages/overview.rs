//! `/overview?node=&from=&to=`: a node's figures and one card per child node (or enterprise
//! directly at it); the 重点监管 list one tap from the top.

use super::figures::{FigureGrid, FiguresLine};
use crate::{
    county::level_label,
    i18n::*,
    overview::{county_overview, Filter, Overview, OverviewRow, RowKind},
    shell::load,
};
use leptos::{either::Either, prelude::*};

/// The period chooser: a plain GET form back to the page, keeping the node (and filter).
#[component]
pub fn PeriodForm(
    action: &'static str,
    node: String,
    filter: Option<String>,
    from: String,
    to: String,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="get" action=action class="card stack search">
            <input type="hidden" name="node" value=node/>
            {filter.map(|f| view! { <input type="hidden" name="filter" value=f/> })}
            <label><span>{t!(i18n, overview.from)}</span><input type="date" name="from" value=from/></label>
            <label><span>{t!(i18n, overview.to)}</span><input type="date" name="to" value=to/></label>
            <button type="submit" class="secondary">{t!(i18n, overview.show)}</button>
        </form>
    }
}

#[component]
fn Row(row: OverviewRow, from: String, to: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let (href, tag) = match row.kind {
        RowKind::Node(level) => (
            format!("/overview?node={}&from={from}&to={to}", row.id),
            level_label(locale, level).to_string(),
        ),
        RowKind::Enterprise => (
            format!("/county/enterprises/{}", row.id),
            td_string!(locale, overview.enterprise).to_string(),
        ),
    };
    // A child node's figures, each linking to the list of its enterprises behind it; an
    // enterprise's on a line (a township has a hundred and more of them).
    let figures = match row.kind {
        RowKind::Node(_) => Either::Left(view! { <FigureGrid f=row.figures node=row.id from=from to=to/> }),
        RowKind::Enterprise => Either::Right(view! { <p class="person-main"><FiguresLine f=row.figures/></p> }),
    };
    view! {
        <section class="card overview-row" data-row=row.id.to_string()>
            <h2><a href=href>{row.name}</a>" "<span class="tag">{tag}</span></h2>
            {figures}
        </section>
    }
}

#[component]
fn Body(o: Overview) -> impl IntoView {
    let i18n = use_i18n();
    let trail = o
        .trail
        .iter()
        .map(|(id, name)| view! { <a href=format!("/overview?node={id}&from={}&to={}", o.from, o.to)>{name.clone()}</a>" › " })
        .collect_view();
    let watched = super::list_href(o.node, Filter::Watched, &o.from, &o.to);
    let export = format!(
        "/export/overview.xlsx?node={}&filter=all&from={}&to={}",
        o.node, o.from, o.to
    );
    let node = o.node;
    let (from, to) = (o.from.clone(), o.to.clone());
    let rows = o
        .rows
        .into_iter()
        .filter(|r| r.figures.enterprises > 0 || matches!(r.kind, RowKind::Node(_)))
        .map(|r| view! { <Row row=r from=from.clone() to=to.clone()/> })
        .collect_view();
    view! {
        <p class="muted trail">{trail}<strong>{o.name.clone()}</strong></p>
        <p class="row-actions">
            <a href=watched class="button primary" id="watched-list">{t!(i18n, overview.watched_list)}" "{o.total.watched}</a>
            <a href=export class="button" download>{t!(i18n, overview.export)}</a>
        </p>
        <PeriodForm action="/overview" node=node.to_string() filter=None from=o.from.clone() to=o.to.clone()/>
        <section class="card" id="overview-total">
            <h2>{t!(i18n, overview.total)}</h2>
            <FigureGrid f=o.total node=node from=o.from.clone() to=o.to.clone()/>
        </section>
        {rows}
    }
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let (node, from, to, _) = super::query();
    view! {
        <h1>{t!(i18n, overview.title)}</h1>
        {load(move || county_overview(node, from, to), |o: Overview| view! { <Body o/> })}
    }
}
