//! visits' fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of the visits' forms.
    pub enum VisitField in "visits" {
        Visit = "visit" => visits.field_visit,
        Enterprise = "enterprise" => visits.field_enterprise,
        Kind = "kind" => visits.field_kind,
        Checklist = "checklist" => visits.field_checklist,
        VisitedOn = "visited_on" => visits.field_visited_on,
        Experts = "experts" => visits.field_experts,
        Note = "note" => visits.field_note,
        Location = "location" => visits.field_location,
        Description = "description" => visits.field_description,
        Category = "category" => visits.field_category,
        Grade = "grade" => visits.field_grade,
        Basis = "basis" => visits.field_basis,
        Deadline = "deadline" => visits.field_deadline,
        Finding = "finding" => visits.field_finding,
        ExpertName = "expert_name" => visits.field_expert_name,
        ExpertMobile = "expert_mobile" => visits.field_expert_mobile,
        Draw = "draw" => visits.field_draw,
        PerTownship = "per_township" => visits.field_per_township,
        DrawFrom = "draw_from" => visits.field_draw_from,
        DrawTo = "draw_to" => visits.field_draw_to,
        Seed = "seed" => visits.field_seed,
    }
}
