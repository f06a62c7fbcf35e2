//! org's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of org's forms.
    pub enum OrgField in "org" {
        Principal = "principal" => org.field_principal,
        MaxWindowHours = "max_window_hours" => org.field_max_window_hours,
    }
}
