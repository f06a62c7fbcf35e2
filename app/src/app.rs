//! The HTML document and the route table.

use crate::{
    account::{LoginPage, MePage},
    auth::SessionUser,
    home::HomePage,
    i18n::*,
    pwa::{assets::BuiltFiles, OutboxPage},
    scan::ScanRoutes,
    shell::{role_label, with_user, BottomNav, NotFound},
    users::UserRoutes,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Outlet, ParentRoute, Route, Router, Routes, A},
    path, SsrMode,
};

/// The document around every page. System fonts only: no CJK web font is ever downloaded.
///
/// Only pages with an island load the WASM bundle and its loader: every other page is plain
/// HTML and CSS, so a phone on a weak signal downloads and parses nothing it does not use.
/// The head streams before the body, so whether a page renders an island cannot be known
/// here; the pages that do are listed in `ISLAND_PATHS`, which must follow the routes.
/// (leptos_i18n's `I18nContextProvider` is an island around every page; alone it only hands
/// the locale to the islands inside it, so it needs no WASM.)
/// Built files under `/pkg` carry content hashes (cargo-leptos `hash-files`), read from the
/// hash file next to the server binary (`pwa::assets`).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let has_island = {
        /// Paths of the pages that render an `#[island]`:
        /// - `/admin/users/import`: `CsvFileReader` (users/pages.rs) reads a chosen CSV file.
        const ISLAND_PATHS: &[&str] = &["/admin/users/import"];
        use_context::<http::request::Parts>().is_some_and(|parts| {
            let path = parts.uri.path();
            let path = path
                .strip_suffix('/')
                .filter(|p| !p.is_empty())
                .unwrap_or(path);
            ISLAND_PATHS.contains(&path)
        })
    };
    // The document is only ever rendered on the server.
    #[cfg(not(feature = "ssr"))]
    let has_island = false;

    // The page's inline scripts carry the request's nonce, which the server's header
    // middleware names in the Content-Security-Policy (shell::csp::RequestNonce).
    #[cfg(feature = "ssr")]
    crate::shell::csp::provide_request_nonce();

    // The signed-in user, for the service worker (its pages are kept per user) and
    // /offline.js (the outbox badge); "" when nobody is signed in.
    // Their name too: the phone's outbox says whose records wait (the login page names
    // another person's, issue 21).
    #[cfg(feature = "ssr")]
    let (user_id, user_name) = crate::auth::server::current_user()
        .map(|u| (u.id.to_string(), u.name))
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let (user_id, user_name) = (String::new(), String::new());

    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#0b5cab"/>
                <meta name="format-detection" content="telephone=no"/>
                <meta name="anxun-user" content=user_id/>
                <meta name="anxun-user-name" content=user_name/>
                // Installed to the home screen: full screen, the brand's name and icon (iOS
                // reads these tags, the others the manifest).
                <meta name="mobile-web-app-capable" content="yes"/>
                <meta name="apple-mobile-web-app-capable" content="yes"/>
                <meta name="apple-mobile-web-app-status-bar-style" content="default"/>
                <meta name="apple-mobile-web-app-title" content="安巡"/>
                <link rel="icon" href="/favicon.ico"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="stylesheet" href=BuiltFiles::of(&options).css.clone()/>
                // Registers the service worker and runs the outbox badge (pwa).
                <script src="/offline.js" defer></script>
                <AutoReload options=options.clone()/>
                {has_island.then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <Title text="安巡 Anxun"/>
            <Router>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/login") view=LoginPage/>
                    // Async rendering: every page is complete HTML without JavaScript (weak
                    // signal, WeChat, old phones). Its data is one or a few fast queries, so
                    // waiting for all of it and rendering once costs a phone nothing and the
                    // server half the CPU of in-order streaming (bench/RESULTS.md).
                    <ParentRoute path=path!("") view=AppLayout ssr=SsrMode::Async>
                        <Route path=path!("") view=HomePage/>
                        <Route path=path!("me") view=MePage/>
                        <Route path=path!("outbox") view=OutboxPage/>
                        // The services' pages, then each feature's, one line each. Static
                        // `spaces/…` pages come before the ledger's `spaces/:id`.
                        <UserRoutes/>
                        <crate::org::OrgRoutes/>
                        <crate::county::CountyRoutes/>
                        <crate::overview::OverviewRoutes/>
                        <crate::visits::VisitRoutes/>
                        <crate::risks::RiskRoutes/>
                        <ScanRoutes/>
                        <crate::operations::OperationRoutes/>
                        <crate::training::TrainingRoutes/>
                        <crate::hazards::HazardRoutes/>
                        <crate::patrols::PatrolRoutes/>
                        <crate::spaces::SpaceRoutes/>
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}

/// The signed-in layout: header (with the outbox's badge), page content, bottom navigation.
/// The root composes it: the shell knows nothing of the outbox.
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
