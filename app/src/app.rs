//! The HTML document and the route table.

use crate::{
    auth::pages::{LoginPage, MePage},
    checkpoint::CheckpointRoutes,
    home::HomePage,
    i18n::*,
    operations::OperationRoutes,
    org::OrgRoutes,
    placeholder::ComingSoonRoutes,
    shell::{AppLayout, NotFound},
    spaces::SpaceRoutes,
    training::TrainingRoutes,
    users::UserRoutes,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, SsrMode,
};

/// The document around every page. System fonts only: no CJK web font is ever downloaded.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#0b5cab"/>
                <meta name="format-detection" content="telephone=no"/>
                <link rel="icon" href="/favicon.ico"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="stylesheet" href="/pkg/anxun.css"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
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
                    // In-order streaming: every page is complete HTML without JavaScript
                    // (weak signal, WeChat, old phones), at the cost of waiting for its data.
                    <ParentRoute path=path!("") view=AppLayout ssr=SsrMode::InOrder>
                        <Route path=path!("") view=HomePage/>
                        <Route path=path!("me") view=MePage/>
                        // Each feature's pages. Static `spaces/…` pages come before the
                        // ledger's `spaces/:id`.
                        <UserRoutes/>
                        <OrgRoutes/>
                        <CheckpointRoutes/>
                        <OperationRoutes/>
                        <TrainingRoutes/>
                        <SpaceRoutes/>
                        <ComingSoonRoutes/>
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}
