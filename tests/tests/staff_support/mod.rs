//! Shared steps of the staff e2e tests: sign-in, setting up the Bangka Tengah organisation, a citizen report.

#![allow(dead_code)]

use lapor_e2e::{Resp, TestApp};
use serde_json::{json, Value};

pub const ADMIN_EMAIL: &str = "admin@lapor.go.id";
pub const ADMIN_PASSWORD: &str = "rahasia-nasional-1708";
/// Monday 30 November 2026, 09:00 WIB.
pub const START: &str = "2026-11-30T02:00:00Z";

/// The app with the bootstrap admin variables and the test clock at [`START`].
pub fn app() -> TestApp {
    lapor_e2e::app_with(&[
        ("bootstrap_admin_email", ADMIN_EMAIL),
        ("bootstrap_admin_password", ADMIN_PASSWORD),
        ("now", START),
    ])
}

/// A request with a bearer token and an optional JSON body.
pub fn call(app: &TestApp, method: &str, path: &str, token: &str, body: Option<Value>) -> Resp {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("authorization", auth.as_str())];
    let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    if !bytes.is_empty() {
        headers.push(("content-type", "application/json"));
    }
    app.request(method, path, &headers, &bytes)
}

/// Signs in and returns the session token.
pub fn login(app: &TestApp, email: &str, password: &str) -> String {
    let r = app.post_json("/api/v1/auth/login", &json!({ "email": email, "password": password }));
    assert_eq!(r.status, 200, "login {email}: {}", r.text());
    r.json()["token"].as_str().expect("token").to_string()
}

/// Creates an account with one assignment (as `by`) and returns its id. Admins never set passwords: the
/// response carries the one-time set-password link, which the new account's owner (here the test) uses to
/// set [`password_of`]`(email)`.
pub fn create_account(app: &TestApp, by: &str, email: &str, name: &str, assignment: Value) -> i64 {
    let r = call(
        app,
        "POST",
        "/api/v1/admin/accounts",
        by,
        Some(json!({ "email": email, "name": name, "assignment": assignment })),
    );
    assert_eq!(r.status, 201, "create {email}: {}", r.text());
    let body = r.json();
    set_password(app, &link_token(&body), &password_of(email));
    body["account"]["id"].as_i64().unwrap()
}

/// The token of the set-password link in a response (`set_password.token`).
pub fn link_token(body: &Value) -> String {
    body["set_password"]["token"].as_str().unwrap_or_else(|| panic!("set_password.token in {body}")).to_string()
}

/// Sets a password through a one-time link token (`POST /api/v1/auth/set-password`), expecting 204.
pub fn set_password(app: &TestApp, token: &str, password: &str) {
    let r = app.post_json("/api/v1/auth/set-password", &json!({ "token": token, "password": password }));
    assert_eq!(r.status, 204, "set-password: {}", r.text());
}

/// The password [`create_account`] gives `email`.
pub fn password_of(email: &str) -> String {
    format!("{email}-sandi")
}

/// The instansi id of a region's local government, looked up by name.
pub fn instansi_id(app: &TestApp, token: &str, name: &str) -> i64 {
    let r = call(app, "GET", &format!("/api/v1/admin/instansi?q={}", name.replace(' ', "%20")), token, None);
    assert_eq!(r.status, 200, "{}", r.text());
    let list = r.json()["instansi"].as_array().unwrap().clone();
    list.iter().find(|i| i["name"] == format!("Pemerintah {name}")).unwrap_or_else(|| panic!("{name} in {list:?}"))
        ["id"]
        .as_i64()
        .unwrap()
}

/// The id of an OPD of an instansi, by code.
pub fn opd_id(app: &TestApp, token: &str, instansi: i64, code: &str) -> i64 {
    let r = call(app, "GET", &format!("/api/v1/admin/instansi/{instansi}/opds"), token, None);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["opds"].as_array().unwrap().iter().find(|o| o["code"] == code).expect("opd")["id"].as_i64().unwrap()
}

