//! Shared steps of the staff e2e tests: sign-in, setting up the Bangka Tengah organisation, a citizen report.

#![allow(dead_code)]

use lapor_e2e::{Resp, TestApp};
use serde_json::{json, Value};

pub const ADMIN_EMAIL: &str = "admin@lapor.go.id";
pub const ADMIN_PASSWORD: &str = "rahasia-nasional-1708";
/// A minimal PDF (a scan or an answer's letter).
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
/// Monday 30 November 2026, 09:00 WIB.
pub const START: &str = "2026-11-30T02:00:00Z";

/// The app with the bootstrap admin variables and the test clock at [`START`].
pub fn app() -> TestApp {
    app_plus(&[])
}

/// [`app`] with more variables (a sweep token, a provider's URL, ...).
pub fn app_plus(extra: &[(&str, &str)]) -> TestApp {
    lapor_e2e::app_with(&staff_variables(extra))
}

/// The bootstrap admin variables and the test clock at [`START`], then `extra`.
pub fn staff_variables<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut variables =
        vec![("bootstrap_admin_email", ADMIN_EMAIL), ("bootstrap_admin_password", ADMIN_PASSWORD), ("now", START)];
    variables.extend_from_slice(extra);
    variables
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
    let r = post_account(app, by, json!({ "email": email, "name": name, "assignment": assignment }));
    assert_eq!(r.status, 201, "create {email}: {}", r.text());
    let body = r.json();
    set_password(app, &link_token(&body), &password_of(email));
    body["account"]["id"].as_i64().unwrap()
}

/// `POST /api/v1/admin/accounts` (an admin creates an account) with the given body.
pub fn post_account(app: &TestApp, by: &str, body: Value) -> Resp {
    post_as(app, by, "/api/v1/admin/accounts", body)
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

/// Standard base64 of `data` (files in JSON bodies: `data_base64`).
pub fn base64(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(data)
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
    let role = json!({ "role": "instansi_admin", "instansi_id": instansi });
    let instansi_admin = signed_in_account(app, &admin, IADMIN_EMAIL, "Admin Bateng", role);
    let dinkes = opd_id(app, &instansi_admin, instansi, "dinkes");
    let dishub = opd_id(app, &instansi_admin, instansi, "dishub");
    let role = json!({ "role": "opd_liaison", "opd_id": dinkes });
    let liaison_id = create_account(app, &instansi_admin, LIAISON_EMAIL, "Penghubung Dinkes", role);
    let role = json!({ "role": "opd_liaison", "opd_id": dishub });
    create_account(app, &instansi_admin, OTHER_LIAISON_EMAIL, "Penghubung Dishub", role);
    let liaison = login_as(app, LIAISON_EMAIL);
    let other_liaison = login_as(app, OTHER_LIAISON_EMAIL);
    Org { admin, instansi, instansi_admin, dinkes, dishub, liaison_id, liaison, other_liaison }
}

/// Verifies a report as the national admin (`POST /api/v1/verification/reports/{tid}/verify`).
pub fn verify(app: &TestApp, token: &str, tid: &str) -> Resp {
    post_as(app, token, &format!("/api/v1/verification/reports/{tid}/verify"), json!({}))
}

/// Verifies (→ dispatched to Bangka Tengah) and assigns the report to Dinas Kesehatan.
pub fn verify_and_assign(app: &TestApp, org: &Org, tid: &str) {
    let r = verify(app, &org.admin, tid);
    assert_eq!(r.status, 200, "{}", r.text());
    let r = assign(app, &org.instansi_admin, tid, org.dinkes);
    assert_eq!(r.status, 200, "{}", r.text());
}

/// A new public report, verified, dispatched to Bangka Tengah and assigned to Dinas Kesehatan now.
pub fn assigned_report(app: &TestApp, org: &Org) -> String {
    let (tid, _) = citizen_report(app, "public");
    verify_and_assign(app, org, &tid);
    tid
}

/// Bangka Tengah's Inspektorat (created by [`inspektorat`]).
pub const INSP_EMAIL: &str = "inspektorat@bangkatengahkab.go.id";
/// The Ombudsman's mediator (an account the back-office tests create).
pub const MEDIATOR_EMAIL: &str = "mediator@ombudsman.go.id";
/// Bangka Tengah's instansi admin (created by [`organisation`]).
pub const IADMIN_EMAIL: &str = "admin@bangkatengahkab.go.id";
/// The Dinas Kesehatan liaison (created by [`organisation`]).
pub const LIAISON_EMAIL: &str = "penghubung.dinkes@bangkatengahkab.go.id";
/// The Dinas Perhubungan liaison (created by [`organisation`]).
pub const OTHER_LIAISON_EMAIL: &str = "penghubung.dishub@bangkatengahkab.go.id";

/// `POST path` with a bearer token and a JSON body.
pub fn post_as(app: &TestApp, token: &str, path: &str, body: Value) -> Resp {
    call(app, "POST", path, token, Some(body))
}

/// `GET path` with a bearer token.
pub fn get_as(app: &TestApp, token: &str, path: &str) -> Resp {
    call(app, "GET", path, token, None)
}

/// Signs in with the password [`create_account`] gave `email`.
pub fn login_as(app: &TestApp, email: &str) -> String {
    login(app, email, &password_of(email))
}

/// Creates an account with one assignment (as `by`, see [`create_account`]) and signs it in; returns its token.
pub fn signed_in_account(app: &TestApp, by: &str, email: &str, name: &str, assignment: Value) -> String {
    create_account(app, by, email, name, assignment);
    login_as(app, email)
}

/// The OPD's answer to a report (`POST /api/v1/opd/reports/{tid}/answer`).
pub fn answer(app: &TestApp, token: &str, tid: &str, body: &str) -> Resp {
    post_as(app, token, &format!("/api/v1/opd/reports/{tid}/answer"), json!({ "body": body }))
}

/// The OPD asks for more time (`POST /api/v1/opd/reports/{tid}/extension`).
pub fn request_extension(app: &TestApp, token: &str, tid: &str, reason: &str) -> Resp {
    post_as(app, token, &format!("/api/v1/opd/reports/{tid}/extension"), json!({ "reason": reason }))
}

/// Approves or rejects a requested extension (`POST /api/v1/inspektorat/reports/{tid}/extension`).
pub fn decide_extension(app: &TestApp, token: &str, tid: &str, decision: &str) -> Resp {
    post_as(app, token, &format!("/api/v1/inspektorat/reports/{tid}/extension"), json!({ "decision": decision }))
}

/// Assigns a dispatched report to an OPD (`POST /api/v1/dispatch/reports/{tid}/assign`).
pub fn assign(app: &TestApp, token: &str, tid: &str, opd: i64) -> Resp {
    post_as(app, token, &format!("/api/v1/dispatch/reports/{tid}/assign"), json!({ "opd_id": opd }))
}

/// Bangka Barat's instansi admin, created by the national admin and signed in; returns the token.
pub fn babar_admin(app: &TestApp, org: &Org) -> String {
    let babar = instansi_id(app, &org.admin, "Kabupaten Bangka Barat");
    let role = json!({ "role": "instansi_admin", "instansi_id": babar });
    signed_in_account(app, &org.admin, "admin@bangkabaratkab.go.id", "Admin Babar", role)
}

/// Bangka Tengah's Inspektorat, created by the national admin and signed in; returns the token.
pub fn inspektorat(app: &TestApp, org: &Org) -> String {
    let role = json!({ "role": "inspektorat", "instansi_id": org.instansi });
    signed_in_account(app, &org.admin, INSP_EMAIL, "Inspektorat Bateng", role)
}
