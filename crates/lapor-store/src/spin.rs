//! [`Db`] on Spin's SQLite (`fermyon:spin/sqlite@2.0.0`), used inside the components.

use spin_sdk::sqlite::{Connection, Error, Value as SpinValue};

use crate::db::{Db, Row, Rows, StoreError, Value};

/// A connection to one of the app's Spin SQLite databases.
pub struct SpinDb(Connection);

impl SpinDb {
    /// Opens the `default` database declared in spin.toml.
    pub fn open_default() -> Result<Self, StoreError> {
        Connection::open_default().map(SpinDb).map_err(spin_error)
    }
}

/// Spin's SQLite interface reports a failed statement as `io(message)` with SQLite's text and no result code,
/// so only here is an error classified by its text ([`StoreError::from_message`]).
fn spin_error(e: Error) -> StoreError {
    match e {
        Error::Io(msg) => StoreError::from_message(msg),
        other => StoreError::Other(format!("{other:?}")),
    }
}

fn to_spin(v: &Value) -> SpinValue {
    match v {
        Value::Null => SpinValue::Null,
        Value::Integer(i) => SpinValue::Integer(*i),
        Value::Real(r) => SpinValue::Real(*r),
        Value::Text(t) => SpinValue::Text(t.clone()),
        Value::Blob(b) => SpinValue::Blob(b.clone()),
    }
}

fn from_spin(v: SpinValue) -> Value {
    match v {
        SpinValue::Null => Value::Null,
        SpinValue::Integer(i) => Value::Integer(i),
        SpinValue::Real(r) => Value::Real(r),
        SpinValue::Text(t) => Value::Text(t),
        SpinValue::Blob(b) => Value::Blob(b),
    }
}

impl Db for SpinDb {
    fn execute(&self, sql: &str, params: &[Value]) -> Result<Rows, StoreError> {
        let params: Vec<SpinValue> = params.iter().map(to_spin).collect();
        let result = self.0.execute(sql, &params).map_err(spin_error)?;
        Ok(Rows {
            columns: result.columns,
            rows: result.rows.into_iter().map(|r| Row(r.values.into_iter().map(from_spin).collect())).collect(),
        })
    }
}
