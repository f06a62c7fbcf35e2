//! What other features may ask of operations on the server (its public service API): the
//! officers who read the board, who is inside now, the people a crew is picked from, and the
//! permit policy the enterprise's settings page keeps.

pub use super::board::{board, people};
pub use super::db::settings::{permit_policy, upsert_permit_policy};
pub use super::permit::OFFICERS;
