//! Offline complaints (issue 14 §6): a report entered by staff on the citizen's behalf, written in one transaction
//! with its scans, the internal note of how and when it arrived, and the SMS to the citizen (tracking ID and
//! reporter code) when a phone was given. What is written is decided by `lapor_core::offline` and `messages`.

use lapor_core::sla::Calendar;
use lapor_core::TrackingId;

use crate::db::{transaction, Db, StoreError};
use crate::outbox::{self, Medium, NewMessage};
use crate::reports::{self, Created, NewEvent, NewRow};

/// Who entered it and what goes with it.
pub struct Entry<'a> {
    /// `staff:<account id>`.
    pub actor: &'a str,
    /// The role they entered it in.
    pub role: &'a str,
    /// The internal history entry (`lapor_core::offline::arrival_note`).
    pub arrival_note: &'a str,
}

/// Stores the offline report (with its scans in `row.evidence`), the arrival note and, when the reporter gave a
/// phone, the SMS `sms(tracking ID)` in the outbox, all or nothing.
pub fn create(
    db: &dyn Db,
    row: &NewRow,
    cal: &Calendar,
    new_id: &mut dyn FnMut() -> TrackingId,
    entry: &Entry,
    sms: &dyn Fn(&str) -> String,
    now: i64,
) -> Result<Created, StoreError> {
    transaction(db, |db| {
        let created = reports::insert_new(db, row, cal, new_id, now)?;
        reports::add_event(
            db,
            &NewEvent {
                report_id: created.id,
                at: now,
                actor: entry.actor,
                role: Some(entry.role),
                channel: Some(lapor_core::Channel::Offline),
                kind: "note",
                from_status: None,
                to_status: None,
                body: Some(entry.arrival_note),
                public: false,
            },
        )?;
        if let Some(phone) = &row.report.reporter.phone {
            let body = sms(created.tracking_id.as_str());
            outbox::enqueue(
                db,
                &NewMessage {
                    report_id: Some(created.id),
                    channel: Medium::Sms,
                    recipient: phone,
                    body: &body,
                    dedupe_key: &format!("offline_received:{}", created.id),
                    subject: None,
                    tracking_id: None,
                    urgent: false,
                },
                now,
            )?;
        }
        Ok(created)
    })
}
