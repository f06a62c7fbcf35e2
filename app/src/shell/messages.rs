//! Turning errors and roles into translated text.

use crate::{
    auth::Role,
    error::{AppError, Field, Problem},
    i18n::*,
};
use leptos_i18n::I18nContext;

pub fn role_label_in(locale: crate::i18n::Locale, role: Role) -> String {
    match role {
        Role::Worker => td_string!(locale, common.role_worker).to_string(),
        Role::SafetyOfficer => td_string!(locale, common.role_safety_officer).to_string(),
        Role::Trainer => td_string!(locale, common.role_trainer).to_string(),
        Role::EnterpriseAdmin => td_string!(locale, common.role_enterprise_admin).to_string(),
        Role::Regulator => td_string!(locale, common.role_regulator).to_string(),
    }
}

pub fn field_label_in(locale: crate::i18n::Locale, field: Field) -> String {
    match field {
        Field::Account => td_string!(locale, common.field_account).to_string(),
        Field::Password => td_string!(locale, common.field_password).to_string(),
        Field::EnterpriseCode => td_string!(locale, common.field_enterprise_code).to_string(),
        Field::Name => td_string!(locale, common.field_name).to_string(),
        Field::Mobile => td_string!(locale, common.field_mobile).to_string(),
        Field::EmployeeNo => td_string!(locale, common.field_employee_no).to_string(),
        Field::Role => td_string!(locale, common.field_role).to_string(),
        Field::Csv => td_string!(locale, common.field_csv).to_string(),
        Field::ClientId => td_string!(locale, common.field_client_id).to_string(),
        Field::User => td_string!(locale, common.field_user).to_string(),
        Field::SpaceCode => td_string!(locale, common.field_space_code).to_string(),
        Field::SpaceName => td_string!(locale, common.field_space_name).to_string(),
        Field::Location => td_string!(locale, common.field_location).to_string(),
        Field::SpaceType => td_string!(locale, common.field_space_type).to_string(),
        Field::Hazards => td_string!(locale, common.field_hazards).to_string(),
        Field::Gases => td_string!(locale, common.field_gases).to_string(),
        Field::Equipment => td_string!(locale, common.field_equipment).to_string(),
        Field::ResponsiblePerson => td_string!(locale, common.field_responsible_person).to_string(),
        Field::Space => td_string!(locale, common.field_space).to_string(),
        Field::ShortCode => td_string!(locale, common.field_short_code).to_string(),
        Field::WorkContent => td_string!(locale, common.field_work_content).to_string(),
        Field::PlannedEnd => td_string!(locale, common.field_planned_end).to_string(),
        Field::Entrants => td_string!(locale, common.field_entrants).to_string(),
        Field::Reason => td_string!(locale, common.field_reason).to_string(),
        Field::Detector => td_string!(locale, common.field_detector).to_string(),
        Field::ValidUntil => td_string!(locale, common.field_valid_until).to_string(),
        Field::PlannedStart => td_string!(locale, common.field_planned_start).to_string(),
        Field::Attendant => td_string!(locale, common.field_attendant).to_string(),
        Field::PersonInCharge => td_string!(locale, common.field_person_in_charge).to_string(),
        Field::Operation => td_string!(locale, common.field_operation).to_string(),
        Field::CalibrationDue => td_string!(locale, common.field_calibration_due).to_string(),
        Field::Policy => td_string!(locale, common.field_policy).to_string(),
        Field::DocumentRef => td_string!(locale, common.field_document_ref).to_string(),
        Field::Delegation => td_string!(locale, common.field_delegation).to_string(),
        Field::Checklist => td_string!(locale, common.field_checklist).to_string(),
        Field::Contractor => td_string!(locale, common.field_contractor).to_string(),
        Field::Measures => td_string!(locale, common.field_measures).to_string(),
        Field::Tools => td_string!(locale, common.field_tools).to_string(),
        Field::Principal => td_string!(locale, common.field_principal).to_string(),
        Field::MaxWindowHours => td_string!(locale, common.field_max_window_hours).to_string(),
        Field::NewPassword => td_string!(locale, common.field_new_password).to_string(),
        Field::Photo => td_string!(locale, common.field_photo).to_string(),
        Field::Description => td_string!(locale, hazards.field_description).to_string(),
        Field::Category => td_string!(locale, hazards.field_category).to_string(),
        Field::Grade => td_string!(locale, hazards.field_grade).to_string(),
        Field::Source => td_string!(locale, hazards.field_source).to_string(),
        Field::Criterion => td_string!(locale, hazards.field_criterion).to_string(),
        Field::Rectifier => td_string!(locale, hazards.field_rectifier).to_string(),
        Field::Funds => td_string!(locale, hazards.field_funds).to_string(),
        Field::Deadline => td_string!(locale, hazards.field_deadline).to_string(),
        Field::InterimControl => td_string!(locale, hazards.field_interim_control).to_string(),
        Field::PlanGoal => td_string!(locale, hazards.field_plan_goal).to_string(),
        Field::PlanMethods => td_string!(locale, hazards.field_plan_methods).to_string(),
        Field::PlanFunds => td_string!(locale, hazards.field_plan_funds).to_string(),
        Field::PlanOrganisation => td_string!(locale, hazards.field_plan_organisation).to_string(),
        Field::PlanSchedule => td_string!(locale, hazards.field_plan_schedule).to_string(),
        Field::PlanSafety => td_string!(locale, hazards.field_plan_safety).to_string(),
        Field::ReportedOn => td_string!(locale, hazards.field_reported_on).to_string(),
        Field::Rectification => td_string!(locale, hazards.field_rectification).to_string(),
        Field::Note => td_string!(locale, hazards.field_note).to_string(),
        Field::Hazard => td_string!(locale, hazards.field_hazard).to_string(),
        Field::PatrolPoint => td_string!(locale, patrols.field_patrol_point).to_string(),
        Field::PatrolSchedule => td_string!(locale, patrols.field_schedule).to_string(),
        Field::Area => td_string!(locale, patrols.field_area).to_string(),
        Field::Pack => td_string!(locale, patrols.field_pack).to_string(),
        Field::ItemText => td_string!(locale, patrols.field_item_text).to_string(),
        Field::AnswerType => td_string!(locale, patrols.field_answer_type).to_string(),
        Field::MinValue => td_string!(locale, patrols.field_min_value).to_string(),
        Field::MaxValue => td_string!(locale, patrols.field_max_value).to_string(),
        Field::Unit => td_string!(locale, patrols.field_unit).to_string(),
        Field::Frequency => td_string!(locale, patrols.field_frequency).to_string(),
        Field::WindowStart => td_string!(locale, patrols.field_window_start).to_string(),
        Field::WindowEnd => td_string!(locale, patrols.field_window_end).to_string(),
        Field::ShiftsPerDay => td_string!(locale, patrols.field_shifts_per_day).to_string(),
        Field::Weekday => td_string!(locale, patrols.field_weekday).to_string(),
        Field::MonthDay => td_string!(locale, patrols.field_month_day).to_string(),
        Field::Patrollers => td_string!(locale, patrols.field_patrollers).to_string(),
        Field::Answer => td_string!(locale, patrols.field_answer).to_string(),
        Field::Record => td_string!(locale, patrols.field_record).to_string(),
        Field::Day => td_string!(locale, patrols.field_day).to_string(),
        Field::PeriodFrom => td_string!(locale, selfcheck.field_period_from).to_string(),
        Field::PeriodTo => td_string!(locale, selfcheck.field_period_to).to_string(),
        Field::DateFrom => td_string!(locale, patrols.field_date_from).to_string(),
        Field::DateTo => td_string!(locale, patrols.field_date_to).to_string(),
        Field::SessionTitle => td_string!(locale, sessions.field_session_title).to_string(),
        Field::SessionDate => td_string!(locale, sessions.field_session_date).to_string(),
        Field::StartTime => td_string!(locale, sessions.field_start_time).to_string(),
        Field::EndTime => td_string!(locale, sessions.field_end_time).to_string(),
        Field::CreditedHours => td_string!(locale, sessions.field_credited_hours).to_string(),
        Field::Trainer => td_string!(locale, sessions.field_trainer).to_string(),
        Field::Summary => td_string!(locale, sessions.field_summary).to_string(),
        Field::Audience => td_string!(locale, sessions.field_audience).to_string(),
        Field::Department => td_string!(locale, sessions.field_department).to_string(),
        Field::Assessment => td_string!(locale, sessions.field_assessment).to_string(),
        Field::PassMark => td_string!(locale, sessions.field_pass_mark).to_string(),
        Field::QuizSize => td_string!(locale, sessions.field_quiz_size).to_string(),
        Field::TrainingSession => td_string!(locale, sessions.field_training_session).to_string(),
        Field::SignInTime => td_string!(locale, sessions.field_sign_in_time).to_string(),
        Field::SignOutTime => td_string!(locale, sessions.field_sign_out_time).to_string(),
        Field::HoursOverride => td_string!(locale, sessions.field_hours_override).to_string(),
        Field::Score => td_string!(locale, sessions.field_score).to_string(),
        Field::QuestionKind => td_string!(locale, quiz.field_kind).to_string(),
        Field::QuestionPrompt => td_string!(locale, quiz.field_prompt).to_string(),
        Field::QuestionOptions => td_string!(locale, quiz.field_options).to_string(),
        Field::QuestionCorrect => td_string!(locale, quiz.field_correct).to_string(),
        Field::QuestionBasis => td_string!(locale, quiz.field_basis).to_string(),
        Field::Question => td_string!(locale, quiz.field_question).to_string(),
        Field::QuizSession => td_string!(locale, quiz.field_session).to_string(),
        Field::QuizAnswers => td_string!(locale, quiz.field_answers).to_string(),
        Field::MoveKind => td_string!(locale, clearance.field_move_kind).to_string(),
        Field::MoveDate => td_string!(locale, clearance.field_move_date).to_string(),
        Field::AwaySince => td_string!(locale, clearance.field_away_since).to_string(),
        Field::InductionHours => td_string!(locale, clearance.field_induction_hours).to_string(),
        Field::AnnualHours => td_string!(locale, clearance.field_annual_hours).to_string(),
        Field::QualificationKind => {
            td_string!(locale, clearance.field_qualification_kind).to_string()
        }
        Field::HiredOn => td_string!(locale, clearance.field_hired_on).to_string(),
        Field::UploadHours => td_string!(locale, patrols.field_upload_hours).to_string(),
        Field::KeepPagesHours => td_string!(locale, pwa.field_keep_pages_hours).to_string(),
        Field::PhotoQuota => td_string!(locale, photos.field_quota).to_string(),
    }
}

