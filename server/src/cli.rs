//! The binary's subcommands: `anxun` / `anxun serve` serves the app; `anxun admin …` does
//! what only the machine's administrator may (README, "Running for real"): opens the first
//! platform operator's account on an empty database, or gives a locked-out operator a new
//! password. Both print a one-time password, to be changed at the first login, and both are
//! audit rows of the operator's account.

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "anxun",
    version,
    about = "安巡 Anxun: workplace safety for industry-and-trade enterprises"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the app (what `anxun` alone does).
    Serve,
    /// Accounts of the platform operator (平台管理员), on the server's console.
    Admin {
        #[command(subcommand)]
        action: Admin,
    },
}

#[derive(Subcommand)]
pub enum Admin {
    /// Open a platform operator's account; prints its one-time password.
    CreateOperator {
        /// The operator's mobile number (their sign-in).
        #[arg(long)]
        mobile: String,
        /// The operator's name.
        #[arg(long)]
        name: String,
    },
    /// Give an operator a new one-time password (clears a lock, ends their sessions).
    ResetPassword {
        /// The operator's mobile number.
        #[arg(long)]
        mobile: String,
    },
}

/// Runs an `admin` action against the database of the environment (migrated first, so it
/// works on an empty database before the first start).
pub async fn admin(action: Admin) -> Result<(), String> {
    app::install_vocabularies();
    let config = crate::config::Config::from_env()?;
    let pool = app::db::connect(&config.database_url, 1)
        .await
        .map_err(|e| format!("cannot connect to PostgreSQL: {e}"))?;
    crate::migrate(&config, &pool).await?;
    let (mobile, result) = match action {
        Admin::CreateOperator { mobile, name } => {
            let r = app::users::console::create_operator(&pool, &mobile, &name).await;
            (mobile, r)
        }
        Admin::ResetPassword { mobile } => {
            let r = app::users::console::reset_operator_password(&pool, &mobile).await;
            (mobile, r)
        }
    };
    pool.close().await;
    let secret = result.map_err(|err| explain(&err))?;
    println!("账号 account: {mobile}");
    println!("一次性密码 one-time password: {secret}");
    println!("用手机号和此密码在 /login 登录，登录后须立即修改。");
    println!(
        "Sign in at /login with the mobile number and this password; it must be changed at once."
    );
    Ok(())
}

/// An error of the console in words (the app's are made for pages).
fn explain(err: &app::error::AppError) -> String {
    use app::error::{AppError, Problem};
    match err {
        AppError::Invalid { field, problem } => {
            let what = field.label_in(app::i18n::Locale::en);
            match problem {
                Problem::Taken => format!("{what}: already used by another account"),
                Problem::Required => format!("{what}: required"),
                other => format!("{what}: not valid ({other:?})"),
            }
        }
        AppError::NotFound => "no operator has this mobile number".into(),
        other => format!("failed: {other}"),
    }
}
