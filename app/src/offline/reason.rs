//! What the outbox tells a person about a refused record: the same sentence the page would
//! have shown (`shell::error_text`), in their language, and a short stable key.

use crate::{error::AppError, i18n::Locale};

/// The sentence for `err` in `locale`: the pages' own words (`shell::error_text_in`).
pub fn reason_text(locale: Locale, err: &AppError) -> String {
    crate::shell::error_text_in(locale, err)
}

/// A stable key for `err`: a refusal's own name (`not_inside`, `clock_skew`), else the
/// error's kind (`invalid_client_id`, `forbidden`, `not_found`...).
pub fn reason_code(err: &AppError) -> String {
    let name = |v: serde_json::Value| match v {
        serde_json::Value::String(s) => s,
        serde_json::Value::Object(m) => m.keys().next().cloned().unwrap_or_default(),
        _ => String::new(),
    };
    match err {
        AppError::Refused(r) => r.code(),
        AppError::Invalid { field, .. } => format!("invalid_{}", field.name()),
        other => {
            let tag = name(serde_json::to_value(other).unwrap_or_default());
            // `Forbidden` → `forbidden`, `ClientIdReused` → `client_id_reused`.
            let mut out = String::new();
            for (i, c) in tag.chars().enumerate() {
                if c.is_uppercase() {
                    if i > 0 {
                        out.push('_');
                    }
                    out.extend(c.to_lowercase());
                } else {
                    out.push(c);
                }
            }
            out
        }
    }
}
