//! Telling the citizen: turns a change of a report into outbox messages on the channel the report came
//! from (SMS to the reporter's phone, a reply to the X post; an offline complaint by SMS when a phone was given).
//! Web reporters follow their tracking page.

use lapor_core::{messages, Status};

use crate::db::{Db, StoreError};
use crate::outbox::{self, NewMessage, OutChannel};
use crate::params;

/// Where the reporter of a report can be reached, if anywhere: channel, recipient, message size limit.
pub fn reporter_address(db: &dyn Db, report_id: i64) -> Result<Option<(OutChannel, String, usize)>, StoreError> {
    let Some(row) = db.query_row(
        "SELECT r.channel, r.source_ref, p.phone FROM reports r LEFT JOIN reporters p ON p.report_id = r.id WHERE r.id = ?",
        params![report_id],
    )?
    else {
        return Ok(None);
    };
    Ok(match (row.text(0).as_str(), row.opt_text(1), row.opt_text(2)) {
        // An offline complaint (letter, desk, phone) with a phone number follows by SMS like an SMS report.
        ("sms" | "offline", _, Some(phone)) => Some((OutChannel::Sms, phone, messages::SMS_MAX)),
        ("x", Some(post_id), _) => Some((OutChannel::X, post_id, messages::X_MAX)),
        _ => None,
    })
}

/// Queues `body` for the reporter of `report_id` (if reachable), once per `dedupe_key`.
pub fn tell_reporter(
    db: &dyn Db,
    report_id: i64,
    body: impl FnOnce(usize) -> String,
    dedupe_key: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let Some((channel, recipient, max)) = reporter_address(db, report_id)? else { return Ok(false) };
    let text = messages::truncate(&body(max), max);
    outbox::enqueue(
        db,
        &NewMessage { report_id: Some(report_id), channel, recipient: &recipient, body: &text, dedupe_key },
        now,
    )
}

/// Tells the reporter (and the reporters of its duplicates) the report's new colour, when
/// `lapor_core::workflow::change` says a status change is told. `event_id` (the history entry of the change)
/// makes the message unique to this change.
pub fn status_changed(
    db: &dyn Db,
    report_id: i64,
    tracking_id: &str,
    to: Status,
    event_id: i64,
    now: i64,
) -> Result<(), StoreError> {
    let key = format!("color:{report_id}:{event_id}");
    tell_reporter(db, report_id, |_| messages::color_changed(tracking_id, to.color()), &key, now)?;
    for (dup_id, dup_tid) in followers(db, report_id)? {
        let key = format!("color:{dup_id}:{event_id}");
        tell_reporter(db, dup_id, |_| messages::color_changed(&dup_tid, to.color()), &key, now)?;
    }
    Ok(())
}

/// Reports merged into `report_id` as duplicates (id, tracking ID): their reporters follow it.
pub fn followers(db: &dyn Db, report_id: i64) -> Result<Vec<(i64, String)>, StoreError> {
    let rows =
        db.execute("SELECT id, tracking_id FROM reports WHERE duplicate_of = ? ORDER BY id", params![report_id])?;
    Ok(rows.rows.iter().map(|r| (r.int(0), r.text(1))).collect())
}

/// Queues a message for the reporter of `report_id` and for the reporters of its duplicates, each built
/// by `body(tracking ID the reporter knows, size limit)`, once per `cause` (e.g. `answer:<event id>`).
/// Followers of a report they may not read (confidential or anonymous) get only
/// [`messages::merged_progress`] with its colour, never `body`.
pub fn tell_reporter_and_followers(
    db: &dyn Db,
    report_id: i64,
    cause: &str,
    now: i64,
    body: impl Fn(&str, usize) -> String,
) -> Result<(), StoreError> {
    let Some(own) =
        db.query_row("SELECT tracking_id, visibility, status FROM reports WHERE id = ?", params![report_id])?
    else {
        return Ok(());
    };
    let tid = own.text(0);
    tell_reporter(db, report_id, |max| body(&tid, max), &format!("{cause}:{report_id}"), now)?;
    let share = own.visibility(1).shares_with_followers();
    let color = own.status(2).color();
    for (id, tid) in followers(db, report_id)? {
        let key = format!("{cause}:{id}");
        if share {
            tell_reporter(db, id, |max| body(&tid, max), &key, now)?;
        } else {
            tell_reporter(db, id, |_| messages::merged_progress(&tid, color), &key, now)?;
        }
    }
    Ok(())
}

/// The hook for an answer to the citizen (an OPD's answer, the final answer): the reporter gets it by SMS
/// or X, with how to accept it or reply. `event_id` (the answer's history entry) makes it unique.
pub fn answered(
    db: &dyn Db,
    report_id: i64,
    tracking_id: &str,
    answer: &str,
    event_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let key = format!("answer:{report_id}:{event_id}");
    tell_reporter(db, report_id, |max| messages::answered(tracking_id, answer, max), &key, now)
}
