//! Turning errors and roles into translated text.

use crate::{
    auth::Role,
    error::{AppError, Field, Problem, Refusal},
    i18n::*,
};
use leptos_i18n::I18nContext;

pub fn role_label(i18n: I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Worker => t_string!(i18n, common.role_worker).to_string(),
        Role::SafetyOfficer => t_string!(i18n, common.role_safety_officer).to_string(),
        Role::Trainer => t_string!(i18n, common.role_trainer).to_string(),
        Role::EnterpriseAdmin => t_string!(i18n, common.role_enterprise_admin).to_string(),
        Role::Regulator => t_string!(i18n, common.role_regulator).to_string(),
    }
}

pub fn field_label(i18n: I18nContext<Locale>, field: Field) -> String {
    match field {
        Field::Account => t_string!(i18n, common.field_account).to_string(),
        Field::Password => t_string!(i18n, common.field_password).to_string(),
        Field::EnterpriseCode => t_string!(i18n, common.field_enterprise_code).to_string(),
        Field::Name => t_string!(i18n, common.field_name).to_string(),
        Field::Mobile => t_string!(i18n, common.field_mobile).to_string(),
        Field::EmployeeNo => t_string!(i18n, common.field_employee_no).to_string(),
        Field::Role => t_string!(i18n, common.field_role).to_string(),
        Field::Csv => t_string!(i18n, common.field_csv).to_string(),
        Field::ClientId => t_string!(i18n, common.field_client_id).to_string(),
        Field::User => t_string!(i18n, common.field_user).to_string(),
        Field::SpaceCode => t_string!(i18n, common.field_space_code).to_string(),
        Field::SpaceName => t_string!(i18n, common.field_space_name).to_string(),
        Field::Location => t_string!(i18n, common.field_location).to_string(),
        Field::SpaceType => t_string!(i18n, common.field_space_type).to_string(),
        Field::Hazards => t_string!(i18n, common.field_hazards).to_string(),
        Field::Gases => t_string!(i18n, common.field_gases).to_string(),
        Field::Equipment => t_string!(i18n, common.field_equipment).to_string(),
        Field::ResponsiblePerson => t_string!(i18n, common.field_responsible_person).to_string(),
        Field::Space => t_string!(i18n, common.field_space).to_string(),
        Field::ShortCode => t_string!(i18n, common.field_short_code).to_string(),
        Field::WorkContent => t_string!(i18n, common.field_work_content).to_string(),
        Field::PlannedEnd => t_string!(i18n, common.field_planned_end).to_string(),
        Field::Entrants => t_string!(i18n, common.field_entrants).to_string(),
        Field::Reason => t_string!(i18n, common.field_reason).to_string(),
        Field::Detector => t_string!(i18n, common.field_detector).to_string(),
        Field::ValidUntil => t_string!(i18n, common.field_valid_until).to_string(),
        Field::PlannedStart => t_string!(i18n, common.field_planned_start).to_string(),
        Field::Attendant => t_string!(i18n, common.field_attendant).to_string(),
        Field::PersonInCharge => t_string!(i18n, common.field_person_in_charge).to_string(),
        Field::Operation => t_string!(i18n, common.field_operation).to_string(),
        Field::CalibrationDue => t_string!(i18n, common.field_calibration_due).to_string(),
        Field::Policy => t_string!(i18n, common.field_policy).to_string(),
        Field::DocumentRef => t_string!(i18n, common.field_document_ref).to_string(),
        Field::Delegation => t_string!(i18n, common.field_delegation).to_string(),
        Field::Checklist => t_string!(i18n, common.field_checklist).to_string(),
        Field::Contractor => t_string!(i18n, common.field_contractor).to_string(),
        Field::Measures => t_string!(i18n, common.field_measures).to_string(),
        Field::Tools => t_string!(i18n, common.field_tools).to_string(),
        Field::Principal => t_string!(i18n, common.field_principal).to_string(),
        Field::MaxWindowHours => t_string!(i18n, common.field_max_window_hours).to_string(),
        Field::NewPassword => t_string!(i18n, common.field_new_password).to_string(),
        Field::Photo => t_string!(i18n, common.field_photo).to_string(),
        Field::Description => t_string!(i18n, hazards.field_description).to_string(),
        Field::Category => t_string!(i18n, hazards.field_category).to_string(),
        Field::Grade => t_string!(i18n, hazards.field_grade).to_string(),
        Field::Source => t_string!(i18n, hazards.field_source).to_string(),
        Field::Criterion => t_string!(i18n, hazards.field_criterion).to_string(),
        Field::Rectifier => t_string!(i18n, hazards.field_rectifier).to_string(),
        Field::Funds => t_string!(i18n, hazards.field_funds).to_string(),
        Field::Deadline => t_string!(i18n, hazards.field_deadline).to_string(),
        Field::InterimControl => t_string!(i18n, hazards.field_interim_control).to_string(),
        Field::PlanGoal => t_string!(i18n, hazards.field_plan_goal).to_string(),
        Field::PlanMethods => t_string!(i18n, hazards.field_plan_methods).to_string(),
        Field::PlanFunds => t_string!(i18n, hazards.field_plan_funds).to_string(),
        Field::PlanOrganisation => t_string!(i18n, hazards.field_plan_organisation).to_string(),
        Field::PlanSchedule => t_string!(i18n, hazards.field_plan_schedule).to_string(),
        Field::PlanSafety => t_string!(i18n, hazards.field_plan_safety).to_string(),
        Field::ReportedOn => t_string!(i18n, hazards.field_reported_on).to_string(),
        Field::Rectification => t_string!(i18n, hazards.field_rectification).to_string(),
        Field::Note => t_string!(i18n, hazards.field_note).to_string(),
        Field::Hazard => t_string!(i18n, hazards.field_hazard).to_string(),
        Field::PatrolPoint => t_string!(i18n, patrols.field_patrol_point).to_string(),
        Field::Area => t_string!(i18n, patrols.field_area).to_string(),
        Field::Pack => t_string!(i18n, patrols.field_pack).to_string(),
        Field::ItemText => t_string!(i18n, patrols.field_item_text).to_string(),
        Field::AnswerType => t_string!(i18n, patrols.field_answer_type).to_string(),
        Field::MinValue => t_string!(i18n, patrols.field_min_value).to_string(),
        Field::MaxValue => t_string!(i18n, patrols.field_max_value).to_string(),
        Field::Unit => t_string!(i18n, patrols.field_unit).to_string(),
        Field::Frequency => t_string!(i18n, patrols.field_frequency).to_string(),
        Field::WindowStart => t_string!(i18n, patrols.field_window_start).to_string(),
        Field::WindowEnd => t_string!(i18n, patrols.field_window_end).to_string(),
        Field::ShiftsPerDay => t_string!(i18n, patrols.field_shifts_per_day).to_string(),
        Field::Weekday => t_string!(i18n, patrols.field_weekday).to_string(),
        Field::MonthDay => t_string!(i18n, patrols.field_month_day).to_string(),
        Field::Patrollers => t_string!(i18n, patrols.field_patrollers).to_string(),
        Field::Answer => t_string!(i18n, patrols.field_answer).to_string(),
        Field::Record => t_string!(i18n, patrols.field_record).to_string(),
        Field::Day => t_string!(i18n, patrols.field_day).to_string(),
        Field::PeriodFrom => t_string!(i18n, selfcheck.field_period_from).to_string(),
        Field::PeriodTo => t_string!(i18n, selfcheck.field_period_to).to_string(),
        Field::DateFrom => t_string!(i18n, patrols.field_date_from).to_string(),
        Field::DateTo => t_string!(i18n, patrols.field_date_to).to_string(),
        Field::SessionTitle => t_string!(i18n, sessions.field_session_title).to_string(),
        Field::SessionDate => t_string!(i18n, sessions.field_session_date).to_string(),
        Field::StartTime => t_string!(i18n, sessions.field_start_time).to_string(),
        Field::EndTime => t_string!(i18n, sessions.field_end_time).to_string(),
        Field::CreditedHours => t_string!(i18n, sessions.field_credited_hours).to_string(),
        Field::Trainer => t_string!(i18n, sessions.field_trainer).to_string(),
        Field::Summary => t_string!(i18n, sessions.field_summary).to_string(),
        Field::Audience => t_string!(i18n, sessions.field_audience).to_string(),
        Field::Department => t_string!(i18n, sessions.field_department).to_string(),
        Field::Assessment => t_string!(i18n, sessions.field_assessment).to_string(),
        Field::PassMark => t_string!(i18n, sessions.field_pass_mark).to_string(),
        Field::QuizSize => t_string!(i18n, sessions.field_quiz_size).to_string(),
        Field::TrainingSession => t_string!(i18n, sessions.field_training_session).to_string(),
        Field::SignInTime => t_string!(i18n, sessions.field_sign_in_time).to_string(),
        Field::SignOutTime => t_string!(i18n, sessions.field_sign_out_time).to_string(),
        Field::HoursOverride => t_string!(i18n, sessions.field_hours_override).to_string(),
        Field::Score => t_string!(i18n, sessions.field_score).to_string(),
        Field::QuestionKind => t_string!(i18n, quiz.field_kind).to_string(),
        Field::QuestionPrompt => t_string!(i18n, quiz.field_prompt).to_string(),
        Field::QuestionOptions => t_string!(i18n, quiz.field_options).to_string(),
        Field::QuestionCorrect => t_string!(i18n, quiz.field_correct).to_string(),
        Field::QuestionBasis => t_string!(i18n, quiz.field_basis).to_string(),
        Field::Question => t_string!(i18n, quiz.field_question).to_string(),
        Field::QuizSession => t_string!(i18n, quiz.field_session).to_string(),
        Field::QuizAnswers => t_string!(i18n, quiz.field_answers).to_string(),
        Field::MoveKind => t_string!(i18n, clearance.field_move_kind).to_string(),
        Field::MoveDate => t_string!(i18n, clearance.field_move_date).to_string(),
        Field::AwaySince => t_string!(i18n, clearance.field_away_since).to_string(),
        Field::InductionHours => t_string!(i18n, clearance.field_induction_hours).to_string(),
        Field::AnnualHours => t_string!(i18n, clearance.field_annual_hours).to_string(),
        Field::QualificationKind => t_string!(i18n, clearance.field_qualification_kind).to_string(),
        Field::HiredOn => t_string!(i18n, clearance.field_hired_on).to_string(),
    }
}

