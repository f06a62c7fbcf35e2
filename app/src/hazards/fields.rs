//! hazards's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of hazards's forms.
    pub enum HazardField in "hazards" {
        Measures = "measures" => hazards.field_measures,
        Description = "description" => hazards.field_description,
        Category = "category" => hazards.field_category,
        Grade = "grade" => hazards.field_grade,
        Source = "source" => hazards.field_source,
        Criterion = "criterion" => hazards.field_criterion,
        Rectifier = "rectifier" => hazards.field_rectifier,
        Funds = "funds" => hazards.field_funds,
        Deadline = "deadline" => hazards.field_deadline,
        InterimControl = "interim_control" => hazards.field_interim_control,
        PlanGoal = "plan_goal" => hazards.field_plan_goal,
        PlanMethods = "plan_methods" => hazards.field_plan_methods,
        PlanFunds = "plan_funds" => hazards.field_plan_funds,
        PlanOrganisation = "plan_organisation" => hazards.field_plan_organisation,
        PlanSchedule = "plan_schedule" => hazards.field_plan_schedule,
        PlanSafety = "plan_safety" => hazards.field_plan_safety,
        ReportedOn = "reported_on" => hazards.field_reported_on,
        Rectification = "rectification" => hazards.field_rectification,
        Hazard = "hazard" => hazards.field_hazard,
    }
}
