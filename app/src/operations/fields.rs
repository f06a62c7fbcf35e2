//! operations's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of operations's forms.
    pub enum OperationField in "operations" {
        Gases = "gases" => ops.field_gases,
        Equipment = "equipment" => ops.field_equipment,
        Space = "space" => ops.field_space,
        WorkContent = "work_content" => ops.field_work_content,
        PlannedStart = "planned_start" => ops.field_planned_start,
        PlannedEnd = "planned_end" => ops.field_planned_end,
        Entrants = "entrants" => ops.field_entrants,
        Detector = "detector" => ops.field_detector,
        ValidUntil = "valid_until" => ops.field_valid_until,
        Attendant = "attendant" => ops.field_attendant,
        PersonInCharge = "person_in_charge" => ops.field_person_in_charge,
        CalibrationDue = "calibration_due" => ops.field_calibration_due,
        Policy = "policy" => ops.field_policy,
        DocumentRef = "document_ref" => ops.field_document_ref,
        Checklist = "checklist" => ops.field_checklist,
        Contractor = "contractor" => ops.field_contractor,
        Measures = "measures" => ops.field_measures,
        Tools = "tools" => ops.field_tools,
    }
}