pub fn problem_text(i18n: I18nContext<Locale>, field: Field, problem: Problem) -> String {
    let field = field_label(i18n, field);
    match problem {
        Problem::Required => t_string!(i18n, common.err_required, field).to_string(),
        Problem::TooLong { max } => t_string!(i18n, common.err_too_long, field, max).to_string(),
        Problem::TooShort { min } => t_string!(i18n, common.err_too_short, field, min).to_string(),
        Problem::Invalid => t_string!(i18n, common.err_invalid, field).to_string(),
        Problem::Taken => t_string!(i18n, common.err_taken, field).to_string(),
        Problem::DuplicateInFile => {
            t_string!(i18n, common.err_duplicate_in_file, field).to_string()
        }
        Problem::Stale => t_string!(i18n, common.err_stale, field).to_string(),
        Problem::InPast => t_string!(i18n, common.err_in_past, field).to_string(),
        Problem::TooLate => t_string!(i18n, common.err_too_late, field).to_string(),
        Problem::BeforeStart => t_string!(i18n, common.err_before_start, field).to_string(),
        Problem::FileTooLarge { max_mib } => {
            t_string!(i18n, common.err_file_too_large, field, max_mib).to_string()
        }
        Problem::NotAnImage => t_string!(i18n, common.err_not_an_image, field).to_string(),
        Problem::ImageTooLarge { max_px } => {
            t_string!(i18n, common.err_image_too_large, field, max_px).to_string()
        }
    }
}

