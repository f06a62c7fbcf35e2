//! risks' fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of the risk register's forms.
    pub enum RiskField in "risks" {
        Point = "point" => risks.field_point,
        Kind = "kind" => risks.field_kind,
        Name = "name" => risks.field_name,
        Area = "area" => risks.field_area,
        Department = "department" => risks.field_department,
        Space = "space" => risks.field_space,
        PatrolPoint = "patrol_point" => risks.field_patrol_point,
        Description = "description" => risks.field_description,
        Consequence = "consequence" => risks.field_consequence,
        AccidentClass = "accident_class" => risks.field_accident_class,
        FactorClass = "factor_class" => risks.field_factor_class,
        Method = "method" => risks.field_method,
        FactorL = "factor_l" => risks.field_factor_l,
        FactorE = "factor_e" => risks.field_factor_e,
        FactorC = "factor_c" => risks.field_factor_c,
        FactorS = "factor_s" => risks.field_factor_s,
        Forced = "forced" => risks.field_forced,
        Hazard = "hazard" => risks.field_hazard,
        MeasureKind = "measure_kind" => risks.field_measure_kind,
        MeasureText = "measure_text" => risks.field_measure_text,
        Level = "level" => risks.field_level,
        Responsible = "responsible" => risks.field_responsible,
        /// The grading policy's edges, as one: they must descend (红 above 橙 above 黄).
        Edges = "edges" => risks.field_edges,
    }
}
