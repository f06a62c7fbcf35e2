//! `/county/tree`: one node of the jurisdiction tree (the actor's own first): the way up, its
//! children, its regulators, and the forms to add a child, rename it and name a regulator.

use super::labels::level_label;
use crate::{
    county::{
        county_tree, CreateNode, CreateRegulator, Level, NodeView, RegulatorView, RenameNode,
        TreeView,
    },
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

#[component]
pub fn TreePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let node = query.with_untracked(|q| q.get("node").unwrap_or_default());
    let create = ServerAction::<CreateNode>::new();
    let rename = ServerAction::<RenameNode>::new();
    let regulator = ServerAction::<CreateRegulator>::new();
    let error = Signal::derive(move || {
        action_error(create)
            .or_else(|| action_error(rename))
            .or_else(|| action_error(regulator))
    });
    view! {
        <h1>{t!(i18n, county.tree_title)}</h1>
        <FormFeedback error=error/>
        {load(move || county_tree(node.clone()), move |tree: TreeView| {
            let locale = i18n.get_locale_untracked();
            let here = tree.node.clone();
            let crumbs = tree
                .ancestors
                .iter()
                .map(|n| view! { <a href=format!("/county/tree?node={}", n.id)>{n.name.clone()}</a>" › " })
                .collect_view();
            let ledger_href = here
                .as_ref()
                .map_or("/county/enterprises".to_owned(), |n| format!("/county/enterprises?node={}", n.id));
            view! {
                <nav class="crumbs"><a href="/county/tree">{t!(i18n, county.tree_top)}</a>" › "{crumbs}</nav>
                {here.clone().map(|n| view! {
                    <section class="card" id="node">
                        <h2>{n.name.clone()}" "<span class="tag">{level_label(locale, n.level)}</span></h2>
                        <p>
                            <a href=ledger_href.clone() class="button primary">
                                {move || t_string!(i18n, county.ledger_link, count = n.enterprises).to_string()}
                            </a>
                        </p>
                        {tree.may_edit.then(|| view! {
                            <ActionForm action=rename attr:class="stack" attr:id="rename-node">
                                <input type="hidden" name="client_id" value=new_client_id()/>
                                <input type="hidden" name="id" value=n.id.to_string()/>
                                <label>
                                    <span>{t!(i18n, county.field_node_name)}</span>
                                    <input name="form[name]" value=n.name.clone() required maxlength="40"/>
                                </label>
                                <button type="submit">{t!(i18n, county.rename)}</button>
                            </ActionForm>
                        })}
                    </section>
                })}
                <Children nodes=tree.children.clone()/>
                {(!tree.child_levels.is_empty()).then(|| view! {
                    <NewChild action=create parent=here.as_ref().map(|n| n.id.to_string()).unwrap_or_default()
                        levels=tree.child_levels.clone()/>
                })}
                {here.map(|n| view! {
                    <Regulators list=tree.regulators.clone()/>
                    {tree.may_edit.then(|| view! { <NewRegulator action=regulator node=n.id.to_string()/> })}
                })}
            }
        })}
    }
}

#[component]
fn Children(nodes: Vec<NodeView>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if nodes.is_empty() {
        return Either::Left(view! { <p class="muted">{t!(i18n, county.no_children)}</p> });
    }
    let items = nodes
        .into_iter()
        .map(|n| {
            let count = n.enterprises;
            view! {
                <li class="person">
                    <div class="person-main">
                        <a href=format!("/county/tree?node={}", n.id)><strong>{n.name}</strong></a>
                        <span class="tag">{level_label(locale, n.level)}</span>
                        <span class="tag" data-enterprises=count>
                            {move || t_string!(i18n, county.enterprise_count, count = count).to_string()}
                        </span>
                    </div>
                </li>
            }
        })
        .collect_view();
    Either::Right(view! { <ul class="people" id="children">{items}</ul> })
}

#[component]
fn NewChild(action: ServerAction<CreateNode>, parent: String, levels: Vec<Level>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let options = levels
        .into_iter()
        .map(|l| view! { <option value=l.as_str()>{level_label(locale, l)}</option> })
        .collect_view();
    view! {
        <ActionForm action=action attr:class="card stack" attr:id="new-node">
            <h2>{t!(i18n, county.new_child)}</h2>
            <input type="hidden" name="client_id" value=new_client_id()/>
            <input type="hidden" name="form[parent_id]" value=parent/>
            <label>
                <span>{t!(i18n, county.field_node_name)}</span>
                <input name="form[name]" required maxlength="40"/>
            </label>
            <label>
                <span>{t!(i18n, county.field_level)}</span>
                <select name="form[level]">{options}</select>
            </label>
            <button type="submit" class="primary">{t!(i18n, county.add_child)}</button>
        </ActionForm>
    }
}

#[component]
fn Regulators(list: Vec<RegulatorView>) -> impl IntoView {
    let i18n = use_i18n();
    let items = list
        .into_iter()
        .map(|r| {
            view! {
                <li class="person">
                    <div class="person-main">
                        <strong>{r.name}</strong>
                        <span class="tag">{r.node_name}</span>
                        <span class="muted">{r.mobile}</span>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2>{t!(i18n, county.regulators)}</h2>
        <ul class="people" id="regulators">{items}</ul>
    }
}

#[component]
fn NewRegulator(action: ServerAction<CreateRegulator>, node: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ActionForm action=action attr:class="card stack" attr:id="new-regulator">
            <h2>{t!(i18n, county.new_regulator)}</h2>
            <input type="hidden" name="client_id" value=new_client_id()/>
            <input type="hidden" name="form[node_id]" value=node/>
            <label>
                <span>{t!(i18n, users.field_name)}</span>
                <input name="form[name]" required maxlength="40"/>
            </label>
            <label>
                <span>{t!(i18n, users.field_mobile)}</span>
                <input name="form[mobile]" type="tel" inputmode="numeric" required/>
            </label>
            <label>
                <span>{t!(i18n, county.first_password)}</span>
                <input name="form[password]" type="text" autocomplete="off" required minlength="8"/>
                <small>{t!(i18n, county.first_password_hint)}</small>
            </label>
            <button type="submit" class="primary">{t!(i18n, county.add_regulator)}</button>
        </ActionForm>
    }
}
