//! The test world of operations: one enterprise with its people and a space, another
//! enterprise's officer, and a driver so a test reads as its scenario:
//! `w.as_(&w.entrant).enter(op).briefed().await`.

use crate::{
    auth::{Role, SessionUser},
    error::AppError,
    operations::{
        model::{Decision, EntryInput, ExitInput, GasTestInput, PermitInput, PointReading},
        permit::{self, Cmd},
        settings, steps, SamplePoint,
    },
    rules::{
        checklist::PreEntryCheck,
        gas::{Gas, GasPolicy, Reading, Unit},
    },
    spaces::{self, SpaceForm},
    testing::{self, Orgs},
    training::{self, QualificationInput},
};
use sqlx::PgPool;
use std::{future::Future, future::IntoFuture, pin::Pin};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

pub struct World {
    pub pool: PgPool,
    pub officer: SessionUser,
    /// The enterprise's principal (主要负责人), an admin.
    pub principal: SessionUser,
    pub attendant: SessionUser,
    pub entrant: SessionUser,
    pub second: SessionUser,
    /// The permit's person in charge (作业负责人), a worker.
    pub lead: SessionUser,
    /// A safety officer of another enterprise.
    pub outsider: SessionUser,
    pub space: Uuid,
    pub orgs: Orgs,
}

impl World {
    /// A space without a toxic/asphyxiation risk.
    pub async fn new(pool: &PgPool) -> World {
        World::build(pool, false).await
    }

    /// A space with a toxic/asphyxiation risk: approval needs the principal or a delegate.
    pub async fn toxic(pool: &PgPool) -> World {
        World::build(pool, true).await
    }

    async fn build(pool: &PgPool, toxic: bool) -> World {
        let orgs = testing::orgs(pool).await;
        let person = |role, mobile| testing::user(pool, orgs.a, role, mobile);
        let officer = person(Role::SafetyOfficer, "13300000001").await;
        let principal = person(Role::EnterpriseAdmin, "13300000002").await;
        let attendant = person(Role::Worker, "13300000003").await;
        let entrant = person(Role::Worker, "13300000004").await;
        let second = person(Role::Worker, "13300000005").await;
        let outsider = testing::user(pool, orgs.b, Role::SafetyOfficer, "13300000006").await;
        let lead = person(Role::Worker, "13300000007").await;
        testing::set_principal(pool, orgs.a, principal.id).await;
        // Everyone is cleared for work (三级教育 done): nobody else goes on a permit.
        let a_people = [&officer, &principal, &attendant, &entrant, &second, &lead].map(|p| p.id);
        training::fixtures::clear(pool, orgs.a, officer.id, &a_people).await;
        training::fixtures::clear(pool, orgs.b, outsider.id, &[outsider.id]).await;
        let mut w = World {
            pool: pool.clone(),
            officer,
            principal,
            attendant,
            entrant,
            second,
            lead,
            outsider,
            space: Uuid::nil(),
            orgs,
        };
        w.space = w.add_space("YX-01", toxic).await;
        w
    }

    /// Registers another space of the enterprise.
    pub async fn add_space(&self, code: &str, toxic: bool) -> Uuid {
        let form = SpaceForm {
            code: code.into(),
            name: "污水池".into(),
            space_type: "pit".into(),
            required_gases: vec!["flammable".into(), "hydrogen_sulfide".into()],
            toxic_asphyxiation_risk: toxic.then(|| "on".into()),
            ..SpaceForm::default()
        };
        spaces::service::create(&self.pool, &self.officer, Uuid::now_v7(), &form)
            .await
            .unwrap()
            .id
    }

    /// Makes another person of the world cleared for work (their 三级教育).
    pub async fn clear(&self, who: &SessionUser) {
        let enterprise_id = who.enterprise_id.expect("a person of an enterprise");
        training::fixtures::clear(&self.pool, enterprise_id, who.id, &[who.id]).await;
    }

