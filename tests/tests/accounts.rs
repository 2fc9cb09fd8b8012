//! Staff accounts that outlive transfers (issue 15): one-time set-password links instead of passwords an
//! admin knows, the owner's password change, reset, deactivation mid-session, the handover page that offers
//! to deactivate the old account, and the audit of an admin's scope — end to end over HTTP.

use crate::staff_support;

use lapor_e2e::{Resp, TestApp};
use serde_json::{json, Value};
use staff_support::*;

const LOGIN: &str = "/api/v1/auth/login";

fn login_status(app: &lapor_e2e::TestApp, email: &str, password: &str) -> u16 {
    app.post_json(LOGIN, &json!({ "email": email, "password": password })).status
}

/// Posts a console form with the page's anti-forgery value.
fn post_form(
    app: &lapor_e2e::TestApp,
    path: &str,
    token: &str,
    csrf: &str,
    fields: &[(&str, &str)],
) -> lapor_e2e::Resp {
    let mut all = vec![("csrf", csrf)];
    all.extend_from_slice(fields);
    let body = lapor_e2e::form_encode(&all);
    let cookie = format!("lapor_staff={token}");
    let headers = [("cookie", cookie.as_str()), ("content-type", "application/x-www-form-urlencoded")];
    app.request("POST", path, &headers, body.as_bytes())
}

fn csrf_of(html: &str) -> String {
    html.split("name=\"csrf\" value=\"").nth(1).expect("csrf field").split('"').next().unwrap().to_string()
}

fn events(app: &lapor_e2e::TestApp, token: &str) -> Vec<Value> {
    let r = call(app, "GET", "/api/v1/admin/events", token, None);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["events"].as_array().unwrap().clone()
}

/// An admin resets an account's password (`POST /api/v1/admin/accounts/{id}/reset-password`).
fn reset_password(app: &TestApp, token: &str, account: i64) -> Resp {
    call(app, "POST", &format!("/api/v1/admin/accounts/{account}/reset-password"), token, None)
}

#[test]
fn a_reset_link_works_once_and_expires() {
    let mut app = app();
    let org = organisation(&app);
    let email = "penghubung.dinkes@bangkatengahkab.go.id";
    // The instansi admin resets the liaison's password: the old one stops working, the open session ends.
    let r = reset_password(&app, &org.instansi_admin, org.liaison_id);
    assert_eq!(r.status, 200, "{}", r.text());
    let link = r.json()["set_password"].clone();
    assert_eq!(link["sent_by_sms"], false);
    assert!(link["url"].as_str().unwrap().ends_with(&format!("/staff/atur-sandi/{}", link["token"].as_str().unwrap())));
    assert_eq!(login_status(&app, email, &password_of(email)), 401);
    assert_eq!(call(&app, "GET", "/api/v1/opd/inbox", &org.liaison, None).status, 401);
    // Only its hash is stored.
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    let token = link["token"].as_str().unwrap();
    let stored: i64 =
        conn.query_row("SELECT count(*) FROM password_links WHERE token_hash = ?", [token], |r| r.get(0)).unwrap();
    assert_eq!(stored, 0, "the token itself is never stored");

    // The page shows the form; a common password is refused and nothing is used up.
    assert_eq!(app.get(&format!("/staff/atur-sandi/{token}")).status, 200);
    let r = app.post_json("/api/v1/auth/set-password", &json!({ "token": token, "password": "Password123" }));
    assert_eq!((r.status, r.json()["error"]["fields"][0]["code"].clone()), (422, json!("too_common")), "{}", r.text());
    // It works once ...
    set_password(&app, token, "burung-hantu-di-koba");
    let fresh = login(&app, email, "burung-hantu-di-koba");
    assert_eq!(call(&app, "GET", "/api/v1/opd/inbox", &fresh, None).status, 200);
    // ... and never again (replay), by the API or the page.
    let r =
        app.post_json("/api/v1/auth/set-password", &json!({ "token": token, "password": "penyusup-mengambil-alih" }));
    assert_eq!(
        (r.status, r.json()["error"]["fields"][0]["code"].clone()),
        (422, json!("link_unusable")),
        "{}",
        r.text()
    );
    assert_eq!(app.get(&format!("/staff/atur-sandi/{token}")).status, 410);
    assert_eq!(login_status(&app, email, "penyusup-mengambil-alih"), 401);
    // A forged token is refused the same way.
    let r = app.post_json(
        "/api/v1/auth/set-password",
        &json!({ "token": "A".repeat(43), "password": "penyusup-mengambil-alih" }),
    );
    assert_eq!(r.status, 422, "{}", r.text());

    // A second reset's link expires after 24 hours.
    let r = reset_password(&app, &org.instansi_admin, org.liaison_id);
    let late = link_token(&r.json());
    app.set_variable("now", "2026-12-01T02:00:01Z");
    let r = app.post_json("/api/v1/auth/set-password", &json!({ "token": late, "password": "terlambat-sehari-penuh" }));
    assert_eq!(
        (r.status, r.json()["error"]["fields"][0]["code"].clone()),
        (422, json!("link_unusable")),
        "{}",
        r.text()
    );
    assert_eq!(login_status(&app, email, "terlambat-sehari-penuh"), 401);

    // Out of scope: a liaison resets no one, and an instansi admin never resets the national admin.
    let other = login_as(&app, "penghubung.dishub@bangkatengahkab.go.id");
    let r = reset_password(&app, &other, org.liaison_id);
    assert_eq!(r.status, 404, "{}", r.text());
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let me = call(&app, "GET", "/api/v1/auth/me", &admin, None).json()["account"]["id"].as_i64().unwrap();
    let instansi_admin = login_as(&app, "admin@bangkatengahkab.go.id");
    let r = reset_password(&app, &instansi_admin, me);
    assert_eq!(r.status, 404, "an instansi admin never resets a national admin: {}", r.text());
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD); // still signs in (asserts 200)
}

