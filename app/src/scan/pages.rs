//! Where a scanned QR lands (`/c/{token}`), and the scan page for typing a short code.

use super::api::{checkpoint_landing, Landing};
use crate::operations::pages::PanelData;
use crate::{
    error::AppError,
    i18n::*,
    shell::{once, ErrorNotice},
    spaces,
};
use leptos::{either::EitherOf5, prelude::*};

use leptos_router::{
    components::A,
    hooks::{use_params_map, use_query_map},
};

/// A landing with everything its page shows.
#[derive(Clone)]
enum Page {
    Space(Box<spaces::Space>, Result<PanelData, AppError>, String),
    PatrolPoint(Box<crate::patrols::PointLanding>),
    Replaced,
}

#[component]
pub fn CheckpointLanding() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = params.with_untracked(|p| p.get("token").unwrap_or_default());
    // The whole page is loaded before it renders: one wait, no nested `Suspense`.
    let land = once({
        let token = token.clone();
        async move {
            Ok::<_, AppError>(match checkpoint_landing(token).await? {
                Landing::Space(space, panel, code) => Page::Space(space, panel, code),
                Landing::PatrolPoint(point) => Page::PatrolPoint(point),
                Landing::Replaced => Page::Replaced,
            })
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, common.loading)}</p> }>
            {move || {
                let (land, token) = (land.clone(), token.clone());
                Suspend::new(async move {
                match land.await {
                    // The short code rides along hidden: the service worker learns from a kept
                    // page which code opens it (typing the code without signal).
                    Ok(Page::Space(space, panel, code)) => EitherOf5::A(view! {
                        <span hidden data-typed-code=code></span>
                        <SpaceScanView space=*space panel/>
                    }),
                    Ok(Page::PatrolPoint(landing)) => EitherOf5::E(view! {
                        <crate::patrols::pages::PointScanView landing=*landing token=token/>
                    }),
                    Ok(Page::Replaced) => EitherOf5::B(view! {
                        <section class="card">
                            <h1>{t!(i18n, spaces.checkpoint_replaced_title)}</h1>
                            <p>{t!(i18n, spaces.checkpoint_replaced_body)}</p>
                        </section>
                    }),
                    Err(AppError::NotFound) => EitherOf5::C(view! {
                        <section class="card"><h1>{t!(i18n, spaces.checkpoint_unknown)}</h1></section>
                    }),
                    Err(err) => EitherOf5::D(view! { <ErrorNotice err=err/> }),
                }
            })}}
        </Suspense>
    }
}

/// Scan page: the phone's camera opens posted QR codes directly; this page takes the short
/// code printed under the QR when the camera cannot read it.
#[component]
pub fn ScanPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let unknown = move || query.with(|q| q.get("error").is_some());
    let code = move || query.with(|q| q.get("code").unwrap_or_default());
    view! {
        <h1>{t!(i18n, common.feature_scan)}</h1>
        <section class="card">
            <p>{t!(i18n, spaces.scan_camera_hint)}</p>
            <form method="get" action="/scan/code" class="stack">
                {move || unknown().then(|| view! { <p class="notice error" role="alert">{t!(i18n, spaces.checkpoint_unknown)}</p> })}
                <label>
                    <span>{t!(i18n, spaces.poster_short_code)}</span>
                    <input name="code" autocapitalize="characters" autocomplete="off" value=code maxlength="12"/>
                </label>
                <button type="submit" class="primary">{t!(i18n, spaces.scan_open)}</button>
            </form>
        </section>
    }
}

/// What a worker sees after scanning a space's QR: the space, its hazards, gases and
/// equipment, and its state (operations arrive with the permit step of this feature).
#[component]
pub fn SpaceScanView(
    space: spaces::Space,
    panel: Result<crate::operations::pages::PanelData, crate::error::AppError>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="scan" data-space=space.id.to_string()>
            <p class="poster-warning small">{t!(i18n, spaces.poster_warning)}</p>
            <h1>{space.code.clone()}" "{space.name.clone()}</h1>
            <crate::operations::pages::OperationPanel space_id=space.id panel/>
            <p class="muted">{t!(i18n, spaces.scan_next_steps)}</p>
            <section class="card"><spaces::pages::SpaceFacts space=space.clone()/></section>
            <p><A href="/spaces" attr:class="button secondary wide">{t!(i18n, spaces.title)}</A></p>
        </section>
    }
}
