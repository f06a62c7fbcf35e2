//! Argon2id password hashes (password-auth's defaults), computed off the async threads.

use crate::error::AppError;

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "hashing task failed");
            AppError::Internal
        })
}

/// Hashes many passwords on one blocking thread (CSV imports).
pub async fn hash_all(passwords: Vec<String>) -> Result<Vec<String>, AppError> {
    tokio::task::spawn_blocking(move || {
        passwords
            .into_iter()
            .map(password_auth::generate_hash)
            .collect()
    })
    .await
    .map_err(|err| {
        tracing::error!(error = %err, "hashing task failed");
        AppError::Internal
    })
}

pub async fn verify(password: String, hash: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || password_auth::verify_password(password, &hash).is_ok())
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "verify task failed");
            AppError::Internal
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let h = hash("correct horse".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify("correct horse".into(), h.clone()).await.unwrap());
        assert!(!verify("wrong horse".into(), h).await.unwrap());
    }
}