/// One sentence for the user. Row-level problems of a file are listed by the import page.
pub fn error_text(i18n: I18nContext<Locale>, err: &AppError) -> String {
    match err {
        AppError::Unauthenticated => t_string!(i18n, common.err_unauthenticated).to_string(),
        AppError::Forbidden => t_string!(i18n, common.err_forbidden).to_string(),
        AppError::NotFound => t_string!(i18n, common.err_not_found).to_string(),
        AppError::Invalid { field, problem } => problem_text(i18n, *field, *problem),
        AppError::InvalidRows(_) => t_string!(i18n, users.import_nothing_saved).to_string(),
        AppError::ClientIdReused => t_string!(i18n, common.err_client_id_reused).to_string(),
        AppError::BadCredentials => t_string!(i18n, common.err_bad_credentials).to_string(),
        AppError::Locked { minutes } => {
            let minutes = *minutes;
            t_string!(i18n, common.err_locked, minutes).to_string()
        }
        AppError::TooManyAttempts => t_string!(i18n, common.err_too_many).to_string(),
        AppError::Malformed => t_string!(i18n, common.err_malformed).to_string(),
        AppError::Refused(Refusal::Operation(r)) => crate::operations::refusal_text(i18n, *r),
        AppError::Refused(Refusal::Training(r)) => crate::training::refusal_text(i18n, *r),
        AppError::Refused(Refusal::Hazard(r)) => crate::hazards::refusal_text(i18n, *r),
        AppError::Refused(Refusal::Patrol(r)) => crate::patrols::refusal_text(i18n, *r),
        AppError::NoPublicUrl => t_string!(i18n, common.err_no_public_url).to_string(),
        AppError::Internal => t_string!(i18n, common.err_internal).to_string(),
        AppError::Transport(_) => t_string!(i18n, common.err_transport).to_string(),
    }
}
