//! A person's own pages: signing in (`/login`) and their account (`/me`). The sessions,
//! roles and the server side of signing in are `auth`'s.

mod pages;

pub use pages::{LoginPage, MePage};
