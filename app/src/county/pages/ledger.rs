//! `/county/enterprises`: the ledger (企业基础信息台账) at or under a node, each entry with
//! what it still lacks (an admin, a principal, anyone ever signed in).

use super::labels::{industry_label, risk_label};
use crate::{
    county::{county_ledger, LedgerRow},
    i18n::*,
    shell::load,
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

#[component]
pub fn LedgerPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let node = query.with_untracked(|q| q.get("node").unwrap_or_default());
    let export_href = format!("/export/county/enterprises.xlsx?node={node}");
    // After an import: what it did.
    let imported = query.with_untracked(|q| {
        (q.get("saved").as_deref() == Some("imported")).then(|| {
            let created = q.get("created").unwrap_or_default();
            let changed = q.get("changed").unwrap_or_default();
            view! {
                <p class="notice ok" role="status" id="imported">
                    {move || t_string!(i18n, county.imported, created = created.clone(), changed = changed.clone()).to_string()}
                </p>
            }
        })
    });
    view! {
        <h1>{t!(i18n, county.ledger_title)}</h1>
        <p class="row-actions">
            <a href="/county/enterprises/new" class="button primary">{t!(i18n, county.new_enterprise)}</a>
            <a href="/county/enterprises/import" class="button">{t!(i18n, county.import_title)}</a>
            <a href=export_href class="button" download>{t!(i18n, county.export)}</a>
        </p>
        {imported}
        {load(move || county_ledger(node.clone()), move |rows: Vec<LedgerRow>| {
            if rows.is_empty() {
                return Either::Left(view! { <p class="muted">{t!(i18n, county.ledger_empty)}</p> });
            }
            let lacking = rows.iter().filter(|r| r.no_admin || r.no_principal || r.never_signed_in).count();
            let total = rows.len();
            let items = rows.into_iter().map(|r| view! { <LedgerItem r/> }).collect_view();
            Either::Right(view! {
                <p class="muted" id="ledger-counts">
                    {move || t_string!(i18n, county.ledger_counts, total = total, lacking = lacking).to_string()}
                </p>
                <ul class="people" id="ledger">{items}</ul>
            })
        })}
    }
}

#[component]
fn LedgerItem(r: LedgerRow) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let risks = r
        .focus_risks
        .iter()
        .map(|k| view! { <span class="tag warn">{risk_label(locale, *k)}</span> })
        .collect_view();
    let lack = |on: bool, text: &'static str, mark: &'static str| {
        on.then(|| view! { <span class="tag danger" data-lack=mark>{text}</span> })
    };
    view! {
        <li class="person">
            <div class="person-main">
                <a href=format!("/county/enterprises/{}", r.id)><strong>{r.name}</strong></a>
                <span class="tag">{r.township}</span>
                {r.industry.map(|i| view! { <span class="tag">{industry_label(locale, i)}</span> })}
                {(!r.active).then(|| view! { <span class="tag">{t!(i18n, county.inactive)}</span> })}
                {risks}
                {lack(r.no_admin, td_string!(locale, county.lack_admin), "admin")}
                {lack(r.no_principal, td_string!(locale, county.lack_principal), "principal")}
                {lack(r.never_signed_in, td_string!(locale, county.lack_sign_in), "sign_in")}
            </div>
            <small class="muted">{r.credit_code.unwrap_or_default()}</small>
        </li>
    }
}
