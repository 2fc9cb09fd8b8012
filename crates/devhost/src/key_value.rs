//! `fermyon:spin/key-value@2.0.0` on a local SQLite file (`<state-dir>/sqlite_key_value.db`), laid out like
//! Spin's: one table `spin_key_value(store, key, value)`.

use crate::bindings::fermyon::spin::key_value::{self, Error, HostStore};
use crate::host::HostState;
use anyhow::Context;
use rusqlite::OptionalExtension;
use std::path::Path;
use std::sync::{Arc, Mutex};
use wasmtime::component::Resource;

/// The shared key-value database of one running app.
#[derive(Clone)]
pub struct KvDb {
    conn: Arc<Mutex<rusqlite::Connection>>,
}

impl std::fmt::Debug for KvDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KvDb")
    }
}

impl KvDb {
    /// Opens (creating if needed) the key-value database in `state_dir`.
    pub fn open(state_dir: &Path) -> anyhow::Result<Self> {
        let path = state_dir.join("sqlite_key_value.db");
        let conn = rusqlite::Connection::open(&path).with_context(|| format!("opening {}", path.display()))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS spin_key_value (
                store TEXT NOT NULL,
                key   TEXT NOT NULL,
                value BLOB NOT NULL,
                PRIMARY KEY (store, key)
            )",
        )?;
        Ok(Self { conn: Arc::new(Mutex::new(conn)) })
    }

    fn with<T>(&self, f: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>) -> Result<T, Error> {
        let conn = self.conn.lock().map_err(|e| Error::Other(e.to_string()))?;
        f(&conn).map_err(|e| Error::Other(e.to_string()))
    }
}

/// An open store: its label.
#[derive(Debug)]
pub struct Store {
    label: String,
}

impl key_value::Host for HostState {}

impl HostState {
    fn store_label(&self, store: &Resource<Store>) -> Result<String, Error> {
        self.table.get(store).map(|s| s.label.clone()).map_err(|e| Error::Other(e.to_string()))
    }
}

impl HostStore for HostState {
    fn open(&mut self, label: String) -> Result<Resource<Store>, Error> {
        if !self.component.key_value_stores.contains(&label) {
            return Err(Error::AccessDenied);
        }
        if label != "default" {
            return Err(Error::NoSuchStore);
        }
        self.table.push(Store { label }).map_err(|_| Error::StoreTableFull)
    }

    fn get(&mut self, store: Resource<Store>, key: String) -> Result<Option<Vec<u8>>, Error> {
        let label = self.store_label(&store)?;
        self.app.kv.with(|c| {
            c.query_row("SELECT value FROM spin_key_value WHERE store = ?1 AND key = ?2", (label, key), |r| r.get(0))
                .optional()
        })
    }

    fn set(&mut self, store: Resource<Store>, key: String, value: Vec<u8>) -> Result<(), Error> {
        let label = self.store_label(&store)?;
        self.app.kv.with(|c| {
            c.execute(
                "INSERT INTO spin_key_value (store, key, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT (store, key) DO UPDATE SET value = excluded.value",
                (label, key, value),
            )
            .map(drop)
        })
    }

    fn delete(&mut self, store: Resource<Store>, key: String) -> Result<(), Error> {
        let label = self.store_label(&store)?;
        self.app
            .kv
            .with(|c| c.execute("DELETE FROM spin_key_value WHERE store = ?1 AND key = ?2", (label, key)).map(drop))
    }

    fn exists(&mut self, store: Resource<Store>, key: String) -> Result<bool, Error> {
        Ok(self.get(store, key)?.is_some())
    }

    fn get_keys(&mut self, store: Resource<Store>) -> Result<Vec<String>, Error> {
        let label = self.store_label(&store)?;
        self.app.kv.with(|c| {
            let mut stmt = c.prepare("SELECT key FROM spin_key_value WHERE store = ?1")?;
            let keys = stmt.query_map([label], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>();
            keys
        })
    }

    fn drop(&mut self, store: Resource<Store>) -> wasmtime::Result<()> {
        self.table.delete(store)?;
        Ok(())
    }
}
