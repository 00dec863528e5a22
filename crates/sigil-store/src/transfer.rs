//! Whole-database operations for operators (issue 23 item 6): the SQLite online backup
//! (`VACUUM INTO`), checks of a backup file before a restore, and the copy of an embedded SQLite
//! installation into an empty PostgreSQL database (`sigil migrate --to postgres://…`).
//!
//! The copy is table by table, not through the store traits: the traits cannot re-create what is
//! stored only as a hash (refresh tokens, codes, sessions, secrets) or as sealed bytes (signing
//! keys, grace-window successors), and have no call that writes a sign-in record with its original
//! time and trace ID. Both schemas have the same tables and columns (each backend's migrations),
//! so the copy reads PostgreSQL's catalog and copies every column SQLite has, converting only the
//! representation (`INTEGER` 0/1 → `boolean`, `TEXT` → `uuid`/`jsonb`); a table or column that
//! SQLite has and PostgreSQL lacks stops the copy before anything is written, so nothing is lost
//! silently, and tables added by later migrations are copied without changes here.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use futures_util::TryStreamExt;
use sigil_core::error::StoreError;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Row};

use crate::map_err;

/// Bookkeeping tables, not data: the migration history (each side has its own), the write probe
/// (a readiness scratch row), and `meta` (copied by [`copy_meta`], its columns differ).
const NOT_DATA: [&str; 3] = ["_sqlx_migrations", "write_probe", "meta"];

/// Values SQLite keeps as given and PostgreSQL keeps folded: lockout counters are keyed by the
/// username as typed on SQLite (`COLLATE NOCASE` compares), lower-cased on PostgreSQL (a `CHECK`).
/// Both fold ASCII only (SQLite's `lower`, PostgreSQL's `lower(… COLLATE "C")`).
const FOLDED: [(&str, &str); 1] = [("lockouts", "username")];

/// Rows per `INSERT … SELECT FROM UNNEST(…)` (one array parameter per column).
const ROWS_PER_INSERT: usize = 5000;

fn other(what: impl std::fmt::Display) -> StoreError {
    StoreError::Other(what.to_string())
}

/// The file of a `sqlite://path` URL.
pub fn sqlite_path(url: &str) -> Result<PathBuf, StoreError> {
    let opts = SqliteConnectOptions::from_str(url).map_err(map_err)?;
    let p = opts.get_filename().to_path_buf();
    if p.as_os_str().is_empty() || p.to_str() == Some(":memory:") {
        return Err(other(format!("{url}: not a database file")));
    }
    Ok(p)
}

/// A connection that only reads, but is not opened read-only: a read-only connection cannot open a
/// WAL database whose `-shm` file is gone (a stopped server removes it). The journal mode is left
/// as the file has it.
async fn sqlite_connect(path: &Path) -> Result<sqlx::SqliteConnection, StoreError> {
    if !path.exists() {
        return Err(other(format!("{}: no such database file", path.display())));
    }
    let opts = SqliteConnectOptions::new()
        .filename(path)
        .busy_timeout(std::time::Duration::from_secs(10))
        // A whole-table read that waits on PostgreSQL is slow by design, not worth a warning.
        .disable_statement_logging();
    sqlx::SqliteConnection::connect_with(&opts).await.map_err(map_err)
}

/// What a backup or a check found.
#[derive(Debug, Clone, Default)]
pub struct BackupInfo {
    pub bytes: u64,
    /// Rows per data table.
    pub rows: BTreeMap<String, u64>,
    /// The highest migration applied to the file.
    pub schema_version: i64,
    /// The sealed check value of the master key the file was created with.
    pub master_key_check: Option<Vec<u8>>,
}

