//! Staff accounts, sessions, assignments and the default organisation against a real SQLite.

use lapor_core::roles::{Action, ReportScope, Role};
use lapor_core::{password, session, Status, Visibility};
use lapor_store::native::NativeDb;
use lapor_store::{organisation, params, staff, Db};

mod common;

use common::db;

fn bangka_tengah(db: &dyn Db) -> i64 {
    organisation::instansi_for_region(db, "19.04").unwrap().expect("Bangka Tengah is an instansi")
}

#[test]
fn every_region_has_default_opds_and_an_inspektorat() {
    let db = db();
    let regional = db
        .query_row("SELECT count(*) FROM instansi WHERE kind IN ('province', 'regency')", &[])
        .unwrap()
        .unwrap()
        .int(0);
    assert_eq!(regional, 38 + 514);
    let inspektorat = db.query_row("SELECT count(*) FROM opds WHERE is_inspektorat = 1", &[]).unwrap().unwrap().int(0);
    let all = db.query_row("SELECT count(*) FROM instansi", &[]).unwrap().unwrap().int(0);
    assert_eq!(inspektorat, all, "one Inspektorat per instansi");
    let opds = organisation::list_opds(&db, bangka_tengah(&db)).unwrap();
    for (code, name) in lapor_core::organisation::DEFAULT_OPDS {
        assert!(opds.iter().any(|o| o.code == *code && o.name == *name), "{code}");
    }
    assert_eq!(opds.last().unwrap().name, "Inspektorat Kabupaten Bangka Tengah");
    let kemenkes = organisation::list_instansi(&db, "Kesehatan", Some("ministry"), 10).unwrap();
    assert_eq!(kemenkes.len(), 1);
}

#[test]
fn opds_are_editable() {
    let db = db();
    let bt = bangka_tengah(&db);
    let id = organisation::create_opd(&db, bt, "diskominfo", "Dinas Komunikasi dan Informatika").unwrap();
    assert!(organisation::create_opd(&db, bt, "diskominfo", "again").is_err());
    organisation::update_opd(&db, id, Some("Diskominfo"), Some(false)).unwrap();
    let o = organisation::get_opd(&db, id).unwrap().unwrap();
    assert_eq!((o.name.as_str(), o.active), ("Diskominfo", false));
}

#[test]
fn sessions_authenticate_until_expiry_or_logout() {
    let db = db();
    let hash = password::hash("kata sandi panjang", [1; 16]);
    let acc = new_account(&db, "budi@example.id", &hash);
    assert!(
        staff::create_account(&db, "system", None, &account("budi@example.id", &hash), ombudsman(), 100).is_err(),
        "e-mail unique"
    );
    let (found, stored) = staff::find_for_login(&db, "BUDI@example.id").unwrap().unwrap();
    assert_eq!(found.id, acc);
    assert!(password::verify("kata sandi panjang", &stored));
    let exp = staff::create_session(&db, acc, "tok-1", 1000).unwrap();
    assert_eq!(exp, 1000 + session::TTL_SECS);
    assert!(staff::authenticate(&db, "tok-1", 1001).unwrap().is_some());
    assert!(staff::authenticate(&db, "tok-2", 1001).unwrap().is_none());
    assert!(staff::authenticate(&db, "tok-1", exp).unwrap().is_none(), "expired");
    staff::create_session(&db, acc, "tok-3", 2000).unwrap();
    assert!(staff::revoke_session(&db, "tok-3", 2001).unwrap());
    assert!(staff::authenticate(&db, "tok-3", 2002).unwrap().is_none(), "logged out");
    let stored_hash = db.query_row("SELECT token_hash FROM sessions LIMIT 1", &[]).unwrap().unwrap().text(0);
    assert_eq!(stored_hash.len(), 64, "only the SHA-256 is stored");
}

