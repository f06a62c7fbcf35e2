//! Database tests of hazards, one file per topic: every move from every state and the rules
//! of each, retries and numbering, overdue with an injected clock, tenant isolation and who
//! sees what; photos through the steps (`photos`) and the multipart posts (`http`). Bad input
//! on every form is in `authz_tests` (the corpus) and `model.rs`.

pub(crate) mod http;
mod input;
mod isolation;
mod moves;
mod overdue;
mod paging;
mod photos;
mod regulator;
mod retries;
pub(crate) mod world;
