//! Attacks on staff sign-in and accounts (issue 13: findings 3, 6, 10, 14, 15), each reproduced end to end
//! against the running app and shown to fail.

use crate::clients;
use crate::staff_support;

use clients::{client, post_json_from};
use serde_json::json;
use staff_support::*;

const LOGIN: &str = "/api/v1/auth/login";

fn attempt(app: &lapor_e2e::TestApp, from: u8, email: &str, password: &str) -> lapor_e2e::Resp {
    post_json_from(app, client(from), LOGIN, &json!({ "email": email, "password": password }))
}

/// The owner's own sign-in: the right password and, for an admin (two-step sign-in is compulsory), the code.
fn owner_attempt(app: &lapor_e2e::TestApp, from: u8, email: &str, password: &str) -> lapor_e2e::Resp {
    let code = two_step::code_for(app, email).expect("an enrolled admin");
    post_json_from(app, client(from), LOGIN, &json!({ "email": email, "password": password, "code": code }))
}

#[test]
fn one_client_cannot_lock_out_the_national_admin() {
    let app = app();
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    // The attacker (127.0.0.2) guesses at the national admin's account until refused.
    for i in 0..10 {
        let r = attempt(&app, 2, ADMIN_EMAIL, &format!("tebakan-salah-{i}"));
        assert_eq!(r.status, 401, "guess {i}: {}", r.text());
    }
    let r = attempt(&app, 2, ADMIN_EMAIL, "tebakan-salah-10");
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    assert!(r.header("retry-after").is_some());
    // Even the right password is refused to the client that is over its limit ...
    assert_eq!(attempt(&app, 2, ADMIN_EMAIL, ADMIN_PASSWORD).status, 429);
    // ... but the national admin, from their own address, still gets in, and a typo there is just a typo.
    assert_eq!(attempt(&app, 3, ADMIN_EMAIL, "salah ketik sekali").status, 401);
    let r = owner_attempt(&app, 3, ADMIN_EMAIL, ADMIN_PASSWORD);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.json()["token"].is_string());
    // And through the sign-in page, which shares the limits.
    assert_eq!(login_page_status(&app, 3, ADMIN_EMAIL, ADMIN_PASSWORD), 303);
}

/// Signs in through `/staff/masuk` from 127.0.0.`from` and returns the status (303 on success).
fn login_page_status(app: &lapor_e2e::TestApp, from: u8, email: &str, password: &str) -> u16 {
    let page = clients::request_from(app, client(from), "GET", "/staff/masuk", &[], b"");
    let csrf = page
        .header_all("set-cookie")
        .iter()
        .find_map(|c| c.split(';').next().and_then(|kv| kv.strip_prefix("staff_login_csrf=")))
        .expect("csrf cookie")
        .to_string();
    let code = two_step::code_for(app, email).unwrap_or_default();
    let body = lapor_e2e::form_encode(&[("csrf", &csrf), ("email", email), ("password", password), ("code", &code)]);
    let cookie = format!("staff_login_csrf={csrf}");
    clients::request_from(
        app,
        client(from),
        "POST",
        "/staff/masuk",
        &[("content-type", "application/x-www-form-urlencoded"), ("cookie", &cookie)],
        body.as_bytes(),
    )
    .status
}

#[test]
fn one_client_cannot_spray_passwords_across_accounts() {
    let app = app();
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    for i in 0..30 {
        let r = attempt(&app, 4, &format!("petugas{i}@lapor.go.id"), "Password123!");
        assert_eq!(r.status, 401, "account {i}: {}", r.text());
    }
    let r = attempt(&app, 4, "petugas30@lapor.go.id", "Password123!");
    assert_eq!(r.status, 429, "the 31st failure from one address: {}", r.text());
    // The same sprayer cannot test the admin's password either; another client is unaffected.
    assert_eq!(attempt(&app, 4, ADMIN_EMAIL, ADMIN_PASSWORD).status, 429);
    assert_eq!(owner_attempt(&app, 5, ADMIN_EMAIL, ADMIN_PASSWORD).status, 200);
}

