//! Server functions of the auth feature. Login and logout are plain HTML form routes
//! (`server::routes`) so they work the same with and without JavaScript.

use super::SessionUser;
#[cfg(feature = "ssr")]
use crate::auth::AuthField;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user of this request, or `None`.
#[server(endpoint = "v1/session")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    Ok(crate::auth::server::current_user())
}

/// Changing one's own password: the current one, and the new one twice.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PasswordChangeForm {
    pub current: String,
    pub new: String,
    pub repeat: String,
}

/// The session token of this request (for "the other sessions").
#[cfg(feature = "ssr")]
fn this_token() -> Result<String, AppError> {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| crate::auth::server::session::token_from_headers(&p.headers))
        .ok_or(AppError::Unauthenticated)
}

#[server(endpoint = "v1/me/password")]
pub async fn change_password(
    client_id: uuid::Uuid,
    form: PasswordChangeForm,
) -> Result<(), AppError> {
    use crate::{
        auth::server::{account, back_to_form, Cx},
        error::Problem,
    };
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            if form.new != form.repeat {
                return Err(AppError::invalid(AuthField::NewPassword, Problem::Invalid));
            }
            let token = this_token()?;
            account::change_password(
                &cx.pool,
                &cx.actor,
                client_id,
                &token,
                &form.current,
                &form.new,
            )
            .await
        }
        .await,
        |_| back_to_form(("saved", "password")),
    )
}

#[server(endpoint = "v1/me/end_other_sessions")]
pub async fn end_other_sessions(client_id: uuid::Uuid) -> Result<u64, AppError> {
    use crate::auth::server::{account, back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            account::end_other_sessions(&cx.pool, &cx.actor, client_id, &this_token()?).await
        }
        .await,
        |_| back_to_form(("saved", "sessions")),
    )
}

/// Who set my password and when, while I must change it.
#[server(endpoint = "v1/me/password_notice")]
pub async fn password_notice() -> Result<Option<(String, String)>, AppError> {
    use crate::auth::server::{account, Cx};
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            account::password_notice(&cx.pool, &cx.actor).await
        }
        .await,
    )
}
