//! Server functions of the auth feature. Login and logout are plain HTML form routes
//! (`server::routes`) so they work the same with and without JavaScript.

use super::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in user of this request, or `None`.
#[server(endpoint = "v1/session")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    Ok(crate::auth::server::current_user())
}
