//! The in-memory directory: tenants, clients, APIs and parsed signing keys. The hot path (client
//! credentials, discovery, JWKS) reads only this; it is rebuilt when the store's generation moves.
use std::collections::HashMap;
use std::sync::Arc;

use arc_swap::ArcSwap;
use uuid::Uuid;

use crate::clock::UnixTime;
use crate::crypto::MasterKey;
use crate::keys::{self, KeySet};
use crate::model::{Api, Client, Group, Tenant};
use crate::store::DirectoryData;

#[derive(Debug)]
pub struct TenantView {
    pub tenant: Tenant,
    pub clients: HashMap<String, Arc<Client>>,
    /// By identifier (`api://reports`).
    pub apis: HashMap<String, Api>,
    pub keys: KeySet,
    /// The discovery document, rendered once per directory build (it changes only with the directory).
    pub discovery: std::sync::OnceLock<Arc<str>>,
    /// The browser origins of the tenant's SPAs ([`Client::origins`]), the only ones CORS answers.
    pub spa_origins: std::collections::HashSet<String>,
    /// By id: every group, with the application roles assigned to it.
    pub groups: HashMap<Uuid, Group>,
}

impl TenantView {
    pub fn client(&self, client_id: &str) -> Option<&Arc<Client>> {
        self.clients.get(client_id)
    }
    /// An `Origin` header value (RFC 6454 §7) registered by one of the tenant's SPAs.
    pub fn allows_origin(&self, origin: &str) -> bool {
        self.spa_origins.contains(origin)
    }
}

#[derive(Debug, Default)]
pub struct Directory {
    pub generation: i64,
    by_name: HashMap<String, Arc<TenantView>>,
    by_id: HashMap<Uuid, Arc<TenantView>>,
}

impl Directory {
    /// Builds the directory. A key that cannot be unsealed is an error: never silently new keys.
    pub fn build(
        data: DirectoryData,
        master: &MasterKey,
        now: UnixTime,
        publish_after_retire: i64,
    ) -> Result<Self, keys::KeyError> {
        let mut views: HashMap<Uuid, TenantView> = data
            .tenants
            .into_iter()
            .map(|t| {
                (
                    t.id,
                    TenantView {
                        tenant: t,
                        clients: HashMap::new(),
                        apis: HashMap::new(),
                        keys: KeySet::default(),
                        discovery: Default::default(),
                        spa_origins: Default::default(),
                        groups: HashMap::new(),
                    },
                )
            })
            .collect();
        for a in data.apis {
            if let Some(v) = views.get_mut(&a.tenant_id) {
                v.apis.insert(a.identifier.clone(), a);
            }
        }
        for g in data.groups {
            if let Some(v) = views.get_mut(&g.tenant_id) {
                v.groups.insert(g.id, g);
            }
        }
        for c in data.clients {
            if let Some(v) = views.get_mut(&c.tenant_id) {
                v.spa_origins.extend(c.origins());
                v.clients.insert(c.client_id.clone(), Arc::new(c));
            }
        }
        let mut loaded: HashMap<Uuid, Vec<keys::LoadedKey>> = HashMap::new();
        for k in &data.keys {
            loaded.entry(k.tenant_id).or_default().push(keys::load(master, k)?);
        }
        for (tid, ks) in loaded {
            if let Some(v) = views.get_mut(&tid) {
                v.keys = KeySet::new(ks, now, publish_after_retire);
            }
        }
        let mut dir = Directory { generation: data.generation, ..Default::default() };
        for (id, v) in views {
            let v = Arc::new(v);
            dir.by_name.insert(v.tenant.name.to_ascii_lowercase(), v.clone());
            dir.by_id.insert(id, v);
        }
        Ok(dir)
    }

    /// `{tenant}` in a path is the tenant's name (case-insensitive) or id.
    pub fn tenant(&self, name_or_id: &str) -> Option<&Arc<TenantView>> {
        if let Ok(id) = Uuid::parse_str(name_or_id) {
            return self.by_id.get(&id);
        }
        self.by_name.get(&name_or_id.to_ascii_lowercase())
    }

    pub fn tenants(&self) -> impl Iterator<Item = &Arc<TenantView>> {
        self.by_id.values()
    }

    pub fn all_keys_loaded(&self) -> bool {
        self.by_id.values().all(|v| keys::tenant_algs(v.tenant.signing_alg).into_iter().all(|a| v.keys.has_alg(a)))
    }
}

/// A swappable directory shared by every request.
#[derive(Default)]
pub struct DirectoryHandle(ArcSwap<Directory>);

impl DirectoryHandle {
    pub fn new(d: Directory) -> Self {
        Self(ArcSwap::from_pointee(d))
    }
    pub fn get(&self) -> Arc<Directory> {
        self.0.load_full()
    }
    pub fn replace(&self, d: Directory) {
        self.0.store(Arc::new(d));
    }
}

impl std::fmt::Debug for DirectoryHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DirectoryHandle(generation {})", self.0.load().generation)
    }
}
