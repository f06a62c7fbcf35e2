//! The confined-space ledger record and its validation (shared by browser and server).

use crate::spaces::SpaceField;
use crate::{
    error::{AnyField, AppError, Field, Problem},
    rules::gas::Gas,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::text_enum! {
    pub enum SpaceType {
        Tank = "tank",
        Pit = "pit",
        Well = "well",
        Silo = "silo",
        Sewer = "sewer",
        Pipe = "pipe",
        Boiler = "boiler",
        DustCollector = "dust_collector",
        Other = "other",
    }
}

crate::text_enum! {
    pub enum Hazard {
        OxygenDeficiency = "oxygen_deficiency",
        Toxic = "toxic",
        Flammable = "flammable",
        Drowning = "drowning",
        Engulfment = "engulfment",
        Mechanical = "mechanical",
        Electrical = "electrical",
        Heat = "heat",
    }
}

/// A ledger row as pages see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Space {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub location: String,
    pub space_type: SpaceType,
    pub hazards: Vec<Hazard>,
    pub required_gases: Vec<Gas>,
    pub protective_equipment: String,
    pub rescue_equipment: String,
    pub responsible_person: String,
    pub usually_contracted: bool,
    pub toxic_asphyxiation_risk: bool,
    pub active: bool,
    pub version: i32,
}

/// One saved state in a space's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpaceVersion {
    pub version: i32,
    pub edited_by: String,
    pub edited_at: String,
    pub name: String,
    pub code: String,
    pub active: bool,
}

/// What the ledger form submits, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SpaceInput {
    pub code: String,
    pub name: String,
    pub location: String,
    pub space_type: SpaceType,
    pub hazards: Vec<Hazard>,
    pub required_gases: Vec<Gas>,
    pub protective_equipment: String,
    pub rescue_equipment: String,
    pub responsible_person: String,
    pub usually_contracted: bool,
    pub toxic_asphyxiation_risk: bool,
}

/// The raw form, as strings from a phone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpaceForm {
    pub code: String,
    pub name: String,
    pub location: String,
    pub space_type: String,
    #[serde(default)]
    pub hazards: Vec<String>,
    #[serde(default)]
    pub required_gases: Vec<String>,
    #[serde(default)]
    pub protective_equipment: String,
    #[serde(default)]
    pub rescue_equipment: String,
    #[serde(default)]
    pub responsible_person: String,
    /// Checkbox: present ("on") when ticked.
    #[serde(default)]
    pub usually_contracted: Option<String>,
    #[serde(default)]
    pub toxic_asphyxiation_risk: Option<String>,
}

fn bounded(
    text: &str,
    field: impl Into<AnyField>,
    max: u16,
    required: bool,
) -> Result<String, AppError> {
    let field: AnyField = field.into();
    let t = text.trim();
    if required && t.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    if t.chars().count() > max as usize {
        return Err(AppError::invalid(field, Problem::TooLong { max }));
    }
    // NUL and other control characters: never stored (PostgreSQL refuses NUL in text).
    if t.chars().any(char::is_control) {
        return Err(AppError::invalid(field, Problem::Invalid));
    }
    Ok(t.to_owned())
}

impl SpaceForm {
    pub fn validate(&self) -> Result<SpaceInput, AppError> {
        let code = bounded(&self.code, SpaceField::SpaceCode, 32, true)?;
        let name = bounded(&self.name, SpaceField::SpaceName, 60, true)?;
        let location = bounded(&self.location, Field::Location, 120, false)?;
        let space_type = SpaceType::parse(self.space_type.trim())
            .ok_or(AppError::invalid(SpaceField::SpaceType, Problem::Invalid))?;
        let hazards = self
            .hazards
            .iter()
            .map(|h| {
                Hazard::parse(h).ok_or(AppError::invalid(SpaceField::Hazards, Problem::Invalid))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut required_gases = self
            .required_gases
            .iter()
            .map(|g| Gas::parse(g).ok_or(AppError::invalid(SpaceField::Gases, Problem::Invalid)))
            .collect::<Result<Vec<_>, _>>()?;
        // Oxygen is always tested before anyone goes in (先检测): it cannot be left out.
        if !required_gases.contains(&Gas::Oxygen) {
            required_gases.insert(0, Gas::Oxygen);
        }
        required_gases.dedup();
        Ok(SpaceInput {
            code,
            name,
            location,
            space_type,
            hazards,
            required_gases,
            protective_equipment: bounded(
                &self.protective_equipment,
                SpaceField::Equipment,
                500,
                false,
            )?,
            rescue_equipment: bounded(&self.rescue_equipment, SpaceField::Equipment, 500, false)?,
            responsible_person: bounded(
                &self.responsible_person,
                SpaceField::ResponsiblePerson,
                40,
                false,
            )?,
            usually_contracted: self.usually_contracted.is_some(),
            toxic_asphyxiation_risk: self.toxic_asphyxiation_risk.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SpaceForm {
        SpaceForm {
            code: " YX-01 ".into(),
            name: "1号污水池".into(),
            location: "污水处理站".into(),
            space_type: "pit".into(),
            hazards: vec!["toxic".into(), "drowning".into()],
            required_gases: vec!["hydrogen_sulfide".into()],
            toxic_asphyxiation_risk: Some("on".into()),
            ..SpaceForm::default()
        }
    }

    #[test]
    fn control_characters_are_refused_in_every_text() {
        let nul = "池\u{0}".to_string();
        type Set = fn(&mut SpaceForm, String);
        let cases: [(Set, AnyField); 4] = [
            (|f, v| f.code = v, SpaceField::SpaceCode.into()),
            (|f, v| f.name = v, SpaceField::SpaceName.into()),
            (|f, v| f.location = v, Field::Location.into()),
            (
                |f, v| f.responsible_person = v,
                SpaceField::ResponsiblePerson.into(),
            ),
        ];
        for (set, field) in cases {
            let mut f = form();
            set(&mut f, nul.clone());
            assert_eq!(
                f.validate(),
                Err(AppError::invalid(field, Problem::Invalid))
            );
        }
    }

    #[test]
    fn a_valid_form_always_tests_oxygen() {
        let input = form().validate().unwrap();
        assert_eq!(input.code, "YX-01");
        assert_eq!(input.space_type, SpaceType::Pit);
        assert_eq!(
            input.required_gases,
            vec![Gas::Oxygen, Gas::HydrogenSulfide]
        );
        assert!(input.toxic_asphyxiation_risk);
        assert!(!input.usually_contracted);
    }

    #[test]
    fn bad_fields_are_named() {
        let mut f = form();
        f.name = "  ".into();
        assert_eq!(
            f.validate(),
            Err(AppError::invalid(SpaceField::SpaceName, Problem::Required))
        );
        let mut f = form();
        f.space_type = "cave".into();
        assert_eq!(
            f.validate(),
            Err(AppError::invalid(SpaceField::SpaceType, Problem::Invalid))
        );
        let mut f = form();
        f.required_gases.push("unobtainium".into());
        assert_eq!(
            f.validate(),
            Err(AppError::invalid(SpaceField::Gases, Problem::Invalid))
        );
        let mut f = form();
        f.code = "x".repeat(33);
        assert_eq!(
            f.validate(),
            Err(AppError::invalid(
                SpaceField::SpaceCode,
                Problem::TooLong { max: 32 }
            ))
        );
    }
}
