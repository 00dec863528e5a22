//! Dev-only helpers: fresh real databases, a spawned `sigil` server on a free loopback port, fixtures.
pub mod db;
