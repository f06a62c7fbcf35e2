//! A patrol form's answers, checked against the checklist version the record was started on
//! (server only). Every item is answered once; a number outside its range fails; a failed
//! item whose checklist says so needs its photo.

use super::{model::NOTE_MAX, AnswerResult, AnswerType, ChecklistItem};
use crate::patrols::PatrolField;
use crate::{
    error::{AppError, Field, Problem},
    input,
};
use uuid::Uuid;

/// One checked answer. `photo_id` is set once the photo is stored (`photos::store`).
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerInput {
    pub item_id: Uuid,
    pub result: AnswerResult,
    pub number: Option<f64>,
    pub text: Option<String>,
    pub note: String,
    pub photo_id: Option<Uuid>,
}

/// What a scanned token (or typed short code) is, inside the step that starts a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckpointState {
    Unknown,
    Replaced,
    OtherKind,
    /// A current patrol point: its id and current token.
    Point(Uuid, String),
}

/// The form field names of an item.
pub fn answer_key(item: Uuid) -> String {
    format!("answer_{item}")
}
pub fn note_key(item: Uuid) -> String {
    format!("note_{item}")
}
pub fn photo_key(item: Uuid) -> String {
    format!("photo_{item}")
}
pub fn photo_client_key(item: Uuid) -> String {
    format!("photo_client_{item}")
}

/// Whether a reading is inside the item's acceptable range (bounds included).
pub fn in_range(item: &ChecklistItem, n: f64) -> bool {
    item.min_value.is_none_or(|lo| n >= lo) && item.max_value.is_none_or(|hi| n <= hi)
}

/// Checks the posted fields (`text(name)`, "" when absent) of every item of the version;
/// `has_photo(item)` says whether a photo came with it.
pub fn validate(
    items: &[ChecklistItem],
    text: impl Fn(&str) -> String,
    has_photo: impl Fn(Uuid) -> bool,
) -> Result<Vec<AnswerInput>, AppError> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let raw = text(&answer_key(item.id));
        let (result, number, written) = match item.answer_type {
            AnswerType::PassFail => match raw.trim() {
                "" => return Err(AppError::invalid(PatrolField::Answer, Problem::Required)),
                v => (
                    AnswerResult::parse(v)
                        .ok_or(AppError::invalid(PatrolField::Answer, Problem::Invalid))?,
                    None,
                    None,
                ),
            },
            AnswerType::Number => {
                let n = input::number(&raw, PatrolField::Answer)?;
                let result = if in_range(item, n) {
                    AnswerResult::Pass
                } else {
                    AnswerResult::Fail
                };
                (result, Some(n), None)
            }
            AnswerType::Text => {
                let t = input::text(&raw, PatrolField::Answer, NOTE_MAX, true, true)?;
                (AnswerResult::Pass, None, Some(t))
            }
        };
        let note = input::text(
            &text(&note_key(item.id)),
            Field::Note,
            NOTE_MAX,
            false,
            true,
        )?;
        if result == AnswerResult::Fail && item.photo_on_fail && !has_photo(item.id) {
            return Err(AppError::invalid(Field::Photo, Problem::Required));
        }
        out.push(AnswerInput {
            item_id: item.id,
            result,
            number,
            text: written,
            note,
            photo_id: None,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hazards::{HazardCategory, HazardGrade};
    use std::collections::HashMap;

    fn item(n: u128, answer_type: AnswerType) -> ChecklistItem {
        ChecklistItem {
            id: Uuid::from_u128(n),
            key: n.to_string(),
            position: n as i32,
            text: "灭火器压力正常".into(),
            category: HazardCategory::Fire,
            basis: String::new(),
            verified: true,
            answer_type,
            min_value: Some(0.8),
            max_value: Some(1.2),
            unit: "MPa".into(),
            photo_on_fail: true,
            fail_grade: HazardGrade::General,
        }
    }

    fn run(
        items: &[ChecklistItem],
        fields: &[(String, &str)],
        photos: &[u128],
    ) -> Result<Vec<AnswerInput>, AppError> {
        let map: HashMap<String, String> = fields
            .iter()
            .map(|(k, v)| (k.clone(), (*v).to_owned()))
            .collect();
        validate(
            items,
            |k| map.get(k).cloned().unwrap_or_default(),
            |id| photos.contains(&id.as_u128()),
        )
    }

    #[test]
    fn numbers_fail_outside_their_range_and_need_a_photo() {
        let items = [item(1, AnswerType::Number)];
        let key = answer_key(Uuid::from_u128(1));
        let ok = run(&items, &[(key.clone(), "1.2")], &[]).unwrap();
        assert_eq!(ok[0].result, AnswerResult::Pass);
        assert_eq!(
            run(&items, &[(key.clone(), "1.3")], &[]),
            Err(AppError::invalid(Field::Photo, Problem::Required))
        );
        let failed = run(&items, &[(key.clone(), "-5")], &[1]).unwrap();
        assert_eq!(failed[0].result, AnswerResult::Fail);
        for bad in ["abc", "1e309", "NaN", "inf", ""] {
            let err = run(&items, &[(key.clone(), bad)], &[1]).unwrap_err();
            assert!(
                matches!(
                    err,
                    AppError::Invalid {
                        field,
                        ..
                    } if field == PatrolField::Answer
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn every_item_is_answered_with_known_words() {
        let items = [item(1, AnswerType::PassFail), item(2, AnswerType::Text)];
        let (a1, a2) = (
            answer_key(Uuid::from_u128(1)),
            answer_key(Uuid::from_u128(2)),
        );
        assert_eq!(
            run(&items, &[(a2.clone(), "好")], &[]),
            Err(AppError::invalid(PatrolField::Answer, Problem::Required))
        );
        assert_eq!(
            run(&items, &[(a1.clone(), "maybe"), (a2.clone(), "好")], &[]),
            Err(AppError::invalid(PatrolField::Answer, Problem::Invalid))
        );
        let long = "字".repeat(10_000);
        assert!(run(&items, &[(a1.clone(), "pass"), (a2.clone(), &long)], &[]).is_err());
        let ok = run(
            &items,
            &[
                (a1, "pass"),
                (a2, "<b>😀</b>"),
                (note_key(Uuid::from_u128(1)), "好"),
            ],
            &[],
        )
        .unwrap();
        assert_eq!(ok[1].text.as_deref(), Some("<b>😀</b>"));
        assert_eq!(ok[0].note, "好");
    }
}
