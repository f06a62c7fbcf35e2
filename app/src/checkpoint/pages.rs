//! Where a scanned QR lands (`/c/{token}`), and the scan page for typing a short code.

use super::{resolve_checkpoint, CheckpointKind, Resolved};
use crate::{error::AppError, i18n::*, shell::ErrorNotice, spaces};
use leptos::{either::EitherOf4, prelude::*};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CheckpointLanding() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let resolved = Resource::new(
        move || params.with(|p| p.get("token").unwrap_or_default()),
        |token| async move {
            match resolve_checkpoint(token).await? {
                Resolved::Current {
                    kind: CheckpointKind::ConfinedSpace,
                    subject_id,
                } => Ok(Some(spaces::get_space(subject_id.to_string()).await?)),
                Resolved::Current { .. } => Err(AppError::NotFound),
                Resolved::Replaced => Ok(None),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
            {move || Suspend::new(async move {
                match resolved.await {
                    Ok(Some(space)) => EitherOf4::A(view! { <spaces::pages::SpaceScanView space=space/> }),
                    Ok(None) => EitherOf4::B(view! {
                        <section class="card">
                            <h1>{t!(i18n, checkpoint_replaced_title)}</h1>
                            <p>{t!(i18n, checkpoint_replaced_body)}</p>
                        </section>
                    }),
                    Err(AppError::NotFound) => EitherOf4::C(view! {
                        <section class="card"><h1>{t!(i18n, checkpoint_unknown)}</h1></section>
                    }),
                    Err(err) => EitherOf4::D(view! { <ErrorNotice err=err/> }),
                }
            })}
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
        <h1>{t!(i18n, feature_scan)}</h1>
        <section class="card">
            <p>{t!(i18n, scan_camera_hint)}</p>
            <form method="get" action="/scan/code" class="stack">
                {move || unknown().then(|| view! { <p class="notice error" role="alert">{t!(i18n, checkpoint_unknown)}</p> })}
                <label>
                    <span>{t!(i18n, poster_short_code)}</span>
                    <input name="code" autocapitalize="characters" autocomplete="off" value=code maxlength="12"/>
                </label>
                <button type="submit" class="primary">{t!(i18n, scan_open)}</button>
            </form>
        </section>
    }
}
