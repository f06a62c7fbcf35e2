//! Database tests of patrols.
