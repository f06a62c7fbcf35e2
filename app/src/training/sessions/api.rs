//! Server functions of training sessions (`v1/training/sessions/...`). Each write takes the
//! form's client id; a plain form post is sent back to the page it came from.

use super::model::{
    NewSessionForm, OverrideForm, PresenceForm, ScoresForm, SessionForm, SessionLists, SessionPage,
};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::training::TrainingField;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::{pool, require_user},
    error::{parse_uuid, respond, respond_form, Field},
};

#[cfg(feature = "ssr")]
fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}

/// `/training`: the enterprise's sessions (trainers, officers, admins) and the caller's own.
#[server(endpoint = "v1/training/sessions/home")]
pub async fn training_home() -> Result<SessionLists, AppError> {
    respond(super::service::home(&pool()?, &require_user()?, now()).await)
}

/// A session's page and sign-in sheet.
#[server(endpoint = "v1/training/sessions/get")]
pub async fn training_session(id: String) -> Result<SessionPage, AppError> {
    respond(
        async {
            let id = parse_uuid(&id, TrainingField::TrainingSession)?;
            super::service::page(&pool()?, &require_user()?, id).await
        }
        .await,
    )
}

/// The new-session form: empty, or copied from session `copy`.
#[server(endpoint = "v1/training/sessions/draft")]
pub async fn session_draft(#[server(default)] copy: String) -> Result<NewSessionForm, AppError> {
    respond(
        async {
            let copy = crate::input::optional_uuid(&copy, TrainingField::TrainingSession)?;
            super::service::draft(&pool()?, &require_user()?, copy).await
        }
        .await,
    )
}

#[server(endpoint = "v1/training/sessions/create")]
pub async fn create_session(client_id: String, form: SessionForm) -> Result<Uuid, AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            super::service::create(&pool()?, &require_user()?, client_id, &form, now()).await
        }
        .await,
        |id| format!("/training/sessions/{id}?created=1"),
    )
}

#[server(endpoint = "v1/training/sessions/cancel")]
pub async fn cancel_session(client_id: String, id: String) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, TrainingField::TrainingSession)?;
            super::service::cancel(&pool()?, &require_user()?, client_id, id, now()).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

/// The trainer ticks a person present (no phone).
#[server(endpoint = "v1/training/sessions/roster/sign_in")]
pub async fn roster_sign_in(
    client_id: String,
    id: String,
    form: PresenceForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, TrainingField::TrainingSession)?;
            super::roster::sign_in(&pool()?, &require_user()?, client_id, id, &form).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/training/sessions/roster/sign_out")]
pub async fn roster_sign_out(
    client_id: String,
    id: String,
    form: PresenceForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, TrainingField::TrainingSession)?;
            let (pool, user) = (pool()?, require_user()?);
            super::roster::sign_out(&pool, &user, client_id, id, &form, now()).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/training/sessions/roster/hours")]
pub async fn override_hours(
    client_id: String,
    id: String,
    form: OverrideForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, TrainingField::TrainingSession)?;
            super::roster::override_hours(&pool()?, &require_user()?, client_id, id, &form).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/training/sessions/roster/scores")]
pub async fn enter_scores(
    client_id: String,
    id: String,
    #[server(default)] form: ScoresForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, TrainingField::TrainingSession)?;
            let (pool, user) = (pool()?, require_user()?);
            super::roster::scores(&pool, &user, client_id, id, &form, now()).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

/// The trainer accepts a sign-in the offline outbox brought: from then it counts.
#[server(endpoint = "v1/training/sessions/roster/accept")]
pub async fn accept_sign_in(
    client_id: String,
    id: String,
    form: PresenceForm,
) -> Result<(), AppError> {
    review(client_id, id, form, true).await
}

/// The trainer rejects a sign-in the offline outbox brought: it never counts.
#[server(endpoint = "v1/training/sessions/roster/reject")]
pub async fn reject_sign_in(
    client_id: String,
    id: String,
    form: PresenceForm,
) -> Result<(), AppError> {
    review(client_id, id, form, false).await
}

#[cfg(feature = "ssr")]
async fn review(
    client_id: String,
    id: String,
    form: PresenceForm,
    accept: bool,
) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, TrainingField::TrainingSession)?;
            let (pool, user) = (pool()?, require_user()?);
            super::review::review(&pool, &user, client_id, id, &form, accept, now()).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

/// A second person confirms a back-entry (补录) session: from then its results count.
#[server(endpoint = "v1/training/sessions/confirm")]
pub async fn confirm_back_entry(client_id: String, id: String) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, TrainingField::TrainingSession)?;
            let (pool, user) = (pool()?, require_user()?);
            super::back_entry::confirm(&pool, &user, client_id, id, now()).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}
