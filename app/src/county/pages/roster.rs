//! `/county/enterprises/import`: a roster file (XLSX or CSV) chosen and sent; then
//! `/county/enterprises/import/<id>`: the dry run, every row with what the import would do,
//! and the button that applies the accepted rows (or nothing).

use crate::{
    county::{
        roster::{RosterPreview, RowOutcome},
        roster_preview, ApplyRoster,
    },
    i18n::*,
    shell::{action_error, load, new_client_id, ErrorNotice, FormFeedback},
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let error = move || {
        query.with(|q| q.get("__err")).map(|e| view! { <ErrorNotice err=crate::error::error_in_query(&e)/> })
    };
    view! {
        <h1>{t!(i18n, county.import_title)}</h1>
        <p class="muted">{t!(i18n, county.import_hint)}</p>
        {error}
        <form method="post" action=super::super::roster::UPLOAD enctype="multipart/form-data"
            class="card stack" id="roster-upload">
            <input type="hidden" name="client_id" value=new_client_id()/>
            <label>
                <span>{t!(i18n, county.field_roster_file)}</span>
                <input type="file" name="file" required
                    accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
            </label>
            <button type="submit" class="primary wide">{t!(i18n, county.import_check)}</button>
        </form>
        <p><a href="/export/county/enterprises.xlsx" download>{t!(i18n, county.export_template)}</a></p>
    }
}

#[component]
pub fn PreviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let apply = ServerAction::<ApplyRoster>::new();
    let fetch = move || roster_preview(Uuid::parse_str(&id).unwrap_or_default());
    view! {
        <h1>{t!(i18n, county.preview_title)}</h1>
        <FormFeedback error=Signal::derive(move || action_error(apply))/>
        {load(fetch, move |p: RosterPreview| {
            let [new, changed, unchanged, refused] = p.counts();
            let locale = i18n.get_locale_untracked();
            let rows = p.rows.into_iter().map(|r| {
                let (mark, text) = match &r.outcome {
                    RowOutcome::New => ("new", td_string!(locale, county.row_new).to_string()),
                    RowOutcome::Changed => ("changed", td_string!(locale, county.row_changed).to_string()),
                    RowOutcome::Unchanged => ("unchanged", td_string!(locale, county.row_unchanged).to_string()),
                    RowOutcome::Error { field, problem } => (
                        "error",
                        crate::shell::error_text_in(
                            locale,
                            &crate::error::AppError::invalid(*field, *problem),
                        ),
                    ),
                };
                view! {
                    <tr data-outcome=mark>
                        <td>{r.line}</td>
                        <td>{r.name}<br/><small class="muted">{r.credit_code}</small></td>
                        <td class=if mark == "error" { "danger" } else { "" }>{text}</td>
                    </tr>
                }
            }).collect_view();
            let apply_form = (!p.applied).then(|| view! {
                <ActionForm action=apply attr:class="card stack" attr:id="roster-apply">
                    <input type="hidden" name="client_id" value=new_client_id()/>
                    <input type="hidden" name="id" value=p.id.to_string()/>
                    <label>
                        <span>{t!(i18n, county.import_admin_password)}</span>
                        <input type="text" name="form[admin_password]" autocomplete="off" minlength="8"/>
                        <small>{t!(i18n, county.import_admin_password_hint)}</small>
                    </label>
                    <button type="submit" class="primary wide">
                        {move || t_string!(i18n, county.import_apply, count = new + changed).to_string()}
                    </button>
                </ActionForm>
            });
            view! {
                <p class="muted">{p.file_name}</p>
                <p id="roster-counts" data-new=new data-changed=changed data-unchanged=unchanged data-refused=refused>
                    {move || t_string!(i18n, county.preview_counts, new = new, changed = changed, unchanged = unchanged, refused = refused).to_string()}
                </p>
                {if p.applied {
                    Either::Left(view! { <p class="notice ok">{t!(i18n, county.import_done)}</p> })
                } else {
                    Either::Right(apply_form)
                }}
                <table class="roster" id="roster-rows">
                    <thead><tr><th>{t!(i18n, county.row_line)}</th><th>{t!(i18n, county.field_enterprise_name)}</th><th>{t!(i18n, county.row_result)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })}
    }
}