#[test]
fn a_flood_of_sign_ins_from_many_addresses_cannot_burn_unbounded_argon2() {
    let mut app = app_plus(&[("login_argon2_per_minute", "5")]);
    login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    // Five verifications of a real account's password in this minute, from five addresses (no per-client limit
    // is near), spend the ceiling (the admin's own sign-in took one).
    for from in 10..15 {
        assert_eq!(attempt(&app, from, ADMIN_EMAIL, "bukan sandinya").status, 401);
    }
    // Past it, a client that has already failed in its window is not verified (issue 28: a clean client still
    // is, see hardening_abuse).
    let r = attempt(&app, 10, ADMIN_EMAIL, "bukan sandinya");
    assert_eq!(r.status, 503, "a verification past the ceiling: {}", r.text());
    assert_eq!(r.json()["error"]["code"], "unavailable");
    assert_eq!(r.header("retry-after"), Some("60"));
    // The next minute has a fresh budget.
    app.set_variable("now", "2026-11-30T02:01:00Z");
    assert_eq!(owner_attempt(&app, 16, ADMIN_EMAIL, ADMIN_PASSWORD).status, 200);
}

/// Every key of the key-value store, with its value.
fn kv_entries(app: &lapor_e2e::TestApp) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_key_value.db")).unwrap();
    let mut stmt = conn.prepare("SELECT key, value FROM spin_key_value ORDER BY key").unwrap();
    stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, String::from_utf8_lossy(&r.get::<_, Vec<u8>>(1)?).into_owned())))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

// Sign-in counters moved from the key-value store to the database (issue 28: exact under concurrency); their
// "no personal data, never pile up" test is
// hardening_abuse::rate_counters_hold_no_personal_data_and_are_swept_when_their_window_ends.

#[test]
fn sms_rate_limit_counters_hold_no_phone_numbers() {
    let app = lapor_e2e::app_with(&[
        ("twilio_auth_token", "test-auth-token"),
        ("public_base_url", lapor_e2e::PUBLIC_URL),
        ("now", START),
    ]);
    let params = [
        ("MessageSid", "SM1"),
        ("From", "+6281234567890"),
        ("To", "1708"),
        ("Body", "KOTA BENGKULU jalan rusak parah"),
    ];
    let sig = lapor_e2e::twilio_signature("test-auth-token", "https://lapor.example.id/webhooks/sms/twilio", &params);
    let r = app.twilio_webhook("/webhooks/sms/twilio", &sig, &params);
    assert_eq!(r.status, 200, "{}", r.text());
    let entries = kv_entries(&app);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(entries.iter().all(|(k, _)| !k.contains("81234567890")), "{entries:?}");
}

// ---- Finding 14: an instansi admin attaching a role to any account ----

/// The national admin's account id, as the national admin sees it.
fn national_admin_id(app: &lapor_e2e::TestApp, org: &Org) -> i64 {
    call(app, "GET", "/api/v1/auth/me", &org.admin, None).json()["account"]["id"].as_i64().unwrap()
}

/// The id of the Dinkes liaison's active assignment.
fn liaison_assignment(app: &lapor_e2e::TestApp, org: &Org) -> i64 {
    call(app, "GET", "/api/v1/auth/me", &org.liaison, None).json()["assignments"][0]["id"].as_i64().unwrap()
}

