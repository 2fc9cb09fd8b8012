//! Notices (scope-addressed, read per account, urgent ones by SMS) and the mediation steps against a real SQLite.

use lapor_core::roles::{Assignment, Role, Staff};
use lapor_core::status::{Mediation, MediationOutcome};
use lapor_store::mediation::{self, Input};
use lapor_store::notices::{self, NewNotice};
use lapor_store::workflow::StaffActor;
use lapor_store::{params, Db};

mod common;

use common::db;

fn report(db: &dyn Db) -> i64 {
    common::sms_report(
        db,
        serde_json::json!({
            "kind": "pengaduan", "title": "Jalan rusak", "body": "Jalan di depan SDN 5 berlubang besar sejak bulan lalu.",
            "category": "infrastruktur",
            "reporter": {"name": "Budi", "nik": "1771011708900001", "phone": "081234567890"}
        }),
    )
}

fn staff(account_id: i64, role: Role, instansi_id: Option<i64>, opd_id: Option<i64>) -> Staff {
    Staff { account_id, assignments: vec![Assignment { id: account_id, role, instansi_id, opd_id }] }
}

/// An account with one active assignment and, optionally, a phone for urgent notices.
fn account(db: &dyn Db, id: i64, role: Role, instansi: Option<i64>, opd: Option<i64>, phone: Option<&str>) {
    db.execute(
        "INSERT INTO accounts (id, email, name, password_hash, created_at, notice_phone) VALUES (?, ?, 'x', 'x', 0, ?)",
        params![id, format!("a{id}@example.go.id"), phone],
    )
    .unwrap();
    db.execute(
        "INSERT INTO assignments (account_id, role, instansi_id, opd_id, created_at) VALUES (?, ?, ?, ?, 0)",
        params![id, role.as_str(), instansi, opd],
    )
    .unwrap();
}

#[test]
fn notices_are_read_in_scope_and_per_account_and_urgent_ones_go_out_by_sms() {
    let db = db();
    let rid = report(&db);
    let bt = lapor_store::organisation::instansi_for_region(&db, "19.04").unwrap().unwrap();
    let opds = lapor_store::organisation::list_opds(&db, bt).unwrap();
    let (opd, other_opd) = (opds[0].id, opds[1].id);
    account(&db, 10, Role::OpdLiaison, Some(bt), Some(opd), Some("+6281200000010"));
    account(&db, 11, Role::OpdLiaison, Some(bt), Some(opd), None);
    account(&db, 12, Role::OpdLiaison, Some(bt), Some(other_opd), Some("+6281200000012"));
    account(&db, 13, Role::InstansiAdmin, Some(bt), None, Some("+6281200000013"));
    let n = |kind: &'static str, audience: Role| NewNotice {
        report_id: rid,
        audience,
        instansi_id: Some(bt),
        opd_id: Some(opd),
        kind,
        body: "Batas waktu laporan #X terlewati.",
    };
    notices::add(&db, &n("sla_warning", Role::OpdLiaison), 100).unwrap();
    let breach = notices::add(&db, &n("sla_breach", Role::OpdLiaison), 200).unwrap();
    notices::add(&db, &n("sla_breach", Role::InstansiAdmin), 200).unwrap();

    let liaison = staff(10, Role::OpdLiaison, Some(bt), Some(opd));
    let successor = staff(11, Role::OpdLiaison, Some(bt), Some(opd));
    let other = staff(12, Role::OpdLiaison, Some(bt), Some(other_opd));
    let admin = staff(13, Role::InstansiAdmin, Some(bt), None);
    let list = notices::list(&db, &liaison, false, 10).unwrap();
    assert_eq!(list.iter().map(|l| l.kind.as_str()).collect::<Vec<_>>(), ["sla_breach", "sla_warning"]);
    assert_eq!(notices::unread_count(&db, &successor).unwrap(), 2, "whoever holds the role reads them");
    assert_eq!(notices::unread_count(&db, &other).unwrap(), 0);
    assert_eq!(notices::unread_count(&db, &admin).unwrap(), 1);
    assert!(notices::mark_read(&db, &other, breach, 300).is_err(), "not theirs");
    assert!(notices::mark_read(&db, &admin, breach, 300).is_err(), "another role's");
    notices::mark_read(&db, &liaison, breach, 300).unwrap();
    notices::mark_read(&db, &liaison, breach, 301).unwrap();
    assert_eq!(notices::unread_count(&db, &liaison).unwrap(), 1);
    assert_eq!(notices::unread_count(&db, &successor).unwrap(), 2, "read per account");
    assert_eq!(notices::mark_all_read(&db, &successor, 400).unwrap(), 2);
    assert_eq!(notices::unread_count(&db, &successor).unwrap(), 0);

    // Only urgent notices, only to readers with a phone, once each.
    let sms: Vec<String> = db
        .execute("SELECT recipient FROM outbox WHERE channel = 'sms' AND dedupe_key LIKE 'staff-notice:%' ORDER BY recipient", &[])
        .unwrap()
        .rows
        .iter()
        .map(|r| r.text(0))
        .collect();
    assert_eq!(sms, ["+6281200000010", "+6281200000013"]);
}

#[test]
fn mediation_steps_follow_the_rules_and_tell_the_reporter() {
    let db = db();
    let rid = report(&db);
    let o = StaffActor { account_id: 5, role: Role::Ombudsman };
    assert!(mediation::step(&db, rid, &o, Input::Close, 10).is_err());
    assert_eq!(mediation::step(&db, rid, &o, Input::TakeUp, 10).unwrap(), Mediation::Mediating);
    assert!(mediation::step(&db, rid, &o, Input::TakeUp, 11).is_err());
    mediation::step(&db, rid, &o, Input::RequestInfo("Mengapa?"), 12).unwrap();
    let outcome = Input::Outcome(MediationOutcome::Resolved, None);
    assert_eq!(mediation::step(&db, rid, &o, outcome, 13).unwrap(), Mediation::OutcomeRecorded);
    assert_eq!(mediation::step(&db, rid, &o, Input::Close, 14).unwrap(), Mediation::Closed);
    let s = mediation::state(&db, rid).unwrap().unwrap();
    assert_eq!((s.stage, s.outcome), (Mediation::Closed, Some(MediationOutcome::Resolved)));
    let to_reporter =
        db.query_row("SELECT count(*) FROM outbox WHERE dedupe_key LIKE 'mediation:%'", &[]).unwrap().unwrap().int(0);
    assert_eq!(to_reporter, 4, "take up, information request, outcome, close");
}
