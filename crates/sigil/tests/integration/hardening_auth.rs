//! Issue 17 regression tests (hardening_auth).
