//! Database tests of hazards, one file per topic: every move from every state and the rules
//! of each, retries and numbering, overdue with an injected clock, tenant isolation and who
//! sees what. Bad input on every form is in `authz_tests` (the corpus) and `model.rs`.

mod input;
mod isolation;
mod moves;
mod overdue;
mod retries;
mod world;
