//! Set-password links, password changes, deactivation and the audit scope against a real SQLite.

use lapor_core::roles::Role;
use lapor_core::secret::hash_token;
use lapor_store::credentials::{self, LinkDelivery, LinkPurpose};
use lapor_store::native::NativeDb;
use lapor_store::{organisation, staff, Db};

mod common;

use common::db;

fn link<'a>(token_hash: &'a str, expires_at: i64, sms: Option<&'a str>) -> LinkDelivery<'a> {
    LinkDelivery { token_hash, purpose: LinkPurpose::NewAccount, created_by: None, expires_at, sms_body: sms }
}

/// A liaison of Bangka Tengah's Dinas Kesehatan with no password yet, its link `token` valid until 100.
fn liaison(db: &NativeDb, token: &str, phone: Option<&str>) -> (i64, i64) {
    let bt = organisation::instansi_for_region(db, "19.04").unwrap().unwrap();
    let dinkes = organisation::list_opds(db, bt).unwrap().into_iter().find(|o| o.code == "dinkes").unwrap().id;
    let hash = hash_token(token);
    let l = link(&hash, 100, Some("tautan"));
    let account = staff::NewAccount { email: "p@bateng.go.id", name: "P", password_hash: "", phone, link: Some(l) };
    let grant = staff::Grant { role: Role::OpdLiaison, instansi_id: None, opd_id: Some(dinkes) };
    let (id, _) = staff::create_account(db, "staff:1", Some(1), &account, grant, 10).unwrap();
    (id, bt)
}

fn count(db: &NativeDb, sql: &str) -> i64 {
    db.query_row(sql, &[]).unwrap().unwrap().int(0)
}

#[test]
fn a_link_sets_the_password_once_before_it_expires() {
    let db = db();
    let (id, _) = liaison(&db, "tok", None);
    assert_eq!(count(&db, "SELECT count(*) FROM outbox"), 0, "no phone, no SMS");
    assert_eq!(credentials::link_account(&db, &hash_token("tok"), 100).unwrap(), None, "expired at 100");
    assert_eq!(credentials::link_account(&db, &hash_token("tok"), 99).unwrap(), Some(id));
    staff::create_session(&db, id, "s1", 20).unwrap();
    assert_eq!(credentials::set_password_by_link(&db, &hash_token("tok"), "$h1", 30).unwrap(), Some(id));
    assert_eq!(credentials::password_hash(&db, id).unwrap().as_deref(), Some("$h1"));
    assert!(staff::authenticate(&db, "s1", 31).unwrap().is_none(), "sessions end");
    assert_eq!(credentials::set_password_by_link(&db, &hash_token("tok"), "$h2", 31).unwrap(), None, "once");
    assert_eq!(credentials::password_hash(&db, id).unwrap().as_deref(), Some("$h1"));
}

#[test]
fn a_reset_voids_the_old_password_and_links_and_goes_by_sms_with_a_phone() {
    let db = db();
    let (id, _) = liaison(&db, "first", Some("+6281200000001"));
    assert_eq!(count(&db, "SELECT count(*) FROM outbox WHERE recipient = '+6281200000001' AND body = 'tautan'"), 1);
    credentials::set_password_by_link(&db, &hash_token("first"), "$h1", 20).unwrap();
    staff::create_session(&db, id, "s", 20).unwrap();
    credentials::reset_password(&db, "staff:2", id, &link(&hash_token("second"), 200, Some("lagi")), 30).unwrap();
    assert_eq!(credentials::password_hash(&db, id).unwrap().as_deref(), Some(""));
    assert!(staff::authenticate(&db, "s", 31).unwrap().is_none());
    assert_eq!(count(&db, "SELECT count(*) FROM outbox WHERE recipient = '+6281200000001'"), 2);
    // A third link voids the second.
    credentials::reset_password(&db, "staff:2", id, &link(&hash_token("third"), 200, None), 40).unwrap();
    assert_eq!(credentials::link_account(&db, &hash_token("second"), 41).unwrap(), None);
    assert_eq!(credentials::link_account(&db, &hash_token("third"), 41).unwrap(), Some(id));
}

#[test]
fn deactivation_ends_sessions_and_roles_and_keeps_the_scope_for_reactivation() {
    let db = db();
    let (id, bt) = liaison(&db, "tok", None);
    credentials::set_password_by_link(&db, &hash_token("tok"), "$h", 20).unwrap();
    staff::create_session(&db, id, "s", 20).unwrap();
    assert!(staff::authenticate(&db, "s", 21).unwrap().is_some());
    credentials::deactivate(&db, "staff:2", id, 30).unwrap();
    assert!(staff::authenticate(&db, "s", 31).unwrap().is_none());
    assert!(staff::active_roles(&db, id).unwrap().is_empty());
    assert!(credentials::deactivate(&db, "staff:2", id, 32).is_err(), "already inactive");
    let recent = credentials::recent_roles(&db, id).unwrap();
    assert_eq!((recent.len(), recent[0].role, recent[0].instansi_id), (1, Role::OpdLiaison, Some(bt)));
    // It is still a candidate of the instansi's scope, with those roles; its audit lines stay.
    assert_eq!(credentials::recent_roles_ever_in(&db, bt).unwrap(), vec![(id, recent.clone())]);
    assert!(credentials::recent_roles_ever_in(&db, bt + 1).unwrap().is_empty());
    let kinds: Vec<String> = credentials::events(&db, Some(&[id]), 50).unwrap().into_iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&"deactivated".to_string()) && kinds.contains(&"account_created".to_string()), "{kinds:?}");
    assert!(credentials::events(&db, Some(&[id + 1000]), 50).unwrap().is_empty());
    assert!(credentials::events(&db, Some(&[]), 50).unwrap().is_empty());
    credentials::reactivate(&db, "staff:2", id, 40).unwrap();
    assert!(staff::get_account(&db, id).unwrap().unwrap().active);
    // A password change keeps the current session only.
    staff::create_session(&db, id, "a", 41).unwrap();
    staff::create_session(&db, id, "b", 41).unwrap();
    credentials::change_password(&db, id, &hash_token("a"), "$new", 42).unwrap();
    assert!(staff::authenticate(&db, "a", 43).unwrap().is_some());
    assert!(staff::authenticate(&db, "b", 43).unwrap().is_none());
}
