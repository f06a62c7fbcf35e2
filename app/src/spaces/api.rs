//! Server functions of the confined-space ledger, on fixed versioned endpoints.

use super::{Space, SpaceForm, SpaceVersion};
#[cfg(feature = "ssr")]
use crate::spaces::SpaceField;
use crate::{checkpoint::Poster, error::AppError};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::error::parse_uuid;

#[server(endpoint = "v1/spaces/list")]
pub async fn list_spaces(
    #[server(default)] search: String,
    #[server(default)] space_type: String,
) -> Result<Vec<Space>, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async {
            let space_type = super::SpaceType::parse(space_type.trim());
            // Control characters can match nothing (and PostgreSQL refuses NUL): dropped.
            let search: String = search.chars().filter(|c| !c.is_control()).collect();
            super::service::list(&pool()?, &require_user()?, &search, space_type).await
        }
        .await,
    )
}

#[server(endpoint = "v1/spaces/get")]
pub async fn get_space(id: String) -> Result<Space, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async {
            super::service::get(
                &pool()?,
                &require_user()?,
                parse_uuid(&id, SpaceField::Space)?,
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "v1/spaces/create")]
pub async fn create_space(client_id: String, form: SpaceForm) -> Result<Space, AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            super::service::create(&pool()?, &require_user()?, client_id, &form).await
        }
        .await,
        |space| format!("/spaces/{}?registered=1", space.id),
    )
}

#[server(endpoint = "v1/spaces/update")]
pub async fn update_space(
    client_id: String,
    id: String,
    version: i32,
    form: SpaceForm,
) -> Result<Space, AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, SpaceField::Space)?;
            super::service::update(&pool()?, &require_user()?, client_id, id, version, &form).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/spaces/set_active")]
pub async fn set_space_active(
    client_id: String,
    id: String,
    active: bool,
) -> Result<Space, AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, SpaceField::Space)?;
            super::service::set_active(&pool()?, &require_user()?, client_id, id, active).await
        }
        .await,
    )
}

#[server(endpoint = "v1/spaces/regenerate_token")]
pub async fn regenerate_space_token(client_id: String, id: String) -> Result<(), AppError> {
    use crate::{
        auth::server::{pool, require_user},
        error::Field,
    };
    crate::error::respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, SpaceField::Space)?;
            super::service::regenerate_token(&pool()?, &require_user()?, client_id, id).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("regenerated", "1")),
    )
}

#[server(endpoint = "v1/spaces/history")]
pub async fn space_history(id: String) -> Result<Vec<SpaceVersion>, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async {
            super::service::history(
                &pool()?,
                &require_user()?,
                parse_uuid(&id, SpaceField::Space)?,
            )
            .await
        }
        .await,
    )
}

/// Posters of one space (`id`) or, with an empty `id`, of every active space.
#[server(endpoint = "v1/spaces/posters")]
pub async fn space_posters(#[server(default)] id: String) -> Result<Vec<Poster>, AppError> {
    use crate::auth::server::{pool, require_user};
    crate::error::respond(
        async {
            let ids = if id.trim().is_empty() {
                vec![]
            } else {
                vec![parse_uuid(&id, SpaceField::Space)?]
            };
            let base = crate::checkpoint::public_base_url()?;
            super::service::posters(&pool()?, &require_user()?, &ids, &base).await
        }
        .await,
    )
}
