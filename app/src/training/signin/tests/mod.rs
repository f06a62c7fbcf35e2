//! Database tests of signing in by scan, with the clock injected: which codes are accepted,
//! tickets, refusals, one sign-in per person, sign-out, tenant isolation; and the HTTP routes.

mod http;
mod offline;
mod presence;
mod steps;

use super::{
    code::{self, Mode},
    service, SignInInput, Signed,
};
use crate::{
    auth::{Role, SessionUser},
    error::AppError,
    testing,
    training::{
        fixtures::{self, SessionSpec},
        session_db::Session,
        TrainingRefusal,
    },
};
use sqlx::PgPool;
use time::{macros::datetime, Duration, OffsetDateTime};
use uuid::Uuid;

/// The fixtures' QR key (32 bytes of 7).
const SECRET: [u8; 32] = [7; 32];

/// 09:00 China time: on a step boundary whatever the step length (a whole hour).
pub const START: OffsetDateTime = datetime!(2026-12-01 09:00:00 +8);

pub fn step() -> Duration {
    Duration::seconds(code::step_seconds())
}

pub fn refused(r: TrainingRefusal) -> AppError {
    AppError::refused(r)
}

/// Enterprise A with a trainer, an officer and two workers; a worker of B; and A's session
/// of 2 hours from `START`, open to all.
pub struct World {
    pub pool: PgPool,
    pub enterprise: Uuid,
    pub trainer: SessionUser,
    pub officer: SessionUser,
    pub worker: SessionUser,
    pub other_worker: SessionUser,
    pub foreign: SessionUser,
    pub session: Session,
    /// The scan cookie of the last scan made before logging in (the test's one browser).
    pub browser: std::sync::Mutex<Option<[u8; 16]>>,
}

impl World {
    pub async fn new(pool: &PgPool) -> World {
        World::with(pool, SessionSpec::default()).await
    }

    pub async fn with(pool: &PgPool, spec: SessionSpec) -> World {
        let orgs = testing::orgs(pool).await;
        let trainer = testing::user(pool, orgs.a, Role::Trainer, "13500000001").await;
        let officer = testing::user(pool, orgs.a, Role::SafetyOfficer, "13500000002").await;
        let worker = testing::user(pool, orgs.a, Role::Worker, "13500000003").await;
        let other_worker = testing::user(pool, orgs.a, Role::Worker, "13500000004").await;
        let foreign = testing::user(pool, orgs.b, Role::Worker, "13500000005").await;
        let spec = SessionSpec {
            starts_at: START,
            ..spec
        };
        let session = fixtures::session(pool, orgs.a, trainer.id, spec).await;
        World {
            pool: pool.clone(),
            enterprise: orgs.a,
            trainer,
            officer,
            worker,
            other_worker,
            foreign,
            session,
            browser: std::sync::Mutex::new(None),
        }
    }

    /// The code the sign-in (or sign-out) QR shows at `at`.
    pub fn code(&self, mode: Mode, at: OffsetDateTime) -> String {
        code::code_at(&SECRET, mode, at, code::step_seconds())
    }

    /// A scan of the QR shown at `shown`, arriving at `now`.
    pub async fn scan(
        &self,
        who: Option<&SessionUser>,
        mode: Mode,
        shown: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Result<String, AppError> {
        let code = self.code(mode, shown);
        let arrival =
            service::arrive(&self.pool, who, &self.session.token, &code, mode, now).await?;
        if arrival.browser.is_some() {
            *self.browser.lock().unwrap() = arrival.browser;
        }
        Ok(arrival.ticket)
    }

    /// The sign-in form of `ticket` posted from the test's browser.
    pub fn input(&self, ticket: &str) -> SignInInput {
        SignInInput {
            token: self.session.token.clone(),
            ticket: ticket.to_owned(),
            browser: *self.browser.lock().unwrap(),
        }
    }

    /// A good scan at `now` and the sign-in it leads to, with a fresh client id.
    pub async fn sign_in(
        &self,
        who: &SessionUser,
        now: OffsetDateTime,
    ) -> Result<Signed, AppError> {
        let ticket = self.scan(Some(who), Mode::In, now, now).await?;
        service::sign_in(&self.pool, who, Uuid::now_v7(), &self.input(&ticket), now).await
    }

    pub async fn rows(&self) -> i64 {
        testing::count(&self.pool, "select count(*) from training_attendance").await
    }
}