/// SQLite's online backup, `VACUUM INTO` (<https://sqlite.org/lang_vacuum.html#vacuuminto>): one
/// read transaction, so the copy is one consistent snapshot while the server keeps serving (in WAL
/// mode readers and the writer do not block each other). `dest` must not exist; it is created
/// owner-only (it holds password hashes and sealed keys) and synced before this returns.
pub async fn sqlite_backup(url: &str, dest: &Path) -> Result<BackupInfo, StoreError> {
    use std::os::unix::fs::OpenOptionsExt;
    let src = sqlite_path(url)?;
    let mut conn = sqlite_connect(&src).await?;
    // An empty file made here: VACUUM INTO accepts an empty target, and the mode is set before
    // any byte is written.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(dest)
        .map_err(|e| other(format!("{}: {e}", dest.display())))?;
    let target = dest.to_str().ok_or_else(|| other("backup path is not UTF-8"))?;
    let result = sqlx::query("VACUUM INTO ?1").bind(target).execute(&mut conn).await.map_err(map_err);
    conn.close().await.ok();
    if let Err(e) = result {
        let _ = std::fs::remove_file(dest);
        return Err(e);
    }
    std::fs::File::open(dest).and_then(|f| f.sync_all()).map_err(|e| other(format!("{}: {e}", dest.display())))?;
    sync_dir(dest)?;
    check_backup(dest).await
}

/// Reads a backup (or any Sigil SQLite file) without changing it: `PRAGMA integrity_check`, the
/// schema version, the master key check value and the row counts.
pub async fn check_backup(path: &Path) -> Result<BackupInfo, StoreError> {
    let mut conn = sqlite_connect(path).await?;
    let ok: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await.map_err(map_err)?;
    if ok != "ok" {
        return Err(other(format!("{}: integrity check failed: {ok}", path.display())));
    }
    let schema_version: i64 = sqlx::query_scalar("SELECT coalesce(max(version), 0) FROM _sqlx_migrations")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| other(format!("{}: not a Sigil database: {e}", path.display())))?;
    let master_key_check = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'master_key_check'")
        .fetch_optional(&mut conn)
        .await
        .map_err(map_err)?;
    let rows = sqlite_row_counts(&mut conn).await?;
    conn.close().await.ok();
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo { bytes, rows, schema_version, master_key_check })
}

/// Whether a SQLite database holds anything an operator made (any row in a data table). A file
/// that does not exist is empty.
pub async fn sqlite_has_data(path: &Path) -> Result<bool, StoreError> {
    if !path.exists() || std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) == 0 {
        return Ok(false);
    }
    let mut conn = sqlite_connect(path).await?;
    let rows = sqlite_row_counts(&mut conn).await;
    conn.close().await.ok();
    Ok(rows?.values().any(|n| *n > 0))
}

async fn sqlite_row_counts(conn: &mut sqlx::SqliteConnection) -> Result<BTreeMap<String, u64>, StoreError> {
    let mut rows = BTreeMap::new();
    for t in sqlite_tables(&mut *conn).await? {
        if !NOT_DATA.contains(&t.as_str()) {
            let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT count(*) FROM {}", quote(&t))))
                .fetch_one(&mut *conn)
                .await
                .map_err(map_err)?;
            rows.insert(t, n as u64);
        }
    }
    Ok(rows)
}

/// Whether another process has the SQLite database open (a running server): an exclusive lock
/// cannot be had while any other connection is open on a WAL database, even an idle one. A file
/// that does not exist is not in use.
pub async fn sqlite_in_use(path: &Path) -> Result<bool, StoreError> {
    if !path.exists() {
        return Ok(false);
    }
    let opts = SqliteConnectOptions::new()
        .filename(path)
        .pragma("locking_mode", "EXCLUSIVE")
        .busy_timeout(std::time::Duration::from_millis(200))
        .disable_statement_logging();
    let mut conn = match sqlx::SqliteConnection::connect_with(&opts).await {
        Ok(c) => c,
        Err(e) if is_locked(&e) => return Ok(true),
        Err(e) => return Err(map_err(e)),
    };
    let mut r = sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await.map(|_| ());
    if r.is_ok() {
        r = sqlx::query("COMMIT").execute(&mut conn).await.map(|_| ());
    }
    conn.close().await.ok();
    match r {
        Ok(()) => Ok(false),
        Err(e) if is_locked(&e) => Ok(true),
        Err(e) => Err(map_err(e)),
    }
}

/// SQLITE_BUSY (5) or SQLITE_LOCKED (6), with any extended code.
fn is_locked(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => {
            d.code().and_then(|c| c.parse::<i32>().ok()).is_some_and(|c| matches!(c & 0xff, 5 | 6))
        }
        _ => false,
    }
}

