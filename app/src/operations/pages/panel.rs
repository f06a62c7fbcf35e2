//! The operation panel on a space's scan page: the request form when the space is idle,
//! otherwise the open operation's state and the steps this person may take now.

use super::{request_form::RequestForm, state::OperationState};
use crate::{
    i18n::*,
    operations::{
        CloseByOfficer, DecideOperation, EnterSpace, ExitSpace, HandOverAttendant, OperationStep,
        RequestOperation, SubmitGasTest,
    },
    shell::{action_error, ErrorNotice},
};
use leptos::{either::Either, prelude::*};
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

/// The forms of the panel, one server action each.
#[derive(Clone, Copy)]
pub struct PanelActions {
    pub request: ServerAction<RequestOperation>,
    pub decide: ServerAction<DecideOperation>,
    pub step: ServerAction<OperationStep>,
    pub test: ServerAction<SubmitGasTest>,
    pub enter: ServerAction<EnterSpace>,
    pub exit: ServerAction<ExitSpace>,
    pub handover: ServerAction<HandOverAttendant>,
    pub close_by_officer: ServerAction<CloseByOfficer>,
}

impl PanelActions {
    fn new() -> Self {
        PanelActions {
            request: ServerAction::new(),
            decide: ServerAction::new(),
            step: ServerAction::new(),
            test: ServerAction::new(),
            enter: ServerAction::new(),
            exit: ServerAction::new(),
            handover: ServerAction::new(),
            close_by_officer: ServerAction::new(),
        }
    }

    /// The error of whichever form was submitted last.
    fn error(self) -> Option<crate::error::AppError> {
        action_error(self.request)
            .or_else(|| action_error(self.decide))
            .or_else(|| action_error(self.step))
            .or_else(|| action_error(self.test))
            .or_else(|| action_error(self.enter))
            .or_else(|| action_error(self.exit))
            .or_else(|| action_error(self.handover))
            .or_else(|| action_error(self.close_by_officer))
    }
}

/// What the panel shows, loaded with the rest of the scan page before it renders (one async
/// wait for the whole page: a nested `Suspense` renders its children again, and that render
/// was most of the scan page's cost, bench/RESULTS.md (e)).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum PanelData {
    /// An idle space: the request form, with the people to choose from.
    Idle(Vec<crate::operations::PersonOption>),
    Open(Box<crate::operations::OperationDetail>),
}

impl PanelData {
    /// The open operation at `space_id` (`open`, from the scan page's first query), or the
    /// people for a new request when there is none, on the connection that read the rest of
    /// the page (`checkpoint_landing`): a connection taken from the pool costs a round trip
    /// when it goes back.
    #[cfg(feature = "ssr")]
    pub async fn load(
        conn: &mut sqlx::PgConnection,
        actor: &crate::auth::SessionUser,
        space_id: Uuid,
        open: Option<crate::operations::panel_cache::OpenOperation>,
    ) -> Result<PanelData, crate::error::AppError> {
        use crate::operations::board;
        let detail = match open {
            Some(open) => board::detail_of_open(&mut *conn, actor, space_id, open).await?,
            None => None,
        };
        Ok(match detail {
            Some(detail) => PanelData::Open(Box::new(detail)),
            // Only an idle space shows the request form and needs the people.
            None => PanelData::Idle(board::people(&mut *conn, actor).await.unwrap_or_default()),
        })
    }
}

#[component]
pub fn OperationPanel(
    space_id: Uuid,
    panel: Result<PanelData, crate::error::AppError>,
) -> impl IntoView {
    let i18n = use_i18n();
    let actions = PanelActions::new();
    let query = use_query_map();
    let done = move || query.with(|q| q.get("saved"));
    let done_notice = move || {
        done().map(|step| {
            let failed = step == "test_failed";
            let text = move || {
                if failed {
                    t_string!(i18n, ops.done_test_failed)
                } else {
                    t_string!(i18n, ops.done)
                }
                .to_string()
            };
            view! {
                <p class="notice" class:ok=!failed class:error=failed role="status" data-done=step.clone()>
                    {text}
                </p>
            }
        })
    };
    let body = match panel {
        Ok(PanelData::Idle(people)) => {
            Either::Left(view! { <RequestForm space_id people action=actions.request/> }.into_any())
        }
        Ok(PanelData::Open(detail)) => {
            Either::Left(view! { <OperationState detail=*detail actions/> }.into_any())
        }
        Err(err) => Either::Right(view! { <ErrorNotice err=err/> }),
    };
    view! {
        {move || actions.error().map(|err| view! { <ErrorNotice err=err/> })}
        {done_notice}
        {body}
    }
}
