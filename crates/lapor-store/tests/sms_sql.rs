//! SMS storage against a real SQLite: each inbound message handled once, thread replies, and the outbox
//! delivery cycle (claim, lease, retry, fail, receipts).

use lapor_core::delivery::{self, Receipt};
use lapor_core::{messages, regions, sms, TrackingId};
use lapor_store::inbound::{self, Handled, Notice, NoticeKind, TWILIO};
use lapor_store::native::NativeDb;
use lapor_store::outbox::{self, Medium};
use lapor_store::{reports, Db};

const PHONE: &str = "+6281234567890";
const OTHER: &str = "+6289876543210";
const NOW: i64 = 1_800_000_000;

mod common;

use common::db;

fn fresh_ids() -> impl FnMut() -> TrackingId {
    let mut n = 7u64;
    move || {
        n = n.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        TrackingId::from_random(n.to_le_bytes())
    }
}

fn new_report(db: &NativeDb, sid: &str) -> Handled {
    let r = sms::report(regions::find("17.71"), "jalan berlubang di depan SDN 5", PHONE);
    inbound::sms_report(db, TWILIO, sid, &r, &mut fresh_ids(), NOW).unwrap()
}

fn count(db: &NativeDb, table: &str) -> i64 {
    db.query_row(&format!("SELECT count(*) FROM {table}"), &[]).unwrap().unwrap().int(0)
}

#[test]
fn a_report_and_its_reply_sms_are_stored_once_per_message_sid() {
    let db = db();
    let Handled::Report(created) = new_report(&db, "SM1") else { panic!("no report") };
    assert_eq!(new_report(&db, "SM1"), Handled::Duplicate);
    assert_eq!(reports::count(&db).unwrap(), 1);
    let view = reports::find_by_tracking_id(&db, created.tracking_id.as_str()).unwrap().unwrap();
    assert_eq!(view.region_code.as_deref(), Some("17.71"));
    assert_eq!(view.channel, "sms");
    let out = outbox::all(&db).unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].recipient, PHONE);
    assert!(out[0].body.contains(created.tracking_id.as_str()));
    assert_eq!(out[0].status, "pending");
    // A different message id is a different report.
    assert!(matches!(new_report(&db, "SM2"), Handled::Report(_)));
    assert_eq!(reports::count(&db).unwrap(), 2);
    assert_eq!(count(&db, "outbox"), 2);
}

#[test]
fn the_unique_constraint_holds_even_without_the_inbound_row() {
    // The report's (channel, source_ref) is unique on its own: a second insert with the same MessageSid fails
    // and the transaction leaves nothing behind.
    let db = db();
    new_report(&db, "SM1");
    db.execute("DELETE FROM inbound_messages", &[]).unwrap();
    let r = sms::report(None, "jalan berlubang di depan SDN 5", PHONE);
    let err = inbound::sms_report(&db, TWILIO, "SM1", &r, &mut fresh_ids(), NOW).unwrap_err();
    assert!(err.is_unique_on("reports.channel"), "{err}");
    assert_eq!(reports::count(&db).unwrap(), 1);
    assert_eq!(count(&db, "outbox"), 1);
    assert_eq!(count(&db, "inbound_messages"), 0);
}

#[test]
fn replies_join_the_thread_only_from_the_reporters_number() {
    let db = db();
    let Handled::Report(created) = new_report(&db, "SM1") else { panic!() };
    let id = created.tracking_id.clone();
    let h = inbound::sms_reply(&db, TWILIO, "SM2", PHONE, &id, inbound::FollowUp::Reply("belum selesai"), NOW + 60)
        .unwrap();
    assert_eq!(h, Handled::Reply { report_id: created.id });
    assert_eq!(
        inbound::sms_reply(&db, TWILIO, "SM2", PHONE, &id, inbound::FollowUp::Reply("belum selesai"), NOW + 60)
            .unwrap(),
        Handled::Duplicate
    );
    let thread = reports::public_thread(&db, created.id).unwrap();
    assert_eq!(thread.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["received", "reply"]);
    assert_eq!(thread[1].actor, "citizen");
    assert_eq!(thread[1].body.as_deref(), Some("belum selesai"));

    // Another number gets a polite refusal and the thread is unchanged.
    let h = inbound::sms_reply(&db, TWILIO, "SM3", OTHER, &id, inbound::FollowUp::Reply("ini laporan saya"), NOW + 120)
        .unwrap();
    assert_eq!(h, Handled::Notice);
    assert_eq!(reports::public_thread(&db, created.id).unwrap().len(), 2);
    let out = outbox::all(&db).unwrap();
    assert_eq!(out.len(), 3);
    assert_eq!(out[1].body, messages::reply_received(id.as_str()));
    assert_eq!((out[2].recipient.as_str(), out[2].body.clone()), (OTHER, messages::sms_unknown_tracking_id()));
}

