//! Dynamic client registration (RFC 7591) and its management protocol (RFC 7592), per tenant and
//! only when the tenant's [`RegistrationPolicy`] enables it. Every registered client is made by
//! the same constructor and rules as an imported one (`provisioning::NewClient::build`,
//! `provisioning::client`) plus the policy's (`provisioning::registered_client`).
//!
//! Secrets at rest: the client secret as every secret (keyed hash), the registration access token
//! as a SHA-256 hash in the client's registration record. Since neither can be shown again, RFC
//! 7592 §3's read and update responses carry a new registration access token each time (the old
//! one stops working, §3: "the client MUST immediately discard its previous ... registration
//! access token") and no client secret (§3 allows it to differ from the registration response).
//! A rotation or deletion applies only while the client still holds the presented token
//! (`Change::ExpectRegistrationToken`, one conditional statement in the change's transaction).
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::catalog;
use crate::clock::UnixTime;
use crate::context::Context;
use crate::crypto::{ct_eq, token_hash};
use crate::directory::{Directory, TenantView};
use crate::error::SigilError;
use crate::model::{AuthMethod, Client, ClientRegistration, ClientSecret, GrantType, Permission, RegistrationPolicy};
use crate::params::sanitize;
use crate::provisioning::{self, NewClient, NewSecret, ProvisioningError};
use crate::rng::{token_256, uuid_v4};
use crate::store::Change;

/// RFC 7591 §2 informational metadata kept and returned as registered (strings, or for `contacts`
/// a list of strings).
pub const INFO_FIELDS: [&str; 7] =
    ["client_uri", "logo_uri", "contacts", "tos_uri", "policy_uri", "software_id", "software_version"];
/// Longest informational value, and most `contacts`.
const MAX_INFO_LEN: usize = 2048;
const MAX_CONTACTS: usize = 10;
/// Most redirect URIs a registration may list.
pub const MAX_REDIRECT_URIS: usize = 20;

/// The RFC 7591 §2 metadata Sigil acts on. Members it does not understand are ignored (§2: "The
/// authorization server MUST ignore any client metadata sent by the client that it does not
/// understand"); a member of the wrong type is `invalid_client_metadata`.
#[derive(Debug, Default, Deserialize)]
pub struct Metadata {
    pub redirect_uris: Option<Vec<String>>,
    pub token_endpoint_auth_method: Option<String>,
    pub grant_types: Option<Vec<String>>,
    pub response_types: Option<Vec<String>>,
    pub client_name: Option<String>,
    pub scope: Option<String>,
    /// RFC 7592 §2.2: an update names the client it updates.
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    #[serde(skip)]
    pub info: BTreeMap<String, Value>,
}

impl Metadata {
    /// Parses a JSON object (RFC 7591 §3.1: the request is a JSON document).
    pub fn parse(body: &[u8]) -> Result<Self, SigilError> {
        let value: Value = serde_json::from_slice(body).map_err(|e| metadata_error(format!("not JSON ({e})")))?;
        Self::from_value(value)
    }

    pub fn from_value(value: Value) -> Result<Self, SigilError> {
        let Value::Object(object) = value else {
            return Err(metadata_error("the body must be a JSON object".into()));
        };
        let info = info_fields(&object)?;
        let mut m: Metadata =
            serde_json::from_value(Value::Object(object)).map_err(|e| metadata_error(e.to_string()))?;
        m.info = info;
        Ok(m)
    }
}

fn info_fields(object: &Map<String, Value>) -> Result<BTreeMap<String, Value>, SigilError> {
    let mut info = BTreeMap::new();
    for name in INFO_FIELDS {
        let Some(v) = object.get(name) else { continue };
        let ok = match v {
            Value::String(s) => s.len() <= MAX_INFO_LEN,
            Value::Array(a) if name == "contacts" => {
                a.len() <= MAX_CONTACTS && a.iter().all(|c| c.as_str().is_some_and(|s| s.len() <= MAX_INFO_LEN))
            }
            _ => false,
        };
        if !ok {
            return Err(metadata_error(format!(
                "'{name}' must be a string (contacts: a list of strings) of bounded length"
            )));
        }
        info.insert(name.to_string(), v.clone());
    }
    Ok(info)
}

fn metadata_error(reason: String) -> SigilError {
    SigilError::new(catalog::INVALID_CLIENT_METADATA, reason.clone()).arg("reason", reason)
}

