//! The report workflow (verify → dispatch → assign → answer → citizen replies) against a real SQLite.

use chrono::NaiveDate;
use lapor_core::report::NewReport;
use lapor_core::roles::Role;
use lapor_core::verification::RejectReason;
use lapor_core::{Channel, Status, TrackingId};
use lapor_store::workflow::{self, StaffActor, Verification};
use lapor_store::{organisation, params, reports, Db};

mod common;

use common::db;

fn new_report(db: &dyn Db, seed: u64, region: Option<&str>, channel: Channel) -> i64 {
    let mut r: NewReport = serde_json::from_value(serde_json::json!({
        "kind": "pengaduan", "title": "Puskesmas tutup", "body": "Puskesmas Koba tutup pada jam kerja hari Senin.",
        "category": "kesehatan",
        "reporter": {"name": "Budi", "nik": "1771011708900001", "phone": "081234567890"}
    }))
    .unwrap();
    if let Some(code) = region {
        r.location = Some(lapor_core::report::LocationInput { region_code: Some(code.into()), ..Default::default() });
    }
    let mut v = r.validate_web(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()).unwrap();
    v.channel = channel;
    let mut ids = move || TrackingId::from_random(seed.to_le_bytes());
    reports::create(db, &v, &mut ids, None, Some(&format!("src-{seed}")), 0).unwrap().id
}

fn status(db: &dyn Db, id: i64) -> Status {
    Status::parse(&db.query_row("SELECT status FROM reports WHERE id = ?", params![id]).unwrap().unwrap().text(0))
        .unwrap()
}

fn outbox(db: &dyn Db) -> Vec<String> {
    db.execute("SELECT body FROM outbox ORDER BY id", &[]).unwrap().rows.iter().map(|r| r.text(0)).collect()
}

const ADMIN: StaffActor = StaffActor { account_id: 1, role: Role::NationalAdmin };
const INSTANSI: StaffActor = StaffActor { account_id: 2, role: Role::InstansiAdmin };
const LIAISON: StaffActor = StaffActor { account_id: 3, role: Role::OpdLiaison };

#[test]
fn the_whole_journey_with_colours_and_history() {
    let db = db();
    let id = new_report(&db, 1, Some("19.04"), Channel::Sms);
    let (queue, _) =
        workflow::verification_queue(&db, &lapor_core::verification::QueueQuery { limit: 50, ..Default::default() })
            .unwrap();
    assert_eq!(queue.len(), 1);
    assert!(queue[0].due_at.unwrap() > 0);

    let v = workflow::verify(&db, id, &ADMIN, &Verification::default(), 100).unwrap();
    assert_eq!(v.status, Status::Dispatched);
    assert_eq!(v.instansi_name.as_deref(), Some("Pemerintah Kabupaten Bangka Tengah"));
    assert_eq!(status(&db, id).color(), lapor_core::Color::Red);

    let bt = v.instansi_id.unwrap();
    let dinkes = organisation::find_opd_by_code(&db, bt, "dinkes").unwrap().unwrap();
    let other_instansi_opd = organisation::find_opd_by_code(&db, bt + 1, "dinkes").unwrap().unwrap();
    assert!(workflow::assign(&db, id, &INSTANSI, other_instansi_opd.id, 150).is_err(), "only the instansi's own OPDs");
    workflow::assign(&db, id, &INSTANSI, dinkes.id, 200).unwrap();
    assert_eq!(status(&db, id), Status::Assigned);
    assert_eq!(workflow::by_opd(&db, &[dinkes.id], 10).unwrap().len(), 1);

    workflow::request_extension(&db, id, &LIAISON, "menunggu anggaran", 250).unwrap();
    assert!(workflow::request_extension(&db, id, &LIAISON, "lagi", 251).is_err(), "one undecided request");
    let due =
        |db: &dyn Db| db.query_row("SELECT due_at FROM reports WHERE id = ?", params![id]).unwrap().unwrap().int(0);
    let before = due(&db);
    let decided = lapor_store::oversight::decide_extension(&db, id, &INSTANSI, true, None, 260).unwrap();
    assert!(decided.approved && decided.due_at.unwrap() > before);
    assert_eq!(due(&db), decided.due_at.unwrap());
    assert_eq!(
        workflow::answer(
            &db,
            id,
            &LIAISON,
            "Puskesmas buka lagi mulai besok.",
            Some(workflow::AnswerFile { public_id: "f1", mime: "application/pdf", data: b"%PDF-1.4", sha256: "00" }),
            300
        )
        .unwrap(),
        Status::InProgress
    );
    let r = workflow::citizen_reply(&db, id, Channel::Sms, "belum selesai, masih tutup", 400).unwrap();
    assert_eq!((r.from, r.to), (Status::InProgress, Status::InProgress));
    assert_eq!(workflow::answer(&db, id, &LIAISON, "Petugas sudah ditegur.", None, 500).unwrap(), Status::InProgress);
    workflow::citizen_accept(&db, id, Channel::Web, 600).unwrap();
    assert_eq!(status(&db, id), Status::Completed);

    let h = workflow::history(&db, id).unwrap();
    let kinds: Vec<(&str, Option<&str>)> = h.iter().map(|e| (e.kind.as_str(), e.to_status.as_deref())).collect();
    assert_eq!(
        kinds,
        vec![
            ("received", Some("received")),
            ("status", Some("verified")),
            ("status", Some("dispatched")),
            ("status", Some("assigned")),
            ("extension_requested", None),
            ("extension_granted", None),
            ("answer", None),
            ("status", Some("in_progress")),
            ("reply", None),
            ("answer", None),
            ("status", Some("completed")),
        ]
    );
    assert_eq!(h[6].attachments, vec!["f1".to_string()]);
    assert_eq!(h[6].role.as_deref(), Some("opd_liaison"));
    assert_eq!(h[6].actor, "staff:3");
    assert!(!h[4].public, "extension requests are internal");
    // SMS reporter: red, answer, yellow, answer, green.
    let out = outbox(&db);
    assert_eq!(out.iter().filter(|m| m.contains("Merah")).count(), 1, "{out:#?}");
    assert_eq!(out.iter().filter(|m| m.contains("dijawab")).count(), 2, "{out:#?}");
    assert!(out.iter().any(|m| m.contains("Kuning")) && out.last().unwrap().contains("Hijau"), "{out:#?}");

    // Not resolved after all: reopen → yellow.
    let r = workflow::citizen_reply(&db, id, Channel::Web, "ternyata tutup lagi", 700).unwrap();
    assert_eq!(r.to, Status::InProgress);
}

