//! The Anxun server: configuration, database, middleware and the Leptos app.

mod assets;
mod cli;
mod config;
mod http_guards;

use app::{
    app::{shell, App},
    auth::server as auth,
    state::AppState,
};
use axum::{
    extract::{MatchedPath, Request},
    handler::Handler,
    middleware,
    response::Response,
    routing::get,
    Router,
};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::{process::ExitCode, time::Duration};
use tower_http::{
    compression::CompressionLayer,
    trace::{DefaultOnFailure, TraceLayer},
};
use tracing::{Level, Span};
use tracing_subscriber::EnvFilter;

// Rendering a page allocates many small strings across worker threads; glibc's allocator
// spent a quarter of the scan page's server time in malloc/free and its arena locks (perf,
// bench/RESULTS.md (e)). mimalloc is built for exactly this pattern.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = <cli::Cli as clap::Parser>::parse();
    let outcome = match cli.command {
        None | Some(cli::Command::Serve) => run().await,
        Some(cli::Command::Admin { action }) => cli::admin(action).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    app::install_vocabularies();
    let config = config::Config::from_env()?;
    let pool = app::db::connect(&config.database_url, config.max_connections)
        .await
        .map_err(|e| format!("cannot connect to PostgreSQL: {e}"))?;
    migrate(&config, &pool).await?;
    if config.public_url.is_none() && !app::site::DEVELOPMENT {
        tracing::warn!("ANXUN_PUBLIC_URL is not set: posters (QR codes) will be refused");
    }
    let guards = http_guards::Guards::from_public_url(config.public_url.as_ref());
    if config.demo_data
        && app::demo::seed_if_empty(&pool)
            .await
            .map_err(|e| format!("demo data failed: {e}"))?
    {
        tracing::info!("loaded demo data (logins in README.md)");
    }

    let leptos_options = leptos::config::get_configuration(None)
        .map_err(|e| format!("leptos configuration: {e}"))?
        .leptos_options;
    let addr = leptos_options.site_addr;
    let photos = app::photos::PhotoStore::from_env().map_err(|e| format!("photo storage: {e}"))?;
    let state = AppState::new(leptos_options, pool.clone(), photos);
    tokio::spawn(housekeeping(state.clone()));
    // Photo files an upload left without a row: swept at start, then every hour.
    tokio::spawn(app::photos::sweep::run(pool.clone(), state.photos.clone()));
    // Sessions kept in memory hear here when one ends or its user changes (any process).
    tokio::spawn(auth::session_cache::listen(pool.clone()));
    let routes = generate_route_list(App);
    let context_pool = pool.clone();
    let shell_options = state.leptos_options.clone();
    let pkg_path = format!("/{}", state.leptos_options.site_pkg_dir);
    let pkg_files = assets::pkg_files(&state.leptos_options);
    let router = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_pool.clone()),
            move || shell(shell_options.clone()),
        )
        .merge(auth::routes())
        .merge(app::state::feature_routes())
        .route("/healthz", get(http_guards::healthz))
        .nest_service(&pkg_path, pkg_files)
        // The other files of the site root (public/), and the not-found page.
        .fallback(
            leptos_axum::file_and_error_handler::<AppState, _>(shell)
                .layer(middleware::map_response(assets::public_files)),
        )
        .layer(middleware::map_response(app::error::with_error_status))
        // The offline outbox's deliveries (issue 10): inside the session (it compares the
        // author with the signed-in user), outside everything that answers.
        .layer(middleware::from_fn_with_state(
            pool.clone(),
            app::offline::delivery::outbox,
        ))
        .layer(middleware::from_fn_with_state(
            pool.clone(),
            auth::load_session,
        ))
        .layer(middleware::from_fn_with_state(
            guards.clone(),
            http_guards::same_origin_writes,
        ))
        .layer(middleware::from_fn_with_state(
            guards,
            http_guards::security_headers,
        ))
        .layer(CompressionLayer::new())
        // One span per request (method and route; status and latency once answered). At the
        // default `info` nothing is logged per request, but every event inside carries the
        // span; `RUST_LOG=info,anxun::http=debug` adds one line per response. Server errors: `error`.
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_request(())
                .on_response(|res: &Response<_>, latency: Duration, span: &Span| {
                    let status = res.status().as_u16();
                    let latency_ms = latency.as_secs_f64() * 1000.0;
                    span.record("status", status);
                    span.record("latency_ms", latency_ms);
                    tracing::debug!(target: "anxun::http", status, latency_ms, "response");
                })
                .on_failure(DefaultOnFailure::new().level(Level::ERROR)),
        )
        .with_state(state);

    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("listening on http://{addr}");
    // The peer address feeds the login rate limit (auth::server::throttle::ClientAddr).
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| format!("server error: {e}"))?;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Applies the migrations, over `DATABASE_MIGRATION_URL` (the schema owner) when it is set, so
/// that the app's own role (`DATABASE_URL`) needs no right to change the schema.
async fn migrate(config: &config::Config, pool: &sqlx::PgPool) -> Result<(), String> {
    let owner = match &config.migration_url {
        Some(url) => Some(
            app::db::connect(url, 1)
                .await
                .map_err(|e| format!("cannot connect with DATABASE_MIGRATION_URL: {e}"))?,
        ),
        None => None,
    };
    let result = app::db::migrate(owner.as_ref().unwrap_or(pool)).await;
    if let Some(owner) = owner {
        owner.close().await;
    }
    result.map_err(|e| {
        let hint = if config.migration_url.is_none() {
            " (when DATABASE_URL's role may not change the schema, set DATABASE_MIGRATION_URL \
             to the schema owner's; README, \"Running for real\")"
        } else {
            ""
        };
        format!("migrations failed: {e}{hint}")
    })
}

/// The span of one request: the route's pattern (`/spaces/{id}`, never the ids or QR tokens in
/// the address) when a route matched, else the path (static files, not found); no query string.
fn request_span(req: &Request) -> Span {
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str)
        .filter(|p| !p.contains("{*"))
        .unwrap_or_else(|| req.uri().path());
    tracing::info_span!(
        "request",
        method = %req.method(),
        path,
        status = tracing::field::Empty,
        latency_ms = tracing::field::Empty,
    )
}

/// Every ten minutes: expired sessions, stale login counts, idle rate-limit keys.
async fn housekeeping(state: AppState) {
    let mut every = tokio::time::interval(Duration::from_secs(600));
    loop {
        every.tick().await;
        auth::housekeeping(&state.pool, &state.login_throttle).await;
    }
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