#[test]
fn an_instansi_admin_cannot_move_a_role_onto_the_national_admin() {
    let app = app();
    let org = organisation(&app);
    let national = national_admin_id(&app, &org);
    let assignment = liaison_assignment(&app, &org);
    let missing = call(&app, "GET", "/api/v1/admin/accounts/999999", &org.instansi_admin, None);
    assert_eq!(missing.status, 404);

    // By id through the API: refused exactly as a missing account, and nothing moved.
    let move_path = format!("/api/v1/admin/assignments/{assignment}/move");
    let r = post_as(&app, &org.instansi_admin, &move_path, json!({ "account_id": national }));
    assert_eq!((r.status, r.json()), (404, missing.json()), "{}", r.text());
    // Nor may it give the national admin a liaison role of its own instansi.
    let role = json!({ "account_id": national, "role": "opd_liaison", "opd_id": org.dishub });
    let r = post_as(&app, &org.instansi_admin, "/api/v1/admin/assignments", role);
    assert_eq!((r.status, r.json()), (404, missing.json()), "{}", r.text());
    // Another instansi's admin account is out of scope too.
    let bengkulu = instansi_id(&app, &org.admin, "Kota Bengkulu");
    let other_admin = create_account(
        &app,
        &org.admin,
        "admin@bengkulukota.go.id",
        "Admin Bengkulu",
        json!({ "role": "instansi_admin", "instansi_id": bengkulu }),
    );
    let r = post_as(&app, &org.instansi_admin, &move_path, json!({ "account_id": other_admin }));
    assert_eq!(r.status, 404, "{}", r.text());

    // The console's handover form by e-mail: the national admin's address reads as an unknown one.
    let unknown = console_move(&app, &org, assignment, "tidak-ada@lapor.go.id");
    let admin_addr = console_move(&app, &org, assignment, ADMIN_EMAIL);
    assert_eq!(unknown.0, 404);
    assert_eq!(admin_addr, unknown, "same answer for the national admin's address as for a missing one");

    // Still the liaison's, and the national admin's account is still closed to the instansi admin.
    let me = call(&app, "GET", "/api/v1/auth/me", &org.liaison, None).json();
    assert_eq!(me["assignments"][0]["id"], assignment);
    let r = call(&app, "GET", &format!("/api/v1/admin/accounts/{national}"), &org.instansi_admin, None);
    assert_eq!((r.status, r.json()), (404, missing.json()));
    let me = call(&app, "GET", "/api/v1/auth/me", &org.admin, None).json();
    assert_eq!(me["assignments"].as_array().unwrap().len(), 1, "no liaison role was attached: {me}");
}

/// Posts the console's handover form (move `assignment` to the account of `email`) as the instansi admin;
/// returns the status and the page's alert text.
fn console_move(app: &lapor_e2e::TestApp, org: &Org, assignment: i64, email: &str) -> (u16, String) {
    let cookie = format!("lapor_staff={}", org.instansi_admin);
    let csrf = lapor_core::secret::sha256_hex(format!("csrf:{}", org.instansi_admin).as_bytes());
    let body = lapor_e2e::form_encode(&[("csrf", &csrf), ("email", email)]);
    let r = app.request(
        "POST",
        &format!("/staff/penghubung/{assignment}/pindah"),
        &[("content-type", "application/x-www-form-urlencoded"), ("cookie", &cookie)],
        body.as_bytes(),
    );
    let text = r.text();
    let alert = text.split("role=\"alert\">").nth(1).and_then(|t| t.split('<').next()).unwrap_or("").to_string();
    (r.status, alert)
}

