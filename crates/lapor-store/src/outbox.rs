//! The outbox: messages to citizens (SMS, X replies) written in the same transaction as the change they
//! announce, and delivered later with retries by whoever drains it (the SMS webhook right away, the sweep on
//! every tick). A `dedupe_key` makes each cause produce at most one message.

use crate::db::{Db, StoreError};
use crate::params;

/// Where a message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutChannel {
    /// An SMS to an E.164 number.
    Sms,
    /// A reply on X to a post id.
    X,
}

impl OutChannel {
    /// Wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            OutChannel::Sms => "sms",
            OutChannel::X => "x",
        }
    }
}

/// A message to queue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage<'a> {
    pub report_id: Option<i64>,
    pub channel: OutChannel,
    /// E.164 number (SMS) or the post id to reply to (X).
    pub recipient: &'a str,
    pub body: &'a str,
    /// One message per key: queuing the same key again does nothing.
    pub dedupe_key: &'a str,
}

/// Queues a message for delivery now. Returns `false` when a message with the same key already exists.
pub fn enqueue(db: &dyn Db, m: &NewMessage, now: i64) -> Result<bool, StoreError> {
    let rows = db.execute(
        "INSERT INTO outbox (report_id, channel, recipient, body, dedupe_key, next_attempt_at, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
        params![m.report_id, m.channel.as_str(), m.recipient, m.body, m.dedupe_key, now, now, now],
    )?;
    Ok(!rows.rows.is_empty())
}
