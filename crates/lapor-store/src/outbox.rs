//! The outbox: messages to citizens (SMS, X replies) written in the same transaction as the change they
//! announce, and delivered later with retries by whoever drains it (the SMS webhook right away, the sweep on
//! every tick). A `dedupe_key` makes each cause produce at most one message.

use crate::db::{select, Db, StoreError, Value};
use crate::params;

/// Where a message goes: the one medium list (`lapor_core::notify::Medium`).
pub use lapor_core::notify::Medium;

/// A message to queue.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMessage<'a> {
    pub report_id: Option<i64>,
    pub channel: Medium,
    /// E.164 number (SMS) or the post id to reply to (X).
    pub recipient: &'a str,
    pub body: &'a str,
    /// One message per key: queuing the same key again does nothing.
    pub dedupe_key: &'a str,
    /// E-mail only: the subject.
    pub subject: Option<&'a str>,
    /// E-mail only: the report the sender links to (tracking page, unsubscribe page).
    pub tracking_id: Option<&'a str>,
    /// Time-critical (a recovery code, a set-password link): claimed before every other message of its channel.
    pub urgent: bool,
}

/// Queues a message for delivery now. Returns `false` when a message with the same key already exists.
pub fn enqueue(db: &dyn Db, m: &NewMessage, now: i64) -> Result<bool, StoreError> {
    Ok(enqueue_all(db, std::slice::from_ref(m), now)? == 1)
}

