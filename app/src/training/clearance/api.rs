//! Server functions of clearance, on fixed versioned endpoints (`v1/training/...`).

use super::{ClearanceView, Coverage, MoveForm, PolicyForm, RegulatorRow, TrainingFile};
use crate::{error::AppError, rules::clearance::Policy};
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::{pool, require_user},
    error::{parse_uuid, respond, respond_form, Field},
};
#[cfg(feature = "ssr")]
use time::OffsetDateTime;

/// The signed-in person's own clearance (the home card).
#[server(endpoint = "v1/training/clearance/mine")]
pub async fn my_clearance() -> Result<ClearanceView, AppError> {
    respond(super::service::mine(&pool()?, &require_user()?, OffsetDateTime::now_utc()).await)
}

#[server(endpoint = "v1/training/clearance/person")]
pub async fn person_clearance(user_id: String) -> Result<ClearanceView, AppError> {
    respond(
        async {
            let id = parse_uuid(&user_id, Field::User)?;
            let now = OffsetDateTime::now_utc();
            super::service::person(&pool()?, &require_user()?, id, now).await
        }
        .await,
    )
}

/// The enterprise's coverage: by department, this year's hours, not cleared, expiring.
#[server(endpoint = "v1/training/clearance/coverage")]
pub async fn training_coverage() -> Result<Coverage, AppError> {
    respond(super::service::coverage(&pool()?, &require_user()?, OffsetDateTime::now_utc()).await)
}

#[server(endpoint = "v1/training/file/mine")]
pub async fn my_training_file() -> Result<TrainingFile, AppError> {
    respond(super::service::my_file(&pool()?, &require_user()?, OffsetDateTime::now_utc()).await)
}

#[server(endpoint = "v1/training/file/person")]
pub async fn person_training_file(user_id: String) -> Result<TrainingFile, AppError> {
    respond(
        async {
            let id = parse_uuid(&user_id, Field::User)?;
            let now = OffsetDateTime::now_utc();
            super::service::person_file(&pool()?, &require_user()?, id, now).await
        }
        .await,
    )
}

/// Records a 转岗 or 复岗 (officers, admins).
#[server(endpoint = "v1/training/moves/record")]
pub async fn record_move(client_id: Uuid, form: MoveForm) -> Result<(), AppError> {
    respond_form(
        async {
            let (pool, user) = (pool()?, require_user()?);
            let today = crate::time_fmt::china_day(OffsetDateTime::now_utc());
            let input = form.validate(today)?;
            super::service::record_move(&pool, &user, client_id, &input).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("moved", "1")),
    )
}

#[server(endpoint = "v1/training/policy")]
pub async fn training_policy() -> Result<Policy, AppError> {
    respond(super::service::policy(&pool()?, &require_user()?).await)
}

#[server(endpoint = "v1/training/policy/save")]
pub async fn save_training_policy(client_id: Uuid, form: PolicyForm) -> Result<(), AppError> {
    respond_form(
        async {
            let (pool, user) = (pool()?, require_user()?);
            user.require_role(&[crate::auth::Role::EnterpriseAdmin])?;
            let policy = form.validate()?;
            super::service::set_policy(&pool, &user, client_id, &policy).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("training_policy_saved", "1")),
    )
}

/// The regulator's view: per enterprise of the jurisdiction, the shares cleared and trained.
#[server(endpoint = "v1/training/regulator")]
pub async fn training_by_enterprise() -> Result<Vec<RegulatorRow>, AppError> {
    respond(super::service::regulator(&pool()?, &require_user()?, OffsetDateTime::now_utc()).await)
}