/// An account belongs to the instansi of its active roles or, when it has none, of the roles that ended last
/// (issue 28, finding 10): a liaison whose role was just ended is still its admin's to give a role back, and
/// once it holds a role elsewhere it is closed to the old admin.
#[test]
fn an_ended_assignment_no_longer_opens_an_account_to_an_admin() {
    let app = app();
    let org = organisation(&app);
    let r = call(&app, "GET", &format!("/api/v1/admin/accounts/{}", org.liaison_id), &org.instansi_admin, None);
    assert_eq!(r.status, 200, "a liaison of the instansi: {}", r.text());
    // The liaison's role ends: with no role anywhere else, the account is still the instansi's last one.
    let assignment = liaison_assignment(&app, &org);
    let r = call(&app, "POST", &format!("/api/v1/admin/assignments/{assignment}/end"), &org.instansi_admin, None);
    assert_eq!(r.status, 200, "{}", r.text());
    let r = call(&app, "GET", &format!("/api/v1/admin/accounts/{}", org.liaison_id), &org.instansi_admin, None);
    assert_eq!(r.status, 200, "role-less, its last role was here: {}", r.text());
    // The liaison is transferred away (a role in Kota Bengkulu): the instansi admin no longer sees the
    // account, its e-mail, roles or sign-in history.
    let kota = instansi_id(&app, &org.admin, "Kota Bengkulu");
    let role = json!({ "account_id": org.liaison_id, "role": "opd_liaison", "opd_id": opd_id(&app, &org.admin, kota, "dinkes") });
    let r = post_as(&app, &org.admin, "/api/v1/admin/assignments", role);
    assert_eq!(r.status, 201, "{}", r.text());
    let r = call(&app, "GET", &format!("/api/v1/admin/accounts/{}", org.liaison_id), &org.instansi_admin, None);
    assert_eq!(r.status, 404, "{}", r.text());
    assert!(!r.text().contains("penghubung.dinkes"));
    // The national admin still does.
    let r = call(&app, "GET", &format!("/api/v1/admin/accounts/{}", org.liaison_id), &org.admin, None);
    assert_eq!(r.status, 200);
}

// ---- Issue 28, finding 5: an admin giving themselves a role they grant ----

/// The account id of the signed-in session `token`.
fn account_id_of(app: &lapor_e2e::TestApp, token: &str) -> i64 {
    call(app, "GET", "/api/v1/auth/me", token, None).json()["account"]["id"].as_i64().unwrap()
}

/// The separation-of-duties refusal: 422 naming the rule.
fn assert_separation_of_duties(r: &lapor_e2e::Resp) {
    assert_eq!(r.status, 422, "{}", r.text());
    let field = &r.json()["error"]["fields"][0];
    assert_eq!(
        (&field["field"], &field["code"]),
        (&json!("account_id"), &json!("separation_of_duties")),
        "{}",
        r.text()
    );
    assert!(field["message"].as_str().unwrap().contains("separation of duties"), "{}", r.text());
}

/// An instansi admin gave themselves the liaison role of an OPD (or moved a liaison's role onto themselves),
/// assigned a report there and answered it as its liaison. An admin never holds a role they grant: not by
/// their own hand, and not by the national admin's.
#[test]
fn an_admin_never_holds_a_role_they_grant() {
    let app = app();
    let org = organisation(&app);
    let tid = assigned_report(&app, &org);
    let me = account_id_of(&app, &org.instansi_admin);
    // The Dinkes liaison role given to oneself: refused with a clear error.
    let role = json!({ "account_id": me, "role": "opd_liaison", "opd_id": org.dinkes });
    assert_separation_of_duties(&post_as(&app, &org.instansi_admin, "/api/v1/admin/assignments", role));
    // The liaison's role moved onto oneself: through the API, and through the console's handover form.
    let assignment = liaison_assignment(&app, &org);
    let move_path = format!("/api/v1/admin/assignments/{assignment}/move");
    assert_separation_of_duties(&post_as(&app, &org.instansi_admin, &move_path, json!({ "account_id": me })));
    let (status, alert) = console_move(&app, &org, assignment, IADMIN_EMAIL);
    assert_eq!(status, 422, "{alert}");
    assert!(alert.contains("pemisahan tugas") && alert.contains("separation of duties"), "{alert}");
    // So the admin cannot answer the report they assigned; the liaison still holds the role.
    let r = answer(&app, &org.instansi_admin, &tid, "dijawab oleh adminnya sendiri");
    assert!(matches!(r.status, 403 | 404), "{}", r.text());
    let roles = call(&app, "GET", "/api/v1/auth/me", &org.instansi_admin, None).json()["assignments"].clone();
    assert_eq!(roles.as_array().unwrap().len(), 1, "{roles}");
    assert_eq!(call(&app, "GET", "/api/v1/auth/me", &org.liaison, None).json()["assignments"][0]["id"], assignment);
    assert_eq!(answer(&app, &org.liaison, &tid, "Sudah ditangani.").status, 200);
    // The national admin does not combine them either: a liaison role for the instansi's admin, the admin
    // role for one of its liaisons, or a liaison role for themselves.
    let national = national_admin_id(&app, &org);
    for role in [
        json!({ "account_id": me, "role": "opd_liaison", "opd_id": org.dishub }),
        json!({ "account_id": org.liaison_id, "role": "instansi_admin", "instansi_id": org.instansi }),
        json!({ "account_id": national, "role": "opd_liaison", "opd_id": org.dishub }),
    ] {
        assert_separation_of_duties(&post_as(&app, &org.admin, "/api/v1/admin/assignments", role));
    }
    // A second liaison role for a liaison is no conflict.
    let role = json!({ "account_id": org.liaison_id, "role": "opd_liaison", "opd_id": org.dishub });
    let r = post_as(&app, &org.instansi_admin, "/api/v1/admin/assignments", role);
    assert_eq!(r.status, 201, "{}", r.text());
}

