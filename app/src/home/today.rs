//! The officer's day at a glance on the home page: who is inside a confined space now, the
//! day's patrol rounds done / late / missed, hazards past their deadline and people not
//! cleared to work, each a link to the list it counts.

use crate::{error::AppError, i18n::*, shell::load};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    crate::{auth::SessionUser, patrols::RoundState},
    sqlx::PgPool,
    time::OffsetDateTime,
};

/// Today's numbers (China time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFigures {
    pub inside_now: u32,
    pub rounds_done: u32,
    /// Done after the window, or inside it but uploaded past the enterprise's bound.
    pub rounds_late: u32,
    pub rounds_missed: u32,
    pub hazards_overdue: u32,
    pub not_cleared: u32,
}

/// Who sees the numbers: the roles whose home says "today's work".
#[cfg(feature = "ssr")]
pub const READERS: &[crate::auth::Role] = crate::operations::service::OFFICERS;

/// Counts through each feature's own reads (each checks the actor's role and enterprise), so
/// the numbers are the ones the linked lists show.
#[cfg(feature = "ssr")]
pub async fn today(
    pool: &PgPool,
    actor: &SessionUser,
    now: OffsetDateTime,
) -> Result<DayFigures, AppError> {
    actor.require_role(READERS)?;
    let enterprise_id = actor.enterprise()?;
    let day = crate::time_fmt::china_day(now);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let inside_now = crate::operations::service::board(pool, actor)
        .await?
        .iter()
        .map(|o| count(o.inside.len()))
        .sum();
    let rounds = crate::patrols::service::rounds(pool, actor, day, false, now).await?;
    let of =
        |states: &[RoundState]| count(rounds.iter().filter(|r| states.contains(&r.state)).count());
    let hazards_overdue = crate::hazards::service::counts(pool, enterprise_id, None, day)
        .await?
        .iter()
        .map(|(_, _, overdue, _)| *overdue)
        .sum::<i64>();
    let not_cleared = crate::training::service::coverage(pool, actor, now)
        .await?
        .not_cleared
        .len();
    Ok(DayFigures {
        inside_now,
        rounds_done: of(&[RoundState::Done]),
        rounds_late: of(&[RoundState::Late, RoundState::LateUpload]),
        rounds_missed: of(&[RoundState::Missed]),
        hazards_overdue: u32::try_from(hazards_overdue).unwrap_or(u32::MAX),
        not_cleared: count(not_cleared),
    })
}

#[server(endpoint = "v1/home/today")]
pub async fn today_numbers() -> Result<DayFigures, AppError> {
    use crate::{auth::server::Cx, error::respond};
    respond(
        async {
            let cx = Cx::get()?;
            today(&cx.pool, &cx.actor, OffsetDateTime::now_utc()).await
        }
        .await,
    )
}

/// One number and what it counts, linking to its list; `alert` when it needs someone now.
fn figure(
    href: &'static str,
    key: &'static str,
    n: u32,
    alert: bool,
    label: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let hot = alert && n > 0;
    view! {
        <li>
            <a href=href class="card today-figure" class:alert=hot data-today=key data-n=n>
                <strong>{n}</strong>
                <span>{label}</span>
            </a>
        </li>
    }
}

/// The officer's numbers for today, each a link to its list.
#[component]
pub fn TodayCard() -> impl IntoView {
    let i18n = use_i18n();
    load(today_numbers, move |t: DayFigures| {
        view! {
            <section class="today" aria-label=move || t_string!(i18n, today.today_heading).to_string()>
                <h2>{t!(i18n, today.today_heading)}</h2>
                <ul class="today-figures">
                    {figure("/spaces/board", "inside_now", t.inside_now, false, move || t_string!(i18n, today.inside_now).to_string())}
                    {figure("/patrols/board", "rounds_done", t.rounds_done, false, move || t_string!(i18n, today.rounds_done).to_string())}
                    {figure("/patrols/board", "rounds_late", t.rounds_late, true, move || t_string!(i18n, today.rounds_late).to_string())}
                    {figure("/patrols/board", "rounds_missed", t.rounds_missed, true, move || t_string!(i18n, today.rounds_missed).to_string())}
                    {figure("/hazards?overdue=1", "hazards_overdue", t.hazards_overdue, true, move || t_string!(i18n, today.hazards_overdue).to_string())}
                    {figure("/training/people", "not_cleared", t.not_cleared, true, move || t_string!(i18n, today.not_cleared).to_string())}
                </ul>
            </section>
        }
    })
}
