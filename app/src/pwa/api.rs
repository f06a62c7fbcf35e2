//! Server functions of the kept-pages setting, for the enterprise admin.

use super::policy::{KeepPolicy, KeepPolicyForm};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::{pool, require_user},
    error::{parse_uuid, respond, respond_form, Field},
};

#[server(endpoint = "v1/offline/policy")]
pub async fn offline_policy() -> Result<KeepPolicy, AppError> {
    respond(super::keep::policy(&pool()?, &require_user()?).await)
}

#[server(endpoint = "v1/offline/policy/save")]
pub async fn save_offline_policy(client_id: String, form: KeepPolicyForm) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let policy = form.validate()?;
            super::keep::set_policy(&pool()?, &require_user()?, client_id, &policy).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("offline_policy_saved", "1")),
    )
}
