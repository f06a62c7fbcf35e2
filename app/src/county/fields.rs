//! county's fields, as a person is told about them (`error::FieldNames`).

crate::field_names! {
    /// The fields of county's forms.
    pub enum CountyField in "county" {
        Node = "node" => county.field_node,
        NodeName = "node_name" => county.field_node_name,
        Level = "level" => county.field_level,
        CreditCode = "credit_code" => county.field_credit_code,
        EnterpriseName = "enterprise_name" => county.field_enterprise_name,
        LoginCode = "login_code" => county.field_login_code,
        Address = "address" => county.field_address,
        Township = "township" => county.field_township,
        Industry = "industry" => county.field_industry,
        FocusRisks = "focus_risks" => county.field_focus_risks,
        StandardGrade = "standard_grade" => county.field_standard_grade,
        StandardDate = "standard_date" => county.field_standard_date,
        PrincipalName = "principal_name" => county.field_principal_name,
        ContactMobile = "contact_mobile" => county.field_contact_mobile,
        AdminName = "admin_name" => county.field_admin_name,
        AdminMobile = "admin_mobile" => county.field_admin_mobile,
        RosterFile = "roster_file" => county.field_roster_file,
        Import = "import" => county.field_import,
    }
}
