//! Database tests of hazards.