#[test]
fn an_admin_cannot_sign_in_as_a_liaison_they_created() {
    let app = app();
    let org = organisation(&app);
    let email = "penghubung.disdik@bangkatengahkab.go.id";
    let assignment = json!({ "role": "opd_liaison", "opd_id": org.dinkes });
    // An admin may not choose the password.
    let with_password = json!({ "email": email, "name": "Penghubung Disdik", "password": "sandi-yang-admin-tahu", "assignment": assignment });
    let r = post_account(&app, &org.instansi_admin, with_password);
    assert_eq!((r.status, r.json()["error"]["fields"][0]["code"].clone()), (422, json!("not_allowed")), "{}", r.text());
    // With the owner's phone, the link goes by SMS (through the outbox): the admin never sees it.
    let with_phone =
        json!({ "email": email, "name": "Penghubung Disdik", "phone": "0812-7777-0001", "assignment": assignment });
    let r = post_account(&app, &org.instansi_admin, with_phone);
    assert_eq!(r.status, 201, "{}", r.text());
    let body = r.json();
    assert_eq!(body["set_password"]["sent_by_sms"], true);
    assert!(body["set_password"].get("token").is_none() && !r.text().contains("/staff/atur-sandi/"), "{body}");
    assert!(!r.text().contains("0812") && !r.text().contains("+62812"), "the phone is not echoed: {body}");
    // The account has no password until its owner sets one: nothing the admin tries gets in.
    for guess in ["", "sandi-yang-admin-tahu", "penghubung.disdik@bangkatengahkab.go.id-sandi"] {
        assert_eq!(login_status(&app, email, guess), 401, "{guess:?}");
    }
    // The SMS carries the link to the owner's phone.
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    let sms: String = conn
        .query_row("SELECT body FROM outbox WHERE recipient = '+6281277770001' AND channel = 'sms'", [], |r| r.get(0))
        .unwrap();
    let token = sms.split("/staff/atur-sandi/").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    set_password(&app, &token, "pilihan-pemilik-sendiri");
    assert_eq!(login_status(&app, email, "pilihan-pemilik-sendiri"), 200);
    // A reset of an account with a phone also goes by SMS only.
    let id = body["account"]["id"].as_i64().unwrap();
    let r = reset_password(&app, &org.instansi_admin, id);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["set_password"],
        json!({ "sent_by_sms": true, "expires_at": r.json()["set_password"]["expires_at"] })
    );
    let n: i64 =
        conn.query_row("SELECT count(*) FROM outbox WHERE recipient = '+6281277770001'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 2);
    assert_eq!(login_status(&app, email, "pilihan-pemilik-sendiri"), 401);
}

