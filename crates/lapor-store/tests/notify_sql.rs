//! Telling reporters on every channel they gave (issue 16), against a real SQLite: the acknowledgement of a
//! new report, every later event once per channel, opt-outs and unsubscribing, and the outbox rules for e-mail.

use chrono::NaiveDate;
use lapor_core::delivery;
use lapor_core::report::NewReport;
use lapor_core::{Status, TrackingId};
use lapor_store::native::NativeDb;
use lapor_store::outbox::{self, Medium};
use lapor_store::{notify, reports, Db};

const NOW: i64 = 1_800_000_000;

mod common;

use common::db;

fn web_report(reporter: serde_json::Value) -> lapor_core::report::ValidReport {
    let r: NewReport = serde_json::from_value(serde_json::json!({
        "kind": "pengaduan", "title": "Puskesmas tutup", "body": "Puskesmas tutup pada jam kerja hari Senin.",
        "category": "kesehatan", "visibility": "public", "location": {"region_code": "19.04"},
        "reporter": reporter
    }))
    .unwrap();
    r.validate_web(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
}

fn both() -> serde_json::Value {
    serde_json::json!({"name": "Siti", "nik": "1771015708900001", "phone": "081234567890", "email": "Siti@Example.id"})
}

fn ids() -> impl FnMut() -> TrackingId {
    let mut n = 11u64;
    move || {
        n = n.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        TrackingId::from_random(n.to_le_bytes())
    }
}

fn staff() -> reports::Actor<'static> {
    reports::Actor { id: "staff:1", role: Some("national_admin"), channel: None }
}

#[test]
fn a_web_reporter_with_phone_and_email_gets_one_sms_and_one_email_per_event() {
    let db = db();
    let c = reports::create(&db, &web_report(both()), &mut ids(), Some("h"), None, NOW).unwrap();
    let out = outbox::all(&db).unwrap();
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!((out[0].channel.as_str(), out[0].recipient.as_str()), ("sms", "+6281234567890"));
    assert_eq!((out[1].channel.as_str(), out[1].recipient.as_str()), ("email", "siti@example.id"));
    for m in &out {
        assert!(m.body.contains(c.tracking_id.as_str()), "{}", m.body);
        assert!(!m.body.contains("1771015708900001") && !m.body.contains("Siti"), "no NIK or name: {}", m.body);
        assert_eq!(m.report_id, Some(c.id));
    }
    assert_eq!(out[0].dedupe_key.as_deref(), Some(format!("received:{}", c.id).as_str()));
    assert_eq!(out[1].dedupe_key.as_deref(), Some(format!("received:{}:email", c.id).as_str()));
    let subject =
        db.query_row("SELECT subject, tracking_id FROM outbox WHERE channel = 'email'", &[]).unwrap().unwrap();
    assert!(subject.text(0).contains(c.tracking_id.as_str()));
    assert_eq!(subject.text(1), c.tracking_id.as_str());

    // A colour change: one more of each; the same change seen again adds nothing.
    lapor_store::lifecycle::transition(&db, c.id, Status::Verified, &staff(), None, true, NOW + 1).unwrap();
    assert_eq!(outbox::all(&db).unwrap().len(), 2, "grey to grey: no colour change, no message");
    lapor_store::lifecycle::transition(&db, c.id, Status::Dispatched, &staff(), None, true, NOW + 1).unwrap();
    assert_eq!(outbox::all(&db).unwrap().len(), 4);
    let event = db.query_row("SELECT max(id) FROM events", &[]).unwrap().unwrap().int(0);
    notify::status_changed(&db, c.id, c.tracking_id.as_str(), Status::Dispatched, event, NOW + 2).unwrap();
    assert_eq!(outbox::all(&db).unwrap().len(), 4, "one message per event per channel");

    // An answer: by SMS with `#ID SELESAI`, by e-mail with the tracking page.
    assert!(notify::answered(&db, c.id, c.tracking_id.as_str(), "Puskesmas buka lagi.", 99, NOW + 3).unwrap());
    let out = outbox::all(&db).unwrap();
    let sms = out.iter().rev().find(|m| m.channel == "sms").unwrap();
    let email = out.iter().rev().find(|m| m.channel == "email").unwrap();
    assert!(sms.body.contains("SELESAI") && sms.body.contains("Puskesmas buka lagi."), "{}", sms.body);
    assert!(email.body.contains("halaman lacak") && email.body.contains("Puskesmas buka lagi."), "{}", email.body);
    assert!(!notify::answered(&db, c.id, c.tracking_id.as_str(), "Puskesmas buka lagi.", 99, NOW + 4).unwrap());
}

