//! Checkpoint tokens: 128 random bits for the QR, and a short typed code.

use crate::error::AppError;

/// Letters and digits that cannot be confused when read off a dirty poster (no 0/O, 1/I/L).
const SHORT_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const SHORT_CODE_LEN: usize = 8;

fn random_bytes<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|err| {
        tracing::error!(error = %err, "no randomness");
        AppError::Internal
    })?;
    Ok(bytes)
}

/// 128 bits, base32 lowercase without padding: 26 characters, URL-safe, unguessable.
pub fn new_token() -> Result<String, AppError> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz234567";
    let bytes = random_bytes::<16>()?;
    let mut bits: u32 = 0;
    let mut nbits = 0;
    let mut out = String::with_capacity(26);
    for b in bytes {
        bits = (bits << 8) | u32::from(b);
        nbits += 8;
        while nbits >= 5 {
            nbits -= 5;
            out.push(ALPHABET[((bits >> nbits) & 31) as usize] as char);
        }
    }
    if nbits > 0 {
        out.push(ALPHABET[((bits << (5 - nbits)) & 31) as usize] as char);
    }
    Ok(out)
}

/// Eight characters from a 31-letter alphabet (about 40 bits). Unique in the database; typing
/// one still needs a signed-in user of the same enterprise.
pub fn new_short_code() -> Result<String, AppError> {
    let bytes = random_bytes::<SHORT_CODE_LEN>()?;
    Ok(bytes
        .iter()
        .map(|b| SHORT_ALPHABET[*b as usize % SHORT_ALPHABET.len()] as char)
        .collect())
}

/// Whether `text` has a short code's shape (never a token's: tokens are 26 lowercase
/// characters). A page or a start reached by one was reached by typing, not scanning.
pub fn is_short_code(text: &str) -> bool {
    text.len() == SHORT_CODE_LEN && text.bytes().all(|b| SHORT_ALPHABET.contains(&b))
}

/// Normalises a typed short code: case, spaces and dashes do not matter.
pub fn normalize_short_code(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_26_url_safe_characters_and_differ() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 26);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_lowercase() || (b'2'..=b'7').contains(&c)));
        assert_ne!(a, b);
    }

    #[test]
    fn short_codes_avoid_confusable_characters() {
        for _ in 0..200 {
            let code = new_short_code().unwrap();
            assert_eq!(code.len(), SHORT_CODE_LEN);
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
        }
        assert_eq!(normalize_short_code(" ab-cd 23ef "), "ABCD23EF");
        assert!(is_short_code("ABCD23EF"));
        assert!(!is_short_code("ABCD23E") && !is_short_code("ABCD23EO"));
        assert!(!is_short_code(&new_token().unwrap()));
    }
}
