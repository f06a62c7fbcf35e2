//! spaces's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of spaces's forms.
    pub enum SpaceField in "spaces" {
        SpaceCode = "space_code" => spaces.field_space_code,
        SpaceName = "space_name" => spaces.field_space_name,
        SpaceType = "space_type" => spaces.field_space_type,
        Hazards = "hazards" => spaces.field_hazards,
        Gases = "gases" => spaces.field_gases,
        Equipment = "equipment" => spaces.field_equipment,
        ResponsiblePerson = "responsible_person" => spaces.field_responsible_person,
        Space = "space" => spaces.field_space,
    }
}
