//! `/visits/:id`: one visit: who, when, the checklist used; its findings with their hazards'
//! states and the days overdue; the form to record a finding on site; 复核 of a finding that
//! awaits it; closing the visit.

use super::{checklist_label, kind_label};
use crate::{
    hazards::{category_label, grade_label, state_label, HazardCategory, HazardGrade, HazardState},
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
    photos::PhotoInput,
    visits::{
        FINDING_MULTIPART, load_visit, CloseVisit, FindingView, RecheckFinding, RecordFinding, VisitDetail,
    },
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

#[component]
fn Finding(
    f: FindingView,
    visit: Uuid,
    may_act: bool,
    recheck: ServerAction<RecheckFinding>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = f.state;
    let grade = f.grade;
    let awaiting = may_act && state == HazardState::AwaitingRecheck;
    let overdue = (f.days_overdue > 0).then(|| {
        let days = f.days_overdue;
        view! { <span class="tag danger">{move || t_string!(i18n, visits.days_overdue, days = days).to_string()}</span> }
    });
    view! {
        <li class="person" data-finding=f.hazard_id.to_string() data-state=state.as_str()>
            <div class="person-main">
                <strong>{f.number}" · "{f.location}</strong>
                <span>{f.description}</span>
                <span>
                    <span class="tag">{move || grade_label(i18n, grade)}</span>
                    <span class="tag">{move || state_label(i18n, state)}</span>
                    {overdue}
                </span>
                {(!f.basis.is_empty()).then(|| view! { <span class="muted">{t!(i18n, visits.field_basis)}"："{f.basis.clone()}</span> })}
                <span class="muted">{t!(i18n, visits.field_deadline)}"："{f.deadline.to_string()}</span>
                {f.rectification.map(|r| view! { <span class="muted">{t!(i18n, visits.rectification)}"："{r}</span> })}
                {(!f.photos.is_empty()).then(|| view! {
                    <ul class="thumbs">
                        {f.photos.into_iter().map(|p| {
                            let alt = crate::hazards::stage_label(i18n, p.stage);
                            let href = p.url.clone();
                            view! {
                                <li data-stage=p.stage.as_str()>
                                    <a href=href><img src=p.url loading="lazy" width="96" alt=alt/></a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
                {awaiting.then(|| view! {
                    <ActionForm action=recheck attr:class="stack recheck">
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="visit_id" value=visit.to_string()/>
                        <input type="hidden" name="form[hazard_id]" value=f.hazard_id.to_string()/>
                        <label><span>{t!(i18n, visits.recheck_note)}</span><input name="form[note]" maxlength="500"/></label>
                        <div class="pass-fail">
                            <button type="submit" name="form[passed]" value="on" class="primary">{t!(i18n, visits.recheck_pass)}</button>
                            <button type="submit" class="danger">{t!(i18n, visits.recheck_fail)}</button>
                        </div>
                    </ActionForm>
                })}
            </div>
        </li>
    }
}

#[component]
fn FindingFormCard(visit: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let categories = HazardCategory::ALL
        .into_iter()
        .map(|c| view! { <option value=c.as_str()>{move || category_label(i18n, c)}</option> })
        .collect_view();
    let grades = HazardGrade::ALL
        .into_iter()
        .map(|g| view! { <option value=g.as_str()>{move || grade_label(i18n, g)}</option> })
        .collect_view();
    view! {
        // Posted multipart to the handler that stores the photo first (`visits::http`); its
        // errors come back to this page as `action`'s.
        <form method="post" action=FINDING_MULTIPART enctype="multipart/form-data" class="card stack" id="new-finding">
            <h2>{t!(i18n, visits.new_finding)}</h2>
            <input type="hidden" name="client_id" value=new_client_id()/>
            <input type="hidden" name="visit_id" value=visit.to_string()/>
            <label><span>{t!(i18n, visits.field_location)}</span><input name="location" required maxlength="120"/></label>
            <label><span>{t!(i18n, visits.field_description)}</span><textarea name="description" required maxlength="500"></textarea></label>
            <label><span>{t!(i18n, visits.field_category)}</span><select name="category" required><option value="" selected>{t!(i18n, visits.choose)}</option>{categories}</select></label>
            <label><span>{t!(i18n, visits.field_grade)}</span><select name="grade">{grades}</select></label>
            <label><span>{t!(i18n, visits.field_basis)}</span><input name="basis" maxlength="200"/></label>
            <label><span>{t!(i18n, visits.field_deadline)}</span><input type="date" name="deadline" required/></label>
            <fieldset class="photo-field">
                <legend>{t!(i18n, visits.photo)}" "<small class="muted">{t!(i18n, visits.optional)}</small></legend>
                <input type="hidden" name="photo_client_id" value=new_client_id()/>
                <PhotoInput name="photo"/>
            </fieldset>
            <button type="submit" class="primary">{t!(i18n, visits.record_finding)}</button>
        </form>
    }
}

#[component]
fn Body(
    v: VisitDetail,
    recheck: ServerAction<RecheckFinding>,
    close: ServerAction<CloseVisit>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let id = v.id;
    let may_act = v.may_act;
    let findings = if v.findings.is_empty() {
        Either::Left(view! { <p class="muted">{t!(i18n, visits.no_findings)}</p> })
    } else {
        Either::Right(view! {
            <ul class="people" id="findings">
                {v.findings.into_iter().map(|f| view! { <Finding f visit=id may_act recheck/> }).collect_view()}
            </ul>
        })
    };
    view! {
        <h1>{v.enterprise.clone()}</h1>
        <section class="card" id="visit">
            <dl class="facts">
                <dt>{t!(i18n, visits.field_kind)}</dt><dd>{kind_label(locale, v.kind)}</dd>
                <dt>{t!(i18n, visits.field_visited_on)}</dt><dd>{v.visited_on.clone()}</dd>
                <dt>{t!(i18n, visits.field_checklist)}</dt><dd>{checklist_label(locale, v.checklist)}</dd>
                <dt>{t!(i18n, visits.opened_by)}</dt><dd>{v.opened_by.clone()}</dd>
                <dt>{t!(i18n, visits.field_experts)}</dt><dd>{v.experts.join("、")}</dd>
                {(!v.note.is_empty()).then(|| view! { <dt>{t!(i18n, visits.field_note)}</dt><dd class="pre">{v.note.clone()}</dd> })}
            </dl>
            {v.closed.then(|| view! { <p class="tag off" id="visit-closed">{t!(i18n, visits.closed)}</p> })}
        </section>
        <h2>{t!(i18n, visits.findings)}</h2>
        {findings}
        {(may_act && !v.closed).then(|| view! { <FindingFormCard visit=id/> })}
        {v.may_close.then(|| view! {
            <ActionForm action=close attr:class="stack" attr:id="close-visit">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="visit_id" value=id.to_string()/>
                <button type="submit" class="secondary">{t!(i18n, visits.close)}</button>
            </ActionForm>
        })}
    }
}

#[component]
pub fn VisitPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    // The finding form posts multipart (`visits::http`); its errors come back as this action's.
    let finding = ServerAction::<RecordFinding>::new();
    let recheck = ServerAction::<RecheckFinding>::new();
    let close = ServerAction::<CloseVisit>::new();
    let error = Signal::derive(move || {
        action_error(finding)
            .or_else(|| action_error(recheck))
            .or_else(|| action_error(close))
    });
    let id = Uuid::parse_str(&id).unwrap_or_default();
    view! {
        <p><a href="/visits">{t!(i18n, visits.title)}</a></p>
        <FormFeedback error=error/>
        {load(move || load_visit(id), move |v: VisitDetail| view! { <Body v recheck close/> })}
    }
}
