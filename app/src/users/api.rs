//! Server functions of the users feature, on fixed versioned endpoints. Each takes its client
//! id and a form, resolves the session user and hands over to `service`, which checks role
//! and enterprise.

use super::{ImportForm, ImportSummary, PasswordForm, PersonForm, UserRow};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::{back_to_form, Cx},
    error::{respond, respond_form},
};

#[server(endpoint = "v1/users/list")]
pub async fn list_users() -> Result<Vec<UserRow>, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            super::service::list(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

#[server(endpoint = "v1/users/create")]
pub async fn create_user(client_id: Uuid, form: PersonForm) -> Result<UserRow, AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let person = form.validate()?;
            super::service::create(&cx.pool, &cx.actor, client_id, person).await
        }
        .await,
        |row| back_to_form(("saved", &row.name)),
    )
}

#[server(endpoint = "v1/users/set_active")]
pub async fn set_user_active(client_id: Uuid, user_id: Uuid, active: bool) -> Result<(), AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            super::service::set_active(&cx.pool, &cx.actor, client_id, user_id, active).await
        }
        .await,
    )
}

#[server(endpoint = "v1/users/reset_password")]
pub async fn reset_user_password(
    client_id: Uuid,
    user_id: Uuid,
    form: PasswordForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let password = form.password;
            super::service::reset_password(&cx.pool, &cx.actor, client_id, user_id, password).await
        }
        .await,
        |_| back_to_form(("reset", "1")),
    )
}

#[server(endpoint = "v1/users/import")]
pub async fn import_users(client_id: Uuid, form: ImportForm) -> Result<ImportSummary, AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            super::service::import(&cx.pool, &cx.actor, client_id, &form.csv).await
        }
        .await,
        |summary| back_to_form(("imported", &summary.imported.to_string())),
    )
}
