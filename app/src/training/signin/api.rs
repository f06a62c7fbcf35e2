//! Server functions of signing in and out by scan. The scan itself (`/t/<token>/<code>`) and
//! the projector page are plain axum routes (`http.rs`).

use super::{SignInForm, SignInView, Signed};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::Cx,
    error::{respond, respond_form},
};

/// The browser's scan cookie (`http::SCAN_COOKIE`), for a ticket of a scan made before
/// logging in.
#[cfg(feature = "ssr")]
fn with_browser(mut input: super::SignInInput) -> super::SignInInput {
    input.browser = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| super::http::browser_of(&parts.headers));
    input
}

/// After a plain form post: back to the sign-in page, which shows the time it holds.
#[cfg(feature = "ssr")]
fn back_to_page(form: &SignInForm, notice: &str) -> String {
    format!(
        "/training/signin/{}?ticket={}&{notice}=1",
        urlencoding::encode(form.token.trim()),
        urlencoding::encode(form.ticket.trim())
    )
}

/// The sign-in page of a session's token for the signed-in person holding a scan's ticket.
#[server(endpoint = "v1/training/signin/view")]
pub async fn signin_view(form: SignInForm) -> Result<SignInView, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            // Without a ticket (opened again later) the page still shows the session and the
            // person's times; a broken one is refused.
            let input = match form.validate() {
                Err(AppError::Refused(_)) if form.ticket.is_empty() => super::SignInInput {
                    token: super::scanned_token(&form.token)?.to_owned(),
                    ticket: String::new(),
                    browser: None,
                },
                other => with_browser(other?),
            };
            let now = time::OffsetDateTime::now_utc();
            super::service::view(&cx.pool, &cx.actor, &input, now).await
        }
        .await,
    )
}

#[server(endpoint = "v1/training/sign_in")]
pub async fn sign_in(client_id: Uuid, form: SignInForm) -> Result<Signed, AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let input = with_browser(form.validate()?);
            // The ticket and the window are judged at the act (a sign-in made offline).
            let at = crate::offline::act().at;
            super::service::sign_in(&cx.pool, &cx.actor, client_id, &input, at).await
        }
        .await,
        |s| back_to_page(&form, if s.already { "already" } else { "signed_in" }),
    )
}

#[server(endpoint = "v1/training/sign_out")]
pub async fn sign_out(client_id: Uuid, form: SignInForm) -> Result<Signed, AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let input = with_browser(form.validate()?);
            // As a sign-in: judged at the act (a sign-out made offline).
            let at = crate::offline::act().at;
            super::service::sign_out(&cx.pool, &cx.actor, client_id, &input, at).await
        }
        .await,
        |_| back_to_page(&form, "signed_out"),
    )
}