    /// Records a year of confined-space training for `who`.
    pub async fn train(&self, who: &SessionUser) {
        let input = QualificationInput {
            user_id: who.id,
            valid_until: OffsetDateTime::now_utc() + Duration::days(365),
            kind: training::QualificationKind::ConfinedSpace,
            document_ref: "外培字2026-100".into(),
        };
        training::service::grant_qualification(&self.pool, &self.officer, Uuid::now_v7(), &input)
            .await
            .unwrap();
    }

    /// A permit for the world's space: entrant and second go in, attendant watches.
    pub fn permit(&self) -> PermitInput {
        let now = OffsetDateTime::now_utc();
        PermitInput {
            space_id: self.space,
            work_content: "清淤".into(),
            planned_start: now,
            planned_end: now + Duration::hours(4),
            entrants: vec![self.entrant.id, self.second.id],
            attendant_id: self.attendant.id,
            person_in_charge_id: self.lead.id,
            contractor: String::new(),
            measures: "隔断进水管".into(),
            checklist: vec![PreEntryCheck::Isolation],
            rescue_equipment: "三脚架、安全绳".into(),
        }
    }

    pub fn as_<'a>(&'a self, who: &'a SessionUser) -> Actor<'a> {
        Actor {
            w: self,
            who,
            client_id: None,
        }
    }

    /// An approved operation, ventilated, with a passing test and the attendant in place;
    /// everyone on it trained.
    pub async fn ready_operation(&self) -> Uuid {
        for who in [&self.attendant, &self.entrant, &self.second] {
            self.train(who).await;
        }
        let op = self
            .as_(&self.entrant)
            .request(&self.permit())
            .await
            .unwrap();
        self.as_(&self.officer).approve(op).await.unwrap();
        self.as_(&self.attendant).ventilate(op).await.unwrap();
        assert!(self.as_(&self.attendant).test(op, 20.9).await.unwrap());
        self.as_(&self.attendant).attendant_in(op).await.unwrap();
        op
    }
}

/// A gas test with every gas of the world's space at the three heights.
pub fn gas_test(o2: f64) -> GasTestInput {
    let mut readings = Vec::new();
    for point in SamplePoint::ALL {
        for (gas, value, unit) in [
            (Gas::Oxygen, o2, Unit::PercentVolume),
            (Gas::Flammable, 0.0, Unit::PercentLel),
            (Gas::HydrogenSulfide, 1.0, Unit::Ppm),
        ] {
            readings.push(PointReading {
                point,
                reading: Reading { gas, value, unit },
            });
        }
    }
    GasTestInput {
        detector_id: "MX4-0012".into(),
        calibration_due: OffsetDateTime::now_utc().date() + Duration::days(30),
        readings,
    }
}

/// One person acting, each call a new submission unless `client` fixed its id.
pub struct Actor<'a> {
    w: &'a World,
    who: &'a SessionUser,
    client_id: Option<Uuid>,
}

impl<'a> Actor<'a> {
    /// Every following call submits with this client id (a retry, or a reuse).
    pub fn client(mut self, client_id: Uuid) -> Self {
        self.client_id = Some(client_id);
        self
    }

    fn client_id(&self) -> Uuid {
        self.client_id.unwrap_or_else(Uuid::now_v7)
    }

