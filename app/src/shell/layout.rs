//! The pieces of a signed-in page: the user it renders for, and the not-found and forbidden
//! pages. The layout itself (header, content, navigation) is the root's (`app.rs`).

use crate::{auth::SessionUser, i18n::*};
use leptos::{either::Either, prelude::*};

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
