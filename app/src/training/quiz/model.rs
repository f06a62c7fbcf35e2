//! The question bank's rows and form, and the quiz a person sees and submits. The quiz view
//! never carries the right answers: grading is on the server.

#[cfg(feature = "ssr")]
use crate::training::TrainingField;
use crate::training::{Category, QuestionKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    error::{AppError, Problem},
    input,
};
#[cfg(feature = "ssr")]
use std::collections::BTreeSet;

pub const PROMPT_MAX: u16 = 300;
pub const OPTION_MAX: u16 = 100;
pub const OPTIONS_MAX: usize = 6;
pub const BASIS_MAX: u16 = 200;

/// A question of the bank, as its keepers see it (with the right options).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankQuestion {
    pub id: Uuid,
    pub category: Category,
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
    pub correct: Vec<i16>,
    pub basis: String,
    pub starter_key: Option<String>,
}

/// The add-a-question form: up to six options (`form[options][0]`…`[5]`, blanks dropped),
/// the right ones ticked (`form[correct][]` = the option's index on the form).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionForm {
    pub category: String,
    pub kind: String,
    pub prompt: String,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub correct: Vec<String>,
    #[serde(default)]
    pub basis: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionInput {
    pub category: Category,
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
    /// Sorted, distinct indexes into `options`.
    pub correct: Vec<i16>,
    pub basis: String,
}

#[cfg(feature = "ssr")]
impl QuestionForm {
    pub fn validate(&self) -> Result<QuestionInput, AppError> {
        let category = Category::parse(self.category.trim())
            .ok_or(AppError::invalid(TrainingField::Category, Problem::Invalid))?;
        let kind = QuestionKind::parse(self.kind.trim()).ok_or(AppError::invalid(
            TrainingField::QuestionKind,
            Problem::Invalid,
        ))?;
        let prompt = input::line(
            &self.prompt,
            TrainingField::QuestionPrompt,
            PROMPT_MAX,
            true,
        )?;
        if self.options.len() > OPTIONS_MAX {
            return Err(AppError::invalid(
                TrainingField::QuestionOptions,
                Problem::Invalid,
            ));
        }
        // Blank options are dropped; a tick keeps pointing at the option it was next to.
        let mut options = Vec::new();
        let mut position = BTreeMap::new();
        for (i, text) in self.options.iter().enumerate() {
            let text = input::line(text, TrainingField::QuestionOptions, OPTION_MAX, false)?;
            if !text.is_empty() {
                position.insert(i, options.len() as i16);
                options.push(text);
            }
        }
        if options.len() < 2 || (kind == QuestionKind::TrueFalse && options.len() != 2) {
            return Err(AppError::invalid(
                TrainingField::QuestionOptions,
                Problem::Invalid,
            ));
        }
        let mut correct = BTreeSet::new();
        for tick in &self.correct {
            let on_form: usize = tick
                .trim()
                .parse()
                .map_err(|_| AppError::invalid(TrainingField::QuestionCorrect, Problem::Invalid))?;
            let index = position.get(&on_form).ok_or(AppError::invalid(
                TrainingField::QuestionCorrect,
                Problem::Invalid,
            ))?;
            correct.insert(*index);
        }
        if correct.is_empty() {
            return Err(AppError::invalid(
                TrainingField::QuestionCorrect,
                Problem::Required,
            ));
        }
        let count_ok = match kind {
            QuestionKind::Single | QuestionKind::TrueFalse => correct.len() == 1,
            // 多选题: at least two right options, or it is a single-choice question.
            QuestionKind::Multiple => correct.len() >= 2,
        };
        if !count_ok {
            return Err(AppError::invalid(
                TrainingField::QuestionCorrect,
                Problem::Invalid,
            ));
        }
        Ok(QuestionInput {
            category,
            kind,
            prompt,
            options,
            correct: correct.into_iter().collect(),
            basis: input::line(&self.basis, TrainingField::QuestionBasis, BASIS_MAX, false)?,
        })
    }
}

/// A drawn question as the person taking the quiz sees it: no right answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizQuestion {
    pub position: i32,
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
}

/// A submitted attempt: the score, and which questions (positions) were wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptResult {
    pub attempt_id: Uuid,
    pub score: i32,
    pub passed: bool,
    pub correct_count: i32,
    pub question_count: i32,
    pub wrong: Vec<i32>,
}

/// The quiz page of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizView {
    pub session_id: Uuid,
    pub title: String,
    pub category: Category,
    pub pass_mark: i32,
    /// Empty when the bank had no question of the session's category.
    pub questions: Vec<QuizQuestion>,
    /// The person's submitted attempt, if any.
    pub attempt: Option<AttemptResult>,
    /// A keeper of the bank who did not sign in: sees the questions, cannot answer.
    pub preview: bool,
}

/// The quiz form: `form[answers][<position>][]` = the index of a chosen option.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuizAnswersForm {
    #[serde(default)]
    pub answers: BTreeMap<String, Vec<String>>,
}

/// The most questions a quiz draws (the `quiz_size` check).
pub const QUIZ_MAX: u32 = 50;

#[cfg(feature = "ssr")]
impl QuizAnswersForm {
    /// The chosen options per position. Nothing chosen at all is refused (a tap on 交卷
    /// before answering); single questions left out count wrong when graded.
    pub fn validate(&self) -> Result<BTreeMap<u32, BTreeSet<u8>>, AppError> {
        let invalid = || AppError::invalid(TrainingField::QuizAnswers, Problem::Invalid);
        let mut chosen = BTreeMap::new();
        for (position, options) in &self.answers {
            let position: u32 = position.trim().parse().map_err(|_| invalid())?;
            if !(1..=QUIZ_MAX).contains(&position) || options.len() > OPTIONS_MAX {
                return Err(invalid());
            }
            let mut set = BTreeSet::new();
            for option in options {
                let index: u8 = option.trim().parse().map_err(|_| invalid())?;
                if usize::from(index) >= OPTIONS_MAX {
                    return Err(invalid());
                }
                set.insert(index);
            }
            if !set.is_empty() {
                chosen.insert(position, set);
            }
        }
        if chosen.is_empty() {
            return Err(AppError::invalid(
                TrainingField::QuizAnswers,
                Problem::Required,
            ));
        }
        Ok(chosen)
    }
}
