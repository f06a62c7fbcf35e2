//! Database tests of operations, one file per sub-domain: the permit, the steps before and
//! during entry (one test per rule), retries and audit rows, tenant isolation, settings and
//! the board.

mod board;
mod entry;
mod export;
mod isolation;
mod offline;
mod panel_cache;
mod permit;
mod retries;
mod safety;
mod settings;
mod world;
