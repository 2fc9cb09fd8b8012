//! A report's status changes: the life cycle checked by `lapor_core::workflow::change`, the history entry, the
//! SLA timers of the new status ([`crate::timers`]) and the reporter told when the colour changes
//! ([`crate::notify`]). Call [`transition`] inside the caller's transaction, with the other writes of the action.

use lapor_core::workflow::{self, Refusal};
use lapor_core::Status;

use crate::db::{Db, StoreError};
use crate::params;
use crate::reports::{add_event, Actor, NewEvent};

/// Why a transition was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum TransitionError {
    /// No such report.
    NotFound,
    /// The life cycle does not allow it from the current status (message says why).
    NotAllowed(String),
    Store(StoreError),
}

impl From<StoreError> for TransitionError {
    fn from(e: StoreError) -> Self {
        TransitionError::Store(e)
    }
}

impl From<Refusal> for TransitionError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Conflict(m) => TransitionError::NotAllowed(m),
            Refusal::Invalid(_, _, m) => TransitionError::NotAllowed(m.to_string()),
        }
    }
}

/// Moves a report to `to`, checking the life cycle, recording the event (with `body` when given), setting the
/// new status's timers and telling the reporter when the colour changes. Returns the status it moved from.
pub fn transition(
    db: &dyn Db,
    report_id: i64,
    to: Status,
    actor: &Actor,
    body: Option<&str>,
    public: bool,
    now: i64,
) -> Result<Status, TransitionError> {
    let row = db
        .query_row("SELECT status, tracking_id FROM reports WHERE id = ?", params![report_id])?
        .ok_or(TransitionError::NotFound)?;
    let from = Status::parse(&row.text(0)).ok_or_else(|| TransitionError::NotAllowed("unknown status".into()))?;
    let change = workflow::change(from, to)?;
    db.execute(
        "UPDATE reports SET status = ?, updated_at = ?, \
         verified_at = CASE WHEN ? THEN COALESCE(verified_at, ?) ELSE verified_at END WHERE id = ? AND status = ?",
        params![to.as_str(), now, to.passes_verification(), now, report_id, from.as_str()],
    )?;
    let event_id = add_event(
        db,
        &NewEvent {
            report_id,
            at: now,
            actor: actor.id,
            role: actor.role,
            channel: actor.channel,
            kind: "status",
            from_status: Some(from),
            to_status: Some(to),
            body,
            public,
        },
    )?;
    if change.tell_reporter {
        crate::notify::status_changed(db, report_id, &row.text(1), to, event_id, now)?;
    }
    crate::timers::apply(db, report_id, change.timers, now)?;
    Ok(from)
}
