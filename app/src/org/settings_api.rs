//! Server functions of the enterprise settings, on fixed versioned endpoints.

use super::{EnterpriseSettings, EnterpriseSettingsForm};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[server(endpoint = "v1/org/settings")]
pub async fn load_enterprise_settings() -> Result<EnterpriseSettings, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::settings::current(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

#[server(endpoint = "v1/org/settings/save")]
pub async fn save_enterprise_settings(
    client_id: Uuid,
    form: EnterpriseSettingsForm,
) -> Result<(), AppError> {
    use crate::auth::server::{back_to_form, Cx};
    crate::error::respond_form(
        async {
            let cx = Cx::get()?;
            let input = form.validate()?;
            super::settings::save(&cx.pool, &cx.actor, client_id, &input).await
        }
        .await,
        |_| back_to_form(("saved", "settings")),
    )
}

/// Who named me the principal and when, if I am it.
#[server(endpoint = "v1/org/principal_notice")]
pub async fn principal_notice() -> Result<Option<(String, String)>, AppError> {
    use crate::auth::server::Cx;
    crate::error::respond(
        async {
            let cx = Cx::get()?;
            super::settings::principal_notice(&cx.pool, &cx.actor).await
        }
        .await,
    )
}
