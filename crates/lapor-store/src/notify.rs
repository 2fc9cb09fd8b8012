//! Telling the citizen: turns a change of a report into outbox messages on every channel the reporter gave
//! (issue 16): an SMS to the phone (SMS reporters, and web/app/Open311/offline reporters who did not opt out),
//! a reply to the X post, an e-mail to the address (unless unsubscribed). Who is told where is decided by
//! `lapor_core::notify::routes`; each cause makes one message per channel (`lapor_core::notify::dedupe_key`).

use lapor_core::notify::{self as rules, Contact, Medium, OptOut, Route};
use lapor_core::{messages, Channel, Status};

use crate::db::{Db, StoreError};
use crate::outbox::{self, NewMessage};
use crate::params;

/// Where the reporter of a report is told (one route per channel), and the report's tracking ID.
pub fn reporter_routes(db: &dyn Db, report_id: i64) -> Result<Option<(String, Vec<Route>)>, StoreError> {
    let Some(row) = db.query_row(
        "SELECT r.channel, r.source_ref, p.phone, p.email, p.sms_opt_out, p.email_opt_out, r.tracking_id \
         FROM reports r LEFT JOIN reporters p ON p.report_id = r.id WHERE r.id = ?",
        params![report_id],
    )?
    else {
        return Ok(None);
    };
    let (source_ref, phone, email) = (row.opt_text(1), row.opt_text(2), row.opt_text(3));
    let contact = Contact {
        channel: Channel::parse(&row.text(0)),
        source_ref: source_ref.as_deref(),
        phone: phone.as_deref(),
        email: email.as_deref(),
        opt_out: OptOut { sms: row.opt_int(4) == Some(1), email: row.opt_int(5) == Some(1) },
    };
    Ok(Some((row.text(6), rules::routes(&contact))))
}

/// The outbox message of one route: the text cut to the medium's limit; an e-mail gets its subject and the
/// tracking ID its links point to.
pub fn message<'a>(
    report_id: i64,
    tracking_id: &'a str,
    route: &'a Route,
    text: &'a str,
    dedupe_key: &'a str,
    subject: &'a str,
) -> NewMessage<'a> {
    let email = route.medium == Medium::Email;
    NewMessage {
        report_id: Some(report_id),
        channel: route.medium,
        recipient: &route.recipient,
        body: text,
        dedupe_key,
        subject: email.then_some(subject),
        tracking_id: email.then_some(tracking_id),
        urgent: false,
    }
}

/// Queues `body(medium)` for the reporter of `report_id` on every route, once per `dedupe_key` and channel.
/// Returns whether anything new was queued.
pub fn tell_reporter(
    db: &dyn Db,
    report_id: i64,
    body: impl Fn(Medium) -> String,
    dedupe_key: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let Some((tracking_id, routes)) = reporter_routes(db, report_id)? else { return Ok(false) };
    let subject = messages::email_subject(&tracking_id);
    let mut any = false;
    for route in &routes {
        let text = messages::truncate(&body(route.medium), route.medium.max());
        let key = rules::dedupe_key(dedupe_key, route.medium);
        let m = message(report_id, &tracking_id, route, &text, &key, &subject);
        any |= outbox::enqueue(db, &m, now)?;
    }
    Ok(any)
}

/// One acknowledgement of a new report: what [`received`] queues on one route.
#[derive(Debug, Clone, PartialEq)]
pub struct Ack {
    pub medium: Medium,
    pub recipient: String,
    /// The text, cut to the medium's limit.
    pub body: String,
    /// Appended to `received:<report id>` for the outbox's dedupe key (`lapor_core::notify::dedupe_key`).
    pub key_suffix: String,
    /// An e-mail's subject.
    pub subject: Option<String>,
}

/// The acknowledgements of a new report of a web, app or Open311 reporter, one per route it gave (at most an SMS
/// and an e-mail); none for other channels (SMS and X reports are acknowledged by their channel's reply to the
/// inbound message, an offline complaint by its own SMS). `reports::insert_new` queues them in the report's own
/// INSERT (migrations/0021), so a new report is one write.
pub fn received(tracking_id: &str, contact: &Contact) -> Vec<Ack> {
    let Some(channel) = contact.channel else { return Vec::new() };
    if !rules::acknowledged_on_intake(channel) {
        return Vec::new();
    }
    rules::routes(contact)
        .into_iter()
        .map(|route| Ack {
            body: messages::truncate(&messages::received_for(tracking_id, route.medium), route.medium.max()),
            key_suffix: rules::dedupe_key("", route.medium),
            subject: (route.medium == Medium::Email).then(|| messages::email_subject(tracking_id)),
            medium: route.medium,
            recipient: route.recipient,
        })
        .collect()
}

/// The reporter of `tracking_id` with e-mail `address` unsubscribed: no more e-mail about that report, and
/// none still queued goes out. `false` when no such report has that address.
pub fn unsubscribe_email(db: &dyn Db, report_id: i64, now: i64) -> Result<(), StoreError> {
    crate::transaction(db, |db| {
        db.execute("UPDATE reporters SET email_opt_out = 1 WHERE report_id = ?", params![report_id])?;
        outbox::cancel_pending_email(db, report_id, now)?;
        Ok(())
    })
}

/// The e-mail address on a report and whether it is still subscribed (for the unsubscribe page).
pub fn email_of(db: &dyn Db, tracking_id: &str) -> Result<Option<(i64, String, bool)>, StoreError> {
    Ok(db
        .query_row(
            "SELECT r.id, p.email, p.email_opt_out FROM reports r JOIN reporters p ON p.report_id = r.id \
             WHERE r.tracking_id = ? AND p.email IS NOT NULL",
            params![tracking_id],
        )?
        .map(|r| (r.int(0), r.text(1), r.int(2) == 1)))
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
    body: impl Fn(&str, Medium) -> String,
) -> Result<(), StoreError> {
    let Some(own) =
        db.query_row("SELECT tracking_id, visibility, status FROM reports WHERE id = ?", params![report_id])?
    else {
        return Ok(());
    };
    let tid = own.text(0);
    tell_reporter(db, report_id, |m| body(&tid, m), &format!("{cause}:{report_id}"), now)?;
    let share = own.visibility(1).shares_with_followers();
    let color = own.status(2).color();
    for (id, tid) in followers(db, report_id)? {
        let key = format!("{cause}:{id}");
        if share {
            tell_reporter(db, id, |m| body(&tid, m), &key, now)?;
        } else {
            tell_reporter(db, id, |_| messages::merged_progress(&tid, color), &key, now)?;
        }
    }
    Ok(())
}

/// The hook for an answer to the citizen (an OPD's answer, the final answer): the reporter gets it on every
/// route, with how to accept it or reply. `event_id` (the answer's history entry) makes it unique.
pub fn answered(
    db: &dyn Db,
    report_id: i64,
    tracking_id: &str,
    answer: &str,
    event_id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let key = format!("answer:{report_id}:{event_id}");
    tell_reporter(db, report_id, |m| messages::answered_for(tracking_id, answer, m), &key, now)
}
