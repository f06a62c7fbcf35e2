//! The training file (培训档案): every session with its day, category, content, hours, result
//! and how presence was shown; hours per year; the 三级教育卡; clearance; qualifications;
//! moves, with the form officers and admins record them with.

use super::{ClearanceTag, Reasons};
use crate::{
    i18n::*,
    shell::{action_error, load, new_client_id, FormFeedback},
    training::{
        clearance::{
            labels::{category_label, hours, move_label, qualification_label},
            my_training_file, person_training_file, FileQualification, FileRow, InductionLevel,
            MoveRow, RecordMove, TrainingFile,
        },
        MoveKind, PresenceBy,
    },
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/training/file`: the signed-in person's own file (every role of an enterprise).
#[component]
pub fn MyFilePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, clearance.my_file_title)}</h1>
        {load(my_training_file, |file: TrainingFile| view! { <FileView file/> })}
    }
}

/// `/training/people/<id>`: a person's file (officers, trainers, admins).
#[component]
pub fn PersonFilePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let record = ServerAction::<RecordMove>::new();
    let query = use_query_map();
    let moved = move || query.with(|q| q.get("moved").is_some());
    view! {
        <FormFeedback error=Signal::derive(move || action_error(record))/>
        {move || moved().then(|| view! {
            <p class="notice ok" role="status">{t!(i18n, clearance.move_recorded)}</p>
        })}
        {load(move || person_training_file(id), move |file: TrainingFile| {
            let user_id = file.user_id.to_string();
            let may = file.may_record_moves;
            view! {
                <h1>{file.name.clone()}" · "{t!(i18n, clearance.file_title)}</h1>
                <FileView file/>
                {may.then(|| view! { <MoveFormView record user_id=user_id.clone()/> })}
            }
        })}
    }
}

#[component]
fn FileView(file: TrainingFile) -> impl IntoView {
    let i18n = use_i18n();
    let dash = move || t_string!(i18n, clearance.not_recorded).to_string();
    let department = file
        .department
        .clone()
        .unwrap_or_else(|| t_string!(i18n, clearance.no_department).to_string());
    let hired_on = file.hired_on.clone();
    let employee_no = file.employee_no.clone().unwrap_or_default();
    let cleared = file.clearance.cleared;
    let rows = file.rows.clone();
    let years = file
        .hours_by_year
        .iter()
        .map(|&(year, h)| {
            let h = hours(h);
            view! { <li>{move || t_string!(i18n, clearance.year_hours, year = year, hours = h.clone()).to_string()}</li> }
        })
        .collect_view();
    let have: i32 = file.induction.iter().map(|l| l.half_hours).sum();
    let (have, need) = (hours(have), hours(file.induction_need_half_hours));
    let overall = file.induction_passed;
    let levels = file
        .induction
        .iter()
        .cloned()
        .map(|level| view! { <InductionRow level/> })
        .collect_view();
    let quals = file.qualifications.clone();
    let moves = file.moves.clone();
    view! {
        <section class="card stack training-file" data-user=file.user_id.to_string()>
            <p>
                <strong>{file.name.clone()}</strong>" "
                <span class="muted">{t!(i18n, clearance.employee_no)}" "{employee_no}</span>" "
                <span class="muted">{t!(i18n, clearance.department)}" "{department}</span>
            </p>
            <h2>{t!(i18n, clearance.clearance_heading)}</h2>
            <p><ClearanceTag cleared/></p>
            <Reasons reasons=file.clearance.reasons.clone()/>
        </section>
        <section class="card stack induction-card">
            <h2>{t!(i18n, clearance.card_heading)}</h2>
            <p>{t!(i18n, clearance.hired_on)}" "{move || hired_on.clone().unwrap_or_else(dash)}</p>
            <table class="induction cards-narrow">
                <thead>
                    <tr>
                        <th>{t!(i18n, clearance.card_level)}</th>
                        <th>{t!(i18n, clearance.card_hours)}</th>
                        <th>{t!(i18n, clearance.card_days)}</th>
                        <th>{t!(i18n, clearance.card_content)}</th>
                        <th>{t!(i18n, clearance.card_trainer)}</th>
                        <th>{t!(i18n, clearance.card_result)}</th>
                    </tr>
                </thead>
                <tbody>{levels}</tbody>
            </table>
            <p>{move || t_string!(i18n, clearance.card_total, have = have.clone(), need = need.clone()).to_string()}</p>
            <p class="induction-result" data-passed=overall.to_string()>
                <strong>{move || if overall {
                    t_string!(i18n, clearance.card_overall_passed).to_string()
                } else {
                    t_string!(i18n, clearance.card_overall_failed).to_string()
                }}</strong>
            </p>
        </section>
        <section class="card stack">
            <h2>{t!(i18n, clearance.years_heading)}</h2>
            <ul class="years">{years}</ul>
        </section>
        <section class="card stack">
            <h2>{t!(i18n, clearance.sessions_heading)}</h2>
            {rows.is_empty().then(|| view! { <p class="muted">{t!(i18n, clearance.no_sessions)}</p> })}
            <ul class="people file-rows">
                {rows.into_iter().map(|row| view! { <SessionItem row/> }).collect_view()}
            </ul>
        </section>
        <section class="card stack">
            <h2>{t!(i18n, clearance.qualifications_heading)}</h2>
            {quals.is_empty().then(|| view! { <p class="muted">{t!(i18n, clearance.no_qualifications)}</p> })}
            <ul class="people">
                {quals.into_iter().map(|q| view! { <QualificationItem q/> }).collect_view()}
            </ul>
        </section>
        <section class="card stack">
            <h2>{t!(i18n, clearance.moves_heading)}</h2>
            {moves.is_empty().then(|| view! { <p class="muted">{t!(i18n, clearance.no_moves)}</p> })}
            <ul class="people">
                {moves.into_iter().map(|m| view! { <MoveItem m/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn InductionRow(level: InductionLevel) -> impl IntoView {
    let i18n = use_i18n();
    let category = level.category;
    let passed = level.passed;
    view! {
        <tr data-level=category.as_str() data-passed=passed.to_string()>
            // data-label: the column's heading, shown beside the value when the table is read
            // as cards on a phone (table.cards-narrow in style/main.css).
            <td data-label=move || t_string!(i18n, clearance.card_level).to_string()>{move || category_label(i18n, category)}</td>
            <td data-label=move || t_string!(i18n, clearance.card_hours).to_string()>{hours(level.half_hours)}</td>
            <td data-label=move || t_string!(i18n, clearance.card_days).to_string()>{level.days.join(" ")}</td>
            <td data-label=move || t_string!(i18n, clearance.card_content).to_string()>{level.content.join("；")}</td>
            <td data-label=move || t_string!(i18n, clearance.card_trainer).to_string()>{level.trainers.join("、")}</td>
            <td data-label=move || t_string!(i18n, clearance.card_result).to_string()>{move || if passed {
                t_string!(i18n, clearance.level_done).to_string()
            } else {
                t_string!(i18n, clearance.level_missing).to_string()
            }}</td>
        </tr>
    }
}

#[component]
fn SessionItem(row: FileRow) -> impl IntoView {
    let i18n = use_i18n();
    let category = row.category;
    let h = hours(row.half_hours);
    let result = move || {
        match (row.passed, row.assessed) {
            (Some(true), _) => t_string!(i18n, clearance.result_passed),
            (Some(false), _) => t_string!(i18n, clearance.result_failed),
            (None, true) => t_string!(i18n, clearance.result_pending),
            (None, false) => t_string!(i18n, clearance.result_none),
        }
        .to_string()
    };
    let score = row
        .score
        .map(|score| move || t_string!(i18n, clearance.score, score = score).to_string());
    let ticked_by = row.ticked_by.clone().unwrap_or_default();
    let presence = move || match row.presence {
        PresenceBy::Scan => t_string!(i18n, clearance.presence_scan).to_string(),
        PresenceBy::Trainer => {
            t_string!(i18n, clearance.presence_trainer, name = ticked_by.clone()).to_string()
        }
    };
    let content = if row.summary.is_empty() {
        String::new()
    } else {
        row.summary.clone()
    };
    view! {
        <li class="person file-row" data-category=category.as_str()>
            <div class="person-main">
                <strong>{row.day.clone()}" "{row.title.clone()}</strong>
                <span class="tag">{move || category_label(i18n, category)}</span>
                <span>{move || t_string!(i18n, clearance.row_hours, hours = h.clone()).to_string()}</span>
                <span class="tag result">{result}</span>
                {score}
                <span class="muted presence">{presence}</span>
                <span class="muted">{t!(i18n, clearance.card_trainer)}" "{row.trainer.clone()}</span>
                <p class="muted">{content}</p>
            </div>
        </li>
    }
}

#[component]
fn QualificationItem(q: FileQualification) -> impl IntoView {
    let i18n = use_i18n();
    let kind = q.kind;
    let valid = q.valid;
    let day = q.last_day.clone();
    let source = if q.from_session {
        t_string!(i18n, clearance.from_session).to_string()
    } else {
        q.document_ref.clone().unwrap_or_default()
    };
    view! {
        <li class="person" data-kind=kind.as_str() data-valid=valid.to_string()>
            <div class="person-main">
                <strong>{move || qualification_label(i18n, kind)}</strong>
                <span class="muted">{source}</span>
                <span>{move || t_string!(i18n, clearance.valid_through, day = day.clone()).to_string()}</span>
                <span class="tag" class:danger=!valid>{move || if valid {
                    t_string!(i18n, clearance.valid).to_string()
                } else {
                    t_string!(i18n, clearance.expired).to_string()
                }}</span>
            </div>
        </li>
    }
}

#[component]
fn MoveItem(m: MoveRow) -> impl IntoView {
    let i18n = use_i18n();
    let kind = m.kind;
    let away = m.away_since.clone().map(|day| {
        move || t_string!(i18n, clearance.move_away_since, day = day.clone()).to_string()
    });
    view! {
        <li class="person" data-move=kind.as_str()>
            <div class="person-main">
                <strong>{m.on_date.clone()}" "{move || move_label(i18n, kind)}</strong>
                <span class="muted">{away}</span>
                <span>{m.note.clone()}</span>
            </div>
        </li>
    }
}

/// 转岗 (day, new post) or 复岗 (away since, back on), for officers and admins.
#[component]
fn MoveFormView(record: ServerAction<RecordMove>, user_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let options = MoveKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.as_str()>{move || move_label(i18n, k)}</option> })
        .collect_view();
    view! {
        <section class="card" id="record-move">
            <h2>{t!(i18n, clearance.record_move)}</h2>
            <ActionForm action=record attr:class="stack">
                <input type="hidden" name="client_id" value=new_client_id()/>
                <input type="hidden" name="form[user_id]" value=user_id/>
                <label>
                    <span>{t!(i18n, clearance.field_move_kind)}</span>
                    <select name="form[kind]">{options}</select>
                </label>
                <label>
                    <span>{t!(i18n, clearance.field_move_date)}</span>
                    <input type="date" name="form[on_date]" required/>
                </label>
                <label>
                    <span>{t!(i18n, clearance.field_away_since)}</span>
                    <input type="date" name="form[away_since]"/>
                </label>
                <label>
                    <span>{t!(i18n, clearance.field_note)}</span>
                    <input type="text" name="form[note]" maxlength="200"/>
                </label>
                <button type="submit" class="primary">{t!(i18n, clearance.record_move)}</button>
            </ActionForm>
        </section>
    }
}
