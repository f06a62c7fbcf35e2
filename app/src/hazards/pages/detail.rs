//! A hazard's page: its fields and photos, 五落实 and plan, rectification and re-check, its
//! trail (with each move's photos), and only the forms of the moves the viewer may make now
//! (`HazardDetail::allowed`). The on-the-spot fix and the rectification post their after-photo
//! multipart (`http.rs`); their errors come back as their server functions' would.

use super::{
    labels::{category_label, grade_label, source_label, state_label},
    photos::{PhotoField, Thumbs},
};
use crate::{
    error::AppError,
    hazards::{
        get_hazard, ConfirmHazard, FixHazardOnSpot, HazardDetail, HazardGrade, HazardTrailEntry,
        MajorPlan, PhotoStage, RecheckHazard, RectifyHazard, FIX_ON_SPOT_MULTIPART,
        RECTIFY_MULTIPART, TEXT_MAX,
    },
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
    users::PersonOption,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use uuid::Uuid;

/// The forms' actions, made once per page.
#[derive(Clone, Copy)]
struct Actions {
    fix: ServerAction<FixHazardOnSpot>,
    confirm: ServerAction<ConfirmHazard>,
    rectify: ServerAction<RectifyHazard>,
    recheck: ServerAction<RecheckHazard>,
}

/// Hidden inputs every move's form carries: its submission id, the hazard and its version.
fn ids(id: Uuid, version: i32) -> impl IntoView {
    view! {
        <input type="hidden" name="client_id" value=new_client_id()/>
        <input type="hidden" name="hazard_id" value=id.to_string()/>
        <input type="hidden" name="version" value=version.to_string()/>
    }
}

#[component]
pub fn HazardPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let actions = Actions {
        fix: ServerAction::new(),
        confirm: ServerAction::new(),
        rectify: ServerAction::new(),
        recheck: ServerAction::new(),
    };
    let error = Signal::derive(move || {
        action_error(actions.fix)
            .or_else(|| action_error(actions.confirm))
            .or_else(|| action_error(actions.rectify))
            .or_else(|| action_error(actions.recheck))
    });
    let fetch = move || {
        let id = Uuid::parse_str(id().trim());
        async move {
            match id {
                Ok(id) => get_hazard(id).await,
                Err(_) => Err(AppError::NotFound),
            }
        }
    };
    view! {
        <FormFeedback error/>
        {load(fetch, move |d: HazardDetail| view! { <Hazard d actions/> })}
    }
}

/// A term and its value, when there is one.
fn fact(term: impl IntoView + 'static, value: Option<String>) -> impl IntoView {
    value.filter(|v| !v.is_empty()).map(|v| {
        view! {
            <dt>{term}</dt>
            <dd class="pre">{v}</dd>
        }
    })
}