#[test]
fn a_transferred_liaisons_account_deactivated_mid_session_loses_access_on_the_next_request() {
    let app = app();
    let org = organisation(&app);
    let (tid, _) = citizen_report(&app, "public");
    // The liaison works in an open session.
    assert_eq!(call(&app, "GET", "/api/v1/opd/inbox", &org.liaison, None).status, 200);
    // Out of scope: another liaison, and a second session of the liaison itself, cannot switch accounts off.
    let r =
        call(&app, "POST", &format!("/api/v1/admin/accounts/{}/deactivate", org.liaison_id), &org.other_liaison, None);
    assert_eq!(r.status, 404, "{}", r.text());
    let r = call(&app, "POST", &format!("/api/v1/admin/accounts/{}/deactivate", org.liaison_id), &org.liaison, None);
    assert_eq!(r.status, 404, "nobody deactivates themselves: {}", r.text());
    // The instansi admin deactivates it.
    let r =
        call(&app, "POST", &format!("/api/v1/admin/accounts/{}/deactivate", org.liaison_id), &org.instansi_admin, None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["account"]["active"], false);
    assert_eq!(r.json()["assignments"], json!([]));
    // The very next request of the open session is refused; signing in again too.
    assert_eq!(call(&app, "GET", "/api/v1/opd/inbox", &org.liaison, None).status, 401);
    assert_eq!(call(&app, "GET", &format!("/api/v1/opd/reports/{tid}"), &org.liaison, None).status, 401);
    let email = "penghubung.dinkes@bangkatengahkab.go.id";
    assert_eq!(login_status(&app, email, &password_of(email)), 401);
    // Deactivating twice: nothing to do.
    let r =
        call(&app, "POST", &format!("/api/v1/admin/accounts/{}/deactivate", org.liaison_id), &org.instansi_admin, None);
    assert_eq!(r.status, 404, "{}", r.text());
    // History stays: the national admin reads the account's trail.
    let r = call(&app, "GET", &format!("/api/v1/admin/accounts/{}", org.liaison_id), &org.admin, None);
    let kinds: Vec<Value> = r.json()["history"].as_array().unwrap().iter().map(|e| e["kind"].clone()).collect();
    assert!(kinds.contains(&json!("account_created")) && kinds.contains(&json!("deactivated")), "{kinds:?}");
    assert!(kinds.contains(&json!("unassigned")), "its assignment ended: {kinds:?}");
    // The admin's account page still lists it, deactivated, with the reactivation form.
    let html = page(&app, "/staff/akun", &org.instansi_admin).text();
    assert!(html.contains("Penghubung Dinkes") && html.contains("nonaktif"), "{html}");
    assert!(html.contains(&format!("/staff/akun/{}/aktifkan", org.liaison_id)), "{html}");
    assert!(!html.contains(ADMIN_EMAIL), "never the national admin's account");
    // The instansi admin may reactivate it (it comes back without roles; the old password works again).
    let r =
        call(&app, "POST", &format!("/api/v1/admin/accounts/{}/reactivate", org.liaison_id), &org.instansi_admin, None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["account"]["active"], true);
    let back = login_as(&app, email);
    assert_eq!(call(&app, "GET", "/api/v1/opd/inbox", &back, None).status, 403, "no role any more");
    // The audit in the instansi admin's scope records it; the liaison may not read the audit.
    let list = events(&app, &org.instansi_admin);
    for kind in ["deactivated", "reactivated", "account_created"] {
        assert!(list.iter().any(|e| e["kind"] == kind && e["account_id"] == org.liaison_id), "{kind}: {list:?}");
    }
    let admin_id = call(&app, "GET", "/api/v1/auth/me", &org.admin, None).json()["account"]["id"].clone();
    assert!(!list.iter().any(|e| e["account_id"] == admin_id), "the national admin's events are out of scope");
    assert_eq!(call(&app, "GET", "/api/v1/admin/events", &org.other_liaison, None).status, 403);
    assert!(events(&app, &org.admin).iter().any(|e| e["kind"] == "deactivated"));
    let audit = page(&app, "/staff/audit", &org.instansi_admin);
    assert_eq!(audit.status, 200);
    assert!(audit.text().contains("akun dinonaktifkan") && !audit.text().contains(">deactivated<"), "{}", audit.text());
}

/// An admin switches an account off or on (`POST /api/v1/admin/accounts/{id}/deactivate` or `/reactivate`).
fn switch(app: &TestApp, token: &str, account: i64, to: &str) -> Resp {
    call(app, "POST", &format!("/api/v1/admin/accounts/{account}/{to}"), token, None)
}

