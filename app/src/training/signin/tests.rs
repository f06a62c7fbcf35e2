//! Database and HTTP tests of signing in by scan.
