//! One file per endpoint. A `/{tenant}/…` handler takes a [`crate::request::TenantRequest`].
pub mod admin;
pub mod authorize;
pub mod consent;
pub mod device;
pub mod device_authorization;
pub mod discovery;
pub mod health;
pub mod help;
pub mod home;
mod interaction;
pub mod introspect;
pub mod logout;
pub mod msal;
pub mod par;
pub mod revoke;
pub mod signin;
pub mod token;
pub mod userinfo;
