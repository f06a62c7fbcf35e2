//! `/patrols/selfcheck/report`: the printable 专项自查报告 (seed item 3: signed by the
//! 主要负责人 and filed with the township). A4, no navigation in print (`@media print` in
//! `style/main.css`); the print button runs `public/poster.js` (the Content-Security-Policy
//! refuses inline handlers), and without script the browser's own print works the same.

use super::{item_state_label, StateCounts};
use crate::{
    hazards::state_label,
    i18n::*,
    patrols::selfcheck::{selfcheck_report, ItemProgress, SelfCheckReport},
    shell::load,
};
use leptos::prelude::*;

/// One item's line: finding, hazard and rectification (五落实: measures, responsible,
/// funds, deadline; and the closure date).
#[component]
fn ReportRow(n: usize, item: ItemProgress) -> impl IntoView {
    let i18n = use_i18n();
    let s = item.state;
    let h = item.hazard;
    let field = |f: fn(&crate::patrols::selfcheck::ItemHazard) -> Option<String>| {
        h.as_ref().and_then(f).unwrap_or_default()
    };
    let measures = field(|h| h.measures.clone());
    let responsible = field(|h| h.rectifier.clone());
    let funds = field(|h| h.funds.clone());
    let deadline = field(|h| h.deadline.clone());
    let closed = field(|h| h.closed_at.clone());
    let number = h.as_ref().map(|h| h.number.clone()).unwrap_or_default();
    let hazard_state = h.as_ref().map(|h| h.state);
    let checked = item.checked_at.clone().unwrap_or_default();
    view! {
        <tr data-item-key=item.key.clone() data-item-state=s.as_str()>
            <td>{n}</td>
            <td>{item.text}<br/><small class="muted">{item.basis}</small></td>
            <td>
                <strong>{move || item_state_label(i18n, s)}</strong>
                <br/><small>{checked}" "{item.checked_by.unwrap_or_default()}</small>
                {(!item.finding.is_empty()).then(|| view! { <br/><small class="pre">{item.finding.clone()}</small> })}
            </td>
            <td>
                {number}
                {hazard_state.map(|hs| view! { <br/><small>{move || state_label(i18n, hs)}</small> })}
            </td>
            <td class="pre">{measures}</td>
            <td>{responsible}</td>
            <td>{funds}</td>
            <td>{deadline}</td>
            <td>{closed}</td>
        </tr>
    }
}

#[component]
fn Report(report: SelfCheckReport) -> impl IntoView {
    let i18n = use_i18n();
    let principal = report.principal.clone().unwrap_or_default();
    view! {
        <article class="report">
            <h1>{t!(i18n, selfcheck.report_title)}</h1>
            <p>
                <strong>{t!(i18n, selfcheck.enterprise)}{t!(i18n, selfcheck.colon)}</strong>{report.enterprise.clone()}
                " · "
                <strong>{t!(i18n, selfcheck.period)}{t!(i18n, selfcheck.colon)}</strong>
                <span data-period-from=report.from.clone()>{report.from.clone()}</span>
                " "{t!(i18n, selfcheck.period_to)}" "
                <span data-period-to=report.to.clone()>{report.to.clone()}</span>
            </p>
            <p class="row-actions"><strong>{t!(i18n, selfcheck.summary)}{t!(i18n, selfcheck.colon)}</strong><StateCounts items=report.items.clone()/></p>
            <table class="report-table">
                <thead>
                    <tr>
                        <th>{t!(i18n, selfcheck.no)}</th>
                        <th>{t!(i18n, selfcheck.item)}</th>
                        <th>{t!(i18n, selfcheck.finding)}</th>
                        <th>{t!(i18n, selfcheck.hazard_no)}</th>
                        <th>{t!(i18n, selfcheck.measures)}</th>
                        <th>{t!(i18n, selfcheck.responsible)}</th>
                        <th>{t!(i18n, selfcheck.funds)}</th>
                        <th>{t!(i18n, selfcheck.deadline)}</th>
                        <th>{t!(i18n, selfcheck.closed_on)}</th>
                    </tr>
                </thead>
                <tbody>
                    {report.items.into_iter().enumerate().map(|(n, i)| view! { <ReportRow n={n + 1} item=i/> }).collect_view()}
                </tbody>
            </table>
            <p>{t!(i18n, selfcheck.statement)}</p>
            <div class="signature">
                <p>{t!(i18n, selfcheck.principal)}{t!(i18n, selfcheck.colon)}<span class="line">{principal}</span></p>
                <p>{t!(i18n, selfcheck.signature)}{t!(i18n, selfcheck.colon)}<span class="line"></span></p>
                <p>{t!(i18n, selfcheck.sign_date)}{t!(i18n, selfcheck.colon)}<span class="line"></span></p>
                <p class="seal">{t!(i18n, selfcheck.seal)}</p>
            </div>
        </article>
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let (from, to) = super::period_query();
    let (f, t) = (from.clone(), to.clone());
    view! {
        <script src="/poster.js" defer></script>
        <div class="no-print">
            <super::PeriodForm action="/patrols/selfcheck/report" from=from to=to/>
            <p class="row-actions">
                <button type="button" class="primary" data-print="">{t!(i18n, selfcheck.print)}</button>
                <a href="/patrols/selfcheck" class="button secondary">{t!(i18n, selfcheck.title)}</a>
            </p>
        </div>
        {load(move || selfcheck_report(f, t), |r: SelfCheckReport| view! { <Report report=r/> })}
    }
}
