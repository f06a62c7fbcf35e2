//! Server side of accounts: password hashing, login with lockout, sessions in PostgreSQL,
//! the session middleware and the plain-HTML login/logout/language routes.

mod context;
mod handlers;
pub mod lockout;
pub mod login;
pub mod password;
pub mod session;

pub use context::{
    back_to_form, current_user, pool, request_accepts_html, require_user, Cx, RequestUser,
};
pub use handlers::{load_session, routes};
