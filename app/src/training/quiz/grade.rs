//! Grading on the server: a question is right only when the chosen options are exactly the
//! correct ones (a partial or a larger choice in a multiple-choice question is wrong), an
//! unanswered question is wrong, and the pass is decided on the exact share of right answers
//! (`100 × right ≥ pass mark × total`, in whole numbers): 39 of 49 (79.59 %) is no pass at 80.
//! The score shown is that share rounded down to a whole percent, so it never shows a mark
//! that was not reached.

use crate::error::{AppError, Problem};
use crate::training::TrainingField;
use std::collections::BTreeSet;

/// What grading needs of one drawn question: how many options it shows and which are right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub options: usize,
    pub correct: BTreeSet<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graded {
    /// Per question, in order: answered right.
    pub right: Vec<bool>,
    pub correct_count: i32,
    pub question_count: i32,
    /// floor(100 × right / total), 0–100: shown, never used to decide a pass.
    pub score: i32,
}

/// Grades `chosen` (per question, in order; empty = unanswered) against `keys`. An option
/// index the question does not have is no answer a form of ours sends: refused as invalid.
pub fn grade(keys: &[Key], chosen: &[BTreeSet<u8>]) -> Result<Graded, AppError> {
    if keys.is_empty() || chosen.len() != keys.len() {
        return Err(AppError::invalid(
            TrainingField::QuizAnswers,
            Problem::Invalid,
        ));
    }
    let mut right = Vec::with_capacity(keys.len());
    for (key, answer) in keys.iter().zip(chosen) {
        if answer.iter().any(|&i| usize::from(i) >= key.options) {
            return Err(AppError::invalid(
                TrainingField::QuizAnswers,
                Problem::Invalid,
            ));
        }
        right.push(!answer.is_empty() && *answer == key.correct);
    }
    let correct_count = right.iter().filter(|r| **r).count() as i32;
    let question_count = keys.len() as i32;
    Ok(Graded {
        right,
        correct_count,
        question_count,
        score: score(correct_count, question_count),
    })
}

/// floor(100 × right / total), in whole numbers only. Rounded down, not to the nearest: 79.59 %
/// shown as 80 beside "not passed" at a pass mark of 80 would contradict itself.
pub fn score(right: i32, total: i32) -> i32 {
    if total <= 0 {
        return 0;
    }
    (100 * i64::from(right) / i64::from(total)) as i32
}

impl Graded {
    /// Whether the share right reaches `pass_mark` (a whole percent), compared exactly.
    pub fn passed(&self, pass_mark: i32) -> bool {
        passed(self.correct_count, self.question_count, pass_mark)
    }
}

/// `right / total ≥ pass_mark %`, exactly: `100 × right ≥ pass_mark × total` in integers (no
/// share rounded first). No questions is no pass.
pub fn passed(right: i32, total: i32, pass_mark: i32) -> bool {
    total > 0 && 100 * i64::from(right) >= i64::from(pass_mark) * i64::from(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[u8]) -> BTreeSet<u8> {
        items.iter().copied().collect()
    }

    fn key(options: usize, correct: &[u8]) -> Key {
        Key {
            options,
            correct: set(correct),
        }
    }

    fn one(k: Key, answer: &[u8]) -> Result<bool, AppError> {
        grade(&[k], &[set(answer)]).map(|g| g.right[0])
    }

    #[test]
    fn single_choice_and_true_false_need_the_one_right_option() {
        assert_eq!(one(key(4, &[1]), &[1]), Ok(true));
        assert_eq!(one(key(4, &[1]), &[2]), Ok(false));
        // Two options ticked on a single-choice question (a crafted post): wrong.
        assert_eq!(one(key(4, &[1]), &[1, 2]), Ok(false));
        assert_eq!(one(key(2, &[0]), &[0]), Ok(true));
        assert_eq!(one(key(2, &[0]), &[1]), Ok(false));
    }

    #[test]
    fn multiple_choice_is_right_only_when_exact() {
        let k = || key(5, &[0, 1, 2, 3]);
        assert_eq!(one(k(), &[0, 1, 2, 3]), Ok(true));
        assert_eq!(one(k(), &[0, 1, 2]), Ok(false), "partial is wrong");
        assert_eq!(one(k(), &[0, 1, 2, 3, 4]), Ok(false), "superset is wrong");
        assert_eq!(one(k(), &[4]), Ok(false));
    }

    #[test]
    fn an_unanswered_question_is_wrong() {
        assert_eq!(one(key(4, &[1]), &[]), Ok(false));
        assert_eq!(one(key(2, &[1]), &[]), Ok(false));
    }

    #[test]
    fn an_option_the_question_lacks_is_refused() {
        let invalid = AppError::invalid(TrainingField::QuizAnswers, Problem::Invalid);
        assert_eq!(one(key(4, &[1]), &[4]), Err(invalid.clone()));
        assert_eq!(one(key(2, &[0]), &[2]), Err(invalid.clone()));
        // Answers for more or fewer questions than were drawn.
        assert_eq!(grade(&[key(2, &[0])], &[]), Err(invalid.clone()));
        assert_eq!(grade(&[], &[]), Err(invalid));
    }

    #[test]
    fn the_score_is_the_share_right_rounded_down() {
        let keys = vec![key(2, &[0]), key(2, &[0]), key(2, &[0])];
        let g = grade(&keys, &[set(&[0]), set(&[0]), set(&[1])]).unwrap();
        assert_eq!(g.right, vec![true, true, false]);
        assert_eq!((g.correct_count, g.question_count, g.score), (2, 3, 66));
        assert_eq!(score(1, 3), 33);
        assert_eq!(score(1, 8), 12);
        assert_eq!(score(0, 5), 0);
        assert_eq!(score(5, 5), 100);
        assert!(g.passed(66) && !g.passed(67));
    }

    /// The pass mark is compared with the exact share: just under it is no pass, however
    /// close, and the score shown is then under the mark too.
    #[test]
    fn a_pass_needs_the_exact_share_at_the_boundary() {
        // 39 of 49 = 79.59 %: rounded to 80 it used to pass a mark of 80.
        assert!(!passed(39, 49, 80));
        assert_eq!(score(39, 49), 79);
        // 79.99 %, and 79.995 %.
        assert!(!passed(7_999, 10_000, 80));
        assert_eq!(score(7_999, 10_000), 79);
        assert!(!passed(15_999, 20_000, 80));
        // Exactly 80 %: a pass.
        assert!(passed(40, 50, 80));
        assert!(passed(8_000, 10_000, 80));
        assert!(passed(4, 5, 80));
        assert_eq!(score(40, 50), 80);
        // Above, the extremes, and nothing asked.
        assert!(passed(40, 49, 80));
        assert!(passed(0, 10, 0));
        assert!(passed(10, 10, 100) && !passed(9, 10, 100));
        assert!(!passed(0, 0, 0));
        // Wherever the exact share passes, the score shown reaches the mark, and vice versa.
        for total in 1..=50 {
            for right in 0..=total {
                for mark in 0..=100 {
                    assert_eq!(passed(right, total, mark), score(right, total) >= mark);
                }
            }
        }
    }
}
