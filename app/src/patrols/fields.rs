//! patrols's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of patrols's forms.
    pub enum PatrolField in "patrols" {
        Name = "name" => patrols.field_name,
        Role = "role" => patrols.field_role,
        Space = "space" => patrols.field_space,
        Equipment = "equipment" => patrols.field_equipment,
        Checklist = "checklist" => patrols.field_checklist,
        Category = "category" => patrols.field_category,
        Criterion = "criterion" => patrols.field_criterion,
        StartTime = "start_time" => patrols.field_start_time,
        PatrolPoint = "patrol_point" => patrols.field_patrol_point,
        PatrolSchedule = "patrol_schedule" => patrols.field_schedule,
        Area = "area" => patrols.field_area,
        Pack = "pack" => patrols.field_pack,
        ItemText = "item_text" => patrols.field_item_text,
        AnswerType = "answer_type" => patrols.field_answer_type,
        MinValue = "min_value" => patrols.field_min_value,
        MaxValue = "max_value" => patrols.field_max_value,
        Unit = "unit" => patrols.field_unit,
        Frequency = "frequency" => patrols.field_frequency,
        WindowStart = "window_start" => patrols.field_window_start,
        WindowEnd = "window_end" => patrols.field_window_end,
        ShiftsPerDay = "shifts_per_day" => patrols.field_shifts_per_day,
        Weekday = "weekday" => patrols.field_weekday,
        MonthDay = "month_day" => patrols.field_month_day,
        Patrollers = "patrollers" => patrols.field_patrollers,
        Answer = "answer" => patrols.field_answer,
        Record = "record" => patrols.field_record,
        Day = "day" => patrols.field_day,
        PeriodFrom = "period_from" => selfcheck.field_period_from,
        PeriodTo = "period_to" => selfcheck.field_period_to,
        Item = "item" => selfcheck.field_item,
        Enterprise = "enterprise" => selfcheck.field_enterprise,
        UploadHours = "upload_hours" => patrols.field_upload_hours,
    }
}
