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
            Err(_) => 16,
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
