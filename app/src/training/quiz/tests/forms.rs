//! The question and quiz forms' checks, without a database.

use super::*;
use crate::training::TrainingField;

#[test]
fn a_question_form_names_the_field_it_gets_wrong() {
    let ok = form("single", &["检测", "通风", "", ""], &["1"])
        .validate()
        .unwrap();
    assert_eq!(ok.options, vec!["检测", "通风"]);
    assert_eq!(ok.correct, vec![1]);
    // A blank option between two is dropped and the tick follows its option.
    let gap = form("multiple", &["通风", "", "检测", "作业"], &["0", "2"]).validate();
    assert_eq!(gap.unwrap().correct, vec![0, 1]);

    let bad = |f: QuestionForm| f.validate();
    let mut f = form("single", &["a", "b"], &["0"]);
    f.category = "cooking".into();
    assert_eq!(bad(f), invalid(TrainingField::Category, Problem::Invalid));
    assert_eq!(
        bad(form("essay", &["a", "b"], &["0"])),
        invalid(TrainingField::QuestionKind, Problem::Invalid)
    );
    let mut f = form("single", &["a", "b"], &["0"]);
    f.prompt = " ".into();
    assert_eq!(
        bad(f),
        invalid(TrainingField::QuestionPrompt, Problem::Required)
    );
    let mut f = form("single", &["a", "b"], &["0"]);
    f.prompt = "题".repeat(301);
    assert_eq!(
        bad(f),
        invalid(TrainingField::QuestionPrompt, Problem::TooLong { max: 300 })
    );
    let mut f = form("single", &["a", "b"], &["0"]);
    f.prompt = "先通风\u{0}".into();
    assert_eq!(
        bad(f),
        invalid(TrainingField::QuestionPrompt, Problem::Invalid)
    );
    assert_eq!(
        bad(form("single", &["a", "", ""], &["0"])),
        invalid(TrainingField::QuestionOptions, Problem::Invalid)
    );
    assert_eq!(
        bad(form("single", &["a", "b", "c", "d", "e", "f", "g"], &["0"])),
        invalid(TrainingField::QuestionOptions, Problem::Invalid)
    );
    assert_eq!(
        bad(form("single", &["a", &"长".repeat(101)], &["0"])),
        invalid(
            TrainingField::QuestionOptions,
            Problem::TooLong { max: 100 }
        )
    );
    assert_eq!(
        bad(form("single", &["a", "b\u{7}"], &["0"])),
        invalid(TrainingField::QuestionOptions, Problem::Invalid)
    );
    assert_eq!(
        bad(form("true_false", &["正确", "错误", "不知道"], &["0"])),
        invalid(TrainingField::QuestionOptions, Problem::Invalid)
    );
    assert_eq!(
        bad(form("single", &["a", "b"], &[])),
        invalid(TrainingField::QuestionCorrect, Problem::Required)
    );
    assert_eq!(
        bad(form("single", &["a", "b"], &["0", "1"])),
        invalid(TrainingField::QuestionCorrect, Problem::Invalid)
    );
    assert_eq!(
        bad(form("true_false", &["正确", "错误"], &["0", "1"])),
        invalid(TrainingField::QuestionCorrect, Problem::Invalid)
    );
    assert_eq!(
        bad(form("multiple", &["a", "b", "c"], &["1"])),
        invalid(TrainingField::QuestionCorrect, Problem::Invalid)
    );
    // A tick next to a blank option, or beyond the form.
    assert_eq!(
        bad(form("single", &["a", "b", ""], &["2"])),
        invalid(TrainingField::QuestionCorrect, Problem::Invalid)
    );
    assert_eq!(
        bad(form("single", &["a", "b"], &["x"])),
        invalid(TrainingField::QuestionCorrect, Problem::Invalid)
    );
    let mut f = form("single", &["a", "b"], &["0"]);
    f.basis = "据".repeat(201);
    assert_eq!(
        bad(f),
        invalid(TrainingField::QuestionBasis, Problem::TooLong { max: 200 })
    );
}

#[test]
fn a_quiz_form_refuses_nothing_chosen_and_foreign_values() {
    let chosen = answers(&[("1", &["0"]), ("2", &["1", "3"]), ("3", &[])])
        .validate()
        .unwrap();
    assert_eq!(chosen.len(), 2);
    assert_eq!(chosen[&2], BTreeSet::from([1, 3]));
    let required = Err(AppError::invalid(
        TrainingField::QuizAnswers,
        Problem::Required,
    ));
    assert_eq!(answers(&[]).validate(), required);
    assert_eq!(answers(&[("1", &[])]).validate(), required);
    let invalid = Err(AppError::invalid(
        TrainingField::QuizAnswers,
        Problem::Invalid,
    ));
    for bad in [
        answers(&[("x", &["0"])]),
        answers(&[("0", &["0"])]),
        answers(&[("51", &["0"])]),
        answers(&[("1", &["6"])]),
        answers(&[("1", &["-1"])]),
        answers(&[("1", &["a"])]),
    ] {
        assert_eq!(bad.validate(), invalid, "{bad:?}");
    }
}
