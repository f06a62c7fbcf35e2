//! Server functions of hazards, on fixed versioned endpoints. Each move takes its client id,
//! the hazard, the version the page showed and a form (validated in `model.rs`); each is a
//! plain form post too: on success the browser goes back to the hazard's page with a notice.
//!
//! The moves that carry a photo take it here as `photo_id`, the id of a photo uploaded ahead
//! (`POST /api/v1/photos/upload`): optional for the report, required for the on-the-spot fix
//! and the rectification. The pages' own forms post the file itself, multipart, to the
//! handlers of `http.rs`, which store it and run the same steps.

use super::{ConfirmForm, HazardDetail, Ledger, OnSpotForm, RecheckForm, RectifyForm, ReportForm};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use {
    super::{
        model::parse_photo_id,
        reads,
        steps::{self, Cmd, ANYONE, OFFICERS},
        LedgerFilter,
    },
    crate::{
        auth::server::Cx,
        error::{respond, respond_form},
    },
    time::OffsetDateTime,
};

/// The pages' multipart form posts of the moves that carry a photo file (`http.rs`).
pub const REPORT_MULTIPART: &str = "/api/v1/hazards/report/multipart";
pub const FIX_ON_SPOT_MULTIPART: &str = "/api/v1/hazards/fix_on_spot/multipart";
pub const RECTIFY_MULTIPART: &str = "/api/v1/hazards/rectify/multipart";

#[cfg(feature = "ssr")]
fn cmd(cx: &Cx, client_id: Uuid, id: Uuid, version: i32) -> Cmd<'_> {
    Cmd {
        actor: &cx.actor,
        client_id,
        id,
        version,
        now: OffsetDateTime::now_utc(),
    }
}

/// Where a successful move's form post goes: the hazard's page, with `notice`.
#[cfg(feature = "ssr")]
fn back(notice: &str) -> String {
    crate::auth::server::back_to_form(("saved", notice))
}

/// The ledger (officers: the enterprise's; others: their own), filtered.
#[server(endpoint = "v1/hazards/list")]
pub async fn list_hazards(
    #[server(default)] state: String,
    #[server(default)] grade: String,
    #[server(default)] category: String,
    #[server(default)] source: String,
    #[server(default)] overdue: String,
    #[server(default)] page: String,
) -> Result<Ledger, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            let filter = LedgerFilter::parse(&state, &grade, &category, &source, &overdue);
            // A page number out of range or not a number shows the first page (a link's
            // query, not a form: nothing to refuse).
            let page = page.trim().parse::<u32>().unwrap_or(1).clamp(1, 100_000);
            let now = OffsetDateTime::now_utc();
            reads::ledger_page(&cx.pool, &cx.actor, &filter, page, now).await
        }
        .await,
    )
}

#[server(endpoint = "v1/hazards/get")]
pub async fn get_hazard(id: Uuid) -> Result<HazardDetail, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            reads::detail(&cx.pool, &cx.actor, id, OffsetDateTime::now_utc()).await
        }
        .await,
    )
}

/// 随手拍: anyone of the enterprise reports; the browser goes on to the new hazard's page.
#[server(endpoint = "v1/hazards/report")]
pub async fn report_hazard(
    client_id: Uuid,
    form: ReportForm,
    #[server(default)] photo_id: String,
) -> Result<Uuid, AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            cx.actor.require_role(ANYONE)?;
            let input = form.validate()?;
            let photo = parse_photo_id(&photo_id)?;
            steps::report(
                &cx.pool,
                &cx.actor,
                client_id,
                &input,
                photo,
                OffsetDateTime::now_utc(),
            )
            .await
        }
        .await,
        |id| format!("/hazards/{id}?saved=reported"),
    )
}

#[server(endpoint = "v1/hazards/fix_on_spot")]
pub async fn fix_hazard_on_spot(
    client_id: Uuid,
    hazard_id: Uuid,
    version: i32,
    form: OnSpotForm,
    #[server(default)] photo_id: String,
) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            cx.actor.require_role(ANYONE)?;
            let note = form.validate()?;
            let photo = parse_photo_id(&photo_id)?;
            let cmd = cmd(&cx, client_id, hazard_id, version);
            steps::fix_on_spot(&cx.pool, cmd, &note, photo).await
        }
        .await,
        |_| back("fixed_on_spot"),
    )
}

#[server(endpoint = "v1/hazards/confirm")]
pub async fn confirm_hazard(
    client_id: Uuid,
    hazard_id: Uuid,
    version: i32,
    form: ConfirmForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            cx.actor.require_role(OFFICERS)?;
            let input = form.validate()?;
            steps::confirm(&cx.pool, cmd(&cx, client_id, hazard_id, version), &input).await
        }
        .await,
        |_| back("confirmed"),
    )
}

#[server(endpoint = "v1/hazards/rectify")]
pub async fn rectify_hazard(
    client_id: Uuid,
    hazard_id: Uuid,
    version: i32,
    form: RectifyForm,
    #[server(default)] photo_id: String,
) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            cx.actor.require_role(ANYONE)?;
            let text = form.validate()?;
            let photo = parse_photo_id(&photo_id)?;
            let cmd = cmd(&cx, client_id, hazard_id, version);
            steps::rectify(&cx.pool, cmd, &text, photo).await
        }
        .await,
        |_| back("rectified"),
    )
}

#[server(endpoint = "v1/hazards/recheck")]
pub async fn recheck_hazard(
    client_id: Uuid,
    hazard_id: Uuid,
    version: i32,
    form: RecheckForm,
) -> Result<(), AppError> {
    let notice = if form.passed { "closed" } else { "returned" };
    respond_form(
        async {
            let cx = Cx::get()?;
            cx.actor.require_role(OFFICERS)?;
            let (passed, note) = form.validate()?;
            steps::recheck(
                &cx.pool,
                cmd(&cx, client_id, hazard_id, version),
                passed,
                &note,
            )
            .await
        }
        .await,
        |_| back(notice),
    )
}