#[test]
fn notices_share_a_key_when_asked() {
    let db = db();
    let key = "rl:sms:+6281234567890:0";
    for sid in ["SM1", "SM2", "SM3"] {
        let h = inbound::sms_notice(
            &db,
            TWILIO,
            sid,
            PHONE,
            &Notice { kind: NoticeKind::RateLimited, body: "pelan", dedupe_key: key },
            NOW,
        )
        .unwrap();
        assert_eq!(h, Handled::Notice);
    }
    assert_eq!(count(&db, "inbound_messages"), 3);
    assert_eq!(count(&db, "outbox"), 1);
    assert!(inbound::seen(&db, TWILIO, "SM2").unwrap());
    assert!(!inbound::seen(&db, TWILIO, "SM9").unwrap());
}

fn claim(db: &NativeDb, now: i64) -> Vec<outbox::Claimed> {
    let token = format!("claim-{now}");
    outbox::claim_due(db, Medium::Sms, now, delivery::LEASE_SECS, delivery::MAX_ATTEMPTS, 10, &token).unwrap()
}

#[test]
fn a_claimed_message_is_not_claimed_again_until_its_lease_expires() {
    let db = db();
    new_report(&db, "SM1");
    let first = claim(&db, NOW);
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].attempts, 1);
    assert!(claim(&db, NOW + 1).is_empty());
    assert!(claim(&db, NOW + delivery::LEASE_SECS - 1).is_empty());
    let again = claim(&db, NOW + delivery::LEASE_SECS);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 2);
    // The first claimer lost its claim: it may not start sending, nor settle the message.
    assert!(!outbox::begin_attempt(&db, first[0].id, &first[0].token, NOW + delivery::LEASE_SECS).unwrap());
    assert!(!outbox::mark_failed(&db, first[0].id, &first[0].token, "late", NOW + 150).unwrap());
    assert!(outbox::mark_sent(&db, again[0].id, &again[0].token, "SMabc", NOW + 200).unwrap());
    // The first claimer's late answer cannot settle it again, and a sent message is never claimed.
    assert!(!outbox::mark_sent(&db, first[0].id, &first[0].token, "SMdef", NOW + 201).unwrap());
    assert!(!outbox::retry_at(&db, first[0].id, &first[0].token, NOW, "late", true, NOW + 201).unwrap());
    assert!(claim(&db, NOW + 100_000).is_empty());
    assert_eq!(outbox::all(&db).unwrap()[0].provider_id.as_deref(), Some("SMabc"));
}

#[test]
fn an_attempt_without_a_known_outcome_is_in_doubt_on_the_next_claim() {
    let db = db();
    new_report(&db, "SM1");
    // Claimed but never started: the next claim has nothing to doubt.
    let first = claim(&db, NOW);
    assert_eq!(first[0].in_doubt_since, None);
    let second = claim(&db, NOW + delivery::LEASE_SECS);
    assert_eq!(second[0].in_doubt_since, None);
    // Started, then the sender died: the next claim must ask the provider about attempts since then.
    assert!(outbox::begin_attempt(&db, second[0].id, &second[0].token, NOW + 130).unwrap());
    let third = claim(&db, NOW + 2 * delivery::LEASE_SECS + 10);
    assert_eq!(third[0].in_doubt_since, Some(NOW + 130));
    // The doubt survives a claim that ends before asking (the lookup failed: retry, outcome unknown) ...
    assert!(outbox::retry_at(&db, third[0].id, &third[0].token, NOW + 400, "lookup failed", false, NOW + 260).unwrap());
    let fourth = claim(&db, NOW + 400);
    assert_eq!(fourth[0].in_doubt_since, Some(NOW + 130));
    // ... and ends when the provider answered: an HTTP error is a known outcome.
    assert!(outbox::begin_attempt(&db, fourth[0].id, &fourth[0].token, NOW + 401).unwrap());
    assert!(outbox::retry_at(&db, fourth[0].id, &fourth[0].token, NOW + 500, "HTTP 500", true, NOW + 402).unwrap());
    assert_eq!(claim(&db, NOW + 500)[0].in_doubt_since, None);
}

