//! 上一页 / 第 n（/ m）页 / 下一页 under a long list, as plain links (no script): the one pager
//! of every paged list (`input::page_of` takes the page asked).

use crate::i18n::*;
use leptos::prelude::*;

/// The page of a long list asked for in the page's query (`page`; empty: the first), as
/// `input::page_of` reads it.
pub fn asked_page() -> String {
    leptos_router::hooks::use_query_map().with_untracked(|q| q.get("page").unwrap_or_default())
}

/// The links to the pages beside `page`: `pages` when the list's length is known, else
/// `has_next` says whether a later page exists. Nothing when there is only one page.
#[component]
pub fn Pager(
    page: u32,
    /// How many pages there are, when counted.
    #[prop(optional)]
    pages: Option<u32>,
    /// Whether a later page exists (of a list not counted; ignored when `pages` is given).
    #[prop(optional)]
    has_next: bool,
    href: impl Fn(u32) -> String + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_next = pages.map_or(has_next, |n| page < n);
    if page <= 1 && !has_next {
        return None;
    }
    let prev = (page > 1).then(|| view! { <a href=href(page - 1) class="button secondary" rel="prev">{t!(i18n, common.page_prev)}</a> });
    let next = has_next.then(|| view! { <a href=href(page + 1) class="button secondary" rel="next">{t!(i18n, common.page_next)}</a> });
    let label = move || match pages {
        Some(pages) => t_string!(i18n, common.page_of, page = page, pages = pages).to_string(),
        None => t_string!(i18n, common.page_n, n = page).to_string(),
    };
    Some(view! {
        <nav class="row-actions pager" data-page=page>
            {prev}
            <span class="muted">{label}</span>
            {next}
        </nav>
    })
}
