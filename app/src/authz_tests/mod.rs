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

mod corpus;
mod exports;
mod handlers;
mod matrix;

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

/// The body of one call (form-encoded, as a phone's form post sends it).
fn body(path: &str, f: &Fixture) -> String {
    let c = Uuid::now_v7();
    let (s, o, w, t, h) = (f.space, f.op, f.worker.id, &f.token, f.hazard);
    let (pp, cl, pt, rec) = (f.patrol_point, f.checklist, &f.patrol_token, f.record);
    // A deadline or due date a month on (typed dates lie within two years: input::deadline).
    let soon =
        crate::time_fmt::china_day(time::OffsetDateTime::now_utc()) + time::Duration::days(30);
    match path {
        "v1/users/create" => format!(
            "client_id={c}&form[name]=新人&form[mobile]=1370000{:04}&form[employee_no]=&form[role]=worker&form[password]=welcome-1234",
            c.as_u128() % 10_000
        ),
        "v1/users/set_active" => format!("client_id={c}&user_id={w}&active=true"),
        "v1/users/reset_password" => {
            format!("client_id={c}&user_id={w}&form[password]=reset-pass-1")
        }
        "v1/users/import" => format!("client_id={c}&form[csv]=%E5%A7%93%E5%90%8D"),
        "v1/me/password" => {
            format!("client_id={c}&form[current]=wrong-pass&form[new]=new-pass-123&form[repeat]=new-pass-123")
        }
        "v1/me/end_other_sessions" => format!("client_id={c}"),
        "v1/qualifications/grant" => {
            format!("client_id={c}&form[user_id]={w}&form[valid_until]=2000-01-01")
        }
        "v1/org/settings/save" => format!(
            "client_id={c}&form[principal_id]={}&form[independent_approval]=on&form[max_window_hours]=24",
            f.people[0].id
        ),
        "v1/operations/at_space" => format!("space_id={s}"),
        "v1/operations/request" => format!(
            "client_id={c}&form[space_id]={s}&form[work_content]=x&form[planned_start]=2000-01-01T00:00&form[planned_end]=2000-01-01T01:00&form[entrants][]={w}&form[attendant_id]={w}&form[person_in_charge_id]={w}"
        ),
        "v1/operations/decide" => {
            format!("client_id={c}&operation_id={o}&form[approve]=false&form[reason]=no")
        }
        "v1/operations/step" => format!("client_id={c}&operation_id={o}&step=ventilate"),
        "v1/operations/handover" => {
            format!("client_id={c}&operation_id={o}&form[to]={w}&form[reason]=why")
        }
        "v1/operations/close_by_officer" => {
            format!("client_id={c}&operation_id={o}&form[reason]=why")
        }
        "v1/operations/gas_test" => format!(
            "client_id={c}&operation_id={o}&form[detector_id]=D1&form[calibration_due]={soon}"
        ),
        "v1/operations/enter" => format!("client_id={c}&operation_id={o}&form[briefed]=on"),
        "v1/operations/exit" => format!("client_id={c}&operation_id={o}&form[person_id]={w}"),
        "v1/operations/history" => format!("space={s}&person="),
        "v1/policy/gas/set" => format!(
            "client_id={c}&form[test_max_age_minutes]=30&form[retest_interval_minutes]=120&form[lel_max_percent]=1&form[grade2_lel_from_percent]=0.5&form[grade2_toxic_fraction_percent]=30"
        ),
        "v1/delegations/grant" => format!(
            "client_id={c}&form[delegate_id]={w}&form[valid_until]=2000-01-01&form[document_ref]=WT"
        ),
        "v1/delegations/revoke" => format!("client_id={c}&id={}", Uuid::now_v7()),
        "v1/spaces/list" => "search=&space_type=".into(),
        "v1/spaces/get" | "v1/spaces/history" => format!("id={s}"),
        "v1/spaces/posters" => format!("id={s}"),
        "v1/spaces/create" => format!(
            "client_id={c}&form[code]=N-{}&form[name]=n&form[location]=l&form[space_type]=tank",
            c.as_u128() % 100_000
        ),
        "v1/spaces/update" => format!(
            "client_id={c}&id={s}&version=1&form[code]=YX-A&form[name]=n&form[location]=l&form[space_type]=tank"
        ),
        "v1/spaces/set_active" => format!("client_id={c}&id={s}&active=true"),
        "v1/spaces/regenerate_token" => format!("client_id={c}&id={s}"),
        "v1/checkpoints/resolve" => format!("token={t}"),
        "v1/checkpoints/landing" => format!("token={t}"),
        "v1/hazards/list" => "state=&grade=&category=&source=&overdue=1".into(),
        "v1/hazards/get" => format!("id={h}"),
        "v1/hazards/report" => format!(
            "client_id={c}&form[location]=A&form[description]=d&form[category]=electrical&form[grade]=general&form[source]=employee_report&photo_id="
        ),
        "v1/hazards/fix_on_spot" => {
            format!("client_id={c}&hazard_id={h}&version=1&form[note]=fixed&photo_id=")
        }
        "v1/hazards/confirm" => format!(
            "client_id={c}&hazard_id={h}&version=1&form[grade]=general&form[criterion]=&form[rectifier_id]={w}&form[measures]=m&form[funds]=12.5&form[deadline]={soon}&form[interim_control]=i&form[reported_on]="
        ),
        "v1/hazards/rectify" => {
            format!("client_id={c}&hazard_id={h}&version=1&form[rectification]=done&photo_id=")
        }
        "v1/hazards/recheck" => {
            format!("client_id={c}&hazard_id={h}&version=1&form[passed]=false&form[note]=no")
        }
        "v1/patrols/points" | "v1/patrols/checklists" | "v1/patrols/schedules" => String::new(),
        "v1/patrols/point" | "v1/patrols/landing" | "v1/patrols/posters" => format!("id={pp}"),
        "v1/patrols/points/create" => format!(
            "client_id={c}&form[name]=P-{}&form[area]=A&form[equipment]=&form[space_id]=&form[checklists][]={cl}",
            c.as_u128() % 100_000
        ),
        "v1/patrols/points/update" => format!(
            "client_id={c}&id={pp}&version=1&form[name]=甲企业巡查点&form[area]=a&form[checklists][]={cl}"
        ),
        "v1/patrols/points/regenerate_token" => format!("client_id={c}&id={pp}"),
        "v1/patrols/checklist" => format!("id={cl}"),
        "v1/patrols/checklists/install" => format!("client_id={c}&pack=daily_dust"),
        "v1/patrols/checklists/edit" => format!(
            "client_id={c}&id={cl}&version=1&form[name]=X&form[items][0][text]=t&form[items][0][category]=fire&form[items][0][answer_type]=pass_fail"
        ),
        "v1/patrols/schedules/create" => format!(
            "client_id={c}&form[name]=S&form[frequency]=daily&form[window_start]=08:00&form[window_end]=10:00&form[role]=worker&form[points][]={pp}"
        ),
        "v1/patrols/schedules/end" => format!("client_id={c}&id={}", Uuid::now_v7()),
        "v1/patrols/rounds" => "day=2026-12-01&mine=false".into(),
        "v1/patrols/start" => {
            format!("client_id={c}&token={pt}&checklist_id={cl}")
        }
        "v1/patrols/record" => format!("id={rec}"),
        "v1/training/questions" => "category=confined_space".into(),
        "v1/training/questions/install_starter" => format!("client_id={c}"),
        "v1/training/questions/create" => format!(
            "client_id={c}&form[category]=confined_space&form[kind]=true_false&form[prompt]=q&form[options][0]=a&form[options][1]=b&form[correct][]=0"
        ),
        "v1/training/questions/deactivate" => format!("client_id={c}&id={}", f.question),
        "v1/training/quiz" => format!("session_id={}", f.quiz_session),
        "v1/training/quiz_submit" => format!(
            "client_id={c}&session_id={}&form[answers][1][]=0",
            f.quiz_session
        ),
        "v1/patrols/selfcheck/report" | "v1/patrols/selfcheck/matrix" => {
            "from=2026-11-25&to=2026-12-01".into()
        }
        "v1/training/signin/view" | "v1/training/sign_in" | "v1/training/sign_out" => {
            let ticket = crate::training::signin::code::ticket(
                &[7; 32],
                crate::training::signin::code::Mode::Out,
                crate::training::signin::code::Holder::Person(f.worker.id),
                time::OffsetDateTime::now_utc(),
                crate::training::signin::code::step_seconds(),
            );
            let form = format!("form[token]={}&form[ticket]={ticket}", f.training.token);
            if path.ends_with("view") {
                form
            } else {
                format!("client_id={c}&{form}")
            }
        }
        "v1/training/sessions/home" => String::new(),
        "v1/training/sessions/get" => format!("id={}", f.training_session),
        "v1/training/sessions/draft" => format!("copy={}", f.training_session),
        "v1/training/sessions/create" => format!(
            "client_id={c}&form[title]=T&form[category]=daily&form[date]={}&form[start]=09:00&form[end]=10:00&form[hours]=1&form[location]=L&form[audience]=all&form[assessment]=none",
            crate::time_fmt::china_day(time::OffsetDateTime::now_utc())
        ),
        "v1/training/sessions/cancel" | "v1/training/sessions/confirm" => {
            format!("client_id={c}&id={}", f.training_session)
        }
        "v1/training/sessions/roster/accept" | "v1/training/sessions/roster/reject" => {
            format!("client_id={c}&id={}&form[user_id]={w}", f.training_session)
        }
        "v1/training/sessions/roster/sign_in" | "v1/training/sessions/roster/sign_out" => {
            format!("client_id={c}&id={}&form[user_id]={w}&form[time]=", f.training_session)
        }
        "v1/training/sessions/roster/hours" => format!(
            "client_id={c}&id={}&form[user_id]={w}&form[hours]=1&form[reason]=r",
            f.training_session
        ),
        "v1/training/sessions/roster/scores" => format!(
            "client_id={c}&id={}&form[rows][0][user_id]={w}&form[rows][0][score]=80",
            f.training_session
        ),
        "v1/training/clearance/person" | "v1/training/file/person" => format!("user_id={w}"),
        "v1/training/moves/record" => format!(
            "client_id={c}&form[user_id]={w}&form[kind]=transfer&form[on_date]=2026-11-20&form[note]=x"
        ),
        "v1/county/tree" | "v1/county/enterprises" => "node=".into(),
        "v1/county/nodes/create" => format!(
            "client_id={c}&form[parent_id]={}&form[name]=P-{}&form[level]=park",
            f.township,
            c.as_u128() % 100_000
        ),
        "v1/county/nodes/rename" => format!(
            "client_id={c}&id={}&form[name]=R-{}",
            f.park,
            c.as_u128() % 100_000
        ),
        "v1/county/regulators/create" => format!(
            "client_id={c}&form[node_id]={}&form[name]=R&form[mobile]=1350{:07}&form[password]=first-pass-1",
            f.park,
            c.as_u128() % 10_000_000
        ),
        "v1/county/enterprises/get" => format!("id={}", f.people[0].enterprise_id.unwrap()),
        "v1/county/enterprises/create" => format!(
            "client_id={c}&form[ledger][credit_code]={}&form[ledger][name]=N&form[ledger][township_id]={}&form[ledger][industry]=machinery&form[ledger][focus_risks][]=confined_space&form[admin_name]=A&form[admin_mobile]=1351{:07}&form[admin_password]=first-pass-1",
            crate::county::tests::code((c.as_u128() % 10_000_000) as u32),
            f.township,
            c.as_u128() % 10_000_000
        ),
        "v1/county/enterprises/update" => format!(
            "client_id={c}&id={}&version=1&form[credit_code]={}&form[name]=N&form[login_code]=A&form[township_id]={}&form[focus_risks][]=steel&form[active]=on",
            f.people[0].enterprise_id.unwrap(),
            crate::county::tests::code(7),
            f.township
        ),
        "v1/patrols/selfcheck/applicability" => {
            // Officers mark their own enterprise; a regulator names it (A, in their township).
            format!(
                "client_id={c}&form[item_key]=sc25_dust:1&form[reason]=r&form[enterprise]={}",
                f.people[0].enterprise_id.unwrap()
            )
        }
        "v1/visits/get" => format!("id={}", f.visit),
        "v1/visits/open" => format!(
            "client_id={c}&form[enterprise_id]={}&form[kind]=guidance&form[checklist]=confined_space&form[visited_on]={}",
            f.people[0].enterprise_id.unwrap(),
            crate::time_fmt::china_day(time::OffsetDateTime::now_utc())
        ),
        "v1/visits/finding" => format!(
            "client_id={c}&visit_id={}&form[location]=L&form[description]=D&form[category]=confined_space&form[grade]=general&form[deadline]={}",
            f.visit,
            crate::time_fmt::china_day(time::OffsetDateTime::now_utc()) + time::Duration::days(7)
        ),
        // A hazard that is not a finding of the visit: not found, past the role check.
        "v1/visits/recheck" => format!(
            "client_id={c}&visit_id={}&form[hazard_id]={}&form[passed]=on",
            f.visit, f.hazard
        ),
        "v1/visits/close" => format!("client_id={c}&visit_id={}", f.visit),
        "v1/visits/draws/get" => format!("id={}", Uuid::now_v7()),
        "v1/visits/draws/create" => format!(
            "client_id={c}&form[per_township]=1&form[from]=2026-01-01&form[to]={}&form[seed]=7",
            crate::time_fmt::china_day(time::OffsetDateTime::now_utc())
        ),
        "v1/visits/experts/create" => format!(
            "client_id={c}&form[name]=E&form[mobile]=1371{:07}&form[password]=first-pass-1",
            c.as_u128() % 10_000_000
        ),
        // A roster that is not the caller's: not found (each uploader reads their own).
        "v1/county/roster/preview" => format!("id={}", Uuid::now_v7()),
        "v1/county/roster/apply" => {
            format!("client_id={c}&id={}&form[admin_password]=first-pass-1", Uuid::now_v7())
        }
        "v1/patrols/policy/save" => format!("client_id={c}&form[upload_hours]=12"),
        "v1/offline/policy/save" => format!("client_id={c}&form[keep_pages_hours]=12"),
        "v1/photos/quota/save" => format!("client_id={c}&form[quota_mib]=20480"),
        "v1/training/policy/save" => {
            format!("client_id={c}&form[induction_hours]=24&form[annual_hours]=")
        }
        _ => String::new(),
    }
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
