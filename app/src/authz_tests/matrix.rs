//! Who may call each server function: one line per endpoint. A new endpoint must be added
//! here, or `every_server_function_admits_exactly_its_roles` fails.

use super::{Who, ENTERPRISE};
use crate::auth::Role::{self, *};

/// Every server function and who may call it.
pub(super) fn matrix() -> Vec<(&'static str, Who)> {
    let officers: &'static [Role] = &[SafetyOfficer, EnterpriseAdmin];
    let crew: &'static [Role] = &[Worker, SafetyOfficer, EnterpriseAdmin];
    let recorders: &'static [Role] = &[SafetyOfficer, Trainer, EnterpriseAdmin];
    let admins: &'static [Role] = &[EnterpriseAdmin];
    vec![
        ("v1/session", Who::Public),
        ("v1/me/password", Who::SignedIn),
        ("v1/me/end_other_sessions", Who::SignedIn),
        ("v1/me/password_notice", Who::SignedIn),
        ("v1/users/list", Who::Roles(admins)),
        ("v1/users/create", Who::Roles(admins)),
        ("v1/users/set_active", Who::Roles(admins)),
        ("v1/users/reset_password", Who::Roles(admins)),
        ("v1/users/import", Who::Roles(admins)),
        ("v1/org/enterprises", Who::Roles(&[Regulator])),
        // The county's tree, regulators and ledger: the platform operator and regulators (a
        // regulator within their node; the fixture's bodies name nodes under it).
        ("v1/county/tree", Who::Roles(&[Regulator, Operator])),
        ("v1/county/nodes/create", Who::Roles(&[Regulator, Operator])),
        ("v1/county/nodes/rename", Who::Roles(&[Regulator, Operator])),
        (
            "v1/county/regulators/create",
            Who::Roles(&[Regulator, Operator]),
        ),
        ("v1/county/enterprises", Who::Roles(&[Regulator, Operator])),
        (
            "v1/county/enterprises/nodes",
            Who::Roles(&[Regulator, Operator]),
        ),
        (
            "v1/county/enterprises/get",
            Who::Roles(&[Regulator, Operator]),
        ),
        (
            "v1/county/enterprises/create",
            Who::Roles(&[Regulator, Operator]),
        ),
        (
            "v1/county/enterprises/update",
            Who::Roles(&[Regulator, Operator]),
        ),
        (
            "v1/county/roster/preview",
            Who::Roles(&[Regulator, Operator]),
        ),
        ("v1/county/roster/apply", Who::Roles(&[Regulator, Operator])),
        // The overview by level and the lists behind its figures: regulators only (the
        // operator keeps the ledger, not the safety records).
        ("v1/overview", Who::Roles(&[Regulator])),
        ("v1/overview/list", Who::Roles(&[Regulator])),
        // Guidance visits: regulators open and close them and appoint experts; the visit's
        // side (its regulator, an expert it names while open) records and re-checks findings.
        ("v1/visits", Who::Roles(&[Regulator, Expert])),
        ("v1/visits/get", Who::Roles(&[Regulator, Expert])),
        ("v1/visits/choices", Who::Roles(&[Regulator])),
        ("v1/visits/open", Who::Roles(&[Regulator])),
        ("v1/visits/finding", Who::Roles(&[Regulator, Expert])),
        ("v1/visits/recheck", Who::Roles(&[Regulator, Expert])),
        ("v1/visits/close", Who::Roles(&[Regulator])),
        ("v1/visits/experts", Who::Roles(&[Regulator])),
        ("v1/visits/experts/create", Who::Roles(&[Regulator])),
        // 抽查: the regulator's draws.
        ("v1/visits/draws", Who::Roles(&[Regulator])),
        ("v1/visits/draws/get", Who::Roles(&[Regulator])),
        ("v1/visits/draws/create", Who::Roles(&[Regulator])),
        // The risk register: everyone of the enterprise reads it, officers record it, the
        // admin sets its grading policy.
        ("v1/risks/register", Who::Roles(ENTERPRISE)),
        ("v1/risks/policy", Who::Roles(ENTERPRISE)),
        ("v1/risks/points/create", Who::Roles(officers)),
        ("v1/risks/hazards/add", Who::Roles(officers)),
        ("v1/risks/measures/add", Who::Roles(officers)),
        ("v1/risks/policy/set", Who::Roles(admins)),
        ("v1/org/settings", Who::Roles(admins)),
        ("v1/org/settings/save", Who::Roles(admins)),
        ("v1/org/principal_notice", Who::SignedIn),
        ("v1/photos/quota", Who::Roles(admins)),
        ("v1/photos/quota/save", Who::Roles(admins)),
        ("v1/qualifications/list", Who::Roles(recorders)),
        ("v1/qualifications/grant", Who::Roles(recorders)),
        ("v1/operations/at_space", Who::Roles(ENTERPRISE)),
        ("v1/operations/people", Who::Roles(crew)),
        ("v1/operations/board", Who::Roles(officers)),
        ("v1/home/today", Who::Roles(officers)),
        ("v1/operations/history", Who::Roles(officers)),
        ("v1/operations/request", Who::Roles(crew)),
        ("v1/operations/decide", Who::Roles(officers)),
        // The body asks to ventilate: the crew's step.
        ("v1/operations/step", Who::Roles(crew)),
        ("v1/operations/gas_test", Who::Roles(crew)),
        ("v1/operations/enter", Who::Roles(ENTERPRISE)),
        ("v1/operations/exit", Who::Roles(ENTERPRISE)),
        ("v1/operations/handover", Who::Roles(officers)),
        ("v1/operations/close_by_officer", Who::Roles(officers)),
        ("v1/policy/gas", Who::Roles(ENTERPRISE)),
        ("v1/policy/gas/set", Who::Roles(officers)),
        ("v1/delegations/list", Who::Roles(officers)),
        // The principal's (here the admin).
        ("v1/delegations/grant", Who::Roles(admins)),
        ("v1/delegations/revoke", Who::Roles(admins)),
        ("v1/spaces/list", Who::Roles(ENTERPRISE)),
        ("v1/spaces/get", Who::Roles(ENTERPRISE)),
        ("v1/spaces/history", Who::Roles(officers)),
        ("v1/spaces/posters", Who::Roles(officers)),
        ("v1/spaces/create", Who::Roles(officers)),
        ("v1/spaces/update", Who::Roles(officers)),
        ("v1/spaces/set_active", Who::Roles(officers)),
        ("v1/spaces/regenerate_token", Who::Roles(officers)),
        ("v1/checkpoints/resolve", Who::Roles(ENTERPRISE)),
        ("v1/checkpoints/landing", Who::Roles(ENTERPRISE)),
        // Anyone of the enterprise reports and reads their own; officers confirm and
        // re-check; the rectifier (or an officer) rectifies. Regulators: later, read-only.
        ("v1/hazards/list", Who::Roles(ENTERPRISE)),
        ("v1/hazards/get", Who::Roles(ENTERPRISE)),
        ("v1/hazards/report", Who::Roles(ENTERPRISE)),
        ("v1/hazards/fix_on_spot", Who::Roles(ENTERPRISE)),
        ("v1/hazards/confirm", Who::Roles(officers)),
        ("v1/hazards/rectify", Who::Roles(ENTERPRISE)),
        ("v1/hazards/recheck", Who::Roles(officers)),
        // Everyone of the enterprise reads points and checklists, starts a patrol at a point
        // and fills their own record; officers register, print, schedule and see the board.
        ("v1/patrols/points", Who::Roles(ENTERPRISE)),
        ("v1/patrols/point", Who::Roles(ENTERPRISE)),
        ("v1/patrols/points/create", Who::Roles(officers)),
        ("v1/patrols/points/update", Who::Roles(officers)),
        ("v1/patrols/points/regenerate_token", Who::Roles(officers)),
        ("v1/patrols/posters", Who::Roles(officers)),
        ("v1/patrols/checklists", Who::Roles(ENTERPRISE)),
        ("v1/patrols/checklist", Who::Roles(ENTERPRISE)),
        ("v1/patrols/checklists/install", Who::Roles(officers)),
        ("v1/patrols/checklists/edit", Who::Roles(officers)),
        ("v1/patrols/schedules/create", Who::Roles(officers)),
        ("v1/patrols/schedules", Who::Roles(officers)),
        ("v1/patrols/schedules/end", Who::Roles(officers)),
        // The body asks for the board (`mine=false`): officers only.
        ("v1/patrols/rounds", Who::Roles(officers)),
        ("v1/patrols/landing", Who::Roles(ENTERPRISE)),
        ("v1/patrols/start", Who::Roles(ENTERPRISE)),
        ("v1/patrols/record", Who::Roles(ENTERPRISE)),
        // The 25 items: the enterprise's officers read its progress and report; the
        // regulator of its jurisdiction the matrix (enterprise × item), read-only.
        ("v1/patrols/selfcheck/progress", Who::Roles(officers)),
        ("v1/patrols/selfcheck/report", Who::Roles(officers)),
        ("v1/patrols/selfcheck/matrix", Who::Roles(&[Regulator])),
        // 涉及 / 不涉及 of an item: the enterprise's officers, or its regulator.
        (
            "v1/patrols/selfcheck/applicability",
            Who::Roles(&[SafetyOfficer, EnterpriseAdmin, Regulator]),
        ),
        // Everyone of the enterprise signs in and out of its sessions by scan.
        ("v1/training/signin/view", Who::Roles(ENTERPRISE)),
        ("v1/training/sign_in", Who::Roles(ENTERPRISE)),
        ("v1/training/sign_out", Who::Roles(ENTERPRISE)),
        // Training sessions: everyone of the enterprise reads the lists and the sessions
        // they may attend; trainers, officers and admins create and run them (a trainer
        // only their own: the fixture's trainer teaches the session).
        ("v1/training/sessions/home", Who::Roles(ENTERPRISE)),
        ("v1/training/sessions/get", Who::Roles(ENTERPRISE)),
        ("v1/training/sessions/draft", Who::Roles(recorders)),
        ("v1/training/sessions/create", Who::Roles(recorders)),
        ("v1/training/sessions/roster/sign_in", Who::Roles(recorders)),
        (
            "v1/training/sessions/roster/sign_out",
            Who::Roles(recorders),
        ),
        ("v1/training/sessions/roster/hours", Who::Roles(recorders)),
        ("v1/training/sessions/roster/scores", Who::Roles(recorders)),
        ("v1/training/sessions/cancel", Who::Roles(recorders)),
        // Reviewing offline sign-ins (the session's trainer, officers, admins) and confirming a
        // back-entry (any trainer, officer or admin who took no part: a 409 otherwise).
        ("v1/training/sessions/roster/accept", Who::Roles(recorders)),
        ("v1/training/sessions/roster/reject", Who::Roles(recorders)),
        ("v1/training/sessions/confirm", Who::Roles(recorders)),
        // Trainers, officers and admins keep the question bank; anyone of the enterprise
        // opens and submits the quiz of a session they signed in to (others are refused,
        // 409: a business rule, not authorization; keepers who did not sign in preview it).
        ("v1/training/questions", Who::Roles(recorders)),
        (
            "v1/training/questions/install_starter",
            Who::Roles(recorders),
        ),
        ("v1/training/questions/create", Who::Roles(recorders)),
        ("v1/training/questions/deactivate", Who::Roles(recorders)),
        ("v1/training/quiz", Who::Roles(ENTERPRISE)),
        ("v1/training/quiz_submit", Who::Roles(ENTERPRISE)),
        // Clearance: everyone reads their own; officers, trainers and admins anyone's of the
        // enterprise; officers and admins record moves; admins set the policy; the regulator
        // reads the jurisdiction's shares.
        ("v1/training/clearance/mine", Who::Roles(ENTERPRISE)),
        ("v1/training/clearance/person", Who::Roles(recorders)),
        ("v1/training/clearance/coverage", Who::Roles(recorders)),
        ("v1/training/file/mine", Who::Roles(ENTERPRISE)),
        ("v1/training/file/person", Who::Roles(recorders)),
        ("v1/training/moves/record", Who::Roles(officers)),
        ("v1/offline/policy", Who::Roles(admins)),
        ("v1/offline/policy/save", Who::Roles(admins)),
        ("v1/patrols/policy", Who::Roles(admins)),
        ("v1/patrols/policy/save", Who::Roles(admins)),
        ("v1/training/policy", Who::Roles(admins)),
        ("v1/training/policy/save", Who::Roles(admins)),
        ("v1/training/regulator", Who::Roles(&[Regulator])),
    ]
}
