//! Settings from the environment. The site address and paths come from cargo-leptos's
//! `LEPTOS_*` variables (read by `leptos::config::get_configuration`).

pub struct Config {
    pub database_url: String,
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
        Ok(Config {
            database_url,
            max_connections,
            demo_data: std::env::var("ANXUN_DEMO_DATA").as_deref() == Ok("1"),
        })
    }
}
