//! [`Db`] on rusqlite, for native tests, tools and benchmarks.

use std::path::Path;

use rusqlite::types::ValueRef;

use crate::db::{Db, Row, Rows, StoreError, Value};

/// A rusqlite connection.
pub struct NativeDb(pub rusqlite::Connection);

impl NativeDb {
    /// Opens (creating) a database file.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        rusqlite::Connection::open(path).map(NativeDb).map_err(classify)
    }

    /// A fresh in-memory database.
    pub fn memory() -> Self {
        NativeDb(rusqlite::Connection::open_in_memory().expect("in-memory sqlite"))
    }
}

fn to_sql(v: &Value) -> rusqlite::types::Value {
    match v {
        Value::Null => rusqlite::types::Value::Null,
        Value::Integer(i) => rusqlite::types::Value::Integer(*i),
        Value::Real(r) => rusqlite::types::Value::Real(*r),
        Value::Text(t) => rusqlite::types::Value::Text(t.clone()),
        Value::Blob(b) => rusqlite::types::Value::Blob(b.clone()),
    }
}

impl Db for NativeDb {
    fn execute(&self, sql: &str, params: &[Value]) -> Result<Rows, StoreError> {
        let err = classify;
        let mut stmt = self.0.prepare(sql).map_err(err)?;
        let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let n = columns.len();
        let params: Vec<rusqlite::types::Value> = params.iter().map(to_sql).collect();
        let mut rows = stmt.query(rusqlite::params_from_iter(params)).map_err(err)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(err)? {
            let mut values = Vec::with_capacity(n);
            for i in 0..n {
                values.push(match row.get_ref(i).map_err(err)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(v) => Value::Integer(v),
                    ValueRef::Real(v) => Value::Real(v),
                    ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Value::Blob(b.to_vec()),
                });
            }
            out.push(Row(values));
        }
        Ok(Rows { columns, rows: out })
    }
}

/// Classifies a rusqlite error by SQLite's result code (the message only tells UNIQUE from other constraints).
fn classify(e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    let msg = e.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::ConstraintViolation) if msg.contains("UNIQUE constraint failed") => StoreError::Unique(msg),
        Some(ErrorCode::ConstraintViolation) => StoreError::Constraint(msg),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy(msg),
        // A trigger's RAISE(ABORT) is a constraint error too; anything else is only classified by its text.
        _ => StoreError::from_message(msg),
    }
}
