//! A report's thread: messages from the citizen after the report was made.

use lapor_core::Channel;

use crate::db::{Db, StoreError};
use crate::params;
use crate::reports::{add_event, NewEvent};

/// Adds the citizen's `text` to the public thread of `report_id` (event kind `reply`, actor `citizen`) and
/// touches the report. Call it inside the caller's transaction. Returns the event id.
pub fn citizen_reply(db: &dyn Db, report_id: i64, text: &str, channel: Channel, now: i64) -> Result<i64, StoreError> {
    let event_id = add_event(
        db,
        &NewEvent {
            report_id,
            at: now,
            actor: "citizen",
            role: None,
            channel: Some(channel),
            kind: "reply",
            from_status: None,
            to_status: None,
            body: Some(text),
            public: true,
        },
    )?;
    db.execute("UPDATE reports SET updated_at = ? WHERE id = ?", params![now, report_id])?;
    Ok(event_id)
}
