//! Every role is refused outside its scope, without revealing whether a report exists: a liaison of
//! another OPD, a transferred liaison, an unauthenticated caller, an expired or logged-out session.

use crate::staff_support;

use serde_json::json;
use staff_support::*;

/// A valid tracking ID that no report has: refusals must look exactly like this.
fn missing_report_body(app: &lapor_e2e::TestApp, token: &str, path: &str) -> (u16, serde_json::Value) {
    let r = call(app, "GET", &path.replace("{tid}", "1000000009"), token, None);
    (r.status, r.json()["error"]["code"].clone())
}

#[test]
fn each_role_is_refused_outside_its_scope() {
    let mut app = app();
    let org = organisation(&app);
    let (tid, _) = citizen_report(&app, "anonymous");
    verify_and_assign(&app, &org, &tid);

    // Unauthenticated: 401 everywhere, before any lookup.
    for (method, path) in [
        ("GET", "/api/v1/auth/me".to_string()),
        ("GET", "/api/v1/verification/queue".to_string()),
        ("GET", "/api/v1/opd/inbox".to_string()),
        ("GET", format!("/api/v1/opd/reports/{tid}")),
        ("POST", format!("/api/v1/opd/reports/{tid}/answer")),
        ("GET", "/api/v1/dispatch/board".to_string()),
        ("POST", "/api/v1/admin/accounts".to_string()),
    ] {
        let r = app.request(method, &path, &[], b"");
        assert_eq!(r.status, 401, "{method} {path}: {}", r.text());
        let r = call(&app, method, &path, "not-a-session", None);
        assert_eq!(r.status, 401, "{method} {path} with a bogus token");
    }

    // A liaison of another OPD: the report does not exist for them (same 404 as a missing report).
    let missing = missing_report_body(&app, &org.other_liaison, "/api/v1/opd/reports/{tid}");
    assert_eq!(missing.0, 404);
    let r = call(&app, "GET", &format!("/api/v1/opd/reports/{tid}"), &org.other_liaison, None);
    assert_eq!((r.status, r.json()["error"]["code"].clone()), missing);
    let r = answer(&app, &org.other_liaison, &tid, "bukan urusan kami");
    assert_eq!(r.status, 404, "{}", r.text());
    let r = call(&app, "GET", "/api/v1/opd/inbox", &org.other_liaison, None);
    assert!(r.json()["reports"].as_array().unwrap().is_empty(), "{}", r.text());

    // The right liaison never sees the anonymous reporter, and may not verify or assign (403: they can see it).
    let r = call(&app, "GET", &format!("/api/v1/opd/reports/{tid}"), &org.liaison, None);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["reporter"], json!({ "anonymous": true }));
    assert!(
        !r.text().contains("Siti") && !r.text().contains("1771015708900001") && !r.text().contains("6281234567890")
    );
    let r =
        post_as(&app, &org.liaison, &format!("/api/v1/verification/reports/{tid}/reject"), json!({ "reason": "hoax" }));
    assert_eq!(r.status, 403, "{}", r.text());
    let r = call(&app, "GET", "/api/v1/verification/queue", &org.liaison, None);
    assert_eq!(r.status, 403);
    let account = json!({ "email": "x@y.id", "name": "X", "password": "panjang sekali" });
    let r = post_account(&app, &org.liaison, account);
    assert_eq!(r.status, 403);

    // The instansi admin may not hand out national roles; another instansi's admin sees nothing.
    let role = json!({ "account_id": org.liaison_id, "role": "national_admin" });
    let r = post_as(&app, &org.instansi_admin, "/api/v1/admin/assignments", role);
    assert_eq!(r.status, 403, "{}", r.text());
    let bengkulu = instansi_id(&app, &org.admin, "Kota Bengkulu");
    let role = json!({ "role": "instansi_admin", "instansi_id": bengkulu });
    let bengkulu_admin = signed_in_account(&app, &org.admin, "admin@bengkulukota.go.id", "Admin Bengkulu", role);
    let r = call(&app, "GET", &format!("/api/v1/dispatch/reports/{tid}"), &bengkulu_admin, None);
    assert_eq!(r.status, 404, "{}", r.text());
    let role = json!({ "account_id": org.liaison_id, "role": "opd_liaison", "opd_id": org.dishub });
    let r = post_as(&app, &bengkulu_admin, "/api/v1/admin/assignments", role);
    assert_eq!(r.status, 403, "{}", r.text());

    // Seed 001: the Dinkes liaison is transferred; the instansi admin hands the assignment over to the
    // successor's new account, created together with it.
    let me = call(&app, "GET", "/api/v1/auth/me", &org.liaison, None).json();
    let assignment = me["assignments"][0]["id"].as_i64().unwrap();
    let r = call(
        &app,
        "POST",
        &format!("/api/v1/admin/assignments/{assignment}/move"),
        &org.instansi_admin,
        Some(json!({ "account": {
            "email": "pengganti.dinkes@bangkatengahkab.go.id",
            "name": "Pengganti",
        } })),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let successor = r.json()["assignment"]["account_id"].as_i64().unwrap();
    // The successor sets their own password through the one-time link the admin hands over.
    set_password(&app, &link_token(&r.json()), &password_of("pengganti.dinkes@bangkatengahkab.go.id"));
    let successor_token = login_as(&app, "pengganti.dinkes@bangkatengahkab.go.id");
    // At once, with the sessions already open: the old liaison is out, the new one is in.
    let r = call(&app, "GET", &format!("/api/v1/opd/reports/{tid}"), &org.liaison, None);
    assert_eq!(r.status, 404, "{}", r.text());
    let r = answer(&app, &org.liaison, &tid, "masih saya");
    assert_eq!(r.status, 404, "{}", r.text());
    assert_eq!(call(&app, "GET", "/api/v1/opd/inbox", &org.liaison, None).status, 403);
    let r = call(&app, "GET", "/api/v1/opd/inbox", &successor_token, None);
    assert!(r.json()["reports"].as_array().unwrap().iter().any(|i| i["tracking_id"] == tid), "{}", r.text());
    // Both moves are in the history (the old liaison's, now role-less, only for the national admin).
    let old = call(&app, "GET", &format!("/api/v1/admin/accounts/{}", org.liaison_id), &org.admin, None);
    assert_eq!(old.status, 200, "{}", old.text());
    assert!(old.json()["history"].as_array().unwrap().iter().any(|e| e["kind"] == "moved_away"), "{}", old.text());
    let new = call(&app, "GET", &format!("/api/v1/admin/accounts/{successor}"), &org.instansi_admin, None);
    assert!(new.json()["history"].as_array().unwrap().iter().any(|e| e["kind"] == "moved_in"), "{}", new.text());

    // Logout ends the session.
    let r = call(&app, "POST", "/api/v1/auth/logout", &org.other_liaison, None);
    assert_eq!(r.status, 204, "{}", r.text());
    assert_eq!(call(&app, "GET", "/api/v1/auth/me", &org.other_liaison, None).status, 401);

    // An expired session: 8 hours later every token is refused; signing in again works.
    app.set_variable("now", "2026-11-30T10:00:01Z");
    assert_eq!(call(&app, "GET", "/api/v1/auth/me", &successor_token, None).status, 401);
    assert_eq!(call(&app, "GET", &format!("/api/v1/opd/reports/{tid}"), &successor_token, None).status, 401);
    let fresh = login_as(&app, "pengganti.dinkes@bangkatengahkab.go.id");
    assert_eq!(call(&app, "GET", &format!("/api/v1/opd/reports/{tid}"), &fresh, None).status, 200);
}

