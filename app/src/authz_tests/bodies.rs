//! The body of each call of the matrix and the corpus: the fixture's records (enterprise A,
//! its township, the open visit), form-encoded.

use super::Fixture;
use uuid::Uuid;

/// The body of one call (form-encoded, as a phone's form post sends it).
pub(super) fn body(path: &str, f: &Fixture) -> String {
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
        "v1/patrols/selfcheck/report" => "from=2026-11-25&to=2026-12-01".into(),
        "v1/patrols/selfcheck/matrix" => "from=2026-11-25&to=2026-12-01&page=2".into(),
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
        "v1/overview/list" => "node=&filter=watched&from=&to=&page=2".into(),
        "v1/risks/points/create" => {
            format!("client_id={c}&form[kind]=equipment&form[name]=行车&form[area]=一车间")
        }
        // A point nobody has: the officers are answered by the field, the others refused.
        "v1/risks/hazards/add" => format!(
            "client_id={c}&form[point_id]={}&form[description]=x&form[accident_class]=lifting&form[factor_class]=material&form[factor_l]=3&form[factor_e]=6&form[factor_c]=15",
            Uuid::now_v7()
        ),
        // A hazard nobody has: the officers are answered by the field, the others refused.
        "v1/risks/measures/add" => format!(
            "client_id={c}&form[hazard_id]={}&form[kind]=management&form[text]=x&form[level]=&form[responsible_id]={w}",
            Uuid::now_v7()
        ),
        "v1/risks/policy/set" => format!(
            "client_id={c}&form[method]=lec&form[lec_red_above]=320&form[lec_orange_above]=160&form[lec_yellow_above]=70&form[ls_red_from]=20&form[ls_orange_from]=15&form[ls_yellow_from]=9"
        ),
        _ => String::new(),
    }
}
