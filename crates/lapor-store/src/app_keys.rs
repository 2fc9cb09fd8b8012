//! Keys the app makes for itself when the operator set none (`app_keys`, migrations/0024): made once, by
//! whichever process asks first; every process then reads the same one.

use crate::db::{Db, StoreError};
use crate::params;

/// The key `name`; when there is none yet, `fresh` becomes it (a concurrent first writer may win: its key is
/// returned instead). One read when the key exists.
pub fn get_or_make(db: &dyn Db, name: &str, fresh: &str, now: i64) -> Result<String, StoreError> {
    let read = |db: &dyn Db| db.query_row("SELECT value FROM app_keys WHERE name = ?", params![name]);
    if let Some(row) = read(db)? {
        return Ok(row.text(0).to_string());
    }
    db.execute(
        "INSERT INTO app_keys (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
        params![name, fresh, now],
    )?;
    read(db)?.map(|r| r.text(0).to_string()).ok_or_else(|| StoreError::Other(format!("app key {name} vanished")))
}
