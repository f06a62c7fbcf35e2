//! Server functions of photos, on fixed versioned endpoints: the enterprise's storage quota
//! (the admin's setting on `/admin/enterprise`).

use super::{QuotaForm, QuotaView};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::{pool, require_user},
    error::{respond, respond_form},
};

#[server(endpoint = "v1/photos/quota")]
pub async fn photo_quota() -> Result<QuotaView, AppError> {
    respond(super::quota::current(&pool()?, &require_user()?).await)
}

#[server(endpoint = "v1/photos/quota/save")]
pub async fn save_photo_quota(client_id: Uuid, form: QuotaForm) -> Result<(), AppError> {
    respond_form(
        async {
            let (pool, user) = (pool()?, require_user()?);
            user.require_role(&[crate::auth::Role::EnterpriseAdmin])?;
            let quota_mib = form.validate()?;
            super::quota::set(&pool, &user, client_id, quota_mib).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("photo_quota_saved", "1")),
    )
}
