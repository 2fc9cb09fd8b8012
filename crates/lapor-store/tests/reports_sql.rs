//! Report storage against a real SQLite.

use chrono::NaiveDate;
use lapor_core::report::NewReport;
use lapor_core::{Status, TrackingId, Visibility};
use lapor_store::native::NativeDb;
use lapor_store::{reports, Db, StoreError};

mod common;

use common::db;

fn valid(visibility: &str) -> lapor_core::report::ValidReport {
    let r: NewReport = serde_json::from_value(serde_json::json!({
        "kind": "pengaduan", "title": "Puskesmas tutup", "body": "Puskesmas tutup pada jam kerja hari Senin.",
        "category": "kesehatan", "visibility": visibility,
        "location": {"region_code": "19.04"},
        "reporter": {"name": "Budi", "nik": "1771011708900001", "phone": "081234567890"}
    }))
    .unwrap();
    r.validate_web(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap()
}

fn ids(seq: Vec<u64>) -> impl FnMut() -> TrackingId {
    let mut it = seq.into_iter();
    move || TrackingId::from_random(it.next().expect("enough ids").to_le_bytes())
}

#[test]
fn create_stores_report_reporter_and_received_event() {
    let db = db();
    let c = reports::create(&db, &valid("public"), &mut ids(vec![42]), Some("hash"), None, 1_700_000_000).unwrap();
    let v = reports::find_by_tracking_id(&db, c.tracking_id.as_str()).unwrap().unwrap();
    assert_eq!(v.status, Status::Received);
    assert_eq!(v.region_name.as_deref(), Some("Kabupaten Bangka Tengah"));
    assert_eq!(v.reporter_name.as_deref(), Some("Budi"));
    // Tuesday 14 Nov 2023 22:13 UTC is Wednesday 05:13 WIB: due end of Monday 20 Nov (WIB).
    assert_eq!(lapor_core::time::rfc3339(v.due_at.unwrap()), "2023-11-20T16:59:59Z");
    let thread = reports::public_thread(&db, v.id).unwrap();
    assert_eq!(thread.len(), 1);
    assert_eq!(thread[0].kind, "received");
    let nik =
        db.query_row("SELECT nik FROM reporters WHERE report_id = ?", lapor_store::params![v.id]).unwrap().unwrap();
    assert_eq!(nik.text(0), "1771011708900001");
}

#[test]
fn anonymous_reporter_name_is_not_in_the_view() {
    let db = db();
    let c = reports::create(&db, &valid("anonymous"), &mut ids(vec![1]), None, None, 0).unwrap();
    let v = reports::find_by_tracking_id(&db, c.tracking_id.as_str()).unwrap().unwrap();
    assert_eq!(v.visibility, Visibility::Anonymous);
    assert_eq!(v.reporter_name, None);
}

#[test]
fn a_taken_tracking_id_is_drawn_again() {
    let db = db();
    let first = reports::create(&db, &valid("public"), &mut ids(vec![7]), None, None, 0).unwrap();
    let second = reports::create(&db, &valid("public"), &mut ids(vec![7, 7, 9]), None, None, 0).unwrap();
    assert_ne!(first.tracking_id, second.tracking_id);
    assert_eq!(second.tracking_id, TrackingId::from_random(9u64.to_le_bytes()));
    assert_eq!(reports::count(&db).unwrap(), 2);
}

#[test]
fn the_same_inbound_message_is_stored_once_and_a_failed_create_leaves_nothing() {
    let db = db();
    let mut r = valid("public");
    r.channel = lapor_core::Channel::Sms;
    reports::create(&db, &r, &mut ids(vec![1]), None, Some("SM123"), 0).unwrap();
    let err = reports::create(&db, &r, &mut ids(vec![2]), None, Some("SM123"), 0).unwrap_err();
    assert!(err.is_unique_on("reports.source_ref"), "{err:?}");
    assert!(matches!(err, StoreError::Unique(_)));
    assert_eq!(reports::count(&db).unwrap(), 1);
    let reporters = db.query_row("SELECT count(*) FROM reporters", &[]).unwrap().unwrap().int(0);
    let events = db.query_row("SELECT count(*) FROM events", &[]).unwrap().unwrap().int(0);
    assert_eq!((reporters, events), (1, 1));
}

#[test]
fn transitions_follow_the_life_cycle_record_events_and_tell_sms_reporters_on_colour_change() {
    use lapor_store::lifecycle::{transition, TransitionError};
    use lapor_store::reports::Actor;
    let db = db();
    let mut r = valid("public");
    r.channel = lapor_core::Channel::Sms;
    let c = reports::create(&db, &r, &mut ids(vec![3]), None, Some("SM1"), 0).unwrap();
    let admin = Actor { id: "staff:1", role: Some("national_admin"), channel: Some(lapor_core::Channel::Web) };
    // Skipping verification is refused and changes nothing.
    let err = transition(&db, c.id, Status::Dispatched, &admin, None, true, 1).unwrap_err();
    assert!(matches!(err, TransitionError::NotAllowed(_)));
    assert_eq!(transition(&db, c.id, Status::Verified, &admin, None, true, 2).unwrap(), Status::Received);
    // received -> verified keeps the colour (grey): no message.
    let outbox = |db: &NativeDb| db.query_row("SELECT count(*) FROM outbox", &[]).unwrap().unwrap().int(0);
    assert_eq!(outbox(&db), 0);
    transition(&db, c.id, Status::Dispatched, &admin, None, true, 3).unwrap();
    assert_eq!(outbox(&db), 1, "grey -> red tells the reporter");
    let msg = db.query_row("SELECT channel, recipient, body FROM outbox", &[]).unwrap().unwrap();
    assert_eq!(msg.text(0), "sms");
    assert_eq!(msg.text(1), "+6281234567890");
    assert!(msg.text(2).contains(c.tracking_id.as_str()));
    let events = db.query_row("SELECT count(*) FROM events WHERE report_id = ?", lapor_store::params![c.id]).unwrap();
    assert_eq!(events.unwrap().int(0), 3);
}

#[test]
fn public_search_hides_confidential_and_unverified_reports_and_filters() {
    use lapor_store::reports::{search_public, PublicFilter};
    let db = db();
    let staff = reports::Actor { id: "staff:1", role: Some("national_admin"), channel: None };
    let verify =
        |id: i64| lapor_store::lifecycle::transition(&db, id, Status::Verified, &staff, None, true, 1).unwrap();
    let a = reports::create(&db, &valid("public"), &mut ids(vec![11]), None, None, 0).unwrap();
    let b = reports::create(&db, &valid("confidential"), &mut ids(vec![12]), None, None, 0).unwrap();
    let mut other = valid("anonymous");
    other.region_code = Some("17.71".into());
    other.title = "Lampu jalan 100% mati".into();
    let c = reports::create(&db, &other, &mut ids(vec![13]), None, None, 0).unwrap();
    assert!(search_public(&db, &PublicFilter::default(), 50, 0).unwrap().is_empty(), "nothing verified yet");
    for r in [&a, &b, &c] {
        verify(r.id);
    }
    reports::create(&db, &valid("public"), &mut ids(vec![14]), None, None, 0).unwrap();
    let all = search_public(&db, &PublicFilter::default(), 50, 0).unwrap();
    assert_eq!(all.len(), 2, "neither the confidential nor the unverified report is listed");
    let by_province = PublicFilter { region: Some("19".into()), ..Default::default() };
    assert_eq!(search_public(&db, &by_province, 50, 0).unwrap().len(), 1);
    let by_words = PublicFilter { q: Some("100%".into()), ..Default::default() };
    let found = search_public(&db, &by_words, 50, 0).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].region_name.as_deref(), Some("Kota Bengkulu"));
    let red = PublicFilter { statuses: lapor_core::Color::Red.statuses(), ..Default::default() };
    assert!(search_public(&db, &red, 50, 0).unwrap().is_empty());
}