#[test]
fn sign_in_refuses_wrong_passwords_and_the_citizen_needs_the_token() {
    let app = app();
    let r = app.post_json("/api/v1/auth/login", &json!({ "email": ADMIN_EMAIL, "password": "salah-sekali-1234" }));
    assert_eq!(r.status, 401, "{}", r.text());
    let r = app.post_json("/api/v1/auth/login", &json!({ "email": "nobody@lapor.go.id", "password": ADMIN_PASSWORD }));
    assert_eq!(r.status, 401, "{}", r.text());
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let me = call(&app, "GET", "/api/v1/auth/me", &admin, None).json();
    assert_eq!(me["assignments"][0]["role"], "national_admin");

    let (tid, token) = citizen_report(&app, "public");
    let r = app.request(
        "POST",
        &format!("/api/v1/citizen/reports/{tid}/reply"),
        &[("content-type", "application/json"), ("x-reporter-token", "wrong")],
        br#"{"message":"halo"}"#,
    );
    assert_eq!(r.status, 404, "{}", r.text());
    let r = app.request(
        "POST",
        &format!("/api/v1/citizen/reports/{tid}/accept"),
        &[("authorization", &format!("Bearer {token}"))],
        b"",
    );
    assert_eq!(r.status, 409, "a report not answered yet cannot be accepted: {}", r.text());
}

#[test]
fn password_guessing_is_slowed_down() {
    let mut app = app();
    for _ in 0..10 {
        let r = app.post_json("/api/v1/auth/login", &json!({ "email": ADMIN_EMAIL, "password": "tebakan-salah-123" }));
        assert_eq!(r.status, 401, "{}", r.text());
    }
    // The eleventh attempt in the quarter hour is refused even with the right password.
    let r = app.post_json("/api/v1/auth/login", &json!({ "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD }));
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    // Another account is not affected, and the next quarter hour lets the owner in.
    let r = app.post_json("/api/v1/auth/login", &json!({ "email": "lain@lapor.go.id", "password": "x" }));
    assert_eq!(r.status, 401);
    app.set_variable("now", "2026-11-30T02:20:00Z");
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
}
