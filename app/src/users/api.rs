//! Server functions of the users feature, on fixed versioned endpoints. Each one resolves the
//! session user and hands over to `service`, which checks role and enterprise.

use super::{ImportSummary, UserRow};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::error::parse_uuid;

#[server(endpoint = "v1/users/list")]
pub async fn list_users() -> Result<Vec<UserRow>, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(async { super::service::list(&pool()?, &require_user()?).await }.await)
}

#[server(endpoint = "v1/users/create")]
pub async fn create_user(
    client_id: String,
    name: String,
    mobile: String,
    employee_no: String,
    role: String,
    password: String,
) -> Result<UserRow, AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let actor = require_user()?;
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let user = super::NewUser::parse(&name, &mobile, &employee_no, &role, &password)
                .map_err(|problems| super::NewUser::first_error(&problems))?;
            super::service::create(&pool()?, &actor, client_id, user).await
        }
        .await,
        |row| crate::auth::server::back_to_form(("saved", &row.name)),
    )
}

#[server(endpoint = "v1/users/set_active")]
pub async fn set_user_active(
    client_id: String,
    user_id: String,
    active: bool,
) -> Result<(), AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond(
        async {
            let actor = require_user()?;
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let user_id = parse_uuid(&user_id, Field::User)?;
            super::service::set_active(&pool()?, &actor, client_id, user_id, active).await
        }
        .await,
    )
}

#[server(endpoint = "v1/users/reset_password")]
pub async fn reset_user_password(
    client_id: String,
    user_id: String,
    password: String,
) -> Result<(), AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let actor = require_user()?;
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let user_id = parse_uuid(&user_id, Field::User)?;
            super::service::reset_password(&pool()?, &actor, client_id, user_id, password).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("reset", "1")),
    )
}

#[server(endpoint = "v1/users/import")]
pub async fn import_users(client_id: String, csv: String) -> Result<ImportSummary, AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let actor = require_user()?;
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            super::service::import(&pool()?, &actor, client_id, &csv).await
        }
        .await,
        |summary| crate::auth::server::back_to_form(("imported", &summary.imported.to_string())),
    )
}
