//! Settings from the environment. The site address and paths come from cargo-leptos's
//! `LEPTOS_*` variables (read by `leptos::config::get_configuration`).

pub struct Config {
    /// The app's connections: a role that may read and write rows, not change the schema.
    pub database_url: String,
    /// Migrations at start run over this one when set (`DATABASE_MIGRATION_URL`: the schema
    /// owner's role), so the app's own role needs no DDL rights.
    pub migration_url: Option<String>,
    /// `ANXUN_PUBLIC_URL`, checked here so a malformed one stops the start.
    pub public_url: Option<app::site::PublicUrl>,
    pub max_connections: u32,
    /// Load the demo enterprise when the database is empty (`ANXUN_DEMO_DATA=1`).
    pub demo_data: bool,
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let database_url = std::env::var("DATABASE_URL").map_err(|_| {
            "DATABASE_URL is not set (`make run` starts a private PostgreSQL and sets it)"
                .to_string()
        })?;
        let max_connections = match std::env::var("ANXUN_DB_MAX_CONNECTIONS") {
            Ok(v) => v
                .parse()
                .map_err(|_| format!("ANXUN_DB_MAX_CONNECTIONS is not a number: {v}"))?,
            Err(_) => default_max_connections(),
        };
        let public_url = match std::env::var("ANXUN_PUBLIC_URL") {
            Ok(v) if !v.trim().is_empty() => Some(app::site::PublicUrl::parse(&v)?),
            _ => None,
        };
        let insecure_cookies = std::env::var("ANXUN_INSECURE_COOKIES").as_deref() == Ok("1");
        if insecure_cookies && public_url.as_ref().is_some_and(|u| u.is_https()) {
            return Err(
                "ANXUN_INSECURE_COOKIES=1 is for plain http on loopback; unset it when \
                        ANXUN_PUBLIC_URL is https"
                    .into(),
            );
        }
        Ok(Config {
            database_url,
            migration_url: std::env::var("DATABASE_MIGRATION_URL")
                .ok()
                .filter(|v| !v.trim().is_empty()),
            public_url,
            max_connections,
            demo_data: std::env::var("ANXUN_DEMO_DATA").as_deref() == Ok("1"),
        })
    }
}

/// Twice the cores, from 4 to the former fixed 16 (PostgreSQL's wiki: "connections = core
/// count × 2 + spindles", for a database on this machine): more connections than that only
/// make the backends and the server's own threads take turns on the same cores. On the bench
/// machine's 2 cores, 4 instead of 16 served the scan page 1.1–1.25× as fast under
/// `wrk -c32` (bench/RESULTS.md (e)).
fn default_max_connections() -> u32 {
    std::thread::available_parallelism().map_or(4, |n| (2 * n.get() as u32).clamp(4, 16))
}
