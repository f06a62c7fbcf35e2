//! The register's pages: `/risks`, the points with their hazards and grades (and, for the
//! officers, the forms to record them), and `/risks/policy`, the grading policy with its basis.

mod forms;
mod labels;
mod policy;

pub use labels::{grade_label, kind_label};
pub use policy::PolicyPage;

use crate::{
    auth::Role,
    i18n::*,
    risks::{risk_register, RegisterView, RiskGrade, RiskHazard, RiskMethod, RiskPoint},
    shell::{load, with_user, FormFeedback},
};
use labels::{
    accident_class_label, factor_class_label, forced_label, level_label, measure_kind_label,
    score_text,
};
use leptos::{either::Either, prelude::*};

/// A grade as its coloured tag (红 / 橙 / 黄 / 蓝).
#[component]
fn GradeTag(grade: RiskGrade) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("tag risk-{}", grade.as_str()) data-grade=grade.as_str()>
            {move || grade_label(i18n, grade)}
        </span>
    }
}

#[component]
fn HazardItem(h: RiskHazard, editor: bool) -> impl IntoView {
    let i18n = use_i18n();
    let score = match h.method {
        RiskMethod::Lec => format!("D = {}", score_text(h.score_hundredths)),
        RiskMethod::Ls => format!("R = {}", score_text(h.score_hundredths)),
    };
    let forced = h
        .forced
        .iter()
        .map(|f| {
            let f = *f;
            view! { <span class="tag off">{move || forced_label(i18n, f)}</span> }
        })
        .collect_view();
    let class = factor_class_label(i18n, h.factor_class);
    let measures = h
        .measures
        .into_iter()
        .map(|m| {
            let (kind, level) = (m.kind, m.level);
            view! {
                <li class="risk-measure" data-measure-level=level.as_str()>
                    <span class="tag">{move || measure_kind_label(i18n, kind)}</span>" "
                    {m.text}
                    <small class="muted">" · "{move || level_label(i18n, level)}" · "{m.responsible}</small>
                </li>
            }
        })
        .collect_view();
    let id = h.id;
    view! {
        <li class="risk-hazard" data-hazard=h.id.to_string()>
            <div class="row-actions">
                <GradeTag grade=h.grade/>
                <strong>{h.description}</strong>
            </div>
            <small class="muted">
                {accident_class_label(h.accident_class)}" · "{class}" · "<span data-score=h.score_hundredths>{score}</span>
            </small>
            {(!h.consequence.is_empty()).then(|| view! { <p class="muted">{h.consequence}</p> })}
            {forced}
            <ul class="risk-measures">{measures}</ul>
            {editor.then(|| view! {
                <a href=format!("/risks?hazard={id}#new-measure") class="add-measure">{t!(i18n, risks.add_measure)}</a>
            })}
        </li>
    }
}

#[component]
fn PointCard(p: RiskPoint, editor: bool) -> impl IntoView {
    let i18n = use_i18n();
    let kind = p.kind;
    let where_ = [p.area.clone(), p.department.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let hazards = if p.hazards.is_empty() {
        Either::Left(view! { <p class="muted">{t!(i18n, risks.no_hazards)}</p> })
    } else {
        Either::Right(view! {
            <ul class="risk-hazards">{p.hazards.into_iter().map(|h| view! { <HazardItem h editor/> }).collect_view()}</ul>
        })
    };
    view! {
        <section class="card risk-point" id=format!("point-{}", p.id) data-point=p.id.to_string()
            data-point-grade=p.grade.map(|g| g.as_str()).unwrap_or("")>
            <h2 class="row-actions">
                {p.grade.map(|grade| view! { <GradeTag grade/> })}
                <span>{p.name}</span>
            </h2>
            <p class="muted">{move || kind_label(i18n, kind)}{(!where_.is_empty()).then(|| format!(" · {where_}"))}</p>
            {hazards}
            {editor.then(|| view! {
                <p class="row-actions"><a href=format!("/risks?point={}#new-hazard", p.id) class="button">{t!(i18n, risks.add_hazard)}</a></p>
            })}
        </section>
    }
}

/// The counts of points by grade, worst first.
#[component]
fn GradeCounts(points: Vec<RiskGrade>) -> impl IntoView {
    let counts = RiskGrade::ALL
        .into_iter()
        .map(|g| {
            let n = points.iter().filter(|p| **p == g).count();
            view! { <li data-count-grade=g.as_str()><GradeTag grade=g/>" "<strong>{n}</strong></li> }
        })
        .collect_view();
    view! { <ul class="legend risk-counts">{counts}</ul> }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    with_user(move |user| {
        let editor = crate::risks::EDITORS.contains(&user.role);
        let admin = user.role == Role::EnterpriseAdmin;
        // The point whose "登记危险源" link, or the hazard whose "添加管控措施" link, was
        // followed: chosen in its form.
        let asked = |key: &str| {
            leptos_router::hooks::use_query_map()
                .with_untracked(|q| q.get(key))
                .and_then(|p| p.parse::<uuid::Uuid>().ok())
        };
        let (selected, hazard) = (asked("point"), asked("hazard"));
        view! {
            <h1>{t!(i18n, risks.title)}</h1>
            <p class="muted">{t!(i18n, risks.intro)}</p>
            // "Saved" once, after either form's plain post (their errors show at the form).
            <FormFeedback error=Signal::derive(|| None)/>
            {admin.then(|| view! { <p class="row-actions"><a href="/risks/policy" class="button">{t!(i18n, risks.policy_title)}</a></p> })}
            {load(risk_register, move |r: RegisterView| {
                let RegisterView { points, policy, people } = r;
                let grades = points.iter().filter_map(|p| p.grade).collect::<Vec<_>>();
                let names: Vec<_> = points.iter().map(|p| (p.id, p.name.clone())).collect();
                let hazards: Vec<_> = points
                    .iter()
                    .flat_map(|p| p.hazards.iter().map(move |h| (h.id, format!("{} · {}", p.name, h.description))))
                    .collect();
                let list = if points.is_empty() {
                    Either::Left(view! { <p class="muted">{t!(i18n, risks.no_points)}</p> })
                } else {
                    Either::Right(points.into_iter().map(|p| view! { <PointCard p editor/> }).collect_view())
                };
                view! {
                    <GradeCounts points=grades/>
                    {list}
                    {(editor && !names.is_empty()).then(|| view! { <forms::HazardFormCard points=names selected policy/> })}
                    {(editor && !hazards.is_empty()).then(|| view! { <forms::MeasureFormCard hazards selected=hazard people/> })}
                }
            })}
            {editor.then(|| view! { <forms::PointFormCard/> })}
        }
    })
}
