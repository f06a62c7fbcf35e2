//! What other features may ask of operations on the server (its public service API): the
//! officers who read the board, who is inside now, the people a crew is picked from, and the
//! permit policy the enterprise's settings page keeps; and, for the regulators' figures, the
//! operations of many enterprises in a period.

pub use super::board::{board, counts_between, people};
pub use super::db::settings::{permit_policy, upsert_permit_policy};
pub use super::permit::OFFICERS;
