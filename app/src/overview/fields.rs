//! overview's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of the overview's queries.
    pub enum OverviewField in "overview" {
        Filter = "filter" => overview.field_filter,
    }
}