pub fn problem_text_in(locale: crate::i18n::Locale, field: Field, problem: Problem) -> String {
    let field = field_label_in(locale, field);
    match problem {
        Problem::Required => td_string!(locale, common.err_required, field).to_string(),
        Problem::TooLong { max } => td_string!(locale, common.err_too_long, field, max).to_string(),
        Problem::TooShort { min } => {
            td_string!(locale, common.err_too_short, field, min).to_string()
        }
        Problem::Invalid => td_string!(locale, common.err_invalid, field).to_string(),
        Problem::Taken => td_string!(locale, common.err_taken, field).to_string(),
        Problem::DuplicateInFile => {
            td_string!(locale, common.err_duplicate_in_file, field).to_string()
        }
        Problem::Stale => td_string!(locale, common.err_stale, field).to_string(),
        Problem::InPast => td_string!(locale, common.err_in_past, field).to_string(),
        Problem::TooLate => td_string!(locale, common.err_too_late, field).to_string(),
        Problem::BeforeStart => td_string!(locale, common.err_before_start, field).to_string(),
        Problem::NotBefore { earliest } => {
            let earliest = earliest.to_string();
            td_string!(locale, common.err_not_before, field, earliest).to_string()
        }
        Problem::NotAfter { latest } => {
            let latest = latest.to_string();
            td_string!(locale, common.err_not_after, field, latest).to_string()
        }
        Problem::FileTooLarge { max_mib } => {
            td_string!(locale, common.err_file_too_large, field, max_mib).to_string()
        }
        Problem::NotAnImage => td_string!(locale, common.err_not_an_image, field).to_string(),
        Problem::ImageTooLarge {
            max_px,
            max_megapixels,
        } => td_string!(
            locale,
            common.err_image_too_large,
            field,
            max_px,
            max_megapixels
        )
        .to_string(),
        Problem::TooManyFiles { max } => {
            td_string!(locale, common.err_too_many_files, field, max).to_string()
        }
        Problem::StorageFull { quota_mib } => {
            td_string!(locale, common.err_storage_full, quota_mib).to_string()
        }
    }
}

