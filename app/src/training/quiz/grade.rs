//! Grading on the server: a question is right only when the chosen options are exactly the
//! correct ones (a partial or a larger choice in a multiple-choice question is wrong), an
//! unanswered question is wrong, and the score is the rounded share of right answers.

use crate::error::{AppError, Field, Problem};
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
    /// round(100 × right / total), 0–100.
    pub score: i32,
}

/// Grades `chosen` (per question, in order; empty = unanswered) against `keys`. An option
/// index the question does not have is no answer a form of ours sends: refused as invalid.
pub fn grade(keys: &[Key], chosen: &[BTreeSet<u8>]) -> Result<Graded, AppError> {
    if keys.is_empty() || chosen.len() != keys.len() {
        return Err(AppError::invalid(Field::QuizAnswers, Problem::Invalid));
    }
    let mut right = Vec::with_capacity(keys.len());
    for (key, answer) in keys.iter().zip(chosen) {
        if answer.iter().any(|&i| usize::from(i) >= key.options) {
            return Err(AppError::invalid(Field::QuizAnswers, Problem::Invalid));
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

/// round(100 × right / total), halves rounded up, in whole numbers only.
pub fn score(right: i32, total: i32) -> i32 {
    if total <= 0 {
        return 0;
    }
    (200 * right + total) / (2 * total)
}

pub fn passed(score: i32, pass_mark: i32) -> bool {
    score >= pass_mark
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
        let invalid = AppError::invalid(Field::QuizAnswers, Problem::Invalid);
        assert_eq!(one(key(4, &[1]), &[4]), Err(invalid.clone()));
        assert_eq!(one(key(2, &[0]), &[2]), Err(invalid.clone()));
        // Answers for more or fewer questions than were drawn.
        assert_eq!(grade(&[key(2, &[0])], &[]), Err(invalid.clone()));
        assert_eq!(grade(&[], &[]), Err(invalid));
    }

    #[test]
    fn the_score_is_the_rounded_share_right() {
        let keys = vec![key(2, &[0]), key(2, &[0]), key(2, &[0])];
        let g = grade(&keys, &[set(&[0]), set(&[0]), set(&[1])]).unwrap();
        assert_eq!(g.right, vec![true, true, false]);
        assert_eq!((g.correct_count, g.question_count, g.score), (2, 3, 67));
        assert_eq!(score(1, 3), 33);
        assert_eq!(score(1, 8), 13); // 12.5 rounds up
        assert_eq!(score(0, 5), 0);
        assert_eq!(score(5, 5), 100);
        assert!(passed(60, 60));
        assert!(!passed(59, 60));
    }
}
