//! The [`Db`] trait and the value types shared by both SQLite implementations.

use std::fmt;

/// A SQLite value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// `From` for each Rust type a parameter can be given as: the value it becomes.
macro_rules! value_from {
    ($($t:ty => |$v:ident| $e:expr),* $(,)?) => {
        $(impl From<$t> for Value {
            fn from($v: $t) -> Self {
                $e
            }
        })*
    };
}

value_from! {
    i64 => |v| Value::Integer(v),
    f64 => |v| Value::Real(v),
    &str => |v| Value::Text(v.to_string()),
    String => |v| Value::Text(v),
    &String => |v| Value::Text(v.clone()),
    bool => |v| Value::Integer(v as i64),
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// One result row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row(pub Vec<Value>);

impl Row {
    /// Integer column `i` (0 when NULL or not an integer).
    pub fn int(&self, i: usize) -> i64 {
        self.opt_int(i).unwrap_or(0)
    }

    /// Integer column `i`, `None` when NULL.
    pub fn opt_int(&self, i: usize) -> Option<i64> {
        match self.0.get(i) {
            Some(Value::Integer(v)) => Some(*v),
            Some(Value::Real(v)) => Some(*v as i64),
            _ => None,
        }
    }

    /// Real column `i`, `None` when NULL.
    pub fn opt_real(&self, i: usize) -> Option<f64> {
        match self.0.get(i) {
            Some(Value::Real(v)) => Some(*v),
            Some(Value::Integer(v)) => Some(*v as f64),
            _ => None,
        }
    }

    /// Text column `i` ("" when NULL).
    pub fn text(&self, i: usize) -> String {
        self.opt_text(i).unwrap_or_default()
    }

    /// Text column `i`, `None` when NULL.
    pub fn opt_text(&self, i: usize) -> Option<String> {
        match self.0.get(i) {
            Some(Value::Text(v)) => Some(v.clone()),
            Some(Value::Integer(v)) => Some(v.to_string()),
            _ => None,
        }
    }
}

impl Row {
    /// Status column `i`; a value this build does not know reads as `received` (back in the queue).
    pub fn status(&self, i: usize) -> lapor_core::Status {
        lapor_core::Status::parse(&self.text(i)).unwrap_or(lapor_core::Status::Received)
    }

    /// Visibility column `i`; a value this build does not know reads as `confidential` (shown to nobody).
    pub fn visibility(&self, i: usize) -> lapor_core::Visibility {
        lapor_core::Visibility::parse(&self.text(i)).unwrap_or(lapor_core::Visibility::Confidential)
    }
}

/// A query's result.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

impl Rows {
    /// The first row, if any.
    pub fn first(&self) -> Option<&Row> {
        self.rows.first()
    }
}

/// Runs a query and reads each row with `read` (a module's one `fn` for the columns its SELECT lists).
pub fn select<T>(db: &dyn Db, sql: &str, params: &[Value], read: fn(&Row) -> T) -> Result<Vec<T>, StoreError> {
    Ok(db.execute(sql, params)?.rows.iter().map(read).collect())
}

/// Why a statement failed.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// A UNIQUE / PRIMARY KEY constraint refused the write (message names the constraint).
    Unique(String),
    /// Another constraint (CHECK, NOT NULL, FOREIGN KEY, trigger RAISE) refused the write.
    Constraint(String),
    /// The database stayed locked by another writer past the busy timeout.
    Busy(String),
    /// Anything else.
    Other(String),
}

impl StoreError {
    /// Classifies a SQLite error message (both implementations report SQLite's own text).
    pub fn from_message(msg: String) -> Self {
        if msg.contains("UNIQUE constraint failed") {
            StoreError::Unique(msg)
        } else if msg.contains("constraint failed") || msg.contains("append-only") {
            StoreError::Constraint(msg)
        } else if msg.contains("database is locked") || msg.contains("database is busy") {
            StoreError::Busy(msg)
        } else {
            StoreError::Other(msg)
        }
    }

    /// Whether a UNIQUE constraint on the named column (e.g. `reports.tracking_id`) refused the write.
    pub fn is_unique_on(&self, column: &str) -> bool {
        matches!(self, StoreError::Unique(m) if m.contains(column))
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unique(m) | StoreError::Constraint(m) | StoreError::Busy(m) | StoreError::Other(m) => {
                f.write_str(m)
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// A SQLite connection: one statement per call, `?` parameters only.
pub trait Db {
    /// Runs one statement and returns its rows (empty for writes).
    fn execute(&self, sql: &str, params: &[Value]) -> Result<Rows, StoreError>;

    /// Rowid of the last insert on this connection.
    fn last_insert_rowid(&self) -> Result<i64, StoreError> {
        Ok(self.execute("SELECT last_insert_rowid()", &[])?.first().map_or(0, |r| r.int(0)))
    }

    /// Runs a query expected to return at most one row.
    fn query_row(&self, sql: &str, params: &[Value]) -> Result<Option<Row>, StoreError> {
        Ok(self.execute(sql, params)?.rows.into_iter().next())
    }

    /// Whether this connection is inside [`transaction`] (then a nested use-case joins it).
    fn in_transaction(&self) -> bool {
        false
    }
}

/// The connection as [`transaction`] hands it to its closure.
struct InTransaction<'a>(&'a dyn Db);

impl Db for InTransaction<'_> {
    fn execute(&self, sql: &str, params: &[Value]) -> Result<Rows, StoreError> {
        self.0.execute(sql, params)
    }

    fn last_insert_rowid(&self) -> Result<i64, StoreError> {
        self.0.last_insert_rowid()
    }

    fn in_transaction(&self) -> bool {
        true
    }
}

/// `n` SQL placeholders for an `IN (...)` list: `?, ?, ?`.
pub fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// Runs `f` in one write transaction (`BEGIN IMMEDIATE`): all of it commits, or none of it does. The one way
/// to run a use-case: called inside another use-case's transaction, it joins that transaction (the outer one
/// commits or rolls back everything).
pub fn transaction<T, E: From<StoreError>>(db: &dyn Db, f: impl FnOnce(&dyn Db) -> Result<T, E>) -> Result<T, E> {
    if db.in_transaction() {
        return f(db);
    }
    db.execute("BEGIN IMMEDIATE", &[])?;
    let tx = InTransaction(db);
    match f(&tx) {
        Ok(v) => match db.execute("COMMIT", &[]) {
            Ok(_) => Ok(v),
            Err(e) => {
                let _ = db.execute("ROLLBACK", &[]);
                Err(e.into())
            }
        },
        Err(e) => {
            let _ = db.execute("ROLLBACK", &[]);
            Err(e)
        }
    }
}

/// Shorthand for building a parameter list: `params![a, b, c]`.
#[macro_export]
macro_rules! params {
    ($($v:expr),* $(,)?) => { &[$($crate::Value::from($v)),*] };
}
