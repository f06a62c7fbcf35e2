//! users's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of users's forms.
    pub enum UserField in "users" {
        Name = "name" => users.field_name,
        Mobile = "mobile" => users.field_mobile,
        EmployeeNo = "employee_no" => users.field_employee_no,
        Role = "role" => users.field_role,
        Csv = "csv" => users.field_csv,
        HiredOn = "hired_on" => users.field_hired_on,
        Department = "department" => users.field_department,
    }
}