#[test]
fn retries_wait_for_the_backoff_and_give_up_when_bounded() {
    let db = db();
    new_report(&db, "SM1");
    let mut now = NOW;
    for attempt in 1..=delivery::MAX_ATTEMPTS {
        let c = claim(&db, now);
        assert_eq!(c.len(), 1, "attempt {attempt}");
        assert_eq!(c[0].attempts, attempt);
        match delivery::after_failure(c[0].attempts, delivery::Outcome::Temporary, now) {
            delivery::Next::RetryAt(at) => {
                assert!(outbox::retry_at(&db, c[0].id, &c[0].token, at, "HTTP 500", true, now).unwrap());
                assert!(claim(&db, at - 1).is_empty(), "claimed before its backoff");
                now = at;
            }
            delivery::Next::GiveUp => {
                assert_eq!(attempt, delivery::MAX_ATTEMPTS);
                assert!(outbox::mark_failed(&db, c[0].id, &c[0].token, "HTTP 500", now).unwrap());
            }
        }
    }
    let failed = outbox::with_status(&db, "failed", 10).unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].last_error.as_deref(), Some("HTTP 500"));
    assert!(claim(&db, now + 1_000_000).is_empty());
}

#[test]
fn a_lease_expiring_on_the_last_attempt_fails_the_message() {
    let db = db();
    new_report(&db, "SM1");
    db.execute("UPDATE outbox SET attempts = ?", lapor_store::params![delivery::MAX_ATTEMPTS - 1]).unwrap();
    assert_eq!(claim(&db, NOW).len(), 1);
    assert!(claim(&db, NOW + delivery::LEASE_SECS).is_empty());
    assert_eq!(outbox::with_status(&db, "failed", 10).unwrap().len(), 1);
}

#[test]
fn receipts_move_sent_messages_forward_only() {
    let db = db();
    new_report(&db, "SM1");
    new_report(&db, "SM2");
    let c = claim(&db, NOW);
    outbox::mark_sent(&db, c[0].id, &c[0].token, "SMa", NOW).unwrap();
    outbox::mark_sent(&db, c[1].id, &c[1].token, "SMb", NOW).unwrap();
    assert!(outbox::apply_receipt(&db, "SMa", Receipt::Delivered, None, NOW + 5).unwrap());
    assert!(!outbox::apply_receipt(&db, "SMa", Receipt::Failed, Some("30003"), NOW + 6).unwrap());
    assert!(outbox::apply_receipt(&db, "SMb", Receipt::Failed, Some("30003"), NOW + 5).unwrap());
    assert!(!outbox::apply_receipt(&db, "SMzzz", Receipt::Delivered, None, NOW).unwrap());
    let all = outbox::all(&db).unwrap();
    assert_eq!((all[0].status.as_str(), all[1].status.as_str()), ("delivered", "failed"));
    assert_eq!(all[1].last_error.as_deref(), Some("30003"));
}

#[test]
fn answers_and_colour_changes_reach_sms_reporters() {
    let db = db();
    let Handled::Report(created) = new_report(&db, "SM1") else { panic!() };
    let queued =
        lapor_store::notify::answered(&db, created.id, created.tracking_id.as_str(), "Jalan diperbaiki", 9, NOW)
            .unwrap();
    assert!(queued);
    let out = outbox::all(&db).unwrap();
    assert_eq!(out.len(), 2);
    assert_eq!(out[1].recipient, PHONE);
    assert!(out[1].body.contains("Jalan diperbaiki") && out[1].body.contains(created.tracking_id.as_str()));
}
