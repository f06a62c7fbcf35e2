//! The authorization matrix: every server function, with the roles allowed, called as every
//! role, as a user of another enterprise and as nobody, through the same HTTP handler the
//! server mounts. A server function missing from the matrix fails the test, so a new endpoint
//! states who may call it.
//!
//! "Allowed" means the role got past authorization: any answer but 401 or 403 (a business
//! refusal, 409, or a field error, 422, is still allowed: the rules of the step decided).
//! Another enterprise's user never gets an answer that names this enterprise's records.

use crate::{
    auth::{server::RequestUser, Role, SessionUser},
    operations::PermitInput,
    testing,
};
use axum::{body::Body, http::Request, response::IntoResponse};
use leptos::prelude::provide_context;
use sqlx::PgPool;
use std::collections::BTreeSet;
use uuid::Uuid;

mod bodies;
mod corpus;
mod exports;
mod handlers;
mod matrix;

use bodies::body;
use matrix::matrix;

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy)]
enum Who {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person.
    SignedIn,
    /// These roles only.
    Roles(&'static [Role]),
}

use Role::*;
const ENTERPRISE: &[Role] = &[Worker, SafetyOfficer, Trainer, EnterpriseAdmin];

/// The records the calls name: all of enterprise A.
struct Fixture {
    people: Vec<SessionUser>,
    foreign: SessionUser,
    worker: SessionUser,
    space: Uuid,
    space_code: String,
    token: String,
    op: Uuid,
    /// A hazard of enterprise A, waiting to be confirmed.
    hazard: Uuid,
    /// A patrol point of A carrying `checklist`, its QR token, and the worker's record.
    patrol_point: Uuid,
    checklist: Uuid,
    patrol_token: String,
    record: Uuid,
    /// A training session of A (open to all, running) for signing in by scan.
    training: crate::training::session_db::Session,
    /// A training session of A, open to all, taught by the trainer (`people[2]`).
    training_session: Uuid,
    /// A question of A's starter bank, and a confined-space quiz session of A the worker
    /// signed in to.
    question: Uuid,
    quiz_session: Uuid,
    /// Enterprise A's township (the regulator's node) and a park under it.
    township: Uuid,
    park: Uuid,
    /// An open guidance visit of A, naming the expert (`people[6]`).
    visit: Uuid,
}

async fn fixture(pool: &PgPool) -> Fixture {
    let orgs = testing::orgs(pool).await;
    let person = |role, mobile| testing::user(pool, orgs.a, role, mobile);
    let admin = person(EnterpriseAdmin, "13200000001").await;
    let officer = person(SafetyOfficer, "13200000002").await;
    let trainer = person(Trainer, "13200000003").await;
    let worker = person(Worker, "13200000004").await;
    let attendant = person(Worker, "13200000005").await;
    let regulator = testing::user(pool, orgs.township, Regulator, "13200000006").await;
    let foreign = testing::user(pool, orgs.b, SafetyOfficer, "13200000007").await;
    let operator = testing::user(pool, Uuid::nil(), Operator, "13200000008").await;
    // An expert of the township, named on an open guidance visit of A.
    let expert = testing::user(pool, orgs.township, Expert, "13200000009").await;
    let visit_form = crate::visits::VisitForm {
        enterprise_id: orgs.a.to_string(),
        kind: "guidance".into(),
        checklist: "confined_space".into(),
        visited_on: crate::time_fmt::china_day(time::OffsetDateTime::now_utc()).to_string(),
        experts: vec![expert.id.to_string()],
        ..Default::default()
    };
    let visit = crate::visits::service::open_visit(pool, &regulator, Uuid::now_v7(), &visit_form)
        .await
        .unwrap();
    let park = Uuid::now_v7();
    sqlx::query(
        "insert into jurisdictions (id, parent_id, name, level) values ($1, $2, '园区', 'park')",
    )
    .bind(park)
    .bind(orgs.township)
    .execute(pool)
    .await
    .unwrap();
    testing::set_principal(pool, orgs.a, admin.id).await;
    // Everyone of A is cleared for work (三级教育), so the permit below may name them.
    let cleared = [&admin, &officer, &trainer, &worker, &attendant].map(|p| p.id);
    crate::training::fixtures::clear(pool, orgs.a, trainer.id, &cleared).await;
    let form = crate::spaces::SpaceForm {
        code: "YX-A".into(),
        name: "甲企业污水池".into(),
        location: "A".into(),
        space_type: "pit".into(),
        ..Default::default()
    };
    let space = crate::spaces::service::create(pool, &officer, Uuid::now_v7(), &form)
        .await
        .unwrap()
        .id;
    let token = crate::checkpoint::db::current(
        pool,
        orgs.a,
        crate::checkpoint::CheckpointKind::ConfinedSpace,
        space,
    )
    .await
    .unwrap()
    .unwrap()
    .token;
    let now = time::OffsetDateTime::now_utc();
    let permit = PermitInput {
        space_id: space,
        work_content: "清淤".into(),
        planned_start: now,
        planned_end: now + time::Duration::hours(2),
        entrants: vec![worker.id],
        attendant_id: attendant.id,
        person_in_charge_id: attendant.id,
        contractor: String::new(),
        measures: String::new(),
        checklist: vec![],
        rescue_equipment: String::new(),
    };
    let op = crate::operations::permit::request_permit(pool, &worker, Uuid::now_v7(), &permit)
        .await
        .unwrap();
    let report = crate::hazards::ReportInput {
        location: "甲企业2号车间".into(),
        description: "配电箱门缺失".into(),
        category: crate::hazards::HazardCategory::Electrical,
        grade: crate::hazards::HazardGrade::General,
        source: crate::hazards::HazardSource::EmployeeReport,
    };
    let hazard = crate::hazards::steps::report(pool, &worker, Uuid::now_v7(), &report, None, now)
        .await
        .unwrap();
    let checklist =
        crate::patrols::service::install_pack(pool, &officer, Uuid::now_v7(), "daily_general")
            .await
            .unwrap();
    let point_form = crate::patrols::PointForm {
        name: "甲企业巡查点".into(),
        checklists: vec![checklist.to_string()],
        ..Default::default()
    };
    let patrol_point =
        crate::patrols::service::create_point(pool, &officer, Uuid::now_v7(), &point_form)
            .await
            .unwrap()
            .id;
    let patrol_token = crate::checkpoint::db::current(
        pool,
        orgs.a,
        crate::checkpoint::CheckpointKind::PatrolPoint,
        patrol_point,
    )
    .await
    .unwrap()
    .unwrap()
    .token;
    let start = crate::patrols::records::Start {
        token: &patrol_token,
        checklist_id: checklist,
        now,
    };
    let record = crate::patrols::records::start(pool, &worker, Uuid::now_v7(), start)
        .await
        .unwrap();
    let training = crate::training::fixtures::session(
        pool,
        orgs.a,
        trainer.id,
        crate::training::fixtures::SessionSpec::default(),
    )
    .await;
    let training_session =
        crate::training::fixtures::session(pool, orgs.a, trainer.id, Default::default())
            .await
            .id;
    crate::training::quiz::service::install_starter(pool, &trainer, Uuid::now_v7())
        .await
        .unwrap();
    let question = crate::training::quiz::service::bank(pool, &trainer, None)
        .await
        .unwrap()[0]
        .id;
    let quiz_spec = crate::training::fixtures::SessionSpec {
        assessment: crate::training::Assessment::Quiz,
        quiz_size: Some(5),
        ..Default::default()
    };
    let quiz_session =
        crate::training::fixtures::session(pool, orgs.a, trainer.id, quiz_spec).await;
    crate::training::fixtures::attend(pool, &quiz_session, worker.id, quiz_session.starts_at).await;
    Fixture {
        training,
        people: vec![
            admin,
            officer,
            trainer,
            worker.clone(),
            regulator,
            operator,
            expert,
        ],
        visit,
        foreign,
        worker,
        space,
        space_code: "YX-A".into(),
        token,
        op,
        hazard,
        patrol_point,
        checklist,
        patrol_token,
        record,
        training_session,
        question,
        quiz_session: quiz_session.id,
        township: orgs.township,
        park,
    }
}

/// One call as `who` (or nobody) with the endpoint's usual body: the status and the body.
async fn call(pool: &PgPool, path: &str, who: Option<&SessionUser>, f: &Fixture) -> (u16, String) {
    call_with(pool, path, who, body(path, f)).await
}

#[sqlx::test(migrator = "crate::db::MIGRATOR")]
async fn every_server_function_admits_exactly_its_roles(pool: PgPool) {
    let f = fixture(&pool).await;
    let matrix = matrix();

    // Every registered server function is in the matrix, and only those.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let listed: BTreeSet<String> = matrix.iter().map(|(p, _)| (*p).to_owned()).collect();
    assert_eq!(
        registered.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "server functions missing from the matrix"
    );
    assert_eq!(
        listed.difference(&registered).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "matrix rows for server functions that do not exist"
    );

    let mut wrong = Vec::new();
    for (path, who) in &matrix {
        // Nobody signed in.
        let (status, _) = call(&pool, path, None, &f).await;
        let public = matches!(who, Who::Public);
        if public == (status == 401) || status >= 500 {
            wrong.push(format!("{path} as nobody: {status}"));
        }
        for person in &f.people {
            let allowed = match who {
                Who::Public | Who::SignedIn => true,
                Who::Roles(roles) => roles.contains(&person.role),
            };
            let (status, text) = call(&pool, path, Some(person), &f).await;
            let got_in = !matches!(status, 401 | 403);
            if allowed != got_in || status >= 500 {
                wrong.push(format!("{path} as {:?}: {status} {text}", person.role));
            }
        }
        // Another enterprise's officer: never an answer about enterprise A's records.
        let (status, text) = call(&pool, path, Some(&f.foreign), &f).await;
        let leaks = [
            f.space.to_string(),
            f.op.to_string(),
            f.space_code.clone(),
            f.token.clone(),
            f.hazard.to_string(),
            "甲企业2号车间".into(),
            f.patrol_point.to_string(),
            f.checklist.to_string(),
            f.patrol_token.clone(),
            f.record.to_string(),
            "甲企业巡查点".into(),
            f.training.token.clone(),
            f.training.title.clone(),
            f.training_session.to_string(),
            f.question.to_string(),
            f.quiz_session.to_string(),
        ]
        .iter()
        .any(|mark| text.contains(mark.as_str()));
        if leaks || status >= 500 {
            wrong.push(format!("{path} as another enterprise: {status} {text}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong answers:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// One call as `who` (or nobody) through the handler the server mounts, with the session
/// the middleware would have resolved: the status and the body.
pub(crate) async fn call_with(
    pool: &PgPool,
    path: &str,
    who: Option<&SessionUser>,
    body: String,
) -> (u16, String) {
    let mut req = Request::post(format!("/api/{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(Body::from(body))
        .unwrap();
    if let Some(person) = who {
        // Account requests act on "my other sessions": a real session cookie.
        let token = crate::auth::server::session::create(pool, person.id)
            .await
            .unwrap();
        req.headers_mut()
            .insert("cookie", format!("anxun_session={token}").parse().unwrap());
    }
    req.extensions_mut().insert(RequestUser(who.cloned()));
    let pool = pool.clone();
    let res =
        leptos_axum::handle_server_fns_with_context(move || provide_context(pool.clone()), req)
            .await
            .into_response();
    let res = crate::error::with_error_status(res).await;
    let status = res.status().as_u16();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
