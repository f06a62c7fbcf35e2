//! photos's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of photos's forms.
    pub enum PhotoField in "photos" {
        PhotoQuota = "photo_quota" => photos.field_quota,
    }
}