// ---- Issue 28, finding 11: a wrong method on an API path ----

/// Wrong methods on `/api/v1/auth/login` and `/api/v1/reports/{id}` answered 404, as if nothing were there:
/// now 405 with `Allow` (JSON), as everywhere else; HEAD is GET without the body; an unknown path stays 404.
#[test]
fn a_wrong_method_on_an_api_path_is_405_with_allow() {
    let app = lapor_e2e::app();
    let report = format!("/api/v1/reports/{}", lapor_e2e::UNKNOWN_TRACKING_ID);
    for (method, path, allow) in [
        ("GET", "/api/v1/auth/login", "POST"),
        ("PUT", "/api/v1/auth/login", "POST"),
        ("DELETE", report.as_str(), "GET, HEAD"),
        ("POST", report.as_str(), "GET, HEAD"),
        ("GET", "/api/v1/reports", "POST"),
        ("DELETE", "/api/v1/admin/accounts/1", "GET, HEAD"),
    ] {
        let r = app.request(method, path, &[], b"");
        assert_eq!(r.status, 405, "{method} {path}: {}", r.text());
        assert_eq!(r.header("allow"), Some(allow), "{method} {path}");
        assert_eq!(r.json()["error"]["code"], "method_not_allowed", "{method} {path}");
    }
    let (get, head) = (app.get(&report), app.request("HEAD", &report, &[], b""));
    assert_eq!((head.status, get.status), (404, 404));
    assert!(head.body.is_empty(), "HEAD has no body");
    assert_eq!(app.request("DELETE", "/api/v1/nothing", &[], b"").status, 404);
}

// ---- Finding 15: squatting accounts ----

#[test]
fn look_alike_addresses_of_the_national_admin_cannot_be_registered() {
    let app = app();
    let org = organisation(&app);
    let liaison_role = json!({ "role": "opd_liaison", "opd_id": org.dinkes });
    let create = |email: &str| {
        let account = json!({ "email": email, "name": "Admin", "assignment": liaison_role });
        post_account(&app, &org.instansi_admin, account)
    };
    for (email, code) in [
        ("ad\u{200B}min@lapor.go.id", "invisible_characters"),
        ("admin\u{2060}@lapor.go.id", "invisible_characters"),
        ("\u{0430}dmin@lapor.go.id", "mixed_script"),
        ("admin@l\u{0430}por.go.id", "mixed_script"),
    ] {
        let r = create(email);
        assert_eq!(r.status, 422, "{email:?}: {}", r.text());
        assert_eq!(r.json()["error"]["fields"][0]["code"], code, "{email:?}");
    }
    // Case and full-width spellings are the same address: the national admin's, which is not available.
    for email in ["ADMIN@LAPOR.GO.ID", "\u{FF41}dmin@lapor.go.id"] {
        let r = create(email);
        assert_eq!(r.status, 422, "{email:?}: {}", r.text());
        assert_eq!(r.json()["error"]["fields"][0]["code"], "email_unavailable");
    }
    // Nothing was created.
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 4, "the admin, the instansi admin and the two liaisons only");
}

