//! The one integration test binary: a real `sigil` process on a loopback port, real SQLite files and
//! a real PostgreSQL server. Modules mirror the areas they test.
mod backchannel_logout;
mod browser;
mod catalog;
mod common;
mod device_code;
mod expiry;
mod hardening_auth;
mod hardening_input;
mod hardening_net;
mod hardening_ops;
mod hardening_store;
mod introspection;
mod landing;
mod lifecycle;
mod msal_node;
mod oidc;
mod on_behalf_of;
mod outbound;
mod python_clients;
mod real_clients;
mod resource_indicators;
mod spa;
mod store_conformance;
mod token;
mod token_exchange;