/// One sentence for the user. Row-level problems of a file are listed by the import page.
pub fn error_text_in(locale: crate::i18n::Locale, err: &AppError) -> String {
    match err {
        AppError::Unauthenticated => td_string!(locale, common.err_unauthenticated).to_string(),
        AppError::Forbidden => td_string!(locale, common.err_forbidden).to_string(),
        AppError::NotFound => td_string!(locale, common.err_not_found).to_string(),
        AppError::Invalid { field, problem } => problem_text_in(locale, *field, *problem),
        AppError::InvalidRows(_) => td_string!(locale, users.import_nothing_saved).to_string(),
        AppError::ClientIdReused => td_string!(locale, common.err_client_id_reused).to_string(),
        AppError::BadCredentials => td_string!(locale, common.err_bad_credentials).to_string(),
        AppError::Locked { minutes } => {
            let minutes = *minutes;
            td_string!(locale, common.err_locked, minutes).to_string()
        }
        AppError::TooManyAttempts => td_string!(locale, common.err_too_many).to_string(),
        AppError::Malformed => td_string!(locale, common.err_malformed).to_string(),
        AppError::Refused(r) => r
            .text_in(locale)
            .unwrap_or_else(|| td_string!(locale, common.err_refused).to_string()),
        AppError::NoPublicUrl => td_string!(locale, common.err_no_public_url).to_string(),
        AppError::Busy => td_string!(locale, common.err_busy).to_string(),
        AppError::Internal => td_string!(locale, common.err_internal).to_string(),
        AppError::Transport(_) => td_string!(locale, common.err_transport).to_string(),
    }
}

