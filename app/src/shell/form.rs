//! Form helpers. Every write carries a client-made id (a UUID) so that a retried submission,
//! from a double tap, a flaky network or later the offline outbox, is stored once. Pages are
//! server-rendered (islands), so each page load puts a fresh id in its forms.

use crate::{error::AppError, i18n::*, shell::error_text};
use leptos::prelude::*;

/// A fresh client id (UUIDv7), rendered into a form's hidden `client_id` input. The form
/// keeps it while retried; the next page load brings a new one.
pub fn new_client_id() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::now_v7().to_string()
    }
    // Forms are rendered on the server; the browser build never makes one.
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// A translated error in an alert box (announced by screen readers).
#[component]
pub fn ErrorNotice(err: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="notice error" role="alert">{move || error_text(i18n, &err)}</p> }
}