/// The id of an account's active assignment at `opd`, as the national admin reads it.
fn assignment_at(app: &TestApp, national: &str, account: i64, opd: i64) -> i64 {
    let a = call(app, "GET", &format!("/api/v1/admin/accounts/{account}"), national, None).json();
    let list = a["assignments"].as_array().unwrap().clone();
    list.iter().find(|s| s["opd_id"] == opd).unwrap_or_else(|| panic!("no role at {opd}: {a}"))["id"].as_i64().unwrap()
}

/// Whether account `id` is in the account list (`GET /api/v1/admin/accounts`) of the signed-in `token`.
fn listed(app: &TestApp, token: &str, id: i64) -> bool {
    let list = call(app, "GET", "/api/v1/admin/accounts", token, None).json();
    list["accounts"].as_array().unwrap().iter().any(|a| a["id"] == id)
}

/// The national admin transfers a liaison to Kota Bengkulu's Dinas Kesehatan: a role there, the one at `from`
/// ended. Returns (Kota Bengkulu's id, its Dinas Kesehatan's id).
fn transfer_to_kota_bengkulu(app: &TestApp, org: &Org, account: i64, from: i64) -> (i64, i64) {
    let kota = instansi_id(app, &org.admin, "Kota Bengkulu");
    let dinkes = opd_id(app, &org.admin, kota, "dinkes");
    let role = json!({ "account_id": account, "role": "opd_liaison", "opd_id": dinkes });
    let r = post_as(app, &org.admin, "/api/v1/admin/assignments", role);
    assert_eq!(r.status, 201, "{}", r.text());
    let old = assignment_at(app, &org.admin, account, from);
    let r = call(app, "POST", &format!("/api/v1/admin/assignments/{old}/end"), &org.admin, None);
    assert_eq!(r.status, 200, "{}", r.text());
    (kota, dinkes)
}

/// Issue 28, finding 6: an instansi admin still read, in the staff audit, the sign-ins and new roles of an
/// account that had moved to another instansi (whose look-up already answered 404). The audit follows the
/// look-up's rule: an account's events are in it while the account belongs to the admin's instansi.
#[test]
fn the_audit_leaves_out_an_account_that_moved_to_another_instansi() {
    let app = app();
    let org = organisation(&app);
    let mine = |e: &Value| e["account_id"] == org.liaison_id;
    assert!(events(&app, &org.instansi_admin).iter().any(|e| mine(e) && e["kind"] == "login"), "a liaison of theirs");
    // The Dinkes liaison is transferred to Kota Bengkulu and signs in there.
    transfer_to_kota_bengkulu(&app, &org, org.liaison_id, org.dinkes);
    login_as(&app, LIAISON_EMAIL);
    // Bangka Tengah's admin: the account is closed, and so is its trail (no sign-in, no new role, nothing).
    let r = call(&app, "GET", &format!("/api/v1/admin/accounts/{}", org.liaison_id), &org.instansi_admin, None);
    assert_eq!(r.status, 404, "{}", r.text());
    let list = events(&app, &org.instansi_admin);
    assert!(!list.iter().any(mine), "{list:?}");
    let audit = page(&app, "/staff/audit", &org.instansi_admin).text();
    assert!(!audit.contains("Penghubung Dinkes"), "{audit}");
    // The instansi's own staff are still in it; the national admin reads everything.
    let other = call(&app, "GET", "/api/v1/auth/me", &org.other_liaison, None).json()["account"]["id"].clone();
    assert!(list.iter().any(|e| e["account_id"] == other && e["kind"] == "login"), "{list:?}");
    let all = events(&app, &org.admin);
    assert!(all.iter().filter(|e| mine(e) && e["kind"] == "login").count() >= 2, "{all:?}");
}

