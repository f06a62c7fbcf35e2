//! Form helpers. Every write carries a client-made id (a UUID) so that a retried submission,
//! from a double tap, a flaky network or later the offline outbox, is stored once. Pages are
//! server-rendered (islands), so each page load puts a fresh id in its forms.

use crate::{error::AppError, i18n::*, shell::error_text};
use futures::future::{BoxFuture, FutureExt, Shared};
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

/// Runs `fetch` at most once for a `Suspense`: Suspense walks its children once to register
/// what they wait on and then renders them, so a bare `.await` inside `Suspend::new` ran the
/// scan page's operation query twice per request (leptos#2956: "working as designed"). A
/// shared future is polled by both passes and resolves once.
pub fn once<T, Fut>(fetch: Fut) -> Shared<BoxFuture<'static, T>>
where
    T: Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    fetch.boxed().shared()
}

/// The load-and-show frame every page uses: waits for `fetch()` and shows `ok(value)`, or the
/// translated error in its place. Pages are server-rendered islands, so the data is fetched on
/// the server and only the HTML is sent: no `Resource`, whose value would be serialised into
/// the page for a hydration that never comes (it doubled the scan page's bytes and CPU).
pub fn load<T, Fut, V, R>(fetch: impl FnOnce() -> Fut, ok: R) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let data = once(fetch());
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (data, ok) = (data.clone(), ok.clone());
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => leptos::either::Either::Left(ok(value)),
                        Err(err) => leptos::either::Either::Right(view! { <ErrorNotice err=err/> }),
                    }
                })
            }}
        </Suspense>
    }
}

/// The error of a form's last submission, if it failed (read by `FormFeedback`).
pub fn action_error<S>(action: ServerAction<S>) -> Option<AppError>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    action.value().get().and_then(Result::err)
}

/// What a form page says after a submission: the error in an alert, or, after a plain form
/// post redirected back with `?saved=…`, that it was saved.
#[component]
pub fn FormFeedback(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let query = leptos_router::hooks::use_query_map();
    view! {
        {move || error.get().map(|err| view! { <ErrorNotice err=err/> })}
        {move || {
            query
                .with(|q| q.get("saved"))
                .map(|_| view! { <p class="notice ok" role="status">{t!(i18n, ops.done)}</p> })
        }}
    }
}