/// Records every statement, to count what a use-case costs (on libSQL each statement is a network round trip).
struct Counting<'a>(&'a NativeDb, std::cell::RefCell<Vec<String>>);

impl Db for Counting<'_> {
    fn execute(&self, sql: &str, params: &[lapor_store::Value]) -> Result<lapor_store::Rows, StoreError> {
        self.1.borrow_mut().push(sql.split_whitespace().next().unwrap_or("").to_ascii_uppercase());
        self.0.execute(sql, params)
    }
}

#[test]
fn a_new_report_is_written_by_one_statement() {
    let db = db();
    let counting = Counting(&db, Default::default());
    let c = reports::create(&counting, &valid("public"), &mut ids(vec![5]), Some("h"), None, 0).unwrap();
    // Read the holidays, then write report + reporter + event + the reporter's acknowledgement (issue 16: the SMS
    // to the phone given) in one INSERT that returns the new id: one commit, the write lock held for that
    // statement only (migrations/0021).
    assert_eq!(*counting.1.borrow(), ["SELECT", "INSERT"]);
    let n = |table: &str| db.query_row(&format!("SELECT count(*) FROM {table}"), &[]).unwrap().unwrap().int(0);
    assert_eq!((n("reports"), n("reporters"), n("events"), n("outbox")), (1, 1, 1, 1));
    let ack = db.query_row("SELECT report_id FROM outbox", &[]).unwrap().unwrap();
    assert_eq!(ack.int(0), c.id);
    let event =
        db.query_row("SELECT report_id, actor, kind, to_status, channel, public FROM events", &[]).unwrap().unwrap();
    assert_eq!(event.int(0), c.id);
    assert_eq!(
        (event.text(1), event.text(2), event.text(3), event.text(4)),
        ("citizen".into(), "received".into(), "received".into(), "web".into())
    );
    assert_eq!(event.int(5), 1);
}