/// What the endpoint answers: a status and, except for a deletion, a JSON body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Option<Value>,
    /// For the sign-in log.
    pub client_id: String,
    pub note: String,
}

/// The registration endpoint: `<public url>/<tenant id>/oauth2/v2.0/register`.
pub fn endpoint(ctx: &Context, view: &TenantView) -> String {
    format!("{}/{}/oauth2/v2.0/register", ctx.public_url, view.tenant.id)
}

/// RFC 7592 §2: the client configuration endpoint, the registration endpoint naming the client.
pub fn client_uri(ctx: &Context, view: &TenantView, client_id: &str) -> String {
    let mut u = url::Url::parse(&endpoint(ctx, view)).expect("the public URL is a URL");
    u.query_pairs_mut().append_pair("client_id", client_id);
    u.to_string()
}

fn not_enabled(view: &TenantView) -> SigilError {
    SigilError::new(
        catalog::NOT_FOUND,
        format!("dynamic registration is not enabled for tenant '{}'", view.tenant.name),
    )
}

/// RFC 7591 §3: registers a client. Without `policy.open`, `bearer` must be a live initial access
/// token of the tenant; one use of it is spent (one conditional statement) only once the metadata
/// passed every rule, so a refused request does not use it up.
pub async fn register(
    ctx: &Context,
    view: &TenantView,
    bearer: Option<&str>,
    body: &[u8],
) -> Result<Answer, SigilError> {
    let policy = &view.tenant.registration;
    if !policy.enabled {
        return Err(not_enabled(view));
    }
    let iat_refused = |why: &str| SigilError::new(catalog::INVALID_INITIAL_ACCESS_TOKEN, why.to_string());
    if !policy.open && bearer.is_none() {
        return Err(iat_refused("no initial access token"));
    }
    let md = Metadata::parse(body)?;
    let now = ctx.clock.now();
    let client_id = uuid_v4(ctx.rng.as_ref()).to_string();
    let rat = token_256(ctx.rng.as_ref());
    let registration = ClientRegistration {
        access_token_hash: token_hash(&rat),
        issued_at: now,
        expires_at: policy.client_lifetime.map(|l| now + l),
        metadata: md.info.clone(),
    };
    let (client, secret) = build(ctx, view, &md, client_id.clone(), registration, None)?;
    if !policy.open {
        let hash = token_hash(bearer.unwrap_or_default());
        if !ctx.store.use_initial_access_token(view.tenant.id, &hash, now).await? {
            return Err(iat_refused("initial access token unknown, expired or used up"));
        }
    }
    ctx.store.apply(&[Change::PutClient(Box::new(client.clone()))]).await?;
    reload(ctx).await?;
    let how = if policy.open { "open registration" } else { "initial access token" };
    Ok(Answer {
        status: 201,
        body: Some(information(ctx, view, &client, secret.as_deref(), &rat)),
        client_id,
        note: format!("client registered ({how})"),
    })
}

/// RFC 7592 §2: the client a configuration request names, if the registration access token is
/// its own. An unknown, expired or operator-made client and a wrong token are all 401 (§2.1: "If
/// the client does not exist on this server, the server MUST respond with HTTP 401").
fn managed<'a>(
    ctx: &Context,
    view: &'a TenantView,
    client_id: Option<&str>,
    bearer: Option<&str>,
) -> Result<&'a Client, SigilError> {
    if !view.tenant.registration.enabled {
        return Err(not_enabled(view));
    }
    let refused = |why: String| SigilError::new(catalog::INVALID_REGISTRATION_ACCESS_TOKEN, why);
    let client_id = client_id.ok_or_else(|| SigilError::missing("client_id"))?;
    let bearer = bearer.ok_or_else(|| refused("no registration access token".into()))?;
    let client = view.client(client_id).ok_or_else(|| refused(format!("no client '{}'", sanitize(client_id))))?;
    let Some(reg) = &client.registration else {
        return Err(refused(format!("client '{}' was not registered dynamically", client.client_id)));
    };
    if !ct_eq(&reg.access_token_hash, &token_hash(bearer)) {
        return Err(refused(format!("not the registration access token of '{}'", client.client_id)));
    }
    if reg.expires_at.is_some_and(|e| e <= ctx.clock.now()) {
        return Err(refused(format!("client '{}' expired", client.client_id)));
    }
    Ok(client)
}