#[test]
fn an_instansi_admin_cannot_create_role_less_or_out_of_scope_accounts() {
    let app = app();
    let org = organisation(&app);
    let body = |assignment: serde_json::Value| json!({ "email": "calon@bangkatengahkab.go.id", "name": "Calon", "assignment": assignment });
    // Without a role: refused.
    let mut no_role = body(json!(null));
    no_role.as_object_mut().unwrap().remove("assignment");
    let r = call(&app, "POST", "/api/v1/admin/accounts", &org.instansi_admin, Some(no_role));
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.json()["error"]["fields"][0]["field"], "assignment");
    // With a role in another instansi, or a more privileged one: refused.
    let bengkulu = instansi_id(&app, &org.admin, "Kota Bengkulu");
    let bengkulu_dinkes = opd_id(&app, &org.admin, bengkulu, "dinkes");
    for role in [
        json!({ "role": "opd_liaison", "opd_id": bengkulu_dinkes }),
        json!({ "role": "instansi_admin", "instansi_id": org.instansi }),
        json!({ "role": "national_admin" }),
    ] {
        let r = call(&app, "POST", "/api/v1/admin/accounts", &org.instansi_admin, Some(body(role.clone())));
        assert_eq!(r.status, 403, "{role}: {}", r.text());
    }
    // Nothing was created; with a liaison role of its own instansi it works, and records its creator.
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    let exists = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM accounts WHERE email = 'calon@bangkatengahkab.go.id'", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(exists(&conn), 0);
    let account = body(json!({ "role": "opd_liaison", "opd_id": org.dishub }));
    let r = post_account(&app, &org.instansi_admin, account);
    assert_eq!(r.status, 201, "{}", r.text());
    let me = call(&app, "GET", "/api/v1/auth/me", &org.instansi_admin, None).json();
    assert_eq!(r.json()["account"]["created_by"], me["account"]["id"]);
    let (created_by, roles): (i64, i64) = conn
        .query_row(
            "SELECT a.created_by, (SELECT count(*) FROM assignments s WHERE s.account_id = a.id AND s.active = 1) \
             FROM accounts a WHERE email = 'calon@bangkatengahkab.go.id'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((Some(created_by), roles), (me["account"]["id"].as_i64(), 1));
}

#[test]
fn account_lookups_do_not_reveal_addresses_outside_ones_scope() {
    let app = app();
    let org = organisation(&app);
    let national = national_admin_id(&app, &org);
    // By id: the national admin's account and a missing one answer alike.
    let a = call(&app, "GET", &format!("/api/v1/admin/accounts/{national}"), &org.instansi_admin, None);
    let b = call(&app, "GET", "/api/v1/admin/accounts/424242", &org.instansi_admin, None);
    assert_eq!((a.status, a.json()), (b.status, b.json()));
    // A new account under an address in use: the national admin's gets the same answer as one of the
    // instansi's own liaisons — no `email_taken`, nothing about whose it is.
    let create = |email: &str| {
        let account = json!({ "email": email, "name": "X",
                              "assignment": { "role": "opd_liaison", "opd_id": org.dinkes } });
        post_account(&app, &org.instansi_admin, account)
    };
    let outside = create(ADMIN_EMAIL);
    let inside = create("penghubung.dishub@bangkatengahkab.go.id");
    assert_eq!(outside.status, 422, "{}", outside.text());
    assert_eq!(outside.json(), inside.json());
    assert!(!outside.text().contains("email_taken"), "{}", outside.text());
    // The account list holds only the instansi's own staff.
    let list = call(&app, "GET", "/api/v1/admin/accounts", &org.instansi_admin, None);
    assert!(!list.text().contains(ADMIN_EMAIL), "{}", list.text());
}

