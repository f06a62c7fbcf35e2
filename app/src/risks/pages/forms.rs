//! The officers' forms on the register: a new risk point, and a hazard of a point scored by
//! the enterprise's method with each value's meaning shown.

use super::labels::{
    accident_class_label, factor_class_label, forced_label, kind_label, lec_c_meaning,
    lec_e_meaning, lec_l_meaning, level_label, ls_l_meaning, ls_s_meaning, measure_kind_label,
    tenths_text,
};
use crate::{
    i18n::*,
    risks::{
        AccidentClass, AddRiskHazard, AddRiskMeasure, ControlLevel, CreateRiskPoint, FactorClass,
        Forced, MeasureKind, PointKind, RiskMethod, RiskPolicy, NAME_MAX, TEXT_MAX,
    },
    rules::risk_grade::{LEC_C, LEC_E_TENTHS, LEC_L_TENTHS, LS_RANGE},
    shell::{action_error, new_client_id, ErrorNotice},
};
use leptos::{either::Either, prelude::*};
use uuid::Uuid;

#[component]
pub fn PointFormCard() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateRiskPoint>::new();
    let error = Signal::derive(move || action_error(create));
    let kinds = PointKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.as_str()>{move || kind_label(i18n, k)}</option> })
        .collect_view();
    view! {
        <ActionForm action=create attr:class="card stack" attr:id="new-point">
            <h2>{t!(i18n, risks.new_point)}</h2>
            {move || error.get().map(|err| view! { <ErrorNotice err/> })}
            <input type="hidden" name="client_id" value=new_client_id()/>
            <label><span>{t!(i18n, risks.field_kind)}</span><select name="form[kind]" required>{kinds}</select></label>
            <label><span>{t!(i18n, risks.field_name)}</span><input name="form[name]" required maxlength=NAME_MAX/></label>
            <label><span>{t!(i18n, risks.field_area)}</span><input name="form[area]" maxlength=NAME_MAX/></label>
            <label><span>{t!(i18n, risks.field_department)}</span><input name="form[department]" maxlength=NAME_MAX/></label>
            <button type="submit" class="primary">{t!(i18n, risks.save_point)}</button>
        </ActionForm>
    }
}

/// A select of a factor: each table value with its meaning.
fn factor_select(
    name: &'static str,
    values: Vec<(String, String)>,
) -> impl IntoView {
    let options = values
        .into_iter()
        .map(|(value, meaning)| view! { <option value=value.clone()>{format!("{value} — {meaning}")}</option> })
        .collect_view();
    view! { <select name=name required><option value="">"—"</option>{options}</select> }
}

