//! Who acts: the signed-in person and their role, as the kernel's audited step checks them.
//! Signing in, sessions and the login page are `auth`'s (a service); this is what they make.

mod role;

pub use role::Role;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The signed-in person, as every page and server function sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    /// Set for everyone but regulators.
    pub enterprise_id: Option<Uuid>,
    /// Set for regulators only: the township/county they oversee.
    pub jurisdiction_id: Option<Uuid>,
    /// The enterprise's or jurisdiction's name, for the header.
    pub org_name: String,
}

impl SessionUser {
    /// Refuses unless the user has one of `roles`.
    pub fn require_role(&self, roles: &[Role]) -> Result<(), crate::error::AppError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(crate::error::AppError::Forbidden)
        }
    }

    /// The enterprise whose data this user works on; regulators have none.
    pub fn enterprise(&self) -> Result<Uuid, crate::error::AppError> {
        self.enterprise_id.ok_or(crate::error::AppError::Forbidden)
    }
}
