//! `/training/sessions/:id/sheet`: the sign-in sheet (签到表) to print on A4 and file: the
//! session's header, one line per person, and the 记录人 / 审核人 lines. The same lines make
//! the sheet's XLSX (`export.rs`), so both say the same thing.

use super::{category_text, presence_text, result_text, review_text};
use crate::{
    i18n::*,
    shell::load,
    training::sessions::{hours_text, training_session, SessionPage},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The column headers, in `locale`.
pub fn sheet_headers(locale: Locale) -> Vec<String> {
    [
        td_string!(locale, sessions.col_no),
        td_string!(locale, sessions.col_name),
        td_string!(locale, sessions.col_employee_no),
        td_string!(locale, sessions.col_department),
        td_string!(locale, sessions.col_sign_in),
        td_string!(locale, sessions.col_sign_out),
        td_string!(locale, sessions.col_how),
        td_string!(locale, sessions.col_hours),
        td_string!(locale, sessions.col_result),
    ]
    .into_iter()
    .map(|h| h.to_string())
    .collect()
}

/// One line per person on the roster, in `locale`: pure, so its words are tested without a
/// page or a file.
pub fn sheet_rows(locale: Locale, s: &SessionPage) -> Vec<Vec<String>> {
    let absent = td_string!(locale, sessions.absent).to_string();
    s.roster
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let mut signed_in = r.signed_in_text(locale).unwrap_or_default();
            if r.late {
                signed_in = format!("{signed_in} {}", td_string!(locale, sessions.late));
            }
            let mut signed_out = r.signed_out.clone().unwrap_or_default();
            if r.left_early {
                signed_out = format!("{signed_out} {}", td_string!(locale, sessions.left_early));
            }
            let mut how = match r.sign_in_by {
                Some(by) => presence_text(locale, by, r.ticked_by.as_deref()),
                None => absent.clone(),
            };
            // An offline sign-in says where its review stands (no hours until accepted).
            if let Some(review) = r.review {
                how = format!("{how} · {}", review_text(locale, review));
            }
            vec![
                (n + 1).to_string(),
                r.name.clone(),
                r.employee_no.clone().unwrap_or_default(),
                r.department.clone().unwrap_or_default(),
                signed_in,
                signed_out,
                how,
                r.half_hours.map(hours_text).unwrap_or_default(),
                result_text(locale, r.score, r.passed),
            ]
        })
        .collect()
}

#[component]
fn Sheet(s: SessionPage) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let headers = sheet_headers(locale)
        .into_iter()
        .map(|h| view! { <th>{h}</th> })
        .collect_view();
    let rows = sheet_rows(locale, &s)
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .map(|c| view! { <td>{c}</td> })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let category = category_text(locale, s.category);
    view! {
        <article class="report" id="sign-in-sheet">
            <h1>{t!(i18n, sessions.sheet_title)}</h1>
            <table class="report-table">
                <tbody>
                    <tr><th>{t!(i18n, sessions.field_session_title)}</th><td colspan="3">{s.title.clone()}</td></tr>
                    <tr>
                        <th>{t!(i18n, sessions.field_category)}</th><td>{category}</td>
                        <th>{t!(i18n, sessions.col_hours)}</th><td>{hours_text(s.half_hours)}</td>
                    </tr>
                    <tr>
                        <th>{t!(i18n, sessions.when)}</th><td>{s.date.clone()}" "{s.start.clone()}"–"{s.end.clone()}</td>
                        <th>{t!(i18n, sessions.field_location)}</th><td>{s.location.clone()}</td>
                    </tr>
                    <tr><th>{t!(i18n, sessions.field_trainer)}</th><td colspan="3">{s.trainer.clone()}</td></tr>
                    <tr><th>{t!(i18n, sessions.field_summary)}</th><td colspan="3" class="pre">{s.summary.clone()}</td></tr>
                </tbody>
            </table>
            <p></p>
            <table class="report-table">
                <thead><tr>{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="signature">
                <p>{t!(i18n, sessions.recorder)}"："<span class="line"></span></p>
                <p>{t!(i18n, sessions.reviewer)}"："<span class="line"></span></p>
            </div>
        </article>
    }
}

#[component]
pub fn SheetPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let back = format!("/training/sessions/{id}");
    let xlsx = format!("/export/training/sessions/{id}/sheet.xlsx");
    view! {
        <script src="/poster.js" defer></script>
        <p class="row-actions no-print">
            <button type="button" class="primary" data-print="">{t!(i18n, sessions.print)}</button>
            <a href=xlsx class="button secondary">{t!(i18n, sessions.sheet_xlsx)}</a>
            <a href=back class="button secondary">{t!(i18n, sessions.back)}</a>
        </p>
        {load(move || training_session(id), |s: SessionPage| view! { <Sheet s=s/> })}
    }
}
