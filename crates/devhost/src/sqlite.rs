//! `fermyon:spin/sqlite@2.0.0` on a local SQLite file (`<state-dir>/sqlite_db.db`).

use crate::bindings::fermyon::spin::sqlite::{self, Error, HostConnection, QueryResult, RowResult, Value};
use crate::host::HostState;
use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::ValueRef;
use std::sync::{Arc, Mutex};
use wasmtime::component::Resource;

/// An open connection: one rusqlite connection per `connection.open`. Like Spin, every call runs on a tokio
/// blocking thread, so concurrent requests really run their statements in parallel and wait on SQLite's locks
/// (rusqlite's default busy handler) instead of queueing behind each other on the async workers.
pub struct Connection {
    conn: Arc<Mutex<rusqlite::Connection>>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Connection")
    }
}

fn io(e: impl std::fmt::Display) -> Error {
    Error::Io(e.to_string())
}

/// Runs `f` on a blocking thread, as Spin's SQLite host does for every call.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, Error> + Send + 'static) -> Result<T, Error> {
    tokio::task::spawn_blocking(f).await.map_err(io)?
}

impl sqlite::Host for HostState {}

impl HostConnection for HostState {
    async fn open(&mut self, database: String) -> Result<Resource<Connection>, Error> {
        if !self.component.sqlite_databases.contains(&database) {
            return Err(Error::AccessDenied);
        }
        if database != "default" {
            return Err(Error::NoSuchDatabase);
        }
        let path = self.app.state_dir.join("sqlite_db.db");
        let conn = blocking(move || {
            let conn = rusqlite::Connection::open(path).map_err(io)?;
            // Spin denies attaching other database files.
            conn.authorizer(Some(|ctx: AuthContext<'_>| match ctx.action {
                AuthAction::Attach { .. } => Authorization::Deny,
                _ => Authorization::Allow,
            }));
            Ok(conn)
        })
        .await?;
        self.table.push(Connection { conn: Arc::new(Mutex::new(conn)) }).map_err(|_| Error::DatabaseFull)
    }

    async fn execute(
        &mut self,
        connection: Resource<Connection>,
        statement: String,
        parameters: Vec<Value>,
    ) -> Result<QueryResult, Error> {
        let conn = self.table.get(&connection).map_err(|_| Error::InvalidConnection)?.conn.clone();
        self.app.sqlite_statements.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        blocking(move || {
            let conn = conn.lock().map_err(io)?;
            execute(&conn, &statement, parameters)
        })
        .await
    }

    async fn drop(&mut self, connection: Resource<Connection>) -> wasmtime::Result<()> {
        self.table.delete(connection)?;
        Ok(())
    }
}

fn execute(conn: &rusqlite::Connection, statement: &str, parameters: Vec<Value>) -> Result<QueryResult, Error> {
    let mut stmt = conn.prepare_cached(statement).map_err(io)?;
    let columns: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
    let params = parameters.into_iter().map(to_sql);
    let mut rows = stmt.query(rusqlite::params_from_iter(params)).map_err(io)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(io)? {
        let mut values = Vec::with_capacity(columns.len());
        for i in 0..columns.len() {
            values.push(from_sql(row.get_ref(i).map_err(io)?));
        }
        out.push(RowResult { values });
    }
    Ok(QueryResult { columns, rows: out })
}

fn to_sql(v: Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Integer(i) => V::Integer(i),
        Value::Real(f) => V::Real(f),
        Value::Text(s) => V::Text(s),
        Value::Blob(b) => V::Blob(b),
        Value::Null => V::Null,
    }
}

fn from_sql(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}