// ---- Finding 6: the bootstrap re-runs ----

#[test]
fn bootstrap_happens_once_and_never_again() {
    let app = app();
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let me = call(&app, "GET", "/api/v1/auth/me", &admin, None).json();
    let own = me["assignments"][0]["id"].as_i64().unwrap();
    // The only national admin steps down: no active national admin is left.
    let r = call(&app, "POST", &format!("/api/v1/admin/assignments/{own}/end"), &admin, None);
    assert_eq!(r.status, 200, "{}", r.text());
    // Anonymous sign-in attempts, with the bootstrap e-mail and others, must not re-grant the role.
    for email in ["siapa@contoh.id", ADMIN_EMAIL] {
        app.post_json(LOGIN, &json!({ "email": email, "password": "apa saja panjang" }));
    }
    let again = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let me = call(&app, "GET", "/api/v1/auth/me", &again, None).json();
    assert_eq!(me["assignments"], json!([]), "{me}");
    assert_eq!(call(&app, "GET", "/api/v1/verification/queue", &again, None).status, 403);
}

// ---- Finding 10: writes that must happen together ----

#[test]
fn a_failed_role_assignment_leaves_no_role_less_account_behind() {
    let app = app();
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let new = |instansi: i64| {
        json!({ "email": "admin@kemenbaru.go.id", "name": "Admin Baru", 
                "assignment": { "role": "instansi_admin", "instansi_id": instansi } })
    };
    // The role's instansi does not exist: the account must not be created either ...
    let r = call(&app, "POST", "/api/v1/admin/accounts", &admin, Some(new(999_999)));
    assert_eq!(r.status, 404, "{}", r.text());
    // ... so the retry with the right instansi succeeds instead of answering `email_taken`.
    let kemenkes = call(&app, "GET", "/api/v1/admin/instansi?q=Kesehatan&kind=ministry", &admin, None).json()
        ["instansi"][0]["id"]
        .as_i64()
        .unwrap();
    let r = call(&app, "POST", "/api/v1/admin/accounts", &admin, Some(new(kemenkes)));
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["assignments"][0]["role"], "instansi_admin");
}

#[test]
fn a_failed_inspektorat_leaves_no_half_made_instansi() {
    let app = app();
    let admin = login(&app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let body = json!({ "code": "kemenbaru", "name": "Kementerian Baru", "kind": "ministry" });
    // Inject a failure of the Inspektorat's insert (a full disk, a lock timeout, ...).
    let conn = rusqlite::Connection::open(app.state_dir().join("sqlite_db.db")).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER fail_inspektorat BEFORE INSERT ON opds WHEN NEW.is_inspektorat = 1 \
         BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
    )
    .unwrap();
    let r = call(&app, "POST", "/api/v1/admin/instansi", &admin, Some(body.clone()));
    assert_eq!(r.status, 500, "{}", r.text());
    let n: i64 = conn.query_row("SELECT count(*) FROM instansi WHERE code = 'kemenbaru'", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0, "no instansi without its Inspektorat");
    conn.execute_batch("DROP TRIGGER fail_inspektorat;").unwrap();
    // The retry works (instead of `code_taken` for an instansi that has no Inspektorat).
    let r = call(&app, "POST", "/api/v1/admin/instansi", &admin, Some(body));
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let opds = call(&app, "GET", &format!("/api/v1/admin/instansi/{id}/opds"), &admin, None).json();
    assert!(opds["opds"].as_array().unwrap().iter().any(|o| o["is_inspektorat"] == true), "{opds}");
}
