//! Inbound provider messages (SMS), each handled exactly once: the `inbound_messages` row, the report or
//! thread reply it makes and the reply SMS it queues are written in one transaction, and a second delivery
//! of the same message id finds the row and changes nothing. The reply's outbox key derives from the
//! message id, so it is queued once too.

use lapor_core::report::ValidReport;
use lapor_core::{messages, Channel, TrackingId};

use crate::action::ActionError;
use crate::db::{transaction, Db, StoreError};
use crate::outbox::{self, NewMessage, OutChannel};
use crate::reports::{self, Created};
use crate::{params, thread, workflow};

/// The SMS provider's name in `inbound_messages`.
pub const TWILIO: &str = "twilio";

/// What handling an inbound message did.
#[derive(Debug, Clone, PartialEq)]
pub enum Handled {
    /// A new report was stored.
    Report(Created),
    /// The text joined the thread of this report.
    Reply { report_id: i64 },
    /// Nothing stored but the inbound record and a notice to the sender (format help, refusal, rate limit).
    Notice,
    /// This message id was handled before: nothing changed.
    Duplicate,
}

/// Why a message got only a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Help,
    Refused,
    RateLimited,
}

impl NoticeKind {
    fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Help => "help",
            NoticeKind::Refused => "refused",
            NoticeKind::RateLimited => "rate_limited",
        }
    }
}

/// Whether this message id was already handled (a fast path; the primary key is the real guard).
pub fn seen(db: &dyn Db, provider: &str, message_sid: &str) -> Result<bool, StoreError> {
    Ok(db
        .query_row(
            "SELECT 1 FROM inbound_messages WHERE provider = ? AND message_sid = ?",
            params![provider, message_sid],
        )?
        .is_some())
}

/// Records the message; `false` when it was already recorded.
fn record(db: &dyn Db, provider: &str, sid: &str, kind: &str, now: i64) -> Result<bool, StoreError> {
    let rows = db.execute(
        "INSERT INTO inbound_messages (provider, message_sid, kind, received_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (provider, message_sid) DO NOTHING RETURNING 1",
        params![provider, sid, kind, now],
    )?;
    Ok(!rows.rows.is_empty())
}

fn link(db: &dyn Db, provider: &str, sid: &str, report_id: i64) -> Result<(), StoreError> {
    db.execute(
        "UPDATE inbound_messages SET report_id = ? WHERE provider = ? AND message_sid = ?",
        params![report_id, provider, sid],
    )?;
    Ok(())
}

/// The outbox key of the one reply to an inbound message.
pub fn reply_key(provider: &str, sid: &str) -> String {
    format!("in:{provider}:{sid}")
}

fn sms(db: &dyn Db, report_id: Option<i64>, to: &str, body: &str, key: &str, now: i64) -> Result<bool, StoreError> {
    let body = messages::truncate(body, messages::SMS_MAX);
    outbox::enqueue(
        db,
        &NewMessage { report_id, channel: OutChannel::Sms, recipient: to, body: &body, dedupe_key: key },
        now,
    )
}

/// Stores an SMS report (`source_ref` = the message id) and queues the SMS with its tracking ID.
pub fn sms_report(
    db: &dyn Db,
    provider: &str,
    sid: &str,
    report: &ValidReport,
    new_id: &mut dyn FnMut() -> TrackingId,
    now: i64,
) -> Result<Handled, StoreError> {
    let phone = report.reporter.phone.clone().unwrap_or_default();
    let cal = reports::calendar(db)?; // read before the write lock is taken
    transaction(db, |db| {
        if !record(db, provider, sid, "report", now)? {
            return Ok(Handled::Duplicate);
        }
        let row = reports::NewRow { report, token_hash: None, source_ref: Some(sid), evidence: &[] };
        let created = reports::insert_new(db, &row, &cal, new_id, now)?;
        link(db, provider, sid, created.id)?;
        let text = messages::received(created.tracking_id.as_str());
        sms(db, Some(created.id), &phone, &text, &reply_key(provider, sid), now)?;
        Ok(Handled::Report(created))
    })
}

/// What a message about an existing report asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp<'a> {
    /// Words for the thread (after completion they reopen the report: not resolved after all).
    Reply(&'a str),
    /// `SELESAI`: the reporter accepts the answer.
    Accept,
}

/// A message starting with `tracking_id` from `phone`: when the report is that number's own, a reply joins
/// the thread (through the same workflow as the web) and `SELESAI` accepts the answer (an accept before any
/// answer is kept as a reply); otherwise the sender is told politely that the ID is not theirs. Either way one
/// SMS answers it.
pub fn sms_reply(
    db: &dyn Db,
    provider: &str,
    sid: &str,
    phone: &str,
    tracking_id: &TrackingId,
    follow_up: FollowUp,
    now: i64,
) -> Result<Handled, StoreError> {
    transaction(db, |db| {
        let own = db.query_row(
            "SELECT r.id FROM reports r JOIN reporters p ON p.report_id = r.id WHERE r.tracking_id = ? AND p.phone = ?",
            params![tracking_id.as_str(), phone],
        )?;
        let key = reply_key(provider, sid);
        let Some(row) = own else {
            if !record(db, provider, sid, NoticeKind::Refused.as_str(), now)? {
                return Ok(Handled::Duplicate);
            }
            sms(db, None, phone, &messages::sms_unknown_tracking_id(), &key, now)?;
            return Ok(Handled::Notice);
        };
        let report_id = row.int(0);
        if !record(db, provider, sid, "reply", now)? {
            return Ok(Handled::Duplicate);
        }
        link(db, provider, sid, report_id)?;
        let accepted = match follow_up {
            FollowUp::Accept => settle(workflow::citizen_accept(db, report_id, Channel::Sms, now))?,
            FollowUp::Reply(_) => false,
        };
        if !accepted {
            let text = match follow_up {
                FollowUp::Reply(t) => t,
                FollowUp::Accept => "SELESAI",
            };
            // A closed report (rejected, merged) still keeps the citizen's words in its thread.
            if !settle(workflow::citizen_reply(db, report_id, Channel::Sms, text, now).map(|_| ()))? {
                thread::citizen_reply(db, report_id, text, Channel::Sms, now)?;
            }
        }
        let ack = if accepted {
            messages::accepted(tracking_id.as_str())
        } else {
            messages::reply_received(tracking_id.as_str())
        };
        sms(db, Some(report_id), phone, &ack, &key, now)?;
        Ok(Handled::Reply { report_id })
    })
}

/// Whether a workflow action was done (`false` when the report's state refused it); store errors pass on.
fn settle(result: Result<(), ActionError>) -> Result<bool, StoreError> {
    match result {
        Ok(()) => Ok(true),
        Err(ActionError::Store(e)) => Err(e),
        Err(_) => Ok(false),
    }
}

/// A notice to the sender of a message that makes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice<'a> {
    pub kind: NoticeKind,
    pub body: &'a str,
    /// The reply key of the message, or a shared key such as one per rate-limit window so that only one
    /// notice goes out.
    pub dedupe_key: &'a str,
}

/// Records a message that makes nothing and queues the notice to the sender.
pub fn sms_notice(
    db: &dyn Db,
    provider: &str,
    sid: &str,
    phone: &str,
    notice: &Notice,
    now: i64,
) -> Result<Handled, StoreError> {
    transaction(db, |db| {
        if !record(db, provider, sid, notice.kind.as_str(), now)? {
            return Ok(Handled::Duplicate);
        }
        sms(db, None, phone, notice.body, notice.dedupe_key, now)?;
        Ok(Handled::Notice)
    })
}
