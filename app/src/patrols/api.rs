//! Server functions of patrols, on fixed versioned endpoints (`v1/patrols/...`). The patrol
//! form's submission (multipart, with photos) is a plain axum handler: `http.rs`.

use super::{
    Checklist, ChecklistForm, ChecklistSummary, Point, PointForm, RoundView, ScheduleForm,
    ScheduleView,
};
#[cfg(feature = "ssr")]
use crate::patrols::PatrolField;
use crate::{checkpoint::Poster, error::AppError};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    auth::server::{pool, require_user},
    error::{parse_uuid, respond, respond_form, Field},
};

/// What a scanned patrol point shows: the point and the checklists it carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointLanding {
    pub point: Point,
    pub checklists: Vec<ChecklistSummary>,
    /// Each checklist with its items (current version): the forms a page kept on the phone
    /// starts offline (`offline_start`).
    pub forms: Vec<Checklist>,
}

/// A started record's form: where, and the checklist version it is filled against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordForm {
    pub id: Uuid,
    pub point: String,
    pub submitted: bool,
    pub checklist: Checklist,
}

#[server(endpoint = "v1/patrols/points")]
pub async fn list_points() -> Result<Vec<Point>, AppError> {
    respond(super::service::points(&pool()?, &require_user()?).await)
}

#[server(endpoint = "v1/patrols/point")]
pub async fn get_point(id: String) -> Result<Point, AppError> {
    respond(
        async {
            let id = parse_uuid(&id, PatrolField::PatrolPoint)?;
            super::service::point(&pool()?, &require_user()?, id).await
        }
        .await,
    )
}

#[server(endpoint = "v1/patrols/points/create")]
pub async fn create_point(client_id: String, form: PointForm) -> Result<Point, AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            super::service::create_point(&pool()?, &require_user()?, client_id, &form).await
        }
        .await,
        |p| format!("/patrols/points/{}?registered=1", p.id),
    )
}

#[server(endpoint = "v1/patrols/points/update")]
pub async fn update_point(
    client_id: String,
    id: String,
    version: i32,
    form: PointForm,
) -> Result<Point, AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, PatrolField::PatrolPoint)?;
            let (pool, user) = (pool()?, require_user()?);
            super::service::update_point(&pool, &user, client_id, id, version, &form).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/patrols/points/regenerate_token")]
pub async fn regenerate_point_token(client_id: String, id: String) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, PatrolField::PatrolPoint)?;
            super::service::regenerate_token(&pool()?, &require_user()?, client_id, id).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("regenerated", "1")),
    )
}

/// Posters of one point (`id`) or, with an empty `id`, of every active point.
#[server(endpoint = "v1/patrols/posters")]
pub async fn point_posters(#[server(default)] id: String) -> Result<Vec<Poster>, AppError> {
    respond(
        async {
            let ids = if id.trim().is_empty() {
                vec![]
            } else {
                vec![parse_uuid(&id, PatrolField::PatrolPoint)?]
            };
            let base = crate::checkpoint::public_base_url()?;
            super::service::posters(&pool()?, &require_user()?, &ids, &base).await
        }
        .await,
    )
}

#[server(endpoint = "v1/patrols/checklists")]
pub async fn list_checklists() -> Result<Vec<ChecklistSummary>, AppError> {
    respond(super::service::checklists(&pool()?, &require_user()?).await)
}

#[server(endpoint = "v1/patrols/checklist")]
pub async fn get_checklist(id: String) -> Result<Checklist, AppError> {
    respond(
        async {
            let id = parse_uuid(&id, PatrolField::Checklist)?;
            super::service::checklist(&pool()?, &require_user()?, id).await
        }
        .await,
    )
}

#[server(endpoint = "v1/patrols/checklists/install")]
pub async fn install_pack(client_id: String, pack: String) -> Result<Uuid, AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            super::service::install_pack(&pool()?, &require_user()?, client_id, &pack).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("installed", "1")),
    )
}

#[server(endpoint = "v1/patrols/checklists/edit")]
pub async fn edit_checklist(
    client_id: String,
    id: String,
    version: i32,
    form: ChecklistForm,
) -> Result<i32, AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, PatrolField::Checklist)?;
            let (pool, user) = (pool()?, require_user()?);
            super::service::edit_checklist(&pool, &user, client_id, id, version, &form).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("saved", "1")),
    )
}