// The same sentences in the page's language (the pages' i18n context); `*_in` take a locale
// for answers made outside a page (the outbox's JSON, `offline::reason_text`).
pub fn role_label(i18n: I18nContext<Locale>, role: Role) -> String {
    role_label_in(i18n.get_locale(), role)
}

pub fn error_text(i18n: I18nContext<Locale>, err: &AppError) -> String {
    error_text_in(i18n.get_locale(), err)
}

/// A file's answer (an XLSX export, a plain GET without a page to show an error on): the file,
/// or the error's status with its sentence in `locale` as plain text.
#[cfg(feature = "ssr")]
pub fn file_answer(
    locale: crate::i18n::Locale,
    result: Result<Vec<u8>, AppError>,
    filename: &str,
) -> axum::response::Response {
    use axum::{
        http::{header, StatusCode},
        response::IntoResponse,
    };
    match result {
        Ok(bytes) => crate::xlsx::download(Ok(bytes), filename),
        Err(err) => {
            let status =
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let content_type = (header::CONTENT_TYPE, "text/plain; charset=utf-8");
            (status, [content_type], error_text_in(locale, &err)).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_in_the_users_language() {
        let err = AppError::invalid(Field::DateTo, Problem::TooLate);
        assert_eq!(
            error_text_in(Locale::en, &err),
            "To date is later than the longest period allowed"
        );
        assert!(error_text_in(Locale::zh_CN, &err).starts_with("截止日期"));
    }
}