/// Issue 28, finding 10: an instansi admin could reactivate a liaison they had deactivated but not give it a
/// role again (404: an account without a role belonged to no one). A role-less account belongs where its last
/// roles were — never to whoever created it or once had it — so the admin finishes the job, and an account that
/// has since served another instansi stays closed to them.
#[test]
fn a_reactivated_liaison_gets_a_role_again_from_its_own_admin_only() {
    let mut app = app();
    let org = organisation(&app);
    assert_eq!(switch(&app, &org.instansi_admin, org.liaison_id, "deactivate").status, 200);
    assert_eq!(switch(&app, &org.instansi_admin, org.liaison_id, "reactivate").status, 200);
    let role = json!({ "account_id": org.liaison_id, "role": "opd_liaison", "opd_id": org.dinkes });
    let r = post_as(&app, &org.instansi_admin, "/api/v1/admin/assignments", role);
    assert_eq!(r.status, 201, "{}", r.text());
    let back = login_as(&app, LIAISON_EMAIL);
    assert_eq!(call(&app, "GET", "/api/v1/opd/inbox", &back, None).status, 200);
    assert!(listed(&app, &org.instansi_admin, org.liaison_id));

    // The abuse: Bangka Tengah's admin creates a liaison; the national admin transfers it to Kota Bengkulu,
    // whose admin switches it off and on again (no role now; the last one was Kota Bengkulu's).
    let email = "pindah@bangkatengahkab.go.id";
    let moved = create_account(
        &app,
        &org.instansi_admin,
        email,
        "Penghubung Pindah",
        json!({ "role": "opd_liaison", "opd_id": org.dishub }),
    );
    let (kota, kota_dinkes) = transfer_to_kota_bengkulu(&app, &org, moved, org.dishub);
    // (Later than the transfer: roles that end in the same second all count as its last ones.)
    app.set_variable("now", "2026-11-30T02:05:00Z");
    let kota_role = json!({ "role": "instansi_admin", "instansi_id": kota });
    let kota_admin = signed_in_account(&app, &org.admin, "admin@bengkulukota.go.id", "Admin Kota", kota_role);
    assert_eq!(switch(&app, &kota_admin, moved, "deactivate").status, 200);
    assert_eq!(switch(&app, &kota_admin, moved, "reactivate").status, 200);
    // Its creator, whose liaison it once was, cannot take it back: every door answers as for a missing account.
    let missing = call(&app, "GET", "/api/v1/admin/accounts/999999", &org.instansi_admin, None);
    assert_eq!(missing.status, 404);
    let assignment = call(&app, "GET", "/api/v1/auth/me", &back, None).json()["assignments"][0]["id"].clone();
    for (method, path, body) in [
        ("GET", format!("/api/v1/admin/accounts/{moved}"), None),
        (
            "POST",
            "/api/v1/admin/assignments".to_string(),
            Some(json!({ "account_id": moved, "role": "opd_liaison", "opd_id": org.dinkes })),
        ),
        ("POST", format!("/api/v1/admin/assignments/{assignment}/move"), Some(json!({ "account_id": moved }))),
        ("POST", format!("/api/v1/admin/accounts/{moved}/reset-password"), None),
        ("POST", format!("/api/v1/admin/accounts/{moved}/deactivate"), None),
    ] {
        let r = call(&app, method, &path, &org.instansi_admin, body);
        assert_eq!((r.status, r.json()), (404, missing.json()), "{method} {path}");
    }
    assert!(!page(&app, "/staff/akun", &org.instansi_admin).text().contains(email));
    assert!(!listed(&app, &org.instansi_admin, moved) && listed(&app, &kota_admin, moved));
    assert!(!events(&app, &org.instansi_admin).iter().any(|e| e["account_id"] == moved));
    // Kota Bengkulu's admin, where it served last, gives it a role.
    let role = json!({ "account_id": moved, "role": "opd_liaison", "opd_id": kota_dinkes });
    let r = post_as(&app, &kota_admin, "/api/v1/admin/assignments", role);
    assert_eq!(r.status, 201, "{}", r.text());
}