/// RFC 7592 §2.1: the client's current registration, with a new registration access token.
pub async fn read(
    ctx: &Context,
    view: &TenantView,
    client_id: Option<&str>,
    bearer: Option<&str>,
) -> Result<Answer, SigilError> {
    let current = managed(ctx, view, client_id, bearer)?;
    let (client, rat) = with_new_access_token(current, ctx);
    apply_guarded(ctx, current, Change::PutClient(Box::new(client.clone()))).await?;
    Ok(Answer {
        status: 200,
        body: Some(information(ctx, view, &client, None, &rat)),
        client_id: client.client_id.clone(),
        note: "registration read".into(),
    })
}

/// Applies a management change only while `current` still holds the token the call presented
/// (`Change::ExpectRegistrationToken`): of concurrent calls with one token exactly one applies, the
/// others are refused as a stale token would be.
async fn apply_guarded(ctx: &Context, current: &Client, change: Change) -> Result<(), SigilError> {
    let hash = current.registration.as_ref().map(|r| r.access_token_hash.clone()).unwrap_or_default();
    let guard = Change::ExpectRegistrationToken { id: current.id, hash };
    match ctx.store.apply(&[guard, change]).await {
        Err(crate::error::StoreError::Conflict(why)) => {
            return Err(SigilError::new(
                catalog::INVALID_REGISTRATION_ACCESS_TOKEN,
                format!("client '{}': {why}", current.client_id),
            ));
        }
        other => other?,
    }
    reload(ctx).await
}

fn with_new_access_token(client: &Client, ctx: &Context) -> (Client, String) {
    let rat = token_256(ctx.rng.as_ref());
    let mut c = client.clone();
    if let Some(r) = c.registration.as_mut() {
        r.access_token_hash = token_hash(&rat);
    }
    (c, rat)
}

/// RFC 7592 §2.2: replaces the client's metadata with the request's (omitted values are removed
/// or take their defaults), under the same rules as a registration. The body's `client_id` MUST
/// be the client's; a `client_secret`, if sent, MUST be its current one.
pub async fn update(
    ctx: &Context,
    view: &TenantView,
    client_id: Option<&str>,
    bearer: Option<&str>,
    body: &[u8],
) -> Result<Answer, SigilError> {
    let current = managed(ctx, view, client_id, bearer)?;
    let md = Metadata::parse(body)?;
    if md.client_id.as_deref() != Some(current.client_id.as_str()) {
        return Err(metadata_error("client_id must be present and be this client's".into()));
    }
    if let Some(s) = &md.client_secret {
        let hash = ctx.master.secret_hash(s);
        if !current.secrets.iter().any(|x| ct_eq(&x.hash, &hash)) {
            return Err(metadata_error("client_secret is not this client's".into()));
        }
    }
    let rat = token_256(ctx.rng.as_ref());
    let mut registration = current.registration.clone().unwrap_or_else(|| unreachable_registration(ctx));
    registration.access_token_hash = token_hash(&rat);
    registration.metadata = md.info.clone();
    let (client, secret) = build(ctx, view, &md, current.client_id.clone(), registration, Some(current))?;
    apply_guarded(ctx, current, Change::PutClient(Box::new(client.clone()))).await?;
    Ok(Answer {
        status: 200,
        body: Some(information(ctx, view, &client, secret.as_deref(), &rat)),
        client_id: client.client_id.clone(),
        note: "registration updated".into(),
    })
}

/// `managed` only returns clients with a registration; kept total without a panic.
fn unreachable_registration(ctx: &Context) -> ClientRegistration {
    ClientRegistration {
        access_token_hash: vec![],
        issued_at: ctx.clock.now(),
        expires_at: None,
        metadata: BTreeMap::new(),
    }
}

/// RFC 7592 §2.3: deletes the client; 204.
pub async fn delete(
    ctx: &Context,
    view: &TenantView,
    client_id: Option<&str>,
    bearer: Option<&str>,
) -> Result<Answer, SigilError> {
    let client = managed(ctx, view, client_id, bearer)?;
    apply_guarded(ctx, client, Change::DeleteClient(client.id)).await?;
    Ok(Answer { status: 204, body: None, client_id: client.client_id.clone(), note: "registration deleted".into() })
}