/// The hazard form: one on the page, its point chosen (`selected`: the point whose "登记危险源"
/// link was followed).
#[component]
pub fn HazardFormCard(
    points: Vec<(Uuid, String)>,
    selected: Option<Uuid>,
    policy: RiskPolicy,
) -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddRiskHazard>::new();
    let error = Signal::derive(move || action_error(add));
    let classes = AccidentClass::ALL
        .into_iter()
        .map(|c| view! { <option value=c.as_str()>{accident_class_label(c)}</option> })
        .collect_view();
    let factors = FactorClass::ALL
        .into_iter()
        .map(|c| view! { <option value=c.as_str()>{move || factor_class_label(i18n, c)}</option> })
        .collect_view();
    let scores = match policy.method {
        RiskMethod::Lec => {
            let l = LEC_L_TENTHS.iter().map(|v| (tenths_text(*v), lec_l_meaning(i18n, *v))).collect();
            let e = LEC_E_TENTHS.iter().map(|v| (tenths_text(*v), lec_e_meaning(i18n, *v))).collect();
            let c = LEC_C.iter().map(|v| (v.to_string(), lec_c_meaning(i18n, *v))).collect();
            Either::Left(view! {
                <p class="muted">{t!(i18n, risks.method_lec_hint)}</p>
                <label><span>{t!(i18n, risks.field_factor_l)}</span>{factor_select("form[factor_l]", l)}</label>
                <label><span>{t!(i18n, risks.field_factor_e)}</span>{factor_select("form[factor_e]", e)}</label>
                <label><span>{t!(i18n, risks.field_factor_c)}</span>{factor_select("form[factor_c]", c)}</label>
            })
        }
        RiskMethod::Ls => {
            let l = LS_RANGE.rev().map(|v| (v.to_string(), ls_l_meaning(i18n, v))).collect();
            let s = LS_RANGE.rev().map(|v| (v.to_string(), ls_s_meaning(i18n, v))).collect();
            Either::Right(view! {
                <p class="muted">{t!(i18n, risks.method_ls_hint)}</p>
                <label><span>{t!(i18n, risks.field_factor_l)}</span>{factor_select("form[factor_l]", l)}</label>
                <label><span>{t!(i18n, risks.field_factor_s)}</span>{factor_select("form[factor_s]", s)}</label>
            })
        }
    };
    let forced = Forced::ALL
        .into_iter()
        .map(|f| view! {
            <label class="check"><input type="checkbox" name="form[forced][]" value=f.as_str()/>" "{move || forced_label(i18n, f)}</label>
        })
        .collect_view();
    let points = points
        .into_iter()
        .map(|(id, name)| view! { <option value=id.to_string() selected=selected == Some(id)>{name}</option> })
        .collect_view();
    view! {
            <ActionForm action=add attr:class="card stack" attr:id="new-hazard">
                <h2>{t!(i18n, risks.add_hazard)}</h2>
                {move || error.get().map(|err| view! { <ErrorNotice err/> })}
                <input type="hidden" name="client_id" value=new_client_id()/>
                <label><span>{t!(i18n, risks.field_point)}</span><select name="form[point_id]" required>{points}</select></label>
                <label><span>{t!(i18n, risks.field_description)}</span><textarea name="form[description]" required maxlength=TEXT_MAX rows="2"></textarea></label>
                <label><span>{t!(i18n, risks.field_consequence)}</span><input name="form[consequence]" maxlength=TEXT_MAX/></label>
                <label><span>{t!(i18n, risks.field_accident_class)}</span><select name="form[accident_class]" required>{classes}</select></label>
                <label><span>{t!(i18n, risks.field_factor_class)}</span><select name="form[factor_class]" required>{factors}</select></label>
                {scores}
                <fieldset class="stack">
                    <legend>{t!(i18n, risks.field_forced)}</legend>
                    {forced}
                </fieldset>
                <button type="submit" class="primary">{t!(i18n, risks.save_hazard)}</button>
            </ActionForm>
    }
}

/// The measure form: one on the page, its hazard chosen (`selected`: the hazard whose
/// "添加管控措施" link was followed); the level empty takes the hazard's grade's.
#[component]
pub fn MeasureFormCard(
    hazards: Vec<(Uuid, String)>,
    selected: Option<Uuid>,
    people: Vec<(Uuid, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddRiskMeasure>::new();
    let error = Signal::derive(move || action_error(add));
    let hazards = hazards
        .into_iter()
        .map(|(id, name)| view! { <option value=id.to_string() selected=selected == Some(id)>{name}</option> })
        .collect_view();
    let kinds = MeasureKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.as_str()>{move || measure_kind_label(i18n, k)}</option> })
        .collect_view();
    let levels = ControlLevel::ALL
        .into_iter()
        .map(|l| view! { <option value=l.as_str()>{move || level_label(i18n, l)}</option> })
        .collect_view();
    let people = people
        .into_iter()
        .map(|(id, name)| view! { <option value=id.to_string()>{name}</option> })
        .collect_view();
    view! {
        <ActionForm action=add attr:class="card stack" attr:id="new-measure">
            <h2>{t!(i18n, risks.add_measure)}</h2>
            {move || error.get().map(|err| view! { <ErrorNotice err/> })}
            <input type="hidden" name="client_id" value=new_client_id()/>
            <label><span>{t!(i18n, risks.field_hazard)}</span><select name="form[hazard_id]" required>{hazards}</select></label>
            <label><span>{t!(i18n, risks.field_measure_kind)}</span><select name="form[kind]" required>{kinds}</select></label>
            <label><span>{t!(i18n, risks.field_measure_text)}</span><textarea name="form[text]" required maxlength=TEXT_MAX rows="2"></textarea></label>
            <label>
                <span>{t!(i18n, risks.field_level)}</span>
                <select name="form[level]"><option value="">{t!(i18n, risks.level_by_grade)}</option>{levels}</select>
            </label>
            <label><span>{t!(i18n, risks.field_responsible)}</span><select name="form[responsible_id]" required><option value="">"—"</option>{people}</select></label>
            <button type="submit" class="primary">{t!(i18n, risks.save_measure)}</button>
        </ActionForm>
    }
}