/// Puts `backup` in place of the database at `target`: copied beside it and synced; a database
/// already there is moved aside (with its WAL, which may hold its last commits) to
/// `<target>.before-restore`; then the copy is renamed over the target (atomic: a crash leaves the
/// old database or the new one, never half of each). The server must be stopped. Returns where the
/// previous database went.
pub fn sqlite_put_in_place(backup: &Path, target: &Path) -> Result<Option<PathBuf>, StoreError> {
    use std::os::unix::fs::PermissionsExt;
    let fail = |p: &Path, e: std::io::Error| other(format!("{}: {e}", p.display()));
    let with = |suffix: &str| {
        let mut name = target.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
    }
    let tmp = with(".restoring");
    std::fs::copy(backup, &tmp).map_err(|e| fail(&tmp, e))?;
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600)).map_err(|e| fail(&tmp, e))?;
    std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(|e| fail(&tmp, e))?;
    let mut kept = None;
    if target.exists() {
        let aside = with(".before-restore");
        std::fs::rename(target, &aside).map_err(|e| fail(target, e))?;
        kept = Some(aside);
    }
    for (suffix, aside) in [("-wal", Some(".before-restore-wal")), ("-shm", None)] {
        let p = with(suffix);
        let r = match aside {
            Some(a) => std::fs::rename(&p, with(a)),
            None => std::fs::remove_file(&p),
        };
        match r {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(fail(&p, e)),
        }
    }
    std::fs::rename(&tmp, target).map_err(|e| fail(target, e))?;
    sync_dir(target)?;
    Ok(kept)
}

fn sync_dir(file: &Path) -> Result<(), StoreError> {
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(|e| other(format!("{}: {e}", dir.display())))
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

async fn sqlite_tables(conn: &mut sqlx::SqliteConnection) -> Result<Vec<String>, StoreError> {
    sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .fetch_all(&mut *conn)
        .await
        .map_err(map_err)
}

/// How one column is carried over: read from SQLite as this, bound to PostgreSQL as this and
/// cast to the column's type.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Bool,
    Int,
    Float,
    Bytes,
    Text,
}

#[derive(Debug, Clone)]
struct Column {
    name: String,
    /// PostgreSQL's `format_type` of the column.
    pg_type: String,
    kind: Kind,
    identity: bool,
}

fn kind_of(pg_type: &str) -> Kind {
    match pg_type {
        "boolean" => Kind::Bool,
        "smallint" | "integer" | "bigint" => Kind::Int,
        "real" | "double precision" => Kind::Float,
        "bytea" => Kind::Bytes,
        _ => Kind::Text,
    }
}

/// Reads column `i` of a SQLite row into the batch's column of the same kind.
fn read(row: &sqlx::sqlite::SqliteRow, i: usize, c: &Column, table: &str, into: &mut Batch) -> Result<(), StoreError> {
    let bad = |e: sqlx::Error| other(format!("{table}.{}: {e}", c.name));
    match into {
        Batch::Bool(v) => v.push(match row.try_get::<Option<i64>, _>(i).map_err(bad)? {
            None => None,
            Some(0) => Some(false),
            Some(1) => Some(true),
            Some(x) => return Err(other(format!("{table}.{}: {x} is not a flag", c.name))),
        }),
        Batch::Int(v) => v.push(row.try_get(i).map_err(bad)?),
        Batch::Float(v) => v.push(row.try_get(i).map_err(bad)?),
        Batch::Bytes(v) => v.push(row.try_get(i).map_err(bad)?),
        Batch::Text(v) => v.push(row.try_get(i).map_err(bad)?),
    }
    Ok(())
}

/// What `copy_sqlite_to_postgres` copied.
#[derive(Debug, Default)]
pub struct CopyReport {
    /// Rows copied per table, in copy order.
    pub tables: Vec<(String, u64)>,
    /// Rows not copied because the row they belong to is gone (e.g. refresh tokens of a deleted
    /// grant: SQLite keeps them until the purge, PostgreSQL's foreign key refuses them).
    pub orphans: Vec<(String, u64)>,
}

/// A single-column foreign key of PostgreSQL's schema.
struct ForeignKey {
    child: String,
    column: String,
    parent: String,
    parent_column: String,
}

