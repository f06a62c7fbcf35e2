//! operations's audit actions: what its audited steps record (`audit::Actions`).

crate::audit_actions! {
    /// What a change of operations was, stored in `audit_log.action`.
    pub enum OperationAction {
        Request = "operation.request" => ops.trail_request,
        Approve = "operation.approve" => ops.trail_approve,
        Reject = "operation.reject" => ops.trail_reject,
        Ventilate = "operation.ventilate" => ops.trail_ventilate,
        GasTest = "operation.gas_test" => ops.trail_gas_test,
        AttendantIn = "operation.attendant_in" => ops.trail_attendant_in,
        AttendantOut = "operation.attendant_out" => ops.trail_attendant_out,
        Enter = "operation.enter" => ops.trail_enter,
        Exit = "operation.exit" => ops.trail_exit,
        Evacuate = "operation.evacuate" => ops.trail_evacuate,
        Close = "operation.close" => ops.trail_close,
        Handover = "operation.handover" => ops.trail_handover,
        CloseByOfficer = "operation.close_by_officer" => ops.trail_close_by_officer,
        GasPolicySet = "policy.gas",
        DelegationGrant = "delegation.grant",
        DelegationRevoke = "delegation.revoke",
    }
}
