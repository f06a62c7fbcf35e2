//! 统一社会信用代码: 18 characters of the code set, the last a check character computed from
//! the first 17 (GB 32100-2015, its check-character annex; `docs/research.md` §A6 [S]). The
//! enterprise ledger keys an enterprise by it; a typo is refused before it is saved.

/// The code set, each character's value being its position (0–30): digits and capitals
/// without I, O, Z, S, V.
pub const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weight of positions 1–17: Wi = MOD(3^(i−1), 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// What is wrong with a typed code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeProblem {
    /// Not 18 characters.
    Length,
    /// A character outside the code set, at this position (1–18).
    Character { position: u8 },
    /// The 18th character is not the check character of the first 17.
    CheckCharacter,
}

fn value(c: char) -> Option<u32> {
    CHARSET.find(c).and_then(|i| u32::try_from(i).ok())
}

/// The code as it is kept: without spaces (people type it in groups, a spreadsheet pads it),
/// in capitals (people type lower case; the code set has none).
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// The check character of the first 17 characters, or `None` when they are not 17 characters
/// of the code set.
pub fn check_character(first17: &str) -> Option<char> {
    let values: Vec<u32> = first17.chars().map(value).collect::<Option<_>>()?;
    if values.len() != WEIGHTS.len() {
        return None;
    }
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    // 31 − MOD(sum, 31), where 31 is written as 0.
    let check = (31 - sum % 31) % 31;
    CHARSET.chars().nth(usize::try_from(check).ok()?)
}

/// Checks a normalized code (`normalize`): its length, each character, its check character.
pub fn check(code: &str) -> Result<(), CodeProblem> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CodeProblem::Length);
    }
    if let Some(i) = chars.iter().position(|c| value(*c).is_none()) {
        let position = u8::try_from(i + 1).unwrap_or(u8::MAX);
        return Err(CodeProblem::Character { position });
    }
    let first17: String = chars[..17].iter().collect();
    match check_character(&first17) {
        Some(c) if c == chars[17] => Ok(()),
        _ => Err(CodeProblem::CheckCharacter),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standards_worked_example() {
        // GB 32100-2015's example: the sum is 1640, MOD 31 is 28, the check character 3.
        let sum: u32 = "91350100M000100Y4"
            .chars()
            .map(|c| value(c).unwrap())
            .zip(WEIGHTS)
            .map(|(v, w)| v * w)
            .sum();
        assert_eq!(sum, 1640);
        assert_eq!(check_character("91350100M000100Y4"), Some('3'));
        assert_eq!(check("91350100M000100Y43"), Ok(()));
        // The standard's counter-example ends in Z, no character of the code set at all.
        assert_eq!(
            check("91350100M000100Y4Z"),
            Err(CodeProblem::Character { position: 18 })
        );
        assert_eq!(
            check("91350100M000100Y44"),
            Err(CodeProblem::CheckCharacter)
        );
    }

    #[test]
    fn the_weights_are_powers_of_three_modulo_31() {
        let mut w = 1u32;
        for weight in WEIGHTS {
            assert_eq!(weight, w);
            w = w * 3 % 31;
        }
        assert_eq!(CHARSET.len(), 31);
        for banned in ['I', 'O', 'Z', 'S', 'V'] {
            assert!(!CHARSET.contains(banned));
        }
    }

    #[test]
    fn every_check_character_occurs_and_31_is_written_as_0() {
        // The 17th character's weight (28) is prime to 31, so its 31 values give 31 different
        // check characters: the whole code set, 0 included (a sum divisible by 31).
        let prefix = "91110108MA01AB2C";
        let checks: std::collections::BTreeSet<char> = CHARSET
            .chars()
            .map(|c| check_character(&format!("{prefix}{c}")).unwrap())
            .collect();
        assert_eq!(checks.len(), 31);
        let zero = CHARSET
            .chars()
            .map(|c| format!("{prefix}{c}"))
            .find(|first17| check_character(first17) == Some('0'))
            .unwrap();
        let sum: u32 = zero
            .chars()
            .map(|c| value(c).unwrap())
            .zip(WEIGHTS)
            .map(|(v, w)| v * w)
            .sum();
        assert_eq!(sum % 31, 0);
        assert_eq!(check(&format!("{zero}0")), Ok(()));
        assert_eq!(check(&format!("{zero}Y")), Err(CodeProblem::CheckCharacter));
    }

    #[test]
    fn length_and_characters_are_checked_first_with_the_position() {
        assert_eq!(check("91350100M000100Y4"), Err(CodeProblem::Length));
        assert_eq!(check("91350100M000100Y433"), Err(CodeProblem::Length));
        assert_eq!(check(""), Err(CodeProblem::Length));
        assert_eq!(
            check("9135O100M000100Y43"),
            Err(CodeProblem::Character { position: 5 })
        );
        assert_eq!(
            check("91350100M000100Y4I"),
            Err(CodeProblem::Character { position: 18 })
        );
        // Lower case is refused as such, and accepted once normalized.
        assert_eq!(
            check("91350100m000100Y43"),
            Err(CodeProblem::Character { position: 9 })
        );
        assert_eq!(check(&normalize(" 91350100m000100y43 ")), Ok(()));
        // Spaces inside (typed in groups, a full-width one) go too.
        assert_eq!(check(&normalize("913501 00M000 100Y43\u{3000}")), Ok(()));
        assert_eq!(check_character("9135010"), None);
        assert_eq!(
            check("长长长长长长长长长长长长长长长长长长"),
            Err(CodeProblem::Character { position: 1 })
        );
    }
}