#[test]
fn the_handover_page_offers_to_deactivate_the_old_account() {
    let app = app();
    let org = organisation(&app);
    let html = page(&app, "/staff/penghubung", &org.instansi_admin).text();
    assert!(!html.contains("name=\"password\""), "the admin no longer types a password");
    let csrf = csrf_of(&html);
    let me = call(&app, "GET", "/api/v1/auth/me", &org.liaison, None).json();
    let assignment = me["assignments"][0]["id"].as_i64().unwrap();
    let r = post_form(
        &app,
        &format!("/staff/penghubung/{assignment}/pengganti"),
        &org.instansi_admin,
        &csrf,
        &[("name", "Pengganti Dinkes"), ("email", "pengganti.dinkes@bangkatengahkab.go.id")],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(html.contains(&format!("/staff/akun/{}/nonaktifkan", org.liaison_id)), "{html}");
    let token = html.split("/staff/atur-sandi/").nth(1).unwrap().split('<').next().unwrap().to_string();
    // The successor sets their own password on the page.
    let form = lapor_e2e::form_encode(&[("password", "pengganti-memilih-sendiri")]);
    let r = app.request(
        "POST",
        &format!("/staff/atur-sandi/{token}"),
        &[("content-type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(login_status(&app, "pengganti.dinkes@bangkatengahkab.go.id", "pengganti-memilih-sendiri"), 200);
    // The old liaison, already role-less, still has a session until the admin deactivates the account.
    assert_eq!(call(&app, "GET", "/api/v1/auth/me", &org.liaison, None).status, 200);
    // A forged form (wrong anti-forgery value) does nothing.
    let path = format!("/staff/akun/{}/nonaktifkan", org.liaison_id);
    assert_eq!(post_form(&app, &path, &org.instansi_admin, "palsu", &[]).status, 403);
    assert_eq!(call(&app, "GET", "/api/v1/auth/me", &org.liaison, None).status, 200);
    let r = post_form(&app, &path, &org.instansi_admin, &csrf, &[]);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(call(&app, "GET", "/api/v1/auth/me", &org.liaison, None).status, 401);
    // The Dishub liaison is not an admin: the reactivation form is refused to them.
    let other_csrf = csrf_of(&page(&app, "/staff", &org.other_liaison).text());
    let r = post_form(&app, &format!("/staff/akun/{}/aktifkan", org.liaison_id), &org.other_liaison, &other_csrf, &[]);
    assert_eq!(r.status, 404);
}

#[test]
fn staff_change_their_own_password_and_other_sessions_end() {
    let app = app();
    let org = organisation(&app);
    let email = "penghubung.dinkes@bangkatengahkab.go.id";
    let second = login_as(&app, email);
    let change = |old: &str, new: &str| {
        post_as(&app, &org.liaison, "/api/v1/auth/password", json!({ "old_password": old, "new_password": new }))
    };
    let code =
        |r: lapor_e2e::Resp| (r.status, r.json()["error"]["fields"][0]["code"].as_str().unwrap_or("").to_string());
    assert_eq!(code(change("salah-sekali-ini", "kuda-laut-berenang")), (422, "wrong_password".into()));
    assert_eq!(code(change(&password_of(email), "indonesia123")), (422, "too_common".into()));
    assert_eq!(code(change(&password_of(email), "pendek")), (422, "too_short".into()));
    assert_eq!(code(change(&password_of(email), &password_of(email))), (422, "unchanged".into()));
    let r = call(&app, "POST", "/api/v1/auth/password", &org.liaison, Some(json!({ "old_password": [1] })));
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(call(&app, "GET", "/api/v1/auth/me", &second, None).status, 200, "nothing changed yet");
    let r = change(&password_of(email), "kuda-laut-berenang");
    assert_eq!(r.status, 204, "{}", r.text());
    // This session stays; the other one ends; only the new password signs in.
    assert_eq!(call(&app, "GET", "/api/v1/auth/me", &org.liaison, None).status, 200);
    assert_eq!(call(&app, "GET", "/api/v1/auth/me", &second, None).status, 401);
    assert_eq!(login_status(&app, email, &password_of(email)), 401);
    assert_eq!(login_status(&app, email, "kuda-laut-berenang"), 200);
    // Without a session: 401.
    let r = app.post_json("/api/v1/auth/password", &json!({ "old_password": "x", "new_password": "y" }));
    assert_eq!(r.status, 401);
    // The page form, in Bahasa Indonesia by default.
    let html = page(&app, "/staff/sandi", &org.liaison).text();
    assert!(html.contains("Ganti kata sandi"), "{html}");
    let r = post_form(
        &app,
        "/staff/sandi",
        &org.liaison,
        &csrf_of(&html),
        &[("old_password", "kuda-laut-berenang"), ("new_password", "1234567890")],
    );
    assert_eq!(r.status, 422);
    assert!(r.text().contains("terlalu umum"), "{}", r.text());
}

#[test]
fn e_mail_is_unique_whatever_the_case_and_sign_in_ignores_case() {
    let app = app();
    let org = organisation(&app);
    let twin = json!({ "email": "  Penghubung.DINKES@BangkaTengahKab.go.id ", "name": "Kembar",
                       "assignment": { "role": "opd_liaison", "opd_id": org.dinkes } });
    let r = post_account(&app, &org.admin, twin);
    assert_eq!((r.status, r.json()["error"]["fields"][0]["code"].clone()), (422, json!("email_taken")), "{}", r.text());
    let email = "penghubung.dinkes@bangkatengahkab.go.id";
    assert_eq!(login_status(&app, " PENGHUBUNG.Dinkes@bangkatengahkab.go.id ", &password_of(email)), 200);
}

/// The test clock ([`START`]) as Unix seconds.
const START_UNIX: i64 = 1_796_004_000;

#[test]
fn any_account_turns_on_two_step_sign_in_and_codes_work_once() {
    let app = app();
    let org = organisation(&app);
    let email = "penghubung.dinkes@bangkatengahkab.go.id";
    let r = call(&app, "POST", "/api/v1/auth/two-step/enrol", &org.liaison, None);
    assert_eq!(r.status, 200, "{}", r.text());
    let secret = r.json()["secret"].as_str().unwrap().to_string();
    assert!(r.json()["otpauth_uri"].as_str().unwrap().starts_with("otpauth://totp/LAPOR:"), "{}", r.text());
    let key = lapor_core::totp::base32_decode(&secret).unwrap();
    // Pending until a first code confirms it: the password alone still signs in.
    assert_eq!(login_status(&app, email, &password_of(email)), 200);
    let wrong = call(&app, "POST", "/api/v1/auth/two-step/confirm", &org.liaison, Some(json!({ "code": "000000" })));
    assert_eq!(wrong.status, 422, "{}", wrong.text());
    let code_now = lapor_core::totp::code(&key, START_UNIX);
    let r = call(&app, "POST", "/api/v1/auth/two-step/confirm", &org.liaison, Some(json!({ "code": code_now })));
    assert_eq!(r.status, 200, "{}", r.text());
    let recovery: Vec<String> =
        r.json()["recovery_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
    assert_eq!(recovery.len(), 10);
    let again = call(&app, "POST", "/api/v1/auth/two-step/enrol", &org.liaison, None);
    assert_eq!(again.status, 409, "no silent re-enrolment: {}", again.text());

    // Now the password alone is not enough.
    let r = app.post_json(LOGIN, &json!({ "email": email, "password": password_of(email) }));
    assert_eq!((r.status, r.json()["error"]["code"].clone()), (401, json!("two_step_required")), "{}", r.text());
    // The code used to confirm is spent (replay); the next step's code works once (clock drift of one step).
    let with =
        |code: &str| app.post_json(LOGIN, &json!({ "email": email, "password": password_of(email), "code": code }));
    assert_eq!(with(&code_now).status, 401);
    let next = lapor_core::totp::code(&key, START_UNIX + 30);
    assert_eq!(with(&next).status, 200);
    assert_eq!(with(&next).status, 401, "a code works once");
    // A wrong password with a right code is still wrong.
    let r = app.post_json(LOGIN, &json!({ "email": email, "password": "salah-sekali-ini", "code": "123456" }));
    assert_eq!(r.json()["error"]["code"], "unauthorized");
    // A recovery code works once, in any case and with or without dashes.
    assert_eq!(with(&recovery[0].to_lowercase()).status, 200);
    assert_eq!(with(&recovery[0]).status, 401);
    assert_eq!(with(&recovery[1].replace('-', "")).status, 200);
    // No recovery codes or secrets in the database as such.
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    let plain: i64 = conn
        .query_row(
            "SELECT count(*) FROM recovery_codes WHERE code_hash LIKE ?",
            [format!("%{}%", &recovery[2][..4])],
            |r| r.get(0),
        )
        .unwrap_or(0);
    assert_eq!(plain, 0);

    // The sign-in page asks for the code too.
    let html = app.get("/staff/masuk").text();
    assert!(html.contains("name=\"code\""), "{html}");
    // The console page shows it on.
    assert!(page(&app, "/staff/dua-langkah", &org.other_liaison).text().contains("two-step-start"));
}

#[test]
fn a_national_admin_without_two_step_is_sent_to_enrol_before_anything_else() {
    let app = app();
    // The national admin signs in with the password alone (two-step is not on yet): a session, flagged.
    let r = app.post_json(LOGIN, &json!({ "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD }));
    assert_eq!(r.status, 200, "{}", r.text());
    let signed_in = r.json();
    assert_eq!(signed_in["two_step_enrolment_required"], true);
    let admin = signed_in["token"].as_str().unwrap().to_string();

    // Every staff API but enrolling answers 403 two_step_enrolment_required, and nothing is made.
    for (method, path, body) in [
        ("GET", "/api/v1/admin/accounts", None),
        ("GET", "/api/v1/verification/queue", None),
        ("GET", "/api/v1/dispatch/board", None),
        ("GET", "/api/v1/notices", None),
        ("GET", "/api/v1/rapot", None),
        ("GET", "/api/v1/admin/events", None),
        (
            "POST",
            "/api/v1/admin/accounts",
            Some(json!({ "email": "baru@lapor.go.id", "name": "Baru", "assignment": { "role": "ombudsman" } })),
        ),
    ] {
        let r = call(&app, method, path, &admin, body);
        assert_eq!(
            (r.status, r.json()["error"]["code"].clone()),
            (403, json!("two_step_enrolment_required")),
            "{method} {path}: {}",
            r.text()
        );
    }
    // Who am I still answers, flagged.
    let me = call(&app, "GET", "/api/v1/auth/me", &admin, None);
    assert_eq!((me.status, me.json()["two_step_enrolment_required"].clone()), (200, json!(true)), "{}", me.text());

    // Every console page sends the admin to the two-step page, which says why.
    for path in ["/staff", "/staff/akun", "/staff/verifikasi", "/staff/audit", "/dashboard", "/staff/luring"] {
        let r = page(&app, path, &admin);
        assert_eq!((r.status, r.header("location")), (303, Some("/staff/dua-langkah")), "{path}");
    }
    // A console form is refused the same way, before it does anything.
    let r = page_post(&app, "/staff/akun/1/nonaktifkan", &admin, &[("csrf", "x")]);
    assert_eq!((r.status, r.header("location")), (303, Some("/staff/dua-langkah")));
    let enrol_page = page(&app, "/staff/dua-langkah", &admin);
    assert_eq!(enrol_page.status, 200);
    assert!(enrol_page.text().contains("id=\"two-step-required\""), "{}", enrol_page.text());

    // The admin enrols (from the API here; the browser test does it on the page) and the same session works.
    let key = (app.base_url(), ADMIN_EMAIL.to_string());
    two_step::enrol(&app, &key, &admin, two_step::app_clock(&signed_in));
    let r = call(&app, "GET", "/api/v1/admin/accounts", &admin, None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(page(&app, "/staff/akun", &admin).status, 200);
    assert!(!page(&app, "/staff/dua-langkah", &admin).text().contains("id=\"two-step-required\""));
    let me = call(&app, "GET", "/api/v1/auth/me", &admin, None);
    assert_eq!(me.json()["two_step_enrolment_required"], false);
    // From now on the password alone is not enough.
    let r = app.post_json(LOGIN, &json!({ "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD }));
    assert_eq!((r.status, r.json()["error"]["code"].clone()), (401, json!("two_step_required")));

    // An instansi admin must enrol too; a liaison need not.
    let instansi = instansi_id(&app, &admin, "Kabupaten Bangka Tengah");
    let email = "admin@bangkatengahkab.go.id";
    create_account(&app, &admin, email, "Admin Bateng", json!({ "role": "instansi_admin", "instansi_id": instansi }));
    let r = app.post_json(LOGIN, &json!({ "email": email, "password": password_of(email) }));
    assert_eq!((r.status, r.json()["two_step_enrolment_required"].clone()), (200, json!(true)), "{}", r.text());
    let instansi_admin = r.json()["token"].as_str().unwrap().to_string();
    let r = call(&app, "GET", &format!("/api/v1/admin/instansi/{instansi}/opds"), &instansi_admin, None);
    assert_eq!(r.status, 403, "{}", r.text());
    let dinkes = opd_id(&app, &login(&app, email, &password_of(email)), instansi, "dinkes");
    let liaison_email = "penghubung.dinkes@bangkatengahkab.go.id";
    create_account(&app, &admin, liaison_email, "Penghubung", json!({ "role": "opd_liaison", "opd_id": dinkes }));
    let r = app.post_json(LOGIN, &json!({ "email": liaison_email, "password": password_of(liaison_email) }));
    assert_eq!((r.status, r.json()["two_step_enrolment_required"].clone()), (200, json!(false)), "{}", r.text());
    let liaison = r.json()["token"].as_str().unwrap().to_string();
    assert_eq!(call(&app, "GET", "/api/v1/opd/inbox", &liaison, None).status, 200);
}