#[test]
fn unroutable_reports_wait_for_the_national_admin_and_can_be_sent_back() {
    let db = db();
    let id = new_report(&db, 2, None, Channel::Web);
    assert_eq!(workflow::verify(&db, id, &ADMIN, &Verification::default(), 10).unwrap().status, Status::Verified);
    assert_eq!(workflow::unrouted(&db, 10).unwrap().len(), 1);
    let kemenkes = organisation::list_instansi(&db, "kemenkes", None, 1).unwrap()[0].id;
    workflow::route(&db, id, &ADMIN, kemenkes, 20).unwrap();
    assert_eq!(status(&db, id), Status::Dispatched);
    workflow::send_back_to_national(&db, id, &INSTANSI, "bukan kewenangan kami", 30).unwrap();
    assert_eq!(status(&db, id), Status::Verified);
    assert_eq!(workflow::unrouted(&db, 10).unwrap().len(), 1);
}

#[test]
fn needs_info_reject_and_duplicate() {
    let db = db();
    let a = new_report(&db, 3, Some("19.04"), Channel::Sms);
    workflow::needs_info(&db, a, &ADMIN, "Puskesmas yang mana?", 10).unwrap();
    assert!(outbox(&db).last().unwrap().contains("Puskesmas yang mana?"));
    let r = workflow::citizen_reply(&db, a, Channel::Sms, "Puskesmas Koba", 20).unwrap();
    assert_eq!(r.to, Status::Received, "back in the queue");

    let b = new_report(&db, 4, Some("19.04"), Channel::Sms);
    let a_tid = db.query_row("SELECT tracking_id FROM reports WHERE id = ?", params![a]).unwrap().unwrap().text(0);
    workflow::mark_duplicate(&db, b, &ADMIN, &a_tid, 30).unwrap();
    assert_eq!(status(&db, b), Status::Duplicate);
    assert!(outbox(&db).last().unwrap().contains(&a_tid));
    assert!(workflow::citizen_reply(&db, b, Channel::Sms, "halo", 35).is_err());
    // The duplicate's reporter follows the original.
    let before = outbox(&db).len();
    workflow::verify(&db, a, &ADMIN, &Verification::default(), 40).unwrap();
    let msgs = db
        .execute("SELECT report_id, body FROM outbox ORDER BY id", &[])
        .unwrap()
        .rows
        .into_iter()
        .skip(before)
        .map(|r| r.int(0))
        .collect::<Vec<_>>();
    assert!(msgs.contains(&a) && msgs.contains(&b), "{msgs:?}");

    let c = new_report(&db, 5, None, Channel::Sms);
    assert!(workflow::mark_duplicate(&db, c, &ADMIN, "1111111111", 50).is_err());
    workflow::reject(&db, c, &ADMIN, RejectReason::Hoax, Some("foto hasil suntingan"), 60).unwrap();
    assert_eq!(status(&db, c), Status::Rejected);
    assert!(outbox(&db).last().unwrap().contains("hoaks"));
    assert!(workflow::verify(&db, c, &ADMIN, &Verification::default(), 70).is_err(), "closed reports stay closed");
}