/// Copies every row of the SQLite database at `sqlite_url` into the PostgreSQL database at
/// `pg_url`, in one PostgreSQL transaction, from one SQLite read snapshot. Both schemas are
/// brought to this build's version first (as `sigil serve` would). Refuses a PostgreSQL database
/// that holds any data.
pub async fn copy_sqlite_to_postgres(sqlite_url: &str, pg_url: &str) -> Result<CopyReport, StoreError> {
    use sigil_core::store::Store;
    let src_path = sqlite_path(sqlite_url)?;
    if !src_path.exists() {
        return Err(other(format!("{}: no such database file", src_path.display())));
    }
    let s = crate::sqlite::SqliteStore::open(sqlite_url, 2).await?;
    s.close().await;
    let p = crate::postgres::PgStore::open(pg_url, 2).await?;
    p.close().await;

    let mut pg = pg_connect(pg_url).await?;
    let mut tx = pg.begin().await.map_err(map_err)?;
    let columns = pg_columns(&mut tx).await?;
    let keys = pg_foreign_keys(&mut tx).await?;
    for t in columns.keys().filter(|t| !NOT_DATA.contains(&t.as_str())) {
        let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT count(*) FROM {}", quote(t))))
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
        if n > 0 {
            return Err(StoreError::Conflict(format!(
                "the PostgreSQL database is not empty (table {t} has {n} rows): migrate into a new, empty database"
            )));
        }
    }
    let has_key_check: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'master_key_check')")
        .fetch_one(&mut *tx)
        .await
        .map_err(map_err)?;
    if has_key_check {
        return Err(StoreError::Conflict(
            "the PostgreSQL database was already used by a Sigil server (it has a master key check): migrate into a new, empty database"
                .into(),
        ));
    }

    let mut src = sqlite_connect(&src_path).await?;
    let mut snapshot = src.begin().await.map_err(map_err)?;
    let mut tables = Vec::new();
    for t in sqlite_tables(&mut snapshot).await? {
        if NOT_DATA.contains(&t.as_str()) {
            continue;
        }
        let Some(pg_cols) = columns.get(&t) else {
            return Err(other(format!("table {t} exists in SQLite but not in PostgreSQL: nothing was copied")));
        };
        let src_cols: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?1)")
            .bind(&t)
            .fetch_all(&mut *snapshot)
            .await
            .map_err(map_err)?;
        let mut cols = Vec::new();
        for name in &src_cols {
            match pg_cols.iter().find(|c| &c.name == name) {
                Some(c) => cols.push(c.clone()),
                None => {
                    return Err(other(format!(
                        "column {t}.{name} exists in SQLite but not in PostgreSQL: nothing was copied"
                    )));
                }
            }
        }
        tables.push((t, cols));
    }
    let order = dependency_order(tables.iter().map(|(t, _)| t.clone()).collect(), &keys);
    let mut report = CopyReport::default();
    copy_meta(&mut snapshot, &mut tx).await?;
    for t in order {
        let cols = &tables.iter().find(|(n, _)| *n == t).expect("listed").1;
        let (copied, orphans) = copy_table(&mut snapshot, &mut tx, &t, cols, &keys).await?;
        report.tables.push((t.clone(), copied));
        if orphans > 0 {
            report.orphans.push((t, orphans));
        }
    }
    snapshot.rollback().await.ok();
    src.close().await.ok();
    tx.commit().await.map_err(map_err)?;
    pg.close().await.ok();
    Ok(report)
}

async fn pg_connect(url: &str) -> Result<sqlx::PgConnection, StoreError> {
    let opts = sqlx::postgres::PgConnectOptions::from_str(url).map_err(map_err)?.disable_statement_logging();
    sqlx::PgConnection::connect_with(&opts).await.map_err(map_err)
}