/// A citizen's web report about the closed puskesmas in Bangka Tengah (seed 004); returns
/// (tracking ID, reporter token).
pub fn citizen_report(app: &TestApp, visibility: &str) -> (String, String) {
    let r = app.post_json(
        "/api/v1/reports",
        &json!({
            "kind": "pengaduan",
            "title": "Puskesmas Koba tutup pada jam kerja",
            "body": "Puskesmas di Koba, Kabupaten Bangka Tengah, tutup pada hari Senin pukul 10 pagi. Warga tidak bisa berobat.",
            "category": "kesehatan",
            "visibility": visibility,
            "location": { "text": "Koba", "region_code": "19.04" },
            "reporter": { "name": "Siti Aminah", "nik": "1771015708900001", "phone": "081234567890" }
        }),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let b = r.json();
    (b["tracking_id"].as_str().unwrap().to_string(), b["reporter_token"].as_str().unwrap().to_string())
}

/// The colour the public sees.
pub fn public_color(app: &TestApp, tid: &str) -> String {
    let r = app.get(&format!("/api/v1/reports/{tid}"));
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["color"].as_str().unwrap().to_string()
}

/// The tokens of the Bangka Tengah organisation.
pub struct Org {
    pub admin: String,
    pub instansi: i64,
    pub instansi_admin: String,
    pub dinkes: i64,
    pub dishub: i64,
    pub liaison_id: i64,
    pub liaison: String,
    pub other_liaison: String,
}

/// Signs in the bootstrap admin, who creates Bangka Tengah's instansi admin, who creates the Dinas
/// Kesehatan liaison and the Dinas Perhubungan liaison.
pub fn organisation(app: &TestApp) -> Org {
    let admin = login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
    let instansi = instansi_id(app, &admin, "Kabupaten Bangka Tengah");
    create_account(
        app,
        &admin,
        "admin@bangkatengahkab.go.id",
        "Admin Bateng",
        json!({ "role": "instansi_admin", "instansi_id": instansi }),
    );
    let instansi_admin = login(app, "admin@bangkatengahkab.go.id", &password_of("admin@bangkatengahkab.go.id"));
    let dinkes = opd_id(app, &instansi_admin, instansi, "dinkes");
    let dishub = opd_id(app, &instansi_admin, instansi, "dishub");
    let liaison_id = create_account(
        app,
        &instansi_admin,
        "penghubung.dinkes@bangkatengahkab.go.id",
        "Penghubung Dinkes",
        json!({ "role": "opd_liaison", "opd_id": dinkes }),
    );
    create_account(
        app,
        &instansi_admin,
        "penghubung.dishub@bangkatengahkab.go.id",
        "Penghubung Dishub",
        json!({ "role": "opd_liaison", "opd_id": dishub }),
    );
    let liaison =
        login(app, "penghubung.dinkes@bangkatengahkab.go.id", &password_of("penghubung.dinkes@bangkatengahkab.go.id"));
    let other_liaison =
        login(app, "penghubung.dishub@bangkatengahkab.go.id", &password_of("penghubung.dishub@bangkatengahkab.go.id"));
    Org { admin, instansi, instansi_admin, dinkes, dishub, liaison_id, liaison, other_liaison }
}

/// Verifies (→ dispatched to Bangka Tengah) and assigns the report to Dinas Kesehatan.
pub fn verify_and_assign(app: &TestApp, org: &Org, tid: &str) {
    let r = call(app, "POST", &format!("/api/v1/verification/reports/{tid}/verify"), &org.admin, Some(json!({})));
    assert_eq!(r.status, 200, "{}", r.text());
    let r = call(
        app,
        "POST",
        &format!("/api/v1/dispatch/reports/{tid}/assign"),
        &org.instansi_admin,
        Some(json!({ "opd_id": org.dinkes })),
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

/// A new public report, verified, dispatched to Bangka Tengah and assigned to Dinas Kesehatan now.
pub fn assigned_report(app: &TestApp, org: &Org) -> String {
    let (tid, _) = citizen_report(app, "public");
    verify_and_assign(app, org, &tid);
    tid
}