#[test]
fn opting_out_on_intake_is_kept_and_honoured_for_every_later_event() {
    let db = db();
    let mut who = both();
    who["notify_sms"] = false.into();
    let c = reports::create(&db, &web_report(who), &mut ids(), None, None, NOW).unwrap();
    let out = outbox::all(&db).unwrap();
    assert_eq!(out.iter().map(|m| m.channel.as_str()).collect::<Vec<_>>(), ["email"]);
    lapor_store::lifecycle::transition(&db, c.id, Status::Verified, &staff(), None, true, NOW + 1).unwrap();
    lapor_store::lifecycle::transition(&db, c.id, Status::Dispatched, &staff(), None, true, NOW + 1).unwrap();
    let out = outbox::all(&db).unwrap();
    assert_eq!(out.len(), 2);
    assert!(out.iter().all(|m| m.channel == "email"));

    let mut none = both();
    none["notify_sms"] = false.into();
    none["notify_email"] = false.into();
    let d = reports::create(&db, &web_report(none), &mut ids(), None, None, NOW).unwrap();
    lapor_store::lifecycle::transition(&db, d.id, Status::Verified, &staff(), None, true, NOW + 1).unwrap();
    lapor_store::lifecycle::transition(&db, d.id, Status::Dispatched, &staff(), None, true, NOW + 1).unwrap();
    assert!(
        outbox::all(&db).unwrap().iter().all(|m| m.report_id != Some(d.id)),
        "nothing for a reporter who opted out"
    );
}

#[test]
fn unsubscribing_stops_email_and_drops_what_is_queued_but_keeps_sms() {
    let db = db();
    let c = reports::create(&db, &web_report(both()), &mut ids(), None, None, NOW).unwrap();
    let (id, address, unsubscribed) = notify::email_of(&db, c.tracking_id.as_str()).unwrap().unwrap();
    assert_eq!((id, address.as_str(), unsubscribed), (c.id, "siti@example.id", false));
    notify::unsubscribe_email(&db, c.id, NOW + 1).unwrap();
    assert!(notify::email_of(&db, c.tracking_id.as_str()).unwrap().unwrap().2);
    let pending_email = |db: &NativeDb| {
        db.query_row("SELECT count(*) FROM outbox WHERE channel = 'email' AND status = 'pending'", &[])
            .unwrap()
            .unwrap()
            .int(0)
    };
    assert_eq!(pending_email(&db), 0, "the queued acknowledgement is dropped");
    lapor_store::lifecycle::transition(&db, c.id, Status::Verified, &staff(), None, true, NOW + 2).unwrap();
    lapor_store::lifecycle::transition(&db, c.id, Status::Dispatched, &staff(), None, true, NOW + 2).unwrap();
    assert_eq!(pending_email(&db), 0);
    let sms = db.query_row("SELECT count(*) FROM outbox WHERE channel = 'sms'", &[]).unwrap().unwrap().int(0);
    assert_eq!(sms, 2, "SMS goes on");
    // Nothing to claim for e-mail.
    let claimed = outbox::claim_due(&db, Medium::Email, NOW + 3, 120, delivery::MAX_ATTEMPTS, 10, "t").unwrap();
    assert!(claimed.is_empty());
}

