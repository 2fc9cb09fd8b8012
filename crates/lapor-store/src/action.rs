//! The error of a staff or citizen action: why the store refused it.

use crate::db::{Db, Row, StoreError, Value};
use crate::lifecycle::TransitionError;
use lapor_core::workflow::Refusal;

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionError {
    /// A thing named in the request (report, account, OPD, …) does not exist (or not for this caller).
    NotFound(&'static str),
    /// The action does not fit the current state (message says why).
    Conflict(String),
    /// An input breaks a rule: (field, code, message).
    Invalid(&'static str, &'static str, String),
    Store(StoreError),
}

impl From<StoreError> for ActionError {
    fn from(e: StoreError) -> Self {
        ActionError::Store(e)
    }
}

impl From<TransitionError> for ActionError {
    fn from(e: TransitionError) -> Self {
        match e {
            TransitionError::NotFound => ActionError::NotFound("report"),
            TransitionError::NotAllowed(m) => ActionError::Conflict(m),
            TransitionError::Store(s) => ActionError::Store(s),
        }
    }
}

impl From<Refusal> for ActionError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Conflict(m) => ActionError::Conflict(m),
            Refusal::Invalid(field, code, m) => ActionError::Invalid(field, code, m.to_string()),
        }
    }
}

/// Runs a statement that must touch one row (`UPDATE … RETURNING`): the row it returned, or `NotFound(what)`.
pub(crate) fn touched(db: &dyn Db, sql: &str, params: &[Value], what: &'static str) -> Result<Row, ActionError> {
    db.query_row(sql, params)?.ok_or(ActionError::NotFound(what))
}