async fn pg_columns(tx: &mut sqlx::PgConnection) -> Result<BTreeMap<String, Vec<Column>>, StoreError> {
    let rows = sqlx::query(
        "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attidentity <> ''
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind = 'r'
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
         ORDER BY c.relname, a.attnum",
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(map_err)?;
    let mut out: BTreeMap<String, Vec<Column>> = BTreeMap::new();
    for r in rows {
        let (table, name, pg_type, identity): (String, String, String, bool) = (
            r.try_get(0).map_err(map_err)?,
            r.try_get(1).map_err(map_err)?,
            r.try_get(2).map_err(map_err)?,
            r.try_get(3).map_err(map_err)?,
        );
        let kind = kind_of(&pg_type);
        out.entry(table).or_default().push(Column { name, pg_type, kind, identity });
    }
    Ok(out)
}

async fn pg_foreign_keys(tx: &mut sqlx::PgConnection) -> Result<Vec<ForeignKey>, StoreError> {
    let rows = sqlx::query(
        "SELECT ch.relname::text, a.attname::text, pa.relname::text, af.attname::text
         FROM pg_constraint k
         JOIN pg_class ch ON ch.oid = k.conrelid
         JOIN pg_class pa ON pa.oid = k.confrelid
         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
         JOIN pg_attribute af ON af.attrelid = k.confrelid AND af.attnum = k.confkey[1]
         WHERE k.contype = 'f' AND k.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
           AND cardinality(k.conkey) = 1",
    )
    .fetch_all(&mut *tx)
    .await
    .map_err(map_err)?;
    rows.into_iter()
        .map(|r| {
            Ok(ForeignKey {
                child: r.try_get(0).map_err(map_err)?,
                column: r.try_get(1).map_err(map_err)?,
                parent: r.try_get(2).map_err(map_err)?,
                parent_column: r.try_get(3).map_err(map_err)?,
            })
        })
        .collect()
}

/// Parents before children (PostgreSQL checks each foreign key at insert); ties by name.
fn dependency_order(mut pending: Vec<String>, keys: &[ForeignKey]) -> Vec<String> {
    pending.sort();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut order = Vec::new();
    while !pending.is_empty() {
        let ready = pending.iter().position(|t| {
            keys.iter()
                .filter(|k| &k.child == t && &k.parent != t)
                .all(|k| done.contains(&k.parent) || !pending.contains(&k.parent))
        });
        // A cycle (none today) is copied in name order and fails loudly on its foreign key.
        let t = pending.remove(ready.unwrap_or(0));
        done.insert(t.clone());
        order.push(t);
    }
    order
}

/// SQLite's `meta(key, value ANY)` into PostgreSQL's `meta(key, int_value, bytes_value)`.
async fn copy_meta(src: &mut sqlx::SqliteConnection, tx: &mut sqlx::PgConnection) -> Result<(), StoreError> {
    let rows = sqlx::query("SELECT key, typeof(value), value FROM meta").fetch_all(&mut *src).await.map_err(map_err)?;
    for r in rows {
        let key: String = r.try_get(0).map_err(map_err)?;
        let ty: String = r.try_get(1).map_err(map_err)?;
        let (int, bytes): (Option<i64>, Option<Vec<u8>>) = match ty.as_str() {
            "integer" => (Some(r.try_get(2).map_err(map_err)?), None),
            "blob" => (None, Some(r.try_get(2).map_err(map_err)?)),
            other_type => return Err(other(format!("meta {key}: a {other_type} value has no PostgreSQL column"))),
        };
        sqlx::query(
            "INSERT INTO meta (key, int_value, bytes_value) VALUES ($1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET int_value = EXCLUDED.int_value, bytes_value = EXCLUDED.bytes_value",
        )
        .bind(key)
        .bind(int)
        .bind(bytes)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    }
    Ok(())
}

/// One table: streamed from SQLite, inserted in multi-row statements; rows whose parent row is
/// missing (a foreign key PostgreSQL has and SQLite does not enforce) are counted, not copied.
async fn copy_table(
    src: &mut sqlx::SqliteConnection,
    tx: &mut sqlx::PgConnection,
    table: &str,
    cols: &[Column],
    keys: &[ForeignKey],
) -> Result<(u64, u64), StoreError> {
    let names: Vec<String> = cols.iter().map(|c| quote(&c.name)).collect();
    let selected: Vec<String> = cols
        .iter()
        .map(|c| {
            if FOLDED.contains(&(table, c.name.as_str())) {
                format!("lower({})", quote(&c.name))
            } else {
                quote(&c.name)
            }
        })
        .collect();
    let filters: Vec<String> = keys
        .iter()
        .filter(|k| k.child == table && cols.iter().any(|c| c.name == k.column))
        .map(|k| {
            format!(
                "({col} IS NULL OR {col} IN (SELECT {pc} FROM {pt}))",
                col = quote(&k.column),
                pc = quote(&k.parent_column),
                pt = quote(&k.parent)
            )
        })
        .collect();
    let total: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT count(*) FROM {}", quote(table))))
        .fetch_one(&mut *src)
        .await
        .map_err(map_err)?;
    let select = format!(
        "SELECT {} FROM {}{}",
        selected.join(", "),
        quote(table),
        if filters.is_empty() { String::new() } else { format!(" WHERE {}", filters.join(" AND ")) }
    );
    let identity = cols.iter().any(|c| c.identity);
    let mut copied = 0u64;
    let empty = || cols.iter().map(|c| Batch::new(c.kind)).collect::<Vec<_>>();
    let (mut batch, mut in_batch) = (empty(), 0);
    {
        let mut rows = sqlx::query(AssertSqlSafe(select)).fetch(&mut *src);
        while let Some(row) = rows.try_next().await.map_err(map_err)? {
            for (i, (c, b)) in cols.iter().zip(batch.iter_mut()).enumerate() {
                read(&row, i, c, table, b)?;
            }
            in_batch += 1;
            if in_batch == ROWS_PER_INSERT {
                copied += insert(tx, table, cols, &names, identity, std::mem::replace(&mut batch, empty())).await?;
                in_batch = 0;
            }
        }
    }
    if in_batch > 0 {
        copied += insert(tx, table, cols, &names, identity, batch).await?;
    }
    // The next generated id follows the copied ones.
    for c in cols.iter().filter(|c| c.identity) {
        sqlx::query(AssertSqlSafe(format!(
            "SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max({col}) FROM {t}), 0) + 1, false)",
            col = quote(&c.name),
            t = quote(table)
        )))
        .bind(table)
        .bind(&c.name)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
    }
    Ok((copied, total as u64 - copied))
}

/// One statement per batch: each column is one array parameter, unnested into rows and cast to the
/// column's type. The text is the same for every batch of a table (one prepared statement), and
/// the parameters are one per column instead of one per value.
async fn insert(
    tx: &mut sqlx::PgConnection,
    table: &str,
    cols: &[Column],
    names: &[String],
    identity: bool,
    columns: Vec<Batch>,
) -> Result<u64, StoreError> {
    let arrays: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let t = match c.kind {
                Kind::Bool => "boolean",
                Kind::Int => "bigint",
                Kind::Float => "double precision",
                Kind::Bytes => "bytea",
                Kind::Text => "text",
            };
            format!("${}::{t}[]", i + 1)
        })
        .collect();
    let aliases: Vec<String> = (0..cols.len()).map(|i| format!("c{i}")).collect();
    let casts: Vec<String> = cols.iter().enumerate().map(|(i, c)| format!("CAST(u.c{i} AS {})", c.pg_type)).collect();
    let sql = format!(
        "INSERT INTO {} ({}){} SELECT {} FROM UNNEST({}) AS u({})",
        quote(table),
        names.join(", "),
        if identity { " OVERRIDING SYSTEM VALUE" } else { "" },
        casts.join(", "),
        arrays.join(", "),
        aliases.join(", ")
    );
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for col in columns {
        q = match col {
            Batch::Bool(v) => q.bind(v),
            Batch::Int(v) => q.bind(v),
            Batch::Float(v) => q.bind(v),
            Batch::Bytes(v) => q.bind(v),
            Batch::Text(v) => q.bind(v),
        };
    }
    q.execute(&mut *tx).await.map(|r| r.rows_affected()).map_err(map_err)
}

