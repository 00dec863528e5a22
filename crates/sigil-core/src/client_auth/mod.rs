//! Client authentication at the token endpoint (RFC 6749 §2.3, §3.2.1). An [`AuthenticatedClient`]
//! can only be made here, so no grant handler can run for a client that was not authenticated.
//! Secrets are checked without I/O; an assertion may need the store (its `jti`) and the outbound
//! fetcher (a `jwks_uri`, an external issuer's keys), so [`authenticate`] is async.
mod accepted;
pub(crate) mod assertion;
mod basic;
pub mod client_secret_jwt;
pub(crate) mod federated;
mod none;
mod post;
mod private_key_jwt;

use std::sync::Arc;

use crate::catalog;
use crate::clock::UnixTime;
use crate::context::Context;
use crate::crypto::{MasterKey, ct_eq};
use crate::directory::TenantView;
use crate::error::{AuthAttempt, SigilError};
use crate::model::{AuthMethod, Client};
use crate::params::{Params, sanitize};

pub use accepted::AcceptedAssertions;
pub use basic::BasicCredentials;

#[derive(Debug, Clone)]
pub struct AuthenticatedClient {
    client: Arc<Client>,
    method: AuthMethod,
}

impl AuthenticatedClient {
    pub fn client(&self) -> &Arc<Client> {
        &self.client
    }
    pub fn method(&self) -> AuthMethod {
        self.method
    }
}

/// The credentials a request carried, as the HTTP layer found them.
#[derive(Debug, Clone, Default)]
pub struct Presented {
    /// `Some(Err)` when an `Authorization: Basic` header was present but malformed.
    pub basic: Option<Result<BasicCredentials, String>>,
}

impl Presented {
    fn attempt(&self) -> AuthAttempt {
        if self.basic.is_some() { AuthAttempt::BasicHeader } else { AuthAttempt::Other }
    }
}

/// The client_id a request claims, before authentication (for the sign-in log): an assertion
/// without `client_id` names its client by `sub` (RFC 7523 §3), read here unverified.
pub fn claimed_client_id(params: &Params, presented: &Presented) -> Option<String> {
    match &presented.basic {
        Some(Ok(b)) => Some(b.client_id.clone()),
        _ => params
            .get("client_id")
            .map(str::to_string)
            .or_else(|| params.get("client_assertion").and_then(assertion::unverified_subject)),
    }
}

pub async fn authenticate(
    ctx: &Context,
    view: &TenantView,
    params: &Params,
    presented: &Presented,
) -> Result<AuthenticatedClient, SigilError> {
    authenticate_with(ctx, view, None, params, presented).await
}

/// [`authenticate`], where `document` is the client a Client ID Metadata Document described
/// (`client_metadata::resolve`) for the request's `client_id`: always public, so only `none`.
pub async fn authenticate_with(
    ctx: &Context,
    view: &TenantView,
    document: Option<Arc<Client>>,
    params: &Params,
    presented: &Presented,
) -> Result<AuthenticatedClient, SigilError> {
    let attempt = presented.attempt();
    let with_attempt = |e: SigilError| if e.entry.error == "invalid_client" { e.attempt(attempt) } else { e };
    let now = ctx.clock.now();
    let result = match check_mechanisms(params, presented)? {
        Mechanism::Assertion => assertion::authenticate(ctx, view, params, now).await,
        Mechanism::Secret => authenticate_secret(view, document, params, presented, &ctx.master, now),
    };
    result.map_err(with_attempt)
}

enum Mechanism {
    Assertion,
    Secret,
}

/// RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
fn check_mechanisms(params: &Params, presented: &Presented) -> Result<Mechanism, SigilError> {
    let mechanisms = [presented.basic.is_some(), params.contains("client_secret"), params.contains("client_assertion")];
    if mechanisms.iter().filter(|m| **m).count() > 1 {
        return Err(SigilError::new(
            catalog::MULTIPLE_CLIENT_AUTHENTICATION,
            "more than one client authentication mechanism",
        ));
    }
    Ok(if params.contains("client_assertion") { Mechanism::Assertion } else { Mechanism::Secret })
}