#[test]
fn a_refused_intake_leaves_nothing_behind() {
    let db = db();
    let r = valid("public");
    reports::create(&db, &r, &mut ids(vec![1]), None, Some("SM9"), 0).unwrap();
    // The same provider message again: the one statement fails as a whole (no orphan reporter or event).
    assert!(reports::create(&db, &r, &mut ids(vec![2]), None, Some("SM9"), 0).is_err());
    let n = |table: &str| db.query_row(&format!("SELECT count(*) FROM {table}"), &[]).unwrap().unwrap().int(0);
    assert_eq!((n("reports"), n("reporters"), n("events")), (1, 1, 1));
}

#[test]
fn the_search_index_holds_verified_reports_only_and_follows_their_text() {
    // migrations/0021: an intake does not write the full-text index; verification does (the search shows only
    // verified reports anyway).
    let db = db();
    let staff = reports::Actor { id: "staff:1", role: Some("national_admin"), channel: None };
    let indexed = |word: &str| {
        db.query_row("SELECT count(*) FROM reports_fts WHERE reports_fts MATCH ?", lapor_store::params![word])
            .unwrap()
            .unwrap()
            .int(0)
    };
    let a = reports::create(&db, &valid("public"), &mut ids(vec![21]), None, None, 0).unwrap();
    assert_eq!(indexed("puskesmas"), 0, "a new report is not indexed");
    lapor_store::lifecycle::transition(&db, a.id, Status::Verified, &staff, None, true, 1).unwrap();
    assert_eq!(indexed("puskesmas"), 1, "a verified report is");
    lapor_store::lifecycle::transition(&db, a.id, Status::Dispatched, &staff, None, true, 2).unwrap();
    assert_eq!(indexed("puskesmas"), 1, "later status changes keep it once");
    db.execute("UPDATE reports SET title = 'Sekolah roboh' WHERE id = ?", lapor_store::params![a.id]).unwrap();
    assert_eq!((indexed("sekolah"), indexed("tutup")), (1, 1), "a new title is indexed, the body kept");
    // One index entry per verified report.
    let verified =
        db.query_row("SELECT count(*) FROM reports WHERE verified_at IS NOT NULL", &[]).unwrap().unwrap().int(0);
    let rows = db.query_row("SELECT count(*) FROM reports_fts_docsize", &[]).unwrap().unwrap().int(0);
    assert_eq!(rows, verified);
}

#[test]
fn the_calendar_read_carries_the_schema_version() {
    let db = db();
    let (version, start) = reports::intake_start(&db).unwrap();
    let cal = start.calendar;
    assert_eq!(version, lapor_store::migrate::latest_version());
    assert_eq!(cal, reports::calendar(&db).unwrap(), "the same holidays as the plain read");
    let christmas = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    assert!(!cal.is_working_day(christmas), "the seeded holidays are there");
    // With no holidays at all the version still comes back (one row of NULL dates), and every weekday works.
    db.execute("DELETE FROM holidays", &[]).unwrap();
    let (version, start) = reports::intake_start(&db).unwrap();
    assert_eq!(version, lapor_store::migrate::latest_version());
    assert!(start.calendar.is_working_day(christmas));
    // A schema from before the holidays table: the read fails, so the caller migrates first.
    let old = NativeDb::memory();
    assert!(reports::intake_start(&old).is_err());
}

#[test]
fn the_tracking_read_carries_the_schema_version() {
    let db = db();
    let c = reports::create(&db, &valid("anonymous"), &mut ids(vec![77]), Some("h"), None, 1_700_000_000).unwrap();
    let latest = lapor_store::migrate::latest_version();
    let (version, found) = reports::find_checked(&db, c.tracking_id.as_str()).unwrap();
    assert_eq!(version, latest);
    assert_eq!(found, reports::find_by_tracking_id(&db, c.tracking_id.as_str()).unwrap());
    let found = found.expect("found");
    assert_eq!((found.id, found.reporter_name), (c.id, None), "anonymous: no name, as the plain read");
    let other = TrackingId::from_random(78u64.to_le_bytes());
    assert_eq!(reports::find_checked(&db, other.as_str()).unwrap(), (latest, None));
}
