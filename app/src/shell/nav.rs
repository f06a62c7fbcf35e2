//! The bottom navigation: each role sees its own entries, thumb-reachable on a phone.

use super::feature::nav_entries;
use crate::{auth::Role, i18n::*};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn BottomNav(role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let items = nav_entries(role)
        .iter()
        .map(|entry| {
            let entry = *entry;
            let href = entry.href();
            // <A> marks the current entry with aria-current="page"; Home only on "/" itself.
            view! {
                <li>
                    <A href=href exact={href == "/"} attr:data-nav=href>
                        <svg viewBox="0 0 24 24" aria-hidden="true"><path d=entry.icon()/></svg>
                        <span>{move || entry.label(i18n)}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="bottom-nav" aria-label=move || t_string!(i18n, common.nav_main).to_string()>
            <ul>{items}</ul>
        </nav>
    }
}
