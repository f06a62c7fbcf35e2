//! `/training`: for trainers, officers and admins the enterprise's upcoming and past sessions
//! with their attendance and who is not yet assessed (the trainer's dashboard), the button to
//! create one and the export of the training records; for everyone their own sessions.

use super::{category_text, result_text};
use crate::{
    i18n::*,
    shell::load,
    time_fmt::credit_hours,
    training::sessions::{training_home, MySession, SessionLine, SessionLists},
};
use leptos::{either::Either, prelude::*};

/// `signed in / invited`, or only the count when open to all.
fn attendance(line: &SessionLine) -> String {
    match line.invited {
        Some(invited) if invited > 0 => {
            let percent = line.signed_in * 100 / invited;
            format!("{} / {invited} ({percent}%)", line.signed_in)
        }
        Some(invited) => format!("{} / {invited}", line.signed_in),
        None => line.signed_in.to_string(),
    }
}

#[component]
fn Lines(lines: Vec<SessionLine>) -> impl IntoView {
    let i18n = use_i18n();
    if lines.is_empty() {
        return Either::Left(view! { <p class="muted">{t!(i18n, sessions.none_yet)}</p> });
    }
    let items = lines
        .into_iter()
        .map(|l| {
            let (category, cancelled) = (l.category, l.cancelled);
            let rate = attendance(&l);
            let not_assessed = l.not_assessed;
            let href = format!("/training/sessions/{}", l.id);
            view! {
                <li class="person" data-session=l.id.to_string()>
                    <a href=href class="person-main">
                        <strong>{l.title}</strong>
                        <span class="tag">{move || category_text(i18n.get_locale(), category)}</span>
                        {cancelled.then(|| view! { <span class="tag off">{t!(i18n, sessions.cancelled)}</span> })}
                    </a>
                    <span class="muted">{l.when}" · "{l.location}" · "{l.trainer}</span>
                    <span class="person-main">
                        <span>{t!(i18n, sessions.attendance)}": "{rate}</span>
                        {(not_assessed > 0).then(|| view! {
                            <span class="tag warn">{t!(i18n, sessions.not_assessed)}" "{not_assessed}</span>
                        })}
                    </span>
                </li>
            }
        })
        .collect_view();
    Either::Right(view! { <ul class="people">{items}</ul> })
}

#[component]
fn Mine(sessions: Vec<MySession>, past: bool) -> impl IntoView {
    let i18n = use_i18n();
    if sessions.is_empty() {
        return Either::Left(view! { <p class="muted">{t!(i18n, sessions.none_yet)}</p> });
    }
    let items = sessions
        .into_iter()
        .map(|s| {
            let category = s.category;
            let hours = s.half_hours;
            let (score, passed) = (s.score, s.passed);
            view! {
                <li class="person">
                    <a href=format!("/training/sessions/{}", s.id) class="person-main">
                        <strong>{s.title}</strong>
                        <span class="tag">{move || category_text(i18n.get_locale(), category)}</span>
                    </a>
                    <span class="muted">{s.when}" · "{s.location}</span>
                    {past.then(|| view! {
                        // "8 学时 · 90 分 · 合格": each with its unit, one separator.
                        <span class="person-main">{move || {
                            let locale = i18n.get_locale();
                            hours
                                .map(|h| credit_hours(locale, h))
                                .into_iter()
                                .chain(Some(result_text(locale, score, passed)).filter(|r| !r.is_empty()))
                                .collect::<Vec<_>>()
                                .join(" · ")
                        }}</span>
                    })}
                </li>
            }
        })
        .collect_view();
    Either::Right(view! { <ul class="people">{items}</ul> })
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, sessions.home_title)}</h1>
        {load(training_home, move |home: SessionLists| {
            let staff = home.staff.then(|| view! {
                <p class="row-actions">
                    <a href="/training/sessions/new" class="button primary" id="new-session">{t!(i18n, sessions.new_session)}</a>
                    <a href="/training/questions" class="button secondary">{t!(i18n, sessions.link_bank)}</a>
                    <a href="/training/people" class="button secondary">{t!(i18n, sessions.link_people)}</a>
                </p>
                <h2>{t!(i18n, sessions.upcoming)}</h2>
                <Lines lines=home.upcoming/>
                <h2>{t!(i18n, sessions.past)}</h2>
                <Lines lines=home.past/>
                // A plain GET form: the browser downloads the file.
                <form method="get" action="/export/training.xlsx" class="card stack" id="export-training">
                    <h2>{t!(i18n, sessions.export)}</h2>
                    <label><span>{t!(i18n, sessions.field_date_from)}</span><input type="date" name="from"/></label>
                    <label><span>{t!(i18n, sessions.field_date_to)}</span><input type="date" name="to"/></label>
                    <button type="submit" class="secondary wide">{t!(i18n, sessions.export)}</button>
                </form>
            });
            view! {
                {staff}
                <p class="row-actions">
                    <a href="/training/file" class="button secondary">{t!(i18n, sessions.link_my_file)}</a>
                </p>
                <h2>{t!(i18n, sessions.my_upcoming)}</h2>
                <Mine sessions=home.my_upcoming past=false/>
                <h2>{t!(i18n, sessions.my_past)}</h2>
                <Mine sessions=home.my_past past=true/>
            }
        })}
    }
}
