//! Turning errors and roles into translated text.

use crate::{
    auth::Role,
    error::{AnyField, AppError, Problem},
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
        Role::Operator => td_string!(locale, common.role_operator).to_string(),
        Role::Expert => td_string!(locale, common.role_expert).to_string(),
    }
}

pub fn field_label_in(locale: crate::i18n::Locale, field: AnyField) -> String {
    field.label_in(locale)
}

pub fn problem_text_in(locale: crate::i18n::Locale, field: AnyField, problem: Problem) -> String {
    let field = field_label_in(locale, field);
    match problem {
        Problem::Required => td_string!(locale, common.err_required, field).to_string(),
        Problem::TooLong { max } => td_string!(locale, common.err_too_long, field, max).to_string(),
        Problem::TooShort { min } => {
            td_string!(locale, common.err_too_short, field, min).to_string()
        }
        Problem::Invalid => td_string!(locale, common.err_invalid, field).to_string(),
        Problem::Taken => td_string!(locale, common.err_taken, field).to_string(),
        Problem::Unknown => td_string!(locale, common.err_unknown, field).to_string(),
        Problem::CheckCharacter => {
            td_string!(locale, common.err_check_character, field).to_string()
        }
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
        let err = AppError::invalid(crate::error::Field::DateTo, Problem::TooLate);
        assert_eq!(
            error_text_in(Locale::en, &err),
            "To date is later than the longest period allowed"
        );
        assert!(error_text_in(Locale::zh_CN, &err).starts_with("截止日期"));
    }
}