#[server(endpoint = "v1/patrols/schedules/create")]
pub async fn create_schedule(client_id: String, form: ScheduleForm) -> Result<Uuid, AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            super::service::create_schedule(&pool()?, &require_user()?, client_id, &form).await
        }
        .await,
        |_| "/patrols/board?scheduled=1".to_owned(),
    )
}

/// The enterprise's patrol policy (the upload bound), for its admin.
#[server(endpoint = "v1/patrols/policy")]
pub async fn patrol_policy() -> Result<super::policy::PatrolPolicy, AppError> {
    respond(super::service::policy(&pool()?, &require_user()?).await)
}

#[server(endpoint = "v1/patrols/policy/save")]
pub async fn save_patrol_policy(
    client_id: String,
    form: super::policy::PatrolPolicyForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let policy = form.validate()?;
            super::service::set_policy(&pool()?, &require_user()?, client_id, &policy).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("patrol_policy_saved", "1")),
    )
}

#[server(endpoint = "v1/patrols/schedules")]
pub async fn list_schedules() -> Result<Vec<ScheduleView>, AppError> {
    respond(super::service::schedules(&pool()?, &require_user()?).await)
}

#[server(endpoint = "v1/patrols/schedules/end")]
pub async fn end_schedule(client_id: String, id: String) -> Result<(), AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let id = parse_uuid(&id, PatrolField::PatrolSchedule)?;
            let now = time::OffsetDateTime::now_utc();
            super::service::end_schedule(&pool()?, &require_user()?, client_id, id, now).await
        }
        .await,
        |_| crate::auth::server::back_to_form(("ended", "1")),
    )
}

/// A day's rounds (`YYYY-MM-DD`, China time; empty: today) for officers, or the caller's
/// own (`mine`) for anyone of the enterprise.
#[server(endpoint = "v1/patrols/rounds")]
pub async fn day_rounds(
    #[server(default)] day: String,
    #[server(default)] mine: bool,
) -> Result<Vec<RoundView>, AppError> {
    respond(
        async {
            let now = time::OffsetDateTime::now_utc();
            let day = if day.trim().is_empty() {
                crate::time_fmt::china_day(now)
            } else {
                crate::input::date(&day, PatrolField::Day)?
            };
            super::service::rounds(&pool()?, &require_user()?, day, mine, now).await
        }
        .await,
    )
}

/// What a scanned token of a patrol point shows before the patrol starts.
#[server(endpoint = "v1/patrols/landing")]
pub async fn patrol_landing(id: String) -> Result<PointLanding, AppError> {
    respond(
        async {
            let (pool, user) = (pool()?, require_user()?);
            let point =
                super::service::point(&pool, &user, parse_uuid(&id, PatrolField::PatrolPoint)?)
                    .await?;
            let checklists = super::service::checklists(&pool, &user)
                .await?
                .into_iter()
                .filter(|c| point.checklists.contains(&c.id))
                .collect::<Vec<_>>();
            let mut forms = Vec::with_capacity(checklists.len());
            for c in &checklists {
                forms.push(super::service::checklist(&pool, &user, c.id).await?);
            }
            Ok(PointLanding {
                point,
                checklists,
                forms,
            })
        }
        .await,
    )
}

/// Starts a patrol from the point's current token, or its typed short code, at server time,
/// and opens its form. How the point was shown (scanned or typed) is the server's to say.
#[server(endpoint = "v1/patrols/start")]
pub async fn start_patrol(
    client_id: String,
    token: String,
    checklist_id: String,
) -> Result<Uuid, AppError> {
    respond_form(
        async {
            let client_id = parse_uuid(&client_id, Field::ClientId)?;
            let checklist_id = parse_uuid(&checklist_id, PatrolField::Checklist)?;
            let start = super::records::Start {
                token: token.trim(),
                checklist_id,
                now: time::OffsetDateTime::now_utc(),
            };
            super::records::start(&pool()?, &require_user()?, client_id, start).await
        }
        .await,
        |id| format!("/patrols/records/{id}"),
    )
}

/// A started record's form (the patroller's own).
#[server(endpoint = "v1/patrols/record")]
pub async fn patrol_record(id: String) -> Result<RecordForm, AppError> {
    respond(
        async {
            let id = parse_uuid(&id, PatrolField::Record)?;
            let (record, checklist) = super::records::form(&pool()?, &require_user()?, id).await?;
            Ok(RecordForm {
                id,
                point: record.point_name,
                submitted: record.submitted_at.is_some(),
                checklist,
            })
        }
        .await,
    )
}
