//! Server functions of confined-space operations, on fixed versioned endpoints. Each takes
//! its client id and a form (validated in `model.rs`); each is a plain form post too: on
//! success the browser goes back to the scan page with a notice.

use super::{
    CloseForm, DecisionForm, DelegationForm, Delegations, EntryForm, ExitForm, GasPolicyForm,
    GasTestForm, HandoverForm, HistoryRow, OperationDetail, OperationView, PermitForm,
    PersonOption, Step,
};
#[cfg(feature = "ssr")]
use crate::operations::OperationField;
use crate::{error::AppError, rules::gas::GasPolicy};
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use {
    super::{board, permit::request_permit, permit::Cmd, settings, steps, takeover},
    crate::{
        auth::server::Cx,
        error::{respond, respond_form, Field},
        input,
    },
    time::OffsetDateTime,
};

/// The step this request's user asks of one operation (or delegation).
#[cfg(feature = "ssr")]
fn cmd(cx: &Cx, client_id: Uuid, id: Uuid) -> Cmd<'_> {
    Cmd {
        actor: &cx.actor,
        client_id,
        id,
    }
}

/// Where a successful form post goes: the page it came from, with `notice`.
#[cfg(feature = "ssr")]
fn back(notice: &str) -> String {
    crate::auth::server::back_to_form(("saved", notice))
}

/// The open operation at a space, with what this user may do now.
#[server(endpoint = "v1/operations/at_space")]
pub async fn operation_at_space(space_id: Uuid) -> Result<Option<OperationDetail>, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            board::detail_at_space(&cx.pool, &cx.actor, space_id).await
        }
        .await,
    )
}

/// Active people of the enterprise, to choose entrants, attendant and person in charge.
#[server(endpoint = "v1/operations/people")]
pub async fn crew_options() -> Result<Vec<PersonOption>, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            board::people(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

#[server(endpoint = "v1/operations/board")]
pub async fn operations_board() -> Result<Vec<OperationView>, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            board::board(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

#[server(endpoint = "v1/operations/request")]
pub async fn request_operation(client_id: Uuid, form: PermitForm) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            // Who may ask is answered before what was asked (a field error tells a stranger
            // nothing, but "forbidden" is the true answer).
            cx.actor.require_role(super::permit::CREW)?;
            let input = form.validate(OffsetDateTime::now_utc())?;
            request_permit(&cx.pool, &cx.actor, client_id, &input).await?;
            Ok(())
        }
        .await,
        |_| back("requested"),
    )
}

#[server(endpoint = "v1/operations/decide")]
pub async fn decide_operation(
    client_id: Uuid,
    operation_id: Uuid,
    form: DecisionForm,
) -> Result<(), AppError> {
    let notice = if form.approve { "approved" } else { "rejected" };
    respond_form(
        async {
            let cx = Cx::get()?;
            let decision = form.validate()?;
            super::permit::decide(&cx.pool, cmd(&cx, client_id, operation_id), &decision).await
        }
        .await,
        |_| back(notice),
    )
}

/// One step of an operation that needs nothing but its id: ventilate, attendant in/out,
/// evacuate, close.
#[server(endpoint = "v1/operations/step")]
pub async fn operation_step(
    client_id: Uuid,
    operation_id: Uuid,
    step: Step,
) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            steps::take(&cx.pool, cmd(&cx, client_id, operation_id), step).await
        }
        .await,
        |_| back(step.as_str()),
    )
}

/// An officer hands the attendant's duty to another qualified person.
#[server(endpoint = "v1/operations/handover")]
pub async fn hand_over_attendant(
    client_id: Uuid,
    operation_id: Uuid,
    form: HandoverForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let input = form.validate()?;
            takeover::hand_over(&cx.pool, cmd(&cx, client_id, operation_id), &input).await
        }
        .await,
        |_| back("handover"),
    )
}

