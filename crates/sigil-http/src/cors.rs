//! CORS (Fetch standard §3.2) for the endpoints a single-page application calls from the browser:
//! token, discovery, JWKS and userinfo. Only the origins the tenant's SPAs registered
//! (`TenantView::allows_origin`) get an answer.
//!
//! Why a small layer around tower-http's `Cors`, not a `CorsLayer` alone: the origins are
//! per tenant (the `{tenant}` path segment, looked up in the in-memory directory); it is one
//! router-wide layer, not one per route, because axum's method-not-allowed fallback replaces a
//! route layer's `OPTIONS` handling (a preflight would be a 405); and tower-http
//! answers every `OPTIONS` as a preflight, with `Access-Control-Allow-Methods`/`-Headers`, even
//! for an origin its predicate refuses. Here a request without `Origin` (every server-to-server
//! call, e.g. client credentials) goes straight to the handler with no work added, an unregistered
//! origin gets no CORS header at all (its preflight reaches the route: 405), and a registered one
//! goes through tower-http's `Cors`, which writes the headers and answers the preflight. A plain
//! tower `Service` rather than `axum::middleware::from_fn`: the path without `Origin` is one header
//! lookup, with no boxed future.
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::http::{HeaderName, Method, header};
use axum::response::Response;
use tower::util::Either;
use tower::{Layer, Service};
use tower_http::cors::{AllowHeaders, AllowOrigin, Cors, CorsLayer};

use crate::AppState;

/// How long a browser may cache a preflight answer.
const PREFLIGHT_MAX_AGE: std::time::Duration = std::time::Duration::from_secs(600);

/// The `{tenant}` of a path an SPA may call cross-origin: token, discovery (OpenID and RFC 8414),
/// JWKS, userinfo. The same paths as the routes in `lib.rs::public_routes`.
fn cors_tenant(path: &str) -> Option<&str> {
    let rest = path.strip_prefix('/')?;
    if let Some(t) = rest.strip_prefix(".well-known/oauth-authorization-server/") {
        return t.strip_suffix("/v2.0").filter(|t| !t.contains('/'));
    }
    let (tenant, tail) = rest.split_once('/')?;
    matches!(
        tail,
        "oauth2/v2.0/token" | "v2.0/.well-known/openid-configuration" | "discovery/v2.0/keys" | "oidc/userinfo"
    )
    .then_some(tenant)
}

#[derive(Clone)]
pub struct SpaCorsLayer {
    state: Arc<AppState>,
    cors: CorsLayer,
}

impl SpaCorsLayer {
    pub fn new(state: Arc<AppState>) -> Self {
        // No credentials (cookies): an SPA sends its tokens in the body or the `Authorization` header.
        let cors = CorsLayer::new()
            .allow_origin(AllowOrigin::mirror_request())
            .allow_methods([Method::GET, Method::POST])
            .allow_headers(AllowHeaders::mirror_request())
            // RFC 9449 §8: a browser client reads the server's DPoP nonce.
            .expose_headers([header::WWW_AUTHENTICATE, header::RETRY_AFTER, HeaderName::from_static("dpop-nonce")])
            .max_age(PREFLIGHT_MAX_AGE);
        Self { state, cors }
    }
}

impl<S> Layer<S> for SpaCorsLayer {
    type Service = SpaCors<S>;
    fn layer(&self, inner: S) -> SpaCors<S> {
        SpaCors { inner, layer: self.clone() }
    }
}

#[derive(Clone)]
pub struct SpaCors<S> {
    inner: S,
    layer: SpaCorsLayer,
}

impl<S> SpaCors<S> {
    /// `Origin` is one of the SPA origins of the tenant the path names.
    fn registered(&self, req: &Request) -> bool {
        let Some(origin) = req.headers().get(header::ORIGIN) else { return false };
        let Ok(origin) = origin.to_str() else { return false };
        cors_tenant(req.uri().path())
            .is_some_and(|t| self.layer.state.ctx.directory.get().tenant(t).is_some_and(|v| v.allows_origin(origin)))
    }
}

impl<S> Service<Request> for SpaCors<S>
where
    S: Service<Request, Response = Response> + Clone,
{
    type Response = Response;
    type Error = S::Error;
    type Future = <Either<S, Cors<S>> as Service<Request>>::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        // The inner service that was polled ready goes with this call (tower's clone-and-swap).
        let clone = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, clone);
        let mut svc: Either<S, Cors<S>> =
            if self.registered(&req) { Either::Right(self.layer.cors.layer(inner)) } else { Either::Left(inner) };
        svc.call(req)
    }
}

#[cfg(test)]
mod tests {
    use super::cors_tenant;

    #[test]
    fn only_the_spa_endpoints_name_a_tenant() {
        assert_eq!(cors_tenant("/contoso/oauth2/v2.0/token"), Some("contoso"));
        assert_eq!(cors_tenant("/contoso/v2.0/.well-known/openid-configuration"), Some("contoso"));
        assert_eq!(cors_tenant("/.well-known/oauth-authorization-server/contoso/v2.0"), Some("contoso"));
        assert_eq!(cors_tenant("/contoso/discovery/v2.0/keys"), Some("contoso"));
        assert_eq!(cors_tenant("/contoso/oidc/userinfo"), Some("contoso"));
        for other in [
            "/contoso/oauth2/v2.0/authorize",
            "/contoso/oauth2/v2.0/revoke",
            "/contoso/oauth2/v2.0/introspect",
            "/contoso/login",
            "/.well-known/oauth-authorization-server/a/b/v2.0",
            "/metrics",
            "/",
            "",
        ] {
            assert_eq!(cors_tenant(other), None, "{other}");
        }
    }
}
