//! 随手拍: report a hazard on the spot (location, description, category, suggested grade;
//! officers also say where it came from) with an optional before-photo (整改前). A plain
//! multipart form post (`http.rs`); on success the browser opens the new hazard, on an error it
//! comes back here with the error shown.

use super::{
    labels::{category_label, grade_label, source_label},
    photos::PhotoField,
};
use crate::{
    auth::SessionUser,
    hazards::{
        is_officer_role, HazardCategory, HazardGrade, HazardSource, PhotoStage, ReportHazard,
        DESCRIPTION_MAX, LOCATION_MAX, REPORT_MULTIPART,
    },
    i18n::*,
    shell::{action_error, new_client_id, with_user, FormFeedback},
};
use leptos::prelude::*;

#[component]
pub fn ReportPage() -> impl IntoView {
    let i18n = use_i18n();
    // Only for the error a failed post brings back (`__err`): the form posts multipart.
    let report = ServerAction::<ReportHazard>::new();
    view! {
        <h1>{t!(i18n, hazards.report)}</h1>
        <p class="muted">{t!(i18n, hazards.report_hint)}</p>
        <FormFeedback error=Signal::derive(move || action_error(report))/>
        {with_user(move |u: SessionUser| {
            let officer = is_officer_role(u.role);
            view! {
                <section class="card">
                    <form method="post" action=REPORT_MULTIPART enctype="multipart/form-data" class="stack" id="report-hazard">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <label>
                            <span>{t!(i18n, hazards.location)}</span>
                            <input name="location" required maxlength=LOCATION_MAX.to_string()/>
                        </label>
                        <label>
                            <span>{t!(i18n, hazards.description)}</span>
                            <textarea name="description" rows="4" required maxlength=DESCRIPTION_MAX.to_string()></textarea>
                        </label>
                        <label>
                            <span>{t!(i18n, hazards.category)}</span>
                            <select name="category" required>
                                // No default: the reporter chooses (a default skews the regulator's figures).
                                <option value="" selected>{t!(i18n, hazards.choose)}</option>
                                {HazardCategory::ALL
                                    .into_iter()
                                    .map(|c| view! { <option value=c.as_str()>{move || category_label(i18n, c)}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                        <fieldset class="checks">
                            <legend>{t!(i18n, hazards.suggested_grade)}</legend>
                            {HazardGrade::ALL
                                .into_iter()
                                .map(|g| view! {
                                    <label class="check">
                                        <input type="radio" name="grade" value=g.as_str() checked=g == HazardGrade::General/>
                                        {move || grade_label(i18n, g)}
                                    </label>
                                })
                                .collect_view()}
                        </fieldset>
                        {officer.then(|| view! {
                            <label>
                                <span>{t!(i18n, hazards.source)}</span>
                                <select name="source">
                                    {HazardSource::ALL
                                        .into_iter()
                                        .map(|s| view! {
                                            <option value=s.as_str() selected=s == HazardSource::EmployeeReport>{move || source_label(i18n, s)}</option>
                                        })
                                        .collect_view()}
                                </select>
                            </label>
                        })}
                        <PhotoField stage=PhotoStage::Before/>
                        <button type="submit" class="primary">{t!(i18n, hazards.submit_report)}</button>
                    </form>
                </section>
            }
        })}
    }
}
