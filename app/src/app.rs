//! The HTML document and the route table.

use crate::{
    auth::pages::{LoginPage, MePage},
    checkpoint::pages::{CheckpointLanding, ScanPage},
    home::HomePage,
    i18n::*,
    operations::pages::{BoardPage, DelegationsPage, HistoryPage, PolicyPage, QualificationsPage},
    org::pages::EnterprisesPage,
    placeholder::{ComingSoon, Upcoming},
    shell::{AppLayout, NotFound},
    spaces::pages::{PosterPage, PostersPage, SpaceDetailPage, SpacesPage},
    users::pages::{ImportPage, UsersPage},
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
                        <Route path=path!("admin/users") view=UsersPage/>
                        <Route path=path!("admin/users/import") view=ImportPage/>
                        <Route path=path!("enterprises") view=EnterprisesPage/>
                        <Route path=path!("scan") view=ScanPage/>
                        <Route path=path!("c/:token") view=CheckpointLanding/>
                        <Route path=path!("spaces") view=SpacesPage/>
                        <Route path=path!("spaces/posters") view=PostersPage/>
                        <Route path=path!("spaces/board") view=BoardPage/>
                        <Route path=path!("spaces/history") view=HistoryPage/>
                        <Route path=path!("spaces/qualifications") view=QualificationsPage/>
                        <Route path=path!("spaces/policy") view=PolicyPage/>
                        <Route path=path!("spaces/delegations") view=DelegationsPage/>
                        <Route path=path!("spaces/:id") view=SpaceDetailPage/>
                        <Route path=path!("spaces/:id/poster") view=PosterPage/>
                        <Route path=path!("hazards") view=|| view! { <ComingSoon feature=Upcoming::Hazards/> }/>
                        <Route path=path!("patrols") view=|| view! { <ComingSoon feature=Upcoming::Patrols/> }/>
                        <Route path=path!("training") view=|| view! { <ComingSoon feature=Upcoming::Training/> }/>
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}
