//! The signed-in layout: header, page content, bottom navigation.

use super::nav::BottomNav;
use crate::{auth::SessionUser, i18n::*, shell::role_label};
use leptos::{either::Either, prelude::*};
use leptos_router::components::{Outlet, A};

/// Renders `view` with the signed-in user. The server only serves these pages to signed-in
/// users (it redirects to /login otherwise), so the empty branch is a safety net. The user
/// comes from the request (the session middleware), with no query and nothing serialised,
/// and is read at once: no `Suspense`, which cost every signed-in page an async render pass
/// per use (bench/RESULTS.md). Pages are server-rendered islands: this never runs in the
/// browser, whose build renders nothing here.
pub fn with_user<V, F>(render: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(SessionUser) -> V + Clone + Send + Sync + 'static,
{
    #[cfg(feature = "ssr")]
    let user = crate::auth::server::current_user();
    #[cfg(not(feature = "ssr"))]
    let user: Option<SessionUser> = None;
    match user {
        Some(u) => Either::Left(render(u)),
        None => Either::Right(()),
    }
}

#[component]
pub fn AppLayout() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">{t!(i18n, common.app_name)}</A>
            {with_user(move |u: SessionUser| {
                let role = u.role;
                view! {
                    <crate::pwa::OutboxBadge/>
                    <span class="who">
                        <span class="org">{u.org_name.clone()}</span>
                        <span class="role">{move || role_label(i18n, role)}</span>
                    </span>
                }
            })}
        </header>
        <main class="page">
            <Outlet/>
        </main>
        {with_user(|u: SessionUser| view! { <BottomNav role=u.role/> })}
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <main class="page narrow">
            <h1>{t!(i18n, common.not_found)}</h1>
            <p><a href="/">{t!(i18n, common.back_home)}</a></p>
        </main>
    }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h1>{t!(i18n, common.forbidden_page)}</h1>
            <p><a href="/">{t!(i18n, common.back_home)}</a></p>
        </section>
    }
}