/// The client a registration, an update or a metadata document describes, through the
/// provisioning constructor and rules and the tenant's policy; a new secret (in clear, to return
/// once) when the client is confidential and has none yet.
pub fn build(
    ctx: &Context,
    view: &TenantView,
    md: &Metadata,
    client_id: String,
    registration: ClientRegistration,
    current: Option<&Client>,
) -> Result<(Client, Option<String>), SigilError> {
    let policy = &view.tenant.registration;
    let method = md.token_endpoint_auth_method.as_deref().unwrap_or(AuthMethod::ClientSecretBasic.as_str());
    let method = AuthMethod::parse(method)
        .ok_or_else(|| metadata_error(format!("token_endpoint_auth_method '{}' is not supported", sanitize(method))))?;
    let confidential = method != AuthMethod::None;
    let (secrets, secret) = match current.filter(|c| c.confidential && confidential) {
        Some(c) => (c.secrets.clone(), None),
        None if confidential => {
            let value = token_256(ctx.rng.as_ref());
            let s = NewSecret { value: value.clone(), expires_at: registration.expires_at }
                .build_with(
                    "client_secret",
                    &ctx.master,
                    ctx.rng.as_ref(),
                    registration.issued_at,
                    &[],
                    method == AuthMethod::ClientSecretJwt,
                )
                .map_err(|e| SigilError::internal(e.to_string()))?;
            (vec![s], Some(value))
        }
        None => (Vec::<ClientSecret>::new(), None),
    };
    if md
        .client_name
        .as_ref()
        .is_some_and(|n| n.chars().count() > provisioning::MAX_TEXT_LEN || n.chars().any(char::is_control))
    {
        return Err(metadata_error(format!(
            "client_name must be at most {} characters without control characters",
            provisioning::MAX_TEXT_LEN
        )));
    }
    let mut n = NewClient::new(client_id, confidential, grant_types(md)?);
    n.name = md.client_name.clone().filter(|s| !s.is_empty());
    n.auth_methods = Some(vec![method.as_str().to_string()]);
    n.redirect_uris = md.redirect_uris.clone().unwrap_or_default();
    if n.redirect_uris.len() > MAX_REDIRECT_URIS {
        return Err(redirect_error(format!("more than {MAX_REDIRECT_URIS} redirect URIs")));
    }
    n.permissions = permissions(policy, md.scope.as_deref())?;
    n.registration = Some(registration);
    n.secrets = secrets;
    let apis: Vec<_> = view.apis.values().cloned().collect();
    let client = n.build(&view.tenant, &apis, current, ctx.rng.as_ref()).map_err(rule_errors)?;
    let broken = provisioning::registered_client(&client, policy);
    ProvisioningError::check(broken).map_err(rule_errors)?;
    Ok((client, secret))
}

/// RFC 7591 §2 `grant_types` (default `authorization_code`) and `response_types` (default
/// `code`), which §2.1 requires to agree: `code` exactly when `authorization_code`. Sigil
/// implements only the `code` response type.
fn grant_types(md: &Metadata) -> Result<Vec<String>, SigilError> {
    let wire = md.grant_types.clone().unwrap_or_else(|| vec![GrantType::AuthorizationCode.wire_name().into()]);
    let mut out = Vec::new();
    for g in &wire {
        let grant = GrantType::ALL
            .into_iter()
            .find(|x| x.wire_name() == g)
            .ok_or_else(|| metadata_error(format!("grant type '{}' is not supported", sanitize(g))))?;
        out.push(grant.as_str().to_string());
    }
    let responses = md.response_types.clone().unwrap_or_else(|| vec!["code".into()]);
    if let Some(r) = responses.iter().find(|r| *r != "code") {
        return Err(metadata_error(format!("response type '{}' is not supported", sanitize(r))));
    }
    let code = out.iter().any(|g| g == GrantType::AuthorizationCode.as_str());
    if code != responses.iter().any(|r| r == "code") {
        return Err(metadata_error("response_types must be [\"code\"] exactly with authorization_code".into()));
    }
    Ok(out)
}

