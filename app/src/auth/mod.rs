//! Accounts, sessions and roles: who is signed in, what they may do, and the login page.

#[cfg(all(test, feature = "ssr"))]
mod account_tests;
mod api;
#[cfg(all(test, feature = "ssr"))]
mod attack_tests;
pub mod password_rules;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(all(test, feature = "ssr"))]
mod session_cache_tests;
#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use crate::actor::{Role, SessionUser};
pub use api::*;

mod actions;
mod fields;
pub use actions::AuthAction;
pub use fields::AuthField;

/// The words auth lends the kernel (`crate::words`).
pub const WORDS: crate::words::Words = crate::words::Words::of("auth")
    .actions::<AuthAction>()
    .fields::<AuthField>();