/// The values of one column of a batch, bound as one PostgreSQL array.
enum Batch {
    Bool(Vec<Option<bool>>),
    Int(Vec<Option<i64>>),
    Float(Vec<Option<f64>>),
    Bytes(Vec<Option<Vec<u8>>>),
    Text(Vec<Option<String>>),
}

impl Batch {
    fn new(kind: Kind) -> Self {
        match kind {
            Kind::Bool => Self::Bool(Vec::new()),
            Kind::Int => Self::Int(Vec::new()),
            Kind::Float => Self::Float(Vec::new()),
            Kind::Bytes => Self::Bytes(Vec::new()),
            Kind::Text => Self::Text(Vec::new()),
        }
    }
}

/// Rows per data table of a PostgreSQL database (for the migration's own check and tests).
pub async fn pg_row_counts(pg_url: &str) -> Result<BTreeMap<String, u64>, StoreError> {
    let mut pg = pg_connect(pg_url).await?;
    let mut out = BTreeMap::new();
    for t in pg_columns(&mut pg).await?.into_keys().filter(|t| !NOT_DATA.contains(&t.as_str())) {
        let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT count(*) FROM {}", quote(&t))))
            .fetch_one(&mut pg)
            .await
            .map_err(map_err)?;
        out.insert(t, n as u64);
    }
    pg.close().await.ok();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fk(child: &str, parent: &str) -> ForeignKey {
        ForeignKey { child: child.into(), column: "x".into(), parent: parent.into(), parent_column: "id".into() }
    }

    #[test]
    fn parents_are_copied_before_children() {
        let keys = [fk("clients", "tenants"), fk("client_secrets", "clients"), fk("refresh_tokens", "grants")];
        let names = ["client_secrets", "refresh_tokens", "clients", "grants", "tenants", "signin_log"];
        let order = dependency_order(names.iter().map(|s| s.to_string()).collect(), &keys);
        let at = |t: &str| order.iter().position(|o| o == t).unwrap();
        assert!(at("tenants") < at("clients") && at("clients") < at("client_secrets"), "{order:?}");
        assert!(at("grants") < at("refresh_tokens"), "{order:?}");
        assert_eq!(order.len(), names.len());
        // A self-reference or a parent outside the copy does not block a table.
        let order = dependency_order(vec!["a".into()], &[fk("a", "a"), fk("a", "elsewhere")]);
        assert_eq!(order, ["a"]);
    }

    #[test]
    fn column_kinds_follow_postgresql_types() {
        assert_eq!(kind_of("boolean"), Kind::Bool);
        assert_eq!(kind_of("bigint"), Kind::Int);
        assert_eq!(kind_of("integer"), Kind::Int);
        assert_eq!(kind_of("bytea"), Kind::Bytes);
        assert_eq!(kind_of("double precision"), Kind::Float);
        for text in ["text", "uuid", "jsonb", "character varying(64)", "timestamp with time zone"] {
            assert_eq!(kind_of(text), Kind::Text, "{text}");
        }
        assert_eq!(quote(r#"we"ird"#), r#""we""ird""#);
    }

    #[tokio::test]
    async fn a_backup_is_a_consistent_checked_copy_and_in_use_is_detected() {
        let dir = std::env::temp_dir().join(format!("sigil-transfer-{}", uuid::Uuid::new_v4().simple()));
        let url = format!("sqlite://{}/sigil.db", dir.display());
        let store = crate::sqlite::SqliteStore::open(&url, 2).await.unwrap();
        let db = sqlite_path(&url).unwrap();
        assert!(sqlite_in_use(&db).await.unwrap(), "the open store holds the database");
        let dest = dir.join("copy.db");
        let info = sqlite_backup(&url, &dest).await.unwrap();
        assert!(info.schema_version >= 18 && info.rows.contains_key("tenants"), "{info:?}");
        assert!(sqlite_backup(&url, &dest).await.is_err(), "an existing file is never overwritten");
        sigil_core::store::Store::close(&store).await;
        drop(store);
        assert!(!sqlite_in_use(&db).await.unwrap());
        assert!(!sqlite_has_data(&db).await.unwrap(), "a fresh database has no data");
        let kept = sqlite_put_in_place(&dest, &db).unwrap();
        assert_eq!(kept, Some(dir.join("sigil.db.before-restore")));
        assert_eq!(check_backup(&db).await.unwrap().schema_version, info.schema_version);
        std::fs::write(dir.join("junk.db"), b"not a database at all, not even close").unwrap();
        assert!(check_backup(&dir.join("junk.db")).await.is_err());
    }
}