/// The client a request names, in this tenant (a self-registered one only until its registration
/// ends, RFC 7591 §3.2.1 `client_secret_expires_at` / the tenant's lifetime policy).
fn find_client<'v>(view: &'v TenantView, client_id: &str, now: UnixTime) -> Result<&'v Arc<Client>, SigilError> {
    view.client(client_id).filter(|c| !c.registration_expired(now)).ok_or_else(|| {
        SigilError::new(
            catalog::UNKNOWN_CLIENT,
            format!("no client '{}' in tenant '{}'", sanitize(client_id), view.tenant.name),
        )
        .arg("client", sanitize(client_id))
        .arg("tenant", view.tenant.name.clone())
    })
}

/// The method must be one the client registered.
fn check_registered(client: &Client, method: AuthMethod) -> Result<(), SigilError> {
    if client.auth_methods.contains(&method) {
        return Ok(());
    }
    Err(SigilError::new(catalog::AUTH_METHOD_NOT_ALLOWED, format!("client not registered for {}", method.as_str()))
        .arg("method", method.as_str()))
}

fn authenticate_secret(
    view: &TenantView,
    document: Option<Arc<Client>>,
    params: &Params,
    presented: &Presented,
    master: &MasterKey,
    now: UnixTime,
) -> Result<AuthenticatedClient, SigilError> {
    let (client_id, method) = match &presented.basic {
        Some(Err(why)) => return Err(SigilError::new(catalog::MALFORMED_CLIENT_CREDENTIALS, why.clone())),
        Some(Ok(b)) => {
            if let Some(body_id) = params.get("client_id")
                && body_id != b.client_id
            {
                return Err(SigilError::new(
                    catalog::MALFORMED_REQUEST,
                    "client_id in body differs from the Authorization header",
                )
                .arg("reason", "client_id in the body differs from the one in the Authorization header"));
            }
            (b.client_id.as_str(), AuthMethod::ClientSecretBasic)
        }
        None => {
            let id = params.require("client_id")?;
            let m = if params.contains("client_secret") { AuthMethod::ClientSecretPost } else { AuthMethod::None };
            (id, m)
        }
    };
    let document = document.filter(|c| c.client_id == client_id && !c.registration_expired(now));
    let client = match document.as_ref() {
        Some(c) => c,
        None => find_client(view, client_id, now)?,
    };
    match method {
        AuthMethod::ClientSecretBasic => basic::verify(client, presented, master, now)?,
        AuthMethod::ClientSecretPost => post::verify(client, params, master, now)?,
        AuthMethod::None => none::verify(client)?,
        AuthMethod::PrivateKeyJwt | AuthMethod::ClientSecretJwt => {
            unreachable!("assertions are handled by assertion::authenticate")
        }
    }
    Ok(AuthenticatedClient { client: client.clone(), method })
}

/// Shared by `client_secret_basic` and `client_secret_post`: registration, then the keyed hash of the
/// presented secret compared in constant time against every secret the client holds.
fn check_secret(
    client: &Client,
    method: AuthMethod,
    secret: &str,
    master: &MasterKey,
    now: UnixTime,
) -> Result<(), SigilError> {
    if !client.confidential {
        return Err(SigilError::new(catalog::PUBLIC_CLIENT_SENT_SECRET, "public client presented a secret"));
    }
    check_registered(client, method)?;
    let presented = master.secret_hash(secret);
    let mut matched = None;
    for s in &client.secrets {
        if ct_eq(&s.hash, &presented) {
            matched = Some(s);
        }
    }
    match matched {
        None => Err(SigilError::new(
            catalog::INVALID_CLIENT_SECRET,
            format!("presented secret matches none of the client's {} secret(s)", client.secrets.len()),
        )
        .arg("client", client.client_id.clone())),
        Some(s) if s.expires_at.is_some_and(|e| e <= now) => Err(SigilError::new(
            catalog::EXPIRED_CLIENT_SECRET,
            format!(
                "secret {} ({}...) expired at {}",
                s.id,
                s.hint,
                crate::clock::rfc3339(s.expires_at.unwrap_or(0) * 1000)
            ),
        )
        .arg("client", client.client_id.clone())),
        Some(_) => Ok(()),
    }
}
