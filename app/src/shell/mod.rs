//! The app shell shared by every feature: layout with header and bottom navigation, the
//! signed-in user, translated error messages and form helpers.

#[cfg(feature = "ssr")]
pub mod csp;
mod feature;
mod form;
mod layout;
mod messages;
mod nav;
mod pager;

pub use feature::{home_cards, nav_entries, Place};
pub use form::{action_error, load, new_client_id, once, ErrorNotice, FormFeedback};
pub use layout::{with_user, Forbidden, NotFound};
#[cfg(feature = "ssr")]
pub use messages::file_answer;
pub use messages::{error_text, error_text_in, role_label};
pub use nav::BottomNav;
pub use pager::{asked_page, Pager};
