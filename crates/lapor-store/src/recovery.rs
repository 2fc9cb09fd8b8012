//! Recovering a lost reporter code (issue 16; rules in `lapor_core::recovery`): the code is stored hashed with the
//! SMS that carries it, in one transaction; a right code replaces the report's reporter-token hash (the old code
//! stops working) and is forgotten; a wrong one counts.

use lapor_core::recovery::{self, Stored, Verdict};

use crate::db::{transaction, Db, StoreError};
use crate::outbox::{self, Medium, NewMessage};
use crate::params;

/// Stores a new code for the report `tracking_id` (replacing any earlier one) and queues the SMS `text(code)` to
/// the phone on the report. `None`: no such report, or no phone on it (nothing stored, nothing sent).
pub fn request(
    db: &dyn Db,
    tracking_id: &str,
    salt: &str,
    code: &str,
    text: &str,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    transaction(db, |db| {
        let Some(row) = db.query_row(
            "SELECT r.id, p.phone FROM reports r JOIN reporters p ON p.report_id = r.id \
             WHERE r.tracking_id = ? AND p.phone IS NOT NULL AND p.phone != ''",
            params![tracking_id],
        )?
        else {
            return Ok(None);
        };
        let (report_id, phone) = (row.int(0), row.text(1));
        db.execute(
            "INSERT INTO reporter_recovery (report_id, salt, code_hash, expires_at, tries, requested_at) \
             VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (report_id) DO UPDATE SET salt = excluded.salt, \
             code_hash = excluded.code_hash, expires_at = excluded.expires_at, tries = 0, \
             requested_at = excluded.requested_at",
            params![report_id, salt, recovery::code_hash(salt, code), now + recovery::CODE_TTL_SECS, now],
        )?;
        let key = format!("recovery:{report_id}:{salt}");
        outbox::enqueue(
            db,
            &NewMessage {
                report_id: Some(report_id),
                channel: Medium::Sms,
                recipient: &phone,
                body: text,
                dedupe_key: &key,
                subject: None,
                tracking_id: None,
                urgent: true,
            },
            now,
        )?;
        Ok(Some(report_id))
    })
}

/// Tries `given` for the report `tracking_id`. On [`Verdict::Valid`] the report's reporter token becomes
/// `new_token_hash` and the code is forgotten; a wrong try counts, and a dead code is forgotten.
pub fn verify(
    db: &dyn Db,
    tracking_id: &str,
    given: &str,
    new_token_hash: &str,
    now: i64,
) -> Result<Verdict, StoreError> {
    transaction(db, |db| {
        let row = db.query_row(
            "SELECT c.report_id, c.salt, c.code_hash, c.expires_at, c.tries FROM reporter_recovery c \
             JOIN reports r ON r.id = c.report_id WHERE r.tracking_id = ?",
            params![tracking_id],
        )?;
        let report_id = row.as_ref().map(|r| r.int(0));
        let stored = row.map(|r| Stored { salt: r.text(1), hash: r.text(2), expires_at: r.int(3), tries: r.int(4) });
        let verdict = recovery::check(stored.as_ref(), given, now);
        let Some(report_id) = report_id else { return Ok(verdict) };
        match verdict {
            Verdict::Valid => {
                db.execute(
                    "UPDATE reports SET reporter_token_hash = ? WHERE id = ?",
                    params![new_token_hash, report_id],
                )?;
                db.execute("DELETE FROM reporter_recovery WHERE report_id = ?", params![report_id])?;
            }
            Verdict::Wrong { .. } => {
                db.execute("UPDATE reporter_recovery SET tries = tries + 1 WHERE report_id = ?", params![report_id])?;
            }
            Verdict::Dead => {
                db.execute("DELETE FROM reporter_recovery WHERE report_id = ?", params![report_id])?;
            }
        }
        Ok(verdict)
    })
}
