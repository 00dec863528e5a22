//! Workload identity federation: a token issued by an external OpenID provider (GitHub Actions,
//! Kubernetes, another Sigil) authenticates the client when one of its federated credentials
//! names the token's issuer, subject and audience. The issuer's keys are found as for any OpenID
//! provider: its discovery document (OpenID Connect Discovery 1.0 §4, whose `issuer` must be the
//! token's, §4.3) and the `jwks_uri` it names, through the SSRF-guarded fetcher.
use super::assertion::{Assertion, check_replay, check_signature_at, check_time, keys_unavailable};
use crate::catalog;
use crate::clock::UnixTime;
use crate::context::Context;
use crate::directory::TenantView;
use crate::error::SigilError;
use crate::model::Client;
use crate::outbound::FetchMode;
use crate::params::sanitize;

pub(super) async fn verify(
    ctx: &Context,
    view: &TenantView,
    client: &Client,
    a: &Assertion<'_>,
    now: UnixTime,
) -> Result<(), SigilError> {
    let c = &a.claims;
    let by_issuer: Vec<_> = client.federated.iter().filter(|f| f.issuer == c.iss).collect();
    if by_issuer.is_empty() {
        return Err(SigilError::new(
            catalog::FEDERATED_ISSUER_NO_MATCH,
            format!("no federated credential of '{}' trusts issuer '{}'", client.client_id, sanitize(&c.iss)),
        ));
    }
    check_signature_at(ctx, a, &jwks_uri(ctx, &c.iss).await?, now).await?;
    let by_subject: Vec<_> = by_issuer.into_iter().filter(|f| f.subject == c.sub).collect();
    if by_subject.is_empty() {
        return Err(SigilError::new(
            catalog::FEDERATED_SUBJECT_NO_MATCH,
            format!("no federated credential for issuer '{}' has subject '{}'", sanitize(&c.iss), sanitize(&c.sub)),
        ));
    }
    if !by_subject.iter().any(|f| c.aud.contains(&f.audience)) {
        return Err(SigilError::new(
            catalog::FEDERATED_AUDIENCE_NO_MATCH,
            format!("the token's aud is not the audience of the credentials for subject '{}'", sanitize(&c.sub)),
        ));
    }
    check_time(ctx, c, now)?;
    check_replay(ctx, view, client, a).await
}

/// OpenID Connect Discovery 1.0 §4: `<issuer>/.well-known/openid-configuration`; its `issuer`
/// must be exactly the one asked for (§4.3), and it names the `jwks_uri`.
pub(crate) async fn jwks_uri(ctx: &Context, issuer: &str) -> Result<String, SigilError> {
    let url = format!("{}/.well-known/openid-configuration", issuer.trim_end_matches('/'));
    let doc = ctx.fetcher.get_json(&url, FetchMode::Cached).await.map_err(|e| keys_unavailable(&url, e))?;
    if doc.json["issuer"].as_str() != Some(issuer) {
        return Err(keys_unavailable(&url, "the document's issuer is not the token's"));
    }
    doc.json["jwks_uri"].as_str().map(str::to_string).ok_or_else(|| keys_unavailable(&url, "no jwks_uri"))
}