/// An officer records everyone out and closes, with a reason.
#[server(endpoint = "v1/operations/close_by_officer")]
pub async fn close_by_officer(
    client_id: Uuid,
    operation_id: Uuid,
    form: CloseForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let input = form.validate()?;
            takeover::close_with_reason(&cx.pool, cmd(&cx, client_id, operation_id), &input).await
        }
        .await,
        |_| back("close_by_officer"),
    )
}

/// A gas test; answers whether it passed.
#[server(endpoint = "v1/operations/gas_test")]
pub async fn submit_gas_test(
    client_id: Uuid,
    operation_id: Uuid,
    form: GasTestForm,
) -> Result<bool, AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let input = form.validate()?;
            let policy = settings::policy_for(&cx.pool, cx.actor.enterprise()?).await?;
            steps::record_gas_test(&cx.pool, cmd(&cx, client_id, operation_id), &input, &policy)
                .await
        }
        .await,
        |passed| {
            back(if *passed {
                "test_passed"
            } else {
                "test_failed"
            })
        },
    )
}

#[server(endpoint = "v1/operations/enter")]
pub async fn enter_space(
    client_id: Uuid,
    operation_id: Uuid,
    form: EntryForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let input = form.validate()?;
            let policy = settings::policy_for(&cx.pool, cx.actor.enterprise()?).await?;
            steps::enter(&cx.pool, cmd(&cx, client_id, operation_id), &input, &policy).await
        }
        .await,
        |_| back("entered"),
    )
}

#[server(endpoint = "v1/operations/exit")]
pub async fn exit_space(
    client_id: Uuid,
    operation_id: Uuid,
    form: ExitForm,
) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let input = form.validate()?;
            steps::exit(&cx.pool, cmd(&cx, client_id, operation_id), &input).await
        }
        .await,
        |_| back("exited"),
    )
}

/// The operation history, optionally of one space or one person (empty: all).
#[server(endpoint = "v1/operations/history")]
pub async fn operation_history(
    #[server(default)] space: String,
    #[server(default)] person: String,
) -> Result<Vec<HistoryRow>, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            let space = input::optional_uuid(&space, OperationField::Space)?;
            let person = input::optional_uuid(&person, Field::User)?;
            board::history(
                &cx.pool,
                &cx.actor,
                space,
                person,
                Some(board::HISTORY_LIMIT),
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "v1/policy/gas")]
pub async fn current_gas_policy() -> Result<GasPolicy, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            settings::policy_for(&cx.pool, cx.actor.enterprise()?).await
        }
        .await,
    )
}

#[server(endpoint = "v1/policy/gas/set")]
pub async fn set_gas_policy(client_id: Uuid, form: GasPolicyForm) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            let policy = form.validate()?;
            settings::set_policy(&cx.pool, &cx.actor, client_id, &policy).await
        }
        .await,
        |_| back("1"),
    )
}

#[server(endpoint = "v1/delegations/list")]
pub async fn list_delegations() -> Result<Delegations, AppError> {
    respond(
        async {
            let cx = Cx::get()?;
            settings::delegations(&cx.pool, &cx.actor).await
        }
        .await,
    )
}

/// The principal's written delegation of approval, valid to the end of `valid_until`.
#[server(endpoint = "v1/delegations/grant")]
pub async fn grant_delegation(client_id: Uuid, form: DelegationForm) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            settings::require_principal(&cx.pool, &cx.actor).await?;
            let input = form.validate(OffsetDateTime::now_utc())?;
            settings::grant_delegation(&cx.pool, &cx.actor, client_id, &input).await?;
            Ok(())
        }
        .await,
        |_| back("1"),
    )
}

#[server(endpoint = "v1/delegations/revoke")]
pub async fn revoke_delegation(client_id: Uuid, id: Uuid) -> Result<(), AppError> {
    respond_form(
        async {
            let cx = Cx::get()?;
            settings::revoke_delegation(&cx.pool, cmd(&cx, client_id, id)).await
        }
        .await,
        |_| back("1"),
    )
}
