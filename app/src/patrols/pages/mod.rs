//! Patrol pages: the officers' points, posters, checklists, schedules and today's board; a
//! worker's rounds; the scanned point and the patrol form on the phone.

mod board;
mod checklist;
mod points;
mod policy;
mod record;
mod schedules;

pub use board::BoardPage;
pub use checklist::ChecklistPage;
pub use points::{ChecklistsPage, PointPage, PointsPage, PostersPage};
pub use policy::PatrolPolicySection;
pub use record::{DonePage, PointScanView, RecordPage};
pub use schedules::SchedulesPage;

use super::{ChecklistKind, Frequency, RoundState};
use crate::{
    auth::{Role, SessionUser},
    i18n::*,
    shell::with_user,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn is_officer(role: Role) -> bool {
    matches!(role, Role::SafetyOfficer | Role::EnterpriseAdmin)
}

pub fn state_label(i18n: I18nContext<Locale>, s: RoundState) -> String {
    match s {
        RoundState::Done => t_string!(i18n, patrols.state_done),
        RoundState::Late => t_string!(i18n, patrols.state_late),
        RoundState::LateUpload => t_string!(i18n, patrols.state_late_upload),
        RoundState::Missed => t_string!(i18n, patrols.state_missed),
        RoundState::Pending => t_string!(i18n, patrols.state_pending),
    }
    .to_string()
}

pub fn frequency_label(i18n: I18nContext<Locale>, f: Frequency) -> String {
    match f {
        Frequency::Shift => t_string!(i18n, patrols.frequency_shift),
        Frequency::Daily => t_string!(i18n, patrols.frequency_daily),
        Frequency::Weekly => t_string!(i18n, patrols.frequency_weekly),
        Frequency::Monthly => t_string!(i18n, patrols.frequency_monthly),
    }
    .to_string()
}

pub fn kind_label(i18n: I18nContext<Locale>, k: ChecklistKind) -> String {
    match k {
        ChecklistKind::DailyPatrol => t_string!(i18n, patrols.kind_daily_patrol),
        ChecklistKind::SelfCheck25 => t_string!(i18n, patrols.kind_self_check_25),
    }
    .to_string()
}

/// `/patrols`: officers find their pages; everyone their rounds of today.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, patrols.title)}</h1>
        {with_user(move |u: SessionUser| is_officer(u.role).then(|| view! {
            <p class="row-actions">
                <a href="/patrols/board" class="button primary">{t!(i18n, patrols.board)}</a>
                <a href="/patrols/points" class="button secondary">{t!(i18n, patrols.points)}</a>
                <a href="/patrols/checklists" class="button secondary">{t!(i18n, patrols.checklists)}</a>
                <a href="/patrols/schedules" class="button secondary">{t!(i18n, patrols.schedules)}</a>
                <a href="/patrols/selfcheck" class="button secondary">{t!(i18n, selfcheck.progress_link)}</a>
            </p>
        }))}
        <h2>{t!(i18n, patrols.my_rounds)}</h2>
        <board::Rounds day=String::new() mine=true/>
        <p><a href="/scan" class="button primary wide">{t!(i18n, patrols.scan_to_start)}</a></p>
    }
}
