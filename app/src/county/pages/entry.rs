//! An enterprise's ledger entry: `/county/enterprises/new` (with its first admin) and
//! `/county/enterprises/<id>` (edit; a new township moves it).

use super::labels::{grade_label, industry_label, level_label, risk_label};
use crate::{
    county::{
        enterprise_nodes, load_enterprise_entry, CreateEnterprise, EnterpriseEntry, FocusRisk,
        Industry, LedgerEntry, NodeView, StandardGrade, UpdateEnterprise,
    },
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

#[component]
pub fn NewEnterprisePage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateEnterprise>::new();
    view! {
        <h1>{t!(i18n, county.new_enterprise)}</h1>
        <FormFeedback error=Signal::derive(move || action_error(create))/>
        {load(enterprise_nodes, move |nodes: Vec<NodeView>| view! {
            <ActionForm action=create attr:class="card stack" attr:id="new-enterprise">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <LedgerFields prefix="form[ledger]" entry=None nodes=nodes/>
                <h2>{t!(i18n, county.first_admin)}</h2>
                <label>
                    <span>{t!(i18n, county.field_admin_name)}</span>
                    <input name="form[admin_name]" required maxlength="40"/>
                </label>
                <label>
                    <span>{t!(i18n, county.field_admin_mobile)}</span>
                    <input name="form[admin_mobile]" type="tel" inputmode="numeric" required/>
                </label>
                <label>
                    <span>{t!(i18n, county.first_password)}</span>
                    <input name="form[admin_password]" type="text" autocomplete="off" required minlength="8"/>
                    <small>{t!(i18n, county.first_password_hint)}</small>
                </label>
                <button type="submit" class="primary wide">{t!(i18n, county.create_enterprise)}</button>
            </ActionForm>
        })}
    }
}

#[component]
pub fn EnterprisePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let save = ServerAction::<UpdateEnterprise>::new();
    let fetch = move || {
        let id = Uuid::parse_str(&id).unwrap_or_default();
        load_enterprise_entry(id)
    };
    view! {
        <FormFeedback error=Signal::derive(move || action_error(save))/>
        {load(fetch, move |e: EnterpriseEntry| view! {
            <h1>{e.entry.name.clone()}</h1>
            <ActionForm action=save attr:class="card stack" attr:id="enterprise-entry">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="id" value=e.id.to_string()/>
                <input type="hidden" name="version" value=e.version/>
                <LedgerFields prefix="form" entry=Some(e.entry.clone()) nodes=e.townships.clone()/>
                <label class="check">
                    <input type="checkbox" name="form[active]" checked=e.entry.active/>
                    {t!(i18n, county.field_active)}
                </label>
                <button type="submit" class="primary wide">{t!(i18n, county.save_entry)}</button>
            </ActionForm>
        })}
    }
}

/// The ledger's fields, named `<prefix>[field]`, filled from `entry` when there is one.
#[component]
fn LedgerFields(
    prefix: &'static str,
    entry: Option<LedgerEntry>,
    nodes: Vec<NodeView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let name = move |field: &str| format!("{prefix}[{field}]");
    let e = entry.clone();
    let text = move |get: fn(&LedgerEntry) -> String| e.as_ref().map(get).unwrap_or_default();
    let township = entry.as_ref().map(|e| e.township_id);
    let node_options = nodes
        .into_iter()
        .map(|n| {
            let label = format!("{} ({})", n.name, level_label(locale, n.level));
            view! { <option value=n.id.to_string() selected=township == Some(n.id)>{label}</option> }
        })
        .collect_view();
    let industry = entry.as_ref().and_then(|e| e.industry);
    let industries = Industry::ALL
        .into_iter()
        .map(|i| view! { <option value=i.as_str() selected=industry == Some(i)>{industry_label(locale, i)}</option> })
        .collect_view();
    let risks_of = entry.as_ref().map(|e| e.focus_risks.clone()).unwrap_or_default();
    let risks = FocusRisk::ALL
        .into_iter()
        .map(|r| {
            view! {
                <label class="check">
                    <input type="checkbox" name=name("focus_risks][") value=r.as_str() checked=risks_of.contains(&r)/>
                    {risk_label(locale, r)}
                </label>
            }
        })
        .collect_view();
    let grade = entry.as_ref().and_then(|e| e.standard_grade);
    let grades = StandardGrade::ALL
        .into_iter()
        .map(|g| view! { <option value=g.as_str() selected=grade == Some(g)>{grade_label(locale, g)}</option> })
        .collect_view();
    let flag = |get: fn(&LedgerEntry) -> bool| entry.as_ref().is_some_and(get);
    view! {
        <label>
            <span>{t!(i18n, county.field_credit_code)}</span>
            <input name=name("credit_code") required maxlength="24" autocapitalize="characters"
                value=text(|e| e.credit_code.clone())/>
        </label>
        <label>
            <span>{t!(i18n, county.field_enterprise_name)}</span>
            <input name=name("name") required maxlength="60" value=text(|e| e.name.clone())/>
        </label>
        <label>
            <span>{t!(i18n, county.field_login_code)}</span>
            <input name=name("login_code") maxlength="12" value=text(|e| e.login_code.clone())/>
            <small>{t!(i18n, county.login_code_hint)}</small>
        </label>
        <label>
            <span>{t!(i18n, county.field_township)}</span>
            <select name=name("township_id") required>{node_options}</select>
        </label>
        <label>
            <span>{t!(i18n, county.field_address)}</span>
            <input name=name("address") maxlength="120" value=text(|e| e.address.clone())/>
        </label>
        <label>
            <span>{t!(i18n, county.field_industry)}</span>
            <select name=name("industry")>
                <option value="" selected=industry.is_none()>"—"</option>
                {industries}
            </select>
        </label>
        <label class="check">
            <input type="checkbox" name=name("above_scale") checked=flag(|e| e.above_scale)/>
            {t!(i18n, county.field_above_scale)}
        </label>
        <label class="check">
            <input type="checkbox" name=name("small_micro") checked=flag(|e| e.small_micro)/>
            {t!(i18n, county.field_small_micro)}
        </label>
        <fieldset class="stack">
            <legend>{t!(i18n, county.field_focus_risks)}</legend>
            {risks}
        </fieldset>
        <label class="check">
            <input type="checkbox" name=name("major_hazard_source") checked=flag(|e| e.major_hazard_source)/>
            {t!(i18n, county.field_major_hazard_source)}
        </label>
        <label>
            <span>{t!(i18n, county.field_standard_grade)}</span>
            <select name=name("standard_grade")>
                <option value="" selected=grade.is_none()>{t!(i18n, county.grade_none)}</option>
                {grades}
            </select>
        </label>
        <label>
            <span>{t!(i18n, county.field_standard_date)}</span>
            <input type="date" name=name("standard_date")
                value=entry.as_ref().and_then(|e| e.standard_date).map(|d| d.to_string()).unwrap_or_default()/>
        </label>
        <label>
            <span>{t!(i18n, county.field_principal_name)}</span>
            <input name=name("principal_name") maxlength="40" value=text(|e| e.principal_name.clone())/>
        </label>
        <label>
            <span>{t!(i18n, county.field_contact_mobile)}</span>
            <input name=name("contact_mobile") type="tel" inputmode="numeric" value=text(|e| e.contact_mobile.clone())/>
        </label>
    }
}
