//! Form helpers. Every write carries a client-made id (a UUID) so that a retried submission,
//! from a double tap, a flaky network or later the offline outbox, is stored once.

use crate::{error::AppError, i18n::*, shell::error_text};
use leptos::prelude::*;

/// A fresh client id. On the server (first render, and every no-JavaScript reload) it is a
/// UUIDv7; in the browser it comes from `crypto.randomUUID()`.
pub fn new_client_id() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::now_v7().to_string()
    }
    #[cfg(all(not(feature = "ssr"), feature = "hydrate"))]
    {
        web_sys::window()
            .and_then(|w| w.crypto().ok())
            .map(|c| c.random_uuid())
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        String::new()
    }
}

/// The hidden `client_id` input of a form. The id stays the same while the form is retried
/// and is renewed by `renew` (after a success) so the next record gets its own id.
#[component]
pub fn ClientIdInput(#[prop(into)] value: Signal<String>) -> impl IntoView {
    view! { <input type="hidden" name="client_id" value=move || value.get()/> }
}

/// A translated error in an alert box (announced by screen readers).
#[component]
pub fn ErrorNotice(err: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="notice error" role="alert">{move || error_text(i18n, &err)}</p> }
}
