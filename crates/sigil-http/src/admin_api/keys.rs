//! `/tenants/{tenant}/keys`: the signing keys (public facts only) and rotation, the same changes
//! as `sigil keys rotate` and the scheduled rotation (`keys::rotation`).
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sigil_core::keys;
use sigil_core::model::StoredKey;
use sigil_core::provisioning as rules;
use utoipa::ToSchema;

use super::{Admin, Body, Path, Reply, json};

#[derive(Debug, Serialize, ToSchema)]
pub struct KeyOut {
    pub kid: String,
    pub alg: String,
    pub created_at: i64,
    /// Signing from then on (published before).
    pub active_from: i64,
    pub retired_at: Option<i64>,
}

impl KeyOut {
    fn of(k: &StoredKey) -> Self {
        Self {
            kid: k.kid.clone(),
            alg: k.alg.as_str().into(),
            created_at: k.created_at,
            active_from: k.active_from,
            retired_at: k.retired_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct KeyList {
    pub items: Vec<KeyOut>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RotateIn {
    /// Seconds between publishing the new key and signing with it (default
    /// `tokens.key_rotation_delay`).
    #[schema(minimum = 0)]
    pub delay: Option<i64>,
    /// Only this algorithm's key (default: every algorithm the tenant signs with).
    pub alg: Option<String>,
}

#[utoipa::path(get, path = "/admin/api/v1/tenants/{tenant}/keys", tag = "keys",
    params(("tenant" = String, Path, description = "Name or id", example = "contoso")),
    responses((status = 200, body = KeyList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn list(admin: Admin, Path(tenant): Path<String>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant(&d, &tenant)?;
    let mut items: Vec<KeyOut> = d.keys.iter().filter(|k| k.tenant_id == t.id).map(KeyOut::of).collect();
    items.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| a.kid.cmp(&b.kid)));
    Ok(json(StatusCode::OK, &KeyList { items }))
}

/// Publishes new keys now; they sign after the delay and the old ones retire then.
#[utoipa::path(post, path = "/admin/api/v1/tenants/{tenant}/keys/rotate", tag = "keys", request_body = RotateIn,
    params(("tenant" = String, Path, description = "Name or id", example = "contoso")),
    responses((status = 201, body = KeyList), (status = "default", body = crate::errors::Problem, content_type = "application/problem+json")))]
pub async fn rotate(admin: Admin, Path(tenant): Path<String>, Body(b): Body<RotateIn>) -> Reply {
    let d = admin.directory().await?;
    let t = admin.tenant_to_change(&d, &tenant)?;
    let algs = match b.alg.as_deref() {
        Some(a) => {
            let a = rules::signing_alg(a)?;
            if !keys::tenant_algs(t.signing_alg).contains(&a) {
                return Err(rules::RuleError::new("alg", "the tenant does not sign with this algorithm").into());
            }
            vec![a]
        }
        None => keys::tenant_algs(t.signing_alg),
    };
    let ctx = &admin.state.ctx;
    let now = ctx.clock.now();
    let delay = b.delay.unwrap_or(ctx.tokens.key_rotation_delay);
    if !(0..=366 * 86_400).contains(&delay) {
        return Err(rules::RuleError::new("delay", "must be 0 to 31622400 seconds").into());
    }
    let mut changes = Vec::new();
    let mut published = Vec::new();
    for a in algs {
        let (key, c) = keys::rotation(&ctx.master, ctx.rng.as_ref(), &d.keys, t.id, a, now, now + delay)
            .map_err(|e| sigil_core::error::SigilError::internal(format!("key rotation: {e:?}")))?;
        published.push(KeyOut::of(&key));
        changes.extend(c);
    }
    let after = Some(serde_json::json!({ "keys": published }));
    let audit = admin.audit(Some(t.id), "key.rotate", format!("tenant:{}", t.name), None, after);
    // Like the scheduled rotation: two rotations acting on the same observation rotate once.
    admin.apply(Some(d.generation), changes, audit).await?;
    Ok(json(StatusCode::CREATED, &KeyList { items: published }))
}
