//! The patrol schedules: the list (running and ended), ending one, and the form of a new one.

use super::frequency_label;
use crate::{
    auth::Role,
    i18n::*,
    patrols::{
        list_points, list_schedules, CreateSchedule, EndSchedule, Frequency, Point, ScheduleView,
    },
    shell::{load, new_client_id, role_label, ErrorNotice},
};
use leptos::{either::Either, prelude::*};
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_query_map;

/// How often, in words: "每天 08:00–10:00", "每周二 08:00–10:00", "每班 06:00–08:00 · 每天 3 班".
fn when(i18n: I18nContext<Locale>, s: &ScheduleView) -> String {
    let how = match (s.frequency, s.weekday, s.month_day) {
        (Frequency::Weekly, Some(d), _) => {
            let names = t_string!(i18n, patrols.weekday_names).to_string();
            let day = names
                .split(',')
                .nth(usize::from(d.max(1)) - 1)
                .unwrap_or_default()
                .to_owned();
            t_string!(i18n, patrols.every_weekday, day).to_string()
        }
        (Frequency::Monthly, _, Some(day)) => {
            t_string!(i18n, patrols.every_month_day, day).to_string()
        }
        (f, _, _) => frequency_label(i18n, f),
    };
    if s.frequency == Frequency::Shift {
        let n = s.shifts_per_day;
        format!(
            "{how} {} · {}",
            s.window,
            t_string!(i18n, patrols.shifts_count, n)
        )
    } else {
        format!("{how} {}", s.window)
    }
}

/// One schedule of the list; `end`: its "end" button, for a running one.
#[component]
fn ScheduleItem(schedule: ScheduleView, end: Option<ServerAction<EndSchedule>>) -> impl IntoView {
    let i18n = use_i18n();
    let s = schedule;
    let when = when(i18n, &s);
    let who = match s.role {
        Some(role) => role_label(i18n, role),
        None => s.people.join("、"),
    };
    let points = s.points.join("、");
    let dates = match s.ended.clone() {
        Some(ended) => format!(
            "{} {} · {} {ended}",
            t_string!(i18n, patrols.schedule_made),
            s.made,
            t_string!(i18n, patrols.schedule_ended)
        ),
        None => format!("{} {}", t_string!(i18n, patrols.schedule_made), s.made),
    };
    let id = s.id.to_string();
    view! {
        <li class="person">
            <span class="person-main">
                <strong>{s.name.clone()}</strong>
                <span>{when}</span>
                <span class="muted">{t!(i18n, patrols.schedule_patrollers)}": "{who}</span>
                <span class="muted">{t!(i18n, patrols.points)}": "{points}</span>
                <span class="muted">{dates}</span>
            </span>
            // Two taps, so a gloved slip does not end a schedule (there is no undo).
            {end.map(|end| view! {
                <details class="confirm-end">
                    <summary class="button secondary">{t!(i18n, patrols.end_schedule)}</summary>
                    <ActionForm action=end>
                        <input type="hidden" name="client_id" value=new_client_id()/>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="danger">{t!(i18n, patrols.end_schedule_confirm)}</button>
                    </ActionForm>
                </details>
            })}
        </li>
    }
}

/// The schedules: running ones with an "end" button, ended ones below, and the form of a
/// new one.
#[component]
pub fn SchedulesPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateSchedule>::new();
    let end = ServerAction::<EndSchedule>::new();
    let error = move || create.value().get().and_then(Result::err);
    let end_error = move || end.value().get().and_then(Result::err);
    let ended = use_query_map().with_untracked(|q| q.get("ended").is_some());
    let people = move || crate::operations::crew_options();
    view! {
        <h1>{t!(i18n, patrols.schedules)}</h1>
        {ended.then(|| view! { <p class="notice ok" role="status">{t!(i18n, patrols.schedule_ended_notice)}</p> })}
        {move || end_error().map(|err| view! { <ErrorNotice err=err/> })}
        {load(list_schedules, move |list: Vec<ScheduleView>| {
            if list.is_empty() {
                return Either::Left(view! { <p class="muted">{t!(i18n, patrols.no_schedules)}</p> });
            }
            let (running, ended): (Vec<_>, Vec<_>) = list.into_iter().partition(|s| s.ended.is_none());
            Either::Right(view! {
                <section class="card" id="running-schedules">
                    <h2>{t!(i18n, patrols.running_schedules)}</h2>
                    <ul class="people">
                        {running.into_iter().map(|s| view! { <ScheduleItem schedule=s end=Some(end)/> }).collect_view()}
                    </ul>
                </section>
                {(!ended.is_empty()).then(|| view! {
                    <details class="card" id="ended-schedules">
                        <summary>{t!(i18n, patrols.ended_schedules)}</summary>
                        <ul class="people">
                            {ended.into_iter().map(|s| view! { <ScheduleItem schedule=s end=None/> }).collect_view()}
                        </ul>
                    </details>
                })}
            })
        })}
        <section class="card">
            <h2>{t!(i18n, patrols.new_schedule)}</h2>
            <ActionForm action=create attr:class="stack" attr:id="new-schedule">
                {move || error().map(|err| view! { <ErrorNotice err=err/> })}
                <input type="hidden" name="client_id" value=new_client_id()/>
                <label><span>{t!(i18n, patrols.schedule_name)}</span><input name="form[name]" maxlength="60" required/></label>
                <label>
                    <span>{t!(i18n, patrols.frequency)}</span>
                    <select name="form[frequency]">
                        {Frequency::ALL.into_iter().map(|f| view! {
                            <option value=f.as_str() selected=f == Frequency::Daily>{move || frequency_label(i18n, f)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label><span>{t!(i18n, patrols.window_start)}</span><input type="time" name="form[window_start]" value="08:00" required/></label>
                <label><span>{t!(i18n, patrols.window_end)}</span><input type="time" name="form[window_end]" value="10:00" required/></label>
                <small class="muted">{t!(i18n, patrols.window_hint)}</small>
                <label><span>{t!(i18n, patrols.shifts_per_day)}</span><input type="number" name="form[shifts_per_day]" min="2" max="4" inputmode="numeric"/></label>
                <label><span>{t!(i18n, patrols.weekday)}</span><input type="number" name="form[weekday]" min="1" max="7" inputmode="numeric"/></label>
                <label><span>{t!(i18n, patrols.month_day)}</span><input type="number" name="form[month_day]" min="1" max="28" inputmode="numeric"/></label>
                <label>
                    <span>{t!(i18n, patrols.who_role)}</span>
                    <select name="form[role]">
                        <option value="">{t!(i18n, patrols.who_people)}</option>
                        {Role::ENTERPRISE_ROLES.into_iter().map(|r| view! {
                            <option value=r.as_str()>{move || role_label(i18n, r)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <fieldset class="checks">
                    <legend>{t!(i18n, patrols.who_people)}</legend>
                    {load(people, |list: Vec<crate::users::PersonOption>| list.into_iter().map(|p| view! {
                        <label class="check"><input type="checkbox" name="form[people][]" value=p.id.to_string()/>{p.name}</label>
                    }).collect_view())}
                </fieldset>
                <fieldset class="checks">
                    <legend>{t!(i18n, patrols.points)}</legend>
                    {load(list_points, |list: Vec<Point>| list.into_iter().filter(|p| p.active).map(|p| view! {
                        <label class="check"><input type="checkbox" name="form[points][]" value=p.id.to_string()/>{p.name}</label>
                    }).collect_view())}
                </fieldset>
                <button type="submit" class="primary">{t!(i18n, patrols.save)}</button>
            </ActionForm>
        </section>
    }
}
