//! The one integration test binary. Modules mirror the areas they test.
mod store_conformance;
