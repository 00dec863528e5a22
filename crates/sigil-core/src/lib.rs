//! Sigil's protocol and domain layer. Nothing here speaks HTTP or SQL: the HTTP crate turns requests
//! into the plain values these modules take, and the store crate implements the traits in [`store`].

pub mod account;
pub mod admin;
pub mod authorize;
pub mod backchannel;
pub mod branding;
pub mod catalog;
pub mod claims;
pub mod client_auth;
pub mod client_metadata;
pub mod clock;
pub mod config;
pub mod context;
pub mod crypto;
pub mod device;
pub mod directory;
pub mod discovery;
pub mod docs;
pub mod dpop;
pub mod error;
pub mod factor;
pub mod fapi;
#[cfg(test)]
mod fuzz;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
pub mod grant;
pub mod i18n;
pub mod interaction;
pub mod introspection;
pub mod jwk;
mod jwt;
pub mod keys;
pub mod limits;
pub mod model;
pub mod outbound;
pub mod par;
pub mod params;
pub mod password;
pub mod pkce;
pub mod provisioning;
pub mod ratelimit;
pub mod registration;
pub mod request_object;
pub mod resource;
pub mod revocation;
pub mod rng;
pub mod scim;
pub mod scope;
pub mod signin;
pub mod signin_log;
pub mod store;
pub mod token;
pub mod userinfo;
pub mod verify;

pub use error::SigilError;
