//! [`Db`] on Spin's SQLite (`fermyon:spin/sqlite@2.0.0`), used inside the components.

use std::cell::Cell;

use spin_sdk::sqlite::{Connection, Error, Value as SpinValue};

use crate::busy::{self, Backoff};
use crate::db::{Db, Row, Rows, StoreError, Value};

/// A connection to one of the app's Spin SQLite databases.
pub struct SpinDb {
    conn: Connection,
    /// Whether SQLite's sleeping busy handler is off on this connection ([`busy`]).
    handler_off: Cell<bool>,
}

impl SpinDb {
    /// Opens the `default` database declared in spin.toml.
    pub fn open_default() -> Result<Self, StoreError> {
        let conn = Connection::open_default().map_err(spin_error)?;
        Ok(SpinDb { conn, handler_off: Cell::new(false) })
    }

    fn run(&self, sql: &str, params: &[SpinValue]) -> Result<Rows, StoreError> {
        let result = self.conn.execute(sql, params).map_err(spin_error)?;
        Ok(Rows {
            columns: result.columns,
            rows: result.rows.into_iter().map(|r| Row(r.values.into_iter().map(from_spin).collect())).collect(),
        })
    }
}

/// Waits `us` microseconds (the host suspends this request; no thread sleeps).
fn pause(us: u64) {
    wasi::clocks::monotonic_clock::subscribe_duration(us * 1000).block();
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
    /// Runs `sql`; before the connection's first write it turns SQLite's sleeping busy handler off, and a
    /// statement refused for the write lock is tried again after [`Backoff`]'s short waits.
    fn execute(&self, sql: &str, params: &[Value]) -> Result<Rows, StoreError> {
        if !self.handler_off.get() && busy::may_write(sql) {
            self.run(busy::HANDLER_OFF, &[])?;
            self.handler_off.set(true);
        }
        let params: Vec<SpinValue> = params.iter().map(to_spin).collect();
        let mut backoff = Backoff::default();
        loop {
            match self.run(sql, &params) {
                Err(StoreError::Busy(m)) => match backoff.next_wait(wasi::clocks::monotonic_clock::now()) {
                    Some(us) => pause(us),
                    None => return Err(StoreError::Busy(m)),
                },
                done => return done,
            }
        }
    }
}
