//! Inbound provider messages (SMS), each handled exactly once: the `inbound_messages` row, the report or
//! thread reply it makes and the reply SMS it queues are written in one transaction, and a second delivery
//! of the same message id finds the row and changes nothing. The reply's outbox key derives from the
//! message id, so it is queued once too.

use lapor_core::report::ValidReport;
use lapor_core::{messages, Channel, TrackingId};

use crate::action::ActionError;
use crate::db::{transaction, Db, StoreError};
use crate::outbox::{self, Medium, NewMessage};
use crate::reports::{self, Created};
use crate::{params, thread, workflow};

/// The SMS provider's name in `inbound_messages`.
pub const TWILIO: &str = "twilio";
/// X's name in `inbound_messages` (posts that joined a report's thread, issue 16).
pub const X: &str = "x";

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

/// What a webhook reads first about an inbound message: what any filing reads first
/// ([`reports::IntakeStart`]) and whether the message was seen before ([`seen`], in the same statement).
#[derive(Debug, Clone)]
pub struct Start {
    pub intake: reports::IntakeStart,
    pub seen: bool,
}

/// Reads [`Start`] with the schema version (for `lapor_spin::db_then`), in one statement.
pub fn start(db: &dyn Db, provider: &str, message_sid: &str) -> Result<(u32, Start), StoreError> {
    let seen = ", EXISTS (SELECT 1 FROM inbound_messages WHERE provider = ? AND message_sid = ?)";
    let (version, intake, rows) = reports::intake_start_with(db, seen, params![provider, message_sid])?;
    let seen = rows.first().is_some_and(|r| r.int(3) == 1);
    Ok((version, Start { intake, seen }))
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
        &NewMessage {
            report_id,
            channel: Medium::Sms,
            recipient: to,
            body: &body,
            dedupe_key: key,
            subject: None,
            tracking_id: None,
            urgent: false,
        },
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
    let cal = reports::calendar(db)?; // read before the write lock is taken
    sms_report_with(db, provider, sid, report, &cal, new_id, now)
}

/// [`sms_report`] with the holiday calendar already read (`cal`, e.g. by [`start`]).
pub fn sms_report_with(
    db: &dyn Db,
    provider: &str,
    sid: &str,
    report: &ValidReport,
    cal: &lapor_core::sla::Calendar,
    new_id: &mut dyn FnMut() -> TrackingId,
    now: i64,
) -> Result<Handled, StoreError> {
    let phone = report.reporter.phone.clone().unwrap_or_default();
    transaction(db, |db| {
        if !record(db, provider, sid, "report", now)? {
            return Ok(Handled::Duplicate);
        }
        let row = reports::NewRow { report, token_hash: None, source_ref: Some(sid), evidence: &[], withheld: &[] };
        let created = reports::insert_new(db, &row, cal, new_id, now)?;
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
        let ack = follow_up_on(db, report_id, tracking_id, follow_up, Channel::Sms, now)?;
        sms(db, Some(report_id), phone, &ack, &key, now)?;
        Ok(Handled::Reply { report_id })
    })
}

/// Whether a workflow action was done (`false` when the report's state refused it); store errors pass on.
/// A reporter's message on their report's thread, from any channel: `SELESAI` accepts the answer where the
/// report allows it, anything else joins the thread (a closed report, rejected or merged, still keeps the
/// citizen's words). Returns the acknowledgement to send back.
fn follow_up_on(
    db: &dyn Db,
    report_id: i64,
    tracking_id: &TrackingId,
    follow_up: FollowUp,
    channel: Channel,
    now: i64,
) -> Result<String, StoreError> {
    let accepted = match follow_up {
        FollowUp::Accept => settle(workflow::citizen_accept(db, report_id, channel, now))?,
        FollowUp::Reply(_) => false,
    };
    if !accepted {
        let text = match follow_up {
            FollowUp::Reply(t) => t,
            FollowUp::Accept => "SELESAI",
        };
        if !settle(workflow::citizen_reply(db, report_id, channel, text, now).map(|_| ()))? {
            thread::citizen_reply(db, report_id, text, channel, now)?;
        }
    }
    Ok(if accepted { messages::accepted(tracking_id.as_str()) } else { messages::reply_received(tracking_id.as_str()) })
}

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

/// A report's thread on X and who owns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XThread {
    pub report_id: i64,
    pub tracking_id: TrackingId,
    /// X's user id of the reporter, when recorded.
    pub user_id: Option<String>,
    /// The reporter's handle.
    pub handle: Option<String>,
}

/// The report whose X thread holds one of `parents` (post ids): the post a report came from, one of our replies
/// on it (the outbox's provider id), or a reply of the reporter's that joined it.
pub fn x_thread(db: &dyn Db, parents: &[&str]) -> Result<Option<XThread>, StoreError> {
    for parent in parents {
        let row = db.query_row(
            "SELECT r.id, r.tracking_id, p.x_user_id, p.handle FROM reports r JOIN reporters p ON p.report_id = r.id \
             WHERE r.channel = 'x' AND r.id = coalesce( \
               (SELECT id FROM reports WHERE channel = 'x' AND source_ref = ?1), \
               (SELECT report_id FROM outbox WHERE provider_id = ?1 AND channel = 'x' AND report_id IS NOT NULL LIMIT 1), \
               (SELECT report_id FROM inbound_messages WHERE provider = 'x' AND message_sid = ?1))",
            params![*parent],
        )?;
        if let Some(r) = row {
            if let Some(tid) = TrackingId::parse(&r.text(1)) {
                return Ok(Some(XThread {
                    report_id: r.int(0),
                    tracking_id: tid,
                    user_id: r.opt_text(2),
                    handle: r.opt_text(3),
                }));
            }
        }
    }
    Ok(None)
}

/// The reporter's own post in the thread of `report_id` (post `post_id`): joins it as a citizen reply through the
/// same workflow as an SMS `#ID <pesan>`, or accepts the answer (`SELESAI`), and queues one reply to the post.
/// Each post is handled once, however often it is seen (webhook and polling).
pub fn x_reply(
    db: &dyn Db,
    post_id: &str,
    report_id: i64,
    tracking_id: &TrackingId,
    follow_up: FollowUp,
    now: i64,
) -> Result<Handled, StoreError> {
    transaction(db, |db| {
        if !record(db, X, post_id, "reply", now)? {
            return Ok(Handled::Duplicate);
        }
        link(db, X, post_id, report_id)?;
        let ack = follow_up_on(db, report_id, tracking_id, follow_up, Channel::X, now)?;
        let body = messages::truncate(&ack, messages::X_MAX);
        let key = reply_key(X, post_id);
        outbox::enqueue(
            db,
            &NewMessage {
                report_id: Some(report_id),
                channel: Medium::X,
                recipient: post_id,
                body: &body,
                dedupe_key: &key,
                subject: None,
                tracking_id: None,
                urgent: false,
            },
            now,
        )?;
        Ok(Handled::Reply { report_id })
    })
}

/// Whether this post was already handled as a thread reply.
pub fn x_seen(db: &dyn Db, post_id: &str) -> Result<bool, StoreError> {
    seen(db, X, post_id)
}

/// Records X's user id of the author of the post report `report_id` came from (its thread's owner).
pub fn x_author(db: &dyn Db, report_id: i64, user_id: &str) -> Result<(), StoreError> {
    db.execute("UPDATE reporters SET x_user_id = ? WHERE report_id = ?", params![user_id, report_id])?;
    Ok(())
}