#[component]
fn Hazard(d: HazardDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let r = d.row.clone();
    let (state, grade, category, source) = (r.state, r.grade, r.category, r.source);
    let five = d.measures.is_some().then(|| {
        view! {
            <section class="card">
                <h2>{t!(i18n, hazards.five)}</h2>
                <dl class="facts">
                    {fact(t!(i18n, hazards.rectifier), r.rectifier.clone())}
                    {fact(t!(i18n, hazards.measures), d.measures.clone())}
                    {fact(t!(i18n, hazards.funds), d.funds.clone())}
                    <dt>{t!(i18n, hazards.deadline)}</dt>
                    <dd class:late=r.overdue>
                        {r.deadline.clone()}
                        {r.overdue.then(|| view! { " " <span class="tag danger">{t!(i18n, hazards.overdue)}</span> })}
                    </dd>
                    {fact(t!(i18n, hazards.interim_control), d.interim_control.clone())}
                    {fact(t!(i18n, hazards.confirmed), d.confirmed.clone())}
                </dl>
            </section>
        }
    });
    let recheck_result = d.recheck_passed.map(|passed| {
        if passed {
            t_string!(i18n, hazards.recheck_passed).to_string()
        } else {
            t_string!(i18n, hazards.recheck_failed).to_string()
        }
    });
    view! {
        <h1>{r.number.clone()}</h1>
        <section class="card" data-state=state.as_str()>
            <p class="state">
                <span class="tag" data-state=state.as_str()>{move || state_label(i18n, state)}</span>" "
                <span class="tag" class:danger=grade == HazardGrade::Major>{move || grade_label(i18n, grade)}</span>
            </p>
            <dl class="facts">
                <dt>{t!(i18n, hazards.location)}</dt><dd>{r.location.clone()}</dd>
                <dt>{t!(i18n, hazards.description)}</dt><dd class="pre">{r.description.clone()}</dd>
                <dt>{t!(i18n, hazards.category)}</dt><dd>{move || category_label(i18n, category)}</dd>
                <dt>{t!(i18n, hazards.source)}</dt><dd>{move || source_label(i18n, source)}</dd>
                <dt>{t!(i18n, hazards.found)}</dt><dd>{r.found_at.clone()}" · "{r.found_by.clone()}</dd>
                {fact(t!(i18n, hazards.criterion), Some(d.criterion.clone()))}
                {fact(t!(i18n, hazards.on_spot_note), d.on_spot_note.clone())}
            </dl>
        </section>
        {(!d.photos.is_empty()).then(|| view! {
            <section class="card photos">
                <h2>{t!(i18n, hazards.photos)}</h2>
                <Thumbs photos=d.photos.clone()/>
            </section>
        })}
        {five}
        {d.plan.clone().map(|plan| view! { <PlanFacts plan reported_on=d.reported_on.clone()/> })}
        {(d.rectification.is_some() || d.recheck_passed.is_some() || d.closed.is_some()).then(|| view! {
            <section class="card">
                <dl class="facts">
                    {fact(t!(i18n, hazards.rectification), d.rectification.clone())}
                    {fact(t!(i18n, hazards.rectified), d.rectified.clone())}
                    {fact(t!(i18n, hazards.recheck_result), recheck_result)}
                    {fact(t!(i18n, hazards.recheck_note), d.recheck_note.clone())}
                    {fact(t!(i18n, hazards.rechecked_by), d.rechecked.clone())}
                    {fact(t!(i18n, hazards.closed), d.closed.clone())}
                </dl>
            </section>
        })}
        <Moves d=d.clone() actions/>
        <Trail entries=d.trail.clone()/>
    }
}

#[component]
fn PlanFacts(plan: MajorPlan, reported_on: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h2>{t!(i18n, hazards.plan)}</h2>
            <dl class="facts">
                {fact(t!(i18n, hazards.plan_goal), Some(plan.goal))}
                {fact(t!(i18n, hazards.plan_methods), Some(plan.methods))}
                {fact(t!(i18n, hazards.plan_funds), Some(plan.funds))}
                {fact(t!(i18n, hazards.plan_organisation), Some(plan.organisation))}
                {fact(t!(i18n, hazards.plan_schedule), Some(plan.schedule))}
                {fact(t!(i18n, hazards.plan_safety), Some(plan.safety))}
                {fact(t!(i18n, hazards.reported_on), reported_on)}
            </dl>
        </section>
    }
}

/// A multi-line text input of a move's form.
fn area(label: impl IntoView + 'static, name: &'static str, required: bool) -> impl IntoView {
    view! {
        <label>
            <span>{label}</span>
            <textarea name=name rows="3" required=required maxlength=TEXT_MAX.to_string()></textarea>
        </label>
    }
}

/// The forms of the moves the viewer may make now, and only those.
#[component]
fn Moves(d: HazardDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let (id, version, a) = (d.row.id, d.version, d.allowed);
    view! {
        {a.fix_on_spot.then(|| view! {
            <section class="card">
                <h2>{t!(i18n, hazards.fix_on_spot)}</h2>
                <p class="muted">{t!(i18n, hazards.fix_on_spot_hint)}</p>
                <form method="post" action=FIX_ON_SPOT_MULTIPART enctype="multipart/form-data" class="stack" id="fix-on-spot">
                    {ids(id, version)}
                    {area(t!(i18n, hazards.on_spot_note), "note", true)}
                    <PhotoField stage=PhotoStage::After/>
                    <button type="submit" class="secondary">{t!(i18n, hazards.submit_fix_on_spot)}</button>
                </form>
            </section>
        })}
        {a.confirm.then(|| view! { <ConfirmForm d=d.clone() action=actions.confirm/> })}
        {a.rectify.then(|| view! {
            <section class="card">
                <h2>{t!(i18n, hazards.rectify)}</h2>
                <form method="post" action=RECTIFY_MULTIPART enctype="multipart/form-data" class="stack" id="rectify">
                    {ids(id, version)}
                    {area(t!(i18n, hazards.rectification), "rectification", true)}
                    <PhotoField stage=PhotoStage::After/>
                    <button type="submit" class="primary">{t!(i18n, hazards.submit_rectify)}</button>
                </form>
            </section>
        })}
        {a.recheck_by_visit.then(|| view! {
            <p class="notice" role="status" id="recheck-by-visit">{t!(i18n, hazards.recheck_by_visit)}</p>
        })}
        {a.recheck.then(|| view! {
            <section class="card">
                <h2>{t!(i18n, hazards.recheck_title)}</h2>
                <p class="muted">{t!(i18n, hazards.recheck_hint)}</p>
                <ActionForm action=actions.recheck attr:class="stack" attr:id="recheck-pass">
                    {ids(id, version)}
                    <input type="hidden" name="form[passed]" value="true"/>
                    <button type="submit" class="primary">{t!(i18n, hazards.submit_pass)}</button>
                </ActionForm>
                <ActionForm action=actions.recheck attr:class="stack" attr:id="recheck-fail">
                    {ids(id, version)}
                    <input type="hidden" name="form[passed]" value="false"/>
                    {area(t!(i18n, hazards.recheck_note), "form[note]", true)}
                    <button type="submit" class="secondary">{t!(i18n, hazards.submit_fail)}</button>
                </ActionForm>
            </section>
        })}
    }
}

