//! The append-only audit log: who changed what, when, from which client submission.
//!
//! Every state change goes through one step guard (`step::AuditedTx`, server only): it checks
//! the actor's role and enterprise, recognises a retried submission by its client id, and can
//! only commit by writing one typed audit row. Each module names the actions it writes
//! (`audit_actions!`, with the labels its trails show); the step carries any as an `AuditAction`.

#[cfg(feature = "ssr")]
pub mod step;
mod trail;

pub use trail::TrailEntry;

mod action;

pub use action::{Actions, AuditAction};
