//! [`DirectoryStore`] on SQLite: tenants, APIs, clients and their secrets, signing keys, the
//! generation and the master key check.

use async_trait::async_trait;
use sigil_core::error::StoreError;
use sigil_core::model::*;
use sigil_core::store::*;
use sqlx::Connection;

use super::conn::OnWriter;
use super::{SqliteStore, flag};
use crate::client_body::{self, ClientRow};
use crate::{decode, expected_generation, json_list, map_err, parse_list, uuid};

#[async_trait]
impl DirectoryStore for SqliteStore {
    async fn generation(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'generation'")
            .fetch_one(&self.read)
            .await
            .map_err(map_err)
    }

    async fn load_directory(&self) -> StoreResult<DirectoryData> {
        // One read transaction: a consistent snapshot across tables.
        let mut tx = self.read.begin().await.map_err(map_err)?;
        let generation: i64 = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'generation'")
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
        let mut d = DirectoryData { generation, ..Default::default() };
        for r in sqlx::query("SELECT * FROM tenants").fetch_all(&mut *tx).await.map_err(map_err)? {
            d.tenants.push(Tenant {
                id: uuid(&decode::<String, _>(&r, "id")?)?,
                name: decode(&r, "name")?,
                display_name: decode(&r, "display_name")?,
                default_locale: decode(&r, "default_locale")?,
                signing_alg: crate::signing_alg("tenants.signing_alg", &decode::<String, _>(&r, "signing_alg")?)?,
                allow_plain_pkce: flag("tenants.allow_plain_pkce", decode(&r, "allow_plain_pkce")?)?,
                issuer_uses_name: flag("tenants.issuer_uses_name", decode(&r, "issuer_uses_name")?)?,
                registration: crate::registration_policy(&decode::<String, _>(&r, "registration")?)?,
                mfa: crate::mfa_policy(&decode::<String, _>(&r, "mfa")?)?,
                trusted_issuers: crate::trusted_issuers(&decode::<String, _>(&r, "trusted_issuers")?)?,
                session: crate::session_policy(&decode::<String, _>(&r, "session_policy")?)?,
                branding: Box::new(crate::branding(
                    &decode::<String, _>(&r, "branding")?,
                    decode(&r, "logo")?,
                    decode(&r, "logo_type")?,
                )?),
            });
        }
        for r in sqlx::query("SELECT * FROM apis").fetch_all(&mut *tx).await.map_err(map_err)? {
            d.apis.push(Api {
                id: uuid(&decode::<String, _>(&r, "id")?)?,
                tenant_id: uuid(&decode::<String, _>(&r, "tenant_id")?)?,
                name: decode(&r, "name")?,
                identifier: decode(&r, "identifier")?,
                scopes: parse_list("apis.scopes", &decode::<String, _>(&r, "scopes")?)?,
                roles: parse_list("apis.roles", &decode::<String, _>(&r, "roles")?)?,
                scope_descriptions: crate::scope_descriptions(&decode::<String, _>(&r, "scope_descriptions")?)?,
                claims: crate::token_claims(&decode::<String, _>(&r, "claims")?)?,
            });
        }
        let mut group_roles: std::collections::HashMap<String, Vec<AppRoleRef>> = Default::default();
        for r in sqlx::query(
            "SELECT group_id, api_id, role FROM app_role_assignments WHERE group_id IS NOT NULL ORDER BY api_id, role",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(map_err)?
        {
            group_roles
                .entry(decode(&r, "group_id")?)
                .or_default()
                .push(AppRoleRef { api: uuid(&decode::<String, _>(&r, "api_id")?)?, role: decode(&r, "role")? });
        }
        for r in sqlx::query("SELECT * FROM groups").fetch_all(&mut *tx).await.map_err(map_err)? {
            let id: String = decode(&r, "id")?;
            d.groups.push(Group {
                id: uuid(&id)?,
                tenant_id: uuid(&decode::<String, _>(&r, "tenant_id")?)?,
                name: decode(&r, "name")?,
                security: flag("groups.security", decode(&r, "security")?)?,
                app_roles: group_roles.remove(&id).unwrap_or_default(),
                require_mfa: flag("groups.require_mfa", decode(&r, "require_mfa")?)?,
                mfa_unfamiliar: flag("groups.mfa_unfamiliar", decode(&r, "mfa_unfamiliar")?)?,
            });
        }
        let mut secrets: std::collections::HashMap<String, Vec<ClientSecret>> = Default::default();
        for r in sqlx::query("SELECT * FROM client_secrets ORDER BY created_at")
            .fetch_all(&mut *tx)
            .await
            .map_err(map_err)?
        {
            secrets.entry(decode(&r, "client")?).or_default().push(ClientSecret {
                id: uuid(&decode::<String, _>(&r, "id")?)?,
                hash: decode(&r, "hash")?,
                hint: decode(&r, "hint")?,
                expires_at: decode(&r, "expires_at")?,
                created_at: decode(&r, "created_at")?,
                sealed: decode(&r, "sealed")?,
            });
        }
        for r in sqlx::query("SELECT * FROM clients").fetch_all(&mut *tx).await.map_err(map_err)? {
            let id: String = decode(&r, "id")?;
            let s = secrets.remove(&id).unwrap_or_default();
            d.clients.push(client_body::from_row(
                ClientRow {
                    id: uuid(&id)?,
                    tenant_id: uuid(&decode::<String, _>(&r, "tenant_id")?)?,
                    client_id: decode(&r, "client_id")?,
                    name: decode(&r, "name")?,
                    body: decode(&r, "body")?,
                },
                s,
            )?);
        }
        for r in sqlx::query("SELECT * FROM signing_keys").fetch_all(&mut *tx).await.map_err(map_err)? {
            d.keys.push(StoredKey {
                kid: decode(&r, "kid")?,
                tenant_id: uuid(&decode::<String, _>(&r, "tenant_id")?)?,
                alg: crate::signing_alg("signing_keys.alg", &decode::<String, _>(&r, "alg")?)?,
                sealed_private: decode(&r, "sealed_private")?,
                created_at: decode(&r, "created_at")?,
                active_from: decode(&r, "active_from")?,
                retired_at: decode(&r, "retired_at")?,
            });
        }
        tx.commit().await.map_err(map_err)?;
        Ok(d)
    }

    async fn apply(&self, changes: &[Change]) -> StoreResult<()> {
        let mut w = self.write.write().await?;
        let mut tx = w.begin().await.map_err(map_err)?;
        for c in changes {
            let q = match c {
                Change::PutTenant(t) => sqlx::query(
                    "INSERT INTO tenants (id, name, display_name, default_locale, signing_alg, allow_plain_pkce,
                       issuer_uses_name, registration, mfa, trusted_issuers, session_policy, branding, logo, logo_type)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                     ON CONFLICT (id) DO UPDATE SET name = ?2, display_name = ?3, default_locale = ?4,
                       signing_alg = ?5, allow_plain_pkce = ?6, issuer_uses_name = ?7, registration = ?8, mfa = ?9,
                       trusted_issuers = ?10, session_policy = ?11, branding = ?12, logo = ?13, logo_type = ?14",
                )
                .bind(t.id.to_string())
                .bind(&t.name)
                .bind(&t.display_name)
                .bind(&t.default_locale)
                .bind(t.signing_alg.as_str())
                .bind(t.allow_plain_pkce as i64)
                .bind(t.issuer_uses_name as i64)
                .bind(crate::registration_policy_json(&t.registration))
                .bind(t.mfa.as_str())
                .bind(crate::trusted_issuers_json(&t.trusted_issuers))
                .bind(crate::session_policy_json(&t.session))
                .bind(crate::branding_json(&t.branding))
                .bind(t.branding.logo.as_ref().map(|l| l.bytes.clone()))
                .bind(t.branding.logo.as_ref().map(|l| l.content_type)),
                Change::DeleteTenant(id) => sqlx::query("DELETE FROM tenants WHERE id = ?1").bind(id.to_string()),
                Change::PutApi(a) => sqlx::query(
                    "INSERT INTO apis (id, tenant_id, name, identifier, scopes, roles, claims, scope_descriptions)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (id) DO UPDATE SET name = ?3, identifier = ?4, scopes = ?5, roles = ?6, claims = ?7,
                       scope_descriptions = ?8",
                )
                .bind(a.id.to_string())
                .bind(a.tenant_id.to_string())
                .bind(&a.name)
                .bind(&a.identifier)
                .bind(json_list(&a.scopes))
                .bind(json_list(&a.roles))
                .bind(crate::token_claims_json(&a.claims))
                .bind(crate::scope_descriptions_json(&a.scope_descriptions)),
                Change::PutGroup(g) => {
                    sqlx::query(
                        "INSERT INTO groups (id, tenant_id, name, security, require_mfa, mfa_unfamiliar)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                         ON CONFLICT (id) DO UPDATE SET name = ?3, security = ?4, require_mfa = ?5, mfa_unfamiliar = ?6",
                    )
                    .bind(g.id.to_string())
                    .bind(g.tenant_id.to_string())
                    .bind(&g.name)
                    .bind(g.security as i64)
                    .bind(g.require_mfa as i64)
                    .bind(g.mfa_unfamiliar as i64)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                    sqlx::query("DELETE FROM app_role_assignments WHERE group_id = ?1")
                        .bind(g.id.to_string())
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    for a in &g.app_roles {
                        sqlx::query("INSERT INTO app_role_assignments (api_id, role, group_id) VALUES (?1, ?2, ?3)")
                            .bind(a.api.to_string())
                            .bind(&a.role)
                            .bind(g.id.to_string())
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    continue;
                }
                Change::DeleteGroup(id) => sqlx::query("DELETE FROM groups WHERE id = ?1").bind(id.to_string()),
                Change::SetUserAccess { user, access } => {
                    for sql in
                        ["DELETE FROM group_members WHERE user_id = ?1", "DELETE FROM app_role_assignments WHERE user_id = ?1"]
                    {
                        sqlx::query(sql).bind(user.to_string()).execute(&mut *tx).await.map_err(map_err)?;
                    }
                    for g in &access.groups {
                        sqlx::query("INSERT INTO group_members (user_id, group_id) VALUES (?1, ?2)")
                            .bind(user.to_string())
                            .bind(g.to_string())
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    for a in &access.app_roles {
                        sqlx::query("INSERT INTO app_role_assignments (api_id, role, user_id) VALUES (?1, ?2, ?3)")
                            .bind(a.api.to_string())
                            .bind(&a.role)
                            .bind(user.to_string())
                            .execute(&mut *tx)
                            .await
                            .map_err(map_err)?;
                    }
                    continue;
                }
                Change::DeleteApi(id) => sqlx::query("DELETE FROM apis WHERE id = ?1").bind(id.to_string()),
                Change::PutClient(cl) => {
                    sqlx::query(
                        "INSERT INTO clients (id, tenant_id, client_id, name, body) VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT (id) DO UPDATE SET client_id = ?3, name = ?4, body = ?5",
                    )
                    .bind(cl.id.to_string())
                    .bind(cl.tenant_id.to_string())
                    .bind(&cl.client_id)
                    .bind(&cl.name)
                    .bind(client_body::to_json(cl))
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                    sqlx::query("DELETE FROM client_secrets WHERE client = ?1")
                        .bind(cl.id.to_string())
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    for s in &cl.secrets {
                        sqlx::query(
                            "INSERT INTO client_secrets (id, client, hash, hint, expires_at, created_at, sealed)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        )
                        .bind(s.id.to_string())
                        .bind(cl.id.to_string())
                        .bind(&s.hash)
                        .bind(&s.hint)
                        .bind(s.expires_at)
                        .bind(s.created_at)
                        .bind(s.sealed.as_deref())
                        .execute(&mut *tx)
                        .await
                        .map_err(map_err)?;
                    }
                    continue;
                }
                Change::DeleteClient(id) => sqlx::query("DELETE FROM clients WHERE id = ?1").bind(id.to_string()),
                Change::PutUser(u) => sqlx::query(
                    "INSERT INTO users (id, tenant_id, username, display_name, email, enabled, password_hash,
                       email_verified, profile, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                     ON CONFLICT (id) DO UPDATE SET username = ?3, display_name = ?4, email = ?5, enabled = ?6,
                       password_hash = ?7, email_verified = ?8, profile = ?9, updated_at = ?10",
                )
                .bind(u.id.to_string())
                .bind(u.tenant_id.to_string())
                .bind(&u.username)
                .bind(&u.display_name)
                .bind(&u.email)
                .bind(u.enabled as i64)
                .bind(&u.password_hash)
                .bind(u.email_verified as i64)
                .bind(crate::user_profile_json(&u.profile))
                .bind(u.updated_at),
                Change::DeleteUser(id) => sqlx::query("DELETE FROM users WHERE id = ?1").bind(id.to_string()),
                Change::PutKey(k) => sqlx::query(
                    "INSERT INTO signing_keys (kid, tenant_id, alg, sealed_private, created_at, active_from, retired_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .bind(&k.kid)
                .bind(k.tenant_id.to_string())
                .bind(k.alg.as_str())
                .bind(&k.sealed_private)
                .bind(k.created_at)
                .bind(k.active_from)
                .bind(k.retired_at),
                Change::RetireKey { kid, at } => {
                    sqlx::query("UPDATE signing_keys SET retired_at = ?2 WHERE kid = ?1").bind(kid).bind(*at)
                }
                Change::ExpectGeneration(_) => continue,
                Change::Audit(e) => super::audit::insert(e),
                Change::PutScim(r) => super::scim::put(r),

                Change::ExpectRegistrationToken { id, hash } => {
                    let held = sqlx::query(
                        "UPDATE clients SET body = body
                         WHERE id = ?1 AND json_extract(body, '$.registration.access_token_hash') = ?2",
                    )
                    .bind(id.to_string())
                    .bind(crate::hex(hash))
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
                    if held.rows_affected() != 1 {
                        return Err(sigil_core::error::StoreError::Conflict("registration access token no longer current".into()));
                    }
                    continue;
                }
            };
            q.execute(&mut *tx).await.map_err(map_err)?;
        }
        let expected = expected_generation(changes);
        let bumped =
            sqlx::query("UPDATE meta SET value = value + 1 WHERE key = 'generation' AND (?1 IS NULL OR value = ?1)")
                .bind(expected)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        if bumped.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!("the directory changed since generation {expected:?}")));
        }
        let committed = tx.commit().await.map_err(map_err);
        w.settle(committed)
    }

    async fn master_key_check(&self) -> StoreResult<Option<Vec<u8>>> {
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'master_key_check'")
            .fetch_optional(&self.read)
            .await
            .map_err(map_err)
    }

    async fn set_master_key_check(&self, sealed: &[u8]) -> StoreResult<()> {
        sqlx::query("INSERT INTO meta (key, value) VALUES ('master_key_check', ?1)")
            .bind(sealed)
            .execute_on(&self.write)
            .await
            .map(|_| ())
    }
}
