//! Embedded, forward-only migrations, run at start.
use std::borrow::Cow;

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

pub(crate) fn migrator(files: &[(i64, &'static str, &'static str)]) -> Migrator {
    Migrator::with_migrations(
        files
            .iter()
            .map(|(v, desc, sql)| {
                Migration::new(*v, Cow::Borrowed(*desc), MigrationType::Simple, sql.into_sql_str(), false)
            })
            .collect(),
    )
}
