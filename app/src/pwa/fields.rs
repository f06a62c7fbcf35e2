//! pwa's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of pwa's forms.
    pub enum PwaField in "pwa" {
        KeepPagesHours = "keep_pages_hours" => pwa.field_keep_pages_hours,
    }
}
