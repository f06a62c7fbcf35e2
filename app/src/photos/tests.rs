//! Database tests of photos.