/// Queues several messages with one statement (a new report's acknowledgements on every channel). Returns how
/// many were new (a key already queued is skipped).
pub fn enqueue_all(db: &dyn Db, messages: &[NewMessage], now: i64) -> Result<usize, StoreError> {
    if messages.is_empty() {
        return Ok(0);
    }
    let mut sql = String::from(
        "INSERT INTO outbox (report_id, channel, recipient, body, dedupe_key, subject, tracking_id, \
         next_attempt_at, created_at, updated_at, priority) VALUES ",
    );
    let mut args: Vec<crate::db::Value> = Vec::with_capacity(messages.len() * 11);
    for (i, m) in messages.iter().enumerate() {
        sql.push_str(if i == 0 { "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" } else { ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" });
        args.extend_from_slice(params![
            m.report_id,
            m.channel.as_str(),
            m.recipient,
            m.body,
            m.dedupe_key,
            m.subject,
            m.tracking_id,
            now,
            now,
            now,
            i64::from(m.urgent)
        ]);
    }
    sql.push_str(" ON CONFLICT (dedupe_key) DO NOTHING RETURNING id");
    Ok(db.execute(&sql, &args)?.rows.len())
}

/// The reporter of `report_id` unsubscribed from e-mail: e-mails to them not yet sent are dropped (marked
/// failed, `unsubscribed`), so none goes out after the click. Returns how many.
pub fn cancel_pending_email(db: &dyn Db, report_id: i64, now: i64) -> Result<usize, StoreError> {
    let rows = db.execute(
        "UPDATE outbox SET status = 'failed', last_error = 'unsubscribed', claimed_until = NULL, updated_at = ? \
         WHERE report_id = ? AND channel = 'email' AND status = 'pending' RETURNING id",
        params![now, report_id],
    )?;
    Ok(rows.rows.len())
}

/// A message claimed for delivery: reserved for the claimer until its lease ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Claimed {
    pub id: i64,
    pub report_id: Option<i64>,
    pub recipient: String,
    pub body: String,
    /// Attempts including this one.
    pub attempts: i64,
    /// The claim's token: only its holder can record the outcome.
    pub token: String,
    /// An earlier attempt started at this time ended without a known outcome (the sender died, or the
    /// provider never answered): the message may already have gone out. Ask the provider before re-sending.
    pub in_doubt_since: Option<i64>,
    /// E-mail: the subject and the report its links point to.
    pub subject: Option<String>,
    pub tracking_id: Option<String>,
}

/// Claims up to `limit` due messages of `channel` in one statement, urgent ones first, then in turns per recipient
/// (every recipient's oldest message before anyone's second, so one contact's pile cannot starve the others), then
/// oldest first: pending ones whose time has come, and
/// claimed ones whose lease expired (the claimer died mid-send). Each gets status `sending`, the claim
/// `token` (unique per claim), a lease until `now + lease_secs` and one more attempt. A message whose lease
/// expired on its last allowed attempt is marked failed instead. Sent, delivered and failed messages are never
/// claimed.
pub fn claim_due(
    db: &dyn Db,
    channel: Medium,
    now: i64,
    lease_secs: i64,
    max_attempts: i64,
    limit: i64,
    token: &str,
) -> Result<Vec<Claimed>, StoreError> {
    db.execute(
        "UPDATE outbox SET status = 'failed', claimed_until = NULL, updated_at = ?, \
         last_error = coalesce(last_error, 'lease expired on the last attempt') \
         WHERE status = 'sending' AND claimed_until <= ? AND attempts >= ? AND channel = ?",
        params![now, now, max_attempts, channel.as_str()],
    )?;
    let rows = db.execute(
        "UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_until = ?, claim_token = ?, \
           in_doubt_since = coalesce(attempted_at, in_doubt_since), attempted_at = NULL, updated_at = ? \
         WHERE id IN (SELECT id FROM (SELECT id, priority, next_attempt_at, \
             row_number() OVER (PARTITION BY recipient ORDER BY priority DESC, next_attempt_at, id) AS turn \
           FROM outbox WHERE channel = ? AND \
           ((status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND claimed_until <= ?))) \
           ORDER BY priority DESC, turn, next_attempt_at, id LIMIT ?) \
         RETURNING id, report_id, recipient, body, attempts, in_doubt_since, subject, tracking_id, priority",
        params![now + lease_secs, token, now, channel.as_str(), now, now, limit],
    )?;
    let mut out: Vec<(i64, Claimed)> = rows
        .rows
        .iter()
        .map(|r| {
            (
                r.int(8),
                Claimed {
                    id: r.int(0),
                    report_id: r.opt_int(1),
                    recipient: r.text(2),
                    body: r.text(3),
                    attempts: r.int(4),
                    token: token.to_string(),
                    in_doubt_since: r.opt_int(5),
                    subject: r.opt_text(6),
                    tracking_id: r.opt_text(7),
                },
            )
        })
        .collect();
    // Sent in the order claimed: urgent first, then oldest first.
    out.sort_by_key(|(priority, c)| (std::cmp::Reverse(*priority), c.id));
    Ok(out.into_iter().map(|(_, c)| c).collect())
}

/// Right before the provider call: checks that the claim `token` still holds `id` and its lease has not ended
/// at `now`, and records that an attempt started (its outcome is unknown until settled). `false`: the claim
/// is lost (the lease ran out; someone else may hold it now), so do not send.
pub fn begin_attempt(db: &dyn Db, id: i64, token: &str, now: i64) -> Result<bool, StoreError> {
    let rows = db.execute(
        "UPDATE outbox SET attempted_at = ?, in_doubt_since = NULL, updated_at = ? \
         WHERE id = ? AND status = 'sending' AND claim_token = ? AND claimed_until > ? RETURNING id",
        params![now, now, id, token, now],
    )?;
    Ok(!rows.rows.is_empty())
}

/// The provider accepted a claimed message (or said it already had it): records its id. `false` if the claim
/// `token` no longer holds the message (someone else settles it).
pub fn mark_sent(db: &dyn Db, id: i64, token: &str, provider_id: &str, now: i64) -> Result<bool, StoreError> {
    settle_claimed(
        db,
        "status = 'sent', provider_id = ?, claimed_until = NULL, last_error = NULL, attempted_at = NULL, \
         in_doubt_since = NULL, updated_at = ?",
        params![provider_id, now],
        id,
        token,
    )
}

/// The provider that delivers a reply given in the webhook's own answer (TwiML `<Message>`) records it under
/// this provider id.
pub const INLINE: &str = "inline";

/// Takes the pending SMS keyed `dedupe_key` to be sent in the webhook's answer (TwiML `<Message>`, issue 23): marks it
/// sent by the provider itself ([`INLINE`]) and returns its body. With `redelivery` (the provider sent the same
/// inbound message again: our first answer may not have reached it), a reply already answered inline is returned
/// again, since the provider acts on one answer per message. One a drain has claimed or sent is never returned (it
/// goes out, or went out, once through the API). One statement.
pub fn take_inline(db: &dyn Db, dedupe_key: &str, redelivery: bool, now: i64) -> Result<Option<String>, StoreError> {
    Ok(db
        .query_row(
            "UPDATE outbox SET status = 'sent', provider_id = ?, updated_at = ? \
             WHERE dedupe_key = ? AND channel = 'sms' \
             AND (status = 'pending' OR (? AND status = 'sent' AND provider_id = ?)) RETURNING body",
            params![INLINE, now, dedupe_key, redelivery, INLINE],
        )?
        .map(|r| r.text(0).to_string()))
}

/// A claimed message failed for now: back to pending, due again at `at`. With `outcome_known` false (the
/// provider never answered) the attempt stays in doubt, so the next claim asks the provider first.
pub fn retry_at(
    db: &dyn Db,
    id: i64,
    token: &str,
    at: i64,
    error: &str,
    outcome_known: bool,
    now: i64,
) -> Result<bool, StoreError> {
    settle_claimed(
        db,
        "status = 'pending', next_attempt_at = ?, claimed_until = NULL, last_error = ?, \
         attempted_at = CASE WHEN ? THEN NULL ELSE attempted_at END, updated_at = ?",
        params![at, error, outcome_known, now],
        id,
        token,
    )
}

/// A claimed message will not be sent: marked failed (admins see it with its last error). `false` if the
/// claim `token` no longer holds it.
pub fn mark_failed(db: &dyn Db, id: i64, token: &str, error: &str, now: i64) -> Result<bool, StoreError> {
    settle_claimed(
        db,
        "status = 'failed', claimed_until = NULL, last_error = ?, updated_at = ?",
        params![error, now],
        id,
        token,
    )
}

/// Updates a message the claim `token` still holds (`set` is the `SET` clause, `values` its parameters);
/// `false` if the claim no longer holds it.
fn settle_claimed(db: &dyn Db, set: &str, values: &[Value], id: i64, token: &str) -> Result<bool, StoreError> {
    let mut all = values.to_vec();
    all.extend([Value::from(id), Value::from(token)]);
    let sql = format!("UPDATE outbox SET {set} WHERE id = ? AND status = 'sending' AND claim_token = ? RETURNING id");
    Ok(!db.execute(&sql, &all)?.rows.is_empty())
}

/// Applies a delivery receipt to the sent message with this provider id. Only moves forward: a receipt for
/// an unknown id, or for a message already settled by an earlier receipt, changes nothing (`false`).
pub fn apply_receipt(
    db: &dyn Db,
    provider_id: &str,
    receipt: lapor_core::delivery::Receipt,
    error: Option<&str>,
    now: i64,
) -> Result<bool, StoreError> {
    use lapor_core::delivery::Receipt;
    let (status, error) = match receipt {
        Receipt::Delivered => ("delivered", None),
        Receipt::Failed => ("failed", Some(error.unwrap_or("undelivered"))),
    };
    let rows = db.execute(
        "UPDATE outbox SET status = ?, last_error = coalesce(?, last_error), updated_at = ? \
         WHERE provider_id = ? AND status = 'sent' RETURNING id",
        params![status, error, now, provider_id],
    )?;
    Ok(!rows.rows.is_empty())
}

/// A queued message as stored, for admins and tests.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub id: i64,
    pub report_id: Option<i64>,
    pub channel: String,
    pub recipient: String,
    pub body: String,
    pub dedupe_key: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub provider_id: Option<String>,
    pub last_error: Option<String>,
}

const STORED_SELECT: &str = "SELECT id, report_id, channel, recipient, body, dedupe_key, status, attempts, \
     next_attempt_at, provider_id, last_error FROM outbox";

fn stored(r: &crate::db::Row) -> Stored {
    Stored {
        id: r.int(0),
        report_id: r.opt_int(1),
        channel: r.text(2),
        recipient: r.text(3),
        body: r.text(4),
        dedupe_key: r.opt_text(5),
        status: r.text(6),
        attempts: r.int(7),
        next_attempt_at: r.int(8),
        provider_id: r.opt_text(9),
        last_error: r.opt_text(10),
    }
}

/// Messages with `status` (e.g. `failed`), newest first.
pub fn with_status(db: &dyn Db, status: &str, limit: i64) -> Result<Vec<Stored>, StoreError> {
    let rows =
        db.execute(&format!("{STORED_SELECT} WHERE status = ? ORDER BY id DESC LIMIT ?"), params![status, limit])?;
    Ok(rows.rows.iter().map(stored).collect())
}

/// Every message, oldest first (tests and small admin views).
pub fn all(db: &dyn Db) -> Result<Vec<Stored>, StoreError> {
    select(db, &format!("{STORED_SELECT} ORDER BY id"), &[], stored)
}
