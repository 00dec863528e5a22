//! PostgreSQL store.
use sigil_core::error::StoreError;

pub struct PgStore;

impl PgStore {
    pub async fn open(_url: &str, _max: u32) -> Result<Self, StoreError> {
        Err(StoreError::Other("postgres backend not built yet".into()))
    }
}
