//! Clearance pages: the training file (`/training/file`, `/training/people/<id>`), the
//! enterprise's coverage (`/training/people`), the regulator's shares (`/training/regulator`),
//! the home card of someone not cleared and the policy form on `/admin/enterprise`.

mod file;
mod home;
mod people;
mod policy;
mod regulator;

pub use file::{MyFilePage, PersonFilePage};
pub use home::{NotClearedCard, TrainingLinks};
pub use people::CoveragePage;
pub use policy::PolicySection;
pub use regulator::RegulatorPage;

use super::labels::reason_text;
use crate::{i18n::*, rules::clearance::Reason};
use leptos::prelude::*;

/// The reasons a person is not cleared, one per line.
#[component]
pub fn Reasons(reasons: Vec<Reason>) -> impl IntoView {
    let i18n = use_i18n();
    let items = reasons
        .into_iter()
        .map(|r| view! { <li class="reason">{move || reason_text(i18n, &r)}</li> })
        .collect_view();
    view! { <ul class="reasons">{items}</ul> }
}

/// "已取得上岗资格" or "未取得上岗资格", as a tag.
#[component]
pub fn ClearanceTag(cleared: bool) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        if cleared {
            t_string!(i18n, clearance.cleared)
        } else {
            t_string!(i18n, clearance.not_cleared)
        }
        .to_string()
    };
    view! { <span class="tag clearance-tag" class:danger=!cleared data-cleared=cleared.to_string()>{text}</span> }
}