    fn cmd(&self, op: Uuid) -> Cmd<'a> {
        Cmd {
            actor: self.who,
            client_id: self.client_id(),
            id: op,
        }
    }

    pub async fn request(&self, input: &PermitInput) -> Result<Uuid, AppError> {
        permit::request_permit(&self.w.pool, self.who, self.client_id(), input).await
    }

    pub async fn approve(&self, op: Uuid) -> Result<(), AppError> {
        let decision = Decision {
            approve: true,
            reason: String::new(),
        };
        permit::decide(&self.w.pool, self.cmd(op), &decision).await
    }

    pub async fn reject(&self, op: Uuid, reason: &str) -> Result<(), AppError> {
        let decision = Decision {
            approve: false,
            reason: reason.into(),
        };
        permit::decide(&self.w.pool, self.cmd(op), &decision).await
    }

    pub async fn ventilate(&self, op: Uuid) -> Result<(), AppError> {
        steps::record_ventilation(&self.w.pool, self.cmd(op)).await
    }

    /// A gas test with this oxygen value (the others fine); answers whether it passed.
    pub async fn test(&self, op: Uuid, o2: f64) -> Result<bool, AppError> {
        self.test_with(op, &gas_test(o2)).await
    }

    pub async fn test_with(&self, op: Uuid, input: &GasTestInput) -> Result<bool, AppError> {
        let policy = settings::policy_for(&self.w.pool, self.w.orgs.a)
            .await
            .unwrap();
        steps::record_gas_test(&self.w.pool, self.cmd(op), input, &policy).await
    }

    pub async fn attendant_in(&self, op: Uuid) -> Result<(), AppError> {
        steps::attendant_check_in(&self.w.pool, self.cmd(op)).await
    }

    pub async fn attendant_out(&self, op: Uuid) -> Result<(), AppError> {
        steps::attendant_check_out(&self.w.pool, self.cmd(op)).await
    }

    pub async fn evacuate(&self, op: Uuid) -> Result<(), AppError> {
        steps::evacuate(&self.w.pool, self.cmd(op)).await
    }

    pub async fn close(&self, op: Uuid) -> Result<(), AppError> {
        steps::close(&self.w.pool, self.cmd(op)).await
    }

    /// An officer hands the attendant's duty to `to`.
    pub async fn hand_over(&self, op: Uuid, to: &SessionUser) -> Result<(), AppError> {
        let input = crate::operations::HandoverInput {
            to: to.id,
            reason: "原监护人手机丢失".into(),
        };
        crate::operations::takeover::hand_over(&self.w.pool, self.cmd(op), &input).await
    }

    /// An officer records everyone out and closes, with `reason`.
    pub async fn close_with_reason(&self, op: Uuid, reason: &str) -> Result<(), AppError> {
        let input = crate::operations::CloseInput {
            reason: reason.into(),
        };
        crate::operations::takeover::close_with_reason(&self.w.pool, self.cmd(op), &input).await
    }

    /// Going in; `.briefed()` acknowledges the safety briefing, `.tools(…)` lists tools.
    pub fn enter(&self, op: Uuid) -> Entering<'a> {
        Entering {
            w: self.w,
            cmd: self.cmd(op),
            input: EntryInput {
                briefed: false,
                tools: String::new(),
            },
            policy: None,
        }
    }

    /// `person` comes out, recorded by this actor.
    pub async fn exit(&self, op: Uuid, person: &SessionUser) -> Result<(), AppError> {
        let input = ExitInput {
            person_id: person.id,
            tools: String::new(),
        };
        steps::exit(&self.w.pool, self.cmd(op), &input).await
    }
}

pub struct Entering<'a> {
    w: &'a World,
    cmd: Cmd<'a>,
    input: EntryInput,
    policy: Option<GasPolicy>,
}

impl Entering<'_> {
    pub fn briefed(mut self) -> Self {
        self.input.briefed = true;
        self
    }

    pub fn tools(mut self, tools: &str) -> Self {
        self.input.tools = tools.into();
        self
    }

    /// Judged against this policy instead of the enterprise's.
    pub fn under(mut self, policy: GasPolicy) -> Self {
        self.policy = Some(policy);
        self
    }
}

impl<'a> IntoFuture for Entering<'a> {
    type Output = Result<(), AppError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let policy = match self.policy {
                Some(policy) => policy,
                None => settings::policy_for(&self.w.pool, self.w.orgs.a).await?,
            };
            steps::enter(&self.w.pool, self.cmd, &self.input, &policy).await
        })
    }
}

/// Asserts a refusal with its exact reason.
pub fn refused<T: std::fmt::Debug>(
    result: Result<T, AppError>,
    reason: crate::operations::OpRefusal,
) {
    match result {
        Err(AppError::Refused(r)) => assert_eq!(r, reason.into()),
        other => panic!("expected {reason:?}, got {other:?}"),
    }
}