/// 确认 and 五落实; the plan's six parts and the report date for a 重大 hazard.
#[component]
fn ConfirmForm(d: HazardDetail, action: ServerAction<ConfirmHazard>) -> impl IntoView {
    let i18n = use_i18n();
    let grade = d.row.grade;
    let people = d
        .people
        .into_iter()
        .map(|p: PersonOption| view! { <option value=p.id.to_string()>{p.name}</option> })
        .collect_view();
    view! {
        <section class="card">
            <h2>{t!(i18n, hazards.confirm)}</h2>
            <ActionForm action attr:class="stack" attr:id="confirm">
                {ids(d.row.id, d.version)}
                <fieldset class="checks">
                    <legend>{t!(i18n, hazards.grade)}</legend>
                    {HazardGrade::ALL
                        .into_iter()
                        .map(|g| view! {
                            <label class="check">
                                <input type="radio" name="form[grade]" value=g.as_str() checked=g == grade/>
                                {move || grade_label(i18n, g)}
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <label>
                    <span>{t!(i18n, hazards.criterion)}</span>
                    <input name="form[criterion]" maxlength="200" value=d.criterion.clone()/>
                </label>
                <label>
                    <span>{t!(i18n, hazards.rectifier)}</span>
                    <select name="form[rectifier_id]" required>
                        <option value="">{t!(i18n, hazards.choose)}</option>
                        {people}
                    </select>
                </label>
                {area(t!(i18n, hazards.measures), "form[measures]", true)}
                <label>
                    <span>{t!(i18n, hazards.funds)}</span>
                    <input name="form[funds]" inputmode="decimal" required/>
                </label>
                <label>
                    <span>{t!(i18n, hazards.deadline)}</span>
                    <input type="date" name="form[deadline]" required/>
                </label>
                {area(t!(i18n, hazards.interim_control), "form[interim_control]", true)}
                <details class="major-plan" open=grade == HazardGrade::Major>
                    <summary>{t!(i18n, hazards.plan)}</summary>
                    <p class="muted">{t!(i18n, hazards.major_hint)}</p>
                    {area(t!(i18n, hazards.plan_goal), "form[plan_goal]", false)}
                    {area(t!(i18n, hazards.plan_methods), "form[plan_methods]", false)}
                    {area(t!(i18n, hazards.plan_funds), "form[plan_funds]", false)}
                    {area(t!(i18n, hazards.plan_organisation), "form[plan_organisation]", false)}
                    {area(t!(i18n, hazards.plan_schedule), "form[plan_schedule]", false)}
                    {area(t!(i18n, hazards.plan_safety), "form[plan_safety]", false)}
                    <label>
                        <span>{t!(i18n, hazards.reported_on)}</span>
                        <input type="date" name="form[reported_on]"/>
                    </label>
                </details>
                <button type="submit" class="primary">{t!(i18n, hazards.submit_confirm)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Trail(entries: Vec<HazardTrailEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let count = entries.len();
    let items = entries
        .into_iter()
        .map(|HazardTrailEntry { entry, photos }| {
            let action = entry.action;
            let thumbs = (!photos.is_empty()).then(|| view! { <Thumbs photos small=true/> });
            let when = entry.when(i18n.get_locale_untracked());
            view! { <li>{when}" · "{entry.who}" · "{move || action.label_in(i18n.get_locale())}{thumbs}</li> }
        })
        .collect_view();
    view! {
        <details class="card trail" open>
            <summary>{t!(i18n, hazards.trail)}" ("{count}")"</summary>
            <ol class="history">{items}</ol>
        </details>
    }
}
