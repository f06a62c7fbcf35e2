//! Operation pages: the panel on a space's scan page (one screen per state of the operation),
//! the officers' live board, the history, and the settings (gas policy, delegations).

mod board;
mod delegations;
mod gas_form;
mod history;
mod labels;
mod panel;
mod policy;
mod request_form;
mod state;
mod takeover;

pub use board::BoardPage;
pub use delegations::DelegationsPage;
pub use history::HistoryPage;
pub use panel::{OperationPanel, PanelData};
pub use policy::PolicyPage;

use crate::shell::new_client_id;
use leptos::prelude::*;
use uuid::Uuid;

/// Hidden inputs every operation form carries: its submission id and the operation.
fn ids(operation_id: Uuid) -> impl IntoView {
    view! {
        <input type="hidden" name="client_id" value=new_client_id()/>
        <input type="hidden" name="operation_id" value=operation_id.to_string()/>
    }
}