/// RFC 7591 §2 `scope`: the scopes the client may use, among those the policy grants registered
/// clients (`<api identifier>/<scope>`; the OpenID Connect scopes are always allowed). Absent:
/// everything the policy grants.
fn permissions(policy: &RegistrationPolicy, scope: Option<&str>) -> Result<Vec<Permission>, SigilError> {
    let Some(scope) = scope else { return Ok(policy.permissions.clone()) };
    let asked: Vec<&str> = scope.split(' ').filter(|s| !s.is_empty()).collect();
    for s in &asked {
        let offered = crate::scope::OIDC_SCOPES.contains(s)
            || policy.permissions.iter().any(|p| p.scopes.iter().any(|x| format!("{}/{x}", p.api) == *s));
        if !offered {
            return Err(metadata_error(format!("scope '{}' is not offered to registered clients", sanitize(s))));
        }
    }
    Ok(policy
        .permissions
        .iter()
        .map(|p| Permission {
            api: p.api.clone(),
            roles: p.roles.clone(),
            scopes: p.scopes.iter().filter(|x| asked.contains(&format!("{}/{x}", p.api).as_str())).cloned().collect(),
        })
        .filter(|p| !p.scopes.is_empty() || !p.roles.is_empty())
        .collect())
}

fn redirect_error(reason: String) -> SigilError {
    SigilError::new(catalog::INVALID_REDIRECT_URI, reason.clone()).arg("reason", reason)
}

/// RFC 7591 §3.2.2: a broken rule about redirect URIs is `invalid_redirect_uri`, any other
/// `invalid_client_metadata`.
fn rule_errors(e: ProvisioningError) -> SigilError {
    let reason = e.to_string().replace("\nerror: ", "; ");
    match e {
        ProvisioningError::Invalid(rules) if rules.iter().any(|r| r.field.starts_with("redirect_uris")) => {
            redirect_error(reason)
        }
        _ => metadata_error(reason),
    }
}

/// RFC 7591 §3.2.1 and RFC 7592 §3: the client information response.
pub fn information(ctx: &Context, view: &TenantView, c: &Client, secret: Option<&str>, rat: &str) -> Value {
    let reg = c.registration.as_ref();
    let code = c.grant_types.contains(&GrantType::AuthorizationCode);
    let mut m = json!({
        "client_id": c.client_id,
        "client_id_issued_at": reg.map_or(0, |r| r.issued_at),
        "client_name": c.name,
        "redirect_uris": c.redirect_uris,
        "grant_types": c.grant_types.iter().map(|g| g.wire_name()).collect::<Vec<_>>(),
        "response_types": if code { vec!["code"] } else { vec![] },
        "token_endpoint_auth_method": c.auth_methods.first().map_or("none", |m| m.as_str()),
        "scope": scope_of(c),
        "registration_access_token": rat,
        "registration_client_uri": client_uri(ctx, view, &c.client_id),
    });
    if c.confidential {
        // §3.2.1: REQUIRED with a secret; 0 when it does not expire.
        m["client_secret_expires_at"] = json!(reg.and_then(|r| r.expires_at).unwrap_or(0));
    }
    if let Some(s) = secret {
        m["client_secret"] = json!(s);
    }
    for (k, v) in reg.map(|r| &r.metadata).into_iter().flatten() {
        m[k] = v.clone();
    }
    m
}

