//! auth's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of auth's forms.
    pub enum AuthField in "auth" {
        Account = "account" => common.field_account,
        NewPassword = "new_password" => common.field_new_password,
    }
}