#[test]
fn moving_a_liaison_assignment_moves_access_at_once_and_is_in_both_histories() {
    let db = db();
    let bt = bangka_tengah(&db);
    let dinkes = organisation::find_opd_by_code(&db, bt, "dinkes").unwrap().unwrap();
    let a = new_account(&db, "lama@bateng.go.id", "x");
    let b = new_account(&db, "baru@bateng.go.id", "x");
    let liaison = staff::Grant { role: Role::OpdLiaison, instansi_id: None, opd_id: Some(dinkes.id) };
    let asg = staff::assign(&db, "staff:9", Some(9), a, liaison, 10).unwrap();
    staff::create_session(&db, a, "ta", 10).unwrap();
    staff::create_session(&db, b, "tb", 10).unwrap();
    let report = ReportScope {
        status: Status::Assigned,
        visibility: Visibility::Public,
        instansi_id: Some(bt),
        opd_id: Some(dinkes.id),
        escalated: false,
        province_instansi_id: None,
    };
    let old = staff::authenticate(&db, "ta", 20).unwrap().unwrap();
    let held = old.assignments.iter().find(|s| s.role == Role::OpdLiaison).unwrap();
    assert_eq!(held.instansi_id, Some(bt), "the OPD's instansi is recorded");
    assert!(old.authorize(Action::Answer, &report).is_some());
    assert!(staff::authenticate(&db, "tb", 20).unwrap().unwrap().authorize(Action::View, &report).is_none());

    let new_id = staff::move_assignment(&db, "staff:9", Some(9), asg, staff::MoveTo::Account(b), 30).unwrap();
    assert!(staff::authenticate(&db, "ta", 31).unwrap().unwrap().authorize(Action::View, &report).is_none());
    assert!(staff::authenticate(&db, "tb", 31).unwrap().unwrap().authorize(Action::Answer, &report).is_some());
    let ha = staff::account_history(&db, a).unwrap();
    let hb = staff::account_history(&db, b).unwrap();
    assert!(ha.iter().any(|e| e.kind == "moved_away" && e.assignment_id == Some(asg)));
    assert!(hb.iter().any(|e| e.kind == "moved_in" && e.assignment_id == Some(new_id)));
    assert!(
        staff::move_assignment(&db, "staff:9", Some(9), asg, staff::MoveTo::Account(b), 40).is_err(),
        "an ended assignment cannot move"
    );
    assert!(db.execute("DELETE FROM staff_events", &[]).is_err(), "audit is append-only");
    assert!(db.execute("UPDATE staff_events SET kind = 'x'", &[]).is_err());
}

#[test]
fn bootstrap_creates_one_national_admin() {
    let db = db();
    assert!(!staff::national_admin_exists(&db).unwrap());
    assert!(staff::bootstrap_national_admin(&db, "admin@lapor.go.id", "h", 1).unwrap());
    assert!(!staff::bootstrap_national_admin(&db, "admin@lapor.go.id", "h", 2).unwrap());
    assert!(!staff::bootstrap_national_admin(&db, "other@lapor.go.id", "h", 3).unwrap());
    let n = db.query_row("SELECT count(*) FROM assignments WHERE role = 'national_admin'", params![]).unwrap().unwrap();
    assert_eq!(n.int(0), 1);
    // Even with no national admin left, it never happens again.
    db.execute("UPDATE assignments SET active = 0", &[]).unwrap();
    assert!(!staff::national_admin_exists(&db).unwrap());
    assert!(!staff::bootstrap_national_admin(&db, "admin@lapor.go.id", "h", 4).unwrap());
    assert!(!staff::bootstrap_national_admin(&db, "other@lapor.go.id", "h", 5).unwrap());
    assert!(!staff::national_admin_exists(&db).unwrap());
}

#[test]
fn an_account_is_created_with_its_role_or_not_at_all() {
    let db = db();
    // The role's instansi does not exist: nothing is left behind, and the address stays free.
    let bad = staff::Grant { role: Role::InstansiAdmin, instansi_id: Some(999_999), opd_id: None };
    assert!(staff::create_account(&db, "staff:1", Some(1), &account("baru@lapor.go.id", "h"), bad, 1).is_err());
    assert!(staff::find_by_email(&db, "baru@lapor.go.id").unwrap().is_none());
    let good = staff::Grant { role: Role::InstansiAdmin, instansi_id: Some(bangka_tengah(&db)), opd_id: None };
    let (id, assignment) =
        staff::create_account(&db, "staff:1", Some(1), &account("baru@lapor.go.id", "h"), good, 2).unwrap();
    assert_eq!(staff::get_account(&db, id).unwrap().unwrap().created_by, Some(1));
    assert_eq!(staff::active_assignments(&db, id).unwrap()[0].id, assignment);
}

#[test]
fn an_instansi_is_created_with_its_inspektorat_or_not_at_all() {
    let db = db();
    db.execute(
        "CREATE TRIGGER fail_inspektorat BEFORE INSERT ON opds WHEN NEW.is_inspektorat = 1 \
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
        &[],
    )
    .unwrap();
    assert!(organisation::create_instansi(&db, "kemenbaru", "Kementerian Baru", "ministry", "WIB").is_err());
    assert!(organisation::list_instansi(&db, "kemenbaru", None, 5).unwrap().is_empty(), "no half-made instansi");
    db.execute("DROP TRIGGER fail_inspektorat", &[]).unwrap();
    let id = organisation::create_instansi(&db, "kemenbaru", "Kementerian Baru", "ministry", "WIB").unwrap();
    assert!(organisation::list_opds(&db, id).unwrap().iter().any(|o| o.is_inspektorat));
}

fn account<'a>(email: &'a str, hash: &'a str) -> staff::NewAccount<'a> {
    staff::NewAccount { email, name: "Petugas", password_hash: hash, phone: None, link: None }
}

fn ombudsman() -> staff::Grant {
    staff::Grant { role: Role::Ombudsman, instansi_id: None, opd_id: None }
}

/// An account (with an Ombudsman role, which needs no organisation) and its id.
fn new_account(db: &NativeDb, email: &str, hash: &str) -> i64 {
    staff::create_account(db, "system", None, &account(email, hash), ombudsman(), 0).unwrap().0
}