fn scope_of(c: &Client) -> String {
    c.permissions
        .iter()
        .flat_map(|p| p.scopes.iter().map(move |s| format!("{}/{s}", p.api)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Registered clients whose lifetime ended by `now`: their removal (the maintenance task applies it).
pub fn expired(dir: &Directory, now: UnixTime) -> Vec<Change> {
    dir.tenants()
        .flat_map(|v| v.clients.values())
        .filter(|c| c.registration.as_ref().and_then(|r| r.expires_at).is_some_and(|e| e <= now))
        .map(|c| Change::DeleteClient(c.id))
        .collect()
}

/// Rebuilds this instance's directory at once, so that a client can use its registration in its
/// next request (other instances pick the change up at their next poll).
pub async fn reload(ctx: &Context) -> Result<(), SigilError> {
    let data = ctx.store.load_directory().await?;
    let dir = Directory::build(data, &ctx.master, ctx.clock.now(), ctx.tokens.longest_signed_lifetime())
        .map_err(|e| SigilError::internal(format!("directory reload: {e}")))?;
    ctx.directory.replace(dir);
    Ok(())
}

/// An initial access token (RFC 7591 §3) for the operator: the token in clear (shown once) and
/// what is stored.
pub fn new_initial_access_token(
    rng: &dyn crate::rng::Rng,
    tenant: Uuid,
    uses: i64,
    expires_at: Option<UnixTime>,
    now: UnixTime,
) -> (String, crate::store::NewInitialAccessToken) {
    let token = token_256(rng);
    let stored = crate::store::NewInitialAccessToken {
        hash: token_hash(&token),
        tenant_id: tenant,
        uses,
        expires_at,
        created_at: now,
    };
    (token, stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(v: Value) -> Result<Metadata, SigilError> {
        Metadata::from_value(v)
    }

    #[test]
    fn metadata_is_a_json_object_with_typed_members_and_unknown_ones_ignored() {
        assert_eq!(md(json!([1])).unwrap_err().entry.code, 88000381);
        assert_eq!(md(json!({"redirect_uris": "https://a.example/cb"})).unwrap_err().entry.code, 88000381);
        assert_eq!(md(json!({"client_uri": 5})).unwrap_err().entry.code, 88000381);
        assert_eq!(md(json!({"contacts": ["a@b.example", 1]})).unwrap_err().entry.code, 88000381);
        let m =
            md(json!({"client_name": "x", "jwks_uri": "https://a.example/j", "contacts": ["a@b.example"]})).unwrap();
        assert_eq!(m.client_name.as_deref(), Some("x"));
        assert_eq!(m.info.keys().collect::<Vec<_>>(), ["contacts"]);
    }

    #[test]
    fn grant_and_response_types_must_agree() {
        let g = |v: Value| grant_types(&md(v).unwrap()).map_err(|e| e.entry.code);
        assert_eq!(g(json!({})), Ok(vec!["authorization_code".to_string()]));
        assert_eq!(
            g(json!({"grant_types": ["authorization_code", "refresh_token", DEVICE]})),
            Ok(vec!["authorization_code".into(), "refresh_token".into(), "device_code".into()])
        );
        assert_eq!(g(json!({"grant_types": ["implicit"]})), Err(88000381));
        assert_eq!(g(json!({"response_types": ["token"]})), Err(88000381));
        assert_eq!(g(json!({"grant_types": ["client_credentials"]})), Err(88000381), "code without its grant");
        assert_eq!(
            g(json!({"grant_types": ["client_credentials"], "response_types": []})),
            Ok(vec!["client_credentials".into()])
        );
    }

    const DEVICE: &str = crate::model::DEVICE_CODE_URN;

    #[test]
    fn only_registered_clients_past_their_lifetime_expire() {
        use crate::model::{Tenant, test_client};
        let tenant = Tenant {
            id: Uuid::from_u128(1),
            name: "t".into(),
            display_name: "t".into(),
            default_locale: "en".into(),
            signing_alg: crate::model::SigningAlg::ES256,
            allow_plain_pkce: false,
            issuer_uses_name: false,
            registration: RegistrationPolicy::default(),
            mfa: Default::default(),
            trusted_issuers: vec![],
            session: Default::default(),
            branding: Default::default(),
        };
        let reg = |expires_at| ClientRegistration {
            access_token_hash: vec![1],
            issued_at: 0,
            expires_at,
            metadata: BTreeMap::new(),
        };
        let client = |n: u128, registration| Client {
            id: Uuid::from_u128(n),
            tenant_id: tenant.id,
            client_id: format!("c{n}"),
            registration,
            ..test_client(false, &[GrantType::AuthorizationCode], &["http://127.0.0.1/cb"])
        };
        let data = crate::store::DirectoryData {
            tenants: vec![tenant.clone()],
            clients: vec![
                client(10, None),
                client(11, Some(reg(None))),
                client(12, Some(reg(Some(100)))),
                client(13, Some(reg(Some(101)))),
            ],
            ..Default::default()
        };
        let master = crate::crypto::MasterKey::from_bytes(&[7; 32]).unwrap();
        let dir = Directory::build(data, &master, 100, 600).unwrap();
        assert_eq!(expired(&dir, 100), vec![Change::DeleteClient(Uuid::from_u128(12))]);
        assert_eq!(expired(&dir, 99), vec![]);
    }

    #[test]
    fn scope_narrows_the_policys_permissions() {
        let policy = RegistrationPolicy {
            permissions: vec![Permission {
                api: "api://r".into(),
                roles: vec![],
                scopes: vec!["read".into(), "write".into()],
            }],
            ..Default::default()
        };
        assert_eq!(permissions(&policy, None).unwrap(), policy.permissions);
        let p = permissions(&policy, Some("openid api://r/read")).unwrap();
        assert_eq!(p[0].scopes, ["read"]);
        assert!(permissions(&policy, Some("openid")).unwrap().is_empty());
        assert_eq!(permissions(&policy, Some("api://r/admin")).unwrap_err().entry.code, 88000381);
    }
}
