//! Tests of sessions: the form's checks (plain), and against the database: creation with bad
//! input saves nothing, retries, the roster's ticks and hours at the edges, scores with the
//! confined-space qualification, who may do what, and another enterprise's view.

use super::{
    model::{OverrideForm, PresenceForm, ScoreRow, ScoresForm, SessionForm},
    roster, service,
};
use crate::error::AnyField;
use crate::{
    auth::{Role, SessionUser},
    error::{AppError, Problem},
    testing::{self, audit_rows, count},
    training::{
        db::holds_valid, fixtures, session_db, Assessment, Category, InviteKind, QualificationKind,
        TrainingRefusal,
    },
};
use sqlx::PgPool;
use time::{macros::datetime, Duration, OffsetDateTime};
use uuid::Uuid;

const NOW: OffsetDateTime = datetime!(2026-11-30 10:00 +8);

fn form() -> SessionForm {
    SessionForm {
        title: "有限空间作业专题培训".into(),
        category: "confined_space".into(),
        date: "2026-12-01".into(),
        start: "09:00".into(),
        end: "11:00".into(),
        hours: "2".into(),
        location: "三楼会议室".into(),
        trainer_id: String::new(),
        summary: "先通风、再检测、后作业".into(),
        audience: "all".into(),
        assessment: "quiz".into(),
        pass_mark: "80".into(),
        ..Default::default()
    }
}

fn invalid(field: impl Into<AnyField>, problem: Problem) -> Result<(), AppError> {
    let field: AnyField = field.into();
    Err(AppError::invalid(field, problem))
}

fn check(f: SessionForm) -> Result<(), AppError> {
    f.validate(NOW).map(|_| ())
}

mod access;
mod certify;
mod running;
mod validate;

/// The enterprise A's people for a test: an admin, an officer, a trainer and two workers,
/// and B's officer.
struct People {
    officer: SessionUser,
    trainer: SessionUser,
    other_trainer: SessionUser,
    worker: SessionUser,
    worker2: SessionUser,
    foreign: SessionUser,
}

async fn people(pool: &PgPool) -> People {
    let orgs = testing::orgs(pool).await;
    let p = |role, mobile| testing::user(pool, orgs.a, role, mobile);
    People {
        officer: p(Role::SafetyOfficer, "13900000001").await,
        trainer: p(Role::Trainer, "13900000002").await,
        other_trainer: p(Role::Trainer, "13900000003").await,
        worker: p(Role::Worker, "13900000004").await,
        worker2: p(Role::Worker, "13900000005").await,
        foreign: testing::user(pool, orgs.b, Role::SafetyOfficer, "13900000006").await,
    }
}

fn today_form() -> SessionForm {
    let today = crate::time_fmt::china_day(OffsetDateTime::now_utc());
    SessionForm {
        date: today.to_string(),
        ..form()
    }
}
