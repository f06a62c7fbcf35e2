//! The password rule, shared by the browser and the server.

use crate::error::{AppError, Field, Problem};

/// Shortest password anyone may set.
pub const MIN_PASSWORD_CHARS: u16 = 8;
/// Longest password accepted (bounds the hashing work a request can ask for).
pub const MAX_PASSWORD_CHARS: u16 = 128;

/// Counted in characters, not bytes: eight Chinese characters are a valid password.
pub fn password_problem(password: &str) -> Option<Problem> {
    let chars = password.chars().count();
    if chars == 0 {
        Some(Problem::Required)
    } else if chars < MIN_PASSWORD_CHARS as usize {
        Some(Problem::TooShort {
            min: MIN_PASSWORD_CHARS,
        })
    } else if chars > MAX_PASSWORD_CHARS as usize {
        Some(Problem::TooLong {
            max: MAX_PASSWORD_CHARS,
        })
    } else {
        None
    }
}

pub fn validate_new_password(password: &str) -> Result<(), AppError> {
    match password_problem(password) {
        Some(p) => Err(AppError::invalid(Field::Password, p)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_length_rules() {
        assert_eq!(password_problem(""), Some(Problem::Required));
        assert_eq!(
            validate_new_password("1234567"),
            Err(AppError::invalid(
                Field::Password,
                Problem::TooShort { min: 8 }
            ))
        );
        assert!(validate_new_password("12345678").is_ok());
        assert!(validate_new_password(&"x".repeat(128)).is_ok());
        assert_eq!(
            password_problem(&"x".repeat(129)),
            Some(Problem::TooLong { max: 128 })
        );
        assert!(validate_new_password("安全生产人人有责").is_ok());
    }
}