#[test]
fn email_follows_the_same_claim_lease_retry_and_give_up_rules() {
    let db = db();
    let c = reports::create(&db, &web_report(both()), &mut ids(), None, None, NOW).unwrap();
    let claim = |at: i64, token: &str| {
        outbox::claim_due(&db, Medium::Email, at, delivery::LEASE_SECS, delivery::MAX_ATTEMPTS, 10, token).unwrap()
    };
    let first = claim(NOW, "a");
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].recipient, "siti@example.id");
    assert_eq!(first[0].tracking_id.as_deref(), Some(c.tracking_id.as_str()));
    assert!(first[0].subject.as_deref().unwrap().contains(c.tracking_id.as_str()));
    assert!(claim(NOW + 1, "b").is_empty(), "held by the first claim");
    // The lease runs out: another sender takes it over, and the first can no longer settle it.
    let second = claim(NOW + delivery::LEASE_SECS + 1, "b");
    assert_eq!(second.len(), 1);
    assert!(!outbox::mark_sent(&db, first[0].id, "a", "pm-1", NOW + 200).unwrap());
    assert!(outbox::retry_at(&db, second[0].id, "b", NOW + 500, "HTTP 500", true, NOW + 200).unwrap());
    assert!(claim(NOW + 499, "c").is_empty(), "not before the backoff");
    let third = claim(NOW + 500, "c");
    assert!(outbox::mark_failed(&db, third[0].id, "c", "HTTP 422", NOW + 501).unwrap());
    assert_eq!(outbox::with_status(&db, "failed", 10).unwrap().len(), 1);
    // SMS messages are never claimed by the e-mail sender and the other way round.
    let sms = outbox::claim_due(&db, Medium::Sms, NOW + 600, 120, 6, 10, "d").unwrap();
    assert_eq!(sms.len(), 1);
    assert_eq!(sms[0].recipient, "+6281234567890");
}

#[test]
fn sms_and_x_reporters_are_not_acknowledged_twice() {
    let db = db();
    let r =
        lapor_core::sms::report(lapor_core::regions::find("17.71"), "jalan berlubang di depan SDN 5", "+6281234567890");
    reports::create(&db, &r, &mut ids(), None, Some("SM1"), NOW).unwrap();
    assert!(outbox::all(&db).unwrap().is_empty(), "the SMS channel queues its own reply to the inbound message");
}

/// Issue 28, finding 2: one contact's pile of messages cannot starve the others; urgent messages go first.
#[test]
fn claims_take_turns_per_recipient_and_urgent_messages_first() {
    let db = common::db();
    let queue = |to: &str, key: &str, urgent: bool| {
        let m = outbox::NewMessage {
            report_id: None,
            channel: Medium::Sms,
            recipient: to,
            body: "Laporan Anda kami terima.",
            dedupe_key: key,
            subject: None,
            tracking_id: None,
            urgent,
        };
        assert!(outbox::enqueue(&db, &m, NOW).unwrap());
    };
    for i in 0..30 {
        queue("+6281200000001", &format!("pile-{i}"), false);
    }
    queue("+6281200000002", "other", false);
    queue("+6281200000003", "code", true);
    let first = outbox::claim_due(&db, Medium::Sms, NOW, 120, 6, 3, "a").unwrap();
    let to: Vec<&str> = first.iter().map(|c| c.recipient.as_str()).collect();
    assert_eq!(to, ["+6281200000003", "+6281200000001", "+6281200000002"], "urgent first, then one each");
    let rest = outbox::claim_due(&db, Medium::Sms, NOW, 120, 6, 100, "b").unwrap();
    assert_eq!(rest.len(), 29, "the pile is still sent, after the others");
}

/// Issue 23, item 3: the outbox's channel and status are the code's to check, so a new medium or delivery status
/// needs no migration (0026 dropped the CHECK constraints).
#[test]
fn the_outbox_takes_any_medium_and_status_the_code_names() {
    let db = lapor_store::native::NativeDb::memory();
    lapor_store::migrate(&db).unwrap();
    db.execute(
        "INSERT INTO outbox (channel, recipient, body, status, next_attempt_at, created_at, updated_at) \
         VALUES ('whatsapp', '+6281234567890', 'halo', 'read', 0, 0, 0)",
        &[],
    )
    .unwrap();
    let n = db.query_row("SELECT count(*) FROM outbox WHERE channel = 'whatsapp'", &[]).unwrap().unwrap().int(0);
    assert_eq!(n, 1);
}
