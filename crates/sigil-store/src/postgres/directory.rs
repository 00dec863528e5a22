//! [`DirectoryStore`] on PostgreSQL: tenants, APIs, clients and their secrets, signing keys, the
//! generation and the master key check.
use std::collections::HashMap;

use async_trait::async_trait;
use sigil_core::error::StoreError;
use sigil_core::model::*;
use sigil_core::store::*;
use uuid::Uuid;

use super::PgStore;
use super::conn::{begin, begin_with};
use crate::client_body::{self, ClientRow};
use crate::{decode, json_list, parse_list};

/// `NOTIFY` channel of directory changes.
const CHANGES_CHANNEL: &str = "sigil_directory";

#[async_trait]
impl DirectoryStore for PgStore {
    async fn generation(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT int_value FROM meta WHERE key = 'generation'")
            .fetch_one(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))
    }

    async fn load_directory(&self) -> StoreResult<DirectoryData> {
        // One snapshot across tables: at READ COMMITTED every statement would see its own.
        let mut tx = begin_with(&self.pool, Some("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")).await?;
        let generation: i64 = sqlx::query_scalar("SELECT int_value FROM meta WHERE key = 'generation'")
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| self.faults.seen(e))?;
        let mut d = DirectoryData { generation, ..Default::default() };
        for r in sqlx::query(
            "SELECT id, name, display_name, default_locale, signing_alg, allow_plain_pkce, issuer_uses_name,
               registration::text AS registration, mfa, trusted_issuers::text AS trusted_issuers, session_policy,
               branding::text AS branding, logo, logo_type FROM tenants",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(|e| self.faults.seen(e))?
        {
            d.tenants.push(Tenant {
                id: decode(&r, "id")?,
                name: decode(&r, "name")?,
                display_name: decode(&r, "display_name")?,
                default_locale: decode(&r, "default_locale")?,
                signing_alg: crate::signing_alg("tenants.signing_alg", &decode::<String, _>(&r, "signing_alg")?)?,
                allow_plain_pkce: decode(&r, "allow_plain_pkce")?,
                issuer_uses_name: decode(&r, "issuer_uses_name")?,
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
        for r in sqlx::query(
            "SELECT id, tenant_id, name, identifier, scopes::text AS scopes, roles::text AS roles,
               claims::text AS claims, scope_descriptions::text AS scope_descriptions FROM apis",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(|e| self.faults.seen(e))?
        {
            d.apis.push(Api {
                id: decode(&r, "id")?,
                tenant_id: decode(&r, "tenant_id")?,
                name: decode(&r, "name")?,
                identifier: decode(&r, "identifier")?,
                scopes: parse_list("apis.scopes", &decode::<String, _>(&r, "scopes")?)?,
                roles: parse_list("apis.roles", &decode::<String, _>(&r, "roles")?)?,
                claims: crate::token_claims(&decode::<String, _>(&r, "claims")?)?,
                scope_descriptions: crate::scope_descriptions(&decode::<String, _>(&r, "scope_descriptions")?)?,
            });
        }
        let mut group_roles: HashMap<Uuid, Vec<AppRoleRef>> = HashMap::new();
        for r in sqlx::query(
            "SELECT group_id, api_id, role FROM app_role_assignments WHERE group_id IS NOT NULL ORDER BY api_id, role",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(|e| self.faults.seen(e))?
        {
            group_roles
                .entry(decode(&r, "group_id")?)
                .or_default()
                .push(AppRoleRef { api: decode(&r, "api_id")?, role: decode(&r, "role")? });
        }
        for r in sqlx::query("SELECT * FROM groups").fetch_all(&mut *tx).await.map_err(|e| self.faults.seen(e))? {
            let id: Uuid = decode(&r, "id")?;
            d.groups.push(Group {
                id,
                tenant_id: decode(&r, "tenant_id")?,
                name: decode(&r, "name")?,
                security: decode(&r, "security")?,
                app_roles: group_roles.remove(&id).unwrap_or_default(),
                require_mfa: decode(&r, "require_mfa")?,
                mfa_unfamiliar: decode(&r, "mfa_unfamiliar")?,
            });
        }
        let mut secrets: HashMap<Uuid, Vec<ClientSecret>> = HashMap::new();
        for r in sqlx::query("SELECT * FROM client_secrets ORDER BY created_at")
            .fetch_all(&mut *tx)
            .await
            .map_err(|e| self.faults.seen(e))?
        {
            secrets.entry(decode(&r, "client")?).or_default().push(ClientSecret {
                id: decode(&r, "id")?,
                hash: decode(&r, "hash")?,
                hint: decode(&r, "hint")?,
                expires_at: decode(&r, "expires_at")?,
                created_at: decode(&r, "created_at")?,
                sealed: decode(&r, "sealed")?,
            });
        }
        for r in sqlx::query("SELECT id, tenant_id, client_id, name, body::text AS body FROM clients")
            .fetch_all(&mut *tx)
            .await
            .map_err(|e| self.faults.seen(e))?
        {
            let id: Uuid = decode(&r, "id")?;
            let s = secrets.remove(&id).unwrap_or_default();
            d.clients.push(client_body::from_row(
                ClientRow {
                    id,
                    tenant_id: decode(&r, "tenant_id")?,
                    client_id: decode(&r, "client_id")?,
                    name: decode(&r, "name")?,
                    body: decode(&r, "body")?,
                },
                s,
            )?);
        }
        for r in sqlx::query("SELECT * FROM signing_keys").fetch_all(&mut *tx).await.map_err(|e| self.faults.seen(e))? {
            d.keys.push(StoredKey {
                kid: decode(&r, "kid")?,
                tenant_id: decode(&r, "tenant_id")?,
                alg: crate::signing_alg("signing_keys.alg", &decode::<String, _>(&r, "alg")?)?,
                sealed_private: decode(&r, "sealed_private")?,
                created_at: decode(&r, "created_at")?,
                active_from: decode(&r, "active_from")?,
                retired_at: decode(&r, "retired_at")?,
            });
        }
        tx.commit().await.map_err(|e| self.faults.seen(e))?;
        Ok(d)
    }

    async fn apply(&self, changes: &[Change]) -> StoreResult<()> {
        let mut tx = begin(&self.pool).await?;
        for c in changes {
            let q = match c {
                Change::PutTenant(t) => sqlx::query(
                    "INSERT INTO tenants (id, name, display_name, default_locale, signing_alg, allow_plain_pkce,
                       issuer_uses_name, registration, mfa, trusted_issuers, session_policy, branding, logo, logo_type)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10::jsonb, $11, $12::jsonb, $13, $14)
                     ON CONFLICT (id) DO UPDATE SET name = $2, display_name = $3, default_locale = $4,
                       signing_alg = $5, allow_plain_pkce = $6, issuer_uses_name = $7, registration = $8::jsonb,
                       mfa = $9, trusted_issuers = $10::jsonb, session_policy = $11, branding = $12::jsonb, logo = $13,
                       logo_type = $14",
                )
                .bind(t.id)
                .bind(&t.name)
                .bind(&t.display_name)
                .bind(&t.default_locale)
                .bind(t.signing_alg.as_str())
                .bind(t.allow_plain_pkce)
                .bind(t.issuer_uses_name)
                .bind(crate::registration_policy_json(&t.registration))
                .bind(t.mfa.as_str())
                .bind(crate::trusted_issuers_json(&t.trusted_issuers))
                .bind(crate::session_policy_json(&t.session))
                .bind(crate::branding_json(&t.branding))
                .bind(t.branding.logo.as_ref().map(|l| l.bytes.clone()))
                .bind(t.branding.logo.as_ref().map(|l| l.content_type)),
                Change::DeleteTenant(id) => {
                    sqlx::query("DELETE FROM tenants WHERE id = $1").bind(*id)
                }
                Change::PutApi(a) => sqlx::query(
                    "INSERT INTO apis (id, tenant_id, name, identifier, scopes, roles, claims, scope_descriptions)
                     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb)
                     ON CONFLICT (id) DO UPDATE SET name = $3, identifier = $4, scopes = $5::jsonb,
                       roles = $6::jsonb, claims = $7::jsonb, scope_descriptions = $8::jsonb",
                )
                .bind(a.id)
                .bind(a.tenant_id)
                .bind(&a.name)
                .bind(&a.identifier)
                .bind(json_list(&a.scopes))
                .bind(json_list(&a.roles))
                .bind(crate::token_claims_json(&a.claims))
                .bind(crate::scope_descriptions_json(&a.scope_descriptions)),
                Change::PutGroup(g) => {
                    sqlx::query(
                        "INSERT INTO groups (id, tenant_id, name, security, require_mfa, mfa_unfamiliar)
                         VALUES ($1, $2, $3, $4, $5, $6)
                         ON CONFLICT (id) DO UPDATE SET name = $3, security = $4, require_mfa = $5, mfa_unfamiliar = $6",
                    )
                    .bind(g.id)
                    .bind(g.tenant_id)
                    .bind(&g.name)
                    .bind(g.security)
                    .bind(g.require_mfa)
                    .bind(g.mfa_unfamiliar)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| self.faults.seen(e))?;
                    // Two statements: a data-modifying CTE's DELETE is not yet visible to the INSERT
                    // beside it, so a role the group keeps would collide with itself (issue 22's
                    // admin API test found it: an update that keeps the roles).
                    sqlx::query("DELETE FROM app_role_assignments WHERE group_id = $1")
                        .bind(g.id)
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| self.faults.seen(e))?;
                    sqlx::query(
                        "INSERT INTO app_role_assignments (api_id, role, group_id)
                         SELECT api, role, $1 FROM UNNEST($2::uuid[], $3::text[]) AS a (api, role)",
                    )
                    .bind(g.id)
                    .bind(g.app_roles.iter().map(|a| a.api).collect::<Vec<_>>())
                    .bind(g.app_roles.iter().map(|a| a.role.clone()).collect::<Vec<_>>())
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| self.faults.seen(e))?;
                    continue;
                }
                Change::DeleteGroup(id) => sqlx::query("DELETE FROM groups WHERE id = $1").bind(*id),
                Change::SetUserAccess { user, access } => {
                    for sql in
                        ["DELETE FROM group_members WHERE user_id = $1", "DELETE FROM app_role_assignments WHERE user_id = $1"]
                    {
                        sqlx::query(sql).bind(*user).execute(&mut *tx).await.map_err(|e| self.faults.seen(e))?;
                    }
                    sqlx::query("INSERT INTO group_members (user_id, group_id) SELECT $1, UNNEST($2::uuid[])")
                        .bind(*user)
                        .bind(&access.groups)
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| self.faults.seen(e))?;
                    sqlx::query(
                        "INSERT INTO app_role_assignments (api_id, role, user_id)
                         SELECT api, role, $1 FROM UNNEST($2::uuid[], $3::text[]) AS a (api, role)",
                    )
                    .bind(*user)
                    .bind(access.app_roles.iter().map(|a| a.api).collect::<Vec<_>>())
                    .bind(access.app_roles.iter().map(|a| a.role.clone()).collect::<Vec<_>>())
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| self.faults.seen(e))?;
                    continue;
                }
                Change::DeleteApi(id) => sqlx::query("DELETE FROM apis WHERE id = $1").bind(*id),
                Change::PutClient(cl) => {
                    sqlx::query(
                        "INSERT INTO clients (id, tenant_id, client_id, name, body) VALUES ($1, $2, $3, $4, $5::jsonb)
                         ON CONFLICT (id) DO UPDATE SET client_id = $3, name = $4, body = $5::jsonb",
                    )
                    .bind(cl.id)
                    .bind(cl.tenant_id)
                    .bind(&cl.client_id)
                    .bind(&cl.name)
                    .bind(client_body::to_json(cl))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| self.faults.seen(e))?;
                    sqlx::query("DELETE FROM client_secrets WHERE client = $1")
                        .bind(cl.id)
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| self.faults.seen(e))?;
                    for s in &cl.secrets {
                        sqlx::query(
                            "INSERT INTO client_secrets (id, client, hash, hint, expires_at, created_at, sealed)
                             VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        )
                        .bind(s.id)
                        .bind(cl.id)
                        .bind(&s.hash)
                        .bind(&s.hint)
                        .bind(s.expires_at)
                        .bind(s.created_at)
                        .bind(s.sealed.as_deref())
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| self.faults.seen(e))?;
                    }
                    continue;
                }
                Change::DeleteClient(id) => {
                    sqlx::query("DELETE FROM clients WHERE id = $1").bind(*id)
                }
                Change::PutUser(u) => sqlx::query(
                    "INSERT INTO users (id, tenant_id, username, display_name, email, enabled, password_hash,
                       email_verified, profile, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                     ON CONFLICT (id) DO UPDATE SET username = $3, display_name = $4, email = $5, enabled = $6,
                       password_hash = $7, email_verified = $8, profile = $9, updated_at = $10",
                )
                .bind(u.id)
                .bind(u.tenant_id)
                .bind(&u.username)
                .bind(&u.display_name)
                .bind(&u.email)
                .bind(u.enabled)
                .bind(&u.password_hash)
                .bind(u.email_verified)
                .bind(crate::user_profile_json(&u.profile))
                .bind(u.updated_at),
                Change::DeleteUser(id) => sqlx::query("DELETE FROM users WHERE id = $1").bind(*id),
                Change::PutKey(k) => sqlx::query(
                    "INSERT INTO signing_keys (kid, tenant_id, alg, sealed_private, created_at, active_from, retired_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&k.kid)
                .bind(k.tenant_id)
                .bind(k.alg.as_str())
                .bind(&k.sealed_private)
                .bind(k.created_at)
                .bind(k.active_from)
                .bind(k.retired_at),
                Change::RetireKey { kid, at } => {
                    sqlx::query("UPDATE signing_keys SET retired_at = $2 WHERE kid = $1")
                        .bind(kid)
                        .bind(*at)
                }
                Change::ExpectGeneration(_) => continue,
                Change::Audit(e) => super::audit::insert(e),
                Change::PutScim(r) => super::scim::put(r),

                Change::ExpectRegistrationToken { id, hash } => {
                    // An UPDATE, so a concurrent call waits for the row and then re-checks the hash.
                    let held = sqlx::query(
                        "UPDATE clients SET body = body
                         WHERE id = $1 AND body->'registration'->>'access_token_hash' = $2",
                    )
                    .bind(*id)
                    .bind(crate::hex(hash))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| self.faults.seen(e))?;
                    if held.rows_affected() != 1 {
                        return Err(sigil_core::error::StoreError::Conflict("registration access token no longer current".into()));
                    }
                    continue;
                }
            };
            q.execute(&mut *tx).await.map_err(|e| self.faults.seen(e))?;
        }
        // A concurrent batch with the same expectation waits for this row's lock, then sees the new
        // value and updates nothing.
        let expected = crate::expected_generation(changes);
        let bumped = sqlx::query(
            "UPDATE meta SET int_value = int_value + 1 WHERE key = 'generation' AND ($1::bigint IS NULL OR int_value = $1)",
        )
        .bind(expected)
        .execute(&mut *tx)
        .await
        .map_err(|e| self.faults.seen(e))?;
        if bumped.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!("the directory changed since generation {expected:?}")));
        }
        // Delivered to every listening instance when (and only if) the transaction commits.
        sqlx::query("SELECT pg_notify($1, '')")
            .bind(CHANGES_CHANNEL)
            .execute(&mut *tx)
            .await
            .map_err(|e| self.faults.seen(e))?;
        tx.commit().await.map_err(|e| self.faults.seen(e))
    }

    async fn wait_for_change(&self) -> StoreResult<()> {
        let mut listener = self.listener.lock().await;
        if listener.is_none() {
            let mut l = sqlx::postgres::PgListener::connect_with(&self.pool).await.map_err(|e| self.faults.seen(e))?;
            l.listen(CHANGES_CHANNEL).await.map_err(|e| self.faults.seen(e))?;
            *listener = Some(l);
        }
        let received = match listener.as_mut() {
            Some(l) => l.try_recv().await,
            None => return Ok(()),
        };
        match received {
            Ok(Some(_)) => Ok(()),
            // The connection was lost: notices in between are gone, so report a possible change.
            Ok(None) => Ok(()),
            Err(e) => {
                *listener = None;
                Err(self.faults.seen(e))
            }
        }
    }

    async fn master_key_check(&self) -> StoreResult<Option<Vec<u8>>> {
        sqlx::query_scalar("SELECT bytes_value FROM meta WHERE key = 'master_key_check'")
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))
    }

    async fn set_master_key_check(&self, sealed: &[u8]) -> StoreResult<()> {
        sqlx::query("INSERT INTO meta (key, bytes_value) VALUES ('master_key_check', $1)")
            .bind(sealed)
            .execute(&self.pool)
            .await
            .map_err(|e| self.faults.seen(e))
            .map(|_| ())
    }
}
