//! Today's board (every expected round and its state, a date picker for earlier days) and a
//! worker's own rounds.

use super::state_label;
use crate::{
    i18n::*,
    patrols::{day_rounds, RoundState, RoundView},
    shell::load,
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;

fn state_class(s: RoundState) -> &'static str {
    match s {
        RoundState::Done => "tag ok",
        RoundState::Late => "tag warn",
        RoundState::LateUpload => "tag warn",
        RoundState::Missed => "tag danger",
        RoundState::Pending => "tag",
    }
}

/// The rounds of `day` (empty: today); `mine`: the signed-in person's only.
#[component]
pub fn Rounds(day: String, mine: bool) -> impl IntoView {
    let i18n = use_i18n();
    load(
        move || day_rounds(day, mine),
        move |list: Vec<RoundView>| {
            if list.is_empty() {
                return Either::Left(view! { <p class="muted">{t!(i18n, patrols.no_rounds)}</p> });
            }
            let count = |s: RoundState| list.iter().filter(|r| r.state == s).count();
            let counts = RoundState::ALL
                .into_iter()
                .map(|s| {
                    let n = count(s);
                    view! { <span class=state_class(s)>{move || state_label(i18n, s)}" "{n}</span> }
                })
                .collect_view();
            let rows = list
                .into_iter()
                .map(|r| {
                    let s = r.state;
                    let who = match (r.by, r.at) {
                        (Some(by), Some(at)) => match r.uploaded {
                            // Brought by the outbox: both times, and how long after.
                            Some(up) => format!(
                                "{by} · {} · {}",
                                crate::offline::both_times(i18n.get_locale_untracked(), &at, &up),
                                t_string!(
                                    i18n,
                                    patrols.uploaded_after,
                                    hours = r.upload_delay_hours.unwrap_or(0)
                                )
                            ),
                            None => format!("{by} · {at}"),
                        },
                        _ => String::new(),
                    };
                    view! {
                        <li class="person" data-round-state=s.as_str()>
                            <span class="person-main">
                                <strong>{r.window}" · "{r.point}</strong>
                                <span class="muted">{r.schedule}</span>
                                <span class="muted">{who}</span>
                            </span>
                            <span class=state_class(s)>{move || state_label(i18n, s)}</span>
                        </li>
                    }
                })
                .collect_view();
            Either::Right(view! {
                <p class="row-actions">{counts}</p>
                <ul class="people">{rows}</ul>
            })
        },
    )
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let day = query.with_untracked(|q| q.get("day").unwrap_or_default());
    // The picker shows the day on the board: today (China time) unless another was asked.
    #[cfg(feature = "ssr")]
    let shown = if day.is_empty() {
        crate::time_fmt::china_day(time::OffsetDateTime::now_utc()).to_string()
    } else {
        day.clone()
    };
    #[cfg(not(feature = "ssr"))]
    let shown = day.clone();
    let scheduled = query.with_untracked(|q| q.get("scheduled").is_some());
    view! {
        <h1>{t!(i18n, patrols.board)}</h1>
        {scheduled.then(|| view! { <p class="notice ok" role="status">{t!(i18n, patrols.schedule_saved)}</p> })}
        <form method="get" action="/patrols/board" class="card stack search">
            <label><span>{t!(i18n, patrols.day)}</span><input type="date" name="day" value=shown/></label>
            <button type="submit" class="secondary">{t!(i18n, patrols.show)}</button>
        </form>
        <Rounds day=day mine=false/>
        // A plain GET form: the browser downloads the file (empty dates: the last 30 days).
        <form method="get" action="/export/patrols.xlsx" class="card stack" id="export-patrols">
            <h2>{t!(i18n, patrols.export)}</h2>
            <small class="muted">{t!(i18n, patrols.export_hint)}</small>
            <label><span>{t!(i18n, patrols.field_date_from)}</span><input type="date" name="from"/></label>
            <label><span>{t!(i18n, patrols.field_date_to)}</span><input type="date" name="to"/></label>
            <button type="submit" class="secondary wide">{t!(i18n, patrols.export)}</button>
        </form>
        <p class="row-actions">
            <a href="/patrols/schedules" class="button secondary">{t!(i18n, patrols.schedules)}</a>
            <a href="/patrols/points" class="button secondary">{t!(i18n, patrols.points)}</a>
        </p>
    }
}
